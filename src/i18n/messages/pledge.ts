/** User-facing strings of sign-off documents (责任书 / 承诺书), zh-CN first, en-US second. */
export const pledgeMessages = {
  'pledge.kind.responsibility': { 'zh-CN': '责任书', 'en-US': 'Responsibility letter' },
  'pledge.kind.pledge': { 'zh-CN': '承诺书', 'en-US': 'Integrity pledge' },
  'pledge.kind.other': { 'zh-CN': '其他', 'en-US': 'Document' },
  'pledge.state.draft': { 'zh-CN': '待上传全文', 'en-US': 'waiting for its text' },
  'pledge.state.open': { 'zh-CN': '签署中', 'en-US': 'being signed' },
  'pledge.state.closed': { 'zh-CN': '已结束', 'en-US': 'closed' },
  'pledge.state.sig.valid': { 'zh-CN': '有效', 'en-US': 'valid' },
  'pledge.state.sig.old': { 'zh-CN': '旧版本', 'en-US': 'old version' },
  'pledge.state.sig.voided': { 'zh-CN': '已作废', 'en-US': 'voided' },
  'pledge.state.sig.pending': { 'zh-CN': '未签署', 'en-US': 'not signed' },

  // Commands
  'pledge.new.summary': {
    'zh-CN': '发起责任书 / 承诺书签署',
    'en-US': 'Start a sign-off (responsibility letter or pledge)',
  },
  'pledge.new.usage': {
    'zh-CN': '/pledge new（在单聊中发送，填写表单）',
    'en-US': '/pledge new (in a private chat; fill in the form)',
  },
  'pledge.edit.summary': {
    'zh-CN': '修改全文（生成新版本，所有人需重新签署）',
    'en-US': 'Change the text (a new version everyone signs again)',
  },
  'pledge.edit.usage': {
    'zh-CN': '/pledge edit <编号>（然后在表单中修改，或 10 分钟内发送 .md / .txt 文件）',
    'en-US': '/pledge edit <id> (then use the form, or send a .md / .txt file within 10 minutes)',
  },
  'pledge.edit.example': { 'zh-CN': '/pledge edit PK7Q3', 'en-US': '/pledge edit PK7Q3' },
  'pledge.send.summary': { 'zh-CN': '把签署卡片发给指定人员', 'en-US': 'Send the sign-off card to people' },
  'pledge.send.usage': { 'zh-CN': '/pledge send <编号> @某人…', 'en-US': '/pledge send <id> @someone…' },
  'pledge.send.example': { 'zh-CN': '/pledge send PK7Q3 @张伟', 'en-US': '/pledge send PK7Q3 @Zhang Wei' },
  'pledge.rule.summary': {
    'zh-CN': '新成员入群或加入部门时自动发送签署卡片',
    'en-US': 'Send the document to people who join a chat or department',
  },
  'pledge.rule.usage': {
    'zh-CN': '/pledge rule <编号> [群名称]（在群内 @我 发送时为本群）；/pledge rule <编号> 部门 <部门名>',
    'en-US': '/pledge rule <id> [chat name] (in a group: that group); /pledge rule <id> 部门 <department>',
  },
  'pledge.rule.example': {
    'zh-CN': '/pledge rule PK7Q3 办公室工作群',
    'en-US': '/pledge rule PK7Q3 Office group',
  },
  'pledge.void.summary': {
    'zh-CN': '作废某人的签署（需填写原因）',
    'en-US': "Void someone's signature (with a reason)",
  },
  'pledge.void.usage': {
    'zh-CN': '/pledge void <编号> @某人 <原因>',
    'en-US': '/pledge void <id> @someone <reason>',
  },
  'pledge.void.example': {
    'zh-CN': '/pledge void PK7Q3 @张伟 代签无效',
    'en-US': '/pledge void PK7Q3 @Zhang Wei signed by someone else',
  },
  'pledge.list.summary': { 'zh-CN': '查看全部签署事项', 'en-US': 'List sign-off documents' },
  'pledge.list.usage': { 'zh-CN': '/pledge list', 'en-US': '/pledge list' },
  'pledge.status.summary': {
    'zh-CN': '查看签署进度（卡片随签署实时更新）',
    'en-US': 'Signing progress (the card updates as people sign)',
  },
  'pledge.status.usage': { 'zh-CN': '/pledge status <编号>', 'en-US': '/pledge status <id>' },
  'pledge.status.example': { 'zh-CN': '/pledge status PK7Q3', 'en-US': '/pledge status PK7Q3' },
  'pledge.verify.summary': {
    'zh-CN': '核验每份签署的版本与全文哈希',
    'en-US': 'Verify each signature against the text versions',
  },
  'pledge.verify.usage': { 'zh-CN': '/pledge verify <编号>', 'en-US': '/pledge verify <id>' },
  'pledge.verify.example': { 'zh-CN': '/pledge verify PK7Q3', 'en-US': '/pledge verify PK7Q3' },
  'pledge.export.summary': {
    'zh-CN': '导出签署登记表（Excel 或 CSV）',
    'en-US': 'Export the signature register (Excel or CSV)',
  },
  'pledge.export.usage': { 'zh-CN': '/pledge export <编号> [csv]', 'en-US': '/pledge export <id> [csv]' },
  'pledge.export.example': { 'zh-CN': '/pledge export PK7Q3', 'en-US': '/pledge export PK7Q3' },

  // Form
  'pledge.form.cardTitle': { 'zh-CN': '发起签署', 'en-US': 'Start a sign-off' },
  'pledge.form.intro': {
    'zh-CN':
      '请填写标题、类型、全文、签署人和截止时间。全文超过 1000 字时请留空，提交后在 10 分钟内向我发送 .md 或 .txt 文件。签署人可选人员、部门或已绑定群的全体成员。',
    'en-US':
      'Fill in the title, type, text, signers and deadline. For a text over 1000 characters leave it empty and send a .md or .txt file within 10 minutes. Signers: people, departments or every member of bound chats.',
  },
  'pledge.form.title': { 'zh-CN': '标题', 'en-US': 'Title' },
  'pledge.form.titleHint': {
    'zh-CN': '例如：2026 年度清廉机关创建任务责任书',
    'en-US': 'e.g. 2026 integrity responsibility letter',
  },
  'pledge.form.kind': { 'zh-CN': '类型', 'en-US': 'Type' },
  'pledge.form.text': { 'zh-CN': '全文（Markdown）', 'en-US': 'Text (Markdown)' },
  'pledge.form.textHint': {
    'zh-CN': '粘贴全文；超过 1000 字请留空并发送文件',
    'en-US': 'Paste the text; over 1000 characters: leave empty and send a file',
  },
  'pledge.form.people': { 'zh-CN': '签署人（人员）', 'en-US': 'Signers (people)' },
  'pledge.form.depts': { 'zh-CN': '签署部门（部门全体成员）', 'en-US': 'Departments (all their members)' },
  'pledge.form.chats': { 'zh-CN': '签署群（群内全体成员）', 'en-US': 'Chats (all their members)' },
  'pledge.form.deadline': { 'zh-CN': '截止时间', 'en-US': 'Deadline' },
  'pledge.form.leader': { 'zh-CN': '督办领导（可选）', 'en-US': 'Supervising leader (optional)' },
  'pledge.form.submit': { 'zh-CN': '发起签署', 'en-US': 'Start' },
  'pledge.form.titleMissing': {
    'zh-CN': '请填写标题（不超过 100 个字）。',
    'en-US': 'Please enter a title (at most 100 characters).',
  },
  'pledge.form.deadlineMissing': { 'zh-CN': '请选择截止时间。', 'en-US': 'Please pick a deadline.' },
  'pledge.form.deadlinePast': {
    'zh-CN': '截止时间已经过去，请选择今后的时间。',
    'en-US': 'The deadline has passed; please pick a later time.',
  },
  'pledge.form.signersMissing': {
    'zh-CN': '请至少选择一位签署人、一个部门或一个群。',
    'en-US': 'Please choose at least one person, department or chat.',
  },
  'pledge.edit.cardTitle': {
    'zh-CN': '修改全文：{id}《{title}》',
    'en-US': 'Change the text: {id} "{title}"',
  },
  'pledge.edit.intro': {
    'zh-CN':
      '当前为第 {version} 版。提交后生成新版本，此前的签署将显示为“旧版本”，所有签署人需重新签署。全文超过 1000 字时，请在 10 分钟内直接发送 .md 或 .txt 文件。',
    'en-US':
      'This is version {version}. Submitting makes a new version: earlier signatures show as old and everyone signs again. For a text over 1000 characters, send a .md or .txt file within 10 minutes.',
  },
  'pledge.edit.submit': { 'zh-CN': '保存为新版本', 'en-US': 'Save as a new version' },

  // Outcomes
  'pledge.created': {
    'zh-CN':
      '已发起 {id}《{title}》，共 {count} 人签署，截止 {deadline}。签署卡片已发出，进度卡片将随签署实时更新。',
    'en-US':
      'Started {id} "{title}": {count} signers, due {deadline}. The cards are out; the progress card updates as people sign.',
  },
  'pledge.created.draft': {
    'zh-CN':
      '已创建 {id}《{title}》（{count} 人签署，截止 {deadline}）。请在 10 分钟内在本对话中发送全文的 .md 或 .txt 文件，收到后即发出签署卡片。',
    'en-US':
      'Created {id} "{title}" ({count} signers, due {deadline}). Send the text as a .md or .txt file here within 10 minutes; the cards go out then.',
  },
  'pledge.launched': {
    'zh-CN': '已收到全文，{id}《{title}》的签署卡片已发给 {count} 人。',
    'en-US': 'Text received; the cards of {id} "{title}" went to {count} people.',
  },
  'pledge.edit.done': {
    'zh-CN':
      '{id} 已更新为第 {version} 版（哈希 {hash}…），已请 {count} 位签署人重新签署，此前的签署显示为“旧版本”。',
    'en-US':
      '{id} is now version {version} (hash {hash}…); {count} signers were asked to sign again; earlier signatures show as old.',
  },
  'pledge.edit.unchanged': {
    'zh-CN': '全文与第 {version} 版相同，未生成新版本。',
    'en-US': 'The text is the same as version {version}; nothing changed.',
  },
  'pledge.send.done': {
    'zh-CN': '已新增 {added} 位签署人并发送卡片；{again} 人重新发送了卡片；{signed} 人已签署，无需发送。',
    'en-US': 'Added {added} signers and sent their cards; sent {again} again; {signed} have signed already.',
  },
  'pledge.rule.done': {
    'zh-CN': '已设置：今后加入“{chat}”的成员将收到 {id}《{title}》的签署卡片。',
    'en-US': 'Done: people who join "{chat}" will get {id} "{title}".',
  },
  'pledge.rule.where': {
    'zh-CN': '请在群内 @我 发送 /pledge rule <编号>，或写明群名称：/pledge rule <编号> 群名称',
    'en-US': 'Send /pledge rule <id> in the group, or name the chat: /pledge rule <id> <chat name>',
  },
  'pledge.rule.deptDone': {
    'zh-CN': '已设置：今后加入“{department}”（含下级部门）的人员将收到 {id}《{title}》的签署卡片。',
    'en-US': 'Done: people who join "{department}" (or a department below it) will get {id} "{title}".',
  },
  'pledge.rule.deptMissing': {
    'zh-CN': '请写明部门名称，例如：/pledge rule PK7Q3 部门 办公室',
    'en-US': 'Please name the department, e.g. /pledge rule PK7Q3 部门 Office',
  },
  'pledge.rule.deptUnknown': {
    'zh-CN': '没有找到名为“{name}”的部门，请发送 /dept list 查看。',
    'en-US': 'There is no department "{name}"; see /dept list.',
  },
  'pledge.close.summary': {
    'zh-CN': '结束签署事项（停止提醒）',
    'en-US': 'Close a sign-off document (no more reminders)',
  },
  'pledge.close.usage': { 'zh-CN': '/pledge close <编号>', 'en-US': '/pledge close <id>' },
  'pledge.close.example': { 'zh-CN': '/pledge close PK7Q3', 'en-US': '/pledge close PK7Q3' },
  'pledge.close.done': {
    'zh-CN': '已结束 {id}《{title}》：不再提醒未签署人员，已有签署保持有效。',
    'en-US': 'Closed {id} "{title}": no more reminders; signatures stay valid.',
  },
  'pledge.close.already': {
    'zh-CN': '{id} 已经结束，无需重复操作。',
    'en-US': '{id} is closed already.',
  },
  'pledge.close.draft': {
    'zh-CN': '{id} 还是草稿（尚未上传全文），无需结束。',
    'en-US': '{id} is still a draft (no text yet); nothing to close.',
  },
  'pledge.scope.note': {
    'zh-CN': '（仅含您负责部门的签署人）',
    'en-US': '(only the signers in your departments)',
  },
  'pledge.rule.chatUnknown': {
    'zh-CN': '没有找到名为“{name}”的群，请确认我已在该群中。',
    'en-US': 'No chat named "{name}"; make sure I am in it.',
  },
  'pledge.void.done': {
    'zh-CN': '已作废 {name} 在 {id} 的签署，并请其重新签署。此操作已记入审计日志。',
    'en-US': "Voided {name}'s signature of {id} and asked them to sign again. This is in the audit log.",
  },
  'pledge.void.none': {
    'zh-CN': '此人当前版本没有有效签署，无需作废。',
    'en-US': 'This person has no valid signature on the current version.',
  },
  'pledge.void.reasonMissing': {
    'zh-CN': '请写明作废原因，例如：/pledge void PK7Q3 @张伟 代签无效',
    'en-US': 'Please give a reason, e.g. /pledge void PK7Q3 @Zhang Wei signed by someone else',
  },
  'pledge.void.onePerson': {
    'zh-CN': '一次只能作废一个人的签署，请只 @ 一人。',
    'en-US': 'Void one signature at a time: @ one person.',
  },
  'pledge.void.notice': {
    'zh-CN': '您好，您对《{title}》的签署已被管理员作废，原因：{reason}。请在新发送的卡片上重新签署。',
    'en-US':
      'Hello, your signature of "{title}" was voided by an admin ({reason}). Please sign again on the new card.',
  },
  'pledge.list.title': { 'zh-CN': '签署事项：', 'en-US': 'Sign-off documents:' },
  'pledge.list.line': {
    'zh-CN': '· {id}《{title}》{kind}，已签 {signed}/{total}，截止 {deadline}，{state}',
    'en-US': '· {id} "{title}" ({kind}), {signed}/{total} signed, due {deadline}, {state}',
  },
  'pledge.list.empty': {
    'zh-CN': '还没有签署事项。管理员或领导可在单聊中发送 /pledge new 发起。',
    'en-US': 'No sign-off documents yet. Admins or leaders: send /pledge new in a private chat.',
  },

  // Errors
  'pledge.err.badId': {
    'zh-CN': '请写明签署事项编号，例如 PK7Q3（发送 /pledge list 查看）。',
    'en-US': 'Please give the document id, e.g. PK7Q3 (see /pledge list).',
  },
  'pledge.err.unknown': {
    'zh-CN': '没有找到编号为 {id} 的签署事项，请发送 /pledge list 查看。',
    'en-US': 'There is no document {id}; see /pledge list.',
  },
  'pledge.err.notManager': {
    'zh-CN': '只有发起人或管理员可以修改此签署事项。',
    'en-US': 'Only its creator or an admin can change this document.',
  },
  'pledge.err.outsideDepartments': {
    'zh-CN': '抱歉，{id} 的签署人都不在您负责的部门，您无法查看。如需了解请联系发起人或管理员。',
    'en-US': 'Sorry, none of the signers of {id} are in your departments, so you cannot see it.',
  },
  'pledge.err.notViewer': {
    'zh-CN': '抱歉，只有管理员、监督员、发起人、督办领导或相关部门领导可以查看 {id}。',
    'en-US': 'Sorry, only admins, supervisors, its creator, its leader or department leaders can see {id}.',
  },
  'pledge.err.notSigner': {
    'zh-CN': '抱歉，您不在本文件的签署人名单中，不能代他人签署。如有疑问请联系发起人。',
    'en-US': 'Sorry, you are not a signer of this document and cannot sign for someone else.',
  },
  'pledge.err.nameMismatch': {
    'zh-CN': '您填写的姓名“{typed}”与您的飞书姓名不一致，未签署。请填写您的姓名全称“{name}”后再提交。',
    'en-US':
      'The name "{typed}" does not match your Feishu name; nothing was signed. Please type your full name "{name}".',
  },
  'pledge.err.nameUnknown': {
    'zh-CN': '暂时无法核对您的飞书姓名，请稍后再试。',
    'en-US': 'Your Feishu name cannot be checked right now; please try again later.',
  },
  'pledge.err.stale': {
    'zh-CN': '全文已更新为第 {version} 版，此卡片已失效，请在最新发送的卡片上签署。',
    'en-US': 'The text is now version {version}; please sign on the newest card.',
  },
  'pledge.err.draft': {
    'zh-CN': '签署事项 {id} 还没有全文，请先发送 /pledge edit {id} 上传全文。',
    'en-US': 'Document {id} has no text yet; send /pledge edit {id} first.',
  },
  'pledge.err.editedMeanwhile': {
    'zh-CN': '全文已被他人修改，请重新发送 /pledge edit {id}。',
    'en-US': 'Someone changed the text meanwhile; send /pledge edit {id} again.',
  },
  'pledge.err.textMissing': {
    'zh-CN': '全文不能为空，请填写后再提交。',
    'en-US': 'The text cannot be empty.',
  },
  'pledge.err.textTooLong': {
    'zh-CN': '全文共 {length} 字，超过 {max} 字的上限，请精简后重新发送。',
    'en-US': 'The text has {length} characters, over the limit of {max}.',
  },
  'pledge.err.tooManySigners': {
    'zh-CN': '签署人共 {count} 人，超过 {max} 人的上限，请分批发起。',
    'en-US': '{count} signers is over the limit of {max}; please split it.',
  },
  'pledge.err.chatMembers': {
    'zh-CN': '暂时无法获取群成员名单，请确认我仍在该群中，稍后再试。',
    'en-US': 'Cannot list the chat members right now; make sure I am in the chat and try again.',
  },
  'pledge.err.revise.unknown': {
    'zh-CN': '没有找到编号为 {id} 的签署事项。',
    'en-US': 'There is no document {id}.',
  },
  'pledge.err.revise.closed': {
    'zh-CN': '签署事项 {id} 已结束，不能再修改。',
    'en-US': 'Document {id} is closed.',
  },
  'pledge.err.revise.busy': {
    'zh-CN': '全文正在被他人修改，请稍后重新发送 /pledge edit {id}。',
    'en-US': 'Someone else is changing the text; try /pledge edit {id} again shortly.',
  },
  'pledge.file.type': {
    'zh-CN': '“{file}”不是 .md 或 .txt 文件，请发送 Markdown 或纯文本文件。',
    'en-US': '"{file}" is not a .md or .txt file.',
  },
  'pledge.file.tooLarge': {
    'zh-CN': '文件过大（超过 256 KB），请精简全文后重新发送。',
    'en-US': 'The file is over 256 KB.',
  },
  'pledge.file.failed': {
    'zh-CN': '文件下载失败，请稍后重新发送。',
    'en-US': 'The file could not be downloaded; please send it again.',
  },

  // Signer card
  'pledge.card.title': { 'zh-CN': '【{kind}】{title}', 'en-US': '[{kind}] {title}' },
  'pledge.card.kind': { 'zh-CN': '**类型**：{kind}', 'en-US': '**Type**: {kind}' },
  'pledge.card.creator': { 'zh-CN': '**发起人**：{name}', 'en-US': '**From**: {name}' },
  'pledge.card.deadline': { 'zh-CN': '**截止时间**：{deadline}', 'en-US': '**Deadline**: {deadline}' },
  'pledge.card.version': {
    'zh-CN': '**版本**：第 {version} 版（SHA-256 {hash}…）',
    'en-US': '**Version**: {version} (SHA-256 {hash}…)',
  },
  'pledge.card.revised': {
    'zh-CN': '全文已更新为第 {version} 版，此前的签署已失效，请重新阅读并签署。',
    'en-US':
      'The text is now version {version}; earlier signatures no longer count. Please read and sign again.',
  },
  'pledge.card.part': { 'zh-CN': '全文（第 {n}/{total} 部分）', 'en-US': 'Text (part {n} of {total})' },
  'pledge.card.truncated': {
    'zh-CN': '（全文过长，卡片仅显示部分内容，请联系发起人获取全文）',
    'en-US': '(Text too long for a card; ask the sender for the full text.)',
  },
  'pledge.card.readAndSign': { 'zh-CN': '阅读并签署', 'en-US': 'Read and sign' },
  'pledge.card.confirmIntro': {
    'zh-CN': '签字有效，签署担责。请确认已阅读全文，并填写您的姓名全称。',
    'en-US': 'Your signature binds you. Confirm you have read the text and type your full name.',
  },
  'pledge.card.nameLabel': { 'zh-CN': '签署人姓名', 'en-US': 'Your full name' },
  'pledge.card.nameHint': { 'zh-CN': '请输入您的飞书姓名全称', 'en-US': 'Your name as in Feishu' },
  'pledge.card.confirm': { 'zh-CN': '确认签署', 'en-US': 'Sign' },
  'pledge.card.signed': { 'zh-CN': '✅ **已签署**：{name}，{at}', 'en-US': '✅ **Signed**: {name}, {at}' },
  'pledge.card.superseded': {
    'zh-CN': '此卡片对应的版本已更新（当前为第 {version} 版），请在最新发送的卡片上签署。',
    'en-US': 'This version was replaced (now version {version}); please sign the newest card.',
  },
  'pledge.card.footer': {
    'zh-CN': '签署记录包含版本哈希与服务器时间，不可修改。',
    'en-US': 'Each signature records the version hash and server time and cannot be changed.',
  },
  'pledge.sign.done': { 'zh-CN': '签署成功（{at}）。', 'en-US': 'Signed ({at}).' },
  'pledge.sign.already': {
    'zh-CN': '您已于 {at} 签署本版本，无需重复签署。',
    'en-US': 'You signed this version at {at} already.',
  },

  // Progress card
  'pledge.progress.title': { 'zh-CN': '签署进度：{title}', 'en-US': 'Signing progress: {title}' },
  'pledge.progress.deadlineOverdue': {
    'zh-CN': '**截止时间**：{deadline}（已逾期）',
    'en-US': '**Deadline**: {deadline} (overdue)',
  },
  'pledge.progress.leader': { 'zh-CN': '**督办领导**：{name}', 'en-US': '**Leader**: {name}' },
  'pledge.progress.count': {
    'zh-CN': '**已签署 {signed} / {total}**（{percent}%）',
    'en-US': '**Signed {signed} / {total}** ({percent}%)',
  },
  'pledge.progress.old': {
    'zh-CN': '其中 {count} 人仅签署过旧版本，需重新签署',
    'en-US': '{count} signed an old version only and must sign again',
  },
  'pledge.progress.pendingTitle': {
    'zh-CN': '**未签署（按部门）**',
    'en-US': '**Not signed (by department)**',
  },
  'pledge.progress.group': {
    'zh-CN': '· {department}（{count}）：{names}',
    'en-US': '· {department} ({count}): {names}',
  },
  'pledge.progress.more': { 'zh-CN': ' 等 {count} 人', 'en-US': ' and {count} more' },
  'pledge.progress.scoped': {
    'zh-CN': '仅统计您负责部门的签署人。',
    'en-US': 'Counts only the signers in your departments.',
  },
  'pledge.progress.closed': {
    'zh-CN': '**已结束**：不再提醒未签署人员。',
    'en-US': '**Closed**: no more reminders.',
  },
  'pledge.progress.noDept': { 'zh-CN': '未分配部门', 'en-US': 'No department' },
  'pledge.progress.allSigned': { 'zh-CN': '全部签署完毕。', 'en-US': 'Everyone has signed.' },
  'pledge.progress.footer': {
    'zh-CN': '编号 {id} · 更新于 {at} · /pledge verify {id} 核验',
    'en-US': 'Id {id} · updated {at} · /pledge verify {id}',
  },

  // Reminders
  'pledge.remind.before': {
    'zh-CN': '您好，《{title}》尚未签署，截止时间 {deadline}。请在此前收到的卡片上点击“阅读并签署”。',
    'en-US':
      'Hello, you have not signed "{title}" yet (due {deadline}). Please use "Read and sign" on the card.',
  },
  'pledge.remind.overdue': {
    'zh-CN': '您好，《{title}》已于 {deadline} 截止，您尚未签署，请尽快在卡片上签署。',
    'en-US': 'Hello, "{title}" was due {deadline} and you have not signed. Please sign on the card now.',
  },
  'pledge.remind.leader': {
    'zh-CN': '您好，您督办的《{title}》已于 {deadline} 截止，尚有 {count} 人未签署：{mentions}',
    'en-US': 'Hello, "{title}" you supervise was due {deadline}; {count} have not signed: {mentions}',
  },
  'pledge.remind.daily': {
    'zh-CN': '您好，《{title}》已逾期 {days} 个工作日（截止 {deadline}），您尚未签署，请尽快签署。',
    'en-US':
      'Hello, "{title}" is {days} workday(s) overdue (due {deadline}) and you have not signed. Please sign now.',
  },

  // Verify and export
  'pledge.verify.title': {
    'zh-CN': '{id}《{title}》签署核验（当前第 {version} 版，SHA-256 {hash}）',
    'en-US': '{id} "{title}" verification (version {version}, SHA-256 {hash})',
  },
  'pledge.verify.versionOk': {
    'zh-CN': '· 第 {version} 版 {hash}…：全文与哈希一致',
    'en-US': '· Version {version} {hash}…: text matches its hash',
  },
  'pledge.verify.versionBad': {
    'zh-CN': '· 第 {version} 版 {hash}…：⚠ 全文与哈希不一致，可能被改动',
    'en-US': '· Version {version} {hash}…: ⚠ text does not match its hash',
  },
  'pledge.verify.currentBad': {
    'zh-CN': '⚠ 当前全文与记录的哈希不一致，请联系管理员核查。',
    'en-US': '⚠ The current text does not match its hash; ask an admin to check.',
  },
  'pledge.verify.signatures': { 'zh-CN': '签署记录 {count} 条：', 'en-US': '{count} signatures:' },
  'pledge.verify.line': {
    'zh-CN': '· {name}：第 {version} 版 {hash}…，{at}，{state}，{match}',
    'en-US': '· {name}: version {version} {hash}…, {at}, {state}, {match}',
  },
  'pledge.verify.matches': { 'zh-CN': '与当前全文一致', 'en-US': 'matches the current text' },
  'pledge.verify.differs': {
    'zh-CN': '与当前全文不一致（旧版本）',
    'en-US': 'differs from the current text (old version)',
  },
  'pledge.verify.noVersion': {
    'zh-CN': '（⚠ 哈希无对应的完好版本）',
    'en-US': ' (⚠ no intact version has this hash)',
  },
  'pledge.verify.more': {
    'zh-CN': '另有 {count} 条，完整记录请发送 /pledge export {id}',
    'en-US': '{count} more; send /pledge export {id} for all',
  },
  'pledge.export.column.name': { 'zh-CN': '姓名', 'en-US': 'Name' },
  'pledge.export.column.dept': { 'zh-CN': '部门', 'en-US': 'Department' },
  'pledge.export.column.version': { 'zh-CN': '版本', 'en-US': 'Version' },
  'pledge.export.column.hash': { 'zh-CN': '版本哈希', 'en-US': 'Version hash' },
  'pledge.export.column.at': { 'zh-CN': '签署时间', 'en-US': 'Signed at' },
  'pledge.export.column.state': { 'zh-CN': '状态', 'en-US': 'State' },
  'pledge.export.column.typed': { 'zh-CN': '签署姓名', 'en-US': 'Typed name' },
  'pledge.export.column.message': { 'zh-CN': '消息ID', 'en-US': 'Message id' },
  'pledge.export.sheet': { 'zh-CN': '签署登记表', 'en-US': 'Signatures' },
  'pledge.export.fileName': {
    'zh-CN': '签署登记表_{id}_{date}.{ext}',
    'en-US': 'signatures_{id}_{date}.{ext}',
  },
  'pledge.export.done': {
    'zh-CN': '签署登记表共 {count} 行，文件“{file}”随后发送。',
    'en-US': 'The register has {count} rows; "{file}" follows.',
  },
  'pledge.export.sentPrivately': {
    'zh-CN': '签署登记表（{count} 行）已通过单聊发给您。',
    'en-US': 'The register ({count} rows) was sent to you privately.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
