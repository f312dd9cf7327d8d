/** User-facing strings of the leaders' digest (领导周报), zh-CN first, en-US second. */
export const digestMessages = {
  'digest.now.summary': {
    'zh-CN': '立即生成周报（分管领导：分管部门；管理员：全部部门及排名）',
    'en-US': 'The weekly digest now (leaders: their departments; admins: all, with the ranking)',
  },
  'digest.now.usage': { 'zh-CN': '/digest now', 'en-US': '/digest now' },
  'digest.subscribe.summary': {
    'zh-CN': '订阅每周周报（分管领导与管理员默认已订阅）',
    'en-US': 'Subscribe to the weekly digest (leaders and admins are subscribed by default)',
  },
  'digest.subscribe.usage': { 'zh-CN': '/digest subscribe', 'en-US': '/digest subscribe' },
  'digest.subscribe.done': {
    'zh-CN': '已订阅周报，每{time}通过私聊发送给您。',
    'en-US': 'Subscribed: the digest comes to you in private chat every {time}.',
  },
  'digest.subscribe.already': {
    'zh-CN': '您已订阅周报，每{time}发送，无需重复订阅。',
    'en-US': 'You are already subscribed; the digest comes every {time}.',
  },
  'digest.unsubscribe.summary': {
    'zh-CN': '退订每周周报（仍可随时用 /digest now 查看）',
    'en-US': 'Unsubscribe from the weekly digest (/digest now still works)',
  },
  'digest.unsubscribe.usage': { 'zh-CN': '/digest unsubscribe', 'en-US': '/digest unsubscribe' },
  'digest.unsubscribe.done': {
    'zh-CN': '已退订周报。需要时可发送 /digest subscribe 重新订阅，或用 /digest now 随时查看。',
    'en-US': 'Unsubscribed. Send /digest subscribe to subscribe again, or /digest now any time.',
  },
  'digest.unsubscribe.already': {
    'zh-CN': '您目前未订阅周报。如需订阅，请发送 /digest subscribe。',
    'en-US': 'You are not subscribed. Send /digest subscribe to subscribe.',
  },
  'digest.time.summary': {
    'zh-CN': '设置每周周报的发送时间（管理员，机关时区，整点）',
    'en-US': 'Set when the weekly digest goes out (admins; agency time zone, whole hours)',
  },
  'digest.time.usage': { 'zh-CN': '/digest time 周一 09:00', 'en-US': '/digest time Monday 09:00' },
  'digest.time.example': { 'zh-CN': '/digest time 周五 16:00', 'en-US': '/digest time Friday 16:00' },
  'digest.time.value': { 'zh-CN': '{day} {hour}:00', 'en-US': '{day} {hour}:00' },
  'digest.time.current': {
    'zh-CN': '周报目前于每{time}发送。修改请发送：/digest time 周一 09:00',
    'en-US': 'The digest goes out every {time}. To change it: /digest time Monday 09:00',
  },
  'digest.time.saved': {
    'zh-CN': '已设置：周报于每{time}（{timezone}）发送给已订阅的分管领导和管理员。',
    'en-US': 'Saved: the digest goes to subscribed leaders and admins every {time} ({timezone}).',
  },
  'digest.time.invalid': {
    'zh-CN': '无法识别“{input}”，未做修改。请输入星期和整点，例如：/digest time 周一 09:00',
    'en-US':
      'Cannot read "{input}"; nothing changed. Type a day and a whole hour, e.g. /digest time Monday 09:00',
  },
  'digest.day.0': { 'zh-CN': '周日', 'en-US': 'Sunday' },
  'digest.day.1': { 'zh-CN': '周一', 'en-US': 'Monday' },
  'digest.day.2': { 'zh-CN': '周二', 'en-US': 'Tuesday' },
  'digest.day.3': { 'zh-CN': '周三', 'en-US': 'Wednesday' },
  'digest.day.4': { 'zh-CN': '周四', 'en-US': 'Thursday' },
  'digest.day.5': { 'zh-CN': '周五', 'en-US': 'Friday' },
  'digest.day.6': { 'zh-CN': '周六', 'en-US': 'Saturday' },
  'digest.err.noDepts': {
    'zh-CN': '您目前没有分管的部门，暂无周报。',
    'en-US': 'You lead no department, so there is no digest for you.',
  },
  'digest.card.title': {
    'zh-CN': '清廉机关创建周报 · {from} 至 {to}',
    'en-US': 'Weekly digest · {from} to {to}',
  },
  'digest.card.dept': { 'zh-CN': '**{name}**', 'en-US': '**{name}**' },
  'digest.card.tasks': {
    'zh-CN':
      '任务：本周新增 {created}（上周 {prevCreated}），销号 {closed}（上周 {prevClosed}），按时率 {onTime}（上周 {prevOnTime}）',
    'en-US':
      'Tasks: {created} new (last week {prevCreated}), {closed} closed (last week {prevClosed}), on time {onTime} (last week {prevOnTime})',
  },
  'digest.card.overdue': { 'zh-CN': '逾期 {count} 项：{titles}', 'en-US': '{count} overdue: {titles}' },
  'digest.card.noOverdue': { 'zh-CN': '逾期 0 项', 'en-US': 'Nothing overdue' },
  'digest.card.sign': {
    'zh-CN': '签署：签署率 {rate}，未签 {count} 人{names}',
    'en-US': 'Sign-offs: {rate} signed, {count} pending{names}',
  },
  'digest.card.perception': {
    'zh-CN':
      '知晓度 {awareness}，参与度 {participation}，满意度 {satisfaction}，答题正确率 {accuracy}（括号内为较上周变化）',
    'en-US':
      'Awareness {awareness}, participation {participation}, satisfaction {satisfaction}, quiz accuracy {accuracy} (change from last week in brackets)',
  },
  'digest.card.noData': { 'zh-CN': '暂无数据', 'en-US': 'no data' },
  'digest.card.more': { 'zh-CN': '等', 'en-US': ' and more' },
  'digest.card.ranking': {
    'zh-CN': '**部门考核排名（{period}）**',
    'en-US': '**Department ranking ({period})**',
  },
  'digest.card.chartTitle': {
    'zh-CN': '销号任务数：本周与上周',
    'en-US': 'Tasks closed: this week and last',
  },
  'digest.card.thisWeek': { 'zh-CN': '本周', 'en-US': 'This week' },
  'digest.card.lastWeek': { 'zh-CN': '上周', 'en-US': 'Last week' },
  'digest.card.withChange': { 'zh-CN': '{value}（{change}）', 'en-US': '{value} ({change})' },
  'digest.card.up': { 'zh-CN': '↑{delta}', 'en-US': '↑{delta}' },
  'digest.card.down': { 'zh-CN': '↓{delta}', 'en-US': '↓{delta}' },
  'digest.card.flat': { 'zh-CN': '持平', 'en-US': 'no change' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
