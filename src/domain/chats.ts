import { ChatModel } from '../models/chat.js';
import { type DepartmentView, findDepartment, findDepartmentByName } from './departments.js';
import { lockedChange } from './org-lock.js';
import { type OrgResult, refuse } from './org-refusal.js';
import { isAdmin, leadsDepartment, type OrgActor } from './org-scope.js';

/** A chat as the rest of the bot sees it. */
export interface ChatInfo {
  chatId: string;
  name: string;
  /** The department (id) the group serves, once bound. */
  deptId: string | null;
  active: boolean;
}

/** What a binding changed: the department now, and the one before (if it was bound elsewhere). */
export interface Binding {
  department: DepartmentView;
  previous: DepartmentView | null;
}

function toInfo(doc: {
  chatId: string;
  name?: string | null;
  deptId?: string | null;
  active?: boolean | null;
}): ChatInfo {
  return { chatId: doc.chatId, name: doc.name ?? '', deptId: doc.deptId ?? null, active: doc.active ?? true };
}

/**
 * Binds a group to an existing department. Admins may bind any group; a leader only to a
 * department they head (or one below it), and only a group that is unbound or already theirs.
 */
export async function bindChat(
  actor: OrgActor,
  input: { chatId: string; departmentName?: string; deptId?: string },
  now: Date,
): Promise<OrgResult<Binding>> {
  return lockedChange(async () => {
    const department = input.deptId
      ? await findDepartment(input.deptId)
      : await findDepartmentByName(input.departmentName ?? '');
    if (!department) return refuse('dept_not_found', { name: input.departmentName ?? input.deptId ?? '' });
    const current = await ChatModel.findOne({ chatId: { $eq: input.chatId } }).lean();
    const previous = current?.deptId ? ((await findDepartment(current.deptId)) ?? null) : null;
    if (!isAdmin(actor)) {
      if (!leadsDepartment(actor, department.id)) return refuse('scope_chat', { name: department.name });
      if (previous && !leadsDepartment(actor, previous.id)) {
        return refuse('scope_chat_current', { name: department.name, previous: previous.name });
      }
    }
    if (previous?.id === department.id && current?.active !== false) {
      return { ok: true, changed: false, value: { department, previous }, before: null, after: null };
    }
    await ChatModel.updateOne(
      { chatId: { $eq: input.chatId } },
      {
        $set: { deptId: department.id, boundBy: actor.openId, boundAt: now, active: true },
        $setOnInsert: { chatId: input.chatId, joinedAt: now },
      },
      { upsert: true },
    );
    return {
      ok: true,
      changed: true,
      value: { department, previous },
      before: { department: previous?.name ?? null },
      after: { department: department.name },
    };
  });
}

/** Records that the bot joined a chat (keeps an existing binding). */
export async function recordBotJoined(chatId: string, name: string, now: Date): Promise<void> {
  await ChatModel.updateOne(
    { chatId: { $eq: chatId } },
    { $set: { name, active: true, joinedAt: now, leftAt: null }, $setOnInsert: { chatId } },
    { upsert: true },
  );
}

/** Marks a chat inactive after the bot was removed: nothing more is sent there. */
export async function recordBotLeft(chatId: string, now: Date): Promise<void> {
  await ChatModel.updateOne({ chatId: { $eq: chatId } }, { $set: { active: false, leftAt: now } });
}

/** Active chats bound to a department (optionally one department), by name. */
export async function listBoundChats(deptId?: string): Promise<ChatInfo[]> {
  const docs = await ChatModel.find({
    active: true,
    deptId: deptId === undefined ? { $ne: null } : { $eq: deptId },
  })
    .sort({ name: 1 })
    .lean();
  return docs.map(toInfo);
}

/** One chat, if the bot knows it. */
export async function findChat(chatId: string): Promise<ChatInfo | undefined> {
  const doc = await ChatModel.findOne({ chatId: { $eq: chatId } }).lean();
  return doc ? toInfo(doc) : undefined;
}
