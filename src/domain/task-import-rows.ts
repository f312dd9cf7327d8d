/**
 * The rows of a task ledger (任务, 类别, 负责人, 截止时间, 督办领导, 群): finding the columns by
 * their header and checking each row on its own (title, category, deadline, the shape of the
 * people cells). Who the people and groups are is looked up later (task-import.ts). Pure.
 */
import type { TableRow } from '../files/read-table.js';
import type { MessageKey, MessageParams } from '../i18n/index.js';
import type { TaskCategory } from '../models/task.js';
import { parseZonedDateTime } from '../time/parse-datetime.js';
import { zonedDateTime } from '../time/zoned.js';
import { headerKey, normalizeMobile } from './member-rows.js';

/** The columns of a task ledger. */
export type TaskColumn = 'title' | 'category' | 'owners' | 'deadline' | 'leader' | 'chat';

/** Where each column is (0-based). */
export type TaskColumnMap = Partial<Record<TaskColumn, number>>;

const HEADER_WORDS: Record<TaskColumn, string[]> = {
  title: ['任务', '任务名称', '任务标题', '标题', '事项', '工作任务', '任务内容', 'task', 'title'],
  category: ['类别', '类型', '任务类别', '任务类型', 'category'],
  owners: ['负责人', '责任人', '承办人', '具体负责人', 'owner', 'owners'],
  deadline: ['截止时间', '截止日期', '完成时限', '时限', '截止', 'deadline', 'due'],
  leader: ['督办领导', '分管领导', '督办人', '领导', 'leader'],
  chat: ['群', '群聊', '群名称', '群名', '通知群', 'chat', 'group'],
};

/** Finds the columns in a header row; the first matching cell wins. */
export function mapTaskColumns(header: readonly string[]): TaskColumnMap {
  const map: TaskColumnMap = {};
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const [column, words] of Object.entries(HEADER_WORDS) as [TaskColumn, string[]][]) {
      if (map[column] === undefined && words.includes(key)) map[column] = index;
    }
  });
  return map;
}

/** The required columns a header lacks. */
export function missingTaskColumns(map: TaskColumnMap): Array<'title' | 'owners' | 'deadline'> {
  return (['title', 'owners', 'deadline'] as const).filter((c) => map[c] === undefined);
}

/** Why a row was skipped. */
export type TaskRowProblem =
  | 'titleMissing'
  | 'titleTooLong'
  | 'categoryInvalid'
  | 'ownersMissing'
  | 'ownersTooMany'
  | 'ownerUnknown'
  | 'ownerAmbiguous'
  /** A leader's owner outside the departments they lead. */
  | 'ownerOutside'
  | 'deadlineMissing'
  | 'deadlineInvalid'
  | 'deadlinePast'
  | 'leaderUnknown'
  | 'leaderAmbiguous'
  | 'leaderMultiple'
  | 'chatUnknown'
  | 'chatAmbiguous'
  | 'duplicate'
  /** Refused by task creation itself; `value` is its (already translated) message. */
  | 'rejected';

/** A skipped row: its number, its title, the problem and the value it is about. */
export interface TaskRowError {
  line: number;
  title: string;
  problem: TaskRowProblem;
  value: string;
  /** For `rejected`: task creation's own message. */
  rejection?: { key: MessageKey; params: MessageParams };
}

/** How a person is written in a cell. */
export type PersonRef =
  | { kind: 'openId'; value: string; text: string }
  | { kind: 'mobile'; value: string; text: string }
  | { kind: 'email'; value: string; text: string }
  | { kind: 'name'; value: string; text: string };

/** A row that passed the checks that need no lookup. */
export interface TaskRow {
  line: number;
  title: string;
  category: TaskCategory;
  owners: PersonRef[];
  deadline: Date;
  leader: PersonRef | null;
  /** Group name, '' when none. */
  chat: string;
}

/** Most owners one row may name. */
export const MAX_OWNERS_PER_TASK = 50;
/** Longest title. */
export const MAX_TITLE_LENGTH = 100;
/** Time used when a deadline cell holds a date only. */
export const DEFAULT_DEADLINE_TIME = '18:00';

const CATEGORY_WORDS: Record<string, TaskCategory> = {
  创建任务: 'create',
  创建: 'create',
  创建类: 'create',
  整改任务: 'rectify',
  整改: 'rectify',
  整改类: 'rectify',
  问题整改: 'rectify',
  重点工作: 'key',
  重点: 'key',
  重点任务: 'key',
  其他: 'other',
  其它: 'other',
  create: 'create',
  rectify: 'rectify',
  key: 'key',
  other: 'other',
};

