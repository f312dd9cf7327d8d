/**
 * The weekly digest (每周周报): on the configured day and hour (default Monday 09:00 in the agency
 * time zone, holidays included) every subscribed leader gets the digest of the departments they
 * head and every subscribed admin the agency digest with the ranking, in private chat. Each send
 * is keyed `digest:<ISO week>:<openId>` in the durable outbox, so a re-run, a second process or a
 * changed hour later the same week sends nothing twice.
 */
import type { Card } from '../../cards/types.js';
import { type Locale, translator } from '../i18n/index.js';
import type { Messenger } from '../lark/messenger.js';
import type { Logger } from '../logger.js';
import { PersonModel } from '../models/person.js';
import { zonedParts } from '../time/zoned.js';
import { buildDigestFor, type DigestReader } from './digest-report.js';
import { listDigestOptOuts, loadDigestTime } from './digest-settings.js';
import { localesOf } from './person-locale.js';
import type { TenantSettings } from './settings.js';

/** What the weekly digest needs from the bot. */
export interface WeeklyDigestDeps {
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
  /** open_ids from BOT_ADMINS. */
  bootstrapAdmins: readonly string[];
}

/** What one run did. */
export interface WeeklyDigestOutcome {
  /** False when the hour is not the configured one (nothing sent). */
  due: boolean;
  week: string;
  sent: string[];
  optedOut: string[];
}

/** The ISO week (`2026-W49`) of a local calendar date. */
export function isoWeekKey(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/** Every leader and admin: admins first (an admin who also leads gets the agency digest). */
async function listReaders(bootstrapAdmins: readonly string[]): Promise<Map<string, DigestReader>> {
  const docs = await PersonModel.find({}, { openId: 1, roles: 1, leads: 1 }).lean();
  const readers = new Map<string, DigestReader>();
  for (const openId of bootstrapAdmins) readers.set(openId, { admin: true, leads: [] });
  for (const d of docs) {
    if (readers.has(d.openId)) continue;
    if ((d.roles ?? []).includes('admin')) readers.set(d.openId, { admin: true, leads: [] });
    else if ((d.leads ?? []).length > 0) readers.set(d.openId, { admin: false, leads: [...d.leads!] });
  }
  return readers;
}

/** Sends the weekly digest when `at` (the job's scheduled hour) is the configured day and hour. */
export async function sendWeeklyDigest(
  at: Date,
  deps: WeeklyDigestDeps,
  log?: Logger,
): Promise<WeeklyDigestOutcome> {
  const settings = await deps.settings();
  const tz = settings.timezone;
  const local = zonedParts(at, tz);
  const week = isoWeekKey(local.year, local.month, local.day);
  const outcome: WeeklyDigestOutcome = { due: false, week, sent: [], optedOut: [] };
  const time = await loadDigestTime();
  if (local.weekday !== time.weekday || local.hour !== time.hour) return outcome;
  outcome.due = true;
  const [readers, optOuts] = await Promise.all([listReaders(deps.bootstrapAdmins), listDigestOptOuts()]);
  const localeOf = await localesOf([...readers.keys()], settings.locale);
  /** The agency digest is the same for every admin of one locale. */
  const adminCards = new Map<Locale, Promise<Card | undefined>>();
  for (const [openId, reader] of readers) {
    if (optOuts.has(openId)) {
      outcome.optedOut.push(openId);
      continue;
    }
    const locale = localeOf(openId);
    const t = translator(locale);
    let card: Card | undefined;
    if (reader.admin) {
      if (!adminCards.has(locale)) adminCards.set(locale, buildDigestFor(t, reader, { now: at, tz, log }));
      card = await adminCards.get(locale)!;
    } else card = await buildDigestFor(t, reader, { now: at, tz, log });
    if (!card) continue;
    await deps.messenger.sendCard(`digest:${week}:${openId}`, { openId }, card);
    outcome.sent.push(openId);
  }
  return outcome;
}
