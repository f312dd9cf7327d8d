/**
 * Reads a CSV under {@link TableLimits} with a small scanner (csv-parse spent seconds on a
 * 1.5 MB file once a per-field hook was added): quoted fields with `""` escapes and line
 * breaks, quotes inside unquoted fields kept as text, fields trimmed, any row width. The file
 * is decoded and scanned in slices — never one 5 MB string — with the event loop handed back
 * between them; each field is checked as it ends (column, length), each record as it ends (rows).
 */
import { isUtf8 } from 'node:buffer';
import type { TableRow } from './read-table.js';
import { type ParseBudget, TableLimitError, type TableLimits } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';

/** Bytes decoded and scanned between two chances for other work to run. */
const SLICE_BYTES = 128 * 1024;
/** Empty fields past the column limit that are tolerated (Excel pads a used range with commas). */
const EMPTY_COLUMN_SLACK = 16;

/** The separator the header line uses most: comma, tab or semicolon (Chinese full-width comma too). */
function guessDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';', '，'].map((d) => ({ d, n: first.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/** The encoding as decodeText picks it (a BOM, else strict UTF-8, else GB18030) and the BOM length. */
function encodingOf(bytes: Buffer): { encoding: string; skip: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', skip: 0 };
}

/** Scans whole records out of text slices, checking each field and record against the limits. */
class CsvScanner {
  readonly rows: TableRow[] = [];
  private line = 1;
  private nonBlank = 0;
  private blankKept = 0;
  private record: string[] = [];
  private fields = 0;
  private readonly fieldEnd: RegExp;

  constructor(
    private readonly limits: TableLimits,
    private readonly delimiter: string,
  ) {
    this.fieldEnd = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g');
  }

  private endOf(text: string, from: number): number {
    this.fieldEnd.lastIndex = from;
    return this.fieldEnd.exec(text)?.index ?? text.length;
  }

  private tooLong(length: number): void {
    if (length > this.limits.maxCellChars * 4 + 64) {
      throw new TableLimitError('cellChars', this.limits.maxCellChars, this.line, this.fields + 1);
    }
  }

  private pushField(raw: string): void {
    const { limits } = this;
    const value = raw.trim();
    const column = ++this.fields;
    if (column > limits.maxColumns) {
      if (value !== '' || column > limits.maxColumns * EMPTY_COLUMN_SLACK) {
        throw new TableLimitError('columns', limits.maxColumns, this.line, column);
      }
      return; // an empty pad column: dropped
    }
    if (value.length > limits.maxCellChars)
      throw new TableLimitError('cellChars', limits.maxCellChars, this.line, column);
    this.record.push(value);
  }

  private endRecord(): void {
    const cells = this.record;
    if (cells.some((c) => c !== '')) {
      if (++this.nonBlank > this.limits.maxRows + 1)
        throw new TableLimitError('rows', this.limits.maxRows, this.line);
      this.rows.push({ line: this.line, cells });
    } else if (this.blankKept++ < this.limits.maxRows) this.rows.push({ line: this.line, cells });
    this.record = [];
    this.fields = 0;
    this.line++;
  }

  /**
   * Scans the records of `text` that end within it (all of them when `final`) and returns
   * where the first unfinished one starts: the caller prepends that rest to the next slice.
   */
  scan(text: string, final: boolean): number {
    const n = text.length;
    let recordStart = 0;
    const unfinished = () => {
      this.record = [];
      this.fields = 0;
      return recordStart;
    };
    let i = 0;
    while (i < n) {
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      let raw: string;
      const quoted = text[j] === '"';
      if (quoted) {
        const parts: string[] = [];
        let length = 0;
        let start = j + 1;
        for (;;) {
          const quote = text.indexOf('"', start);
          if (quote < 0 || (!final && quote === n - 1)) {
            this.tooLong(length + n - start);
            if (!final) return unfinished();
            throw new UnreadableTableError(`CSV: quote not closed (row ${this.line})`);
          }
          length += quote - start;
          this.tooLong(length);
          if (text[quote + 1] === '"') {
            parts.push(text.slice(start, quote + 1));
            start = quote + 2;
            continue;
          }
          parts.push(text.slice(start, quote));
          i = quote + 1;
          break;
        }
        const end = this.endOf(text, i);
        this.tooLong(length + end - i);
        raw = parts.join('') + text.slice(i, end); // text after a closing quote is kept, not refused
        i = end;
      } else {
        const end = this.endOf(text, j);
        this.tooLong(end - i);
        raw = text.slice(i, end);
        i = end;
      }
      if (i >= n || (!final && text[i] === '\r' && i === n - 1)) {
        if (!final) return unfinished();
        this.pushField(raw);
        // A last line of only spaces, without a line break, is no record (as csv-parse reads it).
        if (quoted || this.record.length > 1 || this.record[0] !== '') this.endRecord();
        return n;
      }
      this.pushField(raw);
      if (text[i] === this.delimiter) {
        i++;
        if (i >= n) {
          if (!final) return unfinished();
          this.pushField('');
          this.endRecord();
        }
        continue;
      }
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      this.endRecord();
      recordStart = i;
    }
    return n;
  }
}

/**
 * Rows of a CSV, record n numbered n (as Excel numbers rows, even when a quoted cell spans
 * lines). `sliceBytes` is for tests of records split across slices.
 */
export async function readCsvRows(
  bytes: Buffer,
  budget: ParseBudget,
  sliceBytes = SLICE_BYTES,
): Promise<TableRow[]> {
  const { encoding, skip } = encodingOf(bytes);
  const decoder = new TextDecoder(encoding);
  let scanner: CsvScanner | undefined;
  let rest = '';
  for (let at = skip; at < bytes.length; at += sliceBytes) {
    const text = rest + decoder.decode(bytes.subarray(at, at + sliceBytes), { stream: true });
    scanner ??= new CsvScanner(budget.limits, guessDelimiter(text));
    rest = text.slice(scanner.scan(text, false));
    await budget.pause();
  }
  const text = rest + decoder.decode();
  scanner ??= new CsvScanner(budget.limits, guessDelimiter(text));
  scanner.scan(text, true);
  budget.checkTime();
  return scanner.rows;
}
