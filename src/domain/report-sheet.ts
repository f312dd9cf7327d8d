/**
 * The campaign report's common shapes: what every sheet builder gets (scope, range, zone,
 * translator) and returns (a header and rows of text or numbers), and the workbook writer.
 */
import ExcelJS from 'exceljs';
import { stripMarks } from '../../cards/escape.js';
import type { Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { LedgerScope } from './task-export.js';

/** The report's period [from, to), with the days as typed back (YYYY-MM-DD, `toDay` inclusive). */
export interface ReportRange {
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
}

/** What a sheet builder needs: who reads (scope), the period, the zone and the reader's language. */
export interface ReportInput {
  t: Translate;
  scope: LedgerScope;
  range: ReportRange;
  tz: string;
  now: Date;
  log?: Logger;
}

/** One cell: text, or a number Excel can sum. */
export type ReportCell = string | number;

/** One sheet of the workbook. */
export interface ReportSheet {
  key: 'tasks' | 'signatures' | 'polls' | 'learning' | 'scores';
  name: string;
  header: string[];
  rows: ReportCell[][];
}

/** A percentage 0–100 with one decimal, or '' when there is nothing to divide by. */
export function percent(part: number, whole: number): ReportCell {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : '';
}

/** True when a department (id) is in the reader's scope. */
export function inScope(scope: LedgerScope, deptId: string | null | undefined): boolean {
  return scope.kind === 'all' || (deptId != null && scope.deptIds.includes(deptId));
}

/** Display width of a text in Excel columns (CJK characters count double). */
function textWidth(value: ReportCell): number {
  let w = 0;
  for (const ch of String(value).split('\n')[0] ?? '') w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Text that would start a formula is kept as text. */
function cellValue(value: ReportCell): ReportCell {
  if (typeof value !== 'string') return value;
  const text = stripMarks(value);
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** One workbook, a sheet per part: bold frozen header, readable column widths. */
export async function reportToXlsx(
  sheets: readonly ReportSheet[],
  meta: { creator: string; now: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.now;
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(stripMarks(s.name).slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(s.header.map(cellValue));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(cellValue));
    s.header.forEach((h, i) => {
      const widest = Math.max(textWidth(h), ...s.rows.map((r) => textWidth(r[i] ?? '')));
      sheet.getColumn(i + 1).width = Math.min(Math.max(widest + 2, 8), 60);
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
