/** How audit entries read in the card and the CSV export: labels, short values, rows. */
import type { AuditLine } from '../../cards/audit-card.js';
import type { AuditRecord } from '../domain/audit.js';
import { catalog } from '../i18n/catalog.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { formatZoned } from '../time/zoned.js';

/** The action in words: a catalogue label when there is one, else the stored name. */
export function actionLabel(t: Translate, action: string): string {
  if (action.startsWith('command:'))
    return t('audit.usedCommand', { command: action.slice('command:'.length) });
  if (action.startsWith('action:')) return t('audit.usedAction', { action: action.slice('action:'.length) });
  const key = `audit.action.${action}`;
  return key in catalog ? t(key as MessageKey) : action;
}

/** 成功 / 已拒绝. */
export function outcomeLabel(t: Translate, outcome: AuditRecord['outcome']): string {
  return t(outcome === 'refused' ? 'audit.outcome.refused' : 'audit.outcome.ok');
}

/** A stored note in words ('role' → 无权限), else as stored. */
export function detailLabel(t: Translate, detail: string): string {
  return detail === 'role' ? t('audit.detail.role') : detail;
}

/** A before / after snapshot in a few words: `—` for nothing, `key: value` pairs for objects. */
export function shortValue(value: unknown, max = 60): string {
  const text = plain(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.map(plain).join('、') : '—';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}: ${plain(v)}`).join('，') : '—';
  }
  return String(value);
}

/** A snapshot in full for the export: strings as they are, anything else as JSON. */
export function fullValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "王主任" or the open_id when the name is unknown. */
function actorName(names: ReadonlyMap<string, string>, openId: string): string {
  return names.get(openId) ?? openId;
}

/** One card line per entry. */
export function toAuditLine(
  t: Translate,
  r: AuditRecord,
  names: ReadonlyMap<string, string>,
  tz: string,
): AuditLine {
  const changed = r.before !== null || r.after !== null;
  return {
    time: formatZoned(r.at, tz, 'YYYY-MM-DD HH:mm'),
    actor: actorName(names, r.actor),
    action: actionLabel(t, r.action),
    target: shortValue((r.target && names.get(r.target)) || r.target || null, 40).replace(/^—$/, ''),
    outcome: outcomeLabel(t, r.outcome),
    refused: r.outcome === 'refused',
    change: changed ? `${shortValue(r.before, 40)} → ${shortValue(r.after, 40)}` : '',
    detail: r.detail ? detailLabel(t, r.detail) : '',
  };
}

/** The export's header and rows: 时间, 操作人, 操作, 对象, 结果, 变更前, 变更后, 说明. */
export function toAuditCsvRows(
  t: Translate,
  records: readonly AuditRecord[],
  names: ReadonlyMap<string, string>,
  tz: string,
): string[][] {
  const header = [
    t('audit.csv.time'),
    t('audit.csv.actor'),
    t('audit.csv.action'),
    t('audit.csv.target'),
    t('audit.csv.outcome'),
    t('audit.csv.before'),
    t('audit.csv.after'),
    t('audit.csv.detail'),
  ];
  const rows = records.map((r) => [
    formatZoned(r.at, tz, 'YYYY-MM-DD HH:mm:ss'),
    names.has(r.actor) ? `${names.get(r.actor)} (${r.actor})` : r.actor,
    actionLabel(t, r.action),
    names.has(r.target) ? `${names.get(r.target)} (${r.target})` : r.target,
    outcomeLabel(t, r.outcome),
    fullValue(r.before),
    fullValue(r.after),
    r.detail ? detailLabel(t, r.detail) : '',
  ]);
  return [header, ...rows];
}
