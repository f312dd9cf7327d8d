/** User-facing strings of the reminder features (zh-CN first, en-US second). Placeholders are {name}. */
export const reminderMessages = {
  'reminder.groupCreated': {
    'zh-CN': '【新任务】「{title}」已下达，截止时间 {deadline}。请以下同事确认收到并按时办理：{mentions}',
    'en-US': '[New task] "{title}" is due {deadline}. Please confirm and complete it: {mentions}',
  },
  'reminder.p2pCreated': {
    'zh-CN': '您好，您有一项新任务「{title}」，截止时间 {deadline}，请确认收到并按时办理。',
    'en-US': 'Hello, you have a new task "{title}", due {deadline}. Please confirm and complete it on time.',
  },
  'reminder.group': {
    'zh-CN': '【任务提醒】「{title}」将于 {deadline} 截止，请以下同事抓紧办理并提交销号：{mentions}',
    'en-US': '[Reminder] "{title}" is due {deadline}. Please complete and submit it: {mentions}',
  },
  'reminder.p2p': {
    'zh-CN': '您好，您负责的任务「{title}」将于 {deadline} 截止，请及时办理并提交销号。',
    'en-US': 'Hello, your task "{title}" is due {deadline}. Please complete and submit it in time.',
  },
  'reminder.groupOverdue': {
    'zh-CN': '【逾期提醒】「{title}」已于 {deadline} 到期，以下同事尚未完成，请尽快办理：{mentions}',
    'en-US': '[Overdue] "{title}" was due {deadline}. Still open for: {mentions}',
  },
  'reminder.p2pOverdue': {
    'zh-CN': '您好，您负责的任务「{title}」已于 {deadline} 到期，请尽快办理并提交销号。',
    'en-US':
      'Hello, your task "{title}" was due {deadline}. Please complete and submit it as soon as possible.',
  },
  'reminder.leaderOverdue': {
    'zh-CN': '您好，您督办的任务「{title}」已于 {deadline} 到期，尚未完成的同事：{mentions}',
    'en-US': 'Hello, the task "{title}" you supervise was due {deadline}. Still open for: {mentions}',
  },
  'reminder.dailyNudge': {
    'zh-CN': '您好，以下任务已逾期，请尽快办理并提交销号：\n{lines}',
    'en-US': 'Hello, these tasks are overdue; please complete and submit them:\n{lines}',
  },
  'reminder.dailyNudgeLine': {
    'zh-CN': '· 「{title}」截止 {deadline}，已逾期 {days} 个工作日',
    'en-US': '· "{title}", due {deadline}, {days} workday(s) overdue',
  },
  'reminder.leaderDaily': {
    'zh-CN': '您好，您督办的任务中有以下逾期未完成事项：\n{lines}',
    'en-US': 'Hello, overdue items in the tasks you supervise:\n{lines}',
  },
  'reminder.leaderDailyLine': {
    'zh-CN': '· 「{title}」截止 {deadline}，逾期 {days} 个工作日：{mentions}',
    'en-US': '· "{title}", due {deadline}, {days} workday(s) overdue: {mentions}',
  },
  'reminder.groupManual': {
    'zh-CN': '【催办】「{title}」截止时间 {deadline}，请以下同事抓紧办理：{mentions}',
    'en-US': '[Nudge] "{title}" is due {deadline}. Please complete it: {mentions}',
  },
  'reminder.p2pManual': {
    'zh-CN': '您好，{actor} 提醒您尽快办理任务「{title}」（截止 {deadline}），完成后请提交销号。',
    'en-US': 'Hello, {actor} asks you to complete "{title}" (due {deadline}) and submit it.',
  },

  'reminder.remind.summary': {
    'zh-CN': '立即催办任务的未完成负责人',
    'en-US': 'Nudge the owners who have not finished',
  },
  'reminder.remind.usage': { 'zh-CN': '/task remind <任务编号>', 'en-US': '/task remind <task id>' },
  'reminder.remind.example': { 'zh-CN': '/task remind T7K3Q', 'en-US': '/task remind T7K3Q' },
  'reminder.remind.done': {
    'zh-CN': '已向 {count} 位未完成的负责人发送催办提醒。',
    'en-US': 'Nudged {count} owner(s) who have not finished.',
  },
  'reminder.remind.nobody': {
    'zh-CN': '任务「{title}」的负责人均已完成，无需催办。',
    'en-US': 'Every owner of "{title}" has finished; nobody to nudge.',
  },
  'reminder.remind.notOpen': {
    'zh-CN': '任务「{title}」已办结或已取消，无需催办。',
    'en-US': '"{title}" is closed or cancelled; nothing to nudge.',
  },
  'reminder.notFound': {
    'zh-CN': '没有找到编号为 {id} 的任务，请检查后重试（可发送 /task list 查看）。',
    'en-US': 'No task has the id {id}. Please check it (send /task list to see tasks).',
  },
  'reminder.forbidden': {
    'zh-CN': '抱歉，只有任务的创建人、督办领导或管理员可以催办。',
    'en-US': 'Sorry, only the task creator, its leader or an admin can nudge.',
  },
  'reminder.bad.id': {
    'zh-CN': '请写上任务编号，例如：/task remind T7K3Q',
    'en-US': 'Please give the task id, e.g. /task remind T7K3Q',
  },

  'reminder.preview.summary': {
    'zh-CN': '预览某天将发送的提醒（不实际发送）',
    'en-US': 'Preview the reminders of a day (nothing is sent)',
  },
  'reminder.preview.usage': { 'zh-CN': '/task preview [日期]', 'en-US': '/task preview [date]' },
  'reminder.preview.example': { 'zh-CN': '/task preview 2026-12-03', 'en-US': '/task preview 2026-12-03' },
  'reminder.preview.bad.date': {
    'zh-CN': '日期格式不对，请写成 2026-12-03 这样的格式。',
    'en-US': 'Please write the date like 2026-12-03.',
  },
  'reminder.preview.title': {
    'zh-CN': '{date} 提醒预览（不发送）：',
    'en-US': 'Reminders on {date} (dry run, nothing sent):',
  },
  'reminder.preview.empty': { 'zh-CN': '{date} 没有待发送的提醒。', 'en-US': 'No reminders on {date}.' },
  'reminder.preview.line': {
    'zh-CN': '{time} {kind}「{title}」→ {names}',
    'en-US': '{time} {kind} "{title}" → {names}',
  },
  'reminder.preview.leaderLine': {
    'zh-CN': '{time} 逾期汇总 → 督办领导 {leader}：{count} 项',
    'en-US': '{time} overdue list → leader {leader}: {count} item(s)',
  },
  'reminder.preview.restDay': {
    'zh-CN': '{date} 是休息日，不发送逾期催办。',
    'en-US': '{date} is a rest day; no overdue nudges are sent.',
  },
  'reminder.kind.created': { 'zh-CN': '新任务通知', 'en-US': 'new task' },
  'reminder.kind.before': { 'zh-CN': '截止前提醒', 'en-US': 'reminder' },
  'reminder.kind.deadline': { 'zh-CN': '到期通知', 'en-US': 'deadline notice' },
  'reminder.kind.overdue': { 'zh-CN': '逾期催办', 'en-US': 'overdue nudge' },
  'reminder.kind.buzz': { 'zh-CN': '逾期催办（加急）', 'en-US': 'overdue nudge (buzz)' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
