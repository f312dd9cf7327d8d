/**
 * Importing a task ledger (任务台账): every row is checked first — on its own (title, category,
 * deadline; task-import-rows.ts), then its people, group and (for leaders) the owners' departments
 * — and only then is each good row created as ONE task by `createTask` (domain/tasks.ts), exactly
 * like a typed one: same checks, assignments, history, audit entry and `created` hook (task card,
 * reminders). A bad row writes nothing.
 *
 * Idempotent: each good row gets an import key, a hash of what it says (title, category, owners,
 * deadline, leader, group). The key is claimed with a unique insert (the only write atomic on
 * FerretDB too) before the task is created, and records the task's id after. So sending the same
 * file again — or the file with other rows fixed, or the same table as XLSX — creates nothing
 * twice; two identical rows in one file are one task (the second is reported as a duplicate). A
 * claim a crash left without its task is recognised (the task is looked for by its contents) or,
 * when no task was made, taken over by the next send once stale.
 *
 * Knows nothing of Feishu: the directory lookup (emails / mobiles → open_ids) is passed in.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { TableRow } from '../files/read-table.js';
import { ChatModel } from '../models/chat.js';
import { PersonModel } from '../models/person.js';
import { type TaskCategory, TaskModel } from '../models/task.js';
import type { ResolveUserIds } from './member-import.js';
import {
  isBlankTaskRow,
  mapTaskColumns,
  missingTaskColumns,
  type PersonRef,
  type TaskColumnMap,
  type TaskRow,
  type TaskRowError,
  validateTaskRow,
} from './task-import-rows.js';
import type { TaskResult, TaskView } from './task-views.js';
import { type CreateTaskInput, createTask as createStoredTask, type TaskActor } from './tasks.js';

/** Most data rows one ledger file may hold. */
export const MAX_TASK_IMPORT_ROWS = 2000;

/**
 * Import keys of rows turned into tasks: `_id` = the row's key, claimed (a unique insert) before
 * the task is created; `taskId` is set once it is. `attempt` counts claims: a claim left without
 * a task by a crash is taken over after {@link STALE_CLAIM_MS} through the unique token
 * `${key}#${attempt + 1}`, so two imports never both take it over.
 */
const taskImportKeySchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    taskId: { type: String, default: null },
    attempt: { type: Number, default: 1 },
    importedBy: { type: String, default: '' },
    fileName: { type: String, default: '' },
    line: { type: Number, default: 0 },
    at: { type: Date, required: true },
    /** True once the task's card was handed to the outbox (see {@link markCardsSent}). */
    cardSent: { type: Boolean, default: false },
  },
  { collection: 'task_import_keys', versionKey: false },
);
/** The task_import_keys collection (row keys and claim tokens). */
export const TaskImportKeyModel = mongoose.model('TaskImportKey', taskImportKeySchema);

/** A claim without a task older than this is taken to be a crashed import's. */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Why a whole file was refused before any row was created. */
export type TaskImportFailure =
  | { kind: 'empty' }
  | { kind: 'missingColumns'; missing: Array<'title' | 'owners' | 'deadline'> }
  | { kind: 'tooManyRows'; rows: number; max: number }
  | { kind: 'directoryUnavailable'; detail: string };

/** What an import did. `skipped` = rows with an error (in `errors`, by line). */
export interface TaskImportSummary {
  /** Non-blank data rows. */
  total: number;
  /** Tasks created by this import, in row order. */
  created: number;
  /** Good rows whose task an earlier import already created. */
  existing: number;
  skipped: number;
  errors: TaskRowError[];
  /** Ids of the tasks of the good rows (created now or before), in row order. */
  taskIds: string[];
  /** Tasks of this file whose card was not sent yet (created now, or a crash came first). */
  cardsDue: string[];
  /** Set when a database error stopped the writes: rows before it are in, the rest are not. */
  interruptedAt?: number;
}

/** The outcome of {@link importTasks}. */
export type TaskImportOutcome =
  | { ok: true; summary: TaskImportSummary }
  | { ok: false; failure: TaskImportFailure };

/** One good row, resolved: what task creation receives, plus where it came from. */
export interface ImportedTaskInput {
  title: string;
  category: TaskCategory;
  /** Owners' open_ids in the row's order, without repeats. */
  owners: string[];
  deadline: Date;
  leader: string | null;
  chatId: string | null;
  /** The row's import key. */
  importKey: string;
  line: number;
}

/** Creates one task; `createTask` of domain/tasks.ts unless a test passes another. */
export type CreateTaskFn = (
  input: CreateTaskInput,
  actor: TaskActor,
  now: Date,
) => Promise<TaskResult<{ task: TaskView }>>;

