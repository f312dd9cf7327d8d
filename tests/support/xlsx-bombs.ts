/**
 * Hostile XLSX files built byte by byte (a minimal ZIP writer and the five parts Excel needs),
 * for the bounded-import tests and `npm run bench:imports`: wide rows, a shared-strings bomb,
 * entries that declare or inflate to hundreds of MB, and a lying size header.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One file to put in the archive; `raw` gives its compressed bytes and sizes by hand. */
export interface ZipPart {
  name: string;
  data?: Buffer | string;
  raw?: { compressed: Buffer; size: number; crc?: number };
}

/** Writes a ZIP archive (deflate) with a central directory, as Excel would. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const compressed = part.raw?.compressed ?? deflateRawSync(data ?? Buffer.alloc(0));
    const size = part.raw?.size ?? data?.length ?? 0;
    const crc = part.raw?.crc ?? (data ? crc32(data) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

function sharedStringsXml(strings: string[]): string {
  const items = strings.map((s) => `<si><t>${s}</t></si>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`;
}

/** An XLSX of one sheet whose XML is given (rows only), with the shared strings given. */
export function xlsxWithSheet(
  rowsXml: string | ZipPart['raw'],
  shared: string[] | ZipPart['raw'] = ['姓名', '部门'],
): Buffer {
  const sheet: ZipPart =
    typeof rowsXml === 'string'
      ? { name: 'xl/worksheets/sheet1.xml', data: SHEET_HEAD + rowsXml + SHEET_TAIL }
      : { name: 'xl/worksheets/sheet1.xml', raw: rowsXml };
  const strings: ZipPart = Array.isArray(shared)
    ? { name: 'xl/sharedStrings.xml', data: sharedStringsXml(shared) }
    : { name: 'xl/sharedStrings.xml', raw: shared };
  return writeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    strings,
    sheet,
  ]);
}

/** A header row, then `rows` rows each with a name in A and one number in column XFD. */
export function wideRowsBomb(rows = 600): Buffer {
  let xml = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
  for (let r = 2; r <= rows + 1; r++)
    xml += `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="XFD${r}"><v>${r}</v></c></row>`;
  return xlsxWithSheet(xml);
}

/**
 * A shared-strings table of `count` entries (17 bytes each unpacked, under the unpacked limit;
 * about 40 KB packed) whose header claims a single entry, behind a one-cell sheet.
 */
export function sharedStringsBomb(count = 1_000_000): Buffer {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">',
  );
  const item = Buffer.from('<si><t>x</t></si>');
  const body = Buffer.alloc(item.length * count);
  for (let i = 0; i < count; i++) item.copy(body, i * item.length);
  const data = Buffer.concat([head, body, Buffer.from('</sst>')]);
  return xlsxWithSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
    compressed: deflateRawSync(data, { level: 9 }),
    size: data.length,
  });
}

/**
 * A raw deflate stream of `megabytes` MB of spaces built from one self-contained 1 MB block
 * repeated (no need to compress hundreds of MB in a test): about 1 KB per MB.
 */
export function spacesDeflate(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), {
    finishFlush: constants.Z_FULL_FLUSH,
    level: 9,
  });
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A sheet part that honestly declares `megabytes` MB unpacked (spaces). */
export function declaredHugeBomb(megabytes = 500): Buffer {
  return xlsxWithSheet({ compressed: spacesDeflate(megabytes), size: megabytes * 1024 * 1024 });
}

/** A sheet part that declares 2 KB but inflates to `megabytes` MB: the header lies. */
export function lyingHeaderBomb(megabytes = 500): Buffer {
  return xlsxWithSheet({ compressed: spacesDeflate(megabytes), size: 2048 });
}

/** A sheet of many small rows (a few hundred KB packed): the row limit stops it. */
export function manyRowsBomb(rows = 100_000): Buffer {
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return xlsxWithSheet(parts.join(''));
}
