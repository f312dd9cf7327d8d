/** User-facing strings of the campaign report (`/report export`, 工作报表), zh-CN first, en-US second. */
export const reportMessages = {
  'report.export.summary': {
    'zh-CN': '导出清廉机关创建工作报表（任务、签署、投票、学习、评分）',
    'en-US': 'Export the campaign workbook (tasks, sign-offs, polls, lessons, scores)',
  },
  'report.export.usage': {
    'zh-CN':
      '/report export [起始日期] [结束日期]（日期写成 YYYY-MM-DD，默认本月 1 日至今，结束日期当天计入）',
    'en-US':
      '/report export [from] [to] (dates as YYYY-MM-DD; default: the 1st of this month to now; the end day is included)',
  },
  'report.export.example': {
    'zh-CN': '/report export 2026-11-01 2026-11-30',
    'en-US': '/report export 2026-11-01 2026-11-30',
  },
  'report.err.args': {
    'zh-CN':
      '无法识别日期，请写成 YYYY-MM-DD，例如 /report export 2026-11-01 2026-11-30；只写一个日期表示从该日至今，不写日期则导出本月至今。',
    'en-US':
      'Cannot read the dates; write YYYY-MM-DD, e.g. /report export 2026-11-01 2026-11-30. One date means from that day to now; none means this month to now.',
  },
  'report.err.order': {
    'zh-CN':
      '起始日期 {from} 晚于结束日期 {to}，请检查后重新输入，例如 /report export 2026-11-01 2026-11-30。',
    'en-US':
      'The start {from} is after the end {to}; please check, e.g. /report export 2026-11-01 2026-11-30.',
  },
  'report.err.tooLarge': {
    'zh-CN':
      '报表内容过多（任务超过 {max} 项或文件超过 10 MB），请缩短日期范围，例如 /report export 2026-11-01 2026-11-15。',
    'en-US':
      'The report is too large (over {max} tasks or 10 MB). Please give a shorter range, e.g. /report export 2026-11-01 2026-11-15.',
  },
  'report.export.done': {
    'zh-CN':
      '已导出 {from} 至 {to} 的工作报表：任务 {tasks} 项、签署 {signatures} 份、投票 {polls} 个、学习推送 {broadcasts} 次、评分部门 {departments} 个。文件随后发送：{file}',
    'en-US':
      'Workbook for {from} to {to}: {tasks} tasks, {signatures} signatures, {polls} polls, {broadcasts} broadcasts, {departments} departments scored. The file follows: {file}',
  },
  'report.export.sentPrivately': {
    'zh-CN': '已导出 {from} 至 {to} 的工作报表，文件已通过单聊发给您。',
    'en-US': 'The workbook for {from} to {to} was sent to you in a private chat.',
  },
  'report.export.scopeLeader': {
    'zh-CN': '（仅含您分管部门的数据）',
    'en-US': '(your departments only)',
  },
  'report.export.pollNote': {
    'zh-CN': '投票仅含汇总数据，不含任何人的选择。',
    'en-US': 'Polls are aggregated only; nobody’s choice is listed.',
  },
  'report.export.fileName': {
    'zh-CN': '清廉机关工作报表-{from}-{to}.xlsx',
    'en-US': 'campaign-report-{from}-{to}.xlsx',
  },

  'report.sheet.tasks': { 'zh-CN': '任务', 'en-US': 'Tasks' },
  'report.sheet.signatures': { 'zh-CN': '签署', 'en-US': 'Signatures' },
  'report.sheet.polls': { 'zh-CN': '投票', 'en-US': 'Polls' },
  'report.sheet.learning': { 'zh-CN': '学习', 'en-US': 'Lessons' },
  'report.sheet.scores': { 'zh-CN': '评分', 'en-US': 'Scores' },

  'report.yes': { 'zh-CN': '是', 'en-US': 'yes' },
  'report.no': { 'zh-CN': '否', 'en-US': 'no' },

  'report.col.closedAt': { 'zh-CN': '销号时间', 'en-US': 'Closed at' },
  'report.col.onTime': { 'zh-CN': '是否按时', 'en-US': 'On time' },
  'report.col.docId': { 'zh-CN': '文件编号', 'en-US': 'Document ID' },
  'report.col.docTitle': { 'zh-CN': '文件名称', 'en-US': 'Document' },
  'report.col.docKind': { 'zh-CN': '类型', 'en-US': 'Type' },
  'report.col.pollId': { 'zh-CN': '编号', 'en-US': 'ID' },
  'report.col.question': { 'zh-CN': '问题', 'en-US': 'Question' },
  'report.col.pollKind': { 'zh-CN': '类型', 'en-US': 'Type' },
  'report.col.anonymous': { 'zh-CN': '匿名', 'en-US': 'Anonymous' },
  'report.col.chats': { 'zh-CN': '群聊', 'en-US': 'Chats' },
  'report.col.createdAt': { 'zh-CN': '发起时间', 'en-US': 'Started at' },
  'report.col.pollState': { 'zh-CN': '状态', 'en-US': 'State' },
  'report.col.eligible': { 'zh-CN': '应参与人数', 'en-US': 'Eligible' },
  'report.col.voters': { 'zh-CN': '已参与人数', 'en-US': 'Voted' },
  'report.col.turnout': { 'zh-CN': '参与率(%)', 'en-US': 'Turnout (%)' },
  'report.col.index': { 'zh-CN': '满意度指数', 'en-US': 'Satisfaction index' },
  'report.col.note': { 'zh-CN': '说明', 'en-US': 'Note' },
  'report.col.option': { 'zh-CN': '选项{n}', 'en-US': 'Option {n}' },
  'report.col.votes': { 'zh-CN': '票数{n}', 'en-US': 'Votes {n}' },
  'report.col.broadcastId': { 'zh-CN': '推送编号', 'en-US': 'Broadcast ID' },
  'report.col.itemId': { 'zh-CN': '内容编号', 'en-US': 'Item ID' },
  'report.col.itemTitle': { 'zh-CN': '内容标题', 'en-US': 'Title' },
  'report.col.sentAt': { 'zh-CN': '推送时间', 'en-US': 'Sent at' },
  'report.col.targetChats': { 'zh-CN': '目标群数', 'en-US': 'Target chats' },
  'report.col.delivered': { 'zh-CN': '送达群数', 'en-US': 'Chats delivered' },
  'report.col.acks': { 'zh-CN': '已学习人数', 'en-US': 'Acknowledged' },
  'report.col.audience': { 'zh-CN': '应学习人数', 'en-US': 'Audience' },
  'report.col.ackRate': { 'zh-CN': '学习率(%)', 'en-US': 'Ack rate (%)' },
  'report.col.answered': { 'zh-CN': '答题人数', 'en-US': 'Quiz answers' },
  'report.col.correct': { 'zh-CN': '答对人数', 'en-US': 'Right answers' },
  'report.col.accuracy': { 'zh-CN': '正确率(%)', 'en-US': 'Accuracy (%)' },
  'report.col.rank': { 'zh-CN': '排名', 'en-US': 'Rank' },
  'report.col.total': { 'zh-CN': '总分', 'en-US': 'Total' },
  'report.col.grade': { 'zh-CN': '等级', 'en-US': 'Grade' },

  'report.poll.kind.general': { 'zh-CN': '投票', 'en-US': 'Poll' },
  'report.poll.kind.satisfaction': { 'zh-CN': '满意度调查', 'en-US': 'Satisfaction survey' },
  'report.poll.hidden': {
    'zh-CN': '结果截止后公布，暂不列出票数',
    'en-US': 'Results are published after close; counts not listed yet',
  },
  'report.poll.suppressed': {
    'zh-CN': '部分部门为保护匿名未计入票数（参与不足 5 人，或可由其他数字推算）',
    'en-US': 'Some departments are not counted to protect anonymity (fewer than 5 respondents, or derivable)',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
