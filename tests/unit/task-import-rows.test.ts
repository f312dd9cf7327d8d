/** Reading task ledger rows: columns by header, categories, people cells, deadlines, row checks. */
import { describe, expect, it } from 'vitest';
import {
  mapTaskColumns,
  missingTaskColumns,
  parseCategory,
  parseDeadline,
  parsePeople,
  validateTaskRow,
} from '../../src/domain/task-import-rows.js';
import { formatZoned } from '../../src/time/zoned.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-26T02:00:00Z'); // 10:00 in Shanghai

describe('task ledger rows', () => {
  it('finds the columns whatever the wording, and names the missing required ones', () => {
    expect(mapTaskColumns(['任务名称', '类型', '责任人', '截止日期', '督办领导', '群名称'])).toEqual({
      title: 0,
      category: 1,
      owners: 2,
      deadline: 3,
      leader: 4,
      chat: 5,
    });
    expect(mapTaskColumns([' 任务 ', '负责人（多人用顿号分隔）', 'Deadline'])).toEqual({
      title: 0,
      owners: 1,
      deadline: 2,
    });
    expect(missingTaskColumns(mapTaskColumns(['任务', '类别']))).toEqual(['owners', 'deadline']);
  });

  it('reads categories; empty is 其他', () => {
    expect(parseCategory('创建任务')).toBe('create');
    expect(parseCategory(' 整改 ')).toBe('rectify');
    expect(parseCategory('重点工作')).toBe('key');
    expect(parseCategory('')).toBe('other');
    expect(parseCategory('其它')).toBe('other');
    expect(parseCategory('临时')).toBeUndefined();
  });

  it('splits people on 、 and commas and tells names, open_ids, mobiles and emails apart', () => {
    expect(parsePeople('张三、@李四, ou_abc123，wang@Example.gov.cn;138 0000 0001')).toEqual([
      { kind: 'name', value: '张三', text: '张三' },
      { kind: 'name', value: '李四', text: '李四' },
      { kind: 'openId', value: 'ou_abc123', text: 'ou_abc123' },
      { kind: 'email', value: 'wang@example.gov.cn', text: 'wang@Example.gov.cn' },
      { kind: 'mobile', value: '13800000001', text: '138 0000 0001' },
    ]);
    expect(parsePeople('  ')).toEqual([]);
  });

  it('reads deadlines as typed, as exceljs date text and as Excel serial numbers, in the agency zone', () => {
    const at = (s: string) => {
      const d = parseDeadline(s, TZ, NOW);
      return d ? formatZoned(d, TZ) : undefined;
    };
    expect(at('2026-12-05 18:00')).toBe('2026-12-05 18:00');
    expect(at('2026/12/5')).toBe('2026-12-05 18:00');
    expect(at('12月6日 9:30')).toBe('2026-12-06 09:30');
    expect(at('2026-12-05 18:00:00')).toBe('2026-12-05 18:00');
    expect(at('Mon Mar 01 2027 09:15:00 GMT+0000 (Coordinated Universal Time)')).toBe('2027-03-01 09:15');
    expect(at('Mon Mar 01 2027 00:00:00 GMT+0000 (Coordinated Universal Time)')).toBe('2027-03-01 18:00');
    expect(at('46447.75')).toBe('2027-03-01 18:00');
    expect(at('下周')).toBeUndefined();
    expect(at('2026-02-30')).toBeUndefined();
  });

  it('checks one row and names its first problem with the line', () => {
    const map = mapTaskColumns(['任务', '类别', '负责人', '截止时间', '督办领导', '群']);
    const row = (cells: string[]) => validateTaskRow({ line: 7, cells }, map, { tz: TZ, now: NOW });
    const good = row(['任务甲', '整改任务', '张三、李四', '2026-12-05', '王局长', '办公室群']);
    expect(good).toMatchObject({
      ok: true,
      row: {
        line: 7,
        title: '任务甲',
        category: 'rectify',
        chat: '办公室群',
        leader: { kind: 'name', value: '王局长' },
      },
    });
    const problem = (cells: string[]) => {
      const r = row(cells);
      return r.ok ? 'ok' : [r.error.problem, r.error.value];
    };
    expect(problem(['', '', '张三', '2026-12-05', '', ''])).toEqual(['titleMissing', '']);
    expect(problem(['长'.repeat(101), '', '张三', '2026-12-05', '', ''])).toEqual(['titleTooLong', '']);
    expect(problem(['任务', '杂项', '张三', '2026-12-05', '', ''])).toEqual(['categoryInvalid', '杂项']);
    expect(problem(['任务', '', ' 、 ', '2026-12-05', '', ''])).toEqual(['ownersMissing', '']);
    expect(problem(['任务', '', '张三', '', '', ''])).toEqual(['deadlineMissing', '']);
    expect(problem(['任务', '', '张三', '尽快', '', ''])).toEqual(['deadlineInvalid', '尽快']);
    expect(problem(['任务', '', '张三', '2026-11-26 09:00', '', ''])).toEqual([
      'deadlinePast',
      '2026-11-26 09:00',
    ]);
    expect(problem(['任务', '', '张三', '2026-12-05', '甲、乙', ''])).toEqual(['leaderMultiple', '甲、乙']);
  });
});
