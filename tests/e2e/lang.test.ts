/**
 * Languages end to end: `/lang English` stores the person's choice and the bot answers them in
 * English; others keep Chinese; `/config set locale en-US` switches the agency default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonLocale } from '../../src/domain/person-locale.js';
import { PersonModel } from '../../src/models/person.js';
import { askPrivately, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_lang_admin';
const ALICE = 'ou_lang_alice';
const BOB = 'ou_lang_bob';

describe('/lang and the agency language, end to end', () => {
  useTestDb();
  let h: Harness;

  const ask = (sender: string, text: string) => askPrivately(h, sender, text);

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: ALICE, name: 'Alice' });
    h.emulator.addUser({ openId: BOB, name: '李明' });
  });
  afterAll(async () => h?.stop());

  it('/lang with no argument tells the current language and how to change it', async () => {
    expect(await ask(ALICE, '/lang')).toEqual(['当前使用单位默认语言：中文。切换请发送 /lang English。']);
  });

  it('/lang English stores the choice on the person and /help answers in English', async () => {
    // The bot got to know Alice (contact name) when she first wrote; no language chosen yet.
    const known = await PersonModel.findOne({ openId: ALICE }).lean();
    expect(known?.name).toBeTruthy();
    expect(known?.locale ?? null).toBeNull();
    expect(await ask(ALICE, '/lang English')).toEqual(['OK, I will answer you in English from now on.']);
    expect(await getPersonLocale(ALICE)).toBe('en-US');

    const [help] = await ask(ALICE, '/help');
    expect(help).toContain('Integrity Campaign Assistant · Help');
    expect(help).toContain('List the commands you can use');
    expect(help).toContain('/lang 中文|English|default');
    expect(help).not.toMatch(/使用帮助|查看可用命令/);

    expect(await ask(ALICE, '/lang klingon')).toEqual([
      'Please choose: /lang English or /lang 中文; send /lang default to follow the agency setting.',
    ]);
    expect(await ask(ALICE, '/hlep')).toEqual([expect.stringContaining('Did you mean /help?')]);
  });

  it('another user still gets Chinese', async () => {
    const [help] = await ask(BOB, '帮助');
    expect(help).toContain('清廉机关助手 · 使用帮助');
    expect(help).not.toContain('Integrity Campaign Assistant');
  });

  it('/config set locale en-US switches the default for everyone without a choice of their own', async () => {
    expect(await ask(ADMIN, '/config set locale en-US')).toEqual([
      'Default language changed from "Chinese (中文)" to "English".',
    ]);
    const [bobHelp] = await ask(BOB, '/help');
    expect(bobHelp).toContain('Integrity Campaign Assistant · Help');
    const [adminShow] = await ask(ADMIN, '/config show');
    expect(adminShow).toContain('Settings');
    expect(adminShow).toContain('Set by @ou_lang_admin on');

    expect(await ask(BOB, '/lang 中文')).toEqual(['好的，今后我将用中文回复您。']);
    expect((await ask(BOB, '/help'))[0]).toContain('使用帮助');
    expect(await ask(BOB, '/lang 默认')).toEqual([
      'OK, I will use the agency’s default language (English) from now on.',
    ]);
    expect(await getPersonLocale(BOB)).toBeNull();

    expect(await ask(ADMIN, '/config set 语言 中文')).toEqual([
      '已将默认语言由“英文（English）”改为“中文”。',
    ]);
    expect((await ask(BOB, '/help'))[0]).toContain('使用帮助');
    expect((await ask(ALICE, '/help'))[0]).toContain('Integrity Campaign Assistant · Help');
  });

  it('an English reader gets English usage, refusals and config answers', async () => {
    expect(await ask(ALICE, '/config show')).toEqual([
      'Sorry, "/config show" is for admins, supervisors only. Please contact an admin if you need access.',
    ]);
    await ask(ADMIN, '/lang English');
    expect(await ask(ADMIN, '/config set quiet-hours 25:00')).toEqual([
      expect.stringContaining('Quiet hours not understood; nothing changed.'),
    ]);
    expect(await ask(ADMIN, '/holiday add 2026-12-31 rest')).toEqual([
      '2026-12-31 (Thu) is now a rest day. Before: workday.',
    ]);
    expect(await ask(ADMIN, '/holiday add 2026-10-07 work')).toEqual([
      '2026-10-07 (Wed) is now a workday. Before: rest day (National Day).',
    ]);
  });
});
