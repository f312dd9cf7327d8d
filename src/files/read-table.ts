/**
 * Reads a spreadsheet users send — CSV (any encoding {@link decodeText} knows, comma, tab or
 * semicolon separated) or XLSX (the first visible, non-empty worksheet) — into rows of trimmed
 * strings, each with the row number the user sees in Excel. Every read is bounded by
 * {@link TableLimits}, checked while parsing; a file past one is refused with
 * {@link TableLimitError} before the rest of it is read.
 */
import { readCsvRows } from './read-csv.js';
import { readXlsxRows } from './read-xlsx.js';
import { DEFAULT_TABLE_LIMITS, ParseBudget, TableLimitError, type TableLimits } from './table-limits.js';

export { DEFAULT_TABLE_LIMITS, TableLimitError, type TableLimits } from './table-limits.js';
export { UnreadableTableError } from './unreadable-table-error.js';

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

/**
 * Reads the rows of a CSV or XLSX file. Throws {@link UnreadableTableError} when it cannot,
 * {@link TableLimitError} when the file passes one of `limits` (defaults for the rest).
 */
export async function readTable(
  bytes: Buffer,
  format: TableFormat,
  limits: Partial<TableLimits> = {},
): Promise<TableRow[]> {
  const budget = new ParseBudget({ ...DEFAULT_TABLE_LIMITS, ...limits });
  if (bytes.length > budget.limits.maxFileBytes)
    throw new TableLimitError('fileBytes', budget.limits.maxFileBytes);
  return format === 'csv' ? readCsvRows(bytes, budget) : readXlsxRows(bytes, budget);
}
