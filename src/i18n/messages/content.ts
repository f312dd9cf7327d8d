/**
 * User-facing strings of the content library, broadcasts and schedules (zh-CN first, en-US
 * second). Placeholders are {name}.
 */
export const contentMessages = {
  'content.category.warning': { 'zh-CN': '警示教育', 'en-US': 'Warning education' },
  'content.category.rules': { 'zh-CN': '党纪法规', 'en-US': 'Party rules' },
  'content.category.story': { 'zh-CN': '清廉故事', 'en-US': 'Integrity story' },
  'content.category.family': { 'zh-CN': '家风家训', 'en-US': 'Family tradition' },
  'content.category.lesson': { 'zh-CN': '微课', 'en-US': 'Micro-lesson' },
  'content.category.other': { 'zh-CN': '其他', 'en-US': 'Other' },
  'content.editors': { 'zh-CN': '管理员或纪检监督员', 'en-US': 'admins or supervisors' },

  'content.add.summary': {
    'zh-CN': '向学习内容库添加一条内容（表单）',
    'en-US': 'Add an item to the content library (form)',
  },
  'content.add.usage': { 'zh-CN': '/content add（打开表单）', 'en-US': '/content add (opens a form)' },
  'content.form.cardTitle': { 'zh-CN': '添加学习内容', 'en-US': 'Add learning content' },
  'content.form.intro': {
    'zh-CN': '填写标题和正文（支持 Markdown）。小测验可选：选项用“|”分隔，答案填字母（如 B）。',
    'en-US':
      'Enter a title and body (Markdown). The quiz is optional: separate options with "|", answer with a letter (e.g. B).',
  },
  'content.form.title': { 'zh-CN': '标题', 'en-US': 'Title' },
  'content.form.titleHint': { 'zh-CN': '不超过 60 字', 'en-US': 'Up to 60 characters' },
  'content.form.body': { 'zh-CN': '正文', 'en-US': 'Body' },
  'content.form.bodyHint': { 'zh-CN': '支持 Markdown', 'en-US': 'Markdown is supported' },
  'content.form.category': { 'zh-CN': '分类', 'en-US': 'Category' },
  'content.form.tags': { 'zh-CN': '标签', 'en-US': 'Tags' },
  'content.form.tagsHint': {
    'zh-CN': '多个标签用逗号或顿号分隔，如 家风、节俭',
    'en-US': 'Separate tags with commas',
  },
  'content.form.source': { 'zh-CN': '来源', 'en-US': 'Source' },
  'content.form.sourceHint': { 'zh-CN': '如《论语·颜渊》', 'en-US': 'e.g. The Analects' },
  'content.form.question': { 'zh-CN': '小测验题目（可选）', 'en-US': 'Quiz question (optional)' },
  'content.form.questionHint': { 'zh-CN': '一道单选题', 'en-US': 'One single-choice question' },
  'content.form.options': { 'zh-CN': '选项', 'en-US': 'Options' },
  'content.form.optionsHint': { 'zh-CN': '用“|”分隔，2–6 个', 'en-US': '2–6 options separated by "|"' },
  'content.form.answer': { 'zh-CN': '答案', 'en-US': 'Answer' },
  'content.form.answerHint': { 'zh-CN': '字母，如 B', 'en-US': 'A letter, e.g. B' },
  'content.form.explanation': { 'zh-CN': '解析', 'en-US': 'Explanation' },
  'content.form.explanationHint': { 'zh-CN': '答题后显示', 'en-US': 'Shown after answering' },
  'content.form.required': {
    'zh-CN': '必学（未点“已学习”的同事将收到一次提醒）',
    'en-US': 'Required reading (one reminder to those who have not read it)',
  },
  'content.form.submit': { 'zh-CN': '保存', 'en-US': 'Save' },
  'content.added': { 'zh-CN': '已添加学习内容 {id}「{title}」。', 'en-US': 'Added {id} "{title}".' },

  'content.list.summary': {
    'zh-CN': '查看学习内容库（可按标签筛选）',
    'en-US': 'List the content library (optionally by tag)',
  },
  'content.list.usage': { 'zh-CN': '/content list [标签]', 'en-US': '/content list [tag]' },
  'content.list.example': { 'zh-CN': '/content list 家风', 'en-US': '/content list 家风' },
  'content.list.title': { 'zh-CN': '学习内容库（共 {count} 条）', 'en-US': 'Content library ({count})' },
  'content.list.titleTag': {
    'zh-CN': '标签“{tag}”的学习内容（共 {count} 条）',
    'en-US': 'Items tagged "{tag}" ({count})',
  },
  'content.list.line': {
    'zh-CN': '**{id}** {title}（{category}）{tags}{flags}',
    'en-US': '**{id}** {title} ({category}) {tags}{flags}',
  },
  'content.list.hasQuiz': { 'zh-CN': ' 📝', 'en-US': ' 📝' },
  'content.list.required': { 'zh-CN': ' 【必学】', 'en-US': ' [required]' },
  'content.list.empty': { 'zh-CN': '暂无内容。', 'en-US': 'Nothing here yet.' },
  'content.list.more': {
    'zh-CN': '另有 {count} 条未显示，请按标签筛选。',
    'en-US': '{count} more not shown; filter by tag.',
  },
  'content.list.hint': {
    'zh-CN': '发送 /content show 编号 查看全文；/broadcast 编号 立即推送。',
    'en-US': 'Send /content show <id> for the full text; /broadcast <id> to send it now.',
  },

  'content.show.summary': { 'zh-CN': '查看一条学习内容', 'en-US': 'Show one item' },
  'content.show.usage': {
    'zh-CN': '/content show 编号（如 C001）',
    'en-US': '/content show <id> (e.g. C001)',
  },
  'content.show.title': { 'zh-CN': '{id} {title}', 'en-US': '{id} {title}' },
  'content.show.answer': {
    'zh-CN': '答案：{answer}。{explanation}',
    'en-US': 'Answer: {answer}. {explanation}',
  },
  'content.show.footer': { 'zh-CN': '编号 {id}', 'en-US': 'Id {id}' },

  'content.edit.summary': { 'zh-CN': '修改一条学习内容', 'en-US': 'Edit an item' },
  'content.edit.usage': {
    'zh-CN': '/content edit 编号 标题|正文|分类|标签|来源|必学|图片 新内容',
    'en-US': '/content edit <id> 标题|正文|分类|标签|来源|必学|图片 <value>',
  },
  'content.edit.example': {
    'zh-CN': '/content edit C001 标签 慎独、拒贿',
    'en-US': '/content edit C001 标签 慎独,拒贿',
  },
  'content.edit.fieldUnknown': {
    'zh-CN': '可修改的项目有：标题、正文、分类、标签、来源、必学、图片。例如 /content edit C001 必学 是',
    'en-US': 'You can edit: 标题 正文 分类 标签 来源 必学 图片, e.g. /content edit C001 必学 是',
  },
  'content.edited': { 'zh-CN': '已修改 {id} 的{field}。', 'en-US': 'Updated the {field} of {id}.' },
  'content.field.title': { 'zh-CN': '标题', 'en-US': 'title' },
  'content.field.body': { 'zh-CN': '正文', 'en-US': 'body' },
  'content.field.category': { 'zh-CN': '分类', 'en-US': 'category' },
  'content.field.tags': { 'zh-CN': '标签', 'en-US': 'tags' },
  'content.field.source': { 'zh-CN': '来源', 'en-US': 'source' },
  'content.field.required': { 'zh-CN': '必学设置', 'en-US': 'required flag' },
  'content.field.imageKey': { 'zh-CN': '图片', 'en-US': 'image' },
  'content.field.quiz': { 'zh-CN': '小测验', 'en-US': 'quiz' },

  'content.remove.summary': { 'zh-CN': '从内容库删除一条内容', 'en-US': 'Remove an item' },
  'content.remove.usage': { 'zh-CN': '/content remove 编号', 'en-US': '/content remove <id>' },
  'content.removed': {
    'zh-CN': '已删除 {id}「{title}」（已推送的统计仍保留）。',
    'en-US': 'Removed {id} "{title}" (past statistics are kept).',
  },
  'content.err.notFound': {
    'zh-CN': '没有找到内容“{id}”。发送 /content list 查看编号。',
    'en-US': 'There is no item "{id}". Send /content list to see the ids.',
  },

  'content.import.summary': {
    'zh-CN': '批量导入学习内容（Markdown 或 JSON 文件）',
    'en-US': 'Import items from a Markdown or JSON file',
  },
  'content.import.usage': {
    'zh-CN': '/content import，然后在 10 分钟内把文件发给我',
    'en-US': '/content import, then send me the file within 10 minutes',
  },
  'content.import.guide': {
    'zh-CN':
      '请在 10 分钟内把 .md 或 .json 文件发给我。Markdown 格式：每条以“# 标题”开头，随后可写“分类：警示教育”“标签：家风、节俭”“来源：…”“必学：是”“问题：…”“选项：甲|乙|丙”“答案：B”“解析：…”，空一行后写正文。文件有任何错误都不会导入，我会按行号告诉您。',
    'en-US':
      'Send me a .md or .json file within 10 minutes. Markdown: each item starts with "# Title", then optional lines such as 分类：警示教育, 标签：a、b, 来源：…, 必学：是, 问题：…, 选项：a|b|c, 答案：B, 解析：…, then the body. A file with any error imports nothing; I will list the errors by line.',
  },
  'content.import.badType': {
    'zh-CN': '“{file}”不是 .md 或 .json 文件，请另存为这两种格式之一后重新发送。',
    'en-US': '"{file}" is not a .md or .json file; please save it as one of these and send it again.',
  },
  'content.import.rejected': {
    'zh-CN': '“{file}”有 {count} 处错误，未导入任何内容。请修改后重新发送：',
    'en-US': '"{file}" has {count} error(s); nothing was imported. Please fix and send it again:',
  },
  'content.import.moreErrors': { 'zh-CN': '……另有 {count} 处错误未列出。', 'en-US': '…and {count} more.' },
  'content.import.lineError': { 'zh-CN': '第 {line} 行：{reason}', 'en-US': 'Line {line}: {reason}' },
  'content.import.done': {
    'zh-CN': '已导入 {count} 条学习内容：{ids}',
    'en-US': 'Imported {count} item(s): {ids}',
  },

  'content.problem.titleMissing': {
    'zh-CN': '缺少标题，请在“# ”后写标题',
    'en-US': 'the title is missing; write it after "# "',
  },
  'content.problem.titleTooLong': {
    'zh-CN': '标题太长，请控制在 {value} 字以内',
    'en-US': 'the title is too long (at most {value} characters)',
  },
  'content.problem.bodyMissing': {
    'zh-CN': '缺少正文，请在标题和属性行之后写正文',
    'en-US': 'the body is missing',
  },
  'content.problem.bodyTooLong': {
    'zh-CN': '正文太长，请控制在 {value} 字以内',
    'en-US': 'the body is too long (at most {value} characters)',
  },
  'content.problem.category': {
    'zh-CN': '分类“{value}”不存在，请填 警示教育、党纪法规、清廉故事、家风家训、微课 或 其他',
    'en-US': 'unknown category "{value}"; use 警示教育, 党纪法规, 清廉故事, 家风家训, 微课 or 其他',
  },
  'content.problem.tagTooLong': {
    'zh-CN': '标签“{value}”太长，请控制在 20 字以内',
    'en-US': 'the tag "{value}" is too long (20 characters at most)',
  },
  'content.problem.quizQuestion': {
    'zh-CN': '小测验缺少题目，请写“问题：…”',
    'en-US': 'the quiz has no question',
  },
  'content.problem.quizOptions': {
    'zh-CN': '小测验需要 2–6 个选项，用“|”分隔',
    'en-US': 'the quiz needs 2–6 options separated by "|"',
  },
  'content.problem.quizAnswer': {
    'zh-CN': '答案“{value}”对不上选项，请填选项字母（如 B）',
    'en-US': 'the answer "{value}" matches no option; use its letter (e.g. B)',
  },
  'content.problem.quizIncomplete': {
    'zh-CN': '小测验不完整，“问题”“选项”“答案”三项都要填写',
    'en-US': 'the quiz is incomplete: 问题, 选项 and 答案 are all needed',
  },
  'content.problem.required': {
    'zh-CN': '“必学”请填“是”或“否”，不能是“{value}”',
    'en-US': '必学 must be 是 or 否, not "{value}"',
  },
  'content.problem.noItems': {
    'zh-CN': '文件里没有内容，请以“# 标题”开始每一条',
    'en-US': 'the file has no items; start each with "# Title"',
  },
  'content.problem.beforeFirst': {
    'zh-CN': '第一条内容之前不能有文字，请以“# 标题”开头',
    'en-US': 'text before the first item; start with "# Title"',
  },
  'content.problem.json': {
    'zh-CN': 'JSON 格式有误（如缺少逗号、引号或括号），请检查这一行',
    'en-US': 'invalid JSON near this line',
  },
  'content.problem.notArray': {
    'zh-CN': 'JSON 文件应是一个数组 [ {…}, {…} ]',
    'en-US': 'the JSON file must be an array [ {…}, {…} ]',
  },
  'content.problem.notObject': {
    'zh-CN': '这一项应是一个对象 {…}',
    'en-US': 'this entry must be an object {…}',
  },
  'content.problem.tooMany': {
    'zh-CN': '一次最多导入 {value} 条，请拆分文件',
    'en-US': 'at most {value} items per file; please split it',
  },

  'broadcast.card.title': { 'zh-CN': '清廉学习｜{title}', 'en-US': 'Integrity learning | {title}' },
  'broadcast.card.source': { 'zh-CN': '来源：{source}', 'en-US': 'Source: {source}' },
  'broadcast.card.required': {
    'zh-CN': '【必学】请认真学习后点击“已学习”。',
    'en-US': '[Required] Please read it and press 已学习.',
  },
  'broadcast.card.quiz': { 'zh-CN': '**小测验**：{question}', 'en-US': '**Quiz**: {question}' },
  'broadcast.card.ack': { 'zh-CN': '已学习', 'en-US': 'I have read it' },
  'broadcast.ack.done': { 'zh-CN': '已记录，感谢您的学习！', 'en-US': 'Recorded. Thank you for reading!' },
  'broadcast.ack.again': {
    'zh-CN': '您已学习过本期内容，无需重复点击。',
    'en-US': 'You have already marked this as read.',
  },
  'broadcast.quiz.right': { 'zh-CN': '回答正确！', 'en-US': 'Correct!' },
  'broadcast.quiz.wrong': {
    'zh-CN': '回答错误，正确答案是 {answer}。',
    'en-US': 'Not quite: the answer is {answer}.',
  },
  'broadcast.quiz.explanation': { 'zh-CN': '解析：{text}', 'en-US': ' {text}' },
  'broadcast.quiz.againRight': {
    'zh-CN': '您已作答（以首次为准）：回答正确，答案 {answer}。',
    'en-US': 'You already answered (first answer counts): correct, {answer}.',
  },
  'broadcast.quiz.againWrong': {
    'zh-CN': '您已作答（以首次为准）：回答错误，正确答案 {answer}。',
    'en-US': 'You already answered (first answer counts): wrong; the answer is {answer}.',
  },
  'broadcast.remind.text': {
    'zh-CN': '您好，必学内容「{title}」您还没有点击“已学习”，请抽空在群聊卡片上学习并确认。',
    'en-US':
      'Hello, you have not yet marked the required reading "{title}" as read. Please read it on the group card and press 已学习.',
  },

  'broadcast.send.summary': { 'zh-CN': '立即推送一条学习内容', 'en-US': 'Send an item now' },
  'broadcast.send.usage': {
    'zh-CN': '/broadcast 内容编号 [全部|本群|部门名…] [提醒 小时]',
    'en-US': '/broadcast <item id> [全部|本群|department…] [提醒 <hours>]',
  },
  'broadcast.send.example': { 'zh-CN': '/broadcast C001 全部', 'en-US': '/broadcast C001 全部' },
  'broadcast.sent': {
    'zh-CN': '已开始推送 {id}：「{title}」发往 {chats} 个群。发送 /broadcast stats {id} 查看学习情况。',
    'en-US':
      'Broadcast {id} started: "{title}" to {chats} chat(s). Send /broadcast stats {id} for the figures.',
  },
  'broadcast.sentRequired': {
    'zh-CN': '这是必学内容，{hours} 小时后会私信提醒未点“已学习”的同事一次。',
    'en-US': ' Required reading: those who have not read it get one reminder after {hours} h.',
  },
  'broadcast.err.hereInP2p': {
    'zh-CN': '“本群”只能在群聊中 @我 使用；单聊请写部门名或“全部”。',
    'en-US': '本群 works only in a group; in p2p name departments or 全部.',
  },
  'broadcast.err.targetUnknown': {
    'zh-CN': '没有找到部门“{value}”。目标可写：全部、本群、部门名称（多个用逗号分隔）。',
    'en-US': 'No department "{value}". Targets: 全部, 本群, or department names.',
  },
  'broadcast.err.remindHours': {
    'zh-CN': '提醒时间请写小时数，例如 提醒 24',
    'en-US': 'Give the reminder delay in hours, e.g. 提醒 24',
  },
  'broadcast.err.scope': {
    'zh-CN': '部门负责人只能向本部门（及下级部门）的群推送。',
    'en-US': 'Leaders can only send to chats of their own departments.',
  },
  'broadcast.err.noChats': {
    'zh-CN': '没有可推送的群。请先在群里 @我 发送 /chat bind 部门名 绑定部门。',
    'en-US': 'No chats to send to. Bind a group first with /chat bind <department>.',
  },
  'broadcast.err.notFound': { 'zh-CN': '没有找到推送“{id}”。', 'en-US': 'There is no broadcast "{id}".' },

  'broadcast.stats.summary': {
    'zh-CN': '查看推送的送达、学习和答题情况',
    'en-US': 'Delivery, reading and quiz figures of a broadcast',
  },
  'broadcast.stats.usage': {
    'zh-CN': '/broadcast stats [推送编号]（不写则为最近一次）',
    'en-US': '/broadcast stats [broadcast id] (default: the latest)',
  },
  'broadcast.stats.title': { 'zh-CN': '推送统计 {id}', 'en-US': 'Broadcast {id}' },
  'broadcast.stats.none': { 'zh-CN': '还没有推送记录。', 'en-US': 'Nothing has been broadcast yet.' },
  'broadcast.stats.item': {
    'zh-CN': '内容：{id}「{title}」　推送时间：{at}',
    'en-US': 'Item: {id} "{title}"  sent {at}',
  },
  'broadcast.stats.delivered': {
    'zh-CN': '送达：{delivered}/{chats} 个群',
    'en-US': 'Delivered: {delivered}/{chats} chats',
  },
  'broadcast.stats.acks': { 'zh-CN': '已学习：{acks} 人', 'en-US': 'Read: {acks} people' },
  'broadcast.stats.quiz': {
    'zh-CN': '答题：{answered} 人，答对 {correct} 人，正确率 {rate}',
    'en-US': 'Quiz: {answered} answered, {correct} right ({rate})',
  },
  'broadcast.stats.byDept': { 'zh-CN': '**按部门**', 'en-US': '**By department**' },
  'broadcast.stats.deptLine': {
    'zh-CN': '· {name}：送达 {delivered} 群，已学习 {acks} 人',
    'en-US': '· {name}: {delivered} chats, {acks} read',
  },
  'broadcast.stats.deptLineQuiz': {
    'zh-CN': '· {name}：送达 {delivered} 群，已学习 {acks} 人，答题 {answered} 人，正确率 {rate}',
    'en-US': '· {name}: {delivered} chats, {acks} read, {answered} answered, {rate} right',
  },
  'broadcast.stats.noDept': { 'zh-CN': '未分配部门', 'en-US': 'No department' },

  'schedule.add.summary': { 'zh-CN': '添加定时推送计划', 'en-US': 'Add a broadcast schedule' },
  'schedule.add.usage': {
    'zh-CN':
      '/schedule add 时间 [目标 全部|部门名] [标签 某标签 | 内容 编号] [主题 标签 起~止] [跳过节假日] [提醒 小时]。时间可写：每周一 09:00、每天 09:00、工作日 09:00、每月1日 09:00、纪念日 09:00、2026-05-04 09:00,2026-07-01 09:00，或 cron 0 9 * * 1',
    'en-US':
      '/schedule add <time> [目标 全部|dept] [标签 tag | 内容 id] [主题 tag from~to] [跳过节假日] [提醒 hours]. Time: 每周一 09:00, 每天 09:00, 工作日 09:00, 每月1日 09:00, 纪念日 09:00, a date list, or cron 0 9 * * 1',
  },
  'schedule.add.example': {
    'zh-CN': '/schedule add 每周一 09:00 目标 全部 标签 家风 跳过节假日',
    'en-US': '/schedule add 每周一 09:00 目标 全部 标签 家风 跳过节假日',
  },
  'schedule.added': {
    'zh-CN': '已添加推送计划 {id}：{summary}。下次推送：{next}。',
    'en-US': 'Schedule {id} added: {summary}. Next: {next}.',
  },
  'schedule.never': { 'zh-CN': '无（时间均已过去）', 'en-US': 'none (all times have passed)' },
  'schedule.timing.empty': {
    'zh-CN': '请写推送时间，例如 每周一 09:00',
    'en-US': 'Give a time, e.g. 每周一 09:00',
  },
  'schedule.timing.time': {
    'zh-CN': '时间“{value}”看不懂，请写成 09:00 这样的格式',
    'en-US': 'Cannot read the time "{value}"; write it like 09:00',
  },
  'schedule.timing.cron': {
    'zh-CN': 'cron 表达式“{value}”有误，请写 5 段，例如 cron 0 9 * * 1',
    'en-US': 'Invalid cron "{value}"; use 5 fields, e.g. cron 0 9 * * 1',
  },
  'schedule.timing.date': {
    'zh-CN': '日期“{value}”看不懂，请写成 2026-05-04 09:00',
    'en-US': 'Cannot read the date "{value}"; write it like 2026-05-04 09:00',
  },
  'schedule.timing.past': {
    'zh-CN': '“{value}”已经过去，请写以后的时间',
    'en-US': '"{value}" is in the past',
  },
  'schedule.timing.unknown': {
    'zh-CN':
      '推送时间“{value}”看不懂。可写：每周一 09:00、每天 09:00、工作日 09:00、每月1日 09:00、纪念日 09:00、2026-05-04 09:00，或 cron 0 9 * * 1',
    'en-US':
      'Cannot read the time "{value}". Try 每周一 09:00, 每天 09:00, 每月1日 09:00, 纪念日 09:00, a date, or cron 0 9 * * 1',
  },
  'schedule.err.theme': {
    'zh-CN': '主题请写成：主题 标签 起始日期~结束日期，例如 主题 家风 2026-01-01~2026-12-31',
    'en-US': 'Write the theme as: 主题 <tag> <from>~<to>, e.g. 主题 家风 2026-01-01~2026-12-31',
  },
  'schedule.err.notFound': {
    'zh-CN': '没有找到推送计划“{id}”。发送 /schedule list 查看编号。',
    'en-US': 'There is no schedule "{id}". Send /schedule list.',
  },
  'schedule.desc.fixed': { 'zh-CN': '固定推送 {id}', 'en-US': 'always {id}' },
  'schedule.desc.tag': { 'zh-CN': '轮换标签“{tag}”', 'en-US': 'rotating tag "{tag}"' },
  'schedule.desc.all': { 'zh-CN': '轮换全部内容', 'en-US': 'rotating the whole library' },
  'schedule.desc.toAll': { 'zh-CN': '发往全部已绑定群', 'en-US': 'to every bound chat' },
  'schedule.desc.toSome': { 'zh-CN': '发往 {count} 个目标', 'en-US': 'to {count} target(s)' },
  'schedule.desc.theme': {
    'zh-CN': '主题“{tag}”（{from}~{to}）优先',
    'en-US': 'theme "{tag}" ({from}~{to}) first',
  },
  'schedule.desc.skip': { 'zh-CN': '节假日不发', 'en-US': 'not on rest days' },
  'schedule.desc.separator': { 'zh-CN': '，', 'en-US': ', ' },
  'schedule.list.summary': { 'zh-CN': '查看推送计划', 'en-US': 'List broadcast schedules' },
  'schedule.list.usage': { 'zh-CN': '/schedule list', 'en-US': '/schedule list' },
  'schedule.list.title': { 'zh-CN': '推送计划（共 {count} 个）：', 'en-US': 'Schedules ({count}):' },
  'schedule.list.line': { 'zh-CN': '{id}【{state}】{summary}', 'en-US': '{id} [{state}] {summary}' },
  'schedule.list.empty': {
    'zh-CN': '还没有推送计划。发送 /schedule add 添加。',
    'en-US': 'No schedules yet. Add one with /schedule add.',
  },
  'schedule.state.active': { 'zh-CN': '运行中', 'en-US': 'active' },
  'schedule.state.paused': { 'zh-CN': '已暂停', 'en-US': 'paused' },
  'schedule.state.removed': { 'zh-CN': '已删除', 'en-US': 'removed' },
  'schedule.pause.summary': { 'zh-CN': '暂停推送计划', 'en-US': 'Pause a schedule' },
  'schedule.pause.usage': { 'zh-CN': '/schedule pause 计划编号', 'en-US': '/schedule pause <id>' },
  'schedule.resume.summary': { 'zh-CN': '恢复推送计划', 'en-US': 'Resume a schedule' },
  'schedule.resume.usage': { 'zh-CN': '/schedule resume 计划编号', 'en-US': '/schedule resume <id>' },
  'schedule.remove.summary': { 'zh-CN': '删除推送计划', 'en-US': 'Remove a schedule' },
  'schedule.remove.usage': { 'zh-CN': '/schedule remove 计划编号', 'en-US': '/schedule remove <id>' },
  'schedule.paused': { 'zh-CN': '已暂停推送计划 {id}。', 'en-US': 'Schedule {id} paused.' },
  'schedule.resumed': {
    'zh-CN': '已恢复推送计划 {id}，下次推送：{next}。',
    'en-US': 'Schedule {id} resumed; next: {next}.',
  },
  'schedule.removed': { 'zh-CN': '已删除推送计划 {id}。', 'en-US': 'Schedule {id} removed.' },
} as const;
