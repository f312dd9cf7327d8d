/**
 * Writes CSV that Excel opens correctly on a Chinese Windows: UTF-8 with a BOM, CRLF line ends,
 * RFC 4180 quoting, and cells that would start a formula prefixed with an apostrophe.
 */

import { stripMarks } from '../../cards/escape.js';

const BOM = '\uFEFF';

/** One cell: `=1+1` and friends would run as formulas in Excel, so they are neutralised. */
export function csvCell(value: string | number | null | undefined): string {
  // Text from `t()` carries invisible user-text marks (cards/escape.ts): drop them first.
  let s = value === null || value === undefined ? '' : stripMarks(String(value));
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file (header first) as bytes: UTF-8 with BOM, CRLF. */
export function toCsvBytes(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): Buffer {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return Buffer.from(`${BOM}${text}\r\n`, 'utf8');
}
