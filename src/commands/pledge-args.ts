/** Argument parsing of the /pledge commands. */
import { z } from 'zod';
import { splitPeople } from './org-args.js';
import type { CommandInput } from './registry.js';

/** A document id as typed (P + 4–8 letters or digits), upper-cased. */
export const PLEDGE_ID = /^P[A-Z0-9]{4,8}$/;

function readId(word: string | undefined): string | undefined {
  const id = word?.normalize('NFKC').trim().toUpperCase();
  return id && PLEDGE_ID.test(id) ? id : undefined;
}

/** Exactly one document id. */
export const idArg = z.custom<CommandInput>().transform((input, zctx): string => {
  const id = readId(input.words[0]);
  if (!id || input.words.length !== 1 || input.mentions.length > 0) {
    zctx.addIssue({ code: 'custom', message: 'i18n:pledge.err.badId' });
    return z.NEVER;
  }
  return id;
});

/** A document id and the people named after it (at least one). */
export const idAndPeopleArg = z.custom<CommandInput>().transform((input, zctx) => {
  const { people, words } = splitPeople(input);
  const id = readId(words[0]);
  if (!id) {
    zctx.addIssue({ code: 'custom', message: 'i18n:pledge.err.badId' });
    return z.NEVER;
  }
  if (people.length === 0) {
    zctx.addIssue({ code: 'custom', message: 'usage' });
    return z.NEVER;
  }
  return { id, people: people.map((p) => p.openId), rest: words.slice(1).join(' ').trim() };
});

/** A document id and optional words after it. */
export const idAndWordsArg = z.custom<CommandInput>().transform((input, zctx) => {
  const id = readId(input.words[0]);
  if (!id || input.mentions.length > 0) {
    zctx.addIssue({ code: 'custom', message: 'i18n:pledge.err.badId' });
    return z.NEVER;
  }
  return { id, words: input.words.slice(1) };
});
