/** User-facing strings of the import features (zh-CN first, en-US second). Placeholders are {name}. */
export const importMessages = {
  // /import members
  'import.members.summary': {
    'zh-CN': '导入成员名单（CSV 或 Excel 文件）',
    'en-US': 'Import a member list (CSV or Excel)',
  },
  'import.members.usage': {
    'zh-CN': '/import members（然后在 10 分钟内发送文件）',
    'en-US': '/import members (then send the file within 10 minutes)',
  },
  'import.guideTitle': { 'zh-CN': '导入成员名单', 'en-US': 'Import a member list' },
  'import.guideBody': {
    'zh-CN':
      '请在 **10 分钟内** 在本对话中发送 CSV 或 Excel（.xlsx）文件，不超过 5 MB。第一行为表头，列名如下：\n' +
      '- **姓名**（必填）\n' +
      '- **open_id**、**手机号** 或 **邮箱**（至少填一项，用来找到本人的飞书账号）\n' +
      '- **部门**（必填，须已创建，可用 /dept add 添加）\n' +
      '- **角色**（选填：成员、领导、监督员、管理员；留空即成员；领导即所填部门的分管领导）',
    'en-US':
      'Within **10 minutes**, send a CSV or Excel (.xlsx) file of at most 5 MB in this chat. The first row names the columns:\n' +
      '- **姓名** (name, required)\n' +
      '- **open_id**, **手机号** (mobile) or **邮箱** (email): at least one, to find the Feishu account\n' +
      '- **部门** (department, required; it must exist: /dept add)\n' +
      '- **角色** (role, optional: 成员 member, 领导 leader, 监督员 supervisor, 管理员 admin; empty = member)',
  },
  'import.guideExample': {
    'zh-CN': '示例：',
    'en-US': 'Example:',
  },
  'import.guideNotes': {
    'zh-CN':
      '导入会更新姓名和部门并授予所填角色，不会撤销已有角色（撤销请用 /role）。同一文件重复发送不会重复导入。模板文件随后发送，可直接填写。',
    'en-US':
      'An import sets names and departments and grants the roles given; it never removes a role (use /role for that). Sending the same file twice changes nothing. A template follows.',
  },
  'import.templateName': { 'zh-CN': '成员导入模板.csv', 'en-US': 'member-import-template.csv' },
  'import.received': {
    'zh-CN': '已收到“{file}”，正在导入，请稍候…',
    'en-US': 'Got "{file}", importing…',
  },
  'import.unsupportedType': {
    'zh-CN': '“{file}”不是可导入的文件。请发送 CSV（.csv）或 Excel（.xlsx）文件。',
    'en-US': '"{file}" cannot be imported. Please send a CSV (.csv) or Excel (.xlsx) file.',
  },
  'import.oldExcel': {
    'zh-CN': '暂不支持旧版 Excel（.xls）文件。请在 Excel 中“另存为” .xlsx 或 CSV 后重新发送。',
    'en-US':
      'Old Excel (.xls) files are not supported. Please save as .xlsx or CSV in Excel and send it again.',
  },
  'import.tooLarge': {
    'zh-CN': '文件超过 5 MB，无法导入。请删去多余的工作表或列，或分成几个文件发送。',
    'en-US':
      'The file is larger than 5 MB. Please remove extra sheets or columns, or split it into several files.',
  },
  'import.downloadFailed': {
    'zh-CN': '文件下载失败（错误码 {code}），请稍后重新发送。',
    'en-US': 'Could not download the file (code {code}). Please send it again later.',
  },
  'import.unreadable': {
    'zh-CN': '无法读取“{file}”，文件可能已损坏或格式不对。请用 Excel 重新保存为 .xlsx 或 CSV 后发送。',
    'en-US':
      'Could not read "{file}"; it may be damaged. Please save it again as .xlsx or CSV in Excel and resend.',
  },
  'import.limit.rows': {
    'zh-CN':
      '文件超过 {max} 行数据的上限（读到第 {line} 行时停止），未导入任何数据。请分成几个文件，每个不超过 {max} 行后重新发送。',
    'en-US':
      'The file has more than {max} data rows (reading stopped at row {line}); nothing was imported. Please split it into files of at most {max} rows and send them again.',
  },
  'import.limit.columns': {
    'zh-CN':
      '第 {line} 行第 {column} 列有内容，超过了 {max} 列的上限，未导入任何数据。请只保留模板中的列，删除右侧多余的列后重新发送。',
    'en-US':
      'Row {line} has a value in column {column}, beyond the limit of {max} columns; nothing was imported. Please keep only the template columns, delete the extra columns on the right and send it again.',
  },
  'import.limit.cellChars': {
    'zh-CN': '第 {line} 行有单元格超过 {max} 个字的上限，未导入任何数据。请删减该单元格的内容后重新发送。',
    'en-US':
      'A cell in row {line} is longer than {max} characters; nothing was imported. Please shorten it and send the file again.',
  },
  'import.limit.sharedStrings': {
    'zh-CN':
      '文件中的文字条目超过 {max} 条（或总字数过多），未导入任何数据。请删除与导入无关的工作表，或另存为 CSV 后重新发送。',
    'en-US':
      'The file holds more than {max} text entries (or too much text); nothing was imported. Please delete unrelated sheets, or save it as CSV, and send it again.',
  },
  'import.limit.unpacked': {
    'zh-CN':
      '文件解压后超过 {max} MB 的上限，未导入任何数据。请删除与导入无关的工作表和图片，或另存为 CSV 后重新发送。',
    'en-US':
      'Unpacked, the file is larger than {max} MB; nothing was imported. Please delete unrelated sheets and pictures, or save it as CSV, and send it again.',
  },
  'import.limit.zipEntries': {
    'zh-CN':
      '文件内部的部件超过 {max} 个，未导入任何数据。请在 Excel 中只保留名单所在的工作表，另存为 .xlsx 或 CSV 后重新发送。',
    'en-US':
      'The file has more than {max} internal parts; nothing was imported. Please keep only the sheet with the list, save it as .xlsx or CSV and send it again.',
  },
  'import.limit.fileBytes': {
    'zh-CN': '文件超过 {max} MB，无法导入。请删去多余的工作表或列，或分成几个文件发送。',
    'en-US':
      'The file is larger than {max} MB. Please remove extra sheets or columns, or split it into several files.',
  },
  'import.limit.time': {
    'zh-CN':
      '文件过于复杂，{max} 秒内未能读完，未导入任何数据。请删除与导入无关的工作表，或另存为 CSV 后重新发送。',
    'en-US':
      'The file is too complex to read within {max} seconds; nothing was imported. Please delete unrelated sheets, or save it as CSV, and send it again.',
  },
  'import.empty': {
    'zh-CN': '文件中没有数据。第一行应为表头（姓名、手机号、部门、角色），从第二行起每行一人。',
    'en-US':
      'The file has no data. The first row names the columns (姓名, 手机号, 部门, 角色); then one person per row.',
  },
  'import.missingColumns': {
    'zh-CN': '表头缺少：{columns}。请在第一行写上列名，例如：姓名,手机号,部门,角色',
    'en-US':
      'The header lacks: {columns}. Please name the columns in the first row, e.g. 姓名,手机号,部门,角色',
  },
  'import.column.name': { 'zh-CN': '姓名', 'en-US': '姓名 (name)' },
  'import.column.department': { 'zh-CN': '部门', 'en-US': '部门 (department)' },
  'import.column.id': {
    'zh-CN': 'open_id、手机号或邮箱（至少一项）',
    'en-US': 'open_id, 手机号 or 邮箱 (one of them)',
  },
  'import.tooManyRows': {
    'zh-CN': '文件有 {rows} 行数据，一次最多导入 {max} 行，请分成几个文件发送。',
    'en-US': 'The file has {rows} rows; at most {max} can be imported at once. Please split it.',
  },
  'import.directoryUnavailable': {
    'zh-CN': '暂时无法查询飞书通讯录，本次未导入任何数据。请稍后重新发送文件。',
    'en-US':
      'The Feishu directory cannot be reached right now; nothing was imported. Please send the file again later.',
  },
  'import.resultTitle': { 'zh-CN': '成员导入结果', 'en-US': 'Member import result' },
  'import.resultFile': { 'zh-CN': '文件：{file}', 'en-US': 'File: {file}' },
  'import.resultCounts': {
    'zh-CN':
      '共 {total} 行：新增 **{created}** 人，更新 **{updated}** 人，无变化 {unchanged} 人，跳过 **{skipped}** 行。',
    'en-US':
      '{total} rows: **{created}** added, **{updated}** updated, {unchanged} unchanged, **{skipped}** skipped.',
  },
  'import.resultAllGood': { 'zh-CN': '全部导入成功。', 'en-US': 'Every row was imported.' },
  'import.resultErrorsTitle': {
    'zh-CN': '以下各行未导入（其余各行已导入）：',
    'en-US': 'These rows were not imported (the others were):',
  },
  'import.resultMoreErrors': {
    'zh-CN': '另有 {count} 行错误未列出，完整清单见随后发送的文件“{file}”。',
    'en-US': '{count} more rows have errors; the full list follows in "{file}".',
  },
  'import.resultRetry': {
    'zh-CN': '请修改后重新发送文件（超过 10 分钟请先发送 /import members）；已导入的行不会重复写入。',
    'en-US':
      'Fix them and send the file again (after 10 minutes, send /import members first); rows already imported are not written twice.',
  },
  'import.resultInterrupted': {
    'zh-CN':
      '导入在第 {line} 行中断（数据库暂时不可用），此前的行已导入。请稍后重新发送同一文件，已导入的行不会重复写入。',
    'en-US':
      'The import stopped at row {line} (database unavailable); earlier rows are in. Send the same file again later; nothing is written twice.',
  },
  'import.errorsFileName': { 'zh-CN': '导入错误-{file}.csv', 'en-US': 'import-errors-{file}.csv' },
  'import.errorsHeader.line': { 'zh-CN': '行号', 'en-US': 'Row' },
  'import.errorsHeader.name': { 'zh-CN': '姓名', 'en-US': 'Name' },
  'import.errorsHeader.problem': { 'zh-CN': '问题', 'en-US': 'Problem' },
  'import.rowError': { 'zh-CN': '第 {line} 行：{reason}', 'en-US': 'Row {line}: {reason}' },
  'import.problem.nameMissing': { 'zh-CN': '缺少姓名', 'en-US': 'the name is missing' },
  'import.problem.nameTooLong': {
    'zh-CN': '姓名超过 40 个字',
    'en-US': 'the name is longer than 40 characters',
  },
  'import.problem.idMissing': {
    'zh-CN': '请填写 open_id、手机号或邮箱中的至少一项',
    'en-US': 'give an open_id, a mobile number or an email',
  },
  'import.problem.openIdInvalid': {
    'zh-CN': 'open_id“{value}”格式不对，应以 ou_ 开头',
    'en-US': 'open_id "{value}" is not valid (it starts with ou_)',
  },
  'import.problem.mobileInvalid': {
    'zh-CN': '手机号“{value}”格式不对，请填写 11 位手机号',
    'en-US': 'mobile number "{value}" is not valid',
  },
  'import.problem.emailInvalid': {
    'zh-CN': '邮箱“{value}”格式不对',
    'en-US': 'email "{value}" is not valid',
  },
  'import.problem.deptMissing': { 'zh-CN': '缺少部门', 'en-US': 'the department is missing' },
  'import.problem.deptTooLong': {
    'zh-CN': '部门名称超过 40 个字',
    'en-US': 'the department name is longer than 40 characters',
  },
  'import.problem.roleInvalid': {
    'zh-CN': '角色“{value}”无法识别，请填写 成员、领导、监督员 或 管理员',
    'en-US': 'role "{value}" is unknown; use 成员, 领导, 监督员 or 管理员',
  },
  'import.problem.deptNotFound': {
    'zh-CN': '部门“{value}”不存在，请先用 /dept add 创建',
    'en-US': 'department "{value}" does not exist; create it with /dept add first',
  },
  'import.problem.userNotFound': {
    'zh-CN': '飞书通讯录中找不到“{value}”，请核对手机号或邮箱，或直接填写 open_id',
    'en-US': 'nobody with "{value}" in the Feishu directory; check it or give the open_id',
  },
  'import.problem.duplicate': {
    'zh-CN': '与第 {value} 行是同一人，已按第 {value} 行导入',
    'en-US': 'the same person as row {value}, which was imported',
  },

  // /audit
  'audit.list.summary': { 'zh-CN': '查看最近的审计日志', 'en-US': 'Show the latest audit log entries' },
  'audit.list.usage': {
    'zh-CN': '/audit [条数]（默认 20 条，最多 100 条）',
    'en-US': '/audit [count] (default 20, at most 100)',
  },
  'audit.list.example': { 'zh-CN': '/audit 50', 'en-US': '/audit 50' },
  'audit.export.summary': { 'zh-CN': '导出审计日志（CSV 文件）', 'en-US': 'Export the audit log (CSV file)' },
  'audit.export.usage': { 'zh-CN': '/audit export [起始日期]', 'en-US': '/audit export [from date]' },
  'audit.export.example': { 'zh-CN': '/audit export 2026-03-01', 'en-US': '/audit export 2026-03-01' },
  'audit.countInvalid': {
    'zh-CN': '条数需为 1–100 的整数，例如 /audit 50。',
    'en-US': 'The count is a whole number from 1 to 100, e.g. /audit 50.',
  },
  'audit.dateInvalid': {
    'zh-CN': '起始日期格式不对，请写成 2026-03-01 这样的形式，例如 /audit export 2026-03-01。',
    'en-US': 'Write the start date like 2026-03-01, e.g. /audit export 2026-03-01.',
  },
  'audit.title': { 'zh-CN': '审计日志（最近 {count} 条）', 'en-US': 'Audit log (latest {count})' },
  'audit.empty': { 'zh-CN': '暂无审计记录。', 'en-US': 'The audit log is empty.' },
  'audit.footer': {
    'zh-CN': '时间为 {timezone} 时间。发送 /audit export 导出全部记录（CSV 文件）。',
    'en-US': 'Times are in {timezone}. Send /audit export for every entry as a CSV file.',
  },
  'audit.truncated': {
    'zh-CN': '内容较多，仅显示最近 {shown} 条（共请求 {asked} 条），完整记录请发送 /audit export。',
    'en-US': 'Only the latest {shown} of {asked} fit in one card; send /audit export for all of them.',
  },
  'audit.outcome.ok': { 'zh-CN': '成功', 'en-US': 'done' },
  'audit.outcome.refused': { 'zh-CN': '已拒绝', 'en-US': 'refused' },
  'audit.detail.role': { 'zh-CN': '无权限', 'en-US': 'not permitted' },
  'audit.exported': {
    'zh-CN': '已导出 {count} 条审计记录，文件“{file}”随后发送。',
    'en-US': '{count} audit entries exported; "{file}" follows.',
  },
  'audit.exportEmpty': {
    'zh-CN': '所选时间范围内没有审计记录，未生成文件。',
    'en-US': 'No audit entries in that period; no file was made.',
  },
  'audit.exportTooLarge': {
    'zh-CN': '审计记录过多（超过 {max} 条），请指定较近的起始日期，例如 /audit export 2026-03-01。',
    'en-US': 'Too many entries (over {max}). Please give a later start date, e.g. /audit export 2026-03-01.',
  },
  'audit.fileName': { 'zh-CN': '审计日志-{date}.csv', 'en-US': 'audit-log-{date}.csv' },
  'audit.csv.time': { 'zh-CN': '时间', 'en-US': 'Time' },
  'audit.csv.actor': { 'zh-CN': '操作人', 'en-US': 'Actor' },
  'audit.csv.action': { 'zh-CN': '操作', 'en-US': 'Action' },
  'audit.csv.target': { 'zh-CN': '对象', 'en-US': 'Target' },
  'audit.csv.outcome': { 'zh-CN': '结果', 'en-US': 'Outcome' },
  'audit.csv.before': { 'zh-CN': '变更前', 'en-US': 'Before' },
  'audit.csv.after': { 'zh-CN': '变更后', 'en-US': 'After' },
  'audit.csv.detail': { 'zh-CN': '说明', 'en-US': 'Note' },
  'audit.usedCommand': { 'zh-CN': '使用命令 {command}', 'en-US': 'command {command}' },
  'audit.usedAction': { 'zh-CN': '卡片操作 {action}', 'en-US': 'card action {action}' },
  'audit.action.import.members': { 'zh-CN': '导入成员', 'en-US': 'import members' },
  'audit.action.audit.export': { 'zh-CN': '导出审计日志', 'en-US': 'export audit log' },
  'audit.action.admin.add': { 'zh-CN': '添加管理员', 'en-US': 'add admin' },
  'audit.action.admin.remove': { 'zh-CN': '移除管理员', 'en-US': 'remove admin' },
  'audit.action.role.set': { 'zh-CN': '设置角色', 'en-US': 'set role' },
  'audit.action.dept.add': { 'zh-CN': '新建部门', 'en-US': 'add department' },
  'audit.action.dept.rename': { 'zh-CN': '重命名部门', 'en-US': 'rename department' },
  'audit.action.dept.remove': { 'zh-CN': '删除部门', 'en-US': 'remove department' },
  'audit.action.dept.move': { 'zh-CN': '调整部门层级', 'en-US': 'move department' },
  'audit.action.role.leader': { 'zh-CN': '设为领导', 'en-US': 'make leader' },
  'audit.action.role.supervisor': { 'zh-CN': '设为监督员', 'en-US': 'make supervisor' },
  'audit.action.role.member': { 'zh-CN': '设为成员', 'en-US': 'make member' },
  'audit.action.chat.bind': { 'zh-CN': '绑定群聊', 'en-US': 'bind chat' },
  'audit.action.config.set': { 'zh-CN': '修改配置', 'en-US': 'change setting' },
  'audit.action.holiday.add': { 'zh-CN': '添加节假日调整', 'en-US': 'add holiday override' },
  'audit.action.holiday.remove': { 'zh-CN': '删除节假日调整', 'en-US': 'remove holiday override' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
