/** User-facing strings of the task features (zh-CN first, en-US second). Placeholders are {name}. */
export const taskMessages = {
  // Errors returned by the task domain (src/domain/tasks.ts): each says what to type.
  'task.err.titleMissing': {
    'zh-CN': '请填写任务标题，例如：/task add 整改台账 @张三 截止 2026-12-05 18:00',
    'en-US': 'Please give the task a title, e.g. /task add Ledger @Zhang 截止 2026-12-05 18:00',
  },
  'task.err.titleTooLong': {
    'zh-CN': '任务标题太长（最多 {max} 个字），请精简后重新输入。',
    'en-US': 'The title is too long (at most {max} characters). Please shorten it.',
  },
  'task.err.ownerMissing': {
    'zh-CN': '请用 @ 指定至少一位负责人，例如：/task add 整改台账 @张三 截止 2026-12-05 18:00',
    'en-US': 'Please @ at least one owner, e.g. /task add Ledger @Zhang 截止 2026-12-05 18:00',
  },
  'task.err.ownerUnknown': {
    'zh-CN': '找不到负责人“{name}”。请输入 @ 后从列表中选择同事（不要直接输入姓名）。',
    'en-US': 'Unknown owner "{name}". Type @ and pick the colleague from the list (do not type the name).',
  },
  'task.err.ownerOutside': {
    'zh-CN': '抱歉，{name} 不在您分管的部门内。分管领导只能给本部门（含下属科室）的同事布置任务。',
    'en-US':
      'Sorry, {name} is not in a department you lead. Leaders assign tasks within their departments only.',
  },
  'task.err.leaderUnknown': {
    'zh-CN': '督办领导“{name}”无法识别，请输入“督办 @领导”并从列表中选择。',
    'en-US': 'Unknown supervising leader "{name}". Type 督办 @leader and pick from the list.',
  },
  'task.err.deadlineMissing': {
    'zh-CN': '请填写截止时间，例如：截止 2026-12-05 18:00',
    'en-US': 'Please give a deadline, e.g. 截止 2026-12-05 18:00',
  },
  'task.err.badDate': {
    'zh-CN': '截止时间有误：{message}',
    'en-US': 'The deadline is not valid: {message}',
  },
  'task.err.deadlinePast': {
    'zh-CN': '截止时间 {deadline} 已经过去，请填写一个将来的时间，例如：截止 {example}',
    'en-US': 'The deadline {deadline} has passed. Please give a future time, e.g. 截止 {example}',
  },
  'task.err.forbiddenCreate': {
    'zh-CN': '抱歉，只有管理员和分管领导可以布置任务。',
    'en-US': 'Sorry, only admins and leaders can create tasks.',
  },
  'task.err.notFound': {
    'zh-CN': '找不到任务 {id}，请检查编号（发送 /task list 查看任务列表）。',
    'en-US': 'No task {id}. Check the id (send /task list to see tasks).',
  },
  'task.err.closed': {
    'zh-CN': '任务 {id} 已销号办结，无需再操作。',
    'en-US': 'Task {id} is already closed.',
  },
  'task.err.cancelled': {
    'zh-CN': '任务 {id} 已撤销，无法再操作。',
    'en-US': 'Task {id} was cancelled.',
  },
  'task.err.notOwner': {
    'zh-CN': '抱歉，这一项只有该任务的负责人本人可以操作。',
    'en-US': 'Sorry, only the owner of this task can do that.',
  },
  'task.err.notApprover': {
    'zh-CN': '抱歉，只有任务的布置人或督办领导可以审核销号。',
    'en-US': 'Sorry, only the creator or the supervising leader can review close-outs.',
  },
  'task.err.noApproval': {
    'zh-CN': '该任务销号无需审核，提交即视为完成。',
    'en-US': 'This task needs no review: a submission completes it.',
  },
  'task.err.alreadyHandled': {
    'zh-CN': '已处理，无需重复操作。',
    'en-US': 'Already handled; no need to do it again.',
  },
  'task.err.badState': {
    'zh-CN': '您的当前状态是“{state}”，不能执行“{action}”。',
    'en-US': 'Your current status is "{state}"; "{action}" is not possible now.',
  },
  'task.err.noteMissing': {
    'zh-CN': '请填写完成说明后再提交销号。',
    'en-US': 'Please describe what was done before submitting.',
  },
  'task.err.reasonMissing': {
    'zh-CN': '请填写退回原因。',
    'en-US': 'Please give a reason for returning it.',
  },
  'task.err.forbiddenManage': {
    'zh-CN': '抱歉，只有任务的布置人、督办领导或管理员可以修改或撤销任务。',
    'en-US': 'Sorry, only the creator, the supervising leader or an admin can edit or cancel a task.',
  },
  'task.err.editNothing': {
    'zh-CN':
      '没有需要修改的内容。用法：/task edit <任务编号> 截止 <时间> 或 /task edit <任务编号> 负责人 @同事…',
    'en-US': 'Nothing to change. Usage: /task edit <id> 截止 <time> or /task edit <id> 负责人 @colleague…',
  },
  'task.err.chatUnknown': {
    'zh-CN': '所选群聊不可用（机器人不在群中或群未绑定部门），请重新选择。',
    'en-US':
      'The chosen group is not available (the bot is not in it or it is not bound). Please choose again.',
  },

  // States, categories and actions.
  'task.state.pending': { 'zh-CN': '未确认', 'en-US': 'Not confirmed' },
  'task.state.confirmed': { 'zh-CN': '已确认', 'en-US': 'Confirmed' },
  'task.state.submitted': { 'zh-CN': '已提交', 'en-US': 'Submitted' },
  'task.state.approved': { 'zh-CN': '已销号', 'en-US': 'Closed out' },
  'task.state.open': { 'zh-CN': '进行中', 'en-US': 'Open' },
  'task.state.closed': { 'zh-CN': '已销号', 'en-US': 'Closed' },
  'task.state.closedNoApproval': { 'zh-CN': '已完成', 'en-US': 'Completed' },
  'task.state.cancelled': { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
  'task.category.create': { 'zh-CN': '创建任务', 'en-US': 'Campaign task' },
  'task.category.rectify': { 'zh-CN': '整改任务', 'en-US': 'Rectification' },
  'task.category.key': { 'zh-CN': '重点工作', 'en-US': 'Key work' },
  'task.category.other': { 'zh-CN': '其他', 'en-US': 'Other' },
  'task.action.confirm': { 'zh-CN': '确认收到', 'en-US': 'Confirm' },
  'task.action.submit': { 'zh-CN': '提交销号', 'en-US': 'Submit' },
  'task.action.approve': { 'zh-CN': '通过', 'en-US': 'Approve' },
  'task.action.return': { 'zh-CN': '退回', 'en-US': 'Return' },
  'task.action.create': { 'zh-CN': '创建', 'en-US': 'Created' },
  'task.action.edit': { 'zh-CN': '修改', 'en-US': 'Edited' },
  'task.action.cancel': { 'zh-CN': '撤销', 'en-US': 'Cancelled' },
  'task.action.close': { 'zh-CN': '办结', 'en-US': 'Closed' },
  // The create form.
  'task.form.cardTitle': { 'zh-CN': '布置任务', 'en-US': 'New task' },
  'task.form.intro': {
    'zh-CN': '填写任务信息后点击“布置任务”。负责人可选多位；截止时间按本机关时区计算。',
    'en-US':
      'Fill in the task and press Create. Several owners are allowed; the deadline uses the agency time zone.',
  },
  'task.form.title': { 'zh-CN': '任务标题', 'en-US': 'Title' },
  'task.form.titleHint': { 'zh-CN': '例如：完成廉政风险点排查', 'en-US': 'e.g. Review integrity risks' },
  'task.form.description': { 'zh-CN': '任务说明（选填）', 'en-US': 'Description (optional)' },
  'task.form.descriptionHint': { 'zh-CN': '工作要求、材料清单等', 'en-US': 'Requirements, materials, …' },
  'task.form.category': { 'zh-CN': '任务类别', 'en-US': 'Category' },
  'task.form.owners': { 'zh-CN': '选择负责人（可多选）', 'en-US': 'Owners (one or more)' },
  'task.form.deadline': { 'zh-CN': '截止时间', 'en-US': 'Deadline' },
  'task.form.leader': { 'zh-CN': '督办领导（选填）', 'en-US': 'Supervising leader (optional)' },
  'task.form.chat': { 'zh-CN': '发布到群聊（选填，不选则单独通知）', 'en-US': 'Post to group (optional)' },
  'task.form.approval': { 'zh-CN': '销号需审核', 'en-US': 'Close-out needs review' },
  'task.form.submit': { 'zh-CN': '布置任务', 'en-US': 'Create' },
  'task.form.ownersMissing': {
    'zh-CN': '请在“选择负责人”中至少选一位同事。',
    'en-US': 'Please pick at least one owner.',
  },
  'task.form.deadlineMissing': {
    'zh-CN': '请选择截止时间。',
    'en-US': 'Please pick a deadline.',
  },

  // Answers.
  'task.created': {
    'zh-CN': '已布置任务 {id}“{title}”，截止 {deadline}，负责人：{owners}。',
    'en-US': 'Task {id} "{title}" created, due {deadline}; owners: {owners}.',
  },
  'task.createdWhere': {
    'zh-CN': '任务卡片已发到群聊。',
    'en-US': 'The task card was posted to the group.',
  },
  'task.createdP2p': {
    'zh-CN': '任务卡片已单独发给各负责人。',
    'en-US': 'The task card was sent to each owner.',
  },
  'task.done.confirm': { 'zh-CN': '已确认收到任务。', 'en-US': 'Confirmed.' },
  'task.done.submit': { 'zh-CN': '已提交销号，请等待审核。', 'en-US': 'Submitted for review.' },
  'task.done.submitNoApproval': { 'zh-CN': '已提交，任务完成。', 'en-US': 'Submitted; done.' },
  'task.done.approve': { 'zh-CN': '已通过 {name} 的销号。', 'en-US': "Approved {name}'s close-out." },
  'task.done.return': { 'zh-CN': '已退回 {name} 的销号申请。', 'en-US': "Returned {name}'s submission." },
  'task.done.closed': { 'zh-CN': '任务 {id} 已全部销号，办结。', 'en-US': 'Task {id} is closed out.' },
  'task.cancelled': { 'zh-CN': '已撤销任务 {id}“{title}”。', 'en-US': 'Task {id} "{title}" cancelled.' },
  'task.edited.deadline': {
    'zh-CN': '已将任务 {id} 的截止时间改为 {deadline}。',
    'en-US': 'Task {id} is now due {deadline}.',
  },
  'task.edited.owners': {
    'zh-CN': '已更新任务 {id} 的负责人：{owners}。',
    'en-US': 'Task {id} owners are now: {owners}.',
  },
  'task.notice.returned': {
    'zh-CN': '您在任务 {id}“{title}”的销号申请被退回，原因：{reason}。请修改后重新提交销号。',
    'en-US': 'Your submission for task {id} "{title}" was returned: {reason}. Please resubmit.',
  },

  // The task card.
  'task.card.title': { 'zh-CN': '【任务 {id}】{title}', 'en-US': '[Task {id}] {title}' },
  'task.card.category': { 'zh-CN': '**类别**：{category}', 'en-US': '**Category**: {category}' },
  'task.card.deadline': { 'zh-CN': '**截止**：{deadline}{left}', 'en-US': '**Due**: {deadline}{left}' },
  'task.card.daysLeft': { 'zh-CN': '（剩余 {days} 个工作日）', 'en-US': ' ({days} workdays left)' },
  'task.card.dueToday': { 'zh-CN': '（今日到期）', 'en-US': ' (due today)' },
  'task.card.overdue': { 'zh-CN': '（已逾期 {days} 个工作日）', 'en-US': ' ({days} workdays overdue)' },
  'task.card.creator': { 'zh-CN': '**布置人**：{name}', 'en-US': '**Created by**: {name}' },
  'task.card.leader': { 'zh-CN': '**督办领导**：{name}', 'en-US': '**Supervisor**: {name}' },
  'task.card.status': { 'zh-CN': '**状态**：{state}', 'en-US': '**Status**: {state}' },
  'task.card.owner': { 'zh-CN': '· {name}：{state}', 'en-US': '· {name}: {state}' },
  'task.card.returned': { 'zh-CN': '（已退回：{reason}）', 'en-US': ' (returned: {reason})' },
  'task.card.note': { 'zh-CN': '（完成说明：{note}）', 'en-US': ' (note: {note})' },
  'task.card.noOwners': { 'zh-CN': '暂无负责人', 'en-US': 'No owners' },
  'task.card.noteLabel': { 'zh-CN': '完成说明', 'en-US': 'What was done' },
  'task.card.noteHint': {
    'zh-CN': '简要说明完成情况（必填）',
    'en-US': 'Briefly describe the result (required)',
  },
  'task.card.reviewOf': { 'zh-CN': '**审核 {name} 的销号**', 'en-US': "**Review {name}'s close-out**" },
  'task.card.reasonLabel': { 'zh-CN': '退回原因（退回时必填）', 'en-US': 'Reason (required to return)' },
  'task.card.reasonHint': { 'zh-CN': '例如：缺少佐证材料', 'en-US': 'e.g. evidence missing' },
  'task.card.history': { 'zh-CN': '**办理记录**', 'en-US': '**History**' },
  'task.card.footer': {
    'zh-CN': '负责人点“确认收到”“提交销号”；布置人或督办领导审核。',
    'en-US': 'Owners confirm and submit; the creator or supervising leader reviews.',
  },
  'task.history.line': { 'zh-CN': '{at} {actor} {action}{detail}', 'en-US': '{at} {actor} {action}{detail}' },
  'task.history.owner': { 'zh-CN': '（{owner}）', 'en-US': ' ({owner})' },
  'task.history.note': { 'zh-CN': '：{note}', 'en-US': ': {note}' },

  // The list.
  'task.list.titleMine': { 'zh-CN': '我的任务（{count} 项）', 'en-US': 'My tasks ({count})' },
  'task.list.titleOpen': { 'zh-CN': '进行中的任务（{count} 项）', 'en-US': 'Open tasks ({count})' },
  'task.list.titleAll': { 'zh-CN': '全部任务（{count} 项）', 'en-US': 'All tasks ({count})' },
  'task.list.titleOverdue': { 'zh-CN': '逾期任务（{count} 项）', 'en-US': 'Overdue tasks ({count})' },
  'task.list.titleDept': {
    'zh-CN': '{department} 的任务（{count} 项）',
    'en-US': 'Tasks of {department} ({count})',
  },
  'task.list.row': {
    'zh-CN': '**{id}** {title} · 截止 {deadline} · {state} · 完成 {progress}',
    'en-US': '**{id}** {title} · due {deadline} · {state} · done {progress}',
  },
  'task.list.rowOverdue': {
    'zh-CN': '**{id}** {title} · 截止 {deadline} · <font color="red">已逾期</font> · 完成 {progress}',
    'en-US': '**{id}** {title} · due {deadline} · <font color="red">overdue</font> · done {progress}',
  },
  'task.list.empty': { 'zh-CN': '暂无任务。', 'en-US': 'No tasks.' },
  'task.list.more': { 'zh-CN': '另有 {count} 项未显示。', 'en-US': '{count} more not shown.' },
  'task.list.hint': {
    'zh-CN': '发送 /task show <任务编号> 查看详情和办理记录。',
    'en-US': 'Send /task show <id> for details and history.',
  },
  'task.list.deptScope': {
    'zh-CN': '抱歉，您只能查看自己分管部门的任务。',
    'en-US': 'Sorry, you can only see tasks of departments you lead.',
  },
  'task.list.deptUnknown': {
    'zh-CN': '找不到部门“{name}”，请检查名称（发送 /dept list 查看）。',
    'en-US': 'No department "{name}" (send /dept list).',
  },
  'task.show.forbidden': {
    'zh-CN': '抱歉，您无权查看任务 {id}。',
    'en-US': 'Sorry, you may not see task {id}.',
  },

  // Command help.
  'task.add.summary': { 'zh-CN': '布置任务（表单或一句话）', 'en-US': 'Create a task (form or one line)' },
  'task.add.usage': {
    'zh-CN': '/task add（打开表单），或 /task add 标题 @负责人… 截止 2026-12-05 18:00 [督办 @领导]',
    'en-US': '/task add (opens a form), or /task add Title @owner… 截止 2026-12-05 18:00 [督办 @leader]',
  },
  'task.add.example': {
    'zh-CN': '/task add 廉政风险点排查 @张华 @陈静 截止 2026-12-05 18:00 督办 @李明',
    'en-US': '/task add Risk review @Zhang @Chen 截止 2026-12-05 18:00 督办 @Li',
  },
  'task.list.summary': { 'zh-CN': '查看任务列表', 'en-US': 'List tasks' },
  'task.list.usage': {
    'zh-CN': '/task list [我的|全部|逾期|部门 名称]',
    'en-US': '/task list [我的|全部|逾期|部门 name]',
  },
  'task.show.summary': { 'zh-CN': '查看任务详情和办理记录', 'en-US': 'Show a task and its history' },
  'task.show.usage': {
    'zh-CN': '/task show <任务编号>，例如 /task show T7K3Q',
    'en-US': '/task show <id>, e.g. /task show T7K3Q',
  },
  'task.cancel.summary': { 'zh-CN': '撤销任务', 'en-US': 'Cancel a task' },
  'task.cancel.usage': { 'zh-CN': '/task cancel <任务编号> [原因]', 'en-US': '/task cancel <id> [reason]' },
  'task.edit.summary': {
    'zh-CN': '修改任务的截止时间或负责人',
    'en-US': 'Change a task’s deadline or owners',
  },
  'task.edit.usage': {
    'zh-CN': '/task edit <任务编号> 截止 <时间>，或 /task edit <任务编号> 负责人 @同事…',
    'en-US': '/task edit <id> 截止 <time>, or /task edit <id> 负责人 @colleague…',
  },
  'task.edit.example': {
    'zh-CN': '/task edit T7K3Q 截止 2026-12-10 18:00',
    'en-US': '/task edit T7K3Q 截止 2026-12-10 18:00',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
