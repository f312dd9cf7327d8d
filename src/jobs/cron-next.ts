/**
 * Occurrences of 5-field cron expressions (minute hour day-of-month month day-of-week) in an
 * explicit time zone. node-cron's own getNextRun() only answers "from the real now" and has
 * no previous-occurrence query, which catch-up after downtime needs; hence this module.
 *
 * Syntax: `*`, numbers, ranges `a-b`, steps `* /n` `a-b/n` `a/n`, lists `a,b`, month names
 * JAN–DEC, weekday names SUN–SAT, weekday 7 = Sunday, and @hourly @daily @weekly @monthly
 * @yearly. As in Vixie cron, when both day-of-month and day-of-week are restricted a day
 * matches if either does. Wall times that do not exist (DST spring-forward gap) are skipped;
 * wall times that occur twice (DST fall-back) fire once, at the first instant.
 */
import { toDayKey } from '../time/day-key.js';
import { zonedDateTime, zonedParts } from '../time/zoned.js';

/** A parsed cron expression: the allowed values of each field, ascending. */
export interface CronSpec {
  source: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: number[];
  domRestricted: boolean;
  dowRestricted: boolean;
}

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseValue(raw: string, field: string, names: string[] | undefined, offset: number): number {
  const i = names?.indexOf(raw.toUpperCase()) ?? -1;
  if (i >= 0) return i + offset;
  if (!/^\d+$/.test(raw)) throw new CronSyntaxError(`bad ${field} value "${raw}"`);
  return Number(raw);
}

function parseField(text: string, field: string, min: number, max: number, names?: string[]): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') throw new CronSyntaxError(`bad ${field} "${part}"`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronSyntaxError(`bad ${field} step "${part}"`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [lo, hi] = [parseValue(a, field, names, min), parseValue(b, field, names, min)];
    } else {
      lo = parseValue(range, field, names, min);
      hi = stepText === undefined ? lo : max;
    }
    if (lo < min || hi > max || lo > hi)
      throw new CronSyntaxError(`${field} "${part}" outside ${min}-${max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Thrown by {@link parseCron} for an expression it cannot read. */
export class CronSyntaxError extends Error {
  override name = 'CronSyntaxError';
}

/** Parses a 5-field cron expression; throws CronSyntaxError. */
export function parseCron(expression: string): CronSpec {
  const source = expression.trim();
  const fields = (MACROS[source.toLowerCase()] ?? source).split(/\s+/);
  if (fields.length !== 5) throw new CronSyntaxError(`expected 5 fields, got ${fields.length}: "${source}"`);
  const [mi = '', h = '', dom = '', mon = '', dow = ''] = fields;
  const dowRaw = parseField(dow.replace(/\?/g, '*'), 'day-of-week', 0, 7, WEEKDAYS);
  return {
    source,
    minutes: parseField(mi, 'minute', 0, 59),
    hours: parseField(h, 'hour', 0, 23),
    daysOfMonth: parseField(dom.replace(/\?/g, '*'), 'day-of-month', 1, 31),
    months: parseField(mon, 'month', 1, 12, MONTHS),
    daysOfWeek: [...new Set(dowRaw.map((d) => d % 7))].sort((a, b) => a - b),
    domRestricted: !dom.startsWith('*') && !dom.startsWith('?'),
    dowRestricted: !dow.startsWith('*') && !dow.startsWith('?'),
  };
}

function dayMatches(spec: CronSpec, month: number, day: number, weekday: number): boolean {
  if (!spec.months.includes(month)) return false;
  const domOk = spec.daysOfMonth.includes(day);
  const dowOk = spec.daysOfWeek.includes(weekday);
  if (spec.domRestricted && spec.dowRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

/** Enough days to find any satisfiable expression (Feb 29 on a given weekday recurs within 28 years). */
const MAX_DAYS = 366 * 29;

function search(spec: CronSpec, tz: string, from: Date, dir: 1 | -1): Date | null {
  const p = zonedParts(from, tz);
  const startWall = p.hour * 60 + p.minute;
  const hours = dir === 1 ? spec.hours : [...spec.hours].reverse();
  const minutes = dir === 1 ? spec.minutes : [...spec.minutes].reverse();
  for (let i = 0; i < MAX_DAYS; i++) {
    const key = toDayKey(p.year, p.month, p.day + dir * i);
    const [y, m, d] = [Number(key.slice(0, 4)), Number(key.slice(5, 7)), Number(key.slice(8, 10))];
    if (!dayMatches(spec, m, d, new Date(Date.UTC(y, m - 1, d)).getUTCDay())) continue;
    for (const h of hours) {
      for (const mi of minutes) {
        const wall = h * 60 + mi;
        if (i === 0 && (dir === 1 ? wall < startWall : wall > startWall)) continue;
        const t = zonedDateTime(tz, y, m, d, h, mi);
        const q = zonedParts(t, tz);
        if (q.hour !== h || q.minute !== mi) continue; // in a DST gap
        if (dir === 1 ? t.getTime() >= from.getTime() : t.getTime() <= from.getTime()) return t;
      }
    }
  }
  return null;
}

const toSpec = (cron: string | CronSpec): CronSpec => (typeof cron === 'string' ? parseCron(cron) : cron);

/** The first occurrence strictly after `after`, or null when the expression never matches. */
export function nextOccurrence(cron: string | CronSpec, after: Date, tz: string): Date | null {
  const from = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  return search(toSpec(cron), tz, from, 1);
}

/** The latest occurrence at or before `atOrBefore`, or null when there is none. */
export function previousOccurrence(cron: string | CronSpec, atOrBefore: Date, tz: string): Date | null {
  const from = new Date(Math.floor(atOrBefore.getTime() / 60_000) * 60_000);
  return search(toSpec(cron), tz, from, -1);
}
