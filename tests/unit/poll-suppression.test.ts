import { describe, expect, it } from 'vitest';
import { countGroups, summarise, type VoteGroup } from '../../src/domain/poll-results.js';
import { chooseHiddenSlices, type PollCell } from '../../src/domain/poll-suppression.js';
import type { PollView } from '../../src/domain/polls.js';
import { revealedGroups } from '../support/subtraction.js';

const poll = {
  id: 'VTEST',
  kind: 'general',
  options: [
    { key: 'o1', label: '甲', weight: null },
    { key: 'o2', label: '乙', weight: null },
  ],
  eligibleCount: 100,
} as PollView;

/** The shown figures of a results summary, as the reader sees them. */
function shownFigures(groups: VoteGroup[]) {
  const r = summarise(poll, countGroups(groups));
  const cells: PollCell[] = countGroups(groups).cells;
  return {
    cells,
    chats: r.byChat.filter((s) => !s.suppressed).map((s) => s.id),
    depts: r.byDept.filter((s) => !s.suppressed).map((s) => s.id),
    results: r,
  };
}

describe('slice suppression against subtraction', () => {
  it('hides a second department when one has 3 respondents (complementary suppression)', () => {
    const groups: VoteGroup[] = [
      { chat: 'c1', dept: 'A', options: ['o1'], n: 7 },
      { chat: 'c1', dept: 'B', options: ['o2'], n: 3 },
      { chat: 'c1', dept: 'C', options: ['o1'], n: 6 },
      { chat: 'c1', dept: 'D', options: ['o2'], n: 9 },
    ];
    const f = shownFigures(groups);
    expect(f.depts).not.toContain('B');
    // The smallest other department goes with it: B + C = 9 ≥ 5.
    expect(f.depts).not.toContain('C');
    expect(f.depts.sort()).toEqual(['A', 'D']);
    expect(revealedGroups(f.cells, f.chats, f.depts)).toEqual([]);
  });

  it('blocks the chat − department difference (a small cell across the two breakdowns)', () => {
    // c1 = A (6) + B (2); c2 = B (3) + C (7): every slice has ≥ 5, yet c1 − A = the 2 of B in c1.
    const groups: VoteGroup[] = [
      { chat: 'c1', dept: 'A', options: ['o1'], n: 6 },
      { chat: 'c1', dept: 'B', options: ['o2'], n: 2 },
      { chat: 'c2', dept: 'B', options: ['o1'], n: 3 },
      { chat: 'c2', dept: 'C', options: ['o2'], n: 7 },
    ];
    const everything = countGroups(groups).cells;
    expect(revealedGroups(everything, ['c1', 'c2'], ['A', 'B', 'C']).length).toBeGreaterThan(0);
    const f = shownFigures(groups);
    expect(revealedGroups(f.cells, f.chats, f.depts)).toEqual([]);
  });

  it('never leaves a derivable group of 1–4 on random tables', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const chats = ['c1', 'c2', null].slice(0, 1 + rand(3));
      const depts = ['A', 'B', 'C', null].slice(0, 1 + rand(4));
      const cells: PollCell[] = [];
      for (const chat of chats)
        for (const dept of depts)
          if (rand(3) > 0) cells.push({ chat, dept, respondents: rand(3) === 0 ? rand(5) : rand(12) });
      const hidden = chooseHiddenSlices(cells);
      const shownChats = [...new Set(cells.map((c) => c.chat))].filter((c) => !hidden.chats.has(c));
      const shownDepts = [...new Set(cells.map((c) => c.dept))].filter((d) => !hidden.depts.has(d));
      expect(revealedGroups(cells, shownChats, shownDepts), JSON.stringify(cells)).toEqual([]);
    }
  });
});
