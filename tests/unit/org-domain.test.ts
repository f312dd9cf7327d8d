import { describe, expect, it } from 'vitest';
import { departmentNames, personAndDepartments } from '../../src/commands/org-args.js';
import { tokenize } from '../../src/commands/tokenize.js';
import {
  addDepartment,
  moveDepartment,
  removeDepartment,
  renameDepartment,
} from '../../src/domain/departments.js';
import { createOrgAccessPolicy } from '../../src/domain/org-access.js';
import { withOrgLock } from '../../src/domain/org-lock.js';
import { mayAddUnder, mayManageDepartment, type OrgActor } from '../../src/domain/org-scope.js';
import { addAdmin, assignRole, removeAdmin } from '../../src/domain/roles.js';
import { DepartmentModel } from '../../src/models/department.js';
import { PersonModel } from '../../src/models/person.js';
import { useTestDb } from '../support/test-db.js';

const admin: OrgActor = { openId: 'ou_admin', roles: ['admin', 'member'], leads: [] };

describe('scope rules', () => {
  const leader: OrgActor = { openId: 'ou_l', roles: ['leader', 'member'], leads: ['office', 'secretariat'] };

  it('lets a leader add under and manage below their departments only', () => {
    expect(mayAddUnder(leader, 'office')).toBe(true);
    expect(mayAddUnder(leader, 'secretariat')).toBe(true);
    expect(mayAddUnder(leader, 'finance')).toBe(false);
    expect(mayAddUnder(leader, null)).toBe(false);
    expect(mayManageDepartment(leader, { parentId: 'office' })).toBe(true);
    expect(mayManageDepartment(leader, { parentId: 'agency' })).toBe(false); // their own 办公室
    expect(mayAddUnder(admin, null)).toBe(true);
    expect(mayManageDepartment(admin, { parentId: null })).toBe(true);
  });
});

describe('organisation arguments', () => {
  /** The arguments after the command word, as the registry hands them over. */
  const parse = (args: string, mentions: Array<{ key: string; openId: string; name: string }> = []) => {
    const parsed = tokenize(`/cmd ${args}`, mentions);
    if (parsed.kind !== 'tokens') throw new Error('no tokens');
    const tokens = parsed.tokens.slice(1);
    const words = tokens.flatMap((t) => (t.type === 'text' ? [t.value] : []));
    const people = tokens.flatMap((t) => (t.type === 'mention' ? [t.mention] : []));
    return { words, mentions: people, rest: words.join(' ') };
  };

  it('reads one person and department names, by mention or typed open_id', () => {
    const input = parse('@_user_1 "综合 办公室"', [{ key: '@_user_1', openId: 'ou_a', name: '张三' }]);
    const withMention = personAndDepartments(0, 1).safeParse(input);
    expect(withMention.success && withMention.data).toEqual({
      person: { openId: 'ou_a', name: '张三' },
      departments: ['综合 办公室'],
    });
    const typed = personAndDepartments(0, 1).safeParse(parse('ou_b 办公室'));
    expect(typed.success && typed.data.person.openId).toBe('ou_b');
    const none = personAndDepartments(0, 1).safeParse(parse('办公室'));
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe('usage');
    const two = personAndDepartments(0, 1).safeParse(parse('ou_b ou_c'));
    expect(two.error?.issues[0]?.message).toBe('i18n:org.args.user');
  });

  it('refuses bad department names with the naming hint and wrong counts with the usage', () => {
    const bad = departmentNames(1, 1).safeParse(parse('办公/室'));
    expect(bad.error?.issues[0]?.message).toBe('i18n:org.dept.nameInvalid');
    const tooMany = departmentNames(1, 1).safeParse(parse('a b'));
    expect(tooMany.error?.issues[0]?.message).toBe('usage');
  });
});

describe('organisation rules on the database', () => {
  useTestDb();

  it('keeps departments consistent and expands leaders to sub-departments', async () => {
    const top = await addDepartment(admin, { name: '机关' });
    const office = await addDepartment(admin, { name: '办公室', parentName: '机关' });
    const sec = await addDepartment(admin, { name: '文秘科', parentName: '办公室' });
    const fin = await addDepartment(admin, { name: '财务处', parentName: ' 机关 ' });
    expect(top.ok && office.ok && sec.ok && fin.ok).toBe(true);
    if (!top.ok || !office.ok || !sec.ok || !fin.ok) return;
    expect(sec.value.ancestors).toEqual([top.value.id, office.value.id]);

    const dup = await addDepartment(admin, { name: ' 办 公 室 ' });
    expect(dup.ok || dup.code).toBe('name_taken');

    await assignRole(admin, { targetOpenId: 'ou_lead', role: 'leader', departmentName: '办公室' });
    const profile = await createOrgAccessPolicy([]).profileOf('ou_lead');
    expect(profile.roles).toEqual(['leader', 'member']);
    expect(new Set(profile.leads)).toEqual(new Set([office.value.id, sec.value.id]));
    expect(profile.deptId).toBe(office.value.id);
    const leader: OrgActor = { openId: 'ou_lead', ...profile };

    expect((await removeDepartment(leader, { name: '办公室' })).ok).toBe(false);
    const cycle = await moveDepartment(admin, { name: '办公室', parentName: '文秘科' });
    expect(cycle.ok || cycle.code).toBe('cycle');

    // Moving 办公室 under 财务处 rewrites the path of everything below it.
    const moved = await moveDepartment(admin, { name: '办公室', parentName: '财务处' });
    expect(moved.ok).toBe(true);
    const secDoc = await DepartmentModel.findById(sec.value.id).lean();
    expect(secDoc?.ancestors).toEqual([top.value.id, fin.value.id, office.value.id]);

    const renamed = await renameDepartment(admin, { name: '文秘科', newName: '秘书科' });
    expect(renamed.ok && renamed.changed).toBe(true);
  });

  it('never removes the last admin, even when two removals race', async () => {
    await addAdmin('ou_a1', []);
    await addAdmin('ou_a2', []);
    const results = await Promise.all([removeAdmin('ou_a1', []), removeAdmin('ou_a2', [])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['last_admin']);
    expect(await PersonModel.countDocuments({ roles: 'admin' })).toBe(1);
  });

  it('creates one department when the same name is added twice at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => addDepartment(admin, { name: '并发处' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await DepartmentModel.countDocuments({ name: '并发处' })).toBe(1);
  });

  it('the organisation lease is exclusive and re-entrant', async () => {
    const order: string[] = [];
    let holding!: () => void;
    const held = new Promise<void>((r) => {
      holding = r;
    });
    const slow = withOrgLock(async () => {
      order.push('a:start');
      holding();
      await withOrgLock(async () => order.push('a:nested'));
      await new Promise((r) => setTimeout(r, 50));
      order.push('a:end');
    });
    await held;
    const second = withOrgLock(async () => {
      order.push('b');
    });
    await Promise.all([slow, second]);
    expect(order).toEqual(['a:start', 'a:nested', 'a:end', 'b']);
  });
});
