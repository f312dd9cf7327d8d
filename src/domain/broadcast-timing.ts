/**
 * When a schedule fires: a cron expression, a Chinese preset (每天 / 工作日 / 每周一 / 每月1日 /
 * 纪念日, each with an optional HH:mm, default 09:00) or a list of dates, all read in the agency
 * time zone. Pure functions; the anniversaries double as "matching content" tags.
 */
import { CronSyntaxError, nextOccurrence, parseCron } from '../jobs/cron-next.js';
import { parseZonedDateTime } from '../time/parse-datetime.js';
import { zonedDateTime, zonedParts } from '../time/zoned.js';

/** A schedule's timing as stored. */
export type Timing =
  | { kind: 'cron'; cron: string }
  | { kind: 'dates'; dates: string[] }
  | { kind: 'anniversary'; time: string };

/** A day worth marking, with the tag of its matching content. */
export interface Anniversary {
  name: string;
  month: number;
  day: number;
  tag: string;
}

/** Anniversaries the bot knows (fixed dates). */
export const ANNIVERSARIES: readonly Anniversary[] = [
  { name: '五四青年节', month: 5, day: 4, tag: '五四' },
  { name: '建党节', month: 7, day: 1, tag: '建党节' },
  { name: '建军节', month: 8, day: 1, tag: '建军节' },
  { name: '国庆节', month: 10, day: 1, tag: '国庆节' },
  { name: '国家宪法日', month: 12, day: 4, tag: '宪法日' },
  { name: '国际反腐败日', month: 12, day: 9, tag: '反腐败日' },
];

/** The anniversary on a day key ('YYYY-MM-DD'), if any. */
export function anniversaryOn(dayKey: string): Anniversary | undefined {
  const month = Number(dayKey.slice(5, 7));
  const day = Number(dayKey.slice(8, 10));
  return ANNIVERSARIES.find((a) => a.month === month && a.day === day);
}

/** Why a typed timing was not understood. */
export type TimingError = 'empty' | 'time' | 'cron' | 'date' | 'past' | 'unknown';

export type TimingResult =
  | { ok: true; timing: Timing; workdaysOnly: boolean }
  | { ok: false; error: TimingError; value?: string };

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Reads 'HH:mm' / 'H:mm' / 'H点' (default 09:00); undefined when malformed. */
function readTime(text: string): { h: number; m: number } | undefined {
  const t = text.trim();
  if (t === '') return { h: 9, m: 0 };
  const m = /^(\d{1,2})(?:[:：](\d{2})|点(?:(\d{1,2})分?|半)?)$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min =
    m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? Number(m[3]) : t.endsWith('半') ? 30 : 0;
  return h < 24 && min < 60 ? { h, m: min } : undefined;
}

const CRON_FIELD = /^[\d*/,-]+$/;

/** Parses what the user typed as a schedule's timing. */
export function parseTiming(input: string, tz: string, now: Date): TimingResult {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, error: 'empty' };
  const words = text.split(/\s+/);
  const cronWords = words[0]!.toLowerCase() === 'cron' ? words.slice(1) : words;
  if (cronWords.length === 5 && cronWords.every((w) => CRON_FIELD.test(w))) {
    try {
      parseCron(cronWords.join(' '));
    } catch (error) {
      if (error instanceof CronSyntaxError) return { ok: false, error: 'cron', value: cronWords.join(' ') };
      throw error;
    }
    return { ok: true, timing: { kind: 'cron', cron: cronWords.join(' ') }, workdaysOnly: false };
  }
  if (words[0]!.toLowerCase() === 'cron') return { ok: false, error: 'cron', value: cronWords.join(' ') };
  const preset = /^(每天|每日|工作日|纪念日|每周([一二三四五六日天、,]+)|每月(\d{1,2})[日号])(.*)$/.exec(
    text,
  );
  if (preset) {
    const time = readTime(preset[4]!);
    if (!time) return { ok: false, error: 'time', value: preset[4]!.trim() };
    const hm = `${time.m} ${time.h}`;
    const head = preset[1]!;
    if (head === '纪念日') {
      const pad = (n: number) => String(n).padStart(2, '0');
      return {
        ok: true,
        timing: { kind: 'anniversary', time: `${pad(time.h)}:${pad(time.m)}` },
        workdaysOnly: false,
      };
    }
    if (head === '每天' || head === '每日' || head === '工作日')
      return { ok: true, timing: { kind: 'cron', cron: `${hm} * * *` }, workdaysOnly: head === '工作日' };
    if (preset[2]) {
      const days = [...new Set([...preset[2].replace(/[、,]/g, '')].map((c) => WEEKDAYS[c]!))].sort();
      return { ok: true, timing: { kind: 'cron', cron: `${hm} * * ${days.join(',')}` }, workdaysOnly: false };
    }
    const dom = Number(preset[3]);
    if (dom < 1 || dom > 31) return { ok: false, error: 'date', value: head };
    return { ok: true, timing: { kind: 'cron', cron: `${hm} ${dom} * *` }, workdaysOnly: false };
  }
  if (/^\d|^\d{1,2}月/.test(text)) {
    const dates: string[] = [];
    for (const part of text
      .split(/[,，、;；]/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const parsed = parseZonedDateTime(part, tz, { now, defaultTime: '09:00' });
      if (!parsed.ok) return { ok: false, error: 'date', value: part };
      if (parsed.date.getTime() <= now.getTime()) return { ok: false, error: 'past', value: part };
      dates.push(parsed.date.toISOString());
    }
    return { ok: true, timing: { kind: 'dates', dates: [...new Set(dates)].sort() }, workdaysOnly: false };
  }
  return { ok: false, error: 'unknown', value: text };
}

/** The first time the timing fires strictly after `after`, or null when it never will again. */
export function nextFiring(timing: Timing, after: Date, tz: string): Date | null {
  switch (timing.kind) {
    case 'cron':
      return nextOccurrence(timing.cron, after, tz);
    case 'dates':
      return timing.dates.map((d) => new Date(d)).find((d) => d.getTime() > after.getTime()) ?? null;
    case 'anniversary': {
      const [h, m] = timing.time.split(':').map(Number) as [number, number];
      const year = zonedParts(after, tz).year;
      const candidates = [year, year + 1].flatMap((y) =>
        ANNIVERSARIES.map((a) => zonedDateTime(tz, y, a.month, a.day, h, m)),
      );
      return (
        candidates
          .filter((d) => d.getTime() > after.getTime())
          .sort((a, b) => a.getTime() - b.getTime())[0] ?? null
      );
    }
  }
}
