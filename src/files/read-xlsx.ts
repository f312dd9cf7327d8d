/**
 * Reads the first visible, non-empty worksheet of an XLSX under {@link TableLimits}: the zip's
 * central directory first, then the workbook layout, styles, shared strings and the sheet,
 * each inflated and parsed as a stream. Nothing is inflated whole before it is checked.
 */
import type { TableRow } from './read-table.js';
import type { ParseBudget } from './table-limits.js';
import { readDateStyles, readWorkbookLayout, type XlsxArchive } from './xlsx-parts.js';
import { readSheetRows } from './xlsx-sheet.js';
import { readSharedStrings } from './xlsx-strings.js';
import { readZipDirectory } from './zip-entries.js';

/** Rows of the sheet an import reads; [] when every visible sheet is empty. */
export async function readXlsxRows(bytes: Buffer, budget: ParseBudget): Promise<TableRow[]> {
  const archive: XlsxArchive = { bytes, entries: readZipDirectory(bytes, budget), budget };
  const layout = await readWorkbookLayout(archive);
  const dateStyles = await readDateStyles(archive, layout.stylesPath);
  const shared = await readSharedStrings(archive, layout.sharedStringsPath);
  for (const sheet of layout.sheets) {
    if (!sheet.visible) continue;
    const rows = await readSheetRows(archive, sheet.path, { shared, dateStyles, date1904: layout.date1904 });
    if (rows.length > 0) return rows;
  }
  return [];
}
