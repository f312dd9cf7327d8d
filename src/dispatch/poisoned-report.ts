/**
 * Tells every admin, once, that a stored event was set aside as poisoned: a private message
 * through the outbox under a key per event and admin (a second report of the same event
 * sends nothing). The text names the event id, type and time only — never user content.
 */
import { localesOf } from '../domain/person-locale.js';
import { listAdmins } from '../domain/roles.js';
import { DEFAULT_LOCALE, translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { formatZoned } from '../time/zoned.js';
import type { BotServices } from './context.js';
import type { ExhaustedEvent } from './inbox.js';

/** Logs the poisoned event with its id and queues the admins' messages. */
export async function reportPoisonedEvent(
  services: BotServices,
  event: ExhaustedEvent,
  log: Logger,
): Promise<void> {
  log.error(
    { eventId: event.eventId, eventType: event.eventType, attempts: event.attempts },
    'event poisoned: parked after its last failed attempt, not run again',
  );
  const admins = await listAdmins(services.directory.bootstrapAdmins);
  const settings = await services.settings();
  const localeOf = await localesOf(
    admins.map((a) => a.openId),
    settings.locale ?? DEFAULT_LOCALE,
  );
  const time = formatZoned(event.receivedAt, settings.timezone, 'YYYY-MM-DD HH:mm:ss');
  for (const admin of admins) {
    const t = translator(localeOf(admin.openId));
    await services.messenger.sendText(
      `inbox:poisoned:${event.eventId}:${admin.openId}`,
      { openId: admin.openId },
      t('inbox.poisoned', { id: event.eventId, type: event.eventType, time, attempts: event.attempts }),
    );
  }
}
