/**
 * The stored early-warning thresholds (defaults until an admin changes them with
 * `/warning config`), and the reading of `名称=数值` words into a change.
 */
import { WarningConfigModel } from '../models/warning-config.js';
import { DEFAULT_WARNING_THRESHOLDS, type WarningThresholds } from './warnings-rules.js';

const DOC_ID = 'thresholds';

/** Allowed range of each threshold; `integer` values must be whole numbers. */
export const THRESHOLD_LIMITS: Record<
  keyof WarningThresholds,
  { min: number; max: number; integer: boolean }
> = {
  satisfactionDrop: { min: 0, max: 100, integer: false },
  overdue: { min: 0, max: 1000, integer: true },
  signRate: { min: 0, max: 100, integer: false },
  score: { min: 0, max: 100, integer: false },
};

/** Names as shown (first) and as typed → the threshold they set. */
export const THRESHOLD_NAMES: Record<string, keyof WarningThresholds> = {
  满意度下降: 'satisfactionDrop',
  逾期任务: 'overdue',
  签署率: 'signRate',
  评分: 'score',
  满意度: 'satisfactionDrop',
  逾期: 'overdue',
  得分: 'score',
  satisfactionDrop: 'satisfactionDrop',
  overdue: 'overdue',
  signRate: 'signRate',
  score: 'score',
};

/** The shown name of each threshold (the first name in THRESHOLD_NAMES). */
export function thresholdName(key: keyof WarningThresholds): string {
  return Object.entries(THRESHOLD_NAMES).find(([, k]) => k === key)![0];
}

/** Words that reset every threshold to its default. */
export const RESET_WORDS = ['恢复默认', '默认', 'reset', 'default'];

/** True when `value` is allowed for `key`. */
export function thresholdAllowed(key: keyof WarningThresholds, value: number): boolean {
  const limit = THRESHOLD_LIMITS[key];
  return (
    Number.isFinite(value) &&
    value >= limit.min &&
    value <= limit.max &&
    (!limit.integer || Number.isInteger(value))
  );
}

/** What the words of `/warning config …` ask for. */
export type ThresholdCommand =
  | { kind: 'reset' }
  | { kind: 'set'; next: WarningThresholds }
  | { kind: 'badName'; word: string }
  | { kind: 'badValue'; word: string; key: keyof WarningThresholds };

/** Reads `名称=数值` words (full-width ＝ too) over the current thresholds; the first bad word wins. */
export function readThresholdWords(words: readonly string[], current: WarningThresholds): ThresholdCommand {
  if (words.length === 1 && RESET_WORDS.includes(words[0]!.toLowerCase())) return { kind: 'reset' };
  const next: WarningThresholds = { ...current };
  for (const word of words) {
    const m = /^([^=＝]+)[=＝](.*)$/.exec(word);
    const key = m ? THRESHOLD_NAMES[m[1]!.trim()] : undefined;
    if (!m || !key) return { kind: 'badName', word };
    const text = m[2]!.trim().replace(/[%％]$/, '');
    const value = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!thresholdAllowed(key, value)) return { kind: 'badValue', word, key };
    next[key] = value;
  }
  return { kind: 'set', next };
}

function storedValid(stored: Partial<Record<keyof WarningThresholds, unknown>>): WarningThresholds {
  const out: WarningThresholds = { ...DEFAULT_WARNING_THRESHOLDS };
  for (const key of Object.keys(THRESHOLD_LIMITS) as (keyof WarningThresholds)[]) {
    const value = stored[key];
    if (typeof value === 'number' && thresholdAllowed(key, value)) out[key] = value;
  }
  return out;
}

/** The thresholds in force: each stored value when valid, else its default. */
export async function loadWarningThresholds(): Promise<WarningThresholds> {
  const doc = await WarningConfigModel.findOne({ _id: { $eq: DOC_ID } }).lean();
  return storedValid(
    (doc?.thresholds as Partial<Record<keyof WarningThresholds, unknown>> | undefined) ?? {},
  );
}

/** True when thresholds have been stored (not the defaults). */
export async function hasStoredThresholds(): Promise<boolean> {
  return (await WarningConfigModel.countDocuments({ _id: { $eq: DOC_ID } })) > 0;
}

/** Stores new thresholds (the caller has validated them). */
export async function saveWarningThresholds(
  thresholds: WarningThresholds,
  by: string,
  now: Date,
): Promise<void> {
  await WarningConfigModel.updateOne(
    { _id: { $eq: DOC_ID } },
    { $set: { thresholds, updatedBy: by, updatedAt: now } },
    { upsert: true },
  );
}

/** Removes the stored thresholds: the defaults apply again. */
export async function resetWarningThresholds(): Promise<void> {
  await WarningConfigModel.deleteOne({ _id: { $eq: DOC_ID } });
}
