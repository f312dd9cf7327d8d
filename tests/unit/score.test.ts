import { describe, expect, it } from 'vitest';
import {
  computeScore,
  DEFAULT_SCORE_WEIGHTS,
  gradeOf,
  rankDepartments,
  type ScoreFigures,
  validateWeights,
} from '../../src/domain/score.js';

const full: ScoreFigures = {
  signRate: 90, // 9 of 10 signed
  orgOnTime: 75, // 3 of 4 organisational tasks closed on time
  categories: [
    { category: 'key', due: 4, closed: 3, closedOnTime: 2 },
    { category: 'rectify', due: 2, closed: 2, closedOnTime: 1 },
  ],
  awareness: 80,
  participation: 60,
  satisfaction: 85,
};

describe('evaluation score (pure)', () => {
  it('computes every part by hand with the default weights', () => {
    const s = computeScore(full);
    // 组织保障: 0.5 × 90 + 0.5 × 75 = 82.5 → 82.5 × 30 / 100 = 24.75
    const organisation = 0.5 * 90 + 0.5 * 75;
    // 重点工程: completion (75 + 100) / 2 = 87.5, on time (50 + 50) / 2 = 50 → 68.75 × 0.4 = 27.5
    const projects = 0.5 * ((75 + 100) / 2) + 0.5 * ((50 + 50) / 2);
    // 群众感知: 0.3 × 80 + 0.3 × 60 + 0.4 × 85 = 76 → 22.8
    const perception = 0.3 * 80 + 0.3 * 60 + 0.4 * 85;
    const total = (organisation * 30 + projects * 40 + perception * 30) / 100;
    expect([organisation, projects, perception, total]).toEqual([82.5, 68.75, 76, 75.05]);
    expect(s.parts.map((p) => p.rate)).toEqual([82.5, 68.8, 76]);
    expect(s.parts.map((p) => p.points)).toEqual([24.8, 27.5, 22.8]);
    expect(s.parts[1]!.subs.map((x) => x.value)).toEqual([87.5, 50]);
    expect(s.total).toBe(Math.round(total * 10) / 10);
    expect(s.grade).toBe('pass');
  });

  it('leaves out what has no data and shares its weight proportionally', () => {
    const s = computeScore({
      ...full,
      signRate: null,
      awareness: null,
      participation: null,
      satisfaction: null,
    });
    // 组织保障 only orgOnTime: 75; 群众感知 no data → weights 30 : 40 over 70.
    expect(s.parts.map((p) => p.rate)).toEqual([75, 68.8, null]);
    const total = (75 * 30 + 68.75 * 40) / 70;
    expect(s.total).toBe(Math.round(total * 10) / 10);
    expect(s.parts[0]!.points).toBe(Math.round(((75 * 30) / 70) * 10) / 10);
    expect(s.parts[2]!.points).toBeNull();
    const none = computeScore({
      signRate: null,
      orgOnTime: null,
      categories: [{ category: 'key', due: 0, closed: 0, closedOnTime: 0 }],
      awareness: null,
      participation: null,
      satisfaction: null,
    });
    expect([none.total, none.grade]).toEqual([null, null]);
  });

  it('grades at 90 / 80 / 60 and validates weights (each group sums to 100)', () => {
    expect([90, 89.9, 80, 79.9, 60, 59.9].map(gradeOf)).toEqual([
      'excellent',
      'good',
      'good',
      'pass',
      'pass',
      'poor',
    ]);
    expect(validateWeights(DEFAULT_SCORE_WEIGHTS)).toBeUndefined();
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, projects: 50 })).toEqual({ group: 'parts', sum: 110 });
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, awareness: -10, satisfaction: 80 })?.group).toBe(
      'perception',
    );
    expect(() => computeScore(full, { ...DEFAULT_SCORE_WEIGHTS, onTime: 40 })).toThrow(RangeError);
    const w = { ...DEFAULT_SCORE_WEIGHTS, organisation: 50, projects: 30, perception: 20 };
    expect(computeScore(full, w).total).toBe(
      Math.round(((82.5 * 50 + 68.75 * 30 + 76 * 20) / 100) * 10) / 10,
    );
  });

  it('ranks by total, departments without a score last', () => {
    const row = (name: string, f: ScoreFigures) => ({ name, score: computeScore(f) });
    const ranked = rankDepartments([
      row('财务处', { ...full, satisfaction: 40 }),
      row('办公室', full),
      row('后勤处', {
        ...full,
        signRate: null,
        orgOnTime: null,
        categories: [],
        awareness: null,
        participation: null,
        satisfaction: null,
      }),
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['办公室', '财务处', '后勤处']);
  });
});
