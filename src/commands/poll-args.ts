/**
 * Reads the text forms of `/poll new` and `/poll satisfaction` (pure; dates and chat names are
 * checked later). Errors are catalogue keys (with parameters) saying what to type.
 */
import type { SampleSpec } from '../domain/poll-eligibility.js';
import type { ResultMode } from '../models/poll.js';

/** Options of a poll as typed, before dates and chats are resolved. */
export interface PollTextArgs {
  question: string;
  options: string[];
  anonymous: boolean;
  multi: boolean;
  allowChange: boolean;
  resultMode: ResultMode | undefined;
  /** The deadline as typed, or null. */
  deadline: string | null;
  sample: SampleSpec | null;
  /** Target chats by name, 'all' for every bound chat, or null (the current group). */
  chats: string[] | 'all' | null;
  weights: number[] | null;
}

/** A parse failure: a catalogue key and its parameters. */
export interface PollArgError {
  error: string;
  params?: Record<string, string>;
}

const FLAGS: Record<string, 'anonymous' | 'named' | 'multi' | 'single' | 'change'> = {
  匿名: 'anonymous',
  anonymous: 'anonymous',
  实名: 'named',
  named: 'named',
  多选: 'multi',
  multi: 'multi',
  单选: 'single',
  single: 'single',
  可改: 'change',
  可改票: 'change',
  changeable: 'change',
};
const VALUE_WORDS: Record<string, 'deadline' | 'results' | 'sample' | 'chats' | 'weights'> = {
  截止: 'deadline',
  截止时间: 'deadline',
  deadline: 'deadline',
  结果: 'results',
  results: 'results',
  抽样: 'sample',
  sample: 'sample',
  群: 'chats',
  发往: 'chats',
  chats: 'chats',
  权重: 'weights',
  weights: 'weights',
};

const MAX_QUESTION = 200;
const MAX_OPTION = 40;
const MAX_OPTIONS = 10;

function isKeyword(word: string): boolean {
  const w = word.toLowerCase();
  return w in FLAGS || w in VALUE_WORDS;
}

/** "30%" / "30％" → percent; "20人" / "20" → count. */
export function readSample(text: string): SampleSpec | null {
  const s = text.normalize('NFKC').trim();
  const pct = /^(\d{1,3})%$/.exec(s);
  if (pct) {
    const percent = Number(pct[1]);
    return percent >= 1 && percent <= 100 ? { percent } : null;
  }
  const count = /^(\d{1,5})\s*(人|名|people)?$/.exec(s);
  if (count) return Number(count[1]) >= 1 ? { count: Number(count[1]) } : null;
  return null;
}

/** "100/60/0" (or spaces, commas) → three weights 0–100. */
export function readWeights(text: string): number[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/[\s/,，、]+/)
    .filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,3}(\.\d+)?$/.test(p))) return null;
  const weights = parts.map(Number);
  return weights.every((w) => w >= 0 && w <= 100) ? weights : null;
}

/** Reads the flags and keyword values after the question (and options). */
export function readFlags(
  words: readonly string[],
): Omit<PollTextArgs, 'question' | 'options'> | PollArgError {
  const out: Omit<PollTextArgs, 'question' | 'options'> = {
    anonymous: false,
    multi: false,
    allowChange: false,
    resultMode: undefined,
    deadline: null,
    sample: null,
    chats: null,
    weights: null,
  };
  let i = 0;
  while (i < words.length) {
    const word = words[i]!.toLowerCase();
    const flag = FLAGS[word];
    if (flag) {
      if (flag === 'anonymous' || flag === 'named') out.anonymous = flag === 'anonymous';
      else if (flag === 'multi' || flag === 'single') out.multi = flag === 'multi';
      else out.allowChange = true;
      i++;
      continue;
    }
    const kind = VALUE_WORDS[word];
    if (!kind) return { error: 'poll.err.badFlag', params: { word: words[i]! } };
    let j = i + 1;
    while (j < words.length && !isKeyword(words[j]!)) j++;
    const value = words
      .slice(i + 1, j)
      .join(' ')
      .trim();
    i = j;
    if (kind === 'deadline') out.deadline = value;
    else if (kind === 'results') {
      if (/^(实时|live)$/i.test(value)) out.resultMode = 'live';
      else if (/^(截止后|结束后|after|after_close)$/i.test(value)) out.resultMode = 'after_close';
      else return { error: 'poll.err.badResultMode' };
    } else if (kind === 'sample') {
      out.sample = readSample(value);
      if (!out.sample) return { error: 'poll.err.badSample' };
    } else if (kind === 'weights') {
      out.weights = readWeights(value);
      if (!out.weights) return { error: 'poll.err.badWeights' };
    } else {
      const names = value.split(/[\s,，、]+/).filter(Boolean);
      out.chats = names.length === 1 && /^(全部|所有|all)$/i.test(names[0]!) ? 'all' : names;
      if (names.length === 0) return { error: 'poll.err.noChats' };
    }
  }
  return out;
}

/** Reads `问题 | 选项1 | 选项2 … [flags]`. */
export function readPollNew(words: readonly string[]): PollTextArgs | PollArgError {
  const parts = words
    .join(' ')
    .split(/[|｜]/)
    .map((p) => p.trim());
  const question = parts[0] ?? '';
  if (question === '') return { error: 'poll.err.questionMissing' };
  if (question.length > MAX_QUESTION) return { error: 'poll.err.questionTooLong' };
  if (parts.length < 2) return { error: 'poll.err.optionsMissing' };
  const tail = (parts.at(-1) ?? '').split(/\s+/).filter(Boolean);
  const k = tail.findIndex(isKeyword);
  const flagWords = k < 0 ? [] : tail.slice(k);
  const options = [...parts.slice(1, -1), (k < 0 ? tail : tail.slice(0, k)).join(' ')];
  const flags = readFlags(flagWords);
  if ('error' in flags) return flags;
  const bad = checkOptions(options);
  if (bad) return bad;
  return { question, options, ...flags };
}

/** Options: 2–10, each 1–40 characters, no duplicates. */
export function checkOptions(options: readonly string[]): PollArgError | undefined {
  if (options.filter((o) => o !== '').length < 2) return { error: 'poll.err.optionsMissing' };
  if (options.length > MAX_OPTIONS) return { error: 'poll.err.tooManyOptions' };
  const seen = new Set<string>();
  for (const o of options) {
    if (o === '' || o.length > MAX_OPTION || seen.has(o))
      return { error: 'poll.err.optionBad', params: { option: o } };
    seen.add(o);
  }
  return undefined;
}

/** Reads `[主题] [flags]` of the satisfaction preset (anonymous, results after close). */
export function readSatisfaction(words: readonly string[]): PollTextArgs | PollArgError {
  const k = words.findIndex(isKeyword);
  const topic = (k < 0 ? words : words.slice(0, k)).join(' ').trim();
  if (topic.length > MAX_QUESTION) return { error: 'poll.err.questionTooLong' };
  const flags = readFlags(k < 0 ? [] : words.slice(k));
  if ('error' in flags) return flags;
  return {
    ...flags,
    question: topic,
    options: [],
    anonymous: true,
    multi: false,
    allowChange: false,
    resultMode: flags.resultMode ?? 'after_close',
  };
}
