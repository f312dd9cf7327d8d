/** Reads the text forms of `/task add` and `/task edit`. */

import { splitPeople } from './org-args.js';
import type { CommandInput } from './registry.js';

/** Keywords of the text form, Chinese first. */
const DEADLINE_WORDS = ['截止', '截止时间', '期限', 'deadline', 'due'];
const LEADER_WORDS = ['督办', '督办领导', 'leader'];
const CATEGORY_WORDS = ['类别', 'category'];
const OWNER_WORDS = ['负责人', 'owners', 'owner'];
const KEYWORDS = [...DEADLINE_WORDS, ...LEADER_WORDS, ...CATEGORY_WORDS, ...OWNER_WORDS];

/** Category names as typed (Chinese or English) → stored category. */
const CATEGORY_NAMES: Record<string, 'create' | 'rectify' | 'key' | 'other'> = {
  创建任务: 'create',
  创建: 'create',
  整改任务: 'rectify',
  整改: 'rectify',
  重点工作: 'key',
  重点: 'key',
  其他: 'other',
  create: 'create',
  rectify: 'rectify',
  key: 'key',
  other: 'other',
};

/** The `/task add` text form, before dates and people are checked. */
export interface TaskAddText {
  title: string;
  owners: string[];
  leader: string | null;
  /** The deadline as typed ('' when the 截止 keyword is missing). */
  deadline: string;
  hasDeadline: boolean;
  category: 'create' | 'rectify' | 'key' | 'other' | undefined;
  /** The first `@name` typed as plain text (not a real mention), if any. */
  unknownPerson: string | undefined;
}

function isKeyword(word: string): boolean {
  return KEYWORDS.includes(word.toLowerCase());
}

/** Splits words into the leading part and the parts after each keyword. */
function sections(words: readonly string[]): { lead: string[]; by: Map<string, string[]> } {
  const lead: string[] = [];
  const by = new Map<string, string[]>();
  let current: string[] = lead;
  for (const raw of words) {
    // "截止2026-12-05" glued to the keyword.
    const glued = DEADLINE_WORDS.find(
      (k) => raw.startsWith(k) && raw.length > k.length && /\d/.test(raw[k.length]!),
    );
    const word = glued ? glued : raw;
    if (isKeyword(word)) {
      const kind = DEADLINE_WORDS.includes(word.toLowerCase())
        ? 'deadline'
        : LEADER_WORDS.includes(word.toLowerCase())
          ? 'leader'
          : CATEGORY_WORDS.includes(word.toLowerCase())
            ? 'category'
            : 'owners';
      current = by.get(kind) ?? [];
      by.set(kind, current);
      if (glued) current.push(raw.slice(glued.length));
      continue;
    }
    current.push(raw);
  }
  return { lead, by };
}

/**
 * Reads `标题 @负责人… 截止 <时间> [督办 @领导] [类别 整改任务]`. Mentions are owners, except that
 * with 督办 the last mention is the leader (the 督办 part comes last).
 */
export function readTaskAdd(input: CommandInput): TaskAddText {
  const { people, words } = splitPeople(input);
  const { lead, by } = sections(words);
  const hasLeader = by.has('leader');
  const owners = people.map((p) => p.openId);
  const leader = hasLeader && owners.length > 0 ? owners.pop()! : null;
  const typedAt = words.find((w) => /^[@＠]/.test(w));
  const category = by.get('category')?.join('');
  return {
    title: lead.join(' ').trim(),
    owners,
    leader,
    deadline: (by.get('deadline') ?? []).join(' ').trim(),
    hasDeadline: by.has('deadline'),
    category: category ? CATEGORY_NAMES[category.toLowerCase()] : undefined,
    unknownPerson:
      typedAt?.replace(/^[@＠]/, '') ?? (hasLeader && !leader ? (by.get('leader')?.[0] ?? '') : undefined),
  };
}

/** The `/task edit` text form. */
export type TaskEditText =
  | { id: string; kind: 'deadline'; deadline: string }
  | { id: string; kind: 'owners'; owners: string[]; unknownPerson: string | undefined }
  | { id: string; kind: 'none' };

/** Reads `<id> 截止 <时间>` or `<id> 负责人 @…`. */
export function readTaskEdit(input: CommandInput): TaskEditText | undefined {
  const { people, words } = splitPeople(input);
  const id = words[0]?.toUpperCase();
  if (!id) return undefined;
  const { by } = sections(words.slice(1));
  if (by.has('deadline')) return { id, kind: 'deadline', deadline: by.get('deadline')!.join(' ').trim() };
  if (by.has('owners') || people.length > 0) {
    const typedAt = words.find((w) => /^[@＠]/.test(w));
    return { id, kind: 'owners', owners: people.map((p) => p.openId), unknownPerson: typedAt?.slice(1) };
  }
  return { id, kind: 'none' };
}

/** A form's datetime value ("2024-04-29 07:07 +0800") as an instant; undefined when malformed. */
export function parseFormDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?\s*([+-])(\d{2}):?(\d{2})$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!) - offset);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
