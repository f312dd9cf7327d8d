import { describe, expect, it } from 'vitest';
import { readPollNew, readSample, readSatisfaction, readWeights } from '../../src/commands/poll-args.js';
import { assignSlices, type Candidate, pickSample, sampleSize } from '../../src/domain/poll-eligibility.js';
import { countGroups, type PollCounts, summarise } from '../../src/domain/poll-results.js';
import type { PollView } from '../../src/domain/polls.js';

describe('poll text form', () => {
  it('reads question, options and flags', () => {
    const r = readPollNew(
      '本季度形式 | 讲座 | 警示片 | 现场 参观 匿名 多选 截止 2026-12-01 18:00 结果 截止后 抽样 30% 群 办公室群、财务群'.split(
        ' ',
      ),
    );
    expect(r).toMatchObject({
      question: '本季度形式',
      options: ['讲座', '警示片', '现场 参观'],
      anonymous: true,
      multi: true,
      deadline: '2026-12-01 18:00',
      resultMode: 'after_close',
      sample: { percent: 30 },
      chats: ['办公室群', '财务群'],
    });
  });
  it('says what is wrong', () => {
    expect(readPollNew(['问题'])).toEqual({ error: 'poll.err.optionsMissing' });
    expect(readPollNew('问题 | 甲 | 甲'.split(' '))).toMatchObject({ error: 'poll.err.optionBad' });
    expect(readPollNew('问题 | 甲 | 乙 结果 马上'.split(' '))).toEqual({ error: 'poll.err.badResultMode' });
    expect(readPollNew('| 甲 | 乙'.split(' '))).toEqual({ error: 'poll.err.questionMissing' });
  });
  it('reads the satisfaction preset, samples and weights', () => {
    expect(readSatisfaction('作风建设 抽样 20人 权重 100/80/0 群 全部'.split(' '))).toMatchObject({
      question: '作风建设',
      anonymous: true,
      resultMode: 'after_close',
      sample: { count: 20 },
      weights: [100, 80, 0],
      chats: 'all',
    });
    expect(readSample('３０％')).toEqual({ percent: 30 });
    expect(readSample('0%')).toBeNull();
    expect(readWeights('100 60')).toBeNull();
  });
});

describe('eligibility and sampling', () => {
  it('samples distinct members uniformly without a seed', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const picked = pickSample(items, 20);
    expect(new Set(picked).size).toBe(20);
    expect(sampleSize({ percent: 30 }, 30)).toBe(9);
    expect(sampleSize({ count: 50 }, 30)).toBe(30);
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) for (const x of pickSample(items, 3)) seen.add(x);
    expect(seen.size).toBeGreaterThan(20);
  });
  it('never stores a slice narrower than 5 people', () => {
    const c = (openId: string, chatId: string, deptId: string | null): Candidate => ({
      openId,
      chatId,
      deptId,
    });
    const people = [
      ...Array.from({ length: 6 }, (_, i) => c(`a${i}`, 'chatA', 'deptX')),
      ...Array.from({ length: 3 }, (_, i) => c(`b${i}`, 'chatA', 'deptY')),
      ...Array.from({ length: 4 }, (_, i) => c(`d${i}`, 'chatB', 'deptX')),
    ];
    const slices = assignSlices(people);
    const groups = new Map<string, number>();
    for (const s of slices) groups.set(`${s.chat}|${s.dept}`, (groups.get(`${s.chat}|${s.dept}`) ?? 0) + 1);
    for (const [key, n] of groups) if (key !== 'null|null') expect(n, key).toBeGreaterThanOrEqual(5);
    expect(slices.find((s) => s.openId === 'a0')).toEqual({ openId: 'a0', chat: 'chatA', dept: 'deptX' });
    expect(slices.find((s) => s.openId === 'd0')?.chat).toBeNull();
  });
});

describe('results', () => {
  const poll = {
    id: 'VTEST',
    kind: 'satisfaction',
    options: [
      { key: 'o1', label: '满意', weight: 100 },
      { key: 'o2', label: '基本满意', weight: 60 },
      { key: 'o3', label: '不满意', weight: 0 },
    ],
    eligibleCount: 40,
  } as PollView;
  it('computes percentages, turnout, the index and suppresses small slices', () => {
    const counts: PollCounts = countGroups([
      { chat: 'chatA', dept: null, options: ['o1'], n: 6 },
      { chat: 'chatA', dept: null, options: ['o2'], n: 4 },
      { chat: 'chatA', dept: null, options: ['o3'], n: 1 },
      { chat: 'chatC', dept: null, options: ['o1'], n: 4 },
      { chat: 'chatC', dept: null, options: ['o2'], n: 1 },
      { chat: 'chatB', dept: null, options: ['o1'], n: 2 },
      { chat: 'chatB', dept: null, options: ['o2'], n: 1 },
      { chat: 'chatB', dept: null, options: ['o3'], n: 1 },
    ]);
    const r = summarise(poll, counts);
    expect(r.turnout).toBe(50);
    expect(r.options.map((o) => o.percent)).toEqual([60, 30, 10]);
    expect(r.index).toBe(78);
    // chatB (4) is too small; chatC (5) is hidden too, else total − chatA − chatC = chatB.
    expect(r.byChat.find((s) => s.id === 'chatB')).toMatchObject({
      suppressed: true,
      respondents: 0,
      options: [],
    });
    expect(r.byChat.find((s) => s.id === 'chatC')).toMatchObject({
      suppressed: true,
      respondents: 0,
      options: [],
    });
    expect(r.byChat.find((s) => s.id === 'chatA')).toMatchObject({
      suppressed: false,
      respondents: 11,
      index: 76.4,
    });
    expect(r.byDept).toEqual([]);
  });
});
