/** Reads the target words of `/broadcast` and `/schedule add` (全部 / 本群 / 部门名 / chat ids). */

import type { EventContext } from '../dispatch/context.js';
import type { Targets } from '../domain/broadcasts.js';
import { findDepartmentByName } from '../domain/departments.js';
import type { MessageKey } from '../i18n/index.js';

const ALL = ['全部', '所有', '全部群', '所有群', 'all'];
const HERE = ['本群', '此群', 'here'];

/** The targets, or the catalogue key (and value) of what is wrong. */
export type TargetsResult = { ok: true; targets: Targets } | { ok: false; key: MessageKey; value?: string };

/** Reads target words; none = this group (in a group) or every bound chat (in p2p). */
export async function readTargets(ctx: EventContext, words: readonly string[]): Promise<TargetsResult> {
  const group = ctx.chat?.type === 'group' ? ctx.chat.id : undefined;
  const list = words
    .flatMap((w) => w.split(/[,，、]/))
    .map((w) => w.trim())
    .filter(Boolean);
  if (list.length === 0)
    return { ok: true, targets: group ? { kind: 'chats', ids: [group] } : { kind: 'all' } };
  if (list.length === 1 && ALL.includes(list[0]!.toLowerCase()))
    return { ok: true, targets: { kind: 'all' } };
  if (list.length === 1 && HERE.includes(list[0]!.toLowerCase())) {
    if (!group) return { ok: false, key: 'broadcast.err.hereInP2p' };
    return { ok: true, targets: { kind: 'chats', ids: [group] } };
  }
  if (list.every((w) => w.startsWith('oc_'))) return { ok: true, targets: { kind: 'chats', ids: list } };
  const names = list[0] === '部门' ? list.slice(1) : list;
  const ids: string[] = [];
  for (const name of names) {
    const dept = await findDepartmentByName(name);
    if (!dept) return { ok: false, key: 'broadcast.err.targetUnknown', value: name };
    ids.push(dept.id);
  }
  if (ids.length === 0) return { ok: false, key: 'broadcast.err.targetUnknown', value: '' };
  return { ok: true, targets: { kind: 'depts', ids } };
}

/** Reads `提醒 <小时>` hours (0.1–720); undefined when absent, 'bad' when malformed. */
export function readRemindHours(value: string | undefined): number | undefined | 'bad' {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/小时|h$/i, ''));
  return Number.isFinite(n) && n > 0 && n <= 720 ? n * 3_600_000 : 'bad';
}
