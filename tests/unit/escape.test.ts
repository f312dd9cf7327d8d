import { describe, expect, it } from 'vitest';
import { card, markdown } from '../../cards/elements.js';
import {
  cardMention,
  escapeCardMarkdown,
  escapeTextMessage,
  markup,
  renderUserSpans,
  stripMarks,
  textMention,
  truncateText,
  userText,
} from '../../cards/escape.js';
import { renderCardUserText } from '../../cards/render-card.js';
import { t } from '../../src/i18n/index.js';
import { cardBytes, renderCardText } from '../emulator/index.js';

describe('escapes per output kind', () => {
  it('card markdown: tags, mentions, links, emphasis and entities become HTML escapes', () => {
    expect(escapeCardMarkdown('<at id=all></at>')).toBe('&#60;at id=all&#62;&#60;/at&#62;');
    expect(escapeCardMarkdown('[x](https://evil.example)')).toBe(
      '&#91;x&#93;&#40;https&#58;//evil.example&#41;',
    );
    expect(escapeCardMarkdown('</font>**b** ~~s~~ `c` a_b_')).toBe(
      '&#60;/font&#62;&#42;&#42;b&#42;&#42; &#126;&#126;s&#126;&#126; &#96;c&#96; a&#95;b&#95;',
    );
    expect(escapeCardMarkdown('&amp; :OK:')).toBe('&#38;amp; &#58;OK:');
    expect(escapeCardMarkdown('- a\n# b\n1. c\n> d')).toBe('&#45; a\n&#35; b\n1&#46; c\n&#62; d');
    expect(escapeCardMarkdown('2026-03-02 09:00 a-b')).toBe('2026-03-02 09:00 a-b');
  });

  it('text messages: the delimiters of <at>, <b> and [text](url) become full-width', () => {
    expect(escapeTextMessage('<at user_id="all"></at> [x](https://e)')).toBe(
      '＜at user_id="all"＞＜/at＞ ［x］(https://e)',
    );
  });

  it('marks only what needs it, and strips bidi and zero-width controls from what it marks', () => {
    expect(userText('张华')).toBe('张华');
    expect(userText('a\u202eb')).toBe('\u2068ab\u2069');
    expect(userText('x\u2069<at id=all>')).toBe('\u2068x<at id=all>\u2069');
    expect(stripMarks(userText('<'))).toBe('<');
  });

  it('renders spans per kind and leaves the bot text alone', () => {
    const s = `**标题** ${userText('**x**')} <at id=ou_1></at>`;
    expect(renderUserSpans(s, 'markdown')).toBe('**标题** &#42;&#42;x&#42;&#42; <at id=ou_1></at>');
    expect(renderUserSpans(s, 'plain')).toBe('**标题** **x** <at id=ou_1></at>');
    expect(renderUserSpans(userText('很'.repeat(50)), 'text', 5)).toBe('很很很很…');
    expect(truncateText('ab', 5)).toBe('ab');
  });

  it('t() marks string placeholders; markup() and numbers go in as they are', () => {
    const text = t('zh-CN', 'cmd.unknown', {
      command: '/<at user_id="all"></at>',
      suggestion: markup('<b>'),
    });
    expect(renderUserSpans(text, 'text')).toContain('“/＜at user_id="all"＞＜/at＞”');
    expect(renderUserSpans(text, 'text')).toContain('<b>');
  });

  it('mentions are built from ids only', () => {
    expect(cardMention('ou_abc').markup).toBe('<at id=ou_abc></at>');
    expect(cardMention('all').markup).toBe('');
    expect(cardMention('x></at><at id=all').markup).toBe('');
    expect(textMention('ou_abc')).toBe('<at user_id="ou_abc"></at>');
    expect(textMention('all')).toBe('');
  });

  it('a card with a 100k-character value stays under 30 KB; plain text is not escaped', () => {
    const huge = '<'.repeat(100_000);
    const c = card(userText(huge), 'blue', [markdown(userText(huge)), markdown(userText(huge))]);
    expect(cardBytes(c)).toBeLessThanOrEqual(28 * 1024);
    expect(c.header?.title.content.startsWith('<<<')).toBe(true);
    expect(c.header?.title.content.endsWith('…')).toBe(true);
    expect(renderCardText(c)).toContain('<<<<');
    expect(renderCardUserText(c)).toBe(c);
  });
});

describe('authored markdown (content bodies, sign-off documents)', () => {
  it('keeps the author emphasis and http(s) links, neutralises tags, mentions and other schemes', async () => {
    const { authoredMarkdown } = await import('../../cards/escape.js');
    expect(authoredMarkdown('**廉洁** 从我做起\n- 第一条')).toBe('**廉洁** 从我做起\n- 第一条');
    expect(authoredMarkdown('详见[通知](https://example.gov.cn/a?b=1)')).toBe(
      '详见[通知](https://example.gov.cn/a?b=1)',
    );
    expect(authoredMarkdown('<at id=all></at><at user_id="all"></at>')).toBe(
      '&#60;at id=all>&#60;/at>&#60;at user_id="all">&#60;/at>',
    );
    expect(authoredMarkdown('<font color=red>x</font>')).not.toMatch(/<font/);
    expect(authoredMarkdown('[点我](javascript:alert(1))')).toBe(
      '&#91;点我&#93;&#40;javascript&#58;alert(1))',
    );
    expect(authoredMarkdown('[x](lark://open)')).not.toMatch(/\]\(lark:/);
    expect(authoredMarkdown('[a<at id=all></at>](https://x.cn)')).not.toContain('<at');
    expect(authoredMarkdown('> 天知，神知\n\n**启示**')).toBe('> 天知，神知\n\n**启示**');
    expect(authoredMarkdown('a\u202eb\u200bc\uE0000\uE000')).toBe('abc0');
  });
});
