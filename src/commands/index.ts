import type { ActionRegistry } from '../actions/registry.js';
import { register as registerChat } from './chat.js';
import { register as registerConfig } from './config.js';
import { register as registerHelp } from './help.js';
import { register as registerHoliday } from './holiday.js';
import { register as registerLang } from './lang.js';
import { register as registerAudit } from './audit.js';
import { registerContentFamily } from './content-family.js';
import { register as registerImport } from './import.js';
import { register as registerTaskLedger } from './task-ledger.js';
import { register as registerTaskRemind } from './task-remind.js';
import { register as registerTaskPolicy } from './task-policy.js';
import type { CommandRegistry } from './registry.js';
import { register as registerAdmin } from './admin.js';
import { register as registerDept } from './dept.js';
import { register as registerRole } from './role.js';
import { register as registerTask } from './task.js';
import { register as registerWhoami } from './whoami.js';
import { register as registerFeedback } from './feedback.js';
import { register as registerScore } from './score.js';
import { register as registerDigest } from './digest.js';
import { register as registerWarning } from './warning.js';
import { register as registerWarningConfig } from './warning-config.js';

/** Adds every command family (and its card actions); /help lists them in this order. */
export function registerCommands(commands: CommandRegistry, actions: ActionRegistry): void {
  registerHelp(commands);
  registerWhoami(commands);
  registerAdmin(commands);
  registerRole(commands, actions);
  registerDept(commands, actions);
  registerChat(commands, actions);
  registerConfig(commands, actions);
  registerHoliday(commands, actions);
  registerLang(commands);
  registerImport(commands);
  registerTask(commands, actions);
  registerTaskRemind(commands);
  registerTaskPolicy(commands);
  registerTaskLedger(commands);
  registerContentFamily(commands, actions);
  registerAudit(commands);
  registerFeedback(commands, actions);
  registerScore(commands);
  registerDigest(commands);
  registerWarning(commands);
  registerWarningConfig(commands);
}
