import { describe, expect, it } from 'vitest';
import {
  listCalendarOverrides,
  removeCalendarOverride,
  setCalendarOverride,
} from '../../src/models/calendar-override.js';
import { WorkCalendar } from '../../src/time/workdays.js';
import { useTestDb } from '../support/test-db.js';

describe('WorkCalendar with overrides stored in Mongo', () => {
  useTestDb();
  const now = new Date('2026-09-01T02:00:00Z');

  it('reads overrides on load, caches them, and re-reads on reload()', async () => {
    await setCalendarOverride(
      { date: '2026-10-09', kind: 'rest', note: '单位调休', createdBy: 'ou_admin' },
      now,
    );
    const cal = await WorkCalendar.load({ tz: 'Asia/Shanghai' });
    expect(cal.isWorkday('2026-10-09')).toBe(false);
    expect(cal.isWorkday('2026-10-11')).toBe(false);

    await setCalendarOverride({ date: '2026-10-11', kind: 'work' }, now);
    await setCalendarOverride({ date: '2026-10-09', kind: 'work', note: '改回上班' }, now);
    expect(cal.isWorkday('2026-10-11')).toBe(false); // cached until reload
    await cal.reload();
    expect(cal.isWorkday('2026-10-11')).toBe(true);
    expect(cal.describe('2026-10-09')).toMatchObject({ work: true, source: 'override', name: '改回上班' });

    expect(await removeCalendarOverride('2026-10-11')).toBe(true);
    expect(await removeCalendarOverride('2026-10-11')).toBe(false);
    await cal.reload();
    expect(cal.isWorkday('2026-10-11')).toBe(false);
    expect(await listCalendarOverrides()).toEqual([
      { date: '2026-10-09', kind: 'work', note: '改回上班', createdBy: '', createdAt: now },
    ]);
  });
});
