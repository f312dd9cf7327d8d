/** User-facing strings of `/warning config` (预警阈值), zh-CN first, en-US second. */
export const warningConfigMessages = {
  'warning.config.summary': {
    'zh-CN': '查看或设置预警阈值（设置仅限管理员）',
    'en-US': 'Show or set the early-warning thresholds (setting: admins only)',
  },
  'warning.config.usage': {
    'zh-CN':
      '/warning config [名称=数值 …]（名称：满意度下降、逾期任务、签署率、评分；恢复默认：/warning config 恢复默认）',
    'en-US':
      '/warning config [name=value …] (names: 满意度下降, 逾期任务, 签署率, 评分; defaults: /warning config 恢复默认)',
  },
  'warning.config.example': {
    'zh-CN': '/warning config 满意度下降=8 逾期任务=5 签署率=85 评分=65',
    'en-US': '/warning config 满意度下降=8 逾期任务=5 签署率=85 评分=65',
  },
  'warning.config.line': { 'zh-CN': '· {name}={value}：{meaning}', 'en-US': '· {name}={value}: {meaning}' },
  'warning.config.meaning.satisfactionDrop': {
    'zh-CN': '满意度指数比上一次下降超过 {value} 分时预警',
    'en-US': 'warn when the satisfaction index drops more than {value} points',
  },
  'warning.config.meaning.overdue': {
    'zh-CN': '逾期未销号任务超过 {value} 项时预警',
    'en-US': 'warn when more than {value} open tasks are overdue',
  },
  'warning.config.meaning.signRate': {
    'zh-CN': '最近一份已过截止时间的责任书（承诺书）签署率低于 {value}% 时预警',
    'en-US': 'warn when a sign-off past its deadline is under {value}% signed',
  },
  'warning.config.meaning.score': {
    'zh-CN': '本月考核得分低于 {value} 时预警',
    'en-US': 'warn when this month’s score is under {value}',
  },
  'warning.config.current': {
    'zh-CN': '当前预警阈值（{source}）：',
    'en-US': 'Early-warning thresholds in force ({source}):',
  },
  'warning.config.source.default': { 'zh-CN': '默认值', 'en-US': 'defaults' },
  'warning.config.source.custom': { 'zh-CN': '管理员已调整', 'en-US': 'set by an admin' },
  'warning.config.hint': {
    'zh-CN':
      '修改示例：/warning config 满意度下降=8 逾期任务=5 签署率=85 评分=65；恢复默认：/warning config 恢复默认。新阈值从下一次每日检查起生效。',
    'en-US':
      'To change: /warning config 满意度下降=8 逾期任务=5 签署率=85 评分=65; defaults: /warning config 恢复默认. New thresholds apply from the next daily check.',
  },
  'warning.config.viewOnly': {
    'zh-CN': '预警阈值仅管理员可以修改。',
    'en-US': 'Only admins can change the thresholds.',
  },
  'warning.config.saved': {
    'zh-CN': '预警阈值已更新，从下一次每日检查起生效：\n{lines}',
    'en-US': 'Thresholds updated; they apply from the next daily check:\n{lines}',
  },
  'warning.config.unchanged': {
    'zh-CN': '预警阈值与当前相同，未做修改：\n{lines}',
    'en-US': 'The thresholds are already these; nothing changed:\n{lines}',
  },
  'warning.config.resetDone': {
    'zh-CN': '预警阈值已恢复默认，从下一次每日检查起生效：\n{lines}',
    'en-US': 'Thresholds reset to the defaults; they apply from the next daily check:\n{lines}',
  },
  'warning.config.alreadyDefault': {
    'zh-CN': '预警阈值已是默认值，未做修改：\n{lines}',
    'en-US': 'The thresholds are already the defaults; nothing changed:\n{lines}',
  },
  'warning.config.err.role': {
    'zh-CN': '仅管理员可以修改预警阈值，未做修改。发送 /warning config 可查看当前阈值。',
    'en-US': 'Only admins can change the thresholds; nothing changed. Send /warning config to see them.',
  },
  'warning.config.err.name': {
    'zh-CN': '无法识别“{input}”，未做修改。请写成 名称=数值，名称：{names}。例如：{example}',
    'en-US':
      'Cannot read "{input}"; nothing changed. Write name=value; names: {names}. For example: {example}',
  },
  'warning.config.err.value': {
    'zh-CN': '“{input}”的数值不正确，未做修改。{name} 应为 {range}。例如：{example}',
    'en-US':
      'The value in "{input}" is not allowed; nothing changed. {name} must be {range}. For example: {example}',
  },
  'warning.config.range.integer': { 'zh-CN': '{min}–{max} 的整数', 'en-US': 'a whole number {min}–{max}' },
  'warning.config.range.number': { 'zh-CN': '{min}–{max} 之间的数', 'en-US': 'a number {min}–{max}' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
