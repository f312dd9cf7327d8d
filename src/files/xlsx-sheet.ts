/**
 * Reads one worksheet of an XLSX as a stream into rows of cell text, the way exceljs shows
 * them (numbers without exponent, dates as JS date text, merged cells repeating the top-left
 * value), refusing as soon as a value sits beyond the column limit, a cell is too long or
 * the row limit is passed.
 */
import type { TableRow } from './read-table.js';
import { TableLimitError, type TableLimits } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';
import { readXmlPart, type XlsxArchive } from './xlsx-parts.js';

/** What cell text depends on besides the sheet itself. */
export interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** Columns of a cell reference (`B7` → 2); 0 when it has none. Letters beyond XFD give a large number. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) return col;
    col = col * 26 + (code - 64);
  }
  return col;
}

function splitRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  return m ? { col: columnOf(m[1]!), row: Number(m[2]) } : undefined;
}

function excelDateText(serial: number, date1904: boolean): string {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toString();
}

function numberText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

interface OpenCell {
  col: number;
  type: string;
  style: number;
  formula: boolean;
  value: string[];
  length: number;
  hasValue: boolean;
}

/** Rows collected so far, with the counts the row limit is checked on. */
class RowCollector {
  readonly rows = new Map<number, string[]>();
  private nonBlank = 0;
  private blankKept = 0;

  constructor(private readonly limits: TableLimits) {}

  add(line: number, cells: string[]): void {
    const blank = cells.every((c) => c === '');
    if (!blank) {
      this.nonBlank++;
      // The header and maxRows data rows; one more is refused at once.
      if (this.nonBlank > this.limits.maxRows + 1)
        throw new TableLimitError('rows', this.limits.maxRows, line);
    } else if (this.blankKept++ >= this.limits.maxRows) return; // blank rows mean nothing: keep a few
    this.rows.set(line, cells);
  }
}

/** Applies merged ranges the way exceljs does: every cell of a range shows its top-left value. */
function applyMerges(rows: Map<number, string[]>, merges: string[], limits: TableLimits): void {
  let area = 0;
  for (const ref of merges) {
    const [from, to] = ref.split(':');
    const a = from ? splitRef(from) : undefined;
    const b = to ? splitRef(to) : a;
    if (!a || !b) continue;
    const [r1, r2] = a.row <= b.row ? [a.row, b.row] : [b.row, a.row];
    const [c1, c2] = a.col <= b.col ? [a.col, b.col] : [b.col, a.col];
    if (c2 > limits.maxColumns) throw new TableLimitError('columns', limits.maxColumns, r1, c2);
    area += (r2 - r1 + 1) * (c2 - c1 + 1);
    if (r2 - r1 > limits.maxRows || area > (limits.maxRows + 1) * limits.maxColumns) {
      throw new TableLimitError('rows', limits.maxRows, r1);
    }
    const master = rows.get(r1)?.[c1 - 1] ?? '';
    for (let r = r1; r <= r2; r++) {
      const cells = rows.get(r) ?? [];
      while (cells.length < c2) cells.push('');
      for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) cells[c - 1] = master;
      rows.set(r, cells);
    }
  }
}

/**
 * Reads the sheet at `path`; rows come back in row order, only rows with a value (as exceljs
 * `eachRow` gives them), each as wide as its last cell.
 */
