/** User-facing strings of the leaders' digest (领导周报), zh-CN first, en-US second. */
export const digestMessages = {
  'digest.now.summary': {
    'zh-CN': '立即生成周报（分管领导：分管部门；管理员：全部部门及排名）',
    'en-US': 'The weekly digest now (leaders: their departments; admins: all, with the ranking)',
  },
  'digest.now.usage': { 'zh-CN': '/digest now', 'en-US': '/digest now' },
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
    'zh-CN': '知晓度 {awareness}，参与度 {participation}，满意度 {satisfaction}',
    'en-US': 'Awareness {awareness}, participation {participation}, satisfaction {satisfaction}',
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
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
