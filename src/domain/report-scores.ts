/**
 * The report's 评分 sheet: the evaluation score of each department in the reader's scope for the
 * report's period (each with its sub-departments, as `/score` computes it), ranked: total, grade,
 * the three parts' rates and every sub-indicator. 暂无数据 where a figure has no data.
 */
import { listDepartments } from './departments.js';
import type { ReportCell, ReportInput, ReportSheet } from './report-sheet.js';
import { computeScore, rankDepartments, type ScoreResult } from './score.js';
import { loadScoreWeights } from './score-config.js';
import { collectScoreFigures } from './score-figures.js';

const PARTS = [
  { key: 'organisation', subs: ['signRate', 'orgOnTime'] },
  { key: 'projects', subs: ['completion', 'onTime'] },
  { key: 'perception', subs: ['awareness', 'participation', 'satisfaction'] },
] as const;

/** The 评分 sheet of the period. */
export async function buildScoreSheet(input: ReportInput): Promise<ReportSheet> {
  const { t, scope, range } = input;
  const depts = (await listDepartments()).filter((d) => scope.kind === 'all' || scope.deptIds.includes(d.id));
  const period = { label: `${range.fromDay}~${range.toDay}`, from: range.from, to: range.to };
  const weights = await loadScoreWeights();
  const scored: { name: string; score: ScoreResult }[] = [];
  for (const d of depts)
    scored.push({
      name: d.name,
      score: computeScore(await collectScoreFigures(d.id, period, input.log), weights),
    });
  const value = (v: number | null): ReportCell => v ?? t('score.card.noData');
  const rows = rankDepartments(scored).map((r, i) => {
    const cells: ReportCell[] = [
      i + 1,
      r.name,
      value(r.score.total),
      r.score.grade ? t(`score.grade.${r.score.grade}`) : '',
    ];
    for (const part of PARTS) {
      const scoredPart = r.score.parts.find((p) => p.key === part.key);
      cells.push(value(scoredPart?.rate ?? null));
      for (const sub of part.subs)
        cells.push(value(scoredPart?.subs.find((s) => s.key === sub)?.value ?? null));
    }
    return cells;
  });
  return {
    key: 'scores',
    name: t('report.sheet.scores'),
    header: [
      t('report.col.rank'),
      t('ledger.col.department'),
      t('report.col.total'),
      t('report.col.grade'),
      ...PARTS.flatMap((p) => [t(`score.part.${p.key}`), ...p.subs.map((s) => t(`score.sub.${s}`))]),
    ],
    rows,
  };
}
