/** The clean-culture commands: the library (/content), schedules (/schedule) and /broadcast. */
import type { ActionRegistry } from '../actions/registry.js';
import { register as registerBroadcast } from './broadcast.js';
import { register as registerContent } from './content.js';
import type { CommandRegistry } from './registry.js';
import { register as registerSchedule } from './schedule.js';

/** Adds /content, /schedule and /broadcast with their card actions. */
export function registerContentFamily(commands: CommandRegistry, actions: ActionRegistry): void {
  registerContent(commands, actions);
  registerSchedule(commands);
  registerBroadcast(commands, actions);
}
