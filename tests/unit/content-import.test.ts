import { describe, expect, it } from 'vitest';
import { parseContentJson, parseContentMarkdown } from '../../src/domain/content-import.js';
import { checkContentInput } from '../../src/domain/content-items.js';
import { STARTER_ITEMS } from '../../src/domain/content-starter.js';

const GOOD_MD = `# 杨震四知
分类：清廉故事
标签：慎独、拒贿
来源：《后汉书·杨震传》
必学：是
问题：“四知”不包括？
选项：天知 | 神知 | 地知 | 子知
答案：C
解析：原文没有“地知”。

天知，神知，我知，子知。

---
# 第二条
正文只有一行。
`;

describe('content import files', () => {
  it('reads Markdown items with their fields and quiz', () => {
    const res = parseContentMarkdown(GOOD_MD);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.items).toHaveLength(2);
    expect(res.items[0]).toMatchObject({
      title: '杨震四知',
      category: 'story',
      tags: ['慎独', '拒贿'],
      source: '《后汉书·杨震传》',
      required: true,
      quiz: { options: ['天知', '神知', '地知', '子知'], answer: 2, explanation: '原文没有“地知”。' },
    });
    expect(res.items[0]!.body).toBe('天知，神知，我知，子知。');
    expect(res.items[1]).toMatchObject({
      title: '第二条',
      category: 'other',
      quiz: null,
      body: '正文只有一行。',
    });
  });

  it('rejects a malformed Markdown file with every problem at its line and no items', () => {
    const bad = `前言文字\n# 好的一条\n正文\n# \n正文\n# 分类错\n分类：廉政\n正文\n# 答案错\n问题：几？\n选项：一|二\n答案：E\n正文\n# 没正文\n标签：a\n`;
    const res = parseContentMarkdown(bad);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => `${e.line}:${e.problem}`)).toEqual([
      '1:beforeFirst',
      '4:titleMissing',
      '7:category',
      '12:quizAnswer',
      '14:bodyMissing',
    ]);
  });

  it('reads JSON and points at the line of a bad element or a syntax error', () => {
    const ok = parseContentJson(
      JSON.stringify([
        {
          title: 'A',
          body: 'b',
          category: '微课',
          tags: ['x'],
          quiz: { question: 'q', options: ['1', '2'], answer: 'B' },
        },
      ]),
    );
    expect(ok.ok && ok.items[0]!.quiz?.answer).toBe(1);
    const text =
      '[\n  {"title": "A", "body": "b"},\n  {"title": "", "body": "b"},\n  {"title": "C", "body": "c", "category": "乱写"}\n]';
    const bad = parseContentJson(text);
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.line}:${e.problem}`)).toEqual([
      '3:titleMissing',
      '4:category',
    ]);
    const broken = parseContentJson('[\n  {"title": "A",\n   "body": "b"\n  {"title": "B"}\n]');
    expect(broken.ok ? 0 : broken.errors[0]!.line).toBe(4);
  });

  it('ships a starter library of at least 30 valid items, each with its source', () => {
    expect(STARTER_ITEMS.length).toBeGreaterThanOrEqual(30);
    for (const item of STARTER_ITEMS) {
      expect(checkContentInput({ imageKey: '', quiz: null, required: false, ...item })).toBeUndefined();
      expect(item.source).not.toBe('');
    }
    expect(new Set(STARTER_ITEMS.map((i) => i.title)).size).toBe(STARTER_ITEMS.length);
  });
});
