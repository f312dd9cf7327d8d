/**
 * Hostile user text through every command and form that echoes it: nothing a person types
 * reaches an outgoing text message or card unescaped (no mention, link, tag or emphasis of
 * theirs is interpreted), bidi / zero-width controls are gone, and cards stay under 30 KB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { cardBytes, renderCardText, type StoredMessage, validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_hx_boot';
const SUP = 'ou_hx_sup';
const ZHANG = 'ou_hx_zhang';
const GROUP = 'oc_hx_office';
const PEOPLE: Array<[string, string]> = [
  [BOOT, '王主任'],
  [SUP, '孙丽'],
  [ZHANG, '张华'],
];

/** The corpus: each piece would be markup somewhere if it went out raw. */
const HOSTILE = {
  atAll: '<at user_id="all"></at>',
  atAllCard: '<at id=all></at>',
  link: '[点我](https://evil.example/x)',
  font: '</font><font color=red>EVILFONT</font>',
  tag: '<text_tag color=red>EVILTAG</text_tag>',
  bold: '**EVILBOLD**',
  lt: '<',
  amp: '&amp;',
  rtl: 'abc\u202edcba\u2066x\u2069',
  zeroWidth: 'z\u200bw\u2060j',
} as const;
const ALL = Object.values(HOSTILE).join(' ');
/**
 * Text an admin or leader authors on purpose (a sign-off document, a content body) keeps its
 * emphasis and http(s) links; everything else of the corpus must still be neutralised there.
 */
const AUTHORED = Object.entries(HOSTILE)
  .filter(([k]) => k !== 'link' && k !== 'bold')
  .map(([, v]) => v)
  .join(' ');
/** The same pieces without spaces or quotes, for places that read one word. */
const WORD = '<at_id=all>[x](https://evil.example)</font>**EVILBOLD**\u202eRTL';
const LONG = `长${'很'.repeat(100_000)}`;

/** What must never appear in a message the bot sent, raw. */
/** Tags of the corpus that must not reach a text message or card markdown raw. */
const FORBIDDEN_TAGS = [
  '<at user_id="all"',
  '<at id=all',
  '<at_id',
  '<font color=red>',
  '</font><font',
  '<text_tag color=red>',
];
/** Bidi and zero-width controls of the corpus: gone from every string the bot sends. */
const INVISIBLE = ['\u202e', '\u2066', '\u200b', '\u2060'];
/** Card markdown would also read these (text messages show them as typed). */
const FORBIDDEN_IN_CARDS = ['**EVILBOLD**', '](https://evil', 'https://evil', '<at_id', '&amp;'];
/** Text messages would read these. */
const FORBIDDEN_IN_TEXT = ['](https://evil', '<at_id', '</font>', '<text_tag'];

/** The markdown texts of a card (`markdown` components and `lark_md` text objects). */
function markdownOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) markdownOf(v, out);
  else if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if ((node.tag === 'markdown' || node.tag === 'lark_md') && typeof node.content === 'string')
      out.push(node.content);
    for (const v of Object.values(node)) markdownOf(v, out);
  }
  return out;
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/** Every mention in a text message is one the bot built from a known open_id. */
function mentionsAreTheBots(text: string): boolean {
  const mentions = text.match(/<at\b[^>]*>/g) ?? [];
  return mentions.every((m) => /^<at (?:user_)?id="?ou_hx_[a-z]+"?>$/.test(m));
}