/** Reads a 类别 cell: empty = 其他. */
export function parseCategory(cell: string): TaskCategory | undefined {
  const key = cell.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (key === '') return 'other';
  return CATEGORY_WORDS[key];
}

/** Splits a people cell on 、 , ， ; ； / and line breaks; a leading @ is dropped. */
export function parsePeople(cell: string): PersonRef[] {
  return cell
    .split(/[、,，;；/\n\r]+/)
    .map((s) =>
      s
        .trim()
        .replace(/^[@＠]/, '')
        .trim(),
    )
    .filter(Boolean)
    .map(classifyPerson);
}

function classifyPerson(text: string): PersonRef {
  if (/^ou_[0-9A-Za-z_-]{1,64}$/.test(text)) return { kind: 'openId', value: text, text };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email', value: text.toLowerCase(), text };
  const mobile = /^[+\d][\d\s\-()]{6,}$/.test(text) ? normalizeMobile(text) : undefined;
  if (mobile) return { kind: 'mobile', value: mobile, text };
  return { kind: 'name', value: text, text };
}

const JS_DATE_TEXT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT/;

/**
 * Reads a 截止时间 cell in `tz`. Besides what users type (see parseZonedDateTime), Excel dates
 * arrive as the text of a JS Date (exceljs keeps the wall time in UTC) or, in a cell without a
 * date format, as a serial day number; both are read as the wall time they show in Excel.
 */
export function parseDeadline(cell: string, tz: string, now: Date): Date | undefined {
  const s = cell.trim();
  let wall: Date | undefined;
  if (JS_DATE_TEXT.test(s)) wall = new Date(Date.parse(s));
  else if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial > 20_000 && serial < 100_000) wall = new Date(Math.round((serial - 25_569) * 86_400_000));
  }
  if (wall && !Number.isNaN(wall.getTime())) {
    const dateOnly = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0 && wall.getUTCSeconds() === 0;
    const [h, m] = DEFAULT_DEADLINE_TIME.split(':').map(Number) as [number, number];
    return zonedDateTime(
      tz,
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      dateOnly ? h : wall.getUTCHours(),
      dateOnly ? m : wall.getUTCMinutes(),
    );
  }
  const parsed = parseZonedDateTime(s, tz, { now, defaultTime: DEFAULT_DEADLINE_TIME });
  return parsed.ok ? parsed.date : undefined;
}

/** True when every cell of a row is empty. */
export function isBlankTaskRow(row: TableRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}

/** Checks one data row on its own; a failure names the first problem in column order. */
export function validateTaskRow(
  row: TableRow,
  map: TaskColumnMap,
  opts: { tz: string; now: Date },
): { ok: true; row: TaskRow } | { ok: false; error: TaskRowError } {
  const cell = (c: TaskColumn) => {
    const i = map[c];
    return i === undefined ? '' : (row.cells[i] ?? '').normalize('NFKC').trim();
  };
  const title = cell('title').replace(/\s+/g, ' ');
  const fail = (problem: TaskRowProblem, value = '') =>
    ({ ok: false, error: { line: row.line, title, problem, value } }) as const;
  if (!title) return fail('titleMissing');
  if ([...title].length > MAX_TITLE_LENGTH) return fail('titleTooLong');
  const category = parseCategory(cell('category'));
  if (!category) return fail('categoryInvalid', cell('category'));
  const owners = parsePeople(cell('owners'));
  if (owners.length === 0) return fail('ownersMissing');
  if (owners.length > MAX_OWNERS_PER_TASK) return fail('ownersTooMany', String(MAX_OWNERS_PER_TASK));
  const deadlineText = cell('deadline');
  if (!deadlineText) return fail('deadlineMissing');
  const deadline = parseDeadline(deadlineText, opts.tz, opts.now);
  if (!deadline) return fail('deadlineInvalid', deadlineText);
  if (deadline.getTime() <= opts.now.getTime()) return fail('deadlinePast', deadlineText);
  const leaders = parsePeople(cell('leader'));
  if (leaders.length > 1) return fail('leaderMultiple', cell('leader'));
  return {
    ok: true,
    row: {
      line: row.line,
      title,
      category,
      owners,
      deadline,
      leader: leaders[0] ?? null,
      chat: cell('chat'),
    },
  };
}
