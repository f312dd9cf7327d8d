/**
 * The clean-culture content library: items with a Markdown body, category, tags, source,
 * optional image and one-question quiz. Pure validation ({@link checkContentInput}) is shared
 * by the form, the text edit and the file import.
 */
import { readsOf } from '../batching/collections.js';
import { randomInt } from 'node:crypto';
import { CONTENT_CATEGORIES, type ContentCategory, ContentItemModel } from '../models/content-item.js';
import { insertKeyed, insertManyOnce, keyedShortIds } from './keyed-create.js';

export { CONTENT_CATEGORIES, type ContentCategory };

/** A one-question quiz: `answer` is the index of the right option. */
export interface ContentQuiz {
  question: string;
  options: string[];
  answer: number;
  explanation: string;
}

/** An item as the rest of the bot sees it. */
export interface ContentItem {
  id: string;
  title: string;
  body: string;
  category: ContentCategory;
  tags: string[];
  source: string;
  imageKey: string;
  quiz: ContentQuiz | null;
  required: boolean;
  removed: boolean;
}

/** What a new item (or an import row) provides. */
export type ContentInput = Omit<ContentItem, 'id' | 'removed'>;

/** Why an input is not a valid item (catalogue key suffix + values). */
export interface ContentProblem {
  problem:
    | 'titleMissing'
    | 'titleTooLong'
    | 'bodyMissing'
    | 'bodyTooLong'
    | 'category'
    | 'quizOptions'
    | 'quizAnswer'
    | 'quizQuestion'
    | 'tagTooLong';
  value?: string;
}

export const MAX_CONTENT_TITLE = 60;
export const MAX_CONTENT_BODY = 3000;
export const MAX_QUIZ_OPTIONS = 6;

/** Category names as typed (Chinese or English) → stored category. */
export const CATEGORY_NAMES: Record<string, ContentCategory> = {
  警示教育: 'warning',
  党纪法规: 'rules',
  清廉故事: 'story',
  家风家训: 'family',
  微课: 'lesson',
  清廉文化微课: 'lesson',
  其他: 'other',
  warning: 'warning',
  rules: 'rules',
  story: 'story',
  family: 'family',
  lesson: 'lesson',
  other: 'other',
};

/** A content id as typed: `C` and three or four letters/digits. */
export const CONTENT_ID = /^C[0-9A-Z]{3,4}$/i;

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new short id with a letter prefix and four characters without look-alikes. */
export function newShortId(prefix: string): string {
  let id = prefix;
  for (let i = 0; i < 4; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** Splits a tag list typed with commas, 、 or spaces; trimmed, de-duplicated. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim().replace(/^#/, ''))
        .filter(Boolean),
    ),
  ];
}

/** The first problem of an input, or undefined when it is a valid item. */
export function checkContentInput(input: ContentInput): ContentProblem | undefined {
  if (!input.title.trim()) return { problem: 'titleMissing' };
  if (input.title.length > MAX_CONTENT_TITLE)
    return { problem: 'titleTooLong', value: String(MAX_CONTENT_TITLE) };
  if (!input.body.trim()) return { problem: 'bodyMissing' };
  if (input.body.length > MAX_CONTENT_BODY)
    return { problem: 'bodyTooLong', value: String(MAX_CONTENT_BODY) };
  if (!CONTENT_CATEGORIES.includes(input.category))
    return { problem: 'category', value: String(input.category) };
  const longTag = input.tags.find((tag) => tag.length > 20);
  if (longTag) return { problem: 'tagTooLong', value: longTag };
  const quiz = input.quiz;
  if (quiz) {
    if (!quiz.question.trim()) return { problem: 'quizQuestion' };
    if (quiz.options.length < 2 || quiz.options.length > MAX_QUIZ_OPTIONS) return { problem: 'quizOptions' };
    if (!Number.isInteger(quiz.answer) || quiz.answer < 0 || quiz.answer >= quiz.options.length)
      return { problem: 'quizAnswer' };
  }
  return undefined;
}

type Lean = {
  _id: string;
  title: string;
  body: string;
  category?: string | null;
  tags?: string[] | null;
  source?: string | null;
  imageKey?: string | null;
  quiz?: unknown;
  required?: boolean | null;
  removed?: boolean | null;
};

/** A stored document as a {@link ContentItem}. */
export function toContentItem(doc: Lean): ContentItem {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    category: (doc.category ?? 'other') as ContentCategory,
    tags: doc.tags ?? [],
    source: doc.source ?? '',
    imageKey: doc.imageKey ?? '',
    quiz: (doc.quiz as ContentQuiz | null | undefined) ?? null,
    required: doc.required ?? false,
    removed: doc.removed ?? false,
  };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Stores a new (already checked) item under a fresh id, or under one derived from `sourceKey`
 * (the form submission, keyed-create.ts): then a second call finds the item the first stored.
 */
