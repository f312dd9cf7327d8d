/** What a person may do. Departments and stored roles arrive with the organisation model. */
export type Role = 'admin' | 'leader' | 'supervisor' | 'member';

export const ALL_ROLES: readonly Role[] = ['admin', 'leader', 'supervisor', 'member'];

/** Answers "which roles does this person hold". */
export interface AccessPolicy {
  rolesOf(openId: string): Promise<Role[]>;
}

/** Everyone is a member; bootstrap admins from BOT_ADMINS are admins. */
export function createAccessPolicy(bootstrapAdmins: readonly string[]): AccessPolicy {
  const admins = new Set(bootstrapAdmins);
  return {
    async rolesOf(openId) {
      return admins.has(openId) ? ['admin', 'member'] : ['member'];
    },
  };
}

/** True when the holder of `held` roles may use something open to `allowed`. */
export function mayUse(held: readonly Role[], allowed: readonly Role[] | 'everyone'): boolean {
  return allowed === 'everyone' || allowed.some((r) => held.includes(r));
}
