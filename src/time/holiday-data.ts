/**
 * The mainland holiday and 调休 calendar from the `chinese-days` package, read from its data
 * file rather than through its functions: those parse 'YYYY-MM-DD' as UTC and then format in
 * the process time zone, so under e.g. TZ=America/New_York `getDayDetail('2026-10-10')`
 * reports 2026-10-09. Day keys here are plain calendar days with no time zone.
 */
import { createRequire } from 'node:module';

/** One day the official calendar names: a holiday (rest) or a make-up workday (调休上班). */
export interface OfficialDay {
  kind: 'rest' | 'work';
  /** English name as the package writes it, e.g. "National Day". */
  name: string;
  /** Chinese name, e.g. "国庆节". */
  nameZh: string;
}

/** The package's data: official days by day key, and the years it covers. */
export interface HolidayData {
  days: ReadonlyMap<string, OfficialDay>;
  firstYear: number;
  lastYear: number;
}

type RawMap = Record<string, string>;

function toOfficial(kind: OfficialDay['kind'], value: string): OfficialDay {
  const [name = '', nameZh = ''] = value.split(',');
  return { kind, name, nameZh };
}

/** Builds the lookup from the package's raw {holidays, workdays} maps (exported for tests). */
export function buildHolidayData(raw: { holidays: RawMap; workdays: RawMap }): HolidayData {
  const days = new Map<string, OfficialDay>();
  for (const [key, value] of Object.entries(raw.holidays)) days.set(key, toOfficial('rest', value));
  for (const [key, value] of Object.entries(raw.workdays)) days.set(key, toOfficial('work', value));
  const years = Object.keys(raw.holidays).map((k) => Number(k.slice(0, 4)));
  if (years.length === 0) throw new Error('chinese-days data has no holidays');
  return { days, firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

let cached: HolidayData | undefined;

/** The installed package's calendar (loaded once). */
export function loadHolidayData(): HolidayData {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const raw = require('chinese-days/dist/chinese-days.json') as { holidays: RawMap; workdays: RawMap };
    cached = buildHolidayData(raw);
  }
  return cached;
}
