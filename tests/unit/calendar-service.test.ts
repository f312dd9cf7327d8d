import { describe, expect, it } from 'vitest';
import { createCalendarService, invalidateCalendars } from '../../src/domain/calendar-service.js';
import { addHolidayOverride, removeHolidayOverride } from '../../src/domain/holidays.js';
import { setCalendarOverride } from '../../src/models/calendar-override.js';
import type { WorkdayMode } from '../../src/time/workdays.js';
import { useTestDb } from '../support/test-db.js';

describe('the calendar service', () => {
  useTestDb();
  const at = new Date('2026-11-26T08:00:00Z');

  it('caches the calendar, sees changes of this process at once and other processes within maxAgeMs', async () => {
    let ms = 0;
    let reads = 0;
    let mode: WorkdayMode = 'mainland';
    const service = createCalendarService({
      settings: async () => {
        reads++;
        return { timezone: 'Asia/Shanghai', workdays: mode };
      },
      now: () => ms,
      maxAgeMs: 60_000,
    });
    const first = await service.calendar();
    expect(await service.calendar()).toBe(first);
    expect(reads).toBe(1);
    expect(first.isWorkday('2026-12-31')).toBe(true);

    // A change through the domain (this process): seen at once.
    await addHolidayOverride({ date: '2026-12-31', kind: 'rest' }, { actor: 'ou_admin' }, at);
    expect((await service.calendar()).isWorkday('2026-12-31')).toBe(false);
    await removeHolidayOverride('2026-12-31', { actor: 'ou_admin' }, at);
    expect((await service.calendar()).isWorkday('2026-12-31')).toBe(true);

    // A change written by another process (straight to the database): seen after maxAgeMs.
    await setCalendarOverride({ date: '2026-12-30', kind: 'rest' }, at);
    mode = 'weekdays';
    ms += 59_000;
    expect((await service.calendar()).isWorkday('2026-12-30')).toBe(true);
    ms += 2_000;
    const fresh = await service.calendar();
    expect(fresh.isWorkday('2026-12-30')).toBe(false);
    expect(fresh.mode).toBe('weekdays');

    // Concurrent callers share one load.
    invalidateCalendars();
    const before = reads;
    const [a, b, c] = await Promise.all([service.calendar(), service.calendar(), service.calendar()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(reads).toBe(before + 1);
  });
});
