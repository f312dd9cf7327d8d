/**
 * `/holiday add|remove|list` end to end: the calendar service (BotServices.calendar) follows each
 * change at once; bad input answers with the usage; the add form works through a card callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/domain/audit.js';
import { CalendarOverride } from '../../src/models/calendar-override.js';
import { PersonModel } from '../../src/models/person.js';
import { validateCard } from '../emulator/index.js';
import { askPrivately, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_holiday_admin';
const SUPERVISOR = 'ou_holiday_supervisor';
const MEMBER = 'ou_holiday_member';

describe('/holiday end to end', () => {
  useTestDb();
  let h: Harness;

  const ask = (sender: string, text: string) => askPrivately(h, sender, text);

  const isWorkday = async (day: string) => (await h.bot.services.calendar()).isWorkday(day);

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: SUPERVISOR, name: '赵监督' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    await PersonModel.updateOne(
      { openId: SUPERVISOR },
      { $set: { roles: ['supervisor'] } },
      { upsert: true },
    );
  });
  afterAll(async () => h?.stop());

  it('/holiday add 2026-12-31 休 makes a workday a rest day; /holiday remove restores it', async () => {
    expect(await isWorkday('2026-12-31')).toBe(true);
    expect(await ask(ADMIN, '/holiday add 2026-12-31 休')).toEqual([
      '已将 2026-12-31（周四）设为休息日。调整前：工作日。',
    ]);
    expect(await isWorkday('2026-12-31')).toBe(false);
    expect((await h.bot.services.calendar()).describe('2026-12-31')).toMatchObject({
      work: false,
      source: 'override',
    });
    expect((await listAudit(1))[0]).toMatchObject({
      actor: ADMIN,
      action: 'holiday.add',
      outcome: 'ok',
      target: '2026-12-31',
      before: null,
      after: { kind: 'rest', note: '' },
    });

    expect(await ask(ADMIN, '/holiday remove 2026-12-31')).toEqual([
      '已删除 2026-12-31（周四）的自定义设置，该日现为：工作日。',
    ]);
    expect(await isWorkday('2026-12-31')).toBe(true);
    expect((await listAudit(1))[0]).toMatchObject({
      action: 'holiday.remove',
      before: { kind: 'rest' },
      after: null,
    });
    expect(await ask(ADMIN, '/holiday remove 2026-12-31')).toEqual([
      '2026-12-31（周四）没有自定义设置，无需删除。发送 /holiday list 可查看已有设置。',
    ]);
  });

  it('/holiday add 2026-12-26 班 makes a Saturday a workday, with a note; Chinese aliases work', async () => {
    expect(await isWorkday('2026-12-26')).toBe(false);
    expect(await ask(ADMIN, '节假日 添加 2026年12月26日 班 迎检')).toEqual([
      '已将 2026-12-26（周六）设为工作日。调整前：休息日。',
    ]);
    expect(await isWorkday('2026-12-26')).toBe(true);
    expect((await h.bot.services.calendar()).describe('2026-12-26')).toMatchObject({
      source: 'override',
      name: '迎检',
    });
  });

  it('an official holiday can be turned into a workday, and the answer names the holiday', async () => {
    expect(await ask(ADMIN, '/holiday add 2026-10-07 班')).toEqual([
      '已将 2026-10-07（周三）设为工作日。调整前：休息日（国庆节）。',
    ]);
    expect(await isWorkday('2026-10-07')).toBe(true);
  });

  it('bad dates and kinds answer with the usage and change nothing', async () => {
    const count = await CalendarOverride.countDocuments();
    const cases: [string, string][] = [
      ['/holiday add 2026-02-30 休', '请按“年-月-日”输入'],
      ['/holiday add tomorrow', '请按“年-月-日”输入'],
      ['/holiday add 12-31 休', '/holiday add 2026-12-31 休'],
      ['/holiday add 2026-12-30 周末', '请在日期后写“休”（休息日）或“班”（工作日）'],
      ['/holiday remove 2026/13/01', '/holiday remove 2026-12-31'],
      ['/holiday remove', '/holiday remove 2026-12-31'],
      ['/holiday list 26', '/holiday list 2026'],
    ];
    for (const [text, expected] of cases) {
      const answers = await ask(ADMIN, text);
      expect(answers, text).toHaveLength(1);
      expect(answers[0], text).toContain(expected);
    }
    expect(await CalendarOverride.countDocuments()).toBe(count);
  });

  it('/holiday list shows our overrides and the official holidays; supervisors may list but not change', async () => {
    const [card] = await ask(SUPERVISOR, '/holiday list 2026');
    expect(card).toContain('2026 年节假日');
    expect(card).toContain('2026-12-26（周六） 工作日 · 迎检');
    expect(card).toMatch(/国庆节：10-01 ~ 10-0\d 放假/);
    expect(card).toContain('调休');
    expect(card).not.toContain('/holiday add');

    const [refused] = await ask(SUPERVISOR, '/holiday add 2026-12-30 休');
    expect(refused).toContain('仅限管理员使用');
    expect(await isWorkday('2026-12-30')).toBe(true);
    expect((await listAudit(1))[0]).toMatchObject({
      actor: SUPERVISOR,
      action: 'command:/holiday add',
      outcome: 'refused',
    });

    const [member] = await ask(MEMBER, '/holiday list');
    expect(member).toContain('仅限管理员、特邀监督员使用');
  });

  it('in weekdays mode the official calendar is ignored but the overrides still apply', async () => {
    expect(await isWorkday('2026-10-01')).toBe(false);
    await ask(ADMIN, '/config set workdays weekdays');
    expect(await isWorkday('2026-10-01')).toBe(true); // a Thursday, National Day ignored
    expect(await isWorkday('2026-12-26')).toBe(true); // override: a Saturday workday
    await ask(ADMIN, '/holiday add 2026-10-02 休');
    expect(await isWorkday('2026-10-02')).toBe(false);
    const [card] = await ask(ADMIN, '/holiday list');
    expect(card).toContain('工作日历：周一至周五');
    expect(card).not.toContain('国庆节：');
    await ask(ADMIN, '/config set workdays mainland');
    expect(await isWorkday('2026-10-01')).toBe(false);
  });

  it('/holiday add without arguments opens a form that applies the day through the callback', async () => {
    const chat = h.emulator.world.p2pChatOf(ADMIN);
    await ask(ADMIN, '/holiday add');
    const form = h.emulator.latestCard({ chatId: chat.chatId })!;
    expect(validateCard(form.content)).toEqual([]);
    expect(JSON.stringify(form.content)).toContain('"tag":"date_picker"');

    const bad = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '确认设置',
      formValue: { date: '', kind: 'rest' },
    });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.content).toBe('请选择日期后再提交。');

    expect(await isWorkday('2026-11-27')).toBe(true);
    const ok = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '确认设置',
      formValue: { date: '2026-11-27 +0800', kind: 'rest', note: '单位运动会' },
    });
    expect(ok.status).toBe(200);
    expect(ok.toast?.type).toBe('success');
    expect(ok.toast?.content).toBe('已将 2026-11-27（周五）设为休息日。调整前：工作日。');
    expect(await isWorkday('2026-11-27')).toBe(false);
    expect(h.emulator.textOf(h.emulator.message(form.messageId)!)).toContain(
      '已将 2026-11-27（周五）设为休息日',
    );
    expect((await CalendarOverride.findOne({ date: '2026-11-27' }).lean())?.note).toBe('单位运动会');
  });
});
