/**
 * The text form of `/task policy` (pure): reading `[默认|T1234] [提前 3,1,0] [时间 09:00]
 * [创建 开|关] [截止 开|关]` or `T1234 恢复默认`, and describing a policy in plain words
 * (创建时提醒；截止前第 3、1 个工作日及当天 09:00；截止时提醒).
 */
import type { MessageKey, MessageParams, Translate } from '../i18n/index.js';
import type { ReminderPolicy } from './task-reminders-plan.js';

/** The parts of a policy a command changes; parts left out keep their current value. */
export type ReminderPolicyPatch = Partial<ReminderPolicy>;

/** What `/task policy …` asks for. */
export type PolicyCommand =
  | { kind: 'show'; taskId: string | null }
  | { kind: 'set'; taskId: string | null; patch: ReminderPolicyPatch }
  | { kind: 'reset'; taskId: string };

/** A reading error: the catalog message saying what to type. */
export interface PolicyTextError {
  key: MessageKey;
  params: MessageParams;
}

/** Most workdays a policy may list (as reminderPolicySchema). */
export const MAX_WORKDAYS = 10;
/** Largest workday offset (as reminderPolicySchema). */
export const MAX_WORKDAY_OFFSET = 30;

const TASK_ID = /^T[A-Z0-9]{4,8}$/;
const DEFAULT_WORDS = ['默认', '单位默认', 'default'];
const RESET_WORDS = ['恢复默认', '按默认', 'reset'];
type Part = 'workdaysBefore' | 'at' | 'onCreate' | 'atDeadline';
const KEYWORDS: Record<string, Part> = {
  提前: 'workdaysBefore',
  提前工作日: 'workdaysBefore',
  before: 'workdaysBefore',
  时间: 'at',
  提醒时间: 'at',
  at: 'at',
  time: 'at',
  创建: 'onCreate',
  创建时: 'onCreate',
  create: 'onCreate',
  截止: 'atDeadline',
  截止时: 'atDeadline',
  deadline: 'atDeadline',
};
const EXAMPLES: Record<Part, string> = {
  workdaysBefore: '提前 3,1,0',
  at: '时间 09:00',
  onCreate: '创建 开',
  atDeadline: '截止 开',
};
const ON = ['开', '开启', '是', '提醒', 'on', 'yes', 'true'];
const OFF = ['关', '关闭', '否', '不提醒', 'off', 'no', 'false'];
const NO_DAYS = ['无', '不', '不提醒', 'none'];

const fail = (key: MessageKey, params: MessageParams = {}) => ({
  ok: false as const,
  error: { key, params },
});

/** Full-width digits, colons and commas typed on a Chinese keyboard become ASCII. */
function normalize(word: string): string {
  return word.normalize('NFKC').trim();
}

function readDays(words: string[]) {
  const typed = words.join(',');
  if (words.length === 1 && NO_DAYS.includes(words[0]!.toLowerCase()))
    return { ok: true as const, value: [] };
  const parts = typed.split(/[,，、;；\s]+/).filter((p) => p !== '');
  const bad = parts.find((p) => !/^\d{1,2}$/.test(p) || Number(p) > MAX_WORKDAY_OFFSET);
  if (parts.length === 0 || bad !== undefined) return fail('reminderPolicy.err.badDays', { input: typed });
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (days.length > MAX_WORKDAYS) return fail('reminderPolicy.err.tooManyDays', { count: days.length });
  return { ok: true as const, value: days };
}

function readTime(words: string[]) {
  const typed = words.join(' ');
  const m = /^(\d{1,2}):(\d{2})$/.exec(typed);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    return fail('reminderPolicy.err.badTime', { input: typed });
  return { ok: true as const, value: `${m[1]!.padStart(2, '0')}:${m[2]}` };
}

function readSwitch(word: string, words: string[]) {
  const value = words.length === 1 ? words[0]!.toLowerCase() : '';
  if (ON.includes(value)) return { ok: true as const, value: true };
  if (OFF.includes(value)) return { ok: true as const, value: false };
  return fail('reminderPolicy.err.badSwitch', { word });
}

