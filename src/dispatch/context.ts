import type { Card } from '../../cards/types.js';
import type { AccessPolicy, ActorProfile } from '../domain/access.js';
import type { TenantSettings } from '../domain/settings.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { Messenger } from '../lark/messenger.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../time/clock.js';

/** Who caused an event, with the roles and departments they hold right now. */
export interface Actor extends ActorProfile {
  openId: string;
}

/** Shared services handlers reach through their context. */
export interface BotServices {
  messenger: Messenger;
  access: AccessPolicy;
  /** People: cached contact names, BOT_ADMINS; `ensurePerson` refreshes stale contact data. */
  directory: import('../domain/people.js').Directory;
  clock: Clock;
  /** BOT_TIMEZONE; the effective zone is `settings().timezone`. */
  timezone: string;
  /** The agency settings as stored now (read per event; admins change them at run time). */
  settings(): Promise<TenantSettings>;
  /**
   * The workday calendar of the effective settings (time zone, `mainland` or `weekdays`) and the
   * admin overrides; cached, reloaded after a change in this process and at least every minute.
   */
  calendar(): Promise<import('../time/workdays.js').WorkCalendar>;
}

/** Answers to the message or card that caused the event. */
export interface Replier {
  text(text: string): Promise<void>;
  card(card: Card): Promise<void>;
}

/** The small typed context every handler receives (one per event). */
export interface EventContext {
  eventId: string;
  actor: Actor;
  /** The chat the event came from, when it came from one. */
  chat?: { id: string; type: 'p2p' | 'group' };
  /** The message that triggered the event, when there is one. */
  messageId?: string;
  locale: Locale;
  t: Translate;
  log: Logger;
  /** The event's logger without the actor, for work that must not name its sender (anonymous feedback). */
  logWithoutActor?: Logger;
  now(): Date;
  reply: Replier;
  services: BotServices;
}
