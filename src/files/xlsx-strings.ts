/**
 * Reads the shared-strings table of an XLSX as a stream, counting entries and characters as
 * they arrive: a table past either limit is refused before the next entry is stored.
 */

import { TableLimitError } from './table-limits.js';
import type { XlsxArchive } from './xlsx-parts.js';
import { readXmlPart } from './xlsx-parts.js';

/** Excel's escape for characters XML cannot carry (`_x000D_`), decoded as exceljs does. */
export function decodeExcelEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/**
 * The shared strings in order. A string longer than a cell may be is kept cut just past the
 * cell limit, so that a cell using it is refused by the cell-length check.
 */
export async function readSharedStrings(archive: XlsxArchive, path: string | undefined): Promise<string[]> {
  if (!path) return [];
  const { limits } = archive.budget;
  const strings: string[] = [];
  let totalChars = 0;
  let current: string[] | undefined;
  let currentLength = 0;
  let inText = false;
  let phoneticDepth = 0;
  await readXmlPart(archive, path, {
    open(name, a) {
      if (name === 'sst') {
        const declared = Number(a.uniqueCount ?? a.count ?? 0);
        if (declared > limits.maxSharedStrings)
          throw new TableLimitError('sharedStrings', limits.maxSharedStrings);
      } else if (name === 'si') {
        current = [];
        currentLength = 0;
      } else if (name === 'rPh') phoneticDepth++;
      else if (name === 't' && current && phoneticDepth === 0) inText = true;
    },
    text(text) {
      if (!inText || !current) return;
      totalChars += text.length;
      if (totalChars > limits.maxSharedChars)
        throw new TableLimitError('sharedStrings', limits.maxSharedStrings);
      if (currentLength <= limits.maxCellChars) {
        current.push(text);
        currentLength += text.length;
      }
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'si' && current) {
        const text = decodeExcelEscapes(current.join(''));
        strings.push(text.length > limits.maxCellChars + 1 ? text.slice(0, limits.maxCellChars + 1) : text);
        if (strings.length > limits.maxSharedStrings)
          throw new TableLimitError('sharedStrings', limits.maxSharedStrings);
        current = undefined;
      }
    },
  });
  return strings;
}
