/**
 * The bounded table reader: for valid workbooks it gives exactly what the former exceljs
 * reader gave (kept here as the oracle), and every limit is enforced while parsing, each
 * refusal naming its limit, row and column.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/files/read-csv.js';
import {
  readTable,
  TableLimitError,
  type TableRow,
  UnreadableTableError,
} from '../../src/files/read-table.js';
import { DEFAULT_TABLE_LIMITS, ParseBudget } from '../../src/files/table-limits.js';
import {
  declaredHugeBomb,
  lyingHeaderBomb,
  manyRowsBomb,
  sharedStringsBomb,
  wideRowsBomb,
  xlsxWithSheet,
} from '../support/xlsx-bombs.js';

/** The reader before limits: exceljs loads the whole workbook (safe only on small, valid files). */
async function readWithExceljs(bytes: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0);
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      const v = cell.value;
      const text =
        typeof v === 'number' ? (Number.isInteger(v) ? BigInt(v).toString() : String(v)) : (cell.text ?? '');
      cells.push(String(text).trim());
    }
    rows.push({ line, cells });
  });
  return rows;
}

async function richWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['不应读取']);
  wb.addWorksheet('空表');
  const ws = wb.addWorksheet('台账');
  ws.addRow(['任务', '负责人', '截止时间', '数量', '完成', '备注', '链接']);
  ws.addRow([
    '  整改台账 ',
    13800000001,
    new Date(Date.UTC(2026, 2, 31, 17, 30)),
    2.5,
    true,
    { richText: [{ text: '加粗', font: { bold: true } }, { text: '普通' }] },
    { text: '制度文件', hyperlink: 'https://example.gov.cn/a' },
  ]);
  ws.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
  ws.addRow([]);
  ws.addRow(['合并部门', '', { formula: 'D2*2', result: 5 }, 1e21, false, 'a & <b> "c"', '']);
  ws.addRow(['', '张三', { formula: 'A4&"x"', result: '合并部门x' }]);
  ws.mergeCells('A4:A6');
  ws.getCell('B6').value = '李四';
  ws.getCell('J7').value = '远处';
  ws.getCell('M7').border = { top: { style: 'thin' } };
  ws.getCell('A9').value = '行 9\n第二行';
  ws.getCell('C9').value = new Date(Date.UTC(2026, 0, 5));
  ws.getCell('C9').numFmt = 'mm-dd-yy';
  ws.getCell('D9').value = 42;
  ws.getCell('D9').numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<TableLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableLimitError);
  return error as TableLimitError;
}

describe('readTable on valid workbooks', () => {
  it('gives what exceljs gave: types, dates, merges, styled empty cells, hidden and empty sheets', async () => {
    const bytes = await richWorkbook();
    const expected = await readWithExceljs(bytes);
    expect(expected.length).toBeGreaterThan(5);
    expect(await readTable(bytes, 'xlsx')).toEqual(expected);
  });

  it('reads the member import XLSX as before', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '手机号', '部门', '角色']);
    for (let i = 0; i < 300; i++)
      ws.addRow([`干部${i}`, 13900000000 + i, i % 2 ? '办公室' : '财务处', i % 7 ? '' : '领导']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readTable(bytes, 'xlsx')).toEqual(await readWithExceljs(bytes));
  });

  it('accepts exactly the row cap and up to 64 columns, and ignores empty formatted cells beyond them', async () => {
    let xml = `<row r="1">${Array.from({ length: 64 }, (_, i) => `<c r="${colName(i + 1)}1" t="s"><v>0</v></c>`).join('')}<c r="XFD1" s="1"/></row>`;
    for (let r = 2; r <= 11; r++) xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    const rows = await readTable(xlsxWithSheet(xml), 'xlsx', { maxRows: 10 });
    expect(rows).toHaveLength(11);
    expect(rows[0]!.cells).toHaveLength(64);
    await refusal(
      readTable(xlsxWithSheet(`${xml}<row r="12"><c r="A12"><v>1</v></c></row>`), 'xlsx', { maxRows: 10 }),
    );
  });
});

