/** User-facing strings of the evaluation score (考核评分), zh-CN first, en-US second. */
export const scoreMessages = {
  'score.show.summary': {
    'zh-CN': '查看部门考核得分及各项指标',
    'en-US': 'Show a department’s evaluation score and its parts',
  },
  'score.show.usage': {
    'zh-CN': '/score [部门] [期间]（期间如 2026、2026Q4、2026-11，默认本月；不写部门则列出全部部门排名）',
    'en-US':
      '/score [department] [period] (period: 2026, 2026Q4 or 2026-11, default this month; no department: the ranking)',
  },
  'score.show.example': { 'zh-CN': '/score 办公室 2026Q4', 'en-US': '/score General Office 2026Q4' },
  'score.explain.summary': { 'zh-CN': '查看考核评分公式', 'en-US': 'Show the scoring formula' },
  'score.explain.usage': { 'zh-CN': '/score explain', 'en-US': '/score explain' },
  'score.config.summary': {
    'zh-CN': '查看或设置考核权重（每组合计 100）',
    'en-US': 'Show or set the score weights (each group sums to 100)',
  },
  'score.config.usage': {
    'zh-CN': '/score config [指标=权重 …]，如 /score config 组织保障=30 重点工程=40 群众感知=30',
    'en-US':
      '/score config [indicator=weight …], e.g. /score config organisation=30 projects=40 perception=30',
  },
  'score.config.example': {
    'zh-CN': '/score config 组织保障=25 重点工程=45 群众感知=30',
    'en-US': '/score config organisation=25 projects=45 perception=30',
  },

  'score.err.period': {
    'zh-CN': '无法识别期间“{input}”，请写成 2026、2026Q4 或 2026-11。',
    'en-US': 'Cannot read the period "{input}"; write 2026, 2026Q4 or 2026-11.',
  },
  'score.err.dept': {
    'zh-CN': '没有找到部门“{name}”。发送 /dept list 查看部门名称。',
    'en-US': 'There is no department "{name}". Send /dept list to see the names.',
  },
  'score.err.notYours': {
    'zh-CN': '您只能查看自己分管部门的得分，“{name}”不在其中。',
    'en-US': 'You can see the scores of the departments you lead only; "{name}" is not one of them.',
  },
  'score.err.noDepts': {
    'zh-CN': '还没有部门。请管理员先用 /dept add 部门名 添加。',
    'en-US': 'No departments yet. Admins: add one with /dept add <name>.',
  },
  'score.err.weightWord': {
    'zh-CN': '无法识别“{input}”。请写成 指标=权重，指标名：{names}',
    'en-US': 'Cannot read "{input}". Write indicator=weight; indicators: {names}',
  },
  'score.err.weightSum': {
    'zh-CN': '“{group}”各项权重合计为 {sum}，应为 100，未做修改。',
    'en-US': 'The weights of "{group}" sum to {sum}, not 100; nothing changed.',
  },
  'score.config.saved': {
    'zh-CN': '考核权重已更新：\n{weights}',
    'en-US': 'Score weights updated:\n{weights}',
  },
  'score.config.current': {
    'zh-CN': '当前考核权重：\n{weights}',
    'en-US': 'Current score weights:\n{weights}',
  },

  'score.card.title': { 'zh-CN': '考核评分 · {dept} · {period}', 'en-US': 'Evaluation · {dept} · {period}' },
  'score.card.total': {
    'zh-CN': '**总分 {total}（{grade}）**',
    'en-US': '**Total {total} ({grade})**',
  },
  'score.card.noData': { 'zh-CN': '暂无数据', 'en-US': 'no data' },
  'score.card.part': {
    'zh-CN': '{name}（权重 {weight}）：得分率 {rate}，计 {points} 分',
    'en-US': '{name} (weight {weight}): rate {rate}, {points} points',
  },
  'score.card.sub': { 'zh-CN': '· {name}（{weight}%）：{value}', 'en-US': '· {name} ({weight}%): {value}' },
  'score.card.redistributed': {
    'zh-CN': '注：暂无数据的指标不计分，其权重按比例分配给其余指标。发送 /score explain 查看公式。',
    'en-US':
      'Indicators without data are left out; their weight is shared by the others in proportion. Send /score explain for the formula.',
  },
  'score.rank.title': { 'zh-CN': '部门考核排名 · {period}', 'en-US': 'Department ranking · {period}' },
  'score.rank.line': {
    'zh-CN': '{rank}. {dept}：{total}（{grade}）',
    'en-US': '{rank}. {dept}: {total} ({grade})',
  },

  'score.grade.excellent': { 'zh-CN': '优秀', 'en-US': 'excellent' },
  'score.grade.good': { 'zh-CN': '良好', 'en-US': 'good' },
  'score.grade.pass': { 'zh-CN': '合格', 'en-US': 'pass' },
  'score.grade.poor': { 'zh-CN': '较差', 'en-US': 'poor' },
  'score.part.organisation': { 'zh-CN': '组织保障', 'en-US': 'Organisation' },
  'score.part.projects': { 'zh-CN': '重点工程推进', 'en-US': 'Key projects' },
  'score.part.perception': { 'zh-CN': '群众感知满意', 'en-US': 'Public perception' },
  'score.sub.signRate': { 'zh-CN': '责任书签署率', 'en-US': 'Responsibility letters signed' },
  'score.sub.orgOnTime': { 'zh-CN': '组织类任务按时销号率', 'en-US': 'Organisational tasks closed on time' },
  'score.sub.completion': { 'zh-CN': '任务完成率（分类平均）', 'en-US': 'Completion (mean of categories)' },
  'score.sub.onTime': { 'zh-CN': '按时完成率（分类平均）', 'en-US': 'On time (mean of categories)' },
  'score.sub.awareness': { 'zh-CN': '知晓度（学习确认率）', 'en-US': 'Awareness (lessons acknowledged)' },
  'score.sub.participation': { 'zh-CN': '参与度（问卷参与率）', 'en-US': 'Participation (poll turnout)' },
  'score.sub.satisfaction': { 'zh-CN': '满意度（满意度指数）', 'en-US': 'Satisfaction (index)' },

  'score.explain.text': {
    'zh-CN':
      '考核评分公式（满分 100）：\n总分 = 组织保障得分率 × {organisation}% + 重点工程推进得分率 × {projects}% + 群众感知满意得分率 × {perception}%\n· 组织保障 = 责任书签署率 × {signRate}% + 组织类（创建）任务按时销号率 × {orgOnTime}%\n· 重点工程推进 = 任务完成率 × {completion}% + 按时完成率 × {onTime}%（重点、整改、其他三类中有任务的类别分别计算后取平均）\n· 群众感知满意 = 知晓度（学习内容“已学习”确认率）× {awareness}% + 参与度（问卷参与率）× {participation}% + 满意度（满意度指数）× {satisfaction}%\n各项均按 0–100 计；期间内暂无数据的指标不计，其权重按比例分配给其余指标。\n等级：优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，较差 < 60。',
    'en-US':
      'Scoring formula (out of 100):\nTotal = organisation rate × {organisation}% + key projects rate × {projects}% + public perception rate × {perception}%\n· Organisation = letters signed × {signRate}% + organisational tasks closed on time × {orgOnTime}%\n· Key projects = completion × {completion}% + on time × {onTime}% (mean over the categories key, rectify, other that have tasks)\n· Perception = awareness (lessons acknowledged) × {awareness}% + participation (poll turnout) × {participation}% + satisfaction index × {satisfaction}%\nAll rates are 0–100; indicators without data in the period are left out and their weight is shared by the others in proportion.\nGrades: excellent ≥ 90, good ≥ 80, pass ≥ 60, poor < 60.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
