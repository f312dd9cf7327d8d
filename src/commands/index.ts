import type { ActionRegistry } from '../actions/registry.js';
import { register as registerChat } from './chat.js';
import { register as registerHelp } from './help.js';
import type { CommandRegistry } from './registry.js';

/** Adds every command family (and its card actions); /help lists them in this order. */
export function registerCommands(commands: CommandRegistry, actions: ActionRegistry): void {
  registerHelp(commands);
  registerChat(commands, actions);
}
