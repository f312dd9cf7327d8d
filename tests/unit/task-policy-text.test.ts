import { describe, expect, it } from 'vitest';
import {
  applyPolicyPatch,
  describePolicy,
  readPolicyCommand,
  samePolicy,
} from '../../src/domain/task-policy-text.js';
import { DEFAULT_REMINDER_POLICY } from '../../src/domain/task-reminders-plan.js';
import { translator } from '../../src/i18n/index.js';

const zh = translator('zh-CN');
const en = translator('en-US');
const read = (text: string) => readPolicyCommand(text.split(' ').filter((w) => w !== ''));

describe('reading /task policy', () => {
  it('reads show, set and reset', () => {
    expect(read('')).toEqual({ ok: true, command: { kind: 'show', taskId: null } });
    expect(read('默认')).toEqual({ ok: true, command: { kind: 'show', taskId: null } });
    expect(read('t7k3q')).toEqual({ ok: true, command: { kind: 'show', taskId: 'T7K3Q' } });
    expect(read('默认 提前 3,1,0 时间 09:00 创建 开 截止 开')).toEqual({
      ok: true,
      command: {
        kind: 'set',
        taskId: null,
        patch: { workdaysBefore: [3, 1, 0], at: '09:00', onCreate: true, atDeadline: true },
      },
    });
    expect(read('T7K3Q 提前 0，2 时间 ９：30 截止 关')).toEqual({
      ok: true,
      command: {
        kind: 'set',
        taskId: 'T7K3Q',
        patch: { workdaysBefore: [2, 0], at: '09:30', atDeadline: false },
      },
    });
    expect(read('T7K3Q 提前 5 3 1')).toMatchObject({ command: { patch: { workdaysBefore: [5, 3, 1] } } });
    expect(read('T7K3Q 提前 无')).toMatchObject({ command: { patch: { workdaysBefore: [] } } });
    expect(read('default before 2 at 8:05 create off')).toMatchObject({
      command: { taskId: null, patch: { workdaysBefore: [2], at: '08:05', onCreate: false } },
    });
    expect(read('T7K3Q 恢复默认')).toEqual({ ok: true, command: { kind: 'reset', taskId: 'T7K3Q' } });
    expect(read('T7K3Q 默认')).toEqual({ ok: true, command: { kind: 'reset', taskId: 'T7K3Q' } });
  });

  it('names exactly what is wrong', () => {
    const key = (text: string) => {
      const r = read(text);
      return r.ok ? 'ok' : [r.error.key, r.error.params];
    };
    expect(key('默认 时间 25:00')).toEqual(['reminderPolicy.err.badTime', { input: '25:00' }]);
    expect(key('默认 时间 9点')).toEqual(['reminderPolicy.err.badTime', { input: '9点' }]);
    expect(key('默认 提前 31')).toEqual(['reminderPolicy.err.badDays', { input: '31' }]);
    expect(key('默认 提前 1.5')).toEqual(['reminderPolicy.err.badDays', { input: '1.5' }]);
    expect(key('默认 提前 0,1,2,3,4,5,6,7,8,9,10')).toEqual([
      'reminderPolicy.err.tooManyDays',
      { count: 11 },
    ]);
    expect(key('默认 提前 1,1,1')).toBe('ok'); // repeats count once
    expect(key('T7K3Q 提醒 开')).toEqual(['reminderPolicy.err.unknownWord', { word: '提醒' }]);
    expect(key('T7K3Q 创建 开 多余')).toEqual(['reminderPolicy.err.unknownWord', { word: '多余' }]);
    expect(key('T7K3Q 截止 也许')).toEqual(['reminderPolicy.err.badSwitch', { word: '截止' }]);
    expect(key('T7K3Q 时间')).toEqual([
      'reminderPolicy.err.missingValue',
      { word: '时间', example: '时间 09:00' },
    ]);
    expect(key('提前 1')).toEqual(['reminderPolicy.err.target', {}]);
    expect(key('随便')).toEqual(['reminderPolicy.err.unknownWord', { word: '随便' }]);
    expect(key('恢复默认')).toEqual(['reminderPolicy.err.resetAlone', {}]);
    expect(key('默认 恢复默认')).toEqual(['reminderPolicy.err.resetAlone', {}]);
    expect(key('T7K3Q 恢复默认 提前 1')).toEqual(['reminderPolicy.err.resetAlone', {}]);
  });
});

describe('describing and patching a policy', () => {
  it('describes in plain words', () => {
    expect(describePolicy(zh, DEFAULT_REMINDER_POLICY)).toBe(
      '创建时提醒；截止前第 3、1 个工作日及当天 09:00；截止时提醒',
    );
    expect(
      describePolicy(zh, { onCreate: false, workdaysBefore: [1, 2], at: '15:00', atDeadline: false }),
    ).toBe('创建时不提醒；截止前第 2、1 个工作日 15:00；截止时不提醒');
    expect(describePolicy(zh, { ...DEFAULT_REMINDER_POLICY, workdaysBefore: [0] })).toContain(
      '截止当天 09:00',
    );
    expect(describePolicy(zh, { ...DEFAULT_REMINDER_POLICY, workdaysBefore: [] })).toContain('截止前不提醒');
    expect(describePolicy(en, DEFAULT_REMINDER_POLICY)).toBe(
      'on creation; 3, 1 workday(s) before and on the due day at 09:00; at the deadline',
    );
  });

  it('keeps the parts not given and compares by meaning', () => {
    const next = applyPolicyPatch(DEFAULT_REMINDER_POLICY, { at: '10:00' });
    expect(next).toEqual({ ...DEFAULT_REMINDER_POLICY, at: '10:00' });
    expect(DEFAULT_REMINDER_POLICY.at).toBe('09:00');
    expect(
      samePolicy(DEFAULT_REMINDER_POLICY, { ...DEFAULT_REMINDER_POLICY, workdaysBefore: [0, 1, 3] }),
    ).toBe(true);
    expect(samePolicy(DEFAULT_REMINDER_POLICY, next)).toBe(false);
  });
});
