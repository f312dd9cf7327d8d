/** Messages of department scope: what a leader may target, and why a target was refused. */
export const scopeMessages = {
  'scope.allowedChats': { 'zh-CN': '您可以选择的群：{list}。', 'en-US': 'Chats you may choose: {list}.' },
  'scope.allowedDepts': {
    'zh-CN': '您可以选择的部门：{list}。',
    'en-US': 'Departments you may choose: {list}.',
  },
  'scope.noChats': {
    'zh-CN': '您分管的部门还没有绑定群（在群里发送 /chat bind <部门> 绑定）。',
    'en-US': 'No chat is bound to your departments yet (send /chat bind <department> in the group).',
  },
  'scope.noDepts': { 'zh-CN': '您目前没有分管的部门。', 'en-US': 'You do not lead any department.' },
  'scope.pledge.deptOutside': {
    'zh-CN': '部门“{name}”不在您分管的范围内，不能作为签署对象。{allowed}',
    'en-US': 'The department "{name}" is not one of yours; it cannot be a signer. {allowed}',
  },
  'scope.pledge.chatOutside': {
    'zh-CN': '群“{name}”不属于您分管的部门，不能作为签署对象。{allowed}',
    'en-US': 'The chat "{name}" is not bound to your departments; it cannot be a signer. {allowed}',
  },
  'scope.pledge.personOutside': {
    'zh-CN': '{name} 不在您分管的部门内。您只能请本部门（含下级部门）的同事签署。',
    'en-US':
      '{name} is not in your departments. You may ask only people of your departments (and those below) to sign.',
  },
  'scope.pledge.ruleChatOutside': {
    'zh-CN': '群“{name}”不属于您分管的部门，不能为它设置新人签署规则。{allowed}',
    'en-US':
      'The chat "{name}" is not bound to your departments; you cannot add a newcomer rule for it. {allowed}',
  },
  'scope.pledge.ruleDeptOutside': {
    'zh-CN': '部门“{name}”不在您分管的范围内，不能为它设置新人签署规则。{allowed}',
    'en-US': 'The department "{name}" is not one of yours; you cannot add a newcomer rule for it. {allowed}',
  },
  'scope.task.chatOutside': {
    'zh-CN':
      '群“{name}”没有绑定到您分管的部门，任务卡片不能发到这里。请选择您部门绑定的群（发送 /chat list 查看），或私聊我布置任务（卡片私信给负责人）。',
    'en-US':
      'The chat "{name}" is not bound to your departments, so the task card cannot go there. Choose a chat of your departments (/chat list), or create the task in a private chat with me (the card goes to each owner).',
  },
} as const;
