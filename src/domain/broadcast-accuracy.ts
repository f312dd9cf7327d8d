/**
 * Quiz accuracy (答题正确率) of a department's people over the broadcasts sent in a period: right
 * answers / answers, the figure `/broadcast stats` shows per broadcast (its per-department rows
 * count each answer under the department of the person who answered).
 */
import { BroadcastModel } from '../models/broadcast.js';
import { broadcastFigures, getBroadcast } from './broadcasts.js';

/** Right answers as a share of answers (0–100); null when nobody answered. */
export function accuracyRate(correct: number, answered: number): number | null {
  return answered > 0 ? (correct / answered) * 100 : null;
}

/** The accuracy of the people of `depts` on the quizzes of broadcasts created in [from, to). */
export async function quizAccuracy(
  depts: readonly string[],
  period: { from: Date; to: Date },
): Promise<number | null> {
  const docs = await BroadcastModel.find(
    { createdAt: { $gte: period.from, $lt: period.to } },
    { _id: 1 },
  ).lean();
  let answered = 0;
  let correct = 0;
  for (const { _id } of docs) {
    const b = await getBroadcast(String(_id));
    if (!b) continue;
    const f = await broadcastFigures(b);
    for (const dept of depts) {
      const row = f.byDept.get(dept);
      if (!row) continue;
      answered += row.answered;
      correct += row.correct;
    }
  }
  return accuracyRate(correct, answered);
}
