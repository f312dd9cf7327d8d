/**
 * `/digest now` (周报): the leaders' digest for the week ending now, in reply. Leaders get the
 * departments they lead (with those below); admins get every department and the score ranking.
 */
import { buildDigestCard } from '../../cards/digest-card.js';
import type { EventContext } from '../dispatch/context.js';
import { listDepartments } from '../domain/departments.js';
import { collectDeptDigest } from '../domain/digest.js';
import { computeScore, rankDepartments } from '../domain/score.js';
import { loadScoreWeights } from '../domain/score-config.js';
import { collectScoreFigures } from '../domain/score-figures.js';
import { parseScorePeriod } from '../domain/score-period.js';
import { formatZoned } from '../time/zoned.js';
import { noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';

const WEEK_MS = 7 * 86_400_000;

async function ranking(ctx: EventContext, depts: { id: string; name: string }[], tz: string) {
  const period = parseScorePeriod('', tz, ctx.now())!;
  const weights = await loadScoreWeights();
  const rows = [];
  for (const d of depts)
    rows.push({
      name: d.name,
      score: computeScore(await collectScoreFigures(d.id, period, ctx.log), weights),
    });
  const lines = rankDepartments(rows).map((r, i) =>
    ctx.t('score.rank.line', {
      rank: i + 1,
      dept: r.name,
      total: r.score.total ?? ctx.t('score.card.noData'),
      grade: r.score.grade ? ctx.t(`score.grade.${r.score.grade}`) : '—',
    }),
  );
  return { period: period.label, lines };
}

async function digestNow(ctx: EventContext): Promise<void> {
  const { timezone } = await ctx.services.settings();
  const admin = ctx.actor.roles.includes('admin');
  const all = await listDepartments();
  // A leader's `leads` already holds the sub-departments; show the top ones they head.
  const led = new Set(ctx.actor.leads);
  const depts = admin
    ? all.filter((d) => d.parentId === null)
    : all.filter((d) => led.has(d.id) && !led.has(d.parentId ?? ''));
  if (depts.length === 0) return ctx.reply.text(ctx.t(admin ? 'score.err.noDepts' : 'digest.err.noDepts'));
  const now = ctx.now();
  const digests = [];
  for (const d of depts) digests.push(await collectDeptDigest(d, now));
  const range = {
    from: formatZoned(new Date(now.getTime() - WEEK_MS), timezone, 'MM-DD HH:mm'),
    to: formatZoned(now, timezone, 'MM-DD HH:mm'),
  };
  await ctx.reply.card(
    buildDigestCard(ctx.t, range, digests, admin ? await ranking(ctx, all, timezone) : undefined),
  );
}

/** Adds /digest now. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['digest', 'now'],
    aliases: ['周报', '周报 立即', '立即周报'],
    summary: 'digest.now.summary',
    usage: 'digest.now.usage',
    roles: ['admin', 'leader'],
    where: 'p2p',
    args: noArgs,
    run: digestNow,
  });
}
