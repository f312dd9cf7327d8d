/**
 * Reads a content file (Markdown or JSON) into library items. All or nothing: any problem
 * yields line-numbered errors and no items, so a bad file imports nothing.
 *
 * Markdown: each item starts with `# 标题`, then `键：值` lines (分类 标签 来源 必学 图片 问题
 * 选项 答案 解析), then the body up to the next `# `. JSON: an array of objects (or
 * `{ "items": [...] }`) with title, body, category, tags, source, image, required and
 * quiz `{question, options, answer, explanation}`.
 */
import {
  CATEGORY_NAMES,
  type ContentInput,
  type ContentProblem,
  checkContentInput,
  MAX_QUIZ_OPTIONS,
  splitTags,
} from './content-items.js';

/** One problem of an import file, at a 1-based line. */
export interface ContentImportError {
  line: number;
  problem:
    | ContentProblem['problem']
    | 'noItems'
    | 'beforeFirst'
    | 'json'
    | 'notArray'
    | 'notObject'
    | 'required'
    | 'tooMany'
    | 'quizIncomplete';
  value?: string;
}

export type ContentImportResult =
  | { ok: true; items: ContentInput[] }
  | { ok: false; errors: ContentImportError[] };

/** Most items one file may hold. */
export const MAX_IMPORT_ITEMS = 200;

const KEYS: Record<string, keyof Fields> = {
  分类: 'category',
  类别: 'category',
  category: 'category',
  标签: 'tags',
  tags: 'tags',
  来源: 'source',
  出处: 'source',
  source: 'source',
  必学: 'required',
  required: 'required',
  图片: 'image',
  image: 'image',
  问题: 'question',
  question: 'question',
  选项: 'options',
  options: 'options',
  答案: 'answer',
  answer: 'answer',
  解析: 'explanation',
  explanation: 'explanation',
};

interface Fields {
  category?: string;
  tags?: string;
  source?: string;
  required?: string;
  image?: string;
  question?: string;
  options?: string;
  answer?: string;
  explanation?: string;
}

/** Reads an answer given as a letter (A…), a 1-based number or the option's text. */
export function readAnswer(answer: string, options: readonly string[]): number | undefined {
  const a = answer.trim().normalize('NFKC');
  if (/^[A-Fa-f]$/.test(a)) return a.toUpperCase().charCodeAt(0) - 65;
  if (/^\d+$/.test(a)) return Number(a) - 1;
  const i = options.indexOf(a);
  return i >= 0 ? i : undefined;
}

const YES = ['是', '要', 'yes', 'true', 'y', '1', '必学'];
const NO = ['否', '不', 'no', 'false', 'n', '0', ''];

/** Builds an item from typed fields; errors carry the line of the field at fault. */
function buildItem(
  title: string,
  body: string,
  f: Fields,
  lineOf: (key: keyof Fields | 'title' | 'body') => number,
  errors: ContentImportError[],
): ContentInput | undefined {
  const before = errors.length;
  const category = f.category === undefined ? 'other' : CATEGORY_NAMES[f.category.trim().toLowerCase()];
  if (!category) errors.push({ line: lineOf('category'), problem: 'category', value: f.category });
  const required = (f.required ?? '').trim().toLowerCase();
  if (!YES.includes(required) && !NO.includes(required))
    errors.push({ line: lineOf('required'), problem: 'required', value: f.required });
  let quiz: ContentInput['quiz'] = null;
  const hasQuiz = [f.question, f.options, f.answer].some((v) => v !== undefined && v.trim() !== '');
  if (hasQuiz) {
    const options = (f.options ?? '')
      .split(/\s*[|｜]\s*/)
      .map((o) => o.trim())
      .filter(Boolean);
    const missing = !f.question?.trim()
      ? 'question'
      : options.length === 0
        ? 'options'
        : !f.answer?.trim()
          ? 'answer'
          : undefined;
    if (missing) errors.push({ line: lineOf(missing), problem: 'quizIncomplete' });
    else {
      const answer = readAnswer(f.answer!, options);
      if (options.length < 2 || options.length > MAX_QUIZ_OPTIONS)
        errors.push({ line: lineOf('options'), problem: 'quizOptions' });
      else if (answer === undefined || answer < 0 || answer >= options.length)
        errors.push({ line: lineOf('answer'), problem: 'quizAnswer', value: f.answer });
      else
        quiz = { question: f.question!.trim(), options, answer, explanation: (f.explanation ?? '').trim() };
    }
  }
  if (errors.length > before) return undefined;
  const input: ContentInput = {
    title: title.trim(),
    body: body.trim(),
    category: category!,
    tags: splitTags(f.tags ?? ''),
    source: (f.source ?? '').trim(),
    imageKey: (f.image ?? '').trim(),
    quiz,
    required: YES.includes(required),
  };
  const problem = checkContentInput(input);
  if (problem) {
    const at = problem.problem.startsWith('body')
      ? 'body'
      : problem.problem.startsWith('tag')
        ? 'tags'
        : 'title';
    errors.push({ line: lineOf(at), ...problem });
    return undefined;
  }
  return input;
}

