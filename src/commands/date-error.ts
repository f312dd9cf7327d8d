import type { Translate } from '../i18n/index.js';
import type { DateTimeParseError } from '../time/parse-datetime.js';

const KEYS = {
  empty: 'date.empty',
  unrecognized: 'date.unrecognized',
  missing_time: 'date.missingTime',
  invalid_time: 'date.invalidTime',
  invalid_date: 'date.invalidDate',
  nonexistent_time: 'date.nonexistentTime',
} as const;

/** A date the user typed could not be read: what to type instead, in the reader's language. */
export function dateErrorText(t: Translate, error: DateTimeParseError, input: string): string {
  const key = KEYS[error.code as keyof typeof KEYS];
  return key ? t(key, { input: input.trim() }) : error.message;
}
