/** Evaluation periods: a year (2026), a quarter (2026Q4 / 2026-Q4) or a month (2026-11), in the agency's zone. */
import { zonedDateTime, zonedParts } from '../time/zoned.js';

/** A period [from, to) with its label as typed back to the user. */
export interface ScorePeriod {
  label: string;
  from: Date;
  to: Date;
}

/** Reads a period; undefined when the text is not one. Empty text: the current month. */
export function parseScorePeriod(text: string, tz: string, now: Date): ScorePeriod | undefined {
  const s = text.trim().toUpperCase();
  const at = (y: number, m: number) => zonedDateTime(tz, y, m, 1);
  if (s === '') {
    const p = zonedParts(now, tz);
    return {
      label: `${p.year}-${String(p.month).padStart(2, '0')}`,
      from: at(p.year, p.month),
      to: at(p.year, p.month + 1),
    };
  }
  let m = /^(\d{4})$/.exec(s);
  if (m) return { label: m[1]!, from: at(Number(m[1]), 1), to: at(Number(m[1]) + 1, 1) };
  m = /^(\d{4})-?Q([1-4])$/.exec(s);
  if (m) {
    const q = Number(m[2]);
    return { label: `${m[1]}Q${q}`, from: at(Number(m[1]), q * 3 - 2), to: at(Number(m[1]), q * 3 + 1) };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const month = Number(m[2]);
    return {
      label: `${m[1]}-${String(month).padStart(2, '0')}`,
      from: at(Number(m[1]), month),
      to: at(Number(m[1]), month + 1),
    };
  }
  return undefined;
}

/** True when `text` looks like a period (so `/score 2026` is a period, not a department). */
export function looksLikePeriod(text: string): boolean {
  return /^\d{4}(-?Q[1-4]|-\d{1,2})?$/i.test(text.trim());
}