describe('readTable on CSV', () => {
  it('reads 2,000 random small CSV texts exactly as csv-parse did (where csv-parse read them at all)', async () => {
    const alphabet = ['a', 'b', ',', ',', '"', '\n', ' ', '\r\n', '中', '\t'];
    let seed = 13;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let compared = 0;
    for (let k = 0; k < 2000; k++) {
      let text = '姓名,部门\n';
      const length = 1 + Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      let expected: string[][];
      try {
        expected = (
          parse(text, {
            delimiter: ',',
            relax_column_count: true,
            relax_quotes: true,
            trim: true,
          }) as string[][]
        ).map((r) => r.map((c) => c.trim()));
      } catch {
        continue; // csv-parse refused it (a stray closing quote); the scanner is more lenient
      }
      compared++;
      const rows = await readTable(Buffer.from(text), 'csv');
      expect(
        rows.map((r) => r.cells),
        JSON.stringify(text),
      ).toEqual(expected);
      expect(rows.map((r) => r.line)).toEqual(expected.map((_, i) => i + 1));
      // The same when the bytes arrive in slices of 1 to 7 bytes (records and characters split).
      const slice = 1 + (k % 7);
      const sliced = await readCsvRows(Buffer.from(text), new ParseBudget(DEFAULT_TABLE_LIMITS), slice);
      expect(sliced, `${JSON.stringify(text)} in slices of ${slice}`).toEqual(rows);
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

describe('readTable limits, checked while parsing', () => {
  it('refuses a value beyond column 64 at the first row it appears, in well under 2 s', async () => {
    const bytes = wideRowsBomb(600);
    expect(bytes.length).toBeGreaterThan(7_000);
    expect(bytes.length).toBeLessThan(13_000);
    const started = performance.now();
    const error = await refusal(readTable(bytes, 'xlsx'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ kind: 'columns', max: 64, line: 2, column: 16384 });
  });

  it('refuses a shared-strings table past its entry count even when its header claims one entry', async () => {
    const started = performance.now();
    const error = await refusal(readTable(sharedStringsBomb(1_000_000), 'xlsx'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ kind: 'sharedStrings', max: 50_000 });
  });

  it('refuses by the declared sizes before inflating, and stops a lying entry as soon as it outgrows them', async () => {
    let started = performance.now();
    expect(await refusal(readTable(declaredHugeBomb(500), 'xlsx'))).toMatchObject({ kind: 'unpacked' });
    expect(performance.now() - started).toBeLessThan(500);
    started = performance.now();
    await expect(readTable(lyingHeaderBomb(500), 'xlsx')).rejects.toBeInstanceOf(UnreadableTableError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops at the first row past the cap', async () => {
    const error = await refusal(readTable(manyRowsBomb(100_000), 'xlsx', { maxRows: 2000 }));
    expect(error).toMatchObject({ kind: 'rows', max: 2000, line: 2002 });
  });

  it('refuses a cell over 2,000 characters, a shared string used in a cell included', async () => {
    const long = 'x'.repeat(2001);
    expect(
      await refusal(
        readTable(
          xlsxWithSheet(`<row r="3"><c r="B3" t="inlineStr"><is><t>${long}</t></is></c></row>`),
          'xlsx',
        ),
      ),
    ).toMatchObject({ kind: 'cellChars', line: 3, column: 2 });
    const shared = xlsxWithSheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="4"><c r="C4" t="s"><v>1</v></c></row>',
      ['姓名', long],
    );
    expect(await refusal(readTable(shared, 'xlsx'))).toMatchObject({ kind: 'cellChars', line: 4, column: 3 });
  });

  it('refuses a merged range reaching past column 64', async () => {
    const xml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1"/></mergeCells><sheetData>';
    expect(await refusal(readTable(xlsxWithSheet(xml), 'xlsx'))).toMatchObject({
      kind: 'columns',
      column: 16384,
    });
  });

  it('refuses a file over its size and a read over its time budget', async () => {
    expect(await refusal(readTable(Buffer.alloc(10), 'csv', { maxFileBytes: 5 }))).toMatchObject({
      kind: 'fileBytes',
    });
    const big = Buffer.from(`a,b\n${'1,2\n'.repeat(200_000)}`);
    expect(await refusal(readTable(big, 'csv', { timeBudgetMs: 0, maxRows: 1_000_000 }))).toMatchObject({
      kind: 'time',
    });
  });

  it('applies the same limits to CSV: columns, cell length, rows; trailing empty columns are tolerated', async () => {
    expect(await refusal(readTable(Buffer.from(`a${',x'.repeat(64)}\n`), 'csv'))).toMatchObject({
      kind: 'columns',
      line: 1,
      column: 65,
    });
    expect(await readTable(Buffer.from(`姓名,部门${','.repeat(100)}\n张三,办公室\n`), 'csv')).toEqual([
      { line: 1, cells: ['姓名', '部门', ...Array(62).fill('')] },
      { line: 2, cells: ['张三', '办公室'] },
    ]);
    expect(await refusal(readTable(Buffer.from(`a${','.repeat(5000)}\n`), 'csv'))).toMatchObject({
      kind: 'columns',
    });
    expect(await refusal(readTable(Buffer.from(`a,b\n1,${'长'.repeat(2001)}\n`), 'csv'))).toMatchObject({
      kind: 'cellChars',
      line: 2,
      column: 2,
    });
    expect(await refusal(readTable(Buffer.from(`a,"${'x'.repeat(300_000)}`), 'csv'))).toMatchObject({
      kind: 'cellChars',
    });
    const rows = `h\n${'v\n'.repeat(11)}`;
    expect(await refusal(readTable(Buffer.from(rows), 'csv', { maxRows: 10 }))).toMatchObject({
      kind: 'rows',
      line: 12,
    });
    expect(
      await readTable(Buffer.from(`h\n${'\n'.repeat(50)}${'v\n'.repeat(10)}`), 'csv', { maxRows: 10 }),
    ).toHaveLength(21);
  });

  it('keeps the event loop answering while a large valid file is read', async () => {
    const big = Buffer.from(`a,b,c\n${'甲,乙,丙\n'.repeat(150_000)}`);
    // Counts the turns other work gets while the file is read (each yield of the reader lets a
    // setImmediate chain run once), independent of how fast this machine reads.
    let turns = 0;
    let reading = true;
    const spin = () => {
      if (!reading) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const rows = await readTable(big, 'csv', { maxRows: 200_000 });
    reading = false;
    expect(rows).toHaveLength(150_001);
    // A read in one piece (the old csv-parse call) gave other work no turn at all.
    expect(turns).toBeGreaterThan(5);
  });
});
