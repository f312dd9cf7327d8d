import { describe, expect, it } from 'vitest';
import { dateErrorText } from '../../src/commands/date-error.js';
import { translator } from '../../src/i18n/index.js';
import { parseZonedDateTime } from '../../src/time/parse-datetime.js';

const now = new Date('2026-11-26T02:00:00Z');

function errorOf(input: string) {
  const parsed = parseZonedDateTime(input, 'Asia/Shanghai', { now });
  if (parsed.ok) throw new Error(`expected ${input} to be rejected`);
  return parsed.error;
}

describe('dateErrorText', () => {
  it('tells a Chinese reader what to type, quoting their input', () => {
    const text = dateErrorText(translator('zh-CN'), errorOf('下周某天'), ' 下周某天 ');
    expect(text).toBe('无法识别“下周某天”，请按格式输入，例如 2026-12-05 18:00、12月5日 18:00 或 明天 9:00');
  });

  it('answers an English reader in English for every kind of bad date', () => {
    for (const input of ['', 'someday', '2026-12-05', '2026-12-05 25:00', '2026-02-30 10:00']) {
      const text = dateErrorText(translator('en-US'), errorOf(input), input);
      expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});
