import { ChatModel } from '../models/chat.js';

/** A chat as the rest of the bot sees it. */
export interface ChatInfo {
  chatId: string;
  name: string;
  department: string | null;
  active: boolean;
}

/** Outcome of binding a chat to a department. */
export type BindResult =
  | { kind: 'bound' }
  | { kind: 'rebound'; previous: string }
  | { kind: 'unchanged' };

function toInfo(doc: { chatId: string; name?: string | null; department?: string | null; active?: boolean | null }): ChatInfo {
  return { chatId: doc.chatId, name: doc.name ?? '', department: doc.department ?? null, active: doc.active ?? true };
}

/** Binds a chat to a department (idempotent; reports a change of department). */
export async function bindChat(chatId: string, department: string, actor: string, now: Date): Promise<BindResult> {
  const before = await ChatModel.findOneAndUpdate(
    { chatId: { $eq: chatId } },
    {
      $set: { department, boundBy: actor, boundAt: now, active: true },
      $setOnInsert: { chatId, joinedAt: now },
    },
    { upsert: true, returnDocument: 'before' },
  ).lean();
  if (!before?.department) return { kind: 'bound' };
  if (before.department === department) return { kind: 'unchanged' };
  return { kind: 'rebound', previous: before.department };
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

/** Active chats bound to a department, by department then name. */
export async function listBoundChats(): Promise<ChatInfo[]> {
  const docs = await ChatModel.find({ active: true, department: { $ne: null } })
    .sort({ department: 1, name: 1 })
    .lean();
  return docs.map(toInfo);
}

/** One chat, if the bot knows it. */
export async function findChat(chatId: string): Promise<ChatInfo | undefined> {
  const doc = await ChatModel.findOne({ chatId: { $eq: chatId } }).lean();
  return doc ? toInfo(doc) : undefined;
}
