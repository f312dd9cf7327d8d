/** Pure parts of the member import: decoding, reading tables, headers, row validation, CSV output. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  headerKey,
  mapColumns,
  missingColumns,
  normalizeMobile,
  parseRoles,
  validateRow,
} from '../../src/domain/member-rows.js';
import { decodeText } from '../../src/files/decode-text.js';
import { readTable, tableFormatOf, UnreadableTableError } from '../../src/files/read-table.js';
import { csvCell, toCsvBytes } from '../../src/files/write-csv.js';
import { encodeGb18030 } from '../support/gb18030.js';

const SAMPLE = '姓名,手机号,部门,角色\n张三,13800000001,办公室,领导\n';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM, and GB18030', () => {
    expect(decodeText(Buffer.from(`\uFEFF${SAMPLE}`, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]))).toEqual({
      text: SAMPLE,
      encoding: 'utf-16le',
    });
    expect(decodeText(encodeGb18030(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
  });
});

describe('readTable', () => {
  it('numbers rows as Excel does, keeps blank rows counted, and guesses the separator', async () => {
    const csv = '姓名,部门\n"王, 五",办公室\n\n"多行\n备注",财务处\n';
    expect(await readTable(Buffer.from(csv), 'csv')).toEqual([
      { line: 1, cells: ['姓名', '部门'] },
      { line: 2, cells: ['王, 五', '办公室'] },
      { line: 3, cells: [''] },
      { line: 4, cells: ['多行\n备注', '财务处'] },
    ]);
    expect(await readTable(Buffer.from('姓名\t部门\n李四\t纪检组\n'), 'csv')).toEqual([
      { line: 1, cells: ['姓名', '部门'] },
      { line: 2, cells: ['李四', '纪检组'] },
    ]);
  });

  it('reads the first sheet of an XLSX, phone numbers as digits and links as their text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '手机号', '邮箱', '部门']);
    ws.addRow([
      '张三',
      13800000001,
      { text: 'z@example.gov.cn', hyperlink: 'mailto:z@example.gov.cn' },
      '办公室',
    ]);
    ws.addRow([]);
    ws.addRow(['李四', '13800000002', '', '财务处']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readTable(bytes, 'xlsx')).toEqual([
      { line: 1, cells: ['姓名', '手机号', '邮箱', '部门'] },
      { line: 2, cells: ['张三', '13800000001', 'z@example.gov.cn', '办公室'] },
      { line: 4, cells: ['李四', '13800000002', '', '财务处'] },
    ]);
    await expect(readTable(Buffer.from('not a zip'), 'xlsx')).rejects.toBeInstanceOf(UnreadableTableError);
  });

  it('tells formats by name', () => {
    expect(tableFormatOf('名单.CSV')).toBe('csv');
    expect(tableFormatOf('名单.xlsx')).toBe('xlsx');
    expect(tableFormatOf('名单.xls')).toBe('xls');
    expect(tableFormatOf('名单.pdf')).toBeUndefined();
  });
});

describe('member rows', () => {
  it('finds columns whatever the header wording', () => {
    expect(headerKey(' 手机号（必填）* ')).toBe('手机号');
    expect(mapColumns(['名字', 'OpenID', '手机', '电子邮箱', '所在部门', '角色'])).toEqual({
      name: 0,
      openId: 1,
      mobile: 2,
      email: 3,
      department: 4,
      role: 5,
    });
    expect(mapColumns(['Name', 'open_id', 'E-mail', 'Dept'])).toEqual({
      name: 0,
      openId: 1,
      email: 2,
      department: 3,
    });
    expect(missingColumns(mapColumns(['姓名', '备注']))).toEqual(['id', 'department']);
  });

  it('reads roles and mobile numbers', () => {
    expect(parseRoles('')).toEqual(['member']);
    expect(parseRoles('分管领导')).toEqual(['leader']);
    expect(parseRoles('领导、监督员')).toEqual(['leader', 'supervisor']);
    expect(parseRoles('成员,管理员')).toEqual(['admin']);
    expect(parseRoles('局长')).toBeUndefined();
    expect(normalizeMobile('+86 138-0000-0001')).toBe('13800000001');
    expect(normalizeMobile('8613800000001')).toBe('13800000001');
    expect(normalizeMobile('+85291234567')).toBe('+85291234567');
    expect(normalizeMobile('1380000')).toBeUndefined();
  });

  it('validates a row and names its first problem in column order', () => {
    const map = mapColumns(['姓名', 'open_id', '手机号', '邮箱', '部门', '角色']);
    const row = (cells: string[]) => validateRow({ line: 9, cells }, map);
    expect(row(['张三', '', '13800000001', 'Z@Example.gov.cn', '办公室', '领导'])).toEqual({
      ok: true,
      row: {
        line: 9,
        name: '张三',
        mobile: '13800000001',
        email: 'z@example.gov.cn',
        department: '办公室',
        roles: ['leader'],
      },
    });
    const problem = (cells: string[]) => {
      const r = row(cells);
      return r.ok ? undefined : [r.error.problem, r.error.value];
    };
    expect(problem(['', '', '13800000001', '', '办公室', ''])).toEqual(['nameMissing', '']);
    expect(problem(['张三', '', '', '', '办公室', ''])).toEqual(['idMissing', '']);
    expect(problem(['张三', 'u_123', '', '', '办公室', ''])).toEqual(['openIdInvalid', 'u_123']);
    expect(problem(['张三', '', '12345', '', '办公室', ''])).toEqual(['mobileInvalid', '12345']);
    expect(problem(['张三', '', '', 'not-an-email', '办公室', ''])).toEqual(['emailInvalid', 'not-an-email']);
    expect(problem(['张三', '', '13800000001', '', '', ''])).toEqual(['deptMissing', '']);
    expect(problem(['张三', '', '13800000001', '', '办公室', '局长'])).toEqual(['roleInvalid', '局长']);
  });
});

describe('CSV output', () => {
  it('writes UTF-8 with a BOM and CRLF, quotes where needed and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('+8613800000001')).toBe('+8613800000001');
    expect(csvCell(null)).toBe('');
    const bytes = toCsvBytes([
      ['时间', '说明'],
      ['2026-03-02 09:00', '多行\n说明'],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('时间,说明\r\n2026-03-02 09:00,"多行\n说明"\r\n');
  });
});
