/**
 * A bounded ZIP reader for XLSX files: the central directory is read first (entry count and
 * declared unpacked sizes checked before anything is inflated), then single entries are
 * inflated as a stream that stops as soon as an entry outgrows its declared size or the
 * read's unpacked budget — headers can lie, so both are enforced while inflating.
 */
import { createInflateRaw } from 'node:zlib';
import { type ParseBudget, TableLimitError } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';

/** One file of the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function broken(what: string): UnreadableTableError {
  return new UnreadableTableError(`XLSX: ${what}`);
}

function u64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw broken('zip64 field out of range');
  return Number(value);
}

function findEndRecord(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw broken('no end of central directory');
}

/** Entry count, central directory size and offset, zip64 records followed. */
function readDirectoryBounds(bytes: Buffer): { count: number; size: number; offset: number } {
  const end = findEndRecord(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) throw broken('zip64 locator missing');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_EOCD)
      throw broken('zip64 end missing');
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (offset + size > bytes.length) throw broken('central directory outside the file');
  return { count, size, offset };
}

/** Sizes and offset that the zip64 extra field (0x0001) carries for fields set to 0xffffffff. */
function applyZip64Extra(bytes: Buffer, from: number, to: number, entry: ZipEntry): void {
  for (let at = from; at + 4 <= to; ) {
    const id = bytes.readUInt16LE(at);
    const length = bytes.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        if (field + 8 > at + 4 + length) throw broken('zip64 extra field too short');
        const value = u64(bytes, field);
        field += 8;
        return value;
      };
      if (entry.size === MAX32) entry.size = take();
      if (entry.compressedSize === MAX32) entry.compressedSize = take();
      if (entry.localOffset === MAX32) entry.localOffset = take();
      return;
    }
    at += 4 + length;
  }
}

/**
 * Lists the archive's entries by name. Throws {@link TableLimitError} when there are too many
 * or their declared unpacked sizes add up past the budget's limit, before inflating anything.
 */
export function readZipDirectory(bytes: Buffer, budget: ParseBudget): Map<string, ZipEntry> {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL) throw broken('not a zip archive');
  const { limits } = budget;
  const { count, size, offset } = readDirectoryBounds(bytes);
  if (count > limits.maxZipEntries) throw new TableLimitError('zipEntries', limits.maxZipEntries);
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || bytes.readUInt32LE(at) !== CENTRAL) throw broken('bad central directory');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const flags = bytes.readUInt16LE(at + 8);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw broken('bad central directory');
    const entry: ZipEntry = {
      name: bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, nameEnd),
      method: bytes.readUInt16LE(at + 10),
      flags,
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    applyZip64Extra(bytes, nameEnd, nameEnd + extraLength, entry);
    declared += entry.size;
    if (declared > limits.maxUnpackedBytes) throw new TableLimitError('unpacked', limits.maxUnpackedBytes);
    if (!entries.has(entry.name)) entries.set(entry.name, entry);
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL)
    throw broken(`bad local header of ${entry.name}`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw broken(`${entry.name} runs past the end of the file`);
  return bytes.subarray(start, end);
}

/**
 * Inflates one entry, handing each unpacked chunk to `onChunk` (which may throw to stop).
 * Stops with an error once the entry outgrows its declared size or the budget's unpacked
 * limit, or the time budget is spent; the event loop stays free while zlib works.
 */
export async function inflateEntry(
  bytes: Buffer,
  entry: ZipEntry,
  budget: ParseBudget,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  if (entry.flags & 0x1) throw broken(`${entry.name} is encrypted`);
  const data = entryData(bytes, entry);
  let produced = 0;
  const take = (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > entry.size) throw broken(`${entry.name} unpacks beyond its declared size`);
    budget.addUnpacked(chunk.length);
    budget.checkTime();
    onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += 64 * 1024) {
      take(data.subarray(at, at + 64 * 1024));
      await budget.pause();
    }
    return;
  }
  if (entry.method !== 8) throw broken(`${entry.name}: compression method ${entry.method}`);
  await new Promise<void>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 32 * 1024 });
    let stopped = false;
    const stop = (error: unknown) => {
      if (stopped) return;
      stopped = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (stopped) return;
      try {
        take(chunk);
      } catch (error) {
        stop(error);
      }
    });
    inflater.on('error', (error) => stop(broken(`${entry.name}: ${error.message}`)));
    inflater.on('end', () => {
      if (stopped) return;
      stopped = true;
      resolve();
    });
    inflater.end(data);
  });
}
