/** Department choices offered in organisation forms. */
import type { SelectOption } from '../../cards/form-fields.js';
import type { Actor } from '../dispatch/context.js';
import { departmentPath, listDepartments } from '../domain/departments.js';
import { isAdmin } from '../domain/org-scope.js';

/** Feishu shows at most this many options comfortably; deeper trees are named by command. */
const MAX_OPTIONS = 100;

/**
 * Departments the actor may pick, labelled with their path (机关 / 办公室): every department for
 * admins, the ones they lead (and below) for leaders.
 */
export async function departmentOptions(actor: Actor): Promise<SelectOption[]> {
  const all = await listDepartments();
  const mine = isAdmin(actor) ? all : all.filter((d) => actor.leads.includes(d.id));
  return mine
    .map((d) => ({ value: d.id, label: departmentPath(d, all).join(' / ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))
    .slice(0, MAX_OPTIONS);
}
