/** Argument parsing shared by the organisation commands (/admin, /role, /dept, /chat bind). */
import { z } from 'zod';
import type { CommandInput } from './registry.js';
import type { Mention } from './tokenize.js';

/** A department name as typed: 1–40 characters, no @, slashes or line breaks. */
export const departmentName = z
  .string()
  .trim()
  .min(1, 'i18n:org.dept.nameInvalid')
  .max(40, 'i18n:org.dept.nameInvalid')
  .refine((v) => !/[@\n\r/／]/.test(v), 'i18n:org.dept.nameInvalid');

const OPEN_ID = /^ou_[0-9A-Za-z_-]+$/;

/**
 * Builds an argument schema from a parse function that returns the arguments, or a string:
 * `''` answers with the command's usage, `'i18n:<key>'` with that message.
 */
export function argsFrom<T>(parse: (input: CommandInput) => T | string): z.ZodType<T, CommandInput> {
  return z.custom<CommandInput>().transform((input, ctx) => {
    const result = parse(input);
    if (typeof result === 'string') {
      ctx.addIssue({ code: 'custom', message: result || 'usage' });
      return z.NEVER;
    }
    return result;
  });
}

/** The people a command names: @-mentions, plus open_ids typed as text (`ou_…`). */
export function splitPeople(input: CommandInput): { people: Mention[]; words: string[] } {
  const typed = input.words.filter((w) => OPEN_ID.test(w)).map((openId) => ({ openId, name: '' }));
  return { people: [...input.mentions, ...typed], words: input.words.filter((w) => !OPEN_ID.test(w)) };
}

/** Validates department names; the first invalid one becomes the i18n message. */
export function checkDepartmentNames(names: readonly string[]): string | undefined {
  for (const name of names) {
    const parsed = departmentName.safeParse(name);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'i18n:org.dept.nameInvalid';
  }
  return undefined;
}

/** Exactly one person and `min`..`max` department names after them (no one: the usage). */
export function personAndDepartments(min: number, max: number) {
  return argsFrom((input) => {
    const { people, words } = splitPeople(input);
    if (people.length === 0) return '';
    if (people.length > 1) return 'i18n:org.args.user';
    if (words.length < min || words.length > max) return '';
    const bad = checkDepartmentNames(words);
    if (bad) return bad;
    return { person: people[0]!, departments: words.map((w) => w.trim()) };
  });
}

/** Exactly `min`..`max` department names and nothing else. */
export function departmentNames(min: number, max: number) {
  return argsFrom((input) => {
    if (input.mentions.length > 0) return 'i18n:org.dept.nameInvalid';
    if (input.words.length < min || input.words.length > max) return '';
    const bad = checkDepartmentNames(input.words);
    if (bad) return bad;
    return input.words.map((w) => w.trim());
  });
}

/** No arguments at all. */
export const noArgs = argsFrom((input) => (input.words.length + input.mentions.length === 0 ? {} : ''));
