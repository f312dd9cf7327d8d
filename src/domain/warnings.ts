/**
 * The daily early-warning check (预警): for every department, evaluates the rules over the
 * collected figures and moves each (rule, department) episode. A new episode alerts the admins
 * and the department's leaders in private chat once; its end sends one "已解除" message.
 * Outbox keys: `warning:${rule}:${dept}:${episodeStart ISO}:${openId}` (+ `:clear` for the end).
 */
import { translator } from '../i18n/index.js';
import type { Messenger } from '../lark/messenger.js';
import type { Logger } from '../logger.js';
import { DepartmentModel } from '../models/department.js';
import { PersonModel } from '../models/person.js';
import { localesOf } from './person-locale.js';
import type { TenantSettings } from './settings.js';
import { loadWarningThresholds } from './warnings-config.js';
import { type ClaimedTransition, latestTransition, transition } from './warnings-episodes.js';
import { collectWarningFigures } from './warnings-figures.js';
import { evaluateWarnings, WARNING_RULES, type WarningRule } from './warnings-rules.js';

/** How long after a change its messages are queued again (idempotently) by later checks. */
const RESEND_WINDOW_MS = 2 * 86_400_000;

/** What the check needs from the bot. */
export interface WarningDeps {
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
  bootstrapAdmins: readonly string[];
}

async function recipients(deptId: string, bootstrapAdmins: readonly string[]): Promise<string[]> {
  const docs = await PersonModel.find(
    { $or: [{ roles: 'admin' }, { leads: { $eq: deptId } }] },
    { openId: 1 },
  ).lean();
  return [...new Set([...bootstrapAdmins, ...docs.map((d) => d.openId)])];
}

async function notify(
  change: ClaimedTransition,
  deptName: string,
  deps: WarningDeps,
  locale: TenantSettings['locale'],
) {
  const to = await recipients(change.deptId, deps.bootstrapAdmins);
  const localeOf = await localesOf(to, locale);
  const base = `warning:${change.rule}:${change.deptId}:${change.since.toISOString()}`;
  for (const openId of to) {
    const t = translator(localeOf(openId));
    const rule = t(`warning.rule.${change.rule}`);
    const detail = t(`warning.detail.${change.rule}`, { value: String(change.value ?? '') });
    const text =
      change.state === 'active'
        ? t('warning.alert', { dept: deptName, rule, detail })
        : t('warning.cleared', { dept: deptName, rule });
    const key = change.state === 'active' ? `${base}:${openId}` : `${base}:${openId}:clear`;
    await deps.messenger.sendText(key, { openId }, text);
  }
}

/** Checks every rule for every department at `now`; returns the claimed changes. */
export async function checkWarnings(
  now: Date,
  deps: WarningDeps,
  log?: Logger,
): Promise<ClaimedTransition[]> {
  const settings = await deps.settings();
  const depts = await DepartmentModel.find({}, { _id: 1, name: 1 }).lean();
  // The thresholds in force (`/warning config`), read once per check.
  const thresholds = await loadWarningThresholds();
  const changes: ClaimedTransition[] = [];
  for (const dept of depts) {
    const deptId = String(dept._id);
    const figures = await collectWarningFigures(deptId, settings.timezone, now, log);
    const results = evaluateWarnings(figures, thresholds);
    for (const rule of WARNING_RULES as readonly WarningRule[]) {
      const change = await transition(rule, deptId, results[rule], now);
      if (change) {
        changes.push(change);
        await notify(change, dept.name, deps, settings.locale);
        continue;
      }
      // No change (or another checker claimed it): a change claimed in the last two days has its
      // messages queued again under the keys of the first time (the outbox keeps them a month),
      // so nothing is sent twice and a process that died between the claim and the queueing
      // loses nothing.
      const current = await latestTransition(rule, deptId);
      if (current && now.getTime() - current.at.getTime() < RESEND_WINDOW_MS)
        await notify(current, dept.name, deps, settings.locale);
    }
  }
  return changes;
}
