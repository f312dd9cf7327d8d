/** The task import cards obey the card rules, in both languages, at their largest. */
import { describe, expect, it } from 'vitest';
import { buildTaskImportGuideCard, buildTaskImportResultCard } from '../../cards/task-import-cards.js';
import { translator } from '../../src/i18n/index.js';
import { cardBytes, renderCardText, validateCard } from '../emulator/index.js';

const zh = translator('zh-CN');
const en = translator('en-US');

const cards = {
  guide: buildTaskImportGuideCard(zh),
  guideEnglish: buildTaskImportGuideCard(en),
  result: buildTaskImportResultCard(zh, {
    fileName: '清廉台账_2026.xlsx',
    total: 2000,
    created: 1900,
    existing: 50,
    skipped: 50,
    errorLines: Array.from(
      { length: 20 },
      (_, i) =>
        `第 ${i + 2} 行：找不到负责人“${'长'.repeat(40)}”，请核对姓名（须已在成员名单中），或改填手机号、邮箱或 open_id`,
    ),
    moreErrors: 30,
    errorsFile: '任务导入错误-清廉台账_2026.csv',
  }),
  resultClean: buildTaskImportResultCard(en, {
    fileName: 'ledger.csv',
    total: 3,
    created: 3,
    existing: 0,
    skipped: 0,
    errorLines: [],
    moreErrors: 0,
  }),
  resultInterrupted: buildTaskImportResultCard(zh, {
    fileName: 'a.csv',
    total: 3,
    created: 1,
    existing: 0,
    skipped: 0,
    errorLines: [],
    moreErrors: 0,
    interruptedAt: 3,
  }),
};

describe('task import cards', () => {
  for (const [name, card] of Object.entries(cards)) {
    it(`${name} obeys the card JSON 2.0 rules`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(30 * 1024);
    });
  }

  it('the result card says what happened and what to do', () => {
    const text = renderCardText(cards.result);
    expect(text).toContain('共 2000 行：新建任务 **1900** 项，此前已导入 50 项，跳过 **50** 行');
    expect(text).toContain('另有 30 行错误未列出');
    expect(renderCardText(cards.resultInterrupted)).toContain('导入在第 3 行中断');
  });
});
