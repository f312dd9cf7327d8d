/**
 * `npm run bench:polls [-- --voters 200 --mode anonymous|named]`: vote handling figures, printed,
 * not asserted. Starts the local database, the emulator and the bot; the voters (known people in
 * one bound chat) all press a poll button at once, each press a signed callback through the
 * emulator into the real dispatch. Latency is from sending the callback request to its answer,
 * which the bot gives only after the vote is stored.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { createSilentLogger } from '../src/logger.js';
import { PersonModel } from '../src/models/person.js';
import { PollVoteModel, PollVoterModel } from '../src/models/poll-vote.js';
import { startHarness } from '../tests/support/harness.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    voters: { type: 'string', default: '200' },
    mode: { type: 'string', default: 'anonymous' },
  },
});
const voters = Number(values.voters);
const anonymous = values.mode !== 'named';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-polls-');
  const url = new URL(db.uri);
  url.pathname = `/qinglian_bench_polls_${Date.now()}`;
  const log = createSilentLogger();
  // A bounded pool: FerretDB 1.24 (PostgreSQL backend) stalls with ~50 or more concurrent updates.
  await mongoose.connect(url.toString(), { serverSelectionTimeoutMS: 10_000, maxPoolSize: 15 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const admin = 'ou_bench_admin';
  const h = await startHarness({
    log,
    admins: [admin],
    emulator: { callbackTimeoutMs: 120_000, rateLimits: false },
    bot: { callbackBudgetMs: 120_000 },
  });
  const emu = h.emulator;
  const chatId = 'oc_bench_polls';
  const members = Array.from({ length: voters }, (_, i) => `ou_bench_voter_${i}`);
  emu.addUser({ openId: admin, name: '管理员' });
  for (const [i, openId] of members.entries()) emu.addUser({ openId, name: `同事${i}` });
  await PersonModel.insertMany(
    members.map((openId, i) => ({ openId, name: `同事${i}`, contactFetchedAt: new Date() })),
  );
  emu.addChat({ chatId, name: '压测群', members: [admin, ...members] });
  await emu.botAddedToChat({ chatId, operator: admin });
  await emu.sendText({ chatType: 'p2p', sender: admin, text: '/dept add 机关' });
  await h.settle();
  await emu.sendText({ chatType: 'group', chatId, sender: admin, text: '/chat bind 机关', mentionBot: true });
  await h.settle();
  const sent = await emu.sendText({
    chatType: 'group',
    chatId,
    sender: admin,
    text: `/poll new 压测 | 甲 | 乙 | 丙${anonymous ? ' 匿名' : ''}`,
    mentionBot: true,
  });
  await h.settle();
  const reply = emu.messages.find((m) => m.parentId === sent.messageId);
  const id = /(V[A-Z0-9]{4})/.exec(reply ? emu.textOf(reply) : '')?.[1];
  const card = emu.latestCard({ chatId });
  if (!id || !card) throw new Error('poll was not created');

  const keys = ['o1', 'o2', 'o3'];
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const results = await Promise.all(
    members.map((operator, i) =>
      emu.clickCard({
        messageId: card.messageId,
        operator,
        value: { a: 'poll.vote', p: id, o: keys[i % 3] },
      }),
    ),
  );
  const elapsedMs = performance.now() - started;
  const stored = anonymous
    ? await PollVoterModel.countDocuments({ poll: id }) // the sealed voter record is the counted vote
    : await PollVoteModel.countDocuments({ poll: id });
  const latencies = results.map((r) => r.elapsedMs).sort((a, b) => a - b);
  const failed = results.filter((r) => r.status !== 200 || r.clientError !== undefined).length;
  console.log(`poll votes (${anonymous ? 'anonymous' : 'named'}), ${voters} concurrent voters`);
  console.log(`  stored votes            ${stored} / ${voters} (failed callbacks: ${failed})`);
  console.log(
    `  throughput              ${((voters / elapsedMs) * 1000).toFixed(1)} votes/s (${(elapsedMs / 1000).toFixed(2)} s for all)`,
  );
  console.log(
    `  latency (ms)            p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, p99 ${percentile(latencies, 99).toFixed(0)}, max ${(latencies.at(-1) ?? 0).toFixed(0)}`,
  );
  console.log(
    `  rss                     ${(rssBefore / 2 ** 20).toFixed(0)} → ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await h.stop();
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
  await db.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