/** Reads the words after `/task policy`; an error names exactly what to type. */
export function readPolicyCommand(
  raw: readonly string[],
): { ok: true; command: PolicyCommand } | { ok: false; error: PolicyTextError } {
  const words = raw.map(normalize).filter((w) => w !== '');
  if (words.length === 0) return { ok: true, command: { kind: 'show', taskId: null } };
  const first = words[0]!;
  const isDefault = DEFAULT_WORDS.includes(first.toLowerCase());
  const taskId = TASK_ID.test(first.toUpperCase()) ? first.toUpperCase() : null;
  if (!isDefault && taskId === null) {
    if (RESET_WORDS.includes(first.toLowerCase())) return fail('reminderPolicy.err.resetAlone');
    if (first.toLowerCase() in KEYWORDS) return fail('reminderPolicy.err.target');
    return fail('reminderPolicy.err.unknownWord', { word: first });
  }
  const rest = words.slice(1);
  if (rest.length === 0) return { ok: true, command: { kind: 'show', taskId } };
  // `T1234 恢复默认` (also `T1234 默认`): the task follows the agency default again.
  const isReset = (w: string) =>
    RESET_WORDS.includes(w.toLowerCase()) || (taskId !== null && DEFAULT_WORDS.includes(w.toLowerCase()));
  if (rest.some(isReset)) {
    if (taskId === null || rest.length > 1) return fail('reminderPolicy.err.resetAlone');
    return { ok: true, command: { kind: 'reset', taskId } };
  }
  // Split into keyword sections: 提前 3,1,0 时间 09:00 …
  const sections: Array<{ word: string; part: Part; values: string[] }> = [];
  for (const word of rest) {
    const part = KEYWORDS[word.toLowerCase()];
    if (part) sections.push({ word, part, values: [] });
    else if (sections.length > 0) sections.at(-1)!.values.push(word);
    else return fail('reminderPolicy.err.unknownWord', { word });
  }
  const patch: ReminderPolicyPatch = {};
  for (const { word, part, values } of sections) {
    if (values.length === 0)
      return fail('reminderPolicy.err.missingValue', { word, example: EXAMPLES[part] });
    if (part === 'workdaysBefore') {
      const r = readDays(values);
      if (!r.ok) return r;
      patch.workdaysBefore = r.value;
    } else if (part === 'at') {
      const r = readTime(values);
      if (!r.ok) return r;
      patch.at = r.value;
    } else {
      if (values.length > 1 && (ON.includes(values[0]!) || OFF.includes(values[0]!)))
        return fail('reminderPolicy.err.unknownWord', { word: values[1]! });
      const r = readSwitch(word, values);
      if (!r.ok) return r;
      patch[part] = r.value;
    }
  }
  return { ok: true, command: { kind: 'set', taskId, patch } };
}

/** The policy after a patch (parts not given keep their current value). */
export function applyPolicyPatch(current: ReminderPolicy, patch: ReminderPolicyPatch): ReminderPolicy {
  return {
    onCreate: patch.onCreate ?? current.onCreate,
    workdaysBefore: [...(patch.workdaysBefore ?? current.workdaysBefore)],
    at: patch.at ?? current.at,
    atDeadline: patch.atDeadline ?? current.atDeadline,
  };
}

/** True when two policies remind at the same points. */
export function samePolicy(a: ReminderPolicy, b: ReminderPolicy): boolean {
  const days = (p: ReminderPolicy) => [...new Set(p.workdaysBefore)].sort((x, y) => y - x).join(',');
  return a.onCreate === b.onCreate && a.at === b.at && a.atDeadline === b.atDeadline && days(a) === days(b);
}

/** A policy in plain words, e.g. 创建时提醒；截止前第 3、1 个工作日及当天 09:00；截止时提醒. */
export function describePolicy(t: Translate, policy: ReminderPolicy): string {
  const days = [...new Set(policy.workdaysBefore)].sort((a, b) => b - a);
  const before = days.filter((d) => d > 0).join(t('reminderPolicy.daySeparator'));
  const dueDay = days.includes(0);
  const at = policy.at;
  const workdays =
    before === ''
      ? dueDay
        ? t('reminderPolicy.part.dueDay', { at })
        : t('reminderPolicy.part.noBefore')
      : t(dueDay ? 'reminderPolicy.part.beforeAndDay' : 'reminderPolicy.part.before', { days: before, at });
  return [
    t(policy.onCreate ? 'reminderPolicy.part.onCreate' : 'reminderPolicy.part.noCreate'),
    workdays,
    t(policy.atDeadline ? 'reminderPolicy.part.atDeadline' : 'reminderPolicy.part.noDeadline'),
  ].join(t('reminderPolicy.part.separator'));
}
