/** User-facing strings of the ledger features (zh-CN first, en-US second). Placeholders are {name}. */
export const ledgerMessages = {
  // /task import
  'ledger.import.summary': {
    'zh-CN': '从 CSV 或 Excel 台账批量导入任务',
    'en-US': 'Import tasks from a CSV or Excel ledger',
  },
  'ledger.import.usage': {
    'zh-CN': '/task import（然后在 10 分钟内发送文件）',
    'en-US': '/task import (then send the file within 10 minutes)',
  },
  'ledger.import.guideTitle': { 'zh-CN': '批量导入任务', 'en-US': 'Import tasks' },
  'ledger.import.guideBody': {
    'zh-CN':
      '请在 **10 分钟内** 在本对话中发送 CSV 或 Excel（.xlsx）文件，不超过 5 MB。第一行为表头，列名如下：\n' +
      '- **任务**（必填，不超过 100 个字）\n' +
      '- **类别**（选填：创建任务、整改任务、重点工作、其他；留空即“其他”）\n' +
      '- **负责人**（必填：姓名、open_id、手机号或邮箱，多人用“、”或“,”分隔）\n' +
      '- **截止时间**（必填，须晚于现在，例如 2026-12-05 18:00；只写日期则按 18:00）\n' +
      '- **督办领导**（选填：一人，写法同负责人）\n' +
      '- **群**（选填：已绑定部门的群名称，任务提醒发到该群）',
    'en-US':
      'Within **10 minutes**, send a CSV or Excel (.xlsx) file of at most 5 MB in this chat. The first row names the columns:\n' +
      '- **任务** (title, required, at most 100 characters)\n' +
      '- **类别** (category, optional: 创建任务, 整改任务, 重点工作, 其他; empty = 其他)\n' +
      '- **负责人** (owners, required: names, open_ids, mobiles or emails separated by 、 or ,)\n' +
      '- **截止时间** (deadline, required, in the future, e.g. 2026-12-05 18:00; a date alone means 18:00)\n' +
      '- **督办领导** (leader, optional: one person)\n' +
      '- **群** (group, optional: the name of a group bound to a department)',
  },
  'ledger.import.guideExample': { 'zh-CN': '示例：', 'en-US': 'Example:' },
  'ledger.import.guideNotes': {
    'zh-CN':
      '先检查全部行，有问题的行按行号列出且不导入，其余每行创建一项任务。同一行重复发送不会重复创建，修改错误行后可重新发送整个文件。模板文件随后发送。',
    'en-US':
      'Every row is checked first; rows with problems are listed by number and not imported, every other row becomes one task. Rows already imported are never created twice, so fix the bad rows and resend the whole file. A template follows.',
  },
  'ledger.import.templateName': { 'zh-CN': '任务导入模板.csv', 'en-US': 'task-import-template.csv' },
  'ledger.import.empty': {
    'zh-CN':
      '文件中没有数据。第一行应为表头（任务、类别、负责人、截止时间、督办领导、群），从第二行起每行一项任务。',
    'en-US':
      'The file has no data. The first row names the columns (任务, 类别, 负责人, 截止时间, 督办领导, 群); then one task per row.',
  },
  'ledger.import.missingColumns': {
    'zh-CN': '表头缺少：{columns}。请在第一行写上列名，例如：任务,类别,负责人,截止时间,督办领导,群',
    'en-US':
      'The header lacks: {columns}. Please name the columns in the first row, e.g. 任务,类别,负责人,截止时间,督办领导,群',
  },
  'ledger.import.column.title': { 'zh-CN': '任务', 'en-US': '任务 (title)' },
  'ledger.import.column.owners': { 'zh-CN': '负责人', 'en-US': '负责人 (owners)' },
  'ledger.import.column.deadline': { 'zh-CN': '截止时间', 'en-US': '截止时间 (deadline)' },
  'ledger.import.tooManyRows': {
    'zh-CN': '文件有 {rows} 行数据，一次最多导入 {max} 行，请分成几个文件发送。',
    'en-US': 'The file has {rows} rows; at most {max} can be imported at once. Please split it.',
  },
  'ledger.import.resultTitle': { 'zh-CN': '任务导入结果', 'en-US': 'Task import result' },
  'ledger.import.resultFile': { 'zh-CN': '文件：{file}', 'en-US': 'File: {file}' },
  'ledger.import.resultCounts': {
    'zh-CN': '共 {total} 行：新建任务 **{created}** 项，此前已导入 {existing} 项，跳过 **{skipped}** 行。',
    'en-US':
      '{total} rows: **{created}** tasks created, {existing} imported before, **{skipped}** rows skipped.',
  },
  'ledger.import.resultAllGood': { 'zh-CN': '全部导入成功。', 'en-US': 'Every row was imported.' },
  'ledger.import.resultErrorsTitle': {
    'zh-CN': '以下各行未导入（其余各行已导入）：',
    'en-US': 'These rows were not imported (the others were):',
  },
  'ledger.import.resultMoreErrors': {
    'zh-CN': '另有 {count} 行错误未列出，完整清单见随后发送的文件“{file}”。',
    'en-US': '{count} more rows have errors; the full list follows in "{file}".',
  },
  'ledger.import.resultRetry': {
    'zh-CN': '请修改后重新发送文件（超过 10 分钟请先发送 /task import）；已导入的行不会重复创建。',
    'en-US':
      'Fix them and send the file again (after 10 minutes, send /task import first); rows already imported are not created twice.',
  },
  'ledger.import.resultInterrupted': {
    'zh-CN':
      '导入在第 {line} 行中断（数据库暂时不可用），此前的行已导入。请稍后重新发送同一文件，已导入的行不会重复创建。',
    'en-US':
      'The import stopped at row {line} (database unavailable); earlier rows are in. Send the same file again later; nothing is created twice.',
  },
  'ledger.import.errorsFileName': {
    'zh-CN': '任务导入错误-{file}.csv',
    'en-US': 'task-import-errors-{file}.csv',
  },
  'ledger.import.errorsHeader.line': { 'zh-CN': '行号', 'en-US': 'Row' },
  'ledger.import.errorsHeader.title': { 'zh-CN': '任务', 'en-US': 'Task' },
  'ledger.import.errorsHeader.problem': { 'zh-CN': '问题', 'en-US': 'Problem' },
  'ledger.import.rowError': { 'zh-CN': '第 {line} 行：{reason}', 'en-US': 'Row {line}: {reason}' },
  'ledger.problem.titleMissing': { 'zh-CN': '缺少任务名称', 'en-US': 'the task title is missing' },
  'ledger.problem.titleTooLong': {
    'zh-CN': '任务名称超过 100 个字',
    'en-US': 'the task title is longer than 100 characters',
  },
  'ledger.problem.categoryInvalid': {
    'zh-CN': '类别“{value}”无法识别，请填写 创建任务、整改任务、重点工作 或 其他',
    'en-US': 'category "{value}" is unknown; use 创建任务, 整改任务, 重点工作 or 其他',
  },
  'ledger.problem.ownersMissing': { 'zh-CN': '缺少负责人', 'en-US': 'no owner is given' },
  'ledger.problem.ownersTooMany': {
    'zh-CN': '负责人超过 {value} 人，请拆分为几项任务',
    'en-US': 'more than {value} owners; please split the task',
  },
  'ledger.problem.ownerUnknown': {
    'zh-CN': '找不到负责人“{value}”，请核对姓名（须已在成员名单中），或改填手机号、邮箱或 open_id',
    'en-US':
      'owner "{value}" is unknown; check the name (it must be in the member list) or give a mobile, email or open_id',
  },
  'ledger.problem.ownerAmbiguous': {
    'zh-CN': '负责人“{value}”有重名，请改填手机号、邮箱或 open_id',
    'en-US': 'several people are called "{value}"; give a mobile, email or open_id instead',
  },
  'ledger.problem.ownerOutside': {
    'zh-CN': '负责人“{value}”不在您分管的部门，请联系管理员导入',
    'en-US': 'owner "{value}" is not in a department you lead; ask an admin to import this row',
  },
  'ledger.problem.deadlineMissing': { 'zh-CN': '缺少截止时间', 'en-US': 'the deadline is missing' },
  'ledger.problem.deadlineInvalid': {
    'zh-CN': '截止时间“{value}”无法识别，请写成 2026-12-05 18:00 这样的形式',
    'en-US': 'deadline "{value}" is not understood; write it like 2026-12-05 18:00',
  },
  'ledger.problem.deadlinePast': {
    'zh-CN': '截止时间“{value}”已过，请填写晚于现在的时间',
    'en-US': 'deadline "{value}" has passed; give a later time',
  },
  'ledger.problem.leaderUnknown': {
    'zh-CN': '找不到督办领导“{value}”，请核对姓名，或改填手机号、邮箱或 open_id',
    'en-US': 'leader "{value}" is unknown; check the name or give a mobile, email or open_id',
  },
  'ledger.problem.leaderAmbiguous': {
    'zh-CN': '督办领导“{value}”有重名，请改填手机号、邮箱或 open_id',
    'en-US': 'several people are called "{value}"; give the leader\'s mobile, email or open_id',
  },
  'ledger.problem.leaderMultiple': {
    'zh-CN': '督办领导只能填一人（“{value}”）',
    'en-US': 'give one leader only ("{value}")',
  },
  'ledger.problem.chatUnknown': {
    'zh-CN': '群“{value}”不存在或尚未绑定部门，请先在该群 @我 发送 /chat bind 部门名',
    'en-US': 'group "{value}" is unknown or not bound; @ me there with /chat bind <department> first',
  },
  'ledger.problem.chatAmbiguous': {
    'zh-CN': '有多个名为“{value}”的群，请先修改群名称',
    'en-US': 'several groups are called "{value}"; rename one first',
  },
  'ledger.problem.duplicate': {
    'zh-CN': '与第 {value} 行内容相同，已按第 {value} 行导入',
    'en-US': 'the same as row {value}, which was imported',
  },
  'ledger.problem.rejected': { 'zh-CN': '{value}', 'en-US': '{value}' },

  // /task export
  'ledger.export.summary': {
    'zh-CN': '导出任务台账（Excel，或 CSV）',
    'en-US': 'Export the task ledgers (Excel, or CSV)',
  },
  'ledger.export.usage': {
    'zh-CN': '/task export [csv] [起始日期] [结束日期]（按任务创建日期筛选）',
    'en-US': '/task export [csv] [from date] [to date] (by the day a task was created)',
  },
  'ledger.export.example': {
    'zh-CN': '/task export 2026-11-01 2026-11-30',
    'en-US': '/task export 2026-11-01 2026-11-30',
  },
  'ledger.export.argsInvalid': {
    'zh-CN':
      '参数不对。可写 csv 和一至两个日期（如 2026-11-01），例如 /task export 2026-11-01 2026-11-30 或 /task export csv。',
    'en-US':
      'Give csv and/or one or two dates like 2026-11-01, e.g. /task export 2026-11-01 2026-11-30 or /task export csv.',
  },
  'ledger.export.rangeInvalid': {
    'zh-CN': '结束日期早于起始日期，请调换后重新输入。',
    'en-US': 'The end date is before the start date; please swap them.',
  },
  'ledger.export.empty': {
    'zh-CN': '所选范围内没有任务，未生成文件。',
    'en-US': 'No tasks in that range; no file was made.',
  },
  'ledger.export.tooLarge': {
    'zh-CN': '任务过多（超过 {max} 项），请指定较短的日期范围，例如 /task export 2026-11-01 2026-11-30。',
    'en-US':
      'Too many tasks (over {max}). Please give a shorter range, e.g. /task export 2026-11-01 2026-11-30.',
  },
  'ledger.export.done': {
    'zh-CN': '已导出 {count} 项任务，文件随后发送：{files}',
    'en-US': '{count} tasks exported; the files follow: {files}',
  },
  'ledger.export.sentPrivately': {
    'zh-CN': '已导出 {count} 项任务，文件已通过单聊发给您。',
    'en-US': '{count} tasks exported; the files were sent to you in a private chat.',
  },
  'ledger.export.scopeLeader': {
    'zh-CN': '（仅含您分管部门的任务）',
    'en-US': '(tasks of your departments only)',
  },
  'ledger.export.fileName': { 'zh-CN': '任务台账-{date}.xlsx', 'en-US': 'task-ledgers-{date}.xlsx' },
  'ledger.export.csvFileName': { 'zh-CN': '{sheet}-{date}.csv', 'en-US': '{sheet}-{date}.csv' },
  'ledger.sheet.tasks': { 'zh-CN': '任务清单', 'en-US': 'Tasks' },
  'ledger.sheet.duties': { 'zh-CN': '责任清单', 'en-US': 'Responsibilities' },
  'ledger.sheet.deadlines': { 'zh-CN': '创建时限清单', 'en-US': 'Creation deadlines' },
  'ledger.sheet.rectify': { 'zh-CN': '整改清单', 'en-US': 'Rectification' },
  'ledger.sheet.closeouts': { 'zh-CN': '销号清单', 'en-US': 'Close-outs' },
  'ledger.col.id': { 'zh-CN': '编号', 'en-US': 'ID' },
  'ledger.col.title': { 'zh-CN': '任务', 'en-US': 'Task' },
  'ledger.col.category': { 'zh-CN': '类别', 'en-US': 'Category' },
  'ledger.col.owners': { 'zh-CN': '负责人', 'en-US': 'Owners' },
  'ledger.col.owner': { 'zh-CN': '负责人', 'en-US': 'Owner' },
  'ledger.col.leader': { 'zh-CN': '督办领导', 'en-US': 'Leader' },
  'ledger.col.deadline': { 'zh-CN': '截止时间', 'en-US': 'Deadline' },
  'ledger.col.state': { 'zh-CN': '状态', 'en-US': 'Status' },
  'ledger.col.creator': { 'zh-CN': '创建人', 'en-US': 'Created by' },
  'ledger.col.createdAt': { 'zh-CN': '创建时间', 'en-US': 'Created at' },
  'ledger.col.department': { 'zh-CN': '部门', 'en-US': 'Department' },
  'ledger.col.confirmedAt': { 'zh-CN': '确认时间', 'en-US': 'Confirmed at' },
  'ledger.col.submittedAt': { 'zh-CN': '提交时间', 'en-US': 'Submitted at' },
  'ledger.col.approvedAt': { 'zh-CN': '销号时间', 'en-US': 'Closed out at' },
  'ledger.col.timeLeft': { 'zh-CN': '剩余时限', 'en-US': 'Time left' },
  'ledger.col.progress': { 'zh-CN': '整改进度', 'en-US': 'Progress' },
  'ledger.col.returns': { 'zh-CN': '退回次数', 'en-US': 'Returns' },
  'ledger.col.returnReasons': { 'zh-CN': '退回原因', 'en-US': 'Return reasons' },
  'ledger.col.note': { 'zh-CN': '完成说明', 'en-US': 'Completion note' },
  'ledger.col.approver': { 'zh-CN': '审核人', 'en-US': 'Approved by' },
  'ledger.category.create': { 'zh-CN': '创建任务', 'en-US': 'Creation task' },
  'ledger.category.rectify': { 'zh-CN': '整改任务', 'en-US': 'Rectification' },
  'ledger.category.key': { 'zh-CN': '重点工作', 'en-US': 'Key work' },
  'ledger.category.other': { 'zh-CN': '其他', 'en-US': 'Other' },
  'ledger.taskState.open': { 'zh-CN': '进行中', 'en-US': 'open' },
  'ledger.taskState.overdue': { 'zh-CN': '已逾期', 'en-US': 'overdue' },
  'ledger.taskState.closed': { 'zh-CN': '已销号', 'en-US': 'closed out' },
  'ledger.taskState.cancelled': { 'zh-CN': '已取消', 'en-US': 'cancelled' },
  'ledger.ownerState.pending': { 'zh-CN': '未确认', 'en-US': 'not confirmed' },
  'ledger.ownerState.confirmed': { 'zh-CN': '已确认', 'en-US': 'confirmed' },
  'ledger.ownerState.submitted': { 'zh-CN': '已提交', 'en-US': 'submitted' },
  'ledger.ownerState.approved': { 'zh-CN': '已销号', 'en-US': 'closed out' },
  'ledger.timeLeft.days': { 'zh-CN': '剩余 {days} 天', 'en-US': '{days} days left' },
  'ledger.timeLeft.today': { 'zh-CN': '今日到期', 'en-US': 'due today' },
  'ledger.timeLeft.overdue': { 'zh-CN': '逾期 {days} 天', 'en-US': '{days} days overdue' },
  'ledger.timeLeft.done': { 'zh-CN': '已完成', 'en-US': 'done' },
  'ledger.timeLeft.cancelled': { 'zh-CN': '已取消', 'en-US': 'cancelled' },
  'ledger.progress': {
    'zh-CN': '{approved}/{total} 人已销号，{submitted} 人待审核',
    'en-US': '{approved}/{total} closed out, {submitted} awaiting approval',
  },
  'ledger.noApproval': { 'zh-CN': '无需审核', 'en-US': 'no approval needed' },

  'audit.action.task.import': { 'zh-CN': '导入任务', 'en-US': 'import tasks' },
  'audit.action.task.export': { 'zh-CN': '导出任务台账', 'en-US': 'export task ledgers' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
