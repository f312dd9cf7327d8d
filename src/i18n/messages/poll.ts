/** User-facing strings of polls and satisfaction surveys (zh-CN first, en-US second). Placeholders are {name}. */
export const pollMessages = {
  'poll.new.summary': { 'zh-CN': '发起投票或问卷', 'en-US': 'Start a poll' },
  'poll.new.usage': {
    'zh-CN':
      '/poll new 问题 | 选项1 | 选项2 … [匿名] [多选] [可改] [截止 <时间>] [结果 实时|截止后] [抽样 30%|20人] [群 全部|群名…]（不带参数则打开表单）',
    'en-US':
      '/poll new question | option 1 | option 2 … [匿名] [多选] [可改] [截止 <time>] [结果 实时|截止后] [抽样 30%|20人] [群 全部|chat…] (no arguments: a form)',
  },
  'poll.new.example': {
    'zh-CN': '/poll new 本季度廉洁教育形式 | 专题讲座 | 警示片 | 现场参观 多选 截止 2026-12-01 18:00',
    'en-US': '/poll new Preferred training | Lecture | Film | Visit 多选 截止 2026-12-01 18:00',
  },
  'poll.satisfaction.summary': {
    'zh-CN': '发起满意度调查（匿名，截止后公布结果）',
    'en-US': 'Start a satisfaction survey',
  },
  'poll.satisfaction.usage': {
    'zh-CN': '/poll satisfaction [主题] [截止 <时间>] [抽样 30%|20人] [群 全部|群名…] [权重 100/60/0]',
    'en-US': '/poll satisfaction [topic] [截止 <time>] [抽样 30%|20人] [群 全部|chat…] [权重 100/60/0]',
  },
  'poll.satisfaction.example': {
    'zh-CN': '/poll satisfaction 清廉机关创建工作 截止 2026-12-01 18:00 抽样 30% 群 全部',
    'en-US': '/poll satisfaction integrity campaign 截止 2026-12-01 18:00 抽样 30% 群 全部',
  },
  'poll.satisfaction.question': {
    'zh-CN': '您对{topic}的满意度如何？',
    'en-US': 'How satisfied are you with {topic}?',
  },
  'poll.satisfaction.defaultTopic': { 'zh-CN': '本单位清廉机关创建工作', 'en-US': 'our integrity campaign' },
  'poll.option.satisfied': { 'zh-CN': '满意', 'en-US': 'Satisfied' },
  'poll.option.basic': { 'zh-CN': '基本满意', 'en-US': 'Basically satisfied' },
  'poll.option.unsatisfied': { 'zh-CN': '不满意', 'en-US': 'Unsatisfied' },
  'poll.close.summary': { 'zh-CN': '结束投票并公布结果', 'en-US': 'Close a poll and announce the results' },
  'poll.close.usage': { 'zh-CN': '/poll close <编号>', 'en-US': '/poll close <id>' },
  'poll.close.example': { 'zh-CN': '/poll close V7K3Q', 'en-US': '/poll close V7K3Q' },
  'poll.results.summary': { 'zh-CN': '查看投票结果', 'en-US': 'See the results of a poll' },
  'poll.results.usage': { 'zh-CN': '/poll results <编号>', 'en-US': '/poll results <id>' },
  'poll.results.example': { 'zh-CN': '/poll results V7K3Q', 'en-US': '/poll results V7K3Q' },
  'poll.remind.summary': { 'zh-CN': '提醒尚未投票的同事', 'en-US': 'Remind those who have not voted' },
  'poll.remind.usage': { 'zh-CN': '/poll remind <编号>', 'en-US': '/poll remind <id>' },
  'poll.remind.example': { 'zh-CN': '/poll remind V7K3Q', 'en-US': '/poll remind V7K3Q' },
  'poll.export.summary': {
    'zh-CN': '导出投票结果（XLSX 或 CSV）',
    'en-US': 'Export the results (XLSX or CSV)',
  },
  'poll.export.usage': { 'zh-CN': '/poll export <编号> [csv]', 'en-US': '/poll export <id> [csv]' },
  'poll.export.example': { 'zh-CN': '/poll export V7K3Q', 'en-US': '/poll export V7K3Q' },
  'poll.list.summary': { 'zh-CN': '最近的投票和问卷', 'en-US': 'Recent polls' },
  'poll.list.usage': { 'zh-CN': '/poll list', 'en-US': '/poll list' },

  'poll.err.badId': {
    'zh-CN': '请写上投票编号，例如：/poll results V7K3Q',
    'en-US': 'Please give the poll id, e.g. /poll results V7K3Q',
  },
  'poll.err.notFound': {
    'zh-CN': '没有找到投票 {id}，请发送 /poll list 查看编号。',
    'en-US': 'There is no poll {id}. Send /poll list to see the ids.',
  },
  'poll.err.questionMissing': {
    'zh-CN': '请写上问题，例如：/poll new 问题 | 选项1 | 选项2',
    'en-US': 'Please write the question, e.g. /poll new question | option 1 | option 2',
  },
  'poll.err.questionTooLong': {
    'zh-CN': '问题请控制在 200 字以内。',
    'en-US': 'Please keep the question under 200 characters.',
  },
  'poll.err.optionsMissing': {
    'zh-CN': '请至少写两个选项，用“|”隔开，例如：/poll new 问题 | 选项1 | 选项2',
    'en-US':
      'Please give at least two options separated by "|", e.g. /poll new question | option 1 | option 2',
  },
  'poll.err.tooManyOptions': { 'zh-CN': '选项最多 10 个。', 'en-US': 'At most 10 options.' },
  'poll.err.optionBad': {
    'zh-CN': '选项“{option}”不合适：每个选项 1–40 个字，且不能重复。',
    'en-US': 'Option "{option}" is not valid: 1–40 characters each, no duplicates.',
  },
  'poll.err.badFlag': {
    'zh-CN':
      '看不懂“{word}”。可用：匿名、多选、可改、截止 <时间>、结果 实时|截止后、抽样 30%|20人、群 全部|群名。',
    'en-US':
      'Cannot read "{word}". Use: 匿名, 多选, 可改, 截止 <time>, 结果 实时|截止后, 抽样 30%|20人, 群 全部|chat names.',
  },
  'poll.err.badResultMode': {
    'zh-CN': '“结果”后请写“实时”或“截止后”。',
    'en-US': 'After 结果 write 实时 (live) or 截止后 (after close).',
  },
  'poll.err.badSample': {
    'zh-CN': '“抽样”后请写比例或人数，例如：抽样 30% 或 抽样 20人。',
    'en-US': 'After 抽样 write a share or a number, e.g. 抽样 30% or 抽样 20人.',
  },
  'poll.err.badWeights': {
    'zh-CN': '“权重”请写三个 0–100 的数，依次对应满意、基本满意、不满意，例如：权重 100/60/0。',
    'en-US':
      'After 权重 write three numbers 0–100 for satisfied, basically satisfied, unsatisfied, e.g. 权重 100/60/0.',
  },
  'poll.err.badDate': { 'zh-CN': '截止时间有误：{message}', 'en-US': 'The deadline is not valid: {message}' },
  'poll.err.pastDate': {
    'zh-CN': '截止时间 {deadline} 已经过去，请写一个将来的时间。',
    'en-US': 'The deadline {deadline} has passed; please give a future time.',
  },
  'poll.err.noChats': {
    'zh-CN': '请在群里 @我 发起，或用“群 全部”“群 群名”指定发往哪些已绑定的群。',
    'en-US': 'Start it in a group (@ me there), or name the bound chats with 群 全部 or 群 <chat name>.',
  },
  'poll.err.chatUnknown': {
    'zh-CN': '没有找到已绑定的群“{name}”。发送 /chat list 查看群名。',
    'en-US': 'There is no bound chat "{name}". Send /chat list to see the names.',
  },
  'poll.err.chatScope': {
    'zh-CN': '群“{name}”不属于您分管的部门，您不能向它发起投票。您可以选择的群：{allowed}。',
    'en-US':
      'The chat "{name}" is not in your departments; you cannot start a poll there. Chats you may choose: {allowed}.',
  },
  'poll.err.membersFailed': {
    'zh-CN': '读取群“{name}”的成员失败，请确认机器人仍在群中后再试。',
    'en-US': 'Could not read the members of "{name}". Please check the bot is still in it and try again.',
  },
  'poll.err.nobody': {
    'zh-CN': '目标群里没有可以投票的成员，未发起投票。',
    'en-US': 'Nobody in the target chats can vote; no poll was started.',
  },
  'poll.err.notManager': {
    'zh-CN': '只有发起人或管理员可以这样做。',
    'en-US': 'Only the poll creator or an admin can do this.',
  },
  'poll.err.notViewer': {
    'zh-CN': '您不是这次投票的参与人，无法查看结果。',
    'en-US': 'You are not part of this poll and cannot see its results.',
  },
  'poll.err.hidden': {
    'zh-CN': '投票 {id} 的结果将在投票结束后公布，请届时查看。',
    'en-US': 'The results of poll {id} will be announced when it closes.',
  },
  'poll.err.alreadyClosed': { 'zh-CN': '投票 {id} 已经结束。', 'en-US': 'Poll {id} is already closed.' },

  'poll.created': {
    'zh-CN': '已发起投票 {id}「{question}」：发往 {chats}，可投票 {eligible} 人{deadline}。',
    'en-US': 'Poll {id} "{question}" started in {chats}; {eligible} may vote{deadline}.',
  },
  'poll.createdDeadline': { 'zh-CN': '，{deadline} 截止', 'en-US': ', closes {deadline}' },
  'poll.createdSample': {
    'zh-CN': '已从 {pool} 名成员中随机抽取 {count} 人，问卷已私信发给他们；只有被抽中的同事可以作答。',
    'en-US':
      '{count} of {pool} members were picked at random and got the survey privately; only they can answer.',
  },
  'poll.sampleNotice': {
    'zh-CN':
      '【问卷】「{question}」为随机抽样调查，已私信发给随机抽中的 {count} 位同事，请被抽中的同事在私信中作答。',
    'en-US':
      '[Survey] "{question}" goes to a random sample: {count} colleagues got it privately. If you were picked, please answer there.',
  },
  'poll.closed.by': {
    'zh-CN': '投票 {id} 已结束，结果已公布。',
    'en-US': 'Poll {id} is closed and the results are announced.',
  },
  'poll.remind.done': {
    'zh-CN': '已私信提醒 {count} 位尚未投票的同事。',
    'en-US': 'Reminded {count} people who have not voted.',
  },
  'poll.remind.nobody': {
    'zh-CN': '大家都已投票，无需提醒。',
    'en-US': 'Everyone has voted; nobody to remind.',
  },
  'poll.remind.closed': {
    'zh-CN': '投票 {id} 已结束，无需提醒。',
    'en-US': 'Poll {id} is closed; no reminders needed.',
  },
  'poll.remind.p2p': {
    'zh-CN': '您好，投票 {id}「{question}」您还没有参与{deadline}，请在群里或私信中的投票卡片上作答，谢谢！',
    'en-US':
      'Hello, you have not yet answered poll {id} "{question}"{deadline}. Please answer on its card. Thank you!',
  },
  'poll.remind.deadline': { 'zh-CN': '（{deadline} 截止）', 'en-US': ' (closes {deadline})' },
  'poll.export.done': {
    'zh-CN': '已导出投票 {id} 的结果，文件已私信发给您。',
    'en-US': 'Exported poll {id}; the file was sent to you privately.',
  },
  'poll.export.anonymousNote': {
    'zh-CN': '匿名投票只导出汇总结果，不含任何个人选择。',
    'en-US': 'Anonymous poll: only aggregated results, no individual choices.',
  },
  'poll.list.title': { 'zh-CN': '最近的投票（{count} 个）：', 'en-US': 'Recent polls ({count}):' },
  'poll.list.empty': {
    'zh-CN': '暂无投票。管理员和分管领导可以用 /poll new 发起。',
    'en-US': 'No polls yet. Admins and leaders can start one with /poll new.',
  },
  'poll.list.line': {
    'zh-CN': '· {id}「{question}」{state}，已投 {voted}/{eligible}{deadline}',
    'en-US': '· {id} "{question}" {state}, {voted}/{eligible} voted{deadline}',
  },
  'poll.state.open': { 'zh-CN': '进行中', 'en-US': 'open' },
  'poll.state.closed': { 'zh-CN': '已结束', 'en-US': 'closed' },

  'poll.vote.done': { 'zh-CN': '已投票：{choice}。感谢参与！', 'en-US': 'Voted: {choice}. Thank you!' },
  'poll.vote.changed': { 'zh-CN': '已改为：{choice}。', 'en-US': 'Changed to: {choice}.' },
  'poll.vote.doneAnonymous': {
    'zh-CN': '已匿名提交，感谢参与！系统不记录您的具体选择，提交后不能修改。',
    'en-US':
      'Submitted anonymously. Thank you! Your choice is not recorded against your name and cannot be changed.',
  },
  'poll.vote.closed': { 'zh-CN': '投票已结束，不能再投了。', 'en-US': 'This poll is closed.' },
  'poll.vote.notEligible': {
    'zh-CN': '抱歉，您不在本次投票的参与范围内（抽样调查只有被抽中的同事可以作答）。',
    'en-US': 'Sorry, you are not among the voters of this poll (a sampled survey is for those picked only).',
  },
  'poll.vote.already': {
    'zh-CN': '您已经投过票了，每人只能投一次。',
    'en-US': 'You have already voted; one vote per person.',
  },
  'poll.vote.noChoice': { 'zh-CN': '请至少勾选一项再提交。', 'en-US': 'Please tick at least one option.' },
  'poll.vote.badChoice': {
    'zh-CN': '这张卡片已过期，请重新打开投票。',
    'en-US': 'This card is out of date; please open the poll again.',
  },
  'poll.vote.tooMany': { 'zh-CN': '这是单选投票，只能选一项。', 'en-US': 'Single choice: pick one option.' },
  'poll.results.sentPrivately': {
    'zh-CN': '结果已私信发给您。',
    'en-US': 'The results were sent to you privately.',
  },

  'poll.card.title': { 'zh-CN': '【投票 {id}】{question}', 'en-US': '[Poll {id}] {question}' },
  'poll.card.titleSatisfaction': {
    'zh-CN': '【满意度调查 {id}】{question}',
    'en-US': '[Survey {id}] {question}',
  },
  'poll.card.anonymous': { 'zh-CN': '匿名', 'en-US': 'Anonymous' },
  'poll.card.named': { 'zh-CN': '实名', 'en-US': 'Named' },
  'poll.card.single': { 'zh-CN': '单选', 'en-US': 'Single choice' },
  'poll.card.multi': { 'zh-CN': '多选', 'en-US': 'Multiple choice' },
  'poll.card.live': { 'zh-CN': '结果实时可见', 'en-US': 'Live results' },
  'poll.card.afterClose': { 'zh-CN': '结果截止后公布', 'en-US': 'Results after close' },
  'poll.card.deadline': { 'zh-CN': '截止 {deadline}', 'en-US': 'Closes {deadline}' },
  'poll.card.noDeadline': { 'zh-CN': '无截止时间', 'en-US': 'No deadline' },
  'poll.card.sampled': { 'zh-CN': '随机抽样', 'en-US': 'Random sample' },
  'poll.card.anonymousNote': {
    'zh-CN': '匿名投票：系统只记录“是否已投”，不记录谁选了什么；提交后不能修改。',
    'en-US': 'Anonymous: only whether you voted is recorded, never what you chose; a vote cannot be changed.',
  },
  'poll.card.changeNote': {
    'zh-CN': '截止前可以修改选择。',
    'en-US': 'You may change your choice until the poll closes.',
  },
  'poll.card.turnout': { 'zh-CN': '已投 {voted} / {eligible} 人', 'en-US': '{voted} of {eligible} voted' },
  'poll.card.submit': { 'zh-CN': '提交', 'en-US': 'Submit' },
  'poll.card.showResults': { 'zh-CN': '查看结果', 'en-US': 'Results' },
  'poll.card.closed': {
    'zh-CN': '投票已结束，结果见结果卡片。',
    'en-US': 'This poll is closed; see the results card.',
  },
  'poll.card.by': { 'zh-CN': '发起人：{name}', 'en-US': 'Started by {name}' },

  'poll.results.title': { 'zh-CN': '【投票结果 {id}】{question}', 'en-US': '[Results {id}] {question}' },
  'poll.results.live': { 'zh-CN': '（进行中，实时结果）', 'en-US': ' (open, live results)' },
  'poll.results.final': { 'zh-CN': '（已结束）', 'en-US': ' (closed)' },
  'poll.results.turnout': {
    'zh-CN': '参与：{voted} / {eligible} 人（参与率 {turnout}%）',
    'en-US': 'Turnout: {voted} of {eligible} ({turnout}%)',
  },
  'poll.results.index': {
    'zh-CN': '满意度指数：**{index}**（满意 {w1}、基本满意 {w2}、不满意 {w3}）',
    'en-US': 'Satisfaction index: **{index}** (weights {w1} / {w2} / {w3})',
  },
  'poll.results.noVotes': { 'zh-CN': '暂无投票。', 'en-US': 'No votes yet.' },
  'poll.results.option': {
    'zh-CN': '{label}：{bar} {percent}%（{count} 票）',
    'en-US': '{label}: {bar} {percent}% ({count})',
  },
  'poll.results.byChat': { 'zh-CN': '分群结果', 'en-US': 'By chat' },
  'poll.results.byDept': { 'zh-CN': '分部门结果', 'en-US': 'By department' },
  'poll.results.slice': {
    'zh-CN': '· {name}（{count} 人）：{detail}',
    'en-US': '· {name} ({count}): {detail}',
  },
  'poll.results.sliceSuppressed': {
    'zh-CN': '· {name}：为保护匿名不单独显示（参与不足 5 人，或可由其他数字推算出不足 5 人的结果）',
    'en-US':
      '· {name}: not shown to protect anonymity (fewer than 5 respondents, or other figures would reveal fewer than 5)',
  },
  'poll.results.sliceIndex': { 'zh-CN': '指数 {index}', 'en-US': 'index {index}' },
  'poll.results.others': { 'zh-CN': '其他（人数较少，合并统计）', 'en-US': 'Others (small groups merged)' },
  'poll.results.noDept': { 'zh-CN': '未分部门', 'en-US': 'No department' },
  'poll.results.chartTitle': { 'zh-CN': '各选项票数', 'en-US': 'Votes per option' },

  'poll.form.title': { 'zh-CN': '发起投票', 'en-US': 'Start a poll' },
  'poll.form.question': { 'zh-CN': '问题', 'en-US': 'Question' },
  'poll.form.questionPlaceholder': {
    'zh-CN': '例如：本季度廉洁教育采用哪种形式？',
    'en-US': 'e.g. Which training format this quarter?',
  },
  'poll.form.options': { 'zh-CN': '选项（用 | 隔开）', 'en-US': 'Options (separated by |)' },
  'poll.form.optionsPlaceholder': {
    'zh-CN': '专题讲座 | 警示片 | 现场参观',
    'en-US': 'Lecture | Film | Visit',
  },
  'poll.form.mode': { 'zh-CN': '实名或匿名', 'en-US': 'Named or anonymous' },
  'poll.form.choice': { 'zh-CN': '单选或多选', 'en-US': 'Single or multiple choice' },
  'poll.form.results': { 'zh-CN': '结果何时可见', 'en-US': 'When results are visible' },
  'poll.form.deadline': { 'zh-CN': '截止时间（可不填）', 'en-US': 'Deadline (optional)' },
  'poll.form.chats': { 'zh-CN': '发往哪些群', 'en-US': 'Target chats' },
  'poll.form.sample': {
    'zh-CN': '随机抽样（可不填，如 30% 或 20人）',
    'en-US': 'Random sample (optional, e.g. 30% or 20人)',
  },
  'poll.form.submit': { 'zh-CN': '发起', 'en-US': 'Start' },
  'poll.form.done': { 'zh-CN': '投票已发起', 'en-US': 'Poll started' },
  'poll.form.noChats': { 'zh-CN': '请选择至少一个群。', 'en-US': 'Please choose at least one chat.' },

  'poll.export.sheetSummary': { 'zh-CN': '汇总', 'en-US': 'Summary' },
  'poll.export.sheetChats': { 'zh-CN': '分群', 'en-US': 'By chat' },
  'poll.export.sheetDepts': { 'zh-CN': '分部门', 'en-US': 'By department' },
  'poll.export.sheetVotes': { 'zh-CN': '投票明细', 'en-US': 'Votes' },
  'poll.export.colItem': { 'zh-CN': '项目', 'en-US': 'Item' },
  'poll.export.colCount': { 'zh-CN': '票数', 'en-US': 'Votes' },
  'poll.export.colPercent': { 'zh-CN': '占比(%)', 'en-US': 'Share (%)' },
  'poll.export.colSlice': { 'zh-CN': '范围', 'en-US': 'Slice' },
  'poll.export.colRespondents': { 'zh-CN': '参与人数', 'en-US': 'Respondents' },
  'poll.export.colIndex': { 'zh-CN': '满意度指数', 'en-US': 'Satisfaction index' },
  'poll.export.colName': { 'zh-CN': '姓名', 'en-US': 'Name' },
  'poll.export.colChoice': { 'zh-CN': '选择', 'en-US': 'Choice' },
  'poll.export.colTime': { 'zh-CN': '投票时间', 'en-US': 'Voted at' },
  'poll.export.rowEligible': { 'zh-CN': '应参与人数', 'en-US': 'Eligible' },
  'poll.export.rowVoted': { 'zh-CN': '已参与人数', 'en-US': 'Voted' },
  'poll.export.rowTurnout': { 'zh-CN': '参与率(%)', 'en-US': 'Turnout (%)' },
  'poll.export.suppressed': {
    'zh-CN': '为保护匿名不显示（不足5人或可推算）',
    'en-US': 'hidden to protect anonymity (fewer than 5, or derivable)',
  },
  'poll.export.scopeNote': {
    'zh-CN': '仅含您分管部门（及下级部门）的人员与数据',
    'en-US': 'Only the people and figures of your departments (and those below them)',
  },
  'poll.export.partialNote': {
    'zh-CN': '部分部门为保护匿名未单列，未计入以上合计',
    'en-US': 'Some departments are hidden to protect anonymity and are not in the figures above',
  },
  'poll.export.scopedDone': {
    'zh-CN': '（仅含您分管部门的人员与数据）',
    'en-US': " (only your departments' people and figures)",
  },
  'poll.err.exportOutside': {
    'zh-CN': '投票 {id} 中没有您分管部门（及下级部门）的人员，无法导出。',
    'en-US':
      'Poll {id} has nobody from your departments (or those below them); there is nothing you may export.',
  },
} as const;
