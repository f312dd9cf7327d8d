import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAndAnnounce } from '../../src/domain/poll-announce.js';
import { MIN_BATCH, mixBallots } from '../../src/domain/poll-mixer.js';
import { pollResults } from '../../src/domain/poll-results.js';
import { castVote } from '../../src/domain/poll-votes.js';
import { getPoll } from '../../src/domain/polls.js';
import { PollBallotModel, PollMixModel, PollVoterModel } from '../../src/models/poll-vote.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_anon_boot';
const G = 'oc_anon_group';
const member = (n: number) => `ou_anon_m${String(n).padStart(2, '0')}`;
const MEMBERS = Array.from({ length: 12 }, (_, i) => member(i + 1));
const LABELS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/** Every Date-valued top-level field of some documents. */
function dateFields(docs: Record<string, unknown>[]): string[] {
  return [
    ...new Set(
      docs.flatMap((d) =>
        Object.entries(d)
          .filter(([, v]) => v instanceof Date)
          .map(([k]) => k),
      ),
    ),
  ];
}

/**
 * The reader: every collection in every order (natural, `_id` both ways, each date field). For
 * each order of ballots and each order of voters, zipping them must not reproduce who chose what;
 * no document naming a voter may hold that voter's choice.
 */
async function readAsAttacker(poll: string, choiceOf: Map<string, string>, votingOrder: string[]) {
  const db = mongoose.connection.db!;
  const orders = async (name: string, filter: object) => {
    const c = db.collection(name);
    const natural = await c.find(filter).toArray();
    const out = [
      natural,
      await c.find(filter).sort({ _id: 1 }).toArray(),
      await c.find(filter).sort({ _id: -1 }).toArray(),
    ];
    for (const f of dateFields(natural))
      out.push(
        await c
          .find(filter)
          .sort({ [f]: 1 })
          .toArray(),
      );
    return out;
  };
  const ballotOrders = await orders('poll_ballots', { poll });
  const voterOrders = (await orders('poll_voters', { poll })).map((vs) => vs.map((v) => String(v.openId)));
  voterOrders.push(votingOrder.filter((v) => choiceOf.has(v)));
  const mixed = ballotOrders[0]!.length;
  for (const ballots of ballotOrders) {
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['_id', 'chat', 'dept', 'gen', 'options', 'poll']);
      for (const v of choiceOf.keys()) {
        expect(String(b._id)).not.toContain(v);
        for (const plain of [v, `${poll}:${v}`, `ballot:${poll}:${v}`])
          expect(createHash('sha256').update(plain).digest('hex')).not.toContain(String(b._id));
      }
    }
    // One shuffled batch of five lines up by pure chance once in 120; two batches once in 14,400.
    if (mixed < 2 * MIN_BATCH) continue;
    const chosen = ballots.map((b) => (b.options as string[]).join());
    for (const voters of voterOrders) {
      // Any window of the voter order lined up with the ballot order.
      for (let offset = 0; offset + chosen.length <= voters.length; offset++) {
        const hits = chosen.filter((c, i) => choiceOf.get(voters[offset + i]!) === c).length;
        expect(hits, `ballots lined up with voters at ${offset}`).toBeLessThan(chosen.length);
      }
    }
  }
  // Sealed votes: equal length, opaque.
  const sealed = (await PollVoterModel.find({ poll, sealed: { $exists: true } }).lean()).map(
    (v) => v.sealed!,
  );
  expect(new Set(sealed.map((s) => s.length)).size).toBeLessThanOrEqual(1);
  for (const s of sealed) {
    expect(s).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // nonce.ciphertext.tag, base64url: no JSON in clear
    expect(Buffer.from(s.split('.')[1]!, 'base64url').toString('latin1')).not.toContain('"o"');
  }
  // Every collection: a document that names a voter never holds that voter's choice.
  let inspected = 0;
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      const s = JSON.stringify(doc);
      for (const [voter, key] of choiceOf) {
        if (!s.includes(voter)) continue;
        inspected++;
        expect(s, `${name} names ${voter} with the choice`).not.toMatch(
          new RegExp(`"o"\\s*:\\s*"${key}"|poll_opt_${key}"`),
        );
        if (name === 'poll_ballots') throw new Error('a ballot names a voter');
      }
    }
  }
  expect(inspected).toBeGreaterThan(choiceOf.size);
}

