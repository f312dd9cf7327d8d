/**
 * Early-warning rules (预警规则): small pure functions over figures collected per department.
 * Each returns the figure that trips it, or null when the rule does not hold.
 */

/** Rule names; also the first part of episode ids and outbox keys. */
export const WARNING_RULES = ['satisfaction', 'overdue', 'signRate', 'score'] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

/** Thresholds (defaults: drop > 10 points, > 3 overdue tasks, sign rate < 90 %, score < 60). */
export interface WarningThresholds {
  satisfactionDrop: number;
  overdue: number;
  signRate: number;
  score: number;
}
export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  satisfactionDrop: 10,
  overdue: 3,
  signRate: 90,
  score: 60,
};

/** What the checker read for one department; null = no data. */
export interface WarningFigures {
  /** Satisfaction index of the latest and the previous closed satisfaction poll. */
  satisfaction: { latest: number | null; previous: number | null };
  overdueOpen: number;
  /** Sign rate (0–100) of the latest sign-off past its deadline with signers in the department. */
  closedSignRate: number | null;
  /** The department's score this month. */
  monthScore: number | null;
}

export function satisfactionDropped(f: WarningFigures, th: WarningThresholds): number | null {
  const { latest, previous } = f.satisfaction;
  if (latest === null || previous === null) return null;
  const drop = previous - latest;
  return drop > th.satisfactionDrop ? Math.round(drop * 10) / 10 : null;
}

export function tooManyOverdue(f: WarningFigures, th: WarningThresholds): number | null {
  return f.overdueOpen > th.overdue ? f.overdueOpen : null;
}

export function signRateLow(f: WarningFigures, th: WarningThresholds): number | null {
  return f.closedSignRate !== null && f.closedSignRate < th.signRate ? Math.round(f.closedSignRate) : null;
}

export function scoreLow(f: WarningFigures, th: WarningThresholds): number | null {
  return f.monthScore !== null && f.monthScore < th.score ? f.monthScore : null;
}

/** Every rule evaluated: rule → tripping figure (null = clear). */
export function evaluateWarnings(
  f: WarningFigures,
  th: WarningThresholds,
): Record<WarningRule, number | null> {
  return {
    satisfaction: satisfactionDropped(f, th),
    overdue: tooManyOverdue(f, th),
    signRate: signRateLow(f, th),
    score: scoreLow(f, th),
  };
}
