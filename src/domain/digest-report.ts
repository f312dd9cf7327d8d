/**
 * Builds the digest card for one reader, shared by `/digest now` and the weekly job: leaders
 * get the top departments they head (each with those below), admins every top-level department
 * and the score ranking.
 */
import { buildDigestCard } from '../../cards/digest-card.js';
import type { Card } from '../../cards/types.js';
import type { Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { formatZoned } from '../time/zoned.js';
import { type DepartmentView, listDepartments } from './departments.js';
import { collectDeptDigest } from './digest.js';
import { computeScore, rankDepartments } from './score.js';
import { loadScoreWeights } from './score-config.js';
import { collectScoreFigures } from './score-figures.js';
import { parseScorePeriod } from './score-period.js';

const WEEK_MS = 7 * 86_400_000;

/** Who reads the digest: an admin, or a leader with the departments they head (sub-departments included or not). */
export interface DigestReader {
  admin: boolean;
  leads: readonly string[];
}

/** The departments a reader's digest covers (the top ones: each block includes those below). */
export function digestDepartments(reader: DigestReader, all: readonly DepartmentView[]): DepartmentView[] {
  if (reader.admin) return all.filter((d) => d.parentId === null);
  const led = new Set(reader.leads);
  return all.filter((d) => led.has(d.id) && !d.ancestors.some((a) => led.has(a)));
}

async function ranking(t: Translate, all: readonly DepartmentView[], tz: string, now: Date, log?: Logger) {
  const period = parseScorePeriod('', tz, now)!;
  const weights = await loadScoreWeights();
  const rows = [];
  for (const d of all)
    rows.push({ name: d.name, score: computeScore(await collectScoreFigures(d.id, period, log), weights) });
  const lines = rankDepartments(rows).map((r, i) =>
    t('score.rank.line', {
      rank: i + 1,
      dept: r.name,
      total: r.score.total ?? t('score.card.noData'),
      grade: r.score.grade ? t(`score.grade.${r.score.grade}`) : '—',
    }),
  );
  return { period: period.label, lines };
}

/** The reader's digest card for the week ending at `now`; undefined when they head no department. */
export async function buildDigestFor(
  t: Translate,
  reader: DigestReader,
  opts: { now: Date; tz: string; log?: Logger },
): Promise<Card | undefined> {
  const { now, tz } = opts;
  const all = await listDepartments();
  const depts = digestDepartments(reader, all);
  if (depts.length === 0) return undefined;
  const digests = [];
  for (const d of depts) digests.push(await collectDeptDigest(d, now));
  const range = {
    from: formatZoned(new Date(now.getTime() - WEEK_MS), tz, 'MM-DD HH:mm'),
    to: formatZoned(now, tz, 'MM-DD HH:mm'),
  };
  const ranks = reader.admin ? await ranking(t, all, tz, now, opts.log) : undefined;
  return buildDigestCard(t, range, digests, ranks);
}