describe('hostile text is escaped in every outgoing message (issue 13, item 1)', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  async function say(sender: string, text: string, opts: { chatId?: string; mentions?: string[] } = {}) {
    const sent = await h.emulator.sendText({
      chatType: opts.chatId ? 'group' : 'p2p',
      chatId: opts.chatId,
      sender,
      text,
      mentionBot: Boolean(opts.chatId),
      mentions: opts.mentions,
    });
    expect(sent.status).toBe(200);
    await drainOnManualClock(h, clock);
    return h.emulator.messages.filter((m) => m.parentId === sent.messageId);
  }

  async function click(
    messageId: string,
    operator: string,
    text: string,
    formValue?: Record<string, unknown>,
  ) {
    const result = await h.emulator.clickButton({ messageId, operator, text, formValue });
    await drainOnManualClock(h, clock);
    expect(result.status).toBe(200);
    expect(result.clientError).toBeUndefined();
    return result;
  }

  const rendered = (messages: StoredMessage[]) => messages.map((m) => h.emulator.textOf(m)).join('\n');
  const cardOf = (messages: StoredMessage[]) => messages.find((m) => m.msgType === 'interactive')!;

  /** Checks every message the bot has sent so far (and every version of every card). */
  async function expectNothingUnescaped() {
    expect(h.emulator.messages.length).toBeGreaterThan(0);
    for (const m of h.emulator.messages) {
      if (m.senderType !== 'app') continue;
      const versions = [m.content, m.current, ...m.updates.map((u) => u.content)];
      for (const content of versions) {
        const raw = stringsOf(content).join('\n');
        for (const bad of INVISIBLE)
          expect(raw, `${m.messageId} has an invisible control`).not.toContain(bad);
        if (m.msgType === 'interactive') {
          // plain_text (titles, buttons, options) shows tags as typed; markdown must not read them
          const md = markdownOf(content).join('\n');
          for (const bad of [...FORBIDDEN_TAGS, ...FORBIDDEN_IN_CARDS])
            expect(md, `${m.messageId} has ${bad}`).not.toContain(bad);
          expect(validateCard(content)).toEqual([]);
          expect(cardBytes(content)).toBeLessThanOrEqual(30 * 1024);
          expect(mentionsAreTheBots(md), md.slice(0, 400)).toBe(true);
        } else if (m.msgType === 'text') {
          for (const bad of [...FORBIDDEN_TAGS, ...FORBIDDEN_IN_TEXT])
            expect(raw, `${m.messageId} has ${bad}`).not.toContain(bad);
          expect(mentionsAreTheBots(raw), raw.slice(0, 300)).toBe(true);
          expect(Buffer.byteLength(JSON.stringify(content))).toBeLessThan(150 * 1024);
        }
      }
    }
    const stuck = await OutboxMessage.countDocuments({ state: { $ne: 'sent' } });
    expect(stuck).toBe(0);
  }

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, name] of PEOPLE) h.emulator.addUser({ openId, name });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: PEOPLE.map(([id]) => id) });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await drainOnManualClock(h, clock);
    await say(BOOT, '/dept add 机关');
    await say(BOOT, '/dept add 办公室 机关');
    await say(BOOT, '/role member @张华 办公室', { mentions: [ZHANG] });
    await say(BOOT, '/role supervisor @孙丽', { mentions: [SUP] });
    await say(BOOT, '/chat bind 办公室', { chatId: GROUP });
  }, 120_000);
  afterAll(async () => h?.stop());

  it('the unknown-command echo in a group mentions nobody and shows what was typed', async () => {
    for (const piece of [HOSTILE.atAll, HOSTILE.atAllCard, WORD, ALL]) {
      const replies = await say(ZHANG, `/${piece}`, { chatId: GROUP });
      expect(replies.length).toBeGreaterThan(0);
      expect(rendered(replies)).toContain('没有找到命令');
    }
    const replies = await say(ZHANG, `/${'x'.repeat(100_000)}`);
    expect(rendered(replies)).toContain('…');
    await expectNothingUnescaped();
  }, 120_000);

  it('/task add and /task show: hostile titles and notes show as typed, escaped', async () => {
    const replies = await say(BOOT, `/task add ${WORD} @张华 截止 2026-12-05 18:00`, { mentions: [ZHANG] });
    const id = /T[0-9A-Z]{4}/.exec(rendered(replies))?.[0];
    expect(id).toBeDefined();
    const card = h.emulator.messages
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(`任务 ${id}`))
      .at(-1)!;
    expect(h.emulator.textOf(card)).toContain('[x](https://evil.example)');
    await click(card.messageId, ZHANG, '提交销号', { task_note: ALL });
    const show = await say(BOOT, `/task show ${id}`);
    const text = rendered(show);
    expect(text).toContain('[点我](https://evil.example/x)');
    expect(text).toContain('<at user_id="all"></at>');
    expect(text).toContain('**EVILBOLD**');
    await expectNothingUnescaped();
  }, 120_000);

  it('/feedback (named and anonymous) and /feedback list: the supervisor sees the text, no mention', async () => {
    await say(ZHANG, `/feedback ${ALL}`);
    await say(ZHANG, `/feedback 匿名 ${ALL}`);
    await say(ZHANG, `/feedback ${LONG}`);
    const forwarded = h.emulator.messagesTo({ openId: SUP }).filter((m) => m.msgType === 'interactive');
    expect(forwarded.length).toBeGreaterThanOrEqual(2);
    const shown = renderCardText(forwarded[0]!.current);
    expect(shown).toContain('<at user_id="all"></at>');
    expect(shown).toContain('[点我](https://evil.example/x)');
    await say(SUP, '/feedback list', { chatId: GROUP });
    await say(SUP, '/feedback list');
    await expectNothingUnescaped();
  }, 120_000);

  it('/poll new: a hostile question and options are escaped on the poll card', async () => {
    await say(BOOT, `/poll new ${WORD} | ${HOSTILE.bold} | ${HOSTILE.link}`, { chatId: GROUP });
    await say(BOOT, `/poll new ${HOSTILE.atAllCard}问 | ${HOSTILE.font} | 乙`, { chatId: GROUP });
    const card = h.emulator.latestCard({ chatId: GROUP })!;
    expect(h.emulator.textOf(card)).toContain('<at id=all></at>问');
    await expectNothingUnescaped();
  }, 120_000);

  it('pledge titles and text, content items: escaped on every card', async () => {
    const form = cardOf(await say(BOOT, '/pledge new'));
    const launched = await click(form.messageId, BOOT, '发起签署', {
      pledge_title: WORD,
      pledge_kind: 'pledge',
      pledge_text: `${AUTHORED}\n# 标题\n- 列表\n**要点**`,
      pledge_chats: [GROUP],
      pledge_deadline: '2026-12-04 18:00 +0800',
    });
    expect(launched.toast?.content).toContain('签署');
    const signer = h.emulator.messages.filter(
      (m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('# 标题'),
    );
    expect(signer.length).toBeGreaterThan(0);
    // The author's emphasis is kept (authored markdown), the tags beside it are not.
    expect(JSON.stringify(signer[0]!.content)).toContain('**要点**');
    const content = cardOf(await say(BOOT, '/content add'));
    await click(content.messageId, BOOT, '保存', {
      c_title: WORD,
      c_body: `${AUTHORED}\n**启示**`,
      c_category: 'other',
      c_tags: HOSTILE.bold,
      c_source: HOSTILE.link,
    });
    await say(BOOT, '/content list');
    await say(BOOT, '/content show C001');
    await expectNothingUnescaped();
  }, 120_000);

  it('an import file with hostile cells: the errors it echoes are escaped', async () => {
    await say(BOOT, '/import members');
    const csv = `姓名,open_id,部门,角色\n${WORD},ou_hx_new,${WORD},${HOSTILE.atAllCard}\n"${ALL.replace(/"/g, '""')}",,机关,成员\n`;
    await h.emulator.sendFile({
      chatType: 'p2p',
      sender: BOOT,
      fileName: `${WORD}.csv`,
      bytes: Buffer.from(csv),
    });
    await drainOnManualClock(h, clock);
    const result = h.emulator
      .messagesTo({ openId: BOOT })
      .filter((m) => m.msgType === 'interactive')
      .at(-1)!;
    expect(h.emulator.textOf(result)).toContain('<at_id=all>');
    await expectNothingUnescaped();
  }, 120_000);
});
