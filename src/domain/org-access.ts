import { readsOf } from '../batching/collections.js';
import { PersonModel } from '../models/person.js';
import type { AccessPolicy, ActorProfile, Role } from './access.js';
import { withDescendants } from './departments.js';
import { type PersonView, toPersonView } from './people.js';

async function readPerson(openId: string): Promise<PersonView | undefined> {
  const doc = await readsOf<Parameters<typeof toPersonView>[0]>(PersonModel, 'openId').get(openId);
  return doc ? toPersonView(doc) : undefined;
}

/**
 * The access policy over stored people: admin (BOT_ADMINS or stored), supervisor (stored),
 * leader (heads at least one department), member (everyone). `leads` holds the headed
 * departments and everything below them. One query, two for leaders.
 */
export function createOrgAccessPolicy(bootstrapAdmins: readonly string[]): AccessPolicy {
  const admins = new Set(bootstrapAdmins);
  return {
    async profileOf(openId, known): Promise<ActorProfile> {
      const person = known?.openId === openId ? known : await readPerson(openId);
      const roles: Role[] = [];
      if (admins.has(openId) || person?.roles.includes('admin')) roles.push('admin');
      if (person && person.leads.length > 0) roles.push('leader');
      if (person?.roles.includes('supervisor')) roles.push('supervisor');
      roles.push('member');
      return {
        roles,
        name: person?.name ?? '',
        deptId: person?.deptId ?? null,
        leads: person ? await withDescendants(person.leads) : [],
        locale: person?.locale ?? null,
      };
    },
  };
}
