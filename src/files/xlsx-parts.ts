/**
 * The small parts of an XLSX that say where the data is and how numbers read: the workbook
 * (sheets in order, their visibility, the 1904 date system), its relationships and the cell
 * styles that make a number a date. Each is inflated under the read's budget.
 */
import type { ParseBudget } from './table-limits.js';
import { UnreadableTableError } from './unreadable-table-error.js';
import { createXmlStream, prefixedAttribute, type XmlHandlers } from './xml-events.js';
import { inflateEntry, type ZipEntry } from './zip-entries.js';

/** The archive and the budget every part of one read is inflated under. */
export interface XlsxArchive {
  bytes: Buffer;
  entries: Map<string, ZipEntry>;
  budget: ParseBudget;
}

/** A worksheet of the workbook, in workbook order. */
export interface SheetRef {
  name: string;
  visible: boolean;
  path: string;
}

/** Where the data of a workbook is, and how its numbers read. */
export interface WorkbookLayout {
  sheets: SheetRef[];
  sharedStringsPath?: string;
  stylesPath?: string;
  date1904: boolean;
}

/** Streams one part of the archive into `handlers`; false when the part does not exist. */
export async function readXmlPart(
  archive: XlsxArchive,
  path: string,
  handlers: XmlHandlers,
): Promise<boolean> {
  const entry = archive.entries.get(path);
  if (!entry) return false;
  const xml = createXmlStream(path, handlers);
  await inflateEntry(archive.bytes, entry, archive.budget, (chunk) => xml.write(chunk));
  xml.end();
  return true;
}

interface Relationship {
  type: string;
  target: string;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

async function readRelationships(archive: XlsxArchive, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await readXmlPart(archive, part === '' ? '_rels/.rels' : relsPathOf(part), {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) {
        rels.set(a.Id, { type: a.Type ?? '', target: resolvePath(part, a.Target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

const ignore = { close() {}, text() {} };

/** Reads the package and workbook relationships and the workbook's sheet list. */
export async function readWorkbookLayout(archive: XlsxArchive): Promise<WorkbookLayout> {
  const root = await readRelationships(archive, '');
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  const rels = await readRelationships(archive, workbookPath);
  const listed: Array<{ name: string; visible: boolean; rid: string }> = [];
  let date1904 = false;
  const found = await readXmlPart(archive, workbookPath, {
    ...ignore,
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        listed.push({
          name: a.name ?? '',
          visible: !a.state || a.state === 'visible',
          rid: prefixedAttribute(a, 'id') ?? '',
        });
      }
    },
  });
  if (!found) throw new UnreadableTableError('XLSX: no workbook');
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sheets: SheetRef[] = [];
  for (const s of listed) {
    const rel = rels.get(s.rid);
    if (rel?.type.endsWith('/worksheet')) sheets.push({ name: s.name, visible: s.visible, path: rel.target });
  }
  const sharedStringsPath = byType('/sharedStrings');
  const stylesPath = byType('/styles');
  return {
    sheets,
    date1904,
    ...(sharedStringsPath ? { sharedStringsPath } : {}),
    ...(stylesPath ? { stylesPath } : {}),
  };
}

/** Built-in number formats that show a date or time (as exceljs reads them). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** True for a format code that shows a date or time (the rule exceljs applies). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** For each cell style index (`s` of a cell): whether it shows numbers as dates. */
export async function readDateStyles(archive: XlsxArchive, path: string | undefined): Promise<boolean[]> {
  if (!path) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await readXmlPart(archive, path, {
    text() {},
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfFormats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}
