/**
 * Reads a CSV under {@link TableLimits} with a small scanner (csv-parse spent seconds on a
 * 1.5 MB file once a per-field hook was added): quoted fields with `""` escapes and line
 * breaks, quotes inside unquoted fields kept as text, fields trimmed, any row width. Each
 * field is checked as it ends (column, length) and each record as it ends (rows); the event
 * loop is handed back between slices of the text.
 */
import { decodeText } from './decode-text.js';
import type { TableRow } from './read-table.js';
import { type ParseBudget, TableLimitError, type TableLimits } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';

/** Characters scanned between two chances for other work to run. */
const SLICE_CHARS = 64 * 1024;
/** Empty fields past the column limit that are tolerated (Excel pads a used range with commas). */
const EMPTY_COLUMN_SLACK = 16;

/** The separator the header line uses most: comma, tab or semicolon (Chinese full-width comma too). */
function guessDelimiter(text: string): string {
  const first = text.slice(0, 64 * 1024).split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';', '，'].map((d) => ({ d, n: first.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/** Records as they end: the row limit on non-blank ones, a few blank ones kept (they mean nothing). */
class RecordSink {
  readonly rows: TableRow[] = [];
  private nonBlank = 0;
  private blankKept = 0;

  constructor(private readonly limits: TableLimits) {}

  add(line: number, cells: string[]): void {
    if (cells.some((c) => c !== '')) {
      if (++this.nonBlank > this.limits.maxRows + 1) throw new TableLimitError('rows', this.limits.maxRows, line);
      this.rows.push({ line, cells });
    } else if (this.blankKept++ < this.limits.maxRows) this.rows.push({ line, cells });
  }
}

/** Rows of a CSV, record n numbered n (as Excel numbers rows, even when a quoted cell spans lines). */
export async function readCsvRows(bytes: Buffer, budget: ParseBudget): Promise<TableRow[]> {
  const { limits } = budget;
  const { text } = decodeText(bytes);
  const delimiter = guessDelimiter(text);
  const sink = new RecordSink(limits);
  const n = text.length;
  const fieldEnd = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g');
  const endOf = (from: number) => {
    fieldEnd.lastIndex = from;
    return fieldEnd.exec(text)?.index ?? n;
  };
  let record: string[] = [];
  let fields = 0;
  let line = 1;
  let nextPause = SLICE_CHARS;

  const pushField = (raw: string) => {
    const value = raw.trim();
    const column = ++fields;
    if (column > limits.maxColumns) {
      if (value !== '' || column > limits.maxColumns * EMPTY_COLUMN_SLACK) {
        throw new TableLimitError('columns', limits.maxColumns, line, column);
      }
      return; // an empty pad column: dropped
    }
    if (value.length > limits.maxCellChars) throw new TableLimitError('cellChars', limits.maxCellChars, line, column);
    record.push(value);
  };
  const endRecord = () => {
    sink.add(line, record);
    record = [];
    fields = 0;
    line++;
  };
  const tooLong = (length: number) => {
    if (length > limits.maxCellChars * 4 + 64) {
      throw new TableLimitError('cellChars', limits.maxCellChars, line, fields + 1);
    }
  };

  let i = 0;
  while (i < n) {
    if (i >= nextPause) {
      await budget.pause();
      nextPause = i + SLICE_CHARS;
    }
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
        if (quote < 0) {
          tooLong(length + n - start);
          throw new UnreadableTableError(`CSV: quote not closed (row ${line})`);
        }
        length += quote - start;
        tooLong(length);
        if (text[quote + 1] === '"') {
          parts.push(text.slice(start, quote + 1));
          start = quote + 2;
          continue;
        }
        parts.push(text.slice(start, quote));
        i = quote + 1;
        break;
      }
      const end = endOf(i);
      tooLong(length + end - i);
      raw = parts.join('') + text.slice(i, end); // text after a closing quote is kept, not refused
      i = end;
    } else {
      const end = endOf(j);
      tooLong(end - i);
      raw = text.slice(i, end);
      i = end;
    }
    pushField(raw);
    if (i >= n) {
      // A last line of only spaces, without a line break, is no record (as csv-parse reads it).
      if (quoted || record.length > 1 || record[0] !== '') endRecord();
      break;
    }
    if (text[i] === delimiter) {
      i++;
      if (i >= n) {
        pushField('');
        endRecord();
      }
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRecord();
  }
  budget.checkTime();
  return sink.rows;
}
