/**
 * Reads a CSV under {@link TableLimits}: csv-parse as a stream fed in slices (the event loop
 * is handed back between them), each field checked as it completes (column, length) and each
 * record counted as it ends, so a file past a limit is refused where it breaks it.
 */
import { type CastingContext, CsvError, parse } from 'csv-parse';
import { decodeText } from './decode-text.js';
import type { TableRow } from './read-table.js';
import { type ParseBudget, TableLimitError } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';

/** Characters handed to the parser between two chances for other work to run. */
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

/** Rows of a CSV, record n numbered n (as Excel numbers rows, even when a quoted cell spans lines). */
export async function readCsvRows(bytes: Buffer, budget: ParseBudget): Promise<TableRow[]> {
  const { limits } = budget;
  const { text } = decodeText(bytes);
  const rows: TableRow[] = [];
  let nonBlank = 0;
  let blankKept = 0;
  let failure: unknown;
  const parser = parse({
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    max_record_size: limits.maxColumns * (limits.maxCellChars + 1),
    cast(value: string, context: CastingContext) {
      const line = context.records + 1;
      if (context.index >= limits.maxColumns && (value !== '' || context.index >= limits.maxColumns * EMPTY_COLUMN_SLACK)) {
        throw new TableLimitError('columns', limits.maxColumns, line, context.index + 1);
      }
      if (value.length > limits.maxCellChars) throw new TableLimitError('cellChars', limits.maxCellChars, line, context.index + 1);
      return value;
    },
    on_record(record: string[], context) {
      const line = context.records; // already counts this record
      const cells = record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record;
      if (cells.some((c) => c !== '')) {
        if (++nonBlank > limits.maxRows + 1) throw new TableLimitError('rows', limits.maxRows, line);
        rows.push({ line, cells });
      } else if (blankKept++ < limits.maxRows) rows.push({ line, cells });
      if (line % 256 === 0) budget.checkTime();
      return null;
    },
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  parser.resume();
  for (let at = 0; at < text.length && failure === undefined; at += SLICE_CHARS) {
    parser.write(text.slice(at, at + SLICE_CHARS));
    await budget.pause();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw toTableError(failure, limits.maxCellChars);
  return rows;
}

function toTableError(error: unknown, maxCellChars: number): Error {
  if (error instanceof TableLimitError) return error;
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
    return new TableLimitError('cellChars', maxCellChars, ((error as CsvError & { records?: number }).records ?? 0) + 1);
  }
  return new UnreadableTableError(`CSV: ${(error as Error).message}`, { cause: error });
}
