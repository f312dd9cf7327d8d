/**
 * The department tree (机关 → 处室 → 科室). Names are unique across the agency (by
 * {@link departmentNameKey}), so commands name a department without its path. Every change runs
 * under the organisation lease (see org-lock.ts) and checks the actor's scope inside it.
 */

import { randomBytes } from 'node:crypto';
import { CoalescedRuns } from '../batching/coalesced-runs.js';
import { ChatModel } from '../models/chat.js';
import { DepartmentModel, departmentNameKey } from '../models/department.js';
import { PersonModel } from '../models/person.js';
import { lockedChange } from './org-lock.js';
import { type OrgResult, refuse } from './org-refusal.js';
import { mayAddUnder, mayManageDepartment, type OrgActor } from './org-scope.js';

/** A department as the rest of the bot reads it. */
export interface DepartmentView {
  id: string;
  name: string;
  parentId: string | null;
  /** Ids above it, the top first. */
  ancestors: string[];
}

/** A department with its sub-departments, for trees. */
export interface DepartmentNode extends DepartmentView {
  depth: number;
  children: DepartmentNode[];
}

type DeptLean = { _id: string; name: string; parentId?: string | null; ancestors?: string[] | null };

function toView(doc: DeptLean): DepartmentView {
  return {
    id: doc._id,
    name: doc.name,
    parentId: doc.parentId ?? null,
    ancestors: [...(doc.ancestors ?? [])],
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, 'zh-CN');
}

/** A new department id: `d_` and 12 random hex digits. */
export function newDepartmentId(): string {
  return `d_${randomBytes(6).toString('hex')}`;
}

/** Every department, by name. */
/** Every department is read by many at once (every /whoami, every scope check): one query per run, shared. */
const allDepartments = new CoalescedRuns(() => DepartmentModel.find({}).lean());

export async function listDepartments(): Promise<DepartmentView[]> {
  const docs = await allDepartments.request('all');
  return docs.map(toView).sort(byName);
}

/** The department with this name (compared by {@link departmentNameKey}), if any. */
export async function findDepartmentByName(name: string): Promise<DepartmentView | undefined> {
  const doc = await DepartmentModel.findOne({ nameKey: { $eq: departmentNameKey(name) } }).lean();
  return doc ? toView(doc) : undefined;
}

/** The department with this id, if any. */
export async function findDepartment(id: string): Promise<DepartmentView | undefined> {
  const doc = await DepartmentModel.findById(id).lean();
  return doc ? toView(doc) : undefined;
}

/** The given departments and every department below them (one query). */
export async function withDescendants(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const below = await DepartmentModel.find({ ancestors: { $in: [...ids] } }, { _id: 1 }).lean();
  return [...new Set([...ids, ...below.map((d) => d._id)])];
}

