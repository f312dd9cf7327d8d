/**
 * The campaign report (工作报表) of a period: five sheets — 任务, 签署, 投票, 学习, 评分 — read
 * from the stored tasks, signatures, polls, broadcasts and scores, in the reader's scope
 * (admins and supervisors: everything; a leader: the departments they lead, with those below).
 * Knows nothing of Feishu; the command turns the sheets into one XLSX file.
 */
import { buildLearningSheet } from './report-learning.js';
import { buildPollSheet } from './report-polls.js';
import { buildScoreSheet } from './report-scores.js';
import type { ReportInput, ReportSheet } from './report-sheet.js';
import { buildSignatureSheet } from './report-signatures.js';
import { buildTaskSheet, loadReportTasks } from './report-tasks.js';

/** The sheets in workbook order, or `tooMany` when the period holds more tasks than one file may. */
export async function buildReport(
  input: ReportInput,
): Promise<{ ok: true; sheets: ReportSheet[] } | { ok: false; tooMany: number }> {
  const tasks = await loadReportTasks(input);
  if (!tasks.ok) return tasks;
  const sheets = [
    await buildTaskSheet(input, tasks.tasks),
    await buildSignatureSheet(input),
    await buildPollSheet(input),
    await buildLearningSheet(input),
    await buildScoreSheet(input),
  ];
  return { ok: true, sheets };
}
