/**
 * The campaign evaluation score (pure): three first-level indicators on a 100-point scale.
 *
 *   组织保障 (organisation, default 30): 责任书签署率 (signRate) and 组织类任务按时销号率 (orgOnTime)
 *   重点工程推进 (projects, default 40): per task category, 完成率 (completion) and 按时率 (onTime);
 *     the categories with tasks count equally
 *   群众感知满意 (perception, default 30): 知晓度 = broadcast acknowledgement rate (awareness),
 *     参与度 = poll turnout (participation), 满意度 = satisfaction index (satisfaction)
 *
 * Every sub-indicator is a value 0–100. A part's rate is the weighted mean of its sub-indicators
 * that have data; the total is Σ part weight × part rate / 100. A sub-indicator or a part without
 * data (暂无数据) is left out and its weight is shared among the others in proportion to their
 * weights, so the total stays on the 100-point scale. No data anywhere: no score.
 */

/** Sub-indicator weights inside each part (each group sums to 100) and the part weights (sum 100). */
export interface ScoreWeights {
  organisation: number;
  projects: number;
  perception: number;
  signRate: number;
  orgOnTime: number;
  completion: number;
  onTime: number;
  awareness: number;
  participation: number;
  satisfaction: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  organisation: 30,
  projects: 40,
  perception: 30,
  signRate: 50,
  orgOnTime: 50,
  completion: 50,
  onTime: 50,
  awareness: 30,
  participation: 30,
  satisfaction: 40,
};

/** The weight groups that must each sum to 100. */
export const WEIGHT_GROUPS = {
  parts: ['organisation', 'projects', 'perception'],
  organisation: ['signRate', 'orgOnTime'],
  projects: ['completion', 'onTime'],
  perception: ['awareness', 'participation', 'satisfaction'],
} as const satisfies Record<string, readonly (keyof ScoreWeights)[]>;

/** Figures of one category of tasks due in the period. */
export interface CategoryFigures {
  category: string;
  /** Tasks due in the period (not cancelled). */
  due: number;
  /** Of those, closed (销号). */
  closed: number;
  /** Of those, closed by their deadline. */
  closedOnTime: number;
}

/** What the collector found for a department and period; null = 暂无数据. Rates are 0–100. */
export interface ScoreFigures {
  signRate: number | null;
  orgOnTime: number | null;
  categories: CategoryFigures[];
  awareness: number | null;
  participation: number | null;
  satisfaction: number | null;
}

/** One sub-indicator as shown: its value (null = 暂无数据) and its configured weight in the part. */
export interface SubScore {
  key: string;
  value: number | null;
  weight: number;
}

/** One first-level indicator: the rate 0–100, the points it adds, and its parts. */
export interface PartScore {
  key: 'organisation' | 'projects' | 'perception';
  weight: number;
  /** Weighted mean of the sub-indicators with data; null when none has data. */
  rate: number | null;
  /** rate × weight / total weight of the parts with data × 100 / 100 (its share of the total). */
  points: number | null;
  subs: SubScore[];
}

export type Grade = 'excellent' | 'good' | 'pass' | 'poor';

/** The score of one department and period. */
export interface ScoreResult {
  total: number | null;
  grade: Grade | null;
  parts: PartScore[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A problem with weights, or undefined when every group sums to 100 and no weight is negative. */
export function validateWeights(w: ScoreWeights): { group: string; sum: number } | undefined {
  for (const [group, keys] of Object.entries(WEIGHT_GROUPS)) {
    const values = keys.map((k) => w[k]);
    const sum = values.reduce((a, b) => a + b, 0);
    if (values.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(sum - 100) > 1e-9) return { group, sum };
  }
  return undefined;
}

/** Weighted mean of the values that are not null (weights renormalised); null when none. */
export function weightedMean(items: readonly { value: number | null; weight: number }[]): number | null {
  const present = items.filter((i) => i.value !== null && i.weight > 0);
  const weight = present.reduce((a, i) => a + i.weight, 0);
  if (weight === 0) return null;
  return present.reduce((a, i) => a + (i.value as number) * i.weight, 0) / weight;
}

/** Completion and on-time rate of the categories with tasks due, each category counting equally. */
export function categoryRates(categories: readonly CategoryFigures[]): {
  completion: number | null;
  onTime: number | null;
} {
  const withTasks = categories.filter((c) => c.due > 0);
  if (withTasks.length === 0) return { completion: null, onTime: null };
  const mean = (f: (c: CategoryFigures) => number) =>
    withTasks.reduce((a, c) => a + f(c), 0) / withTasks.length;
  return {
    completion: mean((c) => (c.closed / c.due) * 100),
    onTime: mean((c) => (c.closedOnTime / c.due) * 100),
  };
}

/** The grade of a total: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 较差 < 60. */
export function gradeOf(total: number): Grade {
  if (total >= 90) return 'excellent';
  if (total >= 80) return 'good';
  if (total >= 60) return 'pass';
  return 'poor';
}

/** Computes the score (rates and points rounded to one decimal for display; the total from exact values). */
export function computeScore(f: ScoreFigures, w: ScoreWeights = DEFAULT_SCORE_WEIGHTS): ScoreResult {
  const problem = validateWeights(w);
  if (problem) throw new RangeError(`score weights of ${problem.group} sum to ${problem.sum}, not 100`);
  const { completion, onTime } = categoryRates(f.categories);
  const groups: { key: PartScore['key']; subs: SubScore[] }[] = [
    {
      key: 'organisation',
      subs: [
        { key: 'signRate', value: f.signRate, weight: w.signRate },
        { key: 'orgOnTime', value: f.orgOnTime, weight: w.orgOnTime },
      ],
    },
    {
      key: 'projects',
      subs: [
        { key: 'completion', value: completion, weight: w.completion },
        { key: 'onTime', value: onTime, weight: w.onTime },
      ],
    },
    {
      key: 'perception',
      subs: [
        { key: 'awareness', value: f.awareness, weight: w.awareness },
        { key: 'participation', value: f.participation, weight: w.participation },
        { key: 'satisfaction', value: f.satisfaction, weight: w.satisfaction },
      ],
    },
  ];
  const rated = groups.map((g) => ({ ...g, weight: w[g.key], rate: weightedMean(g.subs) }));
  const present = rated.filter((p) => p.rate !== null && p.weight > 0);
  const presentWeight = present.reduce((a, p) => a + p.weight, 0);
  const parts: PartScore[] = rated.map((p) => ({
    key: p.key,
    weight: p.weight,
    rate: p.rate === null ? null : round1(p.rate),
    points: p.rate === null || presentWeight === 0 ? null : round1((p.rate * p.weight) / presentWeight),
    subs: p.subs.map((s) => ({ ...s, value: s.value === null ? null : round1(s.value) })),
  }));
  if (presentWeight === 0) return { total: null, grade: null, parts };
  const total = round1(present.reduce((a, p) => a + (p.rate as number) * p.weight, 0) / presentWeight);
  return { total, grade: gradeOf(total), parts };
}

/** Departments ordered by total (no score last), then by name. */
export function rankDepartments<T extends { name: string; score: ScoreResult }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => (b.score.total ?? -1) - (a.score.total ?? -1) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}
