/**
 * Reads a spreadsheet users send — CSV (any encoding {@link decodeText} knows, comma, tab or
 * semicolon separated) or XLSX (the first worksheet) — into rows of trimmed strings, each with
 * the row number the user sees in Excel.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText } from './decode-text.js';

/** One row of a table: its 1-based row number in the file and its cells as text. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** The spreadsheet formats {@link readTable} reads. */
export type TableFormat = 'csv' | 'xlsx';

/** What kind of file a name suggests: a readable table, an old-style .xls, or something else. */
export function tableFormatOf(fileName: string): TableFormat | 'xls' | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls' || ext === 'et') return 'xls';
  return undefined;
}

/** Thrown when the bytes cannot be read as the format their name says. */
export class UnreadableTableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadableTableError';
  }
}

/** The separator the header line uses most: comma, tab or semicolon (Chinese full-width comma too). */
function guessDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';', '，'].map((d) => ({ d, n: first.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

function readCsv(bytes: Buffer): TableRow[] {
  const { text } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new UnreadableTableError(`CSV: ${(error as Error).message}`, { cause: error });
  }
  // Record n is row n in Excel, even when a quoted cell spans several lines.
  return records.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim()) }));
}

async function readXlsx(bytes: Buffer): Promise<TableRow[]> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new UnreadableTableError('XLSX: not a zip archive');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableTableError(`XLSX: ${(error as Error).message}`, { cause: error });
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0);
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)).trim());
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

/** The text a cell shows: numbers without exponent (phone numbers), links by their text. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  try {
    return cell.text ?? '';
  } catch {
    return String(v ?? '');
  }
}

/** Reads the rows of a CSV or XLSX file; throws {@link UnreadableTableError} when it cannot. */
export async function readTable(bytes: Buffer, format: TableFormat): Promise<TableRow[]> {
  return format === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}
