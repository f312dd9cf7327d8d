/**
 * `/config show` and `/config set` end to end through the emulator: values, sources, bad input,
 * refusals (audited), and the config form through a card callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/domain/audit.js';
import { loadSettings } from '../../src/domain/settings.js';
import { PersonModel } from '../../src/models/person.js';
import { TenantSettingsModel } from '../../src/models/tenant-settings.js';
import { validateCard } from '../emulator/index.js';
import { askPrivately, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_config_admin';
const SUPERVISOR = 'ou_config_supervisor';
const MEMBER = 'ou_config_member';

describe('/config end to end', () => {
  useTestDb();
  let h: Harness;

  const ask = (sender: string, text: string) => askPrivately(h, sender, text);

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

  it('/config show lists the defaults and where they come from', async () => {
    const [card] = await ask(ADMIN, '/config show');
    expect(card).toContain('当前配置');
    expect(card).toContain('Asia/Shanghai');
    expect(card).toContain('默认值（环境变量 BOT_TIMEZONE）');
    expect(card).toContain('22:00–次日 08:00');
    expect(card).toContain('法定节假日与调休');
    expect(card).toContain('中文');
    expect(card).toContain('/config set');
  });

  it('/config set quiet-hours 21:30-07:30 changes it, audited, and /config show shows it with who set it', async () => {
    const [answer] = await ask(ADMIN, '/config set quiet-hours 21:30-07:30');
    expect(answer).toBe('已将免打扰时段由“22:00–次日 08:00”改为“21:30–次日 07:30”。');
    expect((await loadSettings({ timezone: 'Asia/Shanghai' })).quietHours).toEqual({
      start: '21:30',
      end: '07:30',
    });

    const [card] = await ask(ADMIN, '配置 查看');
    expect(card).toContain('21:30–次日 07:30');
    expect(card).toMatch(/由 @ou_config_admin 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 设置/);

    const [entry] = await listAudit(1);
    expect(entry).toMatchObject({
      actor: ADMIN,
      action: 'config.set',
      outcome: 'ok',
      target: 'quietHours',
      before: { start: '22:00', end: '08:00' },
      after: { start: '21:30', end: '07:30' },
    });
  });

  it('Chinese aliases and values work for every setting; the same value twice changes nothing', async () => {
    expect(await ask(ADMIN, '配置 设置 时区 asia/tokyo')).toEqual([
      '已将时区由“Asia/Shanghai”改为“Asia/Tokyo”。',
    ]);
    expect(await ask(ADMIN, '/config set 时区 Asia/Tokyo')).toEqual(['时区已是“Asia/Tokyo”，无需修改。']);
    expect(await ask(ADMIN, '/config set 工作日 周一至周五')).toEqual([
      '已将工作日历由“法定节假日与调休”改为“周一至周五”。',
    ]);
    expect(await ask(ADMIN, '/config set 免打扰 22:00-08:00 仅工作日')).toEqual([
      '已将免打扰时段由“21:30–次日 07:30”改为“22:00–次日 08:00，休息日全天免打扰”。',
    ]);
    expect(await ask(ADMIN, '/config set 免打扰 关闭')).toEqual([
      '已将免打扰时段由“22:00–次日 08:00，休息日全天免打扰”改为“关闭（随时发送）”。',
    ]);
    const settings = await loadSettings({ timezone: 'Asia/Shanghai' });
    expect(settings).toMatchObject({
      timezone: 'Asia/Tokyo',
      workdays: 'weekdays',
      quietHours: { start: '00:00', end: '00:00' },
    });
    expect(await ask(ADMIN, '/config set timezone Asia/Shanghai')).toHaveLength(1);
    expect(await ask(ADMIN, '/config set workdays mainland')).toHaveLength(1);
  });

  it('bad values answer with what to type and change nothing', async () => {
    const before = await TenantSettingsModel.findById('tenant').lean();
    const auditBefore = (await listAudit(100)).length;
    const cases: [string, string][] = [
      ['/config set quiet-hours 25:00-07:00', '/config set 免打扰 22:00-08:00'],
      ['/config set quiet-hours 08:00-08:00', '请按“开始-结束”输入'],
      ['/config set quiet-hours', '免打扰时段格式不对'],
      ['/config set timezone Mars/Olympus', '/config set 时区 Asia/Shanghai'],
      ['/config set timezone +08:00', 'IANA'],
      ['/config set workdays sometimes', '/config set 工作日 法定'],
      ['/config set locale klingon', '/config set 语言 中文'],
      ['/config set colour blue', '请写明：时区、免打扰、工作日 或 语言'],
    ];
    for (const [text, expected] of cases) {
      const answers = await ask(ADMIN, text);
      expect(answers, text).toHaveLength(1);
      expect(answers[0], text).toContain(expected);
      expect(answers[0], text).toContain('未修改');
    }
    expect(await ask(ADMIN, '/config show extra')).toEqual([expect.stringContaining('/config show')]);
    expect(await TenantSettingsModel.findById('tenant').lean()).toEqual(before);
    expect(await listAudit(100)).toHaveLength(auditBefore);
  });

  it('a supervisor may view but not change the settings; the refusal is audited and changes nothing', async () => {
    const [card] = await ask(SUPERVISOR, '/config show');
    expect(card).toContain('当前配置');
    expect(card).toContain('如需修改，请联系管理员');

    const before = await TenantSettingsModel.findById('tenant').lean();
    const [answer] = await ask(SUPERVISOR, '/config set quiet-hours 20:00-09:00');
    expect(answer).toContain('仅限管理员使用');
    expect(await TenantSettingsModel.findById('tenant').lean()).toEqual(before);
    const [entry] = await listAudit(1);
    expect(entry).toMatchObject({ actor: SUPERVISOR, action: 'command:/config set', outcome: 'refused' });
  });

  it('a member cannot see /config show, nor find it in /help', async () => {
    const [answer] = await ask(MEMBER, '/config show');
    expect(answer).toContain('仅限管理员、特邀监督员使用');
    const [help] = await ask(MEMBER, '/help');
    expect(help).not.toContain('/config');
    expect(help).toContain('/lang');
  });

  it('/config set without arguments opens a form with the current values that applies them through the callback', async () => {
    const chat = h.emulator.world.p2pChatOf(ADMIN);
    await ask(ADMIN, '/config set');
    const form = h.emulator.latestCard({ chatId: chat.chatId })!;
    expect(validateCard(form.content)).toEqual([]);
    const json = JSON.stringify(form.content);
    expect(json).toContain('"initial_option":"Asia/Shanghai"');
    expect(json).toContain('"default_value":"关闭"');
    expect(json).toContain('"initial_option":"mainland"');

    const refused = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: SUPERVISOR,
      text: '保存配置',
      formValue: {
        timezone: 'UTC',
        quiet_hours: '21:00-07:00',
        quiet_days: 'everyday',
        workdays: 'mainland',
        locale: 'zh-CN',
      },
    });
    expect(refused.toast?.type).toBe('error');
    expect(refused.toast?.content).toContain('仅限管理员');
    expect((await listAudit(1))[0]).toMatchObject({
      actor: SUPERVISOR,
      action: 'action:config.set',
      outcome: 'refused',
    });

    const bad = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '保存配置',
      formValue: {
        timezone: 'Asia/Shanghai',
        quiet_hours: '晚上',
        quiet_days: 'everyday',
        workdays: 'mainland',
        locale: 'zh-CN',
      },
    });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.content).toContain('免打扰时段格式不对');
    expect((await loadSettings({ timezone: 'Asia/Shanghai' })).quietHours).toEqual({
      start: '00:00',
      end: '00:00',
    });

    const ok = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '保存配置',
      formValue: {
        timezone: 'Asia/Hong_Kong',
        quiet_hours: '21:30-07:30',
        quiet_days: 'workdays',
        workdays: 'weekdays',
        locale: 'zh-CN',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.toast?.type).toBe('success');
    expect(ok.toast?.content).toBe('已保存：时区、免打扰时段、工作日历');
    expect(await loadSettings({ timezone: 'Asia/Shanghai' })).toEqual({
      timezone: 'Asia/Hong_Kong',
      quietHours: { start: '21:30', end: '07:30', workdaysOnly: true },
      workdays: 'weekdays',
      locale: 'zh-CN',
    });
    const updated = h.emulator.textOf(h.emulator.message(form.messageId)!);
    expect(updated).toContain('Asia/Hong_Kong');
    expect(updated).toContain('已由 @ou_config_admin 通过表单保存');
    const audits = (await listAudit(3)).map((a) => a.target).sort();
    expect(audits).toEqual(['quietHours', 'timezone', 'workdays']);
  });
});
