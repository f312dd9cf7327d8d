/**
 * The one private reminder of a 必学 broadcast: after its delay, everyone in the broadcast's
 * chats who has not pressed 已学习 gets one p2p message in their own language. The key is
 * per broadcast and person, so a person in several chats — or a re-run job — gets one.
 */
import { type Locale, t } from '../i18n/index.js';
import type { ChatMember } from '../lark/client.js';
import type { Messenger } from '../lark/messenger.js';
import type { Logger } from '../logger.js';
import { acknowledgers, getBroadcast } from './broadcasts.js';
import { getContentItem } from './content-items.js';
import { localesOf } from './person-locale.js';

/** What the reminder needs. */
export interface RemindDeps {
  messenger: Pick<Messenger, 'sendText'>;
  getChatMembers(chatId: string): Promise<ChatMember[]>;
  /** The agency's language (for people without their own). */
  locale: Locale;
  log: Logger;
}

/** Sends the reminders; returns how many people were reminded. */
export async function remindNonAcknowledgers(broadcastId: string, deps: RemindDeps): Promise<number> {
  const broadcast = await getBroadcast(broadcastId);
  if (!broadcast?.required) return 0;
  const item = await getContentItem(broadcast.itemId);
  const acked = await acknowledgers(broadcast.id);
  const pending = new Set<string>();
  // A failed member list throws: the job retries later (what was already enqueued is not repeated).
  for (const chatId of broadcast.chatIds) {
    for (const m of await deps.getChatMembers(chatId)) if (!acked.has(m.openId)) pending.add(m.openId);
  }
  const localeOf = await localesOf([...pending], deps.locale);
  for (const openId of pending) {
    await deps.messenger.sendText(
      `broadcast.remind:${broadcast.id}:${openId}`,
      { openId },
      t(localeOf(openId), 'broadcast.remind.text', { title: item?.title ?? broadcast.itemId }),
    );
  }
  return pending.size;
}
