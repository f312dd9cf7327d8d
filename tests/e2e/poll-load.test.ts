import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonModel } from '../../src/models/person.js';
import { PollBallotModel, PollVoteModel, PollVoterModel } from '../../src/models/poll-vote.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_load_boot';
const GROUP = 'oc_load_group';
const N = 1000;
const person = (i: number) => `ou_load_${String(i).padStart(4, '0')}`;
const MEMBERS = Array.from({ length: N }, (_, i) => person(i));

describe('polls under load: 1,000 concurrent votes through the real dispatch', () => {
  const db = useTestDb();
  let h: Harness;

  async function say(text: string) {
    const sent = await h.emulator.sendText({
      chatType: 'group',
      chatId: GROUP,
      sender: BOOT,
      text,
      mentionBot: true,
    });
    await h.settle();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  /** Everyone clicks at once; each click is a signed callback through the emulator. */
  async function burst(messageId: string, clicks: Array<{ operator: string; o: string; p: string }>) {
    const results = await Promise.all(
      clicks.map((c) =>
        h.emulator.clickCard({ messageId, operator: c.operator, value: { a: 'poll.vote', p: c.p, o: c.o } }),
      ),
    );
    await h.settle();
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.clientError).toBeUndefined();
    }
    return results.map((r) => r.toast?.content ?? '');
  }

  beforeAll(async () => {
    // FerretDB 1.24 (PostgreSQL backend) stalls for good when about 50 or more updates run at
    // once (measured: 300 concurrent updates of distinct documents hang with a pool of 50 or
    // 100, finish in 0.3 s with 10 or 30), so this burst keeps the driver pool at 15.
    await mongoose.disconnect();
    await mongoose.connect(db.uri(), { serverSelectionTimeoutMS: 10_000, maxPoolSize: 15 });
    h = await startHarness({
      admins: [BOOT],
      emulator: { callbackTimeoutMs: 240_000, rateLimits: false },
      bot: { callbackBudgetMs: 240_000 },
    });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    for (const [i, openId] of MEMBERS.entries()) h.emulator.addUser({ openId, name: `同事${i}` });
    // People the bot already knows (fresh contact data), so each press is only the vote.
    const now = new Date();
    await PersonModel.insertMany(
      MEMBERS.map((openId, i) => ({ openId, name: `同事${i}`, contactFetchedAt: now })),
    );
    h.emulator.addChat({ chatId: GROUP, name: '全体干部群', members: [BOOT, ...MEMBERS] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.settle();
    await h.emulator.sendText({ chatType: 'p2p', sender: BOOT, text: '/dept add 机关' });
    await h.settle();
    expect(await say('/chat bind 机关')).toContain('机关');
  }, 240_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('anonymous: exact counts, and every second vote by the same person is refused', {
    timeout: 600_000,
  }, async () => {
    const answer = await say('/poll new 压力测试 | 甲 | 乙 | 丙 匿名');
    const id = /(V[A-Z0-9]{4})/.exec(answer)![1]!;
    const card = h.emulator.latestCard({ chatId: GROUP })!;
    const keys = ['o1', 'o2', 'o3'];
    const clicks = MEMBERS.map((operator, i) => ({ operator, o: keys[i % 3]!, p: id }));
    // 100 people press twice in the same burst (another option the second time).
    const doubles = MEMBERS.slice(0, 100).map((operator, i) => ({ operator, o: keys[(i + 1) % 3]!, p: id }));
    const toasts = await burst(card.messageId, [...clicks, ...doubles]);
    expect(toasts.filter((t) => t.includes('已匿名提交'))).toHaveLength(N);
    expect(toasts.filter((t) => t.includes('已经投过票'))).toHaveLength(100);
    expect(await PollVoterModel.countDocuments({ poll: id })).toBe(N);
    // Sealed votes move into ballots in batches of five or more; fewer than five wait for the close.
    const waiting = await PollVoterModel.countDocuments({ poll: id, sealed: { $exists: true } });
    expect(waiting).toBeLessThan(5);
    expect(await PollBallotModel.countDocuments({ poll: id })).toBe(N - waiting);
    expect(await say(`/poll close ${id}`)).toContain(id);
    expect(await PollBallotModel.countDocuments({ poll: id })).toBe(N);
    const results = await say(`/poll results ${id}`);
    expect(results).toContain(`参与：${N} / ${N + 1}`);
    // The first 100 voted once each, either option; everyone else their own option.
    const counts = await Promise.all(
      keys.map((o) => PollBallotModel.countDocuments({ poll: id, options: o })),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    const fixed = keys.map((_o, k) => MEMBERS.slice(100).filter((_, i) => (i + 100) % 3 === k).length);
    for (const k of [0, 1, 2]) expect(counts[k]).toBeGreaterThanOrEqual(fixed[k]!);
  });

  it('named with changes allowed: a second vote replaces the first, one vote each', {
    timeout: 600_000,
  }, async () => {
    const answer = await say('/poll new 改票测试 | 甲 | 乙 可改');
    const id = /(V[A-Z0-9]{4})/.exec(answer)![1]!;
    const card = h.emulator.latestCard({ chatId: GROUP })!;
    const voters = MEMBERS.slice(0, 300);
    const first = await burst(
      card.messageId,
      voters.map((operator) => ({ operator, o: 'o1', p: id })),
    );
    expect(first.filter((t) => t.includes('已投票：甲'))).toHaveLength(300);
    // Half of them change their mind, all at once (distinct documents: FerretDB 1.24 stalled
    // under hundreds of simultaneous rewrites of the same documents).
    const changed = await burst(
      card.messageId,
      voters.slice(0, 150).map((operator) => ({ operator, o: 'o2', p: id })),
    );
    expect(changed.filter((t) => t.includes('已改为：乙'))).toHaveLength(150);
    expect(await PollVoteModel.countDocuments({ poll: id })).toBe(300);
    expect(await PollVoteModel.countDocuments({ poll: id, options: 'o2' })).toBe(150);
    expect(await PollVoteModel.countDocuments({ poll: id, options: 'o1' })).toBe(150);
  });
});
