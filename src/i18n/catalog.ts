import { configMessages } from './messages/config.js';
import { contentMessages } from './messages/content.js';
import { digestMessages } from './messages/digest.js';
import { feedbackMessages } from './messages/feedback.js';
import { importMessages } from './messages/import.js';
import { ledgerMessages } from './messages/ledger.js';
import { orgMessages } from './messages/org.js';
import { pledgeMessages } from './messages/pledge.js';
import { pollMessages } from './messages/poll.js';
import { reminderMessages } from './messages/reminder.js';
import { reminderPolicyMessages } from './messages/reminder-policy.js';
import { reportMessages } from './messages/report.js';
import { scopeMessages } from './messages/scope.js';
import { scoreMessages } from './messages/score.js';
import { taskMessages } from './messages/task.js';
import { warningMessages } from './messages/warning.js';
import { warningConfigMessages } from './messages/warning-config.js';

/**
 * Every user-facing string, zh-CN first and en-US second. Placeholders are {name}.
 * Keep wording polite and short; tell the user what to type when something is wrong.
 */
const coreMessages = {
  'common.ok': { 'zh-CN': '好的', 'en-US': 'OK' },
  'common.processing': { 'zh-CN': '已收到，正在处理，请稍候…', 'en-US': 'Received, working on it…' },
  'common.internalError': {
    'zh-CN': '抱歉，处理时出了点问题，请稍后再试。如多次失败，请联系管理员。',
    'en-US': 'Sorry, something went wrong. Please try again later, or contact an admin if it keeps failing.',
  },
  'common.duplicateAction': {
    'zh-CN': '该操作已处理，无需重复点击。',
    'en-US': 'Already done; no need to click again.',
  },
  'common.badAction': {
    'zh-CN': '这张卡片已过期或内容有误，请重新发送命令获取新卡片。',
    'en-US': 'This card is out of date or invalid. Please send the command again for a new card.',
  },

  'inbox.poisoned': {
    'zh-CN':
      '【系统提醒】事件 {id}（类型 {type}，{time} 收到）已处理失败 {attempts} 次，已停止自动重试并搁置，今后不会再自动执行。请按事件编号在日志中查看出错原因。',
    'en-US':
      '[System] Event {id} (type {type}, received {time}) failed {attempts} times. It has been set aside and will not be run again automatically. Please look up its event id in the logs for the error.',
  },

  'cmd.notCommand': {
    'zh-CN': '您好！我是清廉机关助手。请发送 /help（或“帮助”）查看可用命令。',
    'en-US': 'Hello! I am the integrity campaign assistant. Send /help to see what you can do.',
  },
  'cmd.fileNotExpected': {
    'zh-CN': '收到文件，但当前没有等待导入的任务。如需导入成员名单，请先发送 /import members。',
    'en-US': 'File received, but no import is waiting for it. To import members, send /import members first.',
  },
  'cmd.unknown': {
    'zh-CN': '没有找到命令“{command}”。{suggestion}发送 /help 查看全部可用命令。',
    'en-US': 'There is no command "{command}". {suggestion}Send /help to see all commands.',
  },
  'cmd.didYouMean': { 'zh-CN': '您是不是想输入 {command}？', 'en-US': 'Did you mean {command}? ' },
  'cmd.usage': {
    'zh-CN': '命令格式不对。用法：{usage}',
    'en-US': 'That command is not quite right. Usage: {usage}',
  },
  'cmd.usageExample': { 'zh-CN': '例如：{example}', 'en-US': 'Example: {example}' },
  'cmd.forbidden': {
    'zh-CN': '抱歉，“{command}”仅限{roles}使用，您暂无权限。如需开通，请联系管理员。',
    'en-US': 'Sorry, "{command}" is for {roles} only. Please contact an admin if you need access.',
  },
  'action.forbidden': {
    'zh-CN': '抱歉，此操作仅限{roles}，您暂无权限。',
    'en-US': 'Sorry, only {roles} can do this.',
  },
  'cmd.groupOnly': {
    'zh-CN': '“{command}”需要在群聊中 @我 使用。',
    'en-US': '"{command}" works in a group chat: @ me there.',
  },
  'cmd.p2pOnly': {
    'zh-CN': '“{command}”请在与我的单聊中使用。',
    'en-US': '"{command}" works in a private chat with me.',
  },
  'cmd.unclosedQuote': {
    'zh-CN': '引号没有配对，请检查后重新输入。',
    'en-US': 'A quotation mark is not closed; please check and try again.',
  },

  'date.empty': {
    'zh-CN': '请输入日期和时间，例如 2026-12-05 18:00、12月5日 18:00 或 明天 9:00',
    'en-US': 'Please enter a date and time, e.g. 2026-12-05 18:00',
  },
  'date.unrecognized': {
    'zh-CN': '无法识别“{input}”，请按格式输入，例如 2026-12-05 18:00、12月5日 18:00 或 明天 9:00',
    'en-US': 'Cannot read "{input}"; please write it like 2026-12-05 18:00',
  },
  'date.missingTime': {
    'zh-CN': '请同时输入时间，例如 2026-12-05 18:00',
    'en-US': 'Please add a time, e.g. 2026-12-05 18:00',
  },
  'date.invalidTime': {
    'zh-CN': '时间不存在，请使用 00:00–23:59，例如 2026-12-05 18:00',
    'en-US': 'That time does not exist; use 00:00–23:59, e.g. 2026-12-05 18:00',
  },
  'date.invalidDate': {
    'zh-CN': '日期“{input}”不存在，请检查后重新输入',
    'en-US': 'The date "{input}" does not exist; please check it',
  },
  'date.nonexistentTime': {
    'zh-CN': '该时间因夏令时调整而不存在，请换一个时间',
    'en-US': 'That time is skipped by a daylight-saving change; please pick another',
  },
  'role.admin': { 'zh-CN': '管理员', 'en-US': 'admins' },
  'role.leader': { 'zh-CN': '分管领导', 'en-US': 'leaders' },
  'role.supervisor': { 'zh-CN': '特邀监督员', 'en-US': 'supervisors' },
  'role.member': { 'zh-CN': '成员', 'en-US': 'members' },
  'role.separator': { 'zh-CN': '、', 'en-US': ', ' },

  'help.title': { 'zh-CN': '清廉机关助手 · 使用帮助', 'en-US': 'Integrity Campaign Assistant · Help' },
  'help.intro': {
    'zh-CN': '在群聊中 @我 加命令，或在单聊中直接发送命令。以下是您可以使用的命令：',
    'en-US': 'In a group, @ me followed by a command; in a private chat, just send it. Commands you can use:',
  },
  'help.yourRoles': { 'zh-CN': '您的身份：{roles}', 'en-US': 'Your roles: {roles}' },
  'help.footer': {
    'zh-CN': '发送 /help 命令名 查看某个命令的详细用法，例如 /help chat。',
    'en-US': 'Send /help <command> for details, e.g. /help chat.',
  },
  'help.detailTitle': { 'zh-CN': '命令说明：{command}', 'en-US': 'Command: {command}' },
  'help.aliases': { 'zh-CN': '中文别名：{aliases}', 'en-US': 'Aliases: {aliases}' },
  'help.usage': { 'zh-CN': '用法', 'en-US': 'Usage' },
  'help.whoMay': { 'zh-CN': '可使用：{roles}', 'en-US': 'Available to: {roles}' },
  'help.everyone': { 'zh-CN': '所有人', 'en-US': 'everyone' },

  'help.summary': { 'zh-CN': '查看可用命令和用法', 'en-US': 'List the commands you can use' },
  'help.usageText': { 'zh-CN': '/help [命令名]', 'en-US': '/help [command]' },

  'chat.bind.summary': { 'zh-CN': '将本群绑定到部门', 'en-US': 'Bind this group to a department' },
  'chat.bind.usage': {
    'zh-CN': '/chat bind <部门名>（在群内 @我 发送）',
    'en-US': '/chat bind <department> (in the group)',
  },
  'chat.list.summary': { 'zh-CN': '查看已绑定的群聊', 'en-US': 'List bound group chats' },
  'chat.list.usage': { 'zh-CN': '/chat list', 'en-US': '/chat list' },
  'chat.bind.example': { 'zh-CN': '/chat bind 办公室', 'en-US': '/chat bind General Office' },
  'chat.bound': {
    'zh-CN': '已将本群绑定到“{department}”。今后该部门的任务提醒、学习内容和问卷将发送到本群。',
    'en-US':
      'This group is now bound to "{department}". Its reminders, lessons and polls will be posted here.',
  },
  'chat.rebound': {
    'zh-CN': '本群原绑定“{previous}”，现已改为“{department}”。',
    'en-US': 'This group was bound to "{previous}" and is now bound to "{department}".',
  },
  'chat.alreadyBound': {
    'zh-CN': '本群已绑定到“{department}”，无需重复操作。',
    'en-US': 'This group is already bound to "{department}".',
  },
  'chat.listTitle': { 'zh-CN': '已绑定的群聊（{count} 个）', 'en-US': 'Bound group chats ({count})' },
  'chat.listEmpty': {
    'zh-CN': '还没有绑定任何群聊。请在群内 @我 发送 /chat bind 部门名。',
    'en-US': 'No group is bound yet. In a group, @ me and send /chat bind <department>.',
  },
  'chat.listItem': { 'zh-CN': '{name} → {department}', 'en-US': '{name} → {department}' },
  'chat.formTitle': { 'zh-CN': '绑定本群到部门', 'en-US': 'Bind this group to a department' },
  'chat.formLabel': { 'zh-CN': '部门名称', 'en-US': 'Department name' },
  'chat.formPlaceholder': { 'zh-CN': '例如：办公室', 'en-US': 'e.g. General Office' },
  'chat.formSubmit': { 'zh-CN': '确认绑定', 'en-US': 'Bind' },
  'chat.formDone': {
    'zh-CN': '已绑定到“{department}”（操作人：{actor}）',
    'en-US': 'Bound to "{department}" by {actor}',
  },
  'chat.departmentInvalid': {
    'zh-CN': '部门名称需为 1–40 个字，不能包含 @ 或换行。例如：/chat bind 办公室',
    'en-US': 'A department name is 1–40 characters without @ or line breaks, e.g. /chat bind General Office',
  },
  'chat.greeting': {
    'zh-CN':
      '大家好，我是清廉机关助手，负责任务提醒与销号、责任书签署、清廉文化学习和满意度调查。\n管理员请在本群 @我 发送 /chat bind 部门名，将本群绑定到部门；所有人可 @我 发送 /help 查看帮助。',
    'en-US':
      'Hello, I am the integrity campaign assistant: task reminders and close-outs, sign-offs, lessons and polls.\nAdmins: @ me with /chat bind <department> to bind this group. Everyone: @ me with /help.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;

/** The whole catalogue: core strings plus one module per feature family under messages/. */
export const catalog = {
  ...coreMessages,
  ...orgMessages,
  ...importMessages,
  ...configMessages,
  ...taskMessages,
  ...reminderMessages,
  ...reminderPolicyMessages,
  ...ledgerMessages,
  ...pledgeMessages,
  ...pollMessages,
  ...contentMessages,
  ...feedbackMessages,
  ...scoreMessages,
  ...digestMessages,
  ...warningMessages,
  ...warningConfigMessages,
  ...reportMessages,
  ...scopeMessages,
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;

/** A key of the catalogue. */
export type MessageKey = keyof typeof catalog;
