/** User-facing strings of early warnings (预警), zh-CN first, en-US second. */
export const warningMessages = {
  'warning.list.summary': {
    'zh-CN': '查看当前生效的预警（分管领导：分管部门）',
    'en-US': 'Active early warnings (leaders: their departments)',
  },
  'warning.list.usage': { 'zh-CN': '/warning list', 'en-US': '/warning list' },
  'warning.rule.satisfaction': { 'zh-CN': '满意度下降', 'en-US': 'Satisfaction dropped' },
  'warning.rule.overdue': { 'zh-CN': '逾期任务过多', 'en-US': 'Too many overdue tasks' },
  'warning.rule.signRate': { 'zh-CN': '责任书签署率偏低', 'en-US': 'Low sign-off rate' },
  'warning.rule.score': { 'zh-CN': '本月评分偏低', 'en-US': 'Low score this month' },
  'warning.detail.satisfaction': {
    'zh-CN': '满意度指数下降 {value} 分',
    'en-US': 'index down {value} points',
  },
  'warning.detail.overdue': { 'zh-CN': '逾期未销号任务 {value} 项', 'en-US': '{value} overdue open tasks' },
  'warning.detail.signRate': { 'zh-CN': '签署率 {value}%', 'en-US': 'sign rate {value}%' },
  'warning.detail.score': { 'zh-CN': '本月得分 {value}', 'en-US': 'score {value} this month' },
  'warning.alert': {
    'zh-CN': '【预警】{dept}：{rule}（{detail}）。请及时关注并督促整改。',
    'en-US': '[Warning] {dept}: {rule} ({detail}). Please follow up.',
  },
  'warning.cleared': {
    'zh-CN': '【预警已解除】{dept}：{rule}。',
    'en-US': '[Warning cleared] {dept}: {rule}.',
  },
  'warning.list.title': { 'zh-CN': '当前预警（{count} 条）：', 'en-US': 'Active warnings ({count}):' },
  'warning.list.item': {
    'zh-CN': '· {dept}：{rule}（{detail}），自 {since} 起',
    'en-US': '· {dept}: {rule} ({detail}), since {since}',
  },
  'warning.list.empty': { 'zh-CN': '目前没有生效的预警。', 'en-US': 'There are no active warnings.' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
