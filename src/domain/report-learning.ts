/**
 * The report's 学习 sheet: broadcasts sent in the period, one row each — the item's title, the
 * chats targeted and delivered, 已学习 (people), the audience (people of the departments whose
 * chats received it, sub-departments included), the ack rate, quiz answers and accuracy.
 *
 * A leader's row counts only their departments: their chats, their people reached (also through
 * a chat of a department above theirs), and their people's responses (a response carries the
 * responder's department). Broadcasts with none of their chats and no response from their
 * people are left out.
 */

import { BroadcastModel } from '../models/broadcast.js';
import { PersonModel } from '../models/person.js';
import { formatZoned } from '../time/zoned.js';
import { type BroadcastView, broadcastFigures, getBroadcast } from './broadcasts.js';
import { getContentItem } from './content-items.js';
import { withDescendants } from './departments.js';
import { inScope, percent, type ReportCell, type ReportInput, type ReportSheet } from './report-sheet.js';

/** The 学习 sheet of the period, oldest broadcast first. */
export async function buildLearningSheet(input: ReportInput): Promise<ReportSheet> {
  const { t, tz, scope, range } = input;
  const ids = await BroadcastModel.find(
    { createdAt: { $gte: range.from, $lt: range.to } },
    { _id: 1 },
  ).lean();
  const broadcasts = (await Promise.all(ids.map((d) => getBroadcast(String(d._id)))))
    .filter((b): b is BroadcastView => b !== undefined)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const rows: ReportCell[][] = [];
  for (const b of broadcasts) {
    const [figures, item] = await Promise.all([broadcastFigures(b), getContentItem(b.itemId)]);
    const slices = [...figures.byDept.entries()].filter(([dept]) => inScope(scope, dept || null));
    const sum = (key: 'delivered' | 'acks' | 'answered' | 'correct') =>
      slices.reduce((a, [, f]) => a + f[key], 0);
    const targetChats = b.chatDepts.filter((d) => inScope(scope, d || null)).length;
    const acks = sum('acks');
    const answered = sum('answered');
    if (scope.kind === 'departments' && targetChats === 0 && acks === 0 && answered === 0) continue;
    // A chat bound to a department above the reader's still reaches the reader's people.
    const reachedRoots = [...figures.byDept.entries()]
      .filter(([dept, f]) => dept !== '' && f.delivered > 0)
      .map(([dept]) => dept);
    const reached = (await withDescendants(reachedRoots)).filter((d) => inScope(scope, d));
    const audience = reached.length > 0 ? await PersonModel.countDocuments({ deptId: { $in: reached } }) : 0;
    const quiz = Boolean(item?.quiz);
    const correct = sum('correct');
    rows.push([
      b.id,
      b.itemId,
      item?.title ?? '',
      formatZoned(b.createdAt, tz, 'YYYY-MM-DD HH:mm'),
      targetChats,
      sum('delivered'),
      acks,
      audience,
      percent(Math.min(acks, audience), audience),
      quiz ? answered : '',
      quiz ? correct : '',
      quiz ? percent(correct, answered) : '',
    ]);
  }
  return {
    key: 'learning',
    name: t('report.sheet.learning'),
    header: [
      t('report.col.broadcastId'),
      t('report.col.itemId'),
      t('report.col.itemTitle'),
      t('report.col.sentAt'),
      t('report.col.targetChats'),
      t('report.col.delivered'),
      t('report.col.acks'),
      t('report.col.audience'),
      t('report.col.ackRate'),
      t('report.col.answered'),
      t('report.col.correct'),
      t('report.col.accuracy'),
    ],
    rows,
  };
}
