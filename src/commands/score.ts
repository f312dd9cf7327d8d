/**
 * The evaluation score (考核评分): `/score [部门] [期间]` (one department's card, or the ranking of
 * all departments), `/score explain` (the formula) and `/score config` (admins: the weights).
 */
import { buildScoreCard } from '../../cards/score-card.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { findDepartmentByName, listDepartments } from '../domain/departments.js';
import { computeScore, rankDepartments, type ScoreWeights, validateWeights } from '../domain/score.js';
import { loadScoreWeights, saveScoreWeights } from '../domain/score-config.js';
import { collectScoreFigures } from '../domain/score-figures.js';
import { looksLikePeriod, parseScorePeriod } from '../domain/score-period.js';
import type { Translate } from '../i18n/index.js';
import { argsFrom, noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';
import { auditScopeRefusal } from './scope-audit.js';

const VIEWERS = ['admin', 'leader', 'supervisor'] as const;

/** Weight names as typed (Chinese and English) → the weight they set. */
const WEIGHT_NAMES: Record<string, keyof ScoreWeights> = {
  组织保障: 'organisation',
  重点工程: 'projects',
  重点工程推进: 'projects',
  群众感知: 'perception',
  群众感知满意: 'perception',
  签署率: 'signRate',
  按时销号: 'orgOnTime',
  完成率: 'completion',
  按时率: 'onTime',
  知晓度: 'awareness',
  参与度: 'participation',
  满意度: 'satisfaction',
};
const GROUP_NAMES: Record<string, string> = {
  parts: '三项一级指标',
  organisation: '组织保障',
  projects: '重点工程推进',
  perception: '群众感知满意',
};

const showArgs = argsFrom((input) => {
  const words = [...input.words];
  const period = words.length > 0 && looksLikePeriod(words.at(-1)!) ? words.pop()! : '';
  return { dept: words.join(' ').trim(), period };
});

/** Lists the weights as `name=value` lines. */
function describeWeights(t: Translate, w: ScoreWeights): string {
  return Object.entries(WEIGHT_NAMES)
    .filter(([name, key], i, all) => all.findIndex(([, k]) => k === key) === i && name !== '')
    .map(([name, key]) => `${name}=${w[key]}`)
    .join('  ')
    .concat(`\n${t('score.config.usage')}`);
}

/** Admins and supervisors see every department; a leader sees the ones they lead. */
function seesAll(ctx: EventContext): boolean {
  return ctx.actor.roles.includes('admin') || ctx.actor.roles.includes('supervisor');
}

async function show(ctx: EventContext, args: { dept: string; period: string }): Promise<void> {
  const { t } = ctx;
  const { timezone } = await ctx.services.settings();
  const period = parseScorePeriod(args.period, timezone, ctx.now());
  if (!period) return ctx.reply.text(t('score.err.period', { input: args.period }));
  const weights = await loadScoreWeights();
  if (args.dept !== '') {
    const dept = await findDepartmentByName(args.dept);
    if (!dept) return ctx.reply.text(t('score.err.dept', { name: args.dept }));
    if (!seesAll(ctx) && !ctx.actor.leads.includes(dept.id)) {
      await auditScopeRefusal(ctx, 'score.show', dept.id, 'dept');
      return ctx.reply.text(t('score.err.notYours', { name: dept.name }));
    }
    const score = computeScore(await collectScoreFigures(dept.id, period, ctx.log), weights);
    return ctx.reply.card(buildScoreCard(t, dept.name, period.label, score));
  }
  const depts = (await listDepartments()).filter((d) => seesAll(ctx) || ctx.actor.leads.includes(d.id));
  if (depts.length === 0) return ctx.reply.text(t('score.err.noDepts'));
  const rows = [];
  for (const d of depts) {
    rows.push({
      name: d.name,
      score: computeScore(await collectScoreFigures(d.id, period, ctx.log), weights),
    });
  }
  const lines = rankDepartments(rows).map((r, i) =>
    t('score.rank.line', {
      rank: i + 1,
      dept: r.name,
      total: r.score.total ?? t('score.card.noData'),
      grade: r.score.grade ? t(`score.grade.${r.score.grade}`) : '—',
    }),
  );
  await ctx.reply.text(`${t('score.rank.title', { period: period.label })}\n${lines.join('\n')}`);
}

async function configure(ctx: EventContext, words: string[]): Promise<void> {
  const { t } = ctx;
  const current = await loadScoreWeights();
  if (words.length === 0)
    return ctx.reply.text(t('score.config.current', { weights: describeWeights(t, current) }));
  const next: ScoreWeights = { ...current };
  for (const word of words) {
    const m = /^([^=＝]+)[=＝](\d+(?:\.\d+)?)$/.exec(word);
    const key = m ? WEIGHT_NAMES[m[1]!.trim()] : undefined;
    if (!m || !key)
      return ctx.reply.text(
        t('score.err.weightWord', { input: word, names: Object.keys(WEIGHT_NAMES).join('、') }),
      );
    next[key] = Number(m[2]);
  }
  const problem = validateWeights(next);
  if (problem)
    return ctx.reply.text(
      t('score.err.weightSum', { group: GROUP_NAMES[problem.group] ?? problem.group, sum: problem.sum }),
    );
  await saveScoreWeights(next, ctx.actor.openId, ctx.now());
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'score.config',
      outcome: 'ok',
      before: current,
      after: next,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(t('score.config.saved', { weights: describeWeights(t, next) }));
}

/** Adds /score, /score explain and /score config. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['score', 'explain'],
    aliases: ['考核 公式', '评分 公式', '考核公式'],
    summary: 'score.explain.summary',
    usage: 'score.explain.usage',
    roles: 'everyone',
    args: noArgs,
    async run(ctx) {
      const w = await loadScoreWeights();
      await ctx.reply.text(ctx.t('score.explain.text', { ...w }));
    },
  });
  registry.add({
    path: ['score', 'config'],
    aliases: ['考核 权重', '评分 权重', '考核权重'],
    summary: 'score.config.summary',
    usage: 'score.config.usage',
    example: 'score.config.example',
    roles: ['admin'],
    args: argsFrom((input) => input.words),
    run: configure,
  });
  registry.add({
    path: ['score'],
    aliases: ['考核', '评分', '考核评分'],
    summary: 'score.show.summary',
    usage: 'score.show.usage',
    example: 'score.show.example',
    roles: VIEWERS,
    args: showArgs,
    run: show,
  });
}
