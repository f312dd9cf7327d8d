/**
 * Parses dates and times the way Chinese users type them into chat, in an explicit zone:
 * '2026-12-05 18:00', '2026/12/5 18:00', '2026年12月5日 18:00', '12月5日 18:00', '12/5 18:00',
 * '明天 9:00', '后天下午3点', '12月5日 9点半'. Full-width digits and colons are accepted.
 */
import { toDayKey } from './day-key.js';
import { zonedDateTime, zonedDayKey, zonedParts } from './zoned.js';

/** Why a typed date/time was rejected; `message` is Chinese and tells the user what to type. */
export interface DateTimeParseError {
  code: 'empty' | 'unrecognized' | 'missing_time' | 'invalid_date' | 'invalid_time' | 'nonexistent_time';
  message: string;
}

/** The outcome of {@link parseZonedDateTime}. */
export type DateTimeParseResult =
  | {
      ok: true;
      date: Date /** true when the input had no time and defaultTime was used */;
      dateOnly: boolean;
    }
  | { ok: false; error: DateTimeParseError };

/** Options for {@link parseZonedDateTime}. */
export interface ParseDateTimeOptions {
  /** "Now", for 今天/明天 and for year-less dates. */
  now: Date;
  /** 'HH:mm' used when the input has no time; without it a date alone is rejected. */
  defaultTime?: string;
}

const EXAMPLE = '例如 2026-12-05 18:00、12月5日 18:00 或 明天 9:00';

const fail = (code: DateTimeParseError['code'], message: string): DateTimeParseResult => ({
  ok: false,
  error: { code, message },
});

function normalise(input: string): string {
  return input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':')
    .replace(/[／]/g, '/')
    .replace(/[－—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

interface DatePart {
  year?: number;
  month: number;
  day: number;
  rest: string;
}

const RELATIVE_DAYS: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };

function matchDate(s: string, now: Date, tz: string): DatePart | undefined {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, rest: s.slice(m[0].length) };
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?/.exec(s);
  if (m) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, rest: s.slice(m[0].length) };
  m = /^(\d{1,2})月(\d{1,2})[日号]?/.exec(s);
  if (m) return { month: +m[1]!, day: +m[2]!, rest: s.slice(m[0].length) };
  m = /^(\d{1,2})[-/](\d{1,2})(?=$|\s)/.exec(s);
  if (m) return { month: +m[1]!, day: +m[2]!, rest: s.slice(m[0].length) };
  m = /^(大后天|今天|今日|明天|明日|后天)/.exec(s);
  if (m) {
    const p = zonedParts(now, tz);
    const key = toDayKey(p.year, p.month, p.day + (RELATIVE_DAYS[m[1]!] ?? 0));
    return {
      year: +key.slice(0, 4),
      month: +key.slice(5, 7),
      day: +key.slice(8, 10),
      rest: s.slice(m[0].length),
    };
  }
  return undefined;
}

/** Parses the time part; undefined when unrecognised, null when empty. */
function matchTime(s: string): { hour: number; minute: number } | null | undefined {
  const t = s.replace(/^[\sT]+/, '').trim();
  if (t === '') return null;
  const m =
    /^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?|(\d{1,2})[点时](?:(\d{1,2})分?|(半))?)$/.exec(
      t,
    );
  if (!m) return undefined;
  let hour = Number(m[2] ?? m[5]);
  const minute = m[7] ? 30 : Number(m[3] ?? m[6] ?? 0);
  const period = m[1];
  if ((period === '下午' || period === '傍晚' || period === '晚上') && hour < 12) hour += 12;
  if (period === '中午' && hour < 6) hour += 12;
  return { hour, minute };
}

/** Parses user-typed input into an instant in `tz`, or a typed error with a Chinese message. */
export function parseZonedDateTime(
  input: string,
  tz: string,
  opts: ParseDateTimeOptions,
): DateTimeParseResult {
  const s = normalise(input);
  if (s === '') return fail('empty', `请输入日期和时间，${EXAMPLE}`);
  const date = matchDate(s, opts.now, tz);
  if (!date) return fail('unrecognized', `无法识别“${input.trim()}”，请按格式输入，${EXAMPLE}`);
  let time = matchTime(date.rest);
  if (time === undefined) return fail('unrecognized', `无法识别时间“${date.rest.trim()}”，${EXAMPLE}`);
  const dateOnly = time === null;
  if (time === null) {
    const d = opts.defaultTime ? matchTime(opts.defaultTime) : undefined;
    if (!d) return fail('missing_time', `请同时输入时间，${EXAMPLE}`);
    time = d;
  }
  if (time.hour > 23 || time.minute > 59)
    return fail('invalid_time', `时间不存在，请使用 00:00–23:59，${EXAMPLE}`);
  let year = date.year;
  if (year === undefined) {
    // No year: the first such day that is not before today in tz.
    const p = zonedParts(opts.now, tz);
    year = p.year;
    if (toDayKey(year, date.month, date.day) < zonedDayKey(opts.now, tz)) year += 1;
  }
  if (toDayKey(year, date.month, date.day) !== dayKeyOf(year, date.month, date.day)) {
    return fail('invalid_date', `日期 ${date.month}月${date.day}日 不存在，请检查后重新输入`);
  }
  const at = zonedDateTime(tz, year, date.month, date.day, time.hour, time.minute);
  const back = zonedParts(at, tz);
  if (back.hour !== time.hour || back.minute !== time.minute) {
    return fail('nonexistent_time', '该时间因夏令时调整而不存在，请换一个时间');
  }
  return { ok: true, date: at, dateOnly };
}

function dayKeyOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
