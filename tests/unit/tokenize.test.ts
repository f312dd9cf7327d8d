import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/commands/suggest.js';
import { tokenize } from '../../src/commands/tokenize.js';

const BOT = 'ou_bot';
const mentions = [
  { key: '@_user_1', openId: BOT, name: '清廉助手' },
  { key: '@_user_2', openId: 'ou_zhang', name: '张三' },
];

describe('tokenize', () => {
  it('drops the leading bot mention and the slash', () => {
    expect(tokenize('@_user_1 /help', mentions, BOT)).toEqual({
      kind: 'tokens',
      hadSlash: true,
      tokens: [{ type: 'text', value: 'help' }],
    });
  });

  it('keeps later mentions as resolved users and quoted arguments whole', () => {
    const parsed = tokenize('@_user_1 /role leader @_user_2 "综合 办公室"', mentions, BOT);
    expect(parsed).toEqual({
      kind: 'tokens',
      hadSlash: true,
      tokens: [
        { type: 'text', value: 'role' },
        { type: 'text', value: 'leader' },
        { type: 'mention', mention: { openId: 'ou_zhang', name: '张三' } },
        { type: 'text', value: '综合 办公室' },
      ],
    });
  });

  it('accepts Chinese quotes, full-width slash and spaces', () => {
    const parsed = tokenize('／群聊\u3000绑定 “纪检 组”', []);
    expect(parsed).toMatchObject({
      kind: 'tokens',
      hadSlash: true,
      tokens: [
        { type: 'text', value: '群聊' },
        { type: 'text', value: '绑定' },
        { type: 'text', value: '纪检 组' },
      ],
    });
  });

  it('drops the bot mention anywhere when the bot id is known', () => {
    expect(tokenize('/help @_user_1', mentions, BOT)).toMatchObject({
      tokens: [{ type: 'text', value: 'help' }],
    });
  });

  it('reports an unclosed quote and empty text', () => {
    expect(tokenize('/chat bind "办公室', [])).toEqual({ kind: 'error', reason: 'unclosed_quote' });
    expect(tokenize('@_user_1   ', mentions, BOT)).toEqual({ kind: 'empty' });
    expect(tokenize('/', [])).toEqual({ kind: 'empty' });
  });
});

describe('closest', () => {
  it('measures edit distance by code point', () => {
    expect(editDistance('help', 'hepl')).toBe(2);
    expect(editDistance('帮助', '帮组')).toBe(1);
  });

  it('suggests a likely typo and nothing for unrelated words', () => {
    expect(closest('hlep', ['help', 'chat', 'task'])).toBe('help');
    expect(closest('chta', ['help', 'chat'])).toBe('chat');
    expect(closest('帮组', ['帮助', '群聊'])).toBe('帮助');
    expect(closest('weather', ['help', 'chat'])).toBeUndefined();
  });
});
