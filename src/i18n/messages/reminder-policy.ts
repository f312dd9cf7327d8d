/**
 * User-facing strings of `/task policy` (提醒规则): the agency default and per-task reminder
 * policies (zh-CN first, en-US second). Placeholders are {name}.
 */
export const reminderPolicyMessages = {
  'reminderPolicy.summary': {
    'zh-CN': '查看或设置任务提醒规则（单位默认或单项任务）',
    'en-US': 'Show or set the reminder policy (agency default or one task)',
  },
  'reminderPolicy.usage': {
    'zh-CN':
      '/task policy [默认|任务编号] [提前 3,1,0] [时间 09:00] [创建 开|关] [截止 开|关]；/task policy <任务编号> 恢复默认',
    'en-US':
      '/task policy [default|<task id>] [before 3,1,0] [at 09:00] [create on|off] [deadline on|off]; /task policy <task id> reset',
  },
  'reminderPolicy.example': {
    'zh-CN': '/task policy 默认 提前 3,1,0 时间 09:00 创建 开 截止 开',
    'en-US': '/task policy default before 3,1,0 at 09:00 create on deadline on',
  },

  // Describing a policy.
  'reminderPolicy.part.onCreate': { 'zh-CN': '创建时提醒', 'en-US': 'on creation' },
  'reminderPolicy.part.noCreate': { 'zh-CN': '创建时不提醒', 'en-US': 'not on creation' },
  'reminderPolicy.part.before': {
    'zh-CN': '截止前第 {days} 个工作日 {at}',
    'en-US': '{days} workday(s) before at {at}',
  },
  'reminderPolicy.part.beforeAndDay': {
    'zh-CN': '截止前第 {days} 个工作日及当天 {at}',
    'en-US': '{days} workday(s) before and on the due day at {at}',
  },
  'reminderPolicy.part.dueDay': { 'zh-CN': '截止当天 {at}', 'en-US': 'on the due day at {at}' },
  'reminderPolicy.part.noBefore': { 'zh-CN': '截止前不提醒', 'en-US': 'nothing before the due day' },
  'reminderPolicy.part.atDeadline': { 'zh-CN': '截止时提醒', 'en-US': 'at the deadline' },
  'reminderPolicy.part.noDeadline': { 'zh-CN': '截止时不提醒', 'en-US': 'not at the deadline' },
  'reminderPolicy.part.separator': { 'zh-CN': '；', 'en-US': '; ' },
  'reminderPolicy.daySeparator': { 'zh-CN': '、', 'en-US': ', ' },

  // Showing.
  'reminderPolicy.show.default': {
    'zh-CN': '单位默认提醒规则：{policy}。',
    'en-US': 'Agency default reminder policy: {policy}.',
  },
  'reminderPolicy.show.task': {
    'zh-CN': '任务 {id}「{title}」的提醒规则：{policy}（{source}）。',
    'en-US': 'Reminder policy of task {id} "{title}": {policy} ({source}).',
  },
  'reminderPolicy.source.own': { 'zh-CN': '本任务单独设置', 'en-US': 'set for this task' },
  'reminderPolicy.source.default': { 'zh-CN': '按单位默认', 'en-US': 'the agency default' },
  'reminderPolicy.show.hint': {
    'zh-CN':
      '修改单位默认（仅管理员）：/task policy 默认 提前 3,1,0 时间 09:00 创建 开 截止 开\n修改单项任务：/task policy 任务编号 提前 2,0 时间 10:00；恢复默认：/task policy 任务编号 恢复默认',
    'en-US':
      'Change the agency default (admins): /task policy default before 3,1,0 at 09:00 create on deadline on\nOne task: /task policy <id> before 2,0 at 10:00; back to the default: /task policy <id> reset',
  },

  // Done.
  'reminderPolicy.done.default': {
    'zh-CN':
      '已将单位默认提醒规则改为：{policy}。已按新规则重新安排 {count} 项未办结任务的提醒（单独设置了规则的任务不受影响）。',
    'en-US':
      'The agency default reminder policy is now: {policy}. Reminders of {count} open task(s) were re-planned (tasks with their own policy keep it).',
  },
  'reminderPolicy.done.task': {
    'zh-CN': '已将任务 {id} 的提醒规则改为：{policy}。提醒已按新规则重新安排。',
    'en-US': 'The reminder policy of task {id} is now: {policy}. Its reminders were re-planned.',
  },
  'reminderPolicy.done.reset': {
    'zh-CN': '任务 {id} 已恢复按单位默认提醒：{policy}。',
    'en-US': 'Task {id} follows the agency default again: {policy}.',
  },
  'reminderPolicy.unchanged': {
    'zh-CN': '提醒规则没有变化，仍为：{policy}。',
    'en-US': 'Nothing changed; the policy is still: {policy}.',
  },
  'reminderPolicy.history.set': { 'zh-CN': '提醒规则：{policy}', 'en-US': 'Reminder policy: {policy}' },
  'reminderPolicy.history.reset': {
    'zh-CN': '提醒规则恢复单位默认',
    'en-US': 'Reminder policy: agency default',
  },
  'task.action.policy': { 'zh-CN': '修改提醒规则', 'en-US': 'Reminder policy' },

  // Errors: each says what to type.
  'reminderPolicy.err.target': {
    'zh-CN':
      '请写明要设置单位默认还是某项任务，例如：/task policy 默认 提前 3,1,0 时间 09:00，或 /task policy T1234 提前 2,0',
    'en-US':
      'Say whether you set the agency default or one task, e.g. /task policy default before 3,1,0 at 09:00, or /task policy T1234 before 2,0',
  },
  'reminderPolicy.err.unknownWord': {
    'zh-CN':
      '看不懂“{word}”。请按格式输入，例如：/task policy T1234 提前 3,1,0 时间 09:00 创建 开 截止 开（可只写要改的部分）',
    'en-US':
      'Cannot read "{word}". Write e.g. /task policy T1234 before 3,1,0 at 09:00 create on deadline on (only the parts to change)',
  },
  'reminderPolicy.err.missingValue': {
    'zh-CN': '“{word}”后面请写上取值，例如：{example}',
    'en-US': 'Please give a value after "{word}", e.g. {example}',
  },
  'reminderPolicy.err.badTime': {
    'zh-CN': '提醒时间“{input}”有误，请写 00:00–23:59 之间的时间，例如：时间 09:00',
    'en-US': 'The time "{input}" is not valid; use 00:00–23:59, e.g. at 09:00',
  },
  'reminderPolicy.err.badDays': {
    'zh-CN':
      '“{input}”有误：提前的工作日须是 0–30 之间的整数（0 表示截止当天），用逗号分隔，例如：提前 3,1,0',
    'en-US':
      '"{input}" is not valid: workdays before are whole numbers 0–30 (0 = the due day), comma-separated, e.g. before 3,1,0',
  },
  'reminderPolicy.err.tooManyDays': {
    'zh-CN': '提前的工作日最多写 10 个（您写了 {count} 个），例如：提前 5,3,1,0',
    'en-US': 'At most 10 workdays before (you gave {count}), e.g. before 5,3,1,0',
  },
  'reminderPolicy.err.badSwitch': {
    'zh-CN': '“{word}”后面请写“开”或“关”，例如：{word} 开',
    'en-US': 'After "{word}" write on or off, e.g. {word} on',
  },
  'reminderPolicy.err.resetAlone': {
    'zh-CN': '“恢复默认”需单独使用并写明任务编号，例如：/task policy T1234 恢复默认',
    'en-US': '"reset" goes alone after a task id, e.g. /task policy T1234 reset',
  },
  'reminderPolicy.err.notFound': {
    'zh-CN': '没有找到编号为 {id} 的任务，请检查编号（发送 /task list 查看任务列表）。',
    'en-US': 'No task {id}. Check the id (send /task list to see tasks).',
  },
  'reminderPolicy.err.forbiddenDefault': {
    'zh-CN':
      '抱歉，只有管理员可以修改单位默认提醒规则。如需调整某项任务的提醒，请用 /task policy 任务编号 提前 2,0。',
    'en-US':
      'Sorry, only admins can change the agency default. For one task use /task policy <id> before 2,0.',
  },
  'reminderPolicy.err.forbiddenTask': {
    'zh-CN': '抱歉，只有任务的布置人、督办领导、所在部门的分管领导或管理员可以修改该任务的提醒规则。',
    'en-US':
      "Sorry, only the task's creator, its supervising leader, its department's leader or an admin can change its reminders.",
  },
  'reminderPolicy.err.hidden': {
    'zh-CN': '抱歉，您无权查看任务 {id}。',
    'en-US': 'Sorry, you may not see task {id}.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
