/**
 * Keeps an anonymous vote anonymous outside the poll collections too. The dispatcher stores every
 * callback (operator + `action.value`, which names the option) in the inbox before it acts, for
 * deduplication and crash recovery; for an anonymous vote that record would link voter and
 * choice, so the action is removed from it before the vote is stored. (A crash between the two
 * leaves the action in that one record until the inbox is pruned after 7 days.)
 */
import { InboxEventModel } from '../models/inbox-event.js';

/** Removes the action (value and form values) from a stored callback event. */
export async function forgetCallbackChoice(eventId: string): Promise<void> {
  await InboxEventModel.updateOne({ _id: { $eq: eventId } }, { $unset: { 'envelope.event.action': 1 } });
}