/** Reads the Markdown form. */
export function parseContentMarkdown(text: string): ContentImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: ContentImportError[] = [];
  const items: ContentInput[] = [];
  let i = 0;
  while (i < lines.length && !/^#\s/.test(lines[i]!)) {
    if (lines[i]!.trim() !== '') {
      errors.push({ line: i + 1, problem: 'beforeFirst' });
      break;
    }
    i++;
  }
  while (i < lines.length) {
    if (!/^#\s/.test(lines[i]!)) {
      i++;
      continue;
    }
    const headingLine = i + 1;
    const title = lines[i]!.replace(/^#\s*/, '');
    const fields: Fields = {};
    const at = new Map<string, number>();
    i++;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      const m = /^\s*([^:：\s]+)\s*[:：]\s*(.*)$/.exec(line);
      const key = m ? KEYS[m[1]!.toLowerCase()] : undefined;
      if (!key) break;
      fields[key] = m![2]!;
      at.set(key, i + 1);
    }
    const bodyStart = i + 1;
    const body: string[] = [];
    for (; i < lines.length && !/^#\s/.test(lines[i]!); i++) body.push(lines[i]!);
    while (body.length > 0 && /^\s*(---+)?\s*$/.test(body.at(-1)!)) body.pop();
    const lineOf = (key: string) =>
      key === 'body' ? Math.min(bodyStart, lines.length) : (at.get(key) ?? headingLine);
    const item = buildItem(
      title,
      body.join('\n'),
      fields,
      (k) => (k === 'body' && body.length === 0 ? headingLine : lineOf(k)),
      errors,
    );
    if (item) items.push(item);
  }
  return finish(items, errors);
}

function finish(items: ContentInput[], errors: ContentImportError[]): ContentImportResult {
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (items.length === 0) return { ok: false, errors: [{ line: 1, problem: 'noItems' }] };
  if (items.length > MAX_IMPORT_ITEMS)
    return { ok: false, errors: [{ line: 1, problem: 'tooMany', value: String(MAX_IMPORT_ITEMS) }] };
  return { ok: true, items };
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === '\n') line++;
  return line;
}

/** Start offsets of the top-level elements of the first JSON array in `text`. */
function elementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let arrayDepth = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === '[' && arrayDepth < 0) {
      arrayDepth = depth + 1;
      depth++;
      continue;
    }
    if (depth === arrayDepth && c === '{') out.push(k);
    if (c === '{' || c === '[') depth++;
    if (c === '}' || c === ']') depth--;
  }
  return out;
}

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String).join('|') : String(v);

/** Reads the JSON form. */
export function parseContentJson(text: string): ContentImportResult {
  const clean = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(clean);
  } catch (error) {
    const msg = String((error as Error).message);
    const lineCol = /line (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? lineAt(clean, Number(pos[1])) : 1;
    return { ok: false, errors: [{ line, problem: 'json' }] };
  }
  const list = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
  if (!Array.isArray(list)) return { ok: false, errors: [{ line: 1, problem: 'notArray' }] };
  const offsets = elementOffsets(clean);
  const errors: ContentImportError[] = [];
  const items: ContentInput[] = [];
  list.forEach((raw, index) => {
    const line = offsets[index] !== undefined ? lineAt(clean, offsets[index]!) : 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ line, problem: 'notObject' });
      return;
    }
    const o = raw as Record<string, unknown>;
    const quiz = (typeof o.quiz === 'object' && o.quiz !== null ? o.quiz : {}) as Record<string, unknown>;
    const required = o.required === true ? '是' : o.required === false ? '否' : str(o.required);
    const fields: Fields = {
      category: str(o.category),
      tags: Array.isArray(o.tags) ? o.tags.map(String).join(',') : str(o.tags),
      source: str(o.source),
      required,
      image: str(o.image),
      question: str(quiz.question),
      options: str(quiz.options),
      answer: typeof quiz.answer === 'number' ? String(quiz.answer) : str(quiz.answer),
      explanation: str(quiz.explanation),
    };
    const item = buildItem(str(o.title) ?? '', str(o.body) ?? '', fields, () => line, errors);
    if (item) items.push(item);
  });
  return finish(items, errors);
}

/** Picks the reader by the file name: `.json` is JSON, `.md` / `.markdown` / `.txt` Markdown. */
export function contentFormatOf(fileName: string): 'json' | 'md' | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'json') return 'json';
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') return 'md';
  return undefined;
}