export async function addContentItem(
  input: ContentInput,
  actor: string,
  now: Date,
  sourceKey?: string,
): Promise<ContentItem> {
  if (sourceKey) {
    const fields = { ...input, createdBy: actor, createdAt: now, updatedAt: now, removed: false };
    const { id, doc } = await insertKeyed<Lean & { sourceKey?: string | null }>(
      ContentItemModel,
      'C',
      sourceKey,
      fields,
    );
    return doc ? toContentItem(doc) : { id, ...input, removed: false };
  }
  for (let attempt = 0; ; attempt++) {
    const _id = newShortId('C');
    try {
      await ContentItemModel.create({ _id, ...input, createdBy: actor, createdAt: now, updatedAt: now });
      return { id: _id, ...input, removed: false };
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 5) throw error;
    }
  }
}

/** One item by id (removed ones too), or undefined. */
export async function getContentItem(id: string): Promise<ContentItem | undefined> {
  // Through the read batcher: a burst of quiz answers reads the item once per flush.
  const doc = await readsOf<Lean>(ContentItemModel).get(String(id).toUpperCase());
  return doc ? toContentItem(doc) : undefined;
}

/** The library (without removed items), optionally only items with `tag`, ordered by id. */
export async function listContentItems(tag?: string): Promise<ContentItem[]> {
  const filter: Record<string, unknown> = { removed: { $ne: true } };
  if (tag) filter.tags = { $eq: String(tag) };
  const docs = await ContentItemModel.find(filter).sort({ _id: 1 }).lean();
  return docs.map((d) => toContentItem(d as Lean));
}

/** Changes fields of an item; returns the item after, or undefined when it does not exist. */
export async function updateContentItem(
  id: string,
  change: Partial<ContentInput>,
  now: Date,
): Promise<ContentItem | undefined> {
  const before = await getContentItem(id);
  if (!before || before.removed) return undefined;
  await ContentItemModel.updateOne({ _id: before.id }, { $set: { ...change, updatedAt: now } });
  return { ...before, ...change };
}

/** Marks an item removed (kept for statistics); false when there was nothing to remove. */
export async function removeContentItem(id: string, now: Date): Promise<boolean> {
  const res = await ContentItemModel.updateOne(
    { _id: String(id).toUpperCase(), removed: { $ne: true } },
    { $set: { removed: true, updatedAt: now } },
  );
  return res.modifiedCount === 1;
}

/**
 * Inserts many checked items in one write (an import); returns their new ids. With `sourceKey`
 * (the file's event) item i gets an id derived from `<sourceKey>:<i>` (keyed-create.ts): a re-run
 * of the event finds the items already stored (one read) and inserts only the missing ones.
 */
export async function addContentItems(
  inputs: readonly ContentInput[],
  actor: string,
  now: Date,
  sourceKey?: string,
): Promise<string[]> {
  if (sourceKey) return addKeyedContentItems(inputs, actor, now, sourceKey);
  const ids = new Set<string>();
  while (ids.size < inputs.length) ids.add(newShortId('C'));
  const docs = [...ids].map((_id, i) => ({
    _id,
    ...inputs[i]!,
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
  }));
  await ContentItemModel.insertMany(docs, { ordered: true });
  return [...ids];
}

async function addKeyedContentItems(
  inputs: readonly ContentInput[],
  actor: string,
  now: Date,
  sourceKey: string,
): Promise<string[]> {
  const keys = inputs.map((_, i) => `${sourceKey}:${i}`);
  const candidates = keys.map((key) => keyedShortIds('C', key));
  const taken = await ContentItemModel.find(
    { _id: { $in: candidates.flat() } },
    { _id: 1, sourceKey: 1 },
  ).lean();
  const holder = new Map(taken.map((d) => [d._id, (d as { sourceKey?: string | null }).sourceKey ?? null]));
  const chosen = new Set<string>();
  const ids = keys.map((key, i) => {
    const own = candidates[i]!.find((id) => holder.get(id) === key);
    if (own) return own;
    const free = candidates[i]!.find((id) => !holder.has(id) && !chosen.has(id));
    if (!free) throw new Error(`no free content id for ${key}`);
    chosen.add(free);
    return free;
  });
  const missing = ids
    .map((_id, i) => ({ _id, i }))
    .filter(({ _id }) => chosen.has(_id))
    .map(({ _id, i }) => ({
      _id,
      ...inputs[i]!,
      sourceKey: keys[i]!,
      removed: false,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    }));
  await insertManyOnce(ContentItemModel, missing);
  return ids;
}
