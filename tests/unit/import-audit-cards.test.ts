/** The import and audit cards obey the card rules, in both languages, at their largest. */
import { describe, expect, it } from 'vitest';
import { type AuditLine, buildAuditCard } from '../../cards/audit-card.js';
import { buildImportGuideCard, buildImportResultCard } from '../../cards/import-cards.js';
import { translator } from '../../src/i18n/index.js';
import { cardBytes, renderCardText, validateCard } from '../emulator/index.js';

const zh = translator('zh-CN');
const en = translator('en-US');

const longLine: AuditLine = {
  time: '2026-03-02 09:00',
  actor: '欧阳·司马长名字测试',
  action: '重命名部门',
  target: '市审计局机关党委办公室（纪检监察室）_1',
  outcome: '成功',
  refused: false,
  change: `${'name: 办公室，'.repeat(5).slice(0, 59)}… → ${'name: 综合办公室'.repeat(5).slice(0, 59)}…`,
  detail: '',
};

const cards = {
  guide: buildImportGuideCard(zh),
  guideEnglish: buildImportGuideCard(en),
  result: buildImportResultCard(zh, {
    fileName: '成员名单_2026.csv',
    total: 5000,
    created: 4000,
    updated: 900,
    unchanged: 50,
    skipped: 50,
    errorLines: Array.from(
      { length: 20 },
      (_, i) => `第 ${i + 2} 行：部门“宣传部${'长'.repeat(30)}”不存在，请先用 /dept add 创建`,
    ),
    moreErrors: 30,
    errorsFile: '导入错误-成员名单_2026.csv',
  }),
  resultClean: buildImportResultCard(en, {
    fileName: 'list.xlsx',
    total: 3,
    created: 3,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errorLines: [],
    moreErrors: 0,
  }),
  resultInterrupted: buildImportResultCard(zh, {
    fileName: 'a.csv',
    total: 3,
    created: 1,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errorLines: [],
    moreErrors: 0,
    interruptedAt: 3,
  }),
  audit100: buildAuditCard(
    zh,
    Array.from({ length: 100 }, () => longLine),
    'Asia/Shanghai',
  ),
  auditEmpty: buildAuditCard(en, [], 'Asia/Shanghai'),
};

describe('import and audit cards', () => {
  for (const [name, card] of Object.entries(cards)) {
    it(`${name} obeys the card JSON 2.0 rules`, () => {
      expect(validateCard(card)).toEqual([]);
    });
  }

  it('a 100-entry audit card stays under 30 KB: typical entries all fit, very long ones are cut with a note', () => {
    const typical: AuditLine = {
      time: '2026-03-02 09:00',
      actor: '王主任',
      action: '导入成员',
      target: '成员名单.csv',
      outcome: '成功',
      refused: false,
      change: '— → total: 200，created: 197，updated: 0，unchanged: 0，skipped: 3',
      detail: '',
    };
    const all = buildAuditCard(
      zh,
      Array.from({ length: 100 }, () => typical),
      'Asia/Shanghai',
    );
    expect(cardBytes(all)).toBeLessThan(28 * 1024);
    expect(renderCardText(all)).toContain('审计日志（最近 100 条）');
    expect(cardBytes(cards.audit100)).toBeLessThanOrEqual(28 * 1024);
    expect(renderCardText(cards.audit100)).toMatch(/仅显示最近 \d+ 条（共请求 100 条）/);
  });

  it('the guide names every column and shows an example', () => {
    const text = renderCardText(cards.guide);
    for (const word of [
      '姓名',
      'open_id',
      '手机号',
      '邮箱',
      '部门',
      '角色',
      '10 分钟内',
      '张三,13800000001,,办公室,领导',
    ]) {
      expect(text).toContain(word);
    }
  });

  it('the result card reads well', () => {
    expect(renderCardText(cards.result)).toContain('另有 30 行错误未列出');
    expect(renderCardText(cards.auditEmpty)).toContain('The audit log is empty.');
  });
});
