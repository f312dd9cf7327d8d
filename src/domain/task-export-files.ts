/**
 * The ledgers as files: one XLSX workbook (one sheet per ledger, a bold frozen header, readable
 * column widths) or one CSV per ledger (UTF-8 with BOM, as Excel on a Chinese Windows expects).
 */
import ExcelJS from 'exceljs';
import { toCsvBytes } from '../files/write-csv.js';
import type { Ledger } from './task-export.js';

/** Excel's limit on sheet names, and the characters it refuses in them. */
function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
  for (let i = 2; used.has(base); i++) base = `${base.slice(0, 28)}(${i})`;
  used.add(base);
  return base;
}

/** Display width of a text in Excel columns (CJK characters count double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s.split('\n')[0] ?? '') w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Cells that would start a formula are kept as text. */
function cellValue(s: string): string {
  return /^[=+\-@]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

/** One workbook holding every ledger as a sheet. */
export async function ledgersToXlsx(
  ledgers: readonly Ledger[],
  meta: { creator: string; now: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.now;
  const used = new Set<string>();
  for (const ledger of ledgers) {
    const sheet = workbook.addWorksheet(sheetName(ledger.name, used), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(ledger.header);
    sheet.getRow(1).font = { bold: true };
    for (const row of ledger.rows) sheet.addRow(row.map(cellValue));
    ledger.header.forEach((h, i) => {
      const widest = Math.max(textWidth(h), ...ledger.rows.map((r) => textWidth(r[i] ?? '')));
      const column = sheet.getColumn(i + 1);
      column.width = Math.min(Math.max(widest + 2, 8), 60);
      column.alignment = { vertical: 'top', wrapText: widest > 58 };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One CSV file per ledger, header first. */
export function ledgerToCsv(ledger: Ledger): Buffer {
  return toCsvBytes([ledger.header, ...ledger.rows]);
}