export async function readSheetRows(
  archive: XlsxArchive,
  path: string,
  context: SheetContext,
): Promise<TableRow[]> {
  const { budget } = archive;
  const { limits } = budget;
  const collected = new RowCollector(limits);
  const merges: string[] = [];
  let rowNumber = 0;
  let rowCells: string[] | undefined;
  let rowWidth = 0;
  let rowHasValue = false;
  let lastCol = 0;
  let cell: OpenCell | undefined;
  let capture: 'v' | 't' | undefined;
  let phoneticDepth = 0;
  let inlineDepth = 0;

  const cellText = (c: OpenCell): string => {
    const v = c.value.join('');
    const isDate = context.dateStyles[c.style] === true;
    if (c.formula) {
      if (!c.hasValue) return '';
      if (c.type === 'str' || c.type === 'e') return v;
      if (c.type === 'b') return Number.parseInt(v, 10) !== 0 ? 'true' : '';
      const n = Number.parseFloat(v);
      if (!n) return '';
      return isDate ? excelDateText(n, context.date1904) : String(n);
    }
    switch (c.type) {
      case 's': {
        const text = context.shared[Number.parseInt(v, 10)];
        if (text === undefined) throw new UnreadableTableError(`XLSX ${path}: shared string ${v} missing`);
        return text;
      }
      case 'str':
      case 'inlineStr':
      case 'e':
        return v;
      case 'b':
        return Number.parseInt(v, 10) !== 0 ? 'true' : 'false';
      default: {
        const n = Number.parseFloat(v);
        return isDate ? excelDateText(n, context.date1904) : numberText(n);
      }
    }
  };

  const closeCell = (c: OpenCell) => {
    if (!c.hasValue) {
      // An empty cell with a style is kept (as exceljs does) when it is within the limit.
      if (c.style > 0 && c.col <= limits.maxColumns && rowCells) rowWidth = Math.max(rowWidth, c.col);
      return;
    }
    if (c.col > limits.maxColumns) throw new TableLimitError('columns', limits.maxColumns, rowNumber, c.col);
    const text = cellText(c).trim();
    if (text.length > limits.maxCellChars)
      throw new TableLimitError('cellChars', limits.maxCellChars, rowNumber, c.col);
    if (!rowCells) return;
    rowCells[c.col - 1] = text;
    rowWidth = Math.max(rowWidth, c.col);
    rowHasValue = true;
  };

  const found = await readXmlPart(archive, path, {
    open(name, a) {
      if (cell) {
        if (name === 'rPh') phoneticDepth++;
        else if (name === 'f') cell.formula = true;
        else if (name === 'is') inlineDepth++;
        else if (name === 'v') capture = 'v';
        else if (name === 't' && inlineDepth > 0 && phoneticDepth === 0) capture = 't';
        return;
      }
      if (name === 'row') {
        rowNumber = a.r ? Number.parseInt(a.r, 10) : rowNumber + 1;
        if (!(rowNumber > 0)) throw new UnreadableTableError(`XLSX ${path}: bad row number ${a.r}`);
        rowCells = [];
        rowWidth = 0;
        rowHasValue = false;
        lastCol = 0;
        budget.checkTime();
      } else if (name === 'c') {
        const col = a.r ? columnOf(a.r) || lastCol + 1 : lastCol + 1;
        lastCol = col;
        cell = {
          col,
          type: a.t ?? 'n',
          style: Number(a.s ?? 0) || 0,
          formula: false,
          value: [],
          length: 0,
          hasValue: false,
        };
      } else if (name === 'mergeCell' && a.ref) merges.push(a.ref);
    },
    text(text) {
      if (!cell || !capture) return;
      cell.value.push(text);
      cell.length += text.length;
      cell.hasValue = true;
      // Stop a runaway cell while it streams in (its text is trimmed and checked exactly at its end).
      if (cell.length > limits.maxCellChars * 4 + 64) {
        throw new TableLimitError('cellChars', limits.maxCellChars, rowNumber, cell.col);
      }
    },
    close(name) {
      if (!cell) {
        if (name === 'row' && rowCells) {
          if (rowHasValue)
            collected.add(
              rowNumber,
              Array.from({ length: rowWidth }, (_, i) => rowCells![i] ?? ''),
            );
          rowCells = undefined;
        }
        return;
      }
      if (name === 'rPh') phoneticDepth--;
      else if (name === 'is') inlineDepth--;
      else if (name === 'v' || name === 't') capture = undefined;
      else if (name === 'c') {
        const closing = cell;
        cell = undefined;
        capture = undefined;
        phoneticDepth = 0;
        inlineDepth = 0;
        closeCell(closing);
      }
    },
  });
  if (!found) throw new UnreadableTableError(`XLSX: worksheet ${path} missing`);
  if (merges.length > 0) {
    applyMerges(collected.rows, merges, limits);
    const recount = new RowCollector(limits);
    for (const line of [...collected.rows.keys()].sort((x, y) => x - y))
      recount.add(line, collected.rows.get(line)!);
    return toRows(recount.rows);
  }
  return toRows(collected.rows);
}

function toRows(rows: Map<number, string[]>): TableRow[] {
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([line, cells]) => ({ line, cells }));
}