describe('anonymous polls against a reader of the whole database', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  async function say(sender: string, text: string) {
    clock.advance(1500);
    const sent = await h.emulator.sendText({ chatType: 'group', chatId: G, sender, text, mentionBot: true });
    expect(sent.status).toBe(200);
    await h.settle();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    for (const [i, m] of MEMBERS.entries()) h.emulator.addUser({ openId: m, name: `成员${i + 1}` });
    h.emulator.addChat({ chatId: G, name: '匿名测试群', members: [BOOT, ...MEMBERS] });
    await h.emulator.botAddedToChat({ chatId: G, operator: BOOT });
    await h.settle();
  }, 60_000);
  afterAll(async () => h?.stop());
  afterEach(() => vi.restoreAllMocks());

  it('ten votes in a known order: no order, id or field links a voter to a ballot, open or closed; figures move by five', async () => {
    const answer = await say(BOOT, `/poll new 您最认可哪项举措 | ${LABELS.join(' | ')} 匿名 结果 实时`);
    const id = /投票 (V[A-Z0-9]{4})/.exec(answer)?.[1] ?? '';
    expect(id).not.toBe('');
    const card = h.emulator.latestCard({ chatId: G })!;
    const choiceOf = new Map<string, string>();
    const order = MEMBERS.slice(0, 10);
    const seen: number[] = [];
    for (const [i, voter] of order.entries()) {
      clock.advance(7000);
      const r = await h.emulator.clickButton({
        messageId: card.messageId,
        operator: voter,
        text: LABELS[i]!,
      });
      await h.settle();
      expect(r.toast?.content).toContain('已匿名提交');
      choiceOf.set(voter, `o${i + 1}`);
      seen.push((await pollResults((await getPoll(id))!)).respondents);
      if (i === 7) await readAsAttacker(id, choiceOf, order); // open: 5 mixed, 3 still sealed
    }
    // Live figures move only in whole batches: never one vote at a time.
    expect(seen).toEqual([0, 0, 0, 0, 5, 5, 5, 5, 5, 10]);
    await readAsAttacker(id, choiceOf, order);
    const openIds = new Set((await PollBallotModel.find({ poll: id }).lean()).map((b) => b._id));

    // Two more vote, then the close mixes the remainder and reshuffles everything.
    for (const [i, voter] of MEMBERS.slice(10).entries()) {
      await h.emulator.clickButton({ messageId: card.messageId, operator: voter, text: LABELS[i]! });
      choiceOf.set(voter, `o${i + 1}`);
    }
    await h.settle();
    expect(await PollVoterModel.countDocuments({ poll: id, sealed: { $exists: true } })).toBe(2);
    const deps = { messenger: h.bot.services.messenger, settings: h.bot.services.settings };
    expect(await closeAndAnnounce(id, BOOT, deps, clock.now())).toBe('closed');
    await h.settle();
    const after = await PollBallotModel.find({ poll: id }).lean();
    expect(after).toHaveLength(12);
    expect(after.every((b) => b.gen === 1 && !openIds.has(b._id))).toBe(true);
    expect(await PollVoterModel.countDocuments({ poll: id, sealed: { $exists: true } })).toBe(0);
    await readAsAttacker(id, choiceOf, [...order, ...MEMBERS.slice(10)]);
    const results = await pollResults((await getPoll(id))!);
    expect(results.respondents).toBe(12);
    expect(results.options.map((o) => o.count)).toEqual([2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
  }, 120_000);

  it('a mixer that died holding its lease: the close waits it out and counts every vote', async () => {
    const answer = await say(BOOT, '/poll new 是否同意 | 同意 | 不同意 匿名');
    const id = /投票 (V[A-Z0-9]{4})/.exec(answer)?.[1] ?? '';
    const poll = (await getPoll(id))!;
    for (const [i, o] of ['o1', 'o2', 'o1'].entries()) await castVote(poll, member(i + 1), [o], clock.now());
    // A killed process: its lease runs for two more seconds, nothing will release it.
    await PollMixModel.create({ _id: id, seq: 1, holder: 'dead', until: new Date(Date.now() + 2000) });
    expect(await mixBallots(id, { final: true })).toBe('busy');
    const started = Date.now();
    const results = await pollResults({ ...poll, state: 'closed' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(results.options.map((o) => o.count)).toEqual([2, 1]);
  }, 60_000);

  /** Makes the next call of `obj[method]` whose arguments match do its write, then "crash". */
  function crashAfter(obj: object, method: string, match: (args: unknown[]) => boolean = () => true) {
    const target = obj as Record<string, (...a: unknown[]) => unknown>;
    const original = target[method]!.bind(obj);
    const spy = vi.spyOn(target, method).mockImplementation(async (...args: unknown[]) => {
      const result = await original(...args);
      if (match(args)) {
        spy.mockRestore();
        throw new Error('simulated crash');
      }
      return result;
    });
  }
  const sets = (field: string) => (args: unknown[]) => JSON.stringify(args[1] ?? {}).includes(field);

  const crashPoints: Array<[string, () => void]> = [
    ['after the batch is recorded', () => crashAfter(PollMixModel, 'updateOne', sets('"batch"'))],
    ['after the ballots are inserted', () => crashAfter(PollBallotModel.collection, 'insertMany')],
    ['after the voters are unsealed', () => crashAfter(PollVoterModel, 'updateMany')],
    ['after the batch is cleared', () => crashAfter(PollMixModel, 'updateOne', sets('$unset'))],
  ];
  const closePoints: Array<[string, () => void]> = [
    ['after the old generation is cleared', () => crashAfter(PollBallotModel, 'deleteMany')],
    ['after the new generation is inserted', () => crashAfter(PollBallotModel.collection, 'insertMany')],
    ['after the counted generation switches', () => crashAfter(PollMixModel, 'updateOne', sets('"counted"'))],
    [
      'after the old ballots are deleted',
      () => crashAfter(PollBallotModel, 'deleteMany', (a) => JSON.stringify(a[0]).includes('$ne')),
    ],
  ];

  it.each(
    crashPoints.map(([name, crash], i) => [name, closePoints[i]![0], crash, closePoints[i]![1]] as const),
  )(
    'a crash %s (then %s at close): a re-run counts every vote exactly once',
    async (_name, _closeName, crashMix, crashClose) => {
      const answer = await say(BOOT, '/poll new 是否满意 | 满意 | 一般 | 不满意 匿名');
      const id = /投票 (V[A-Z0-9]{4})/.exec(answer)?.[1] ?? '';
      const poll = (await getPoll(id))!;
      const picks = ['o1', 'o1', 'o2', 'o3', 'o1', 'o2'];
      // A vote is ONE insert: the sealed voter record is the counted vote and the guard.
      for (const [i, o] of picks.entries())
        expect(await castVote(poll, member(i + 1), [o], clock.now())).toEqual({ ok: true, changed: false });
      expect(await castVote(poll, member(1), ['o2'], clock.now())).toEqual({ ok: false, reason: 'already' });
      crashMix();
      await expect(mixBallots(id, { final: false })).rejects.toThrow('simulated crash');
      vi.restoreAllMocks();
      expect(await mixBallots(id, { final: false })).not.toBe('busy'); // the re-run
      expect(await PollBallotModel.countDocuments({ poll: id })).toBe(6);
      expect(await PollVoterModel.countDocuments({ poll: id, sealed: { $exists: true } })).toBe(0);
      expect((await pollResults(poll)).options.map((o) => o.count)).toEqual([3, 2, 1]);

      await castVote(poll, member(7), ['o3'], clock.now());
      crashClose();
      await expect(mixBallots(id, { final: true })).rejects.toThrow('simulated crash');
      vi.restoreAllMocks();
      const closed = { ...poll, state: 'closed' as const };
      const results = await pollResults(closed); // runs the mixer to the end first
      expect(results.respondents).toBe(7);
      expect(results.options.map((o) => o.count)).toEqual([3, 2, 2]);
      const ballots = await PollBallotModel.find({ poll: id }).lean();
      expect(ballots).toHaveLength(7);
      expect(ballots.every((b) => b.gen === 1)).toBe(true);
      expect((await PollMixModel.findById(id).lean())?.final).toBe(true);
    },
    60_000,
  );
});