/** Arranges departments as a forest, children by name. */
export function buildTree(depts: readonly DepartmentView[]): DepartmentNode[] {
  const nodes = new Map(depts.map((d) => [d.id, { ...d, depth: 0, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (list: DepartmentNode[], depth: number): void => {
    list.sort(byName);
    for (const n of list) {
      n.depth = depth;
      settle(n.children, depth + 1);
    }
  };
  settle(roots, 0);
  return roots;
}

/** The tree as lines with box-drawing branches (`label` renders one department). */
export function renderTree(roots: readonly DepartmentNode[], label: (d: DepartmentNode) => string): string[] {
  const lines: string[] = [];
  const walk = (list: readonly DepartmentNode[], prefix: string, top: boolean): void => {
    list.forEach((n, i) => {
      const last = i === list.length - 1;
      lines.push(top ? label(n) : `${prefix}${last ? '└ ' : '├ '}${label(n)}`);
      walk(n.children, top ? '' : `${prefix}${last ? '\u3000 ' : '│ '}`, false);
    });
  };
  walk(roots, '', true);
  return lines;
}

/** Names from the top down to the department, e.g. ['机关', '办公室', '文秘科']. */
export function departmentPath(dept: DepartmentView, all: readonly DepartmentView[]): string[] {
  const byId = new Map(all.map((d) => [d.id, d]));
  return [...dept.ancestors.map((id) => byId.get(id)?.name ?? id), dept.name];
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/** Adds a department, at the top or under a parent (by name, or by id from a form). */
export async function addDepartment(
  actor: OrgActor,
  input: { name: string; parentName?: string; parentId?: string },
): Promise<OrgResult<DepartmentView>> {
  return lockedChange(async () => {
    const name = input.name.trim();
    let parent: DepartmentView | undefined;
    if (input.parentId || input.parentName) {
      parent = input.parentId
        ? await findDepartment(input.parentId)
        : await findDepartmentByName(input.parentName!);
      if (!parent) return refuse('parent_not_found', { name: input.parentName ?? input.parentId ?? '' });
    }
    if (!mayAddUnder(actor, parent?.id ?? null)) {
      return refuse('scope_add', { name, parent: parent?.name ?? '' });
    }
    const existing = await findDepartmentByName(name);
    if (existing) return refuse('name_taken', { name: existing.name });
    const dept: DepartmentView = {
      id: newDepartmentId(),
      name,
      parentId: parent?.id ?? null,
      ancestors: parent ? [...parent.ancestors, parent.id] : [],
    };
    try {
      await DepartmentModel.create({
        _id: dept.id,
        name,
        nameKey: departmentNameKey(name),
        parentId: dept.parentId,
        ancestors: dept.ancestors,
        createdBy: actor.openId,
      });
    } catch (error) {
      if (isDuplicateKey(error)) return refuse('name_taken', { name });
      throw error;
    }
    return {
      ok: true,
      changed: true,
      value: dept,
      before: null,
      after: { name, parent: parent?.name ?? null },
    };
  });
}

/** Renames a department (the new name must be free). */
export async function renameDepartment(
  actor: OrgActor,
  input: { name: string; newName: string },
): Promise<OrgResult<DepartmentView>> {
  return lockedChange(async () => {
    const dept = await findDepartmentByName(input.name);
    if (!dept) return refuse('dept_not_found', { name: input.name });
    if (!mayManageDepartment(actor, dept)) return refuse('scope_dept', { name: dept.name });
    const newName = input.newName.trim();
    const key = departmentNameKey(newName);
    if (newName === dept.name) return { ok: true, changed: false, value: dept, before: null, after: null };
    const clash = await findDepartmentByName(newName);
    if (clash && clash.id !== dept.id) return refuse('name_taken', { name: clash.name });
    try {
      await DepartmentModel.updateOne({ _id: dept.id }, { $set: { name: newName, nameKey: key } });
    } catch (error) {
      if (isDuplicateKey(error)) return refuse('name_taken', { name: newName });
      throw error;
    }
    return {
      ok: true,
      changed: true,
      value: { ...dept, name: newName },
      before: { name: dept.name },
      after: { name: newName },
    };
  });
}

/** How many people belong to each department (by id; departments without members are absent). */
export async function countMembersByDepartment(): Promise<Map<string, number>> {
  const rows = await PersonModel.aggregate<{ _id: string; n: number }>([
    { $match: { deptId: { $ne: null } } },
    { $group: { _id: '$deptId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** What still hangs on a department. */
export interface DepartmentUsage {
  children: number;
  members: number;
  leaders: number;
  chats: number;
}

/** Counts sub-departments, members, leaders and active bound chats of a department. */
export async function departmentUsage(id: string): Promise<DepartmentUsage> {
  const [children, members, leaders, chats] = await Promise.all([
    DepartmentModel.countDocuments({ parentId: { $eq: id } }),
    PersonModel.countDocuments({ deptId: { $eq: id } }),
    PersonModel.countDocuments({ leads: { $eq: id } }),
    ChatModel.countDocuments({ deptId: { $eq: id }, active: true }),
  ]);
  return { children, members, leaders, chats };
}

/** Removes an empty department: no sub-departments, members, leaders or bound chats. */
export async function removeDepartment(
  actor: OrgActor,
  input: { name: string },
): Promise<OrgResult<DepartmentView>> {
  return lockedChange(async () => {
    const dept = await findDepartmentByName(input.name);
    if (!dept) return refuse('dept_not_found', { name: input.name });
    if (!mayManageDepartment(actor, dept)) return refuse('scope_dept', { name: dept.name });
    const usage = await departmentUsage(dept.id);
    if (usage.children + usage.members + usage.leaders + usage.chats > 0) {
      return refuse('not_empty', { name: dept.name, ...usage });
    }
    await DepartmentModel.deleteOne({ _id: dept.id });
    // Chats the bot has left may still name it; they no longer serve any department.
    await ChatModel.updateMany({ deptId: { $eq: dept.id } }, { $set: { deptId: null } });
    return {
      ok: true,
      changed: true,
      value: dept,
      before: { name: dept.name, parentId: dept.parentId },
      after: null,
    };
  });
}

/**
 * Moves a department (with everything below it) under `parentName`, or to the top when
 * `parentName` is undefined. A department cannot move under itself or its own descendants.
 */
export async function moveDepartment(
  actor: OrgActor,
  input: { name: string; parentName?: string },
): Promise<OrgResult<DepartmentView>> {
  return lockedChange(async () => {
    const dept = await findDepartmentByName(input.name);
    if (!dept) return refuse('dept_not_found', { name: input.name });
    if (!mayManageDepartment(actor, dept)) return refuse('scope_dept', { name: dept.name });
    let parent: DepartmentView | undefined;
    if (input.parentName) {
      parent = await findDepartmentByName(input.parentName);
      if (!parent) return refuse('parent_not_found', { name: input.parentName });
      if (parent.id === dept.id || parent.ancestors.includes(dept.id)) {
        return refuse('cycle', { name: dept.name, parent: parent.name });
      }
    }
    if (!mayAddUnder(actor, parent?.id ?? null))
      return refuse('scope_add', { name: dept.name, parent: parent?.name ?? '' });
    const all = await listDepartments();
    const oldParent = all.find((d) => d.id === dept.parentId);
    if ((parent?.id ?? null) === dept.parentId)
      return { ok: true, changed: false, value: dept, before: null, after: null };
    const ancestors = parent ? [...parent.ancestors, parent.id] : [];
    await DepartmentModel.updateOne({ _id: dept.id }, { $set: { parentId: parent?.id ?? null, ancestors } });
    // Every department below keeps its path below `dept` and takes the new path above it.
    for (const d of all.filter((x) => x.ancestors.includes(dept.id))) {
      const below = d.ancestors.slice(d.ancestors.indexOf(dept.id));
      await DepartmentModel.updateOne({ _id: d.id }, { $set: { ancestors: [...ancestors, ...below] } });
    }
    return {
      ok: true,
      changed: true,
      value: { ...dept, parentId: parent?.id ?? null, ancestors },
      before: { name: dept.name, parent: oldParent?.name ?? null },
      after: { name: dept.name, parent: parent?.name ?? null },
    };
  });
}
