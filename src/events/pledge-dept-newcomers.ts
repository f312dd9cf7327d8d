/**
 * Department newcomers: someone placed in a department (or a department below it) that has a
 * rule (`/pledge rule <id> 部门 <名称>`) becomes a signer of the rule's document and gets its
 * card. Adding a signer is a unique insert, so running the member import twice (or moving
 * someone out and back) sends the card once.
 */

import { refreshProgressCards, sendSignerCards } from '../commands/pledge-publish.js';
import type { BotServices } from '../dispatch/context.js';
import { type DepartmentJoin, registerDepartmentJoinListener } from '../domain/department-listeners.js';
import { listDepartments } from '../domain/departments.js';
import { addSigners, getPledge } from '../domain/pledges.js';
import type { Logger } from '../logger.js';
import { PledgeRuleModel } from '../models/pledge.js';

/** `deptId` and every department above it. */
async function selfAndAncestors(deptId: string): Promise<string[]> {
  const parentOf = new Map((await listDepartments()).map((d) => [d.id, d.parentId]));
  const chain: string[] = [];
  for (let id: string | null | undefined = deptId; id && !chain.includes(id); id = parentOf.get(id))
    chain.push(id);
  return chain;
}

/** Sends the department rules' documents to the person who joined. */
export async function sendDepartmentRulePledges(
  services: BotServices,
  log: Logger,
  join: DepartmentJoin,
): Promise<number> {
  const rules = await PledgeRuleModel.find({ deptId: { $in: await selfAndAncestors(join.deptId) } }).lean();
  let sent = 0;
  for (const rule of rules) {
    const pledge = await getPledge(rule.pledgeId);
    if (pledge?.state !== 'open') continue;
    const added = await addSigners(pledge.id, [join.openId], 'newcomer', services.clock.now());
    if (added.length === 0) continue;
    log.info({ pledgeId: pledge.id, deptId: join.deptId }, 'department newcomer asked to sign');
    await sendSignerCards(services, pledge, added);
    await refreshProgressCards(services, pledge, `dept-join:${join.openId}:${join.deptId}`);
    sent++;
  }
  return sent;
}

/** Listens for people joining departments; returns the function that stops listening. */
export function listenForPledgeDepartments(services: BotServices, log: Logger): () => void {
  return registerDepartmentJoinListener(
    (join) => sendDepartmentRulePledges(services, log, join).then(() => {}),
    (err, join) => log.error({ err, openId: join.openId, deptId: join.deptId }, 'department listener failed'),
  );
}
