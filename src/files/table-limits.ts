/**
 * Hard limits on reading a spreadsheet a user sent, checked while it is parsed (never after),
 * and the parse budget that enforces the unpacked-size and wall-time limits and hands the
 * event loop back to other users between chunks.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** What a table read may cost at most. Every limit is checked while parsing. */
export interface TableLimits {
  /** Data rows below the header (non-blank rows; blank rows do not count). */
  maxRows: number;
  /** Columns that hold a value (empty formatted cells beyond it are ignored). */
  maxColumns: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** Entries of an XLSX shared-strings table. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  /** Bytes of all XLSX parts together once unpacked (as declared, and as inflated). */
  maxUnpackedBytes: number;
  /** Entries of an XLSX archive. */
  maxZipEntries: number;
  /** Bytes of the file itself. */
  maxFileBytes: number;
  /** Wall time a read may take, waits for other users included. */
  timeBudgetMs: number;
}

/** The limits every import reads with; callers set `maxRows` to their own documented cap. */
export const DEFAULT_TABLE_LIMITS: Readonly<TableLimits> = {
  maxRows: 2000,
  maxColumns: 64,
  maxCellChars: 2000,
  maxSharedStrings: 50_000,
  maxSharedChars: 2_000_000,
  maxUnpackedBytes: 20 * 1024 * 1024,
  maxZipEntries: 1000,
  maxFileBytes: 5 * 1024 * 1024,
  timeBudgetMs: 8000,
};

/** Which limit a file broke. */
export type TableLimitKind =
  | 'rows'
  | 'columns'
  | 'cellChars'
  | 'sharedStrings'
  | 'unpacked'
  | 'zipEntries'
  | 'fileBytes'
  | 'time';

/** Thrown as soon as a file breaks a {@link TableLimits} limit; nothing more of it is read. */
export class TableLimitError extends Error {
  constructor(
    readonly kind: TableLimitKind,
    /** The limit itself, in the unit of its kind (rows, columns, characters, bytes, ms). */
    readonly max: number,
    /** The row (as Excel numbers it) where it was broken, when known. */
    readonly line?: number,
    /** The column (1-based) where it was broken, when known. */
    readonly column?: number,
  ) {
    super(
      `table limit ${kind} (${max})${line ? ` at row ${line}` : ''}${column ? `, column ${column}` : ''}`,
    );
    this.name = 'TableLimitError';
  }
}

/** Hands the event loop back at most this long after it was last handed back. */
const SLICE_MS = 8;

/**
 * Tracks one read: the unpacked bytes so far against the limit, the deadline, and when the
 * parser last let other work run.
 */
export class ParseBudget {
  private readonly deadline: number;
  private unpacked = 0;
  private sliceStart = Date.now();

  constructor(readonly limits: TableLimits) {
    this.deadline = Date.now() + limits.timeBudgetMs;
  }

  /** Counts `bytes` more unpacked bytes; throws past the limit. */
  addUnpacked(bytes: number): void {
    this.unpacked += bytes;
    if (this.unpacked > this.limits.maxUnpackedBytes) {
      throw new TableLimitError('unpacked', this.limits.maxUnpackedBytes);
    }
  }

  /** Throws once the wall-time budget is spent. */
  checkTime(): void {
    if (Date.now() > this.deadline) throw new TableLimitError('time', this.limits.timeBudgetMs);
  }

  /** True when the current slice of synchronous work has run long enough to yield. */
  shouldYield(): boolean {
    return Date.now() - this.sliceStart >= SLICE_MS;
  }

  /** Lets other events run (when the slice is used up), then checks the deadline. */
  async pause(): Promise<void> {
    if (this.shouldYield()) {
      await nextTurn();
      this.sliceStart = Date.now();
    }
    this.checkTime();
  }
}
