import { describe, expect, it } from 'vitest';
import { buildChatBindForm, buildChatBoundCard } from '../../cards/chat-bind-card.js';
import { cardMention } from '../../cards/escape.js';
import { buildHelpCard, buildHelpDetailCard } from '../../cards/help-card.js';
import { translator } from '../../src/i18n/index.js';
import { renderCardText, validateCard } from '../emulator/index.js';

const zh = translator('zh-CN');
const en = translator('en-US');

const cards = {
  help: buildHelpCard(zh, '管理员', [
    { usage: '/help [命令名]', summary: '查看可用命令和用法' },
    { usage: '/chat bind <部门名>', summary: '将本群绑定到部门' },
  ]),
  helpEnglish: buildHelpCard(en, 'admins', [{ usage: '/help [command]', summary: 'List commands' }]),
  helpDetail: buildHelpDetailCard(zh, 'chat', [
    {
      usage: '/chat bind <部门名>',
      summary: '将本群绑定到部门',
      aliases: ['群聊 绑定'],
      whoMay: '管理员',
      example: '/chat bind 办公室',
    },
  ]),
  bindForm: buildChatBindForm(zh, 'oc_test', [{ value: 'd_1', label: '机关 / 办公室' }]),
  bound: buildChatBoundCard(zh, '办公室', cardMention('ou_x')),
};

describe('card builders', () => {
  for (const [name, card] of Object.entries(cards)) {
    it(`${name} obeys the card JSON 2.0 rules`, () => {
      expect(validateCard(card)).toEqual([]);
    });
  }

  it('renders help with usages escaped for card markdown', () => {
    const md = JSON.stringify(cards.help);
    expect(md).toContain('&lt;部门名&gt;');
    expect(renderCardText(cards.help)).toMatchSnapshot();
  });

  it('the bind form carries the action name and the chat', () => {
    expect(renderCardText(cards.bindForm)).toMatchSnapshot();
    expect(JSON.stringify(cards.bindForm)).toContain('"a":"chat.bind","chatId":"oc_test"');
  });
});
