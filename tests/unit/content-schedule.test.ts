import { describe, expect, it } from 'vitest';
import { pickItem } from '../../src/domain/broadcast-select.js';
import { nextFiring, parseTiming } from '../../src/domain/broadcast-timing.js';
import type { ContentItem } from '../../src/domain/content-items.js';
import { formatZoned } from '../../src/time/zoned.js';

const SH = 'Asia/Shanghai';
const now = new Date('2026-09-23T10:00:00+08:00'); // a Wednesday
const fmt = (d: Date | null) => (d ? formatZoned(d, SH, 'YYYY-MM-DD HH:mm') : null);

const item = (id: string, tags: string[]): ContentItem => ({
  id,
  title: id,
  body: 'b',
  category: 'other',
  tags,
  source: '',
  imageKey: '',
  quiz: null,
  required: false,
  removed: false,
});

describe('schedule timing', () => {
  it('reads Chinese presets, cron and date lists in the agency zone', () => {
    const weekly = parseTiming('每周一 09:00', SH, now);
    expect(weekly).toEqual({ ok: true, timing: { kind: 'cron', cron: '0 9 * * 1' }, workdaysOnly: false });
    expect(weekly.ok && fmt(nextFiring(weekly.timing, now, SH))).toBe('2026-09-28 09:00');
    const monthly = parseTiming('每月1日 8:30', SH, now);
    expect(monthly.ok && fmt(nextFiring(monthly.timing, now, SH))).toBe('2026-10-01 08:30');
    expect(parseTiming('工作日', SH, now)).toMatchObject({
      ok: true,
      workdaysOnly: true,
      timing: { cron: '0 9 * * *' },
    });
    expect(parseTiming('cron 30 8 * * 1-5', SH, now)).toMatchObject({
      ok: true,
      timing: { cron: '30 8 * * 1-5' },
    });
    const dates = parseTiming('2026-10-01 09:00，2026-12-09', SH, now);
    expect(dates.ok && dates.timing).toEqual({
      kind: 'dates',
      dates: ['2026-10-01T01:00:00.000Z', '2026-12-09T01:00:00.000Z'],
    });
    const anniv = parseTiming('纪念日 09:00', SH, now);
    expect(anniv.ok && fmt(nextFiring(anniv.timing, now, SH))).toBe('2026-10-01 09:00');
  });

  it('explains what it cannot read', () => {
    expect(parseTiming('每周一 25:00', SH, now)).toMatchObject({ ok: false, error: 'time' });
    expect(parseTiming('cron 0 9 * *', SH, now)).toMatchObject({ ok: false, error: 'cron' });
    expect(parseTiming('2026-01-01 09:00', SH, now)).toMatchObject({ ok: false, error: 'past' });
    expect(parseTiming('有空的时候', SH, now)).toMatchObject({ ok: false, error: 'unknown' });
  });
});

describe('item selection', () => {
  const library = [
    item('C001', ['家风']),
    item('C002', ['家风', '主题']),
    item('C003', ['家风']),
    item('C004', ['国庆节']),
  ];

  it('rotates through a tag without repeats, then starts a new cycle', () => {
    let sent: string[] = [];
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const pick = pickItem(
        library,
        { selection: { kind: 'rotate', tag: '家风' }, sent, theme: null },
        '2026-09-28',
      )!;
      picks.push(pick.item.id);
      sent = pick.sent;
    }
    expect(picks).toEqual(['C001', 'C002', 'C003', 'C001']);
    expect(sent).toEqual(['C001']);
  });

  it('prefers the theme tag in its period and anniversary content on its day', () => {
    const theme = { tag: '主题', from: '2026-01-01', to: '2026-12-31' };
    const base = { selection: { kind: 'rotate' as const, tag: '家风' }, sent: [], theme };
    expect(pickItem(library, base, '2026-09-28')).toMatchObject({ item: { id: 'C002' }, reason: 'theme' });
    expect(pickItem(library, base, '2027-01-04')).toMatchObject({ item: { id: 'C001' }, reason: 'rotation' });
    expect(pickItem(library, base, '2026-10-01')).toMatchObject({
      item: { id: 'C004' },
      reason: 'anniversary',
      sent: [],
    });
  });
});
