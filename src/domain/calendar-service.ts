/**
 * The workday calendar as the rest of the bot gets it: a {@link WorkCalendar} built from the
 * agency settings (time zone, `mainland` or `weekdays` mode) and the admin overrides, cached in
 * memory. A change made in this process (`/holiday`, `/config set`) invalidates the cache at once;
 * changes made by other processes are picked up when the cache is older than `maxAgeMs` (1 min).
 */
import type { Logger } from '../logger.js';
import type { HolidayData } from '../time/holiday-data.js';
import { type OverrideEntry, WorkCalendar, type WorkdayMode } from '../time/workdays.js';

/** Gives the current calendar; `calendar()` is cheap while the cache is fresh. */
export interface CalendarService {
  calendar(): Promise<WorkCalendar>;
  /** Drops the cached calendar; the next `calendar()` reads settings and overrides again. */
  invalidate(): void;
}

/** Options of {@link createCalendarService}. */
export interface CalendarServiceOptions {
  /** The effective time zone and workday mode (normally from the tenant settings). */
  settings: () => Promise<{ timezone: string; workdays: WorkdayMode }>;
  /** Reads the overrides (default: the calendar_overrides collection). */
  loadOverrides?: () => Promise<OverrideEntry[]>;
  /** How long another process's changes may go unseen (default 60 s). */
  maxAgeMs?: number;
  /** Real time in ms for the cache age (default Date.now). */
  now?: () => number;
  log?: Logger;
  holidays?: HolidayData;
}

let generation = 0;

/** Marks every calendar cached in this process as stale (call after changing overrides or settings). */
export function invalidateCalendars(): void {
  generation++;
}

/** Builds the calendar service; nothing is read until the first `calendar()`. */
export function createCalendarService(opts: CalendarServiceOptions): CalendarService {
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let cached: { calendar: WorkCalendar; loadedAt: number; generation: number } | undefined;
  let loading: { promise: Promise<WorkCalendar>; generation: number } | undefined;

  const load = async (gen: number): Promise<WorkCalendar> => {
    const { timezone, workdays } = await opts.settings();
    const calendar = await WorkCalendar.load({
      tz: timezone,
      mode: workdays,
      log: opts.log,
      ...(opts.loadOverrides ? { loadOverrides: opts.loadOverrides } : {}),
      ...(opts.holidays ? { holidays: opts.holidays } : {}),
    });
    cached = { calendar, loadedAt: now(), generation: gen };
    return calendar;
  };

  return {
    async calendar() {
      const gen = generation;
      if (cached && cached.generation === gen && now() - cached.loadedAt < maxAgeMs) return cached.calendar;
      if (loading?.generation !== gen) {
        const promise = load(gen).finally(() => {
          if (loading?.promise === promise) loading = undefined;
        });
        loading = { promise, generation: gen };
      }
      return loading.promise;
    },
    invalidate() {
      cached = undefined;
      invalidateCalendars();
    },
  };
}
