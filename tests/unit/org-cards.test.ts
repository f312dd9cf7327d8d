import { describe, expect, it } from 'vitest';
import { buildAdminListCard } from '../../cards/admin-list-card.js';
import {
  buildDeptAddedCard,
  buildDeptAddForm,
  buildDeptListCard,
  buildDeptMembersCard,
  buildDeptTreeCard,
} from '../../cards/dept-cards.js';
import { cardMention } from '../../cards/escape.js';
import { buildRoleDoneCard, buildRoleForm } from '../../cards/role-cards.js';
import { buildWhoamiCard } from '../../cards/whoami-card.js';
import { buildTree, type DepartmentView, renderTree } from '../../src/domain/departments.js';
import { translator } from '../../src/i18n/index.js';
import { renderCardText, validateCard } from '../emulator/index.js';

const zh = translator('zh-CN');
const en = translator('en-US');
const depts = [
  { value: 'd_1', label: '机关' },
  { value: 'd_2', label: '机关 / 办公室' },
];

const cards = {
  roleForm: buildRoleForm(zh, depts),
  roleFormNoDepartments: buildRoleForm(en, []),
  roleDone: buildRoleDoneCard(zh, '已将 张华 设为“财务处”的成员。', cardMention('ou_x')),
  deptForm: buildDeptAddForm(zh, depts),
  deptFormTop: buildDeptAddForm(en, []),
  deptAdded: buildDeptAddedCard(zh, '已添加部门“文秘科”，上级部门：机关 / 办公室。', cardMention('ou_x')),
  deptList: buildDeptListCard(zh, [
    { path: ['机关'], members: 1 },
    { path: ['机关', '办公室'], members: 3 },
  ]),
  deptTree: buildDeptTreeCard(zh, ['机关（1 人）', '├ 办公室（3 人）', '└ 财务处（0 人）']),
  deptMembers: buildDeptMembersCard(zh, {
    name: '办公室',
    path: ['机关', '办公室'],
    leaders: ['李明'],
    members: ['李明', '陈静'],
    chats: [],
  }),
  whoami: buildWhoamiCard(zh, {
    name: '陈静',
    departmentPath: ['机关', '办公室', '文秘科'],
    roles: '成员',
    leads: [],
    language: '简体中文',
    languageIsDefault: true,
  }),
  whoamiEnglish: buildWhoamiCard(en, {
    name: 'Chen',
    departmentPath: null,
    roles: 'leaders',
    leads: ['Office'],
    language: 'English',
    languageIsDefault: false,
  }),
  admins: buildAdminListCard(zh, [
    { name: '王主任', bootstrap: true },
    { name: '周敏', bootstrap: false },
  ]),
};

describe('organisation cards', () => {
  for (const [name, card] of Object.entries(cards)) {
    it(`${name} obeys the card JSON 2.0 rules`, () => {
      expect(validateCard(card)).toEqual([]);
    });
  }

  it('the role form offers a person, the three roles and the departments', () => {
    const text = renderCardText(cards.roleForm);
    expect(text).toMatchSnapshot();
    expect(text).toContain('(领导/监督员/成员)');
    expect(JSON.stringify(cards.roleForm)).toContain('"tag":"select_person"');
    expect(JSON.stringify(cards.roleForm)).toContain('"a":"org.role"');
  });

  it('the add-department form has a name input and a parent select', () => {
    expect(renderCardText(cards.deptForm)).toMatchSnapshot();
    expect(JSON.stringify(cards.deptFormTop)).not.toContain('select_static');
  });

  it('renders whoami and the members list', () => {
    expect(renderCardText(cards.whoami)).toMatchSnapshot();
    expect(renderCardText(cards.deptMembers)).toContain('负责领导：李明');
    expect(renderCardText(cards.deptMembers)).toContain('绑定群聊：暂无');
  });
});

describe('department tree rendering', () => {
  const d = (id: string, name: string, parentId: string | null, ancestors: string[]): DepartmentView => ({
    id,
    name,
    parentId,
    ancestors,
  });
  const all = [
    d('a', '机关', null, []),
    d('b', '办公室', 'a', ['a']),
    d('c', '文秘科', 'b', ['a', 'b']),
    d('e', '档案科', 'b', ['a', 'b']),
    d('f', '财务处', 'a', ['a']),
    d('g', '工会', null, []),
  ];

  it('draws branches with children by name', () => {
    expect(renderTree(buildTree(all), (n) => n.name)).toEqual([
      '工会',
      '机关',
      '├ 办公室',
      '│ ├ 档案科',
      '│ └ 文秘科',
      '└ 财务处',
    ]);
  });

  it('puts a department whose parent is missing at the top', () => {
    const roots = buildTree([d('x', '孤儿科', 'gone', ['gone'])]);
    expect(roots.map((r) => r.name)).toEqual(['孤儿科']);
  });
});