/** What {@link importTasks} needs besides the rows. */
export interface TaskImportDeps {
  /** Who imports: becomes each task's creator; a leader's owners must be in their departments. */
  actor: TaskActor;
  now: Date;
  /** The agency time zone deadlines are read in. */
  tz: string;
  fileName: string;
  resolveUserIds: ResolveUserIds;
  createTask?: CreateTaskFn;
  log?: { warn(obj: object, msg: string): void };
}

/** The import key of a resolved row: a hash of everything the row says. */
export function importKeyOf(
  r: Pick<ImportedTaskInput, 'title' | 'category' | 'owners' | 'deadline' | 'leader' | 'chatId'>,
): string {
  const canonical = JSON.stringify([
    r.title,
    r.category,
    r.owners,
    r.deadline.toISOString(),
    r.leader ?? '',
    r.chatId ?? '',
  ]);
  return `ti:${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Header row and data rows: the first non-blank row is the header. */
function splitHeader(rows: TableRow[]): { map: TaskColumnMap; data: TableRow[] } | undefined {
  const start = rows.findIndex((r) => !isBlankTaskRow(r));
  if (start < 0) return undefined;
  return {
    map: mapTaskColumns(rows[start]!.cells),
    data: rows.slice(start + 1).filter((r) => !isBlankTaskRow(r)),
  };
}

/** How each person written in the file resolves: one open_id, several (ambiguous) or none. */
type PersonLookup = (ref: PersonRef) => { openId: string } | { problem: 'unknown' | 'ambiguous' };

/** Looks up every person the rows name, in as few queries as possible. */
async function lookUpPeople(rows: TaskRow[], resolveUserIds: ResolveUserIds): Promise<PersonLookup> {
  const refs = rows.flatMap((r) => [...r.owners, ...(r.leader ? [r.leader] : [])]);
  const names = [...new Set(refs.filter((r) => r.kind === 'name').map((r) => r.value))];
  const emails = [...new Set(refs.filter((r) => r.kind === 'email').map((r) => r.value))];
  const mobiles = [...new Set(refs.filter((r) => r.kind === 'mobile').map((r) => r.value))];

  const byName = new Map<string, string[]>();
  if (names.length > 0) {
    for (const p of await PersonModel.find({ name: { $in: names } }, { openId: 1, name: 1 }).lean()) {
      byName.set(p.name, [...(byName.get(p.name) ?? []), p.openId]);
    }
  }
  const byEmail = new Map<string, string>();
  const byMobile = new Map<string, string>();
  if (emails.length + mobiles.length > 0) {
    const or: Array<Record<string, unknown>> = [];
    if (emails.length) or.push({ email: { $in: emails } });
    if (mobiles.length) or.push({ mobile: { $in: mobiles } });
    for (const p of await PersonModel.find({ $or: or }, { openId: 1, email: 1, mobile: 1 }).lean()) {
      if (p.email) byEmail.set(p.email.toLowerCase(), p.openId);
      if (p.mobile) byMobile.set(p.mobile, p.openId);
    }
    const askEmails = emails.filter((e) => !byEmail.has(e));
    const askMobiles = mobiles.filter((m) => !byMobile.has(m));
    if (askEmails.length + askMobiles.length > 0) {
      const found = await resolveUserIds({ emails: askEmails, mobiles: askMobiles });
      for (const [k, v] of found.byEmail) byEmail.set(k.toLowerCase(), v);
      for (const [k, v] of found.byMobile) byMobile.set(k, v);
    }
  }
  return (ref) => {
    switch (ref.kind) {
      case 'openId':
        return { openId: ref.value };
      case 'email': {
        const id = byEmail.get(ref.value);
        return id ? { openId: id } : { problem: 'unknown' };
      }
      case 'mobile': {
        const id = byMobile.get(ref.value);
        return id ? { openId: id } : { problem: 'unknown' };
      }
      case 'name': {
        const ids = [...new Set(byName.get(ref.value) ?? [])];
        if (ids.length === 1) return { openId: ids[0]! };
        return { problem: ids.length > 1 ? 'ambiguous' : 'unknown' };
      }
    }
  };
}

/** Bound, active groups by name (and by chat id): one, several, or none. */
async function lookUpChats(): Promise<
  (text: string) => { chatId: string; deptId: string | null } | 'unknown' | 'ambiguous'
> {
  const chats = await ChatModel.find(
    { active: true, deptId: { $ne: null } },
    { chatId: 1, name: 1, deptId: 1 },
  ).lean();
  const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  return (text) => {
    const byId = chats.find((c) => c.chatId === text);
    const matches = byId ? [byId] : chats.filter((c) => c.name && key(c.name) === key(text));
    if (matches.length === 0) return 'unknown';
    if (matches.length > 1) return 'ambiguous';
    return { chatId: matches[0]!.chatId, deptId: matches[0]!.deptId ?? null };
  };
}

/** Validates every row, looks up people and groups, and creates the good rows (see the module comment). */
export async function importTasks(rows: TableRow[], deps: TaskImportDeps): Promise<TaskImportOutcome> {
  const split = splitHeader(rows);
  if (!split || split.data.length === 0) return { ok: false, failure: { kind: 'empty' } };
  const missing = missingTaskColumns(split.map);
  if (missing.length > 0) return { ok: false, failure: { kind: 'missingColumns', missing } };
  if (split.data.length > MAX_TASK_IMPORT_ROWS) {
    return {
      ok: false,
      failure: { kind: 'tooManyRows', rows: split.data.length, max: MAX_TASK_IMPORT_ROWS },
    };
  }
  const createTask = deps.createTask ?? createStoredTask;
  const errors: TaskRowError[] = [];

  // 1. Every row on its own.
  const valid: TaskRow[] = [];
  for (const row of split.data) {
    const checked = validateTaskRow(row, split.map, { tz: deps.tz, now: deps.now });
    if (checked.ok) valid.push(checked.row);
    else errors.push(checked.error);
  }

  // 2. People, groups, and (for a leader) the owners' departments.
  let person: PersonLookup;
  try {
    person = await lookUpPeople(valid, deps.resolveUserIds);
  } catch (error) {
    return {
      ok: false,
      failure: { kind: 'directoryUnavailable', detail: String((error as Error).message ?? error) },
    };
  }
  const chat = await lookUpChats();
  const ownerIds = new Set<string>();
  for (const row of valid)
    for (const ref of row.owners) {
      const found = person(ref);
      if ('openId' in found) ownerIds.add(found.openId);
    }
  const deptOf = new Map(
    (await PersonModel.find({ openId: { $in: [...ownerIds] } }, { openId: 1, deptId: 1 }).lean()).map((p) => [
      p.openId,
      p.deptId ?? null,
    ]),
  );
  const isAdmin = deps.actor.roles.includes('admin');
  const resolved: ImportedTaskInput[] = [];
  const firstLineOf = new Map<string, number>();
  nextRow: for (const row of valid) {
    const fail = (problem: TaskRowError['problem'], value: string) =>
      errors.push({ line: row.line, title: row.title, problem, value });
    const owners: string[] = [];
    for (const ref of row.owners) {
      const found = person(ref);
      if ('problem' in found) {
        fail(found.problem === 'ambiguous' ? 'ownerAmbiguous' : 'ownerUnknown', ref.text);
        continue nextRow;
      }
      if (!isAdmin && !deps.actor.leads.includes(deptOf.get(found.openId) ?? '')) {
        fail('ownerOutside', ref.text);
        continue nextRow;
      }
      if (!owners.includes(found.openId)) owners.push(found.openId);
    }
    let leader: string | null = null;
    if (row.leader) {
      const found = person(row.leader);
      if ('problem' in found) {
        fail(found.problem === 'ambiguous' ? 'leaderAmbiguous' : 'leaderUnknown', row.leader.text);
        continue;
      }
      leader = found.openId;
    }
    let chatId: string | null = null;
    if (row.chat) {
      const found = chat(row.chat);
      if (found === 'unknown' || found === 'ambiguous') {
        fail(found === 'ambiguous' ? 'chatAmbiguous' : 'chatUnknown', row.chat);
        continue;
      }
      chatId = found.chatId;
    }
    const base = { title: row.title, category: row.category, owners, deadline: row.deadline, leader, chatId };
    const importKey = importKeyOf(base);
    const earlier = firstLineOf.get(importKey);
    if (earlier !== undefined) {
      fail('duplicate', String(earlier));
      continue;
    }
    firstLineOf.set(importKey, row.line);
    resolved.push({ ...base, importKey, line: row.line });
  }

  // 3. One task per good row, each behind its import key.
  const summary: TaskImportSummary = {
    total: split.data.length,
    created: 0,
    existing: 0,
    skipped: 0,
    errors,
    taskIds: [],
    cardsDue: [],
  };
  for (const r of resolved) {
    try {
      const claim = await claimRow(r, deps);
      if (claim.kind === 'done') {
        summary.existing++;
        if (claim.taskId) summary.taskIds.push(claim.taskId);
        if (claim.taskId && !claim.cardSent) summary.cardsDue.push(claim.taskId);
        continue;
      }
      const result = await createTask(
        {
          title: r.title,
          category: r.category,
          owners: r.owners,
          deadline: r.deadline,
          leader: r.leader,
          chatId: r.chatId,
          timezone: deps.tz,
          // A crash between the row's claim and recording its task finds this task again.
          sourceKey: `import:${r.importKey}`,
        },
        deps.actor,
        deps.now,
      );
      if (!result.ok) {
        // Refused by task creation: release the claim so the row can be imported once it may.
        await TaskImportKeyModel.deleteOne({ _id: r.importKey, taskId: null });
        errors.push({
          line: r.line,
          title: r.title,
          problem: 'rejected',
          value: '',
          rejection: result.error,
        });
        continue;
      }
      await TaskImportKeyModel.updateOne({ _id: r.importKey }, { $set: { taskId: result.task.id } });
      summary.taskIds.push(result.task.id);
      summary.cardsDue.push(result.task.id);
      summary.created++;
    } catch (error) {
      deps.log?.warn({ err: error, line: r.line }, 'task import stopped by a database error');
      // Best effort: free the row's claim unless its task was made (else a stale claim is taken over later).
      await releaseUnlessCreated(r, deps).catch(() => {});
      summary.interruptedAt = r.line;
      break;
    }
  }
  errors.sort((a, b) => a.line - b.line);
  summary.skipped = errors.length;
  return { ok: true, summary };
}

/** Deletes the row's claim when no task was created from it (after a failed creation). */
async function releaseUnlessCreated(r: ImportedTaskInput, deps: TaskImportDeps): Promise<void> {
  const claim = await TaskImportKeyModel.findById(r.importKey).lean();
  if (!claim || claim.taskId) return;
  const made = await findCreatedTask(r, claim.importedBy, claim.at);
  if (made) await TaskImportKeyModel.updateOne({ _id: r.importKey }, { $set: { taskId: made } });
  else await TaskImportKeyModel.deleteOne({ _id: r.importKey, taskId: null, importedBy: deps.actor.openId });
}

/** A task created from these contents by this actor since `since` (a crashed claim's task). */
async function findCreatedTask(
  r: ImportedTaskInput,
  actor: string,
  since: Date,
): Promise<string | undefined> {
  const candidates = await TaskModel.find({
    title: { $eq: r.title },
    deadline: { $eq: r.deadline },
    creator: { $eq: actor },
    createdAt: { $gte: since },
  }).lean();
  const same = candidates.find(
    (t) =>
      t.category === r.category &&
      (t.leader ?? null) === r.leader &&
      (t.chatId ?? null) === r.chatId &&
      JSON.stringify(t.owners ?? []) === JSON.stringify(r.owners),
  );
  return same?._id;
}

/**
 * Claims a row's import key: `create` when this import is to create its task, `done` when an
 * earlier (or concurrent) import did or is doing it.
 */
async function claimRow(
  r: ImportedTaskInput,
  deps: TaskImportDeps,
): Promise<{ kind: 'create' } | { kind: 'done'; taskId: string | null; cardSent?: boolean }> {
  const fields = { importedBy: deps.actor.openId, fileName: deps.fileName, line: r.line, at: deps.now };
  try {
    await TaskImportKeyModel.create({ _id: r.importKey, taskId: null, attempt: 1, ...fields });
    return { kind: 'create' };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const earlier = await TaskImportKeyModel.findById(r.importKey).lean();
  if (!earlier) return claimRow(r, deps); // released meanwhile: claim afresh
  if (earlier.taskId) return { kind: 'done', taskId: earlier.taskId, cardSent: earlier.cardSent ?? false };
  // A claim without a task: a crashed import, or one still running.
  const made = await findCreatedTask(r, earlier.importedBy, earlier.at);
  if (made) {
    await TaskImportKeyModel.updateOne({ _id: r.importKey }, { $set: { taskId: made } });
    return { kind: 'done', taskId: made };
  }
  if (deps.now.getTime() - earlier.at.getTime() < STALE_CLAIM_MS) return { kind: 'done', taskId: null };
  const attempt = (earlier.attempt ?? 1) + 1;
  try {
    await TaskImportKeyModel.create({ _id: `${r.importKey}#${attempt}`, taskId: null, attempt, ...fields });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return { kind: 'done', taskId: null };
  }
  await TaskImportKeyModel.updateOne({ _id: r.importKey }, { $set: { attempt, ...fields } });
  return { kind: 'create' };
}

/** Records that the cards of these imported tasks were handed to the outbox. */
export async function markCardsSent(taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await TaskImportKeyModel.updateMany({ taskId: { $in: [...taskIds] } }, { $set: { cardSent: true } });
}
