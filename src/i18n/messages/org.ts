/** User-facing strings of the org features (zh-CN first, en-US second). Placeholders are {name}. */
export const orgMessages = {
  // ── shared ──
  'org.none': { 'zh-CN': '暂无', 'en-US': 'none' },
  'org.doneBy': { 'zh-CN': '{text}\n（操作人：{actor}）', 'en-US': '{text}\n(by {actor})' },
  'org.args.user': {
    'zh-CN': '每次只能设置一位同事，请只 @ 一位后重新发送。',
    'en-US': 'One person at a time, please: @ just one and send it again.',
  },
  'org.dept.nameInvalid': {
    'zh-CN':
      '部门名称需为 1–40 个字，不能包含 @、斜杠或换行；名称中有空格时请加引号。例如：/dept add 办公室 机关',
    'en-US':
      'A department name is 1–40 characters without @, slashes or line breaks; quote names with spaces, e.g. /dept add "General Office" Agency',
  },

  // ── refusals (org.refusal.<code>) ──
  'org.refusal.busy': {
    'zh-CN': '其他同事正在调整组织架构，请稍后再试。',
    'en-US': 'Someone else is changing the organisation right now; please try again in a moment.',
  },
  'org.refusal.dept_not_found': {
    'zh-CN': '没有找到部门“{name}”。请发送 /dept list 查看已有部门，或先用 /dept add {name} 添加。',
    'en-US':
      'There is no department "{name}". Send /dept list to see the departments, or add it with /dept add {name}.',
  },
  'org.refusal.parent_not_found': {
    'zh-CN': '没有找到上级部门“{name}”。请发送 /dept list 查看已有部门。',
    'en-US': 'There is no parent department "{name}". Send /dept list to see the departments.',
  },
  'org.refusal.name_taken': {
    'zh-CN': '已有名为“{name}”的部门，部门名称不能重复，请换一个名称。',
    'en-US': 'A department named "{name}" already exists; please choose another name.',
  },
  'org.refusal.not_empty': {
    'zh-CN':
      '部门“{name}”下还有 {children} 个下级部门、{members} 名成员、{leaders} 位负责领导、{chats} 个绑定群聊，请先调整后再删除。',
    'en-US':
      '"{name}" still has {children} sub-departments, {members} members, {leaders} leaders and {chats} bound chats; move them first.',
  },
  'org.refusal.cycle': {
    'zh-CN': '不能把“{name}”移到“{parent}”下：上级部门不能是它自己或它的下级部门。',
    'en-US':
      'Cannot move "{name}" under "{parent}": a department cannot sit under itself or its own sub-departments.',
  },
  'org.refusal.scope_add': {
    'zh-CN': '抱歉，您只能在自己分管的部门下添加或移入部门。如需调整，请联系管理员。',
    'en-US': 'Sorry, you can only add or move departments under the ones you lead. Please ask an admin.',
  },
  'org.refusal.scope_dept': {
    'zh-CN': '抱歉，“{name}”不在您分管的部门之下，您无权调整。如需调整，请联系管理员。',
    'en-US': 'Sorry, "{name}" is not under a department you lead. Please ask an admin.',
  },
  'org.refusal.scope_chat': {
    'zh-CN': '抱歉，“{name}”不是您分管的部门，无法将本群绑定到该部门。如需绑定，请联系管理员。',
    'en-US': 'Sorry, you do not lead "{name}", so you cannot bind this group to it. Please ask an admin.',
  },
  'org.refusal.scope_chat_current': {
    'zh-CN': '抱歉，本群目前绑定在“{previous}”，不在您分管的范围内，无法改绑。请联系管理员。',
    'en-US': 'Sorry, this group is bound to "{previous}", which you do not lead. Please ask an admin.',
  },
  'org.refusal.scope_member': {
    'zh-CN': '抱歉，“{department}”不是您分管的部门，您只能在自己分管的部门内设置成员。',
    'en-US': 'Sorry, you do not lead "{department}"; you can only assign members within your departments.',
  },
  'org.refusal.target_outside': {
    'zh-CN': '抱歉，这位同事目前属于或分管“{department}”，不在您分管的范围内。请联系管理员调整。',
    'en-US':
      'Sorry, this person belongs to or leads "{department}", outside your departments. Please ask an admin.',
  },
  'org.refusal.target_supervisor': {
    'zh-CN': '这位同事是特邀监督员，调整其角色需由管理员操作。',
    'en-US': 'This person is a supervisor; only an admin can change their role.',
  },
  'org.refusal.need_dept': {
    'zh-CN': '请写明部门，例如：/role leader @张三 办公室',
    'en-US': 'Please name the department, e.g. /role leader @Zhang General Office',
  },
  'org.refusal.admin_only': {
    'zh-CN': '抱歉，设置负责领导或特邀监督员仅限管理员操作。',
    'en-US': 'Sorry, only admins can appoint leaders and supervisors.',
  },
  'org.refusal.not_admin': {
    'zh-CN': '这位同事不是管理员，无需移除。发送 /admin list 查看管理员。',
    'en-US': 'This person is not an admin. Send /admin list to see the admins.',
  },
  'org.refusal.bootstrap_admin': {
    'zh-CN': '这位管理员由系统配置（BOT_ADMINS）指定，不能通过命令移除；如需移除，请修改系统配置。',
    'en-US':
      'This admin comes from the BOT_ADMINS setting and cannot be removed by command; change the setting instead.',
  },
  'org.refusal.last_admin': {
    'zh-CN': '不能移除最后一位管理员。请先用 /admin add @同事 添加新的管理员。',
    'en-US': 'The last admin cannot be removed. Add another admin first with /admin add @someone.',
  },

  // ── /admin ──
  'org.admin.add.summary': { 'zh-CN': '添加管理员', 'en-US': 'Make someone an admin' },
  'org.admin.add.usage': { 'zh-CN': '/admin add @同事', 'en-US': '/admin add @person' },
  'org.admin.add.example': { 'zh-CN': '/admin add @张三', 'en-US': '/admin add @Zhang' },
  'org.admin.remove.summary': {
    'zh-CN': '移除管理员（不能移除最后一位）',
    'en-US': 'Remove an admin (never the last one)',
  },
  'org.admin.remove.usage': { 'zh-CN': '/admin remove @同事', 'en-US': '/admin remove @person' },
  'org.admin.remove.example': { 'zh-CN': '/admin remove @张三', 'en-US': '/admin remove @Zhang' },
  'org.admin.list.summary': { 'zh-CN': '查看管理员', 'en-US': 'List the admins' },
  'org.admin.list.usage': { 'zh-CN': '/admin list', 'en-US': '/admin list' },
  'org.admin.added': { 'zh-CN': '已将 {name} 设为管理员。', 'en-US': '{name} is now an admin.' },
  'org.admin.already': {
    'zh-CN': '{name} 已经是管理员，无需重复设置。',
    'en-US': '{name} is already an admin.',
  },
  'org.admin.removed': { 'zh-CN': '已取消 {name} 的管理员身份。', 'en-US': '{name} is no longer an admin.' },
  'org.admin.listTitle': { 'zh-CN': '管理员（{count} 位）', 'en-US': 'Admins ({count})' },
  'org.admin.bootstrapNote': {
    'zh-CN': '{name}（系统配置，不可通过命令移除）',
    'en-US': '{name} (from BOT_ADMINS; cannot be removed by command)',
  },

  // ── /role ──
  'org.role.form.summary': { 'zh-CN': '打开设置角色的表单', 'en-US': 'Open the role form' },
  'org.role.form.usage': { 'zh-CN': '/role', 'en-US': '/role' },
  'org.role.leader.summary': {
    'zh-CN': '设为部门负责领导（没有部门的同时加入该部门）',
    'en-US': 'Make someone head of a department (and a member if they have none)',
  },
  'org.role.leader.usage': {
    'zh-CN': '/role leader @同事 <部门>',
    'en-US': '/role leader @person <department>',
  },
  'org.role.leader.example': {
    'zh-CN': '/role leader @张三 办公室',
    'en-US': '/role leader @Zhang General Office',
  },
  'org.role.supervisor.summary': {
    'zh-CN': '设为特邀监督员',
    'en-US': 'Make someone a supervisor (特邀监督员)',
  },
  'org.role.supervisor.usage': {
    'zh-CN': '/role supervisor @同事 [部门]',
    'en-US': '/role supervisor @person [department]',
  },
  'org.role.supervisor.example': { 'zh-CN': '/role supervisor @李四', 'en-US': '/role supervisor @Li' },
  'org.role.member.summary': {
    'zh-CN': '设为普通成员（取消领导、监督员身份）并分配部门',
    'en-US': 'Make someone a plain member (no longer leader or supervisor) of a department',
  },
  'org.role.member.usage': {
    'zh-CN': '/role member @同事 [部门]',
    'en-US': '/role member @person [department]',
  },
  'org.role.member.example': {
    'zh-CN': '/role member @王五 文秘科',
    'en-US': '/role member @Wang Secretariat',
  },
  'org.role.usageAll': {
    'zh-CN':
      '命令格式不对。用法：\n/role leader @同事 <部门>\n/role supervisor @同事 [部门]\n/role member @同事 [部门]\n或只发送 /role 打开表单。',
    'en-US':
      'That command is not quite right. Usage:\n/role leader @person <department>\n/role supervisor @person [department]\n/role member @person [department]\nor just /role for a form.',
  },
  'org.role.leaderDone': {
    'zh-CN': '已将 {name} 设为“{department}”的负责领导。',
    'en-US': '{name} now heads "{department}".',
  },
  'org.role.supervisorDone': {
    'zh-CN': '已将 {name} 设为特邀监督员。',
    'en-US': '{name} is now a supervisor.',
  },
  'org.role.memberDone': {
    'zh-CN': '已将 {name} 设为“{department}”的成员。',
    'en-US': '{name} is now a member of "{department}".',
  },
  'org.role.memberDoneNoDept': {
    'zh-CN': '已将 {name} 设为普通成员。',
    'en-US': '{name} is now a plain member.',
  },
  'org.role.unchanged': {
    'zh-CN': '{name} 的角色和部门没有变化，无需重复设置。',
    'en-US': "{name}'s role and department are already like that.",
  },
  'org.role.formTitle': { 'zh-CN': '设置人员角色', 'en-US': 'Set a role' },
  'org.role.formIntro': {
    'zh-CN': '选择人员和角色；设为负责领导时须选择部门，设为成员时可选择部门。',
    'en-US': 'Choose a person and a role; a leader needs a department, a member may get one.',
  },
  'org.role.formPerson': { 'zh-CN': '选择人员', 'en-US': 'Choose a person' },
  'org.role.formRole': { 'zh-CN': '选择角色', 'en-US': 'Choose a role' },
  'org.role.formDept': { 'zh-CN': '选择部门（可选）', 'en-US': 'Choose a department (optional)' },
  'org.role.formSubmit': { 'zh-CN': '确认设置', 'en-US': 'Apply' },
  'org.role.optionLeader': { 'zh-CN': '领导', 'en-US': 'Leader' },
  'org.role.optionSupervisor': { 'zh-CN': '监督员', 'en-US': 'Supervisor' },
  'org.role.optionMember': { 'zh-CN': '成员', 'en-US': 'Member' },
  'org.role.formMissing': {
    'zh-CN': '请先选择人员和角色，再点击“确认设置”。',
    'en-US': 'Please choose a person and a role, then press Apply.',
  },

  // ── /dept ──
  'org.dept.add.summary': {
    'zh-CN': '添加部门（可写上级部门）；不带参数时打开表单',
    'en-US': 'Add a department (optionally under a parent); without arguments opens a form',
  },
  'org.dept.add.usage': { 'zh-CN': '/dept add <名称> [上级部门]', 'en-US': '/dept add <name> [parent]' },
  'org.dept.add.example': {
    'zh-CN': '/dept add 文秘科 办公室',
    'en-US': '/dept add Secretariat "General Office"',
  },
  'org.dept.rename.summary': { 'zh-CN': '部门改名', 'en-US': 'Rename a department' },
  'org.dept.rename.usage': { 'zh-CN': '/dept rename <旧名> <新名>', 'en-US': '/dept rename <old> <new>' },
  'org.dept.rename.example': {
    'zh-CN': '/dept rename 财务处 计划财务处',
    'en-US': '/dept rename Finance "Planning and Finance"',
  },
  'org.dept.remove.summary': {
    'zh-CN': '删除部门（须没有下级部门、成员、领导和绑定群聊）',
    'en-US': 'Remove a department (it must have no sub-departments, members, leaders or bound chats)',
  },
  'org.dept.remove.usage': { 'zh-CN': '/dept remove <名称>', 'en-US': '/dept remove <name>' },
  'org.dept.remove.example': { 'zh-CN': '/dept remove 文秘科', 'en-US': '/dept remove Secretariat' },
  'org.dept.move.summary': {
    'zh-CN': '把部门移到另一个上级部门下（上级写“无”则设为顶级）',
    'en-US': 'Move a department under another parent ("none" makes it top level)',
  },
  'org.dept.move.usage': {
    'zh-CN': '/dept move <名称> <新上级部门|无>',
    'en-US': '/dept move <name> <new parent|none>',
  },
  'org.dept.move.example': { 'zh-CN': '/dept move 文秘科 财务处', 'en-US': '/dept move Secretariat Finance' },
  'org.dept.list.summary': { 'zh-CN': '查看全部部门', 'en-US': 'List the departments' },
  'org.dept.list.usage': { 'zh-CN': '/dept list', 'en-US': '/dept list' },
  'org.dept.tree.summary': { 'zh-CN': '查看组织架构树', 'en-US': 'Show the department tree' },
  'org.dept.tree.usage': { 'zh-CN': '/dept tree', 'en-US': '/dept tree' },
  'org.dept.members.summary': {
    'zh-CN': '查看部门的领导和成员',
    'en-US': "List a department's leaders and members",
  },
  'org.dept.members.usage': { 'zh-CN': '/dept members <部门>', 'en-US': '/dept members <department>' },
  'org.dept.members.example': { 'zh-CN': '/dept members 办公室', 'en-US': '/dept members "General Office"' },
  'org.dept.added': {
    'zh-CN': '已添加部门“{name}”，上级部门：{parent}。',
    'en-US': 'Added "{name}" under {parent}.',
  },
  'org.dept.addedTop': {
    'zh-CN': '已添加顶级部门“{name}”。',
    'en-US': 'Added the top-level department "{name}".',
  },
  'org.dept.renamed': { 'zh-CN': '已将部门“{old}”改名为“{name}”。', 'en-US': 'Renamed "{old}" to "{name}".' },
  'org.dept.renameUnchanged': { 'zh-CN': '部门名称没有变化。', 'en-US': 'The name is unchanged.' },
  'org.dept.removed': { 'zh-CN': '已删除部门“{name}”。', 'en-US': 'Removed "{name}".' },
  'org.dept.moved': {
    'zh-CN': '已将“{name}”移到“{parent}”下。',
    'en-US': 'Moved "{name}" under "{parent}".',
  },
  'org.dept.movedTop': {
    'zh-CN': '已将“{name}”设为顶级部门。',
    'en-US': '"{name}" is now a top-level department.',
  },
  'org.dept.moveUnchanged': {
    'zh-CN': '“{name}”已在该位置，无需移动。',
    'en-US': '"{name}" is already there.',
  },
  'org.dept.listTitle': { 'zh-CN': '部门列表（{count} 个）', 'en-US': 'Departments ({count})' },
  'org.dept.listItem': { 'zh-CN': '{path}　{members} 人', 'en-US': '{path}: {members} people' },
  'org.dept.empty': {
    'zh-CN': '还没有任何部门。管理员可发送 /dept add 部门名 添加，例如：/dept add 机关',
    'en-US': 'There are no departments yet. Admins can add one with /dept add <name>, e.g. /dept add Agency',
  },
  'org.dept.treeTitle': { 'zh-CN': '组织架构', 'en-US': 'Department tree' },
  'org.dept.treeItem': { 'zh-CN': '{name}（{members} 人）', 'en-US': '{name} ({members})' },
  'org.dept.membersTitle': { 'zh-CN': '{name} · 人员', 'en-US': '{name} · people' },
  'org.dept.membersPath': { 'zh-CN': '所属：{path}', 'en-US': 'Path: {path}' },
  'org.dept.membersLeaders': { 'zh-CN': '负责领导：{names}', 'en-US': 'Leaders: {names}' },
  'org.dept.membersList': { 'zh-CN': '成员（{count} 人）：{names}', 'en-US': 'Members ({count}): {names}' },
  'org.dept.membersChats': { 'zh-CN': '绑定群聊：{names}', 'en-US': 'Bound chats: {names}' },
  'org.dept.formTitle': { 'zh-CN': '添加部门', 'en-US': 'Add a department' },
  'org.dept.formName': { 'zh-CN': '部门名称', 'en-US': 'Department name' },
  'org.dept.formNamePlaceholder': { 'zh-CN': '例如：文秘科', 'en-US': 'e.g. Secretariat' },
  'org.dept.formParent': {
    'zh-CN': '上级部门（不选则为顶级部门）',
    'en-US': 'Parent (leave empty for top level)',
  },
  'org.dept.formSubmit': { 'zh-CN': '确认添加', 'en-US': 'Add' },

  // ── /whoami ──
  'org.whoami.summary': {
    'zh-CN': '查看我的姓名、部门、身份和语言',
    'en-US': 'Show my name, department, roles and language',
  },
  'org.whoami.usage': { 'zh-CN': '/whoami', 'en-US': '/whoami' },
  'org.whoami.title': { 'zh-CN': '我的信息', 'en-US': 'About me' },
  'org.whoami.name': { 'zh-CN': '姓名：{name}', 'en-US': 'Name: {name}' },
  'org.whoami.department': { 'zh-CN': '部门：{path}', 'en-US': 'Department: {path}' },
  'org.whoami.noDepartment': {
    'zh-CN': '部门：尚未分配（请联系管理员或分管领导设置）',
    'en-US': 'Department: not assigned yet (ask an admin or your leader)',
  },
  'org.whoami.roles': { 'zh-CN': '身份：{roles}', 'en-US': 'Roles: {roles}' },
  'org.whoami.leads': { 'zh-CN': '分管部门：{names}', 'en-US': 'Leads: {names}' },
  'org.whoami.language': { 'zh-CN': '语言：{language}', 'en-US': 'Language: {language}' },
  'org.whoami.languageDefault': {
    'zh-CN': '语言：{language}（跟随机构设置）',
    'en-US': 'Language: {language} (the agency default)',
  },
  'org.lang.zh-CN': { 'zh-CN': '简体中文', 'en-US': 'Simplified Chinese' },
  'org.lang.en-US': { 'zh-CN': '英文', 'en-US': 'English' },

  // ── /chat bind with departments ──
  'org.chat.formIntro': {
    'zh-CN': '请选择本群服务的部门：',
    'en-US': 'Choose the department this group serves:',
  },
  'org.chat.formSelect': { 'zh-CN': '选择部门', 'en-US': 'Choose a department' },
  'org.chat.noDepartments': {
    'zh-CN': '还没有可绑定的部门。请先发送 /dept add 部门名 添加部门，再发送 /chat bind 部门名。',
    'en-US':
      'There is no department to bind yet. Add one with /dept add <name>, then send /chat bind <name>.',
  },
  'org.chat.formMissing': {
    'zh-CN': '请先选择部门，再点击“确认绑定”。',
    'en-US': 'Please choose a department, then press Bind.',
  },
  'org.chat.listItem': { 'zh-CN': '{name} → {department}', 'en-US': '{name} → {department}' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
