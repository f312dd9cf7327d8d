/**
 * The mainland workday calendar: weekends, official holidays and 调休 make-up workdays (from
 * `chinese-days`), and admin overrides stored in Mongo, which win over everything else.
 * Days are calendar days in the calendar's time zone (BOT_TIMEZONE).
 */
import type { Logger } from '../logger.js';
import { listCalendarOverrides, type OverrideKind } from '../models/calendar-override.js';
import { addDays, daysBetween, isDayKey, weekdayOf } from './day-key.js';
import { type HolidayData, loadHolidayData } from './holiday-data.js';
import { zonedDayKey } from './zoned.js';

/** A day given as 'YYYY-MM-DD' or as an instant (read in the calendar's time zone). */
export type DayInput = string | Date;

/** One admin override as the calendar needs it. */
export interface OverrideEntry {
  date: string;
  kind: OverrideKind;
  note?: string;
}

/** Why a day is or is not a workday. */
export interface DayInfo {
  date: string;
  work: boolean;
  source: 'override' | 'holiday' | 'makeup' | 'weekday' | 'weekend' | 'fallback';
  /** Holiday / make-up name (Chinese) or the override note. */
  name?: string;
}

/**
 * Which base calendar applies before overrides: `mainland` = the official holiday and 调休
 * calendar; `weekdays` = plain Monday–Friday (the official calendar is ignored).
 */
export type WorkdayMode = 'mainland' | 'weekdays';

/** Anything that can tell workdays apart; WorkCalendar implements it, tests may stub it. */
export interface WorkdayChecker {
  isWorkday(day: DayInput): boolean;
}

/** Options for {@link WorkCalendar}. */
export interface WorkCalendarOptions {
  tz: string;
  /** Base calendar (default `mainland`); overrides apply in both modes. */
  mode?: WorkdayMode;
  log?: Logger;
  /** Reads the overrides on reload(); defaults to the calendar_overrides collection. */
  loadOverrides?: () => Promise<OverrideEntry[]>;
  /** Initial overrides (before the first reload). */
  overrides?: readonly OverrideEntry[];
  /** Official calendar; defaults to the installed chinese-days data. */
  holidays?: HolidayData;
}

/** No real calendar has this many rest days in a row; guards loops against bad overrides. */
const MAX_SCAN_DAYS = 3660;

/** Workday questions answered in memory; call reload() after admins change overrides. */
export class WorkCalendar implements WorkdayChecker {
  readonly tz: string;
  readonly mode: WorkdayMode;
  private readonly log: Logger | undefined;
  private readonly loader: () => Promise<OverrideEntry[]>;
  private readonly holidays: HolidayData;
  private overrides = new Map<string, OverrideEntry>();
  private readonly warnedYears = new Set<number>();

  constructor(opts: WorkCalendarOptions) {
    this.tz = opts.tz;
    this.mode = opts.mode ?? 'mainland';
    this.log = opts.log;
    this.holidays = opts.holidays ?? loadHolidayData();
    this.loader = opts.loadOverrides ?? listCalendarOverrides;
    this.setOverrides(opts.overrides ?? []);
  }

  /** A calendar over a fixed override list, touching no database (for unit tests and tools). */
  static fromOverrides(
    overrides: readonly OverrideEntry[],
    opts: Omit<WorkCalendarOptions, 'overrides'>,
  ): WorkCalendar {
    return new WorkCalendar({ loadOverrides: async () => [...overrides], ...opts, overrides });
  }

  /** Builds a calendar and reads the overrides from Mongo once. */
  static async load(opts: WorkCalendarOptions): Promise<WorkCalendar> {
    const cal = new WorkCalendar(opts);
    await cal.reload();
    return cal;
  }

  /** Re-reads the overrides; the in-memory copy is used until the next reload. */
  async reload(): Promise<void> {
    this.setOverrides(await this.loader());
  }

  private setOverrides(list: readonly OverrideEntry[]): void {
    const next = new Map<string, OverrideEntry>();
    for (const o of list) {
      if (!isDayKey(o.date)) throw new RangeError(`calendar override has a bad date: ${o.date}`);
      next.set(o.date, o);
    }
    this.overrides = next;
  }

  /** Normalises input to a day key in the calendar's zone. */
  dayKey(day: DayInput): string {
    if (day instanceof Date) return zonedDayKey(day, this.tz);
    if (!isDayKey(day)) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
    return day;
  }

  /** Whether `day` is a workday and why. */
  describe(day: DayInput): DayInfo {
    const date = this.dayKey(day);
    const o = this.overrides.get(date);
    if (o) return { date, work: o.kind === 'work', source: 'override', ...(o.note ? { name: o.note } : {}) };
    const weekday = weekdayOf(date);
    const regular = weekday >= 1 && weekday <= 5;
    if (this.mode === 'weekdays') return { date, work: regular, source: regular ? 'weekday' : 'weekend' };
    const year = Number(date.slice(0, 4));
    if (year < this.holidays.firstYear || year > this.holidays.lastYear) {
      this.warnOutOfRange(year);
      return { date, work: regular, source: 'fallback' };
    }
    const official = this.holidays.days.get(date);
    if (official?.kind === 'rest') return { date, work: false, source: 'holiday', name: official.nameZh };
    if (official?.kind === 'work') return { date, work: true, source: 'makeup', name: official.nameZh };
    return { date, work: regular, source: regular ? 'weekday' : 'weekend' };
  }

  private warnOutOfRange(year: number): void {
    if (this.warnedYears.has(year)) return;
    this.warnedYears.add(year);
    this.log?.warn(
      { year, covered: `${this.holidays.firstYear}-${this.holidays.lastYear}` },
      'no official holiday data for this year; treating Mon-Fri as workdays (add overrides or update chinese-days)',
    );
  }

  /** True when `day` is a workday. */
  isWorkday(day: DayInput): boolean {
    return this.describe(day).work;
  }

  /** The first workday strictly after `day`. */
  nextWorkday(day: DayInput): string {
    return this.step(this.dayKey(day), 1);
  }

  /** The last workday strictly before `day`. */
  previousWorkday(day: DayInput): string {
    return this.step(this.dayKey(day), -1);
  }

  private step(from: string, dir: 1 | -1): string {
    let key = from;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      key = addDays(key, dir);
      if (this.isWorkday(key)) return key;
    }
    throw new Error(`no workday within ${MAX_SCAN_DAYS} days of ${from}`);
  }

  /**
   * The n-th workday after `day` (n < 0: before). n = 0 returns `day` when it is a workday,
   * else the next workday. Inverse of workdaysBetween: workdaysBetween(d, addWorkdays(d, n)) = n.
   */
  addWorkdays(day: DayInput, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`workday count must be an integer: ${n}`);
    let key = this.dayKey(day);
    if (n === 0) return this.isWorkday(key) ? key : this.step(key, 1);
    const dir = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; left--) key = this.step(key, dir);
    return key;
  }

  /**
   * Workdays in (a, b]: how many workdays pass going from a to b. Negative when b is before a
   * (minus the workdays in (b, a]). Zero when a and b are the same day.
   */
  workdaysBetween(a: DayInput, b: DayInput): number {
    const from = this.dayKey(a);
    const to = this.dayKey(b);
    const span = daysBetween(from, to);
    const [lo, len, sign] = span >= 0 ? [from, span, 1] : [to, -span, -1];
    let count = 0;
    for (let i = 1; i <= len; i++) if (this.isWorkday(addDays(lo, i))) count++;
    return sign * count;
  }
}
