import type { Locale } from '../i18n/index.js';
import type { PersonView } from './people.js';

/** What a person may do. */
export type Role = 'admin' | 'leader' | 'supervisor' | 'member';

export const ALL_ROLES: readonly Role[] = ['admin', 'leader', 'supervisor', 'member'];

/** Who someone is, as every permission check needs it. */
export interface ActorProfile {
  /** Always includes 'member'; 'leader' when they head at least one department. */
  roles: Role[];
  name: string;
  /** The department they belong to (id), if assigned. */
  deptId: string | null;
  /** Departments they head, with every department below them (ids). */
  leads: string[];
  /** Their own language choice, if any (else the agency's). */
  locale: Locale | null;
}

/** Answers "who is this person and what may they do". */
export interface AccessPolicy {
  /** `known`: the person as just read by the caller (saves reading them again). */
  profileOf(openId: string, known?: PersonView): Promise<ActorProfile>;
}

/** Everyone is a member; bootstrap admins from BOT_ADMINS are admins. No stored data. */
export function createBootstrapAccessPolicy(bootstrapAdmins: readonly string[]): AccessPolicy {
  const admins = new Set(bootstrapAdmins);
  return {
    async profileOf(openId) {
      return {
        roles: admins.has(openId) ? ['admin', 'member'] : ['member'],
        name: '',
        deptId: null,
        leads: [],
        locale: null,
      };
    },
  };
}

/** True when the holder of `held` roles may use something open to `allowed`. */
export function mayUse(held: readonly Role[], allowed: readonly Role[] | 'everyone'): boolean {
  return allowed === 'everyone' || allowed.some((r) => held.includes(r));
}
