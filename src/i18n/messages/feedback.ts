/** User-facing strings of the feedback channel (监督员意见 / 建言献策), zh-CN first, en-US second. */
export const feedbackMessages = {
  'feedback.send.summary': {
    'zh-CN': '提交意见建议（可匿名），转给监督员和管理员',
    'en-US': 'Send feedback (optionally anonymous) to the supervisors and admins',
  },
  'feedback.send.usage': {
    'zh-CN': '/feedback [匿名] 内容（不写内容则弹出表单）',
    'en-US': '/feedback [匿名] <text> (no text opens a form)',
  },
  'feedback.send.example': {
    'zh-CN': '/feedback 匿名 建议公务用车登记改为线上填报',
    'en-US': '/feedback 匿名 Please move the car log online',
  },
  'feedback.list.summary': { 'zh-CN': '查看最近收到的意见建议', 'en-US': 'List recent feedback' },
  'feedback.list.usage': { 'zh-CN': '/feedback list', 'en-US': '/feedback list' },

  'feedback.err.empty': {
    'zh-CN': '请在命令后写上意见内容，例如：/feedback 匿名 建议公务用车登记改为线上填报',
    'en-US':
      'Please write your feedback after the command, e.g. /feedback 匿名 Please move the car log online',
  },
  'feedback.err.tooLong': {
    'zh-CN': '意见内容请控制在 {max} 字以内，精简后重新发送。',
    'en-US': 'Please keep feedback under {max} characters and send it again.',
  },
  'feedback.err.unknown': {
    'zh-CN': '没有找到编号为 {id} 的意见，可能已被删除。',
    'en-US': 'There is no feedback {id}.',
  },
  'feedback.err.replyEmpty': {
    'zh-CN': '请填写回复内容后再点击“发送回复”。',
    'en-US': 'Please write a reply before pressing Send reply.',
  },
  'feedback.err.replied': {
    'zh-CN': '这条回复已发送，无需重复提交。',
    'en-US': 'This reply was already sent.',
  },

  'feedback.done.named': {
    'zh-CN': '感谢您的意见！已实名转给监督员和管理员（编号 {id}），收到回复后我会转告您。',
    'en-US':
      'Thank you! Your feedback ({id}) went to the supervisors and admins under your name; replies will reach you here.',
  },
  'feedback.done.anonymous': {
    'zh-CN':
      '感谢您的意见！已匿名转给监督员和管理员，任何人都无法看到您的身份；收到回复后我会在单聊中转告您。',
    'en-US':
      'Thank you! Your feedback went to the supervisors and admins anonymously; nobody can see who you are. Replies will reach you in a private chat.',
  },
  'feedback.done.groupHint': {
    'zh-CN': '提示：群内消息其他成员可见，匿名意见建议在与我的单聊中发送。',
    'en-US':
      'Note: group messages are visible to members; send anonymous feedback in a private chat with me.',
  },

  'feedback.form.title': { 'zh-CN': '意见建议（建言献策）', 'en-US': 'Feedback' },
  'feedback.form.intro': {
    'zh-CN':
      '您的意见将转给特邀监督员和管理员。选择“匿名提交”时，任何人都无法看到您的身份，回复仍会转达给您。',
    'en-US':
      'Your feedback goes to the supervisors and admins. With "Send anonymously" nobody can see who you are; replies still reach you.',
  },
  'feedback.form.label': { 'zh-CN': '意见内容', 'en-US': 'Your feedback' },
  'feedback.form.placeholder': {
    'zh-CN': '请写下您的意见或建议',
    'en-US': 'Write your feedback or suggestion',
  },
  'feedback.form.named': { 'zh-CN': '实名提交', 'en-US': 'Send with my name' },
  'feedback.form.anonymous': { 'zh-CN': '匿名提交', 'en-US': 'Send anonymously' },
  'feedback.form.doneTitle': { 'zh-CN': '意见已提交', 'en-US': 'Feedback sent' },

  'feedback.card.title': { 'zh-CN': '监督员意见 · {id}', 'en-US': 'Feedback · {id}' },
  'feedback.card.from': { 'zh-CN': '提交人：{name}', 'en-US': 'From: {name}' },
  'feedback.card.anonymous': { 'zh-CN': '匿名', 'en-US': 'anonymous' },
  'feedback.card.day': { 'zh-CN': '日期：{day}', 'en-US': 'Date: {day}' },
  'feedback.card.reply': { 'zh-CN': '回复', 'en-US': 'Reply' },
  'feedback.card.replyLabel': { 'zh-CN': '回复内容', 'en-US': 'Your reply' },
  'feedback.card.replyPlaceholder': {
    'zh-CN': '回复将转达给提交人（匿名意见不会透露提交人身份）',
    'en-US': 'The reply goes to the sender (an anonymous sender stays anonymous)',
  },
  'feedback.card.replySend': { 'zh-CN': '发送回复', 'en-US': 'Send reply' },
  'feedback.card.replied': { 'zh-CN': '{name} 已回复：{text}', 'en-US': '{name} replied: {text}' },
  'feedback.reply.done': {
    'zh-CN': '回复已转达给提交人。',
    'en-US': 'The reply was passed on to the sender.',
  },
  'feedback.reply.relayNamed': {
    'zh-CN': '您的意见（编号 {id}）收到 {name} 的回复：\n{text}',
    'en-US': 'Your feedback ({id}) has a reply from {name}:\n{text}',
  },
  'feedback.reply.relayAnonymous': {
    'zh-CN': '您提交的一条匿名意见收到 {name} 的回复：\n{text}',
    'en-US': 'One of your anonymous feedback items has a reply from {name}:\n{text}',
  },

  'feedback.list.title': { 'zh-CN': '最近的意见建议（{count} 条）', 'en-US': 'Recent feedback ({count})' },
  'feedback.list.empty': { 'zh-CN': '暂无意见建议。', 'en-US': 'No feedback yet.' },
  'feedback.list.line': {
    'zh-CN': '{id} · {day} · {from} · {state}：{text}',
    'en-US': '{id} · {day} · {from} · {state}: {text}',
  },
  'feedback.state.open': { 'zh-CN': '待回复', 'en-US': 'awaiting reply' },
  'feedback.state.replied': { 'zh-CN': '已回复', 'en-US': 'replied' },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
