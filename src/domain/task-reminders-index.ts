/**
 * Which reminder jobs a task has: one small document per task (`_id` = task id) listing the job
 * keys scheduled for it, so re-planning reads and cancels them by key (an equality FerretDB
 * pushes down) instead of searching the jobs collection by payload. A lost concurrent update of
 * the list can leave an old job uncancelled; that is harmless, because a reminder re-reads the
 * task and sends nothing for an old deadline or a task no longer open.
 */
import mongoose from 'mongoose';

const reminderIndexSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    keys: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'task_reminder_index', versionKey: false },
);

/** The per-task list of reminder job keys. */
export const TaskReminderIndexModel = mongoose.model('TaskReminderIndex', reminderIndexSchema);

/** The reminder job keys recorded for `taskId`. */
export async function readReminderKeys(taskId: string): Promise<string[]> {
  const doc = await TaskReminderIndexModel.findById(taskId).lean();
  return doc?.keys ?? [];
}

/** Records the reminder job keys of `taskId` (every key ever scheduled that may still matter). */
export async function writeReminderKeys(taskId: string, keys: string[], now: Date): Promise<void> {
  await TaskReminderIndexModel.updateOne(
    { _id: taskId },
    { $set: { keys, updatedAt: now } },
    { upsert: true },
  );
}
