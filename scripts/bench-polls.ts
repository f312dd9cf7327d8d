/**
 * `npm run bench:polls [-- --voters 200,1000 --mode anonymous,named]`: vote handling figures,
 * printed, never asserted against timing targets. Starts the local database (or uses
 * MONGODB_URI), the emulator and the bot; the voters (known people in one bound
 * chat) all press a poll button at once, each press a signed callback through the emulator into
 * the real dispatch. Latency is from sending the callback request to its answer, which the bot
 * gives only after the vote is stored. Every vote must be counted (the run fails otherwise).
 * The bot runs compiled (`npm run build` is run first) in a child process under plain node
 * (scripts/bench-bot.mjs), the emulator and the voters here: the database commands (the driver's command monitoring, from the first press until the
 * bot has settled, finishes and ballot mixing included) and the peak RSS (sampled every 20 ms
 * from the first press until settled) are the bot's alone.
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { PersonModel } from '../src/models/person.js';
import { PollBallotModel, PollVoteModel, PollVoterModel } from '../src/models/poll-vote.js';
import { type Emulator, startEmulator } from '../tests/emulator/index.js';
import { TEST_APP } from '../tests/support/harness.js';
import { startBotChild } from './bench-bot-child.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    voters: { type: 'string', default: '200,1000' },
    mode: { type: 'string', default: 'anonymous,named' },
  },
});
const sizes = values.voters.split(',').map(Number);
const modes = values.mode.split(',').map((m) => m.trim() === 'named' ? 'named' : 'anonymous');
const TARGET = { p99Ms: 2_500, votesPerS: 300, rssMiB: 250, commandsPerVote: 1 };
const CHAT = 'oc_bench_polls';
const ADMIN = 'ou_bench_admin';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const versus = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** The bot child and the emulator wired to it. */
interface Rig {
  emulator: Emulator;
  ask<T>(msg: object, key: string): Promise<T>;
  settle(): Promise<void>;
  child: ChildProcess;
}

type Measured = { rssBefore: number; peakRss: number; commands: number; byName: Record<string, number> };

async function startRig(uri: string): Promise<Rig> {
  const emulator = await startEmulator({ ...TEST_APP, retryScheduleMs: [200, 400, 800], callbackTimeoutMs: 120_000, rateLimits: false });
  return { emulator, ...(await startBotChild(uri, emulator, [ADMIN])) };
}

async function say(h: Rig, text: string): Promise<string> {
  const sent = await h.emulator.sendText({ chatType: 'group', chatId: CHAT, sender: ADMIN, text, mentionBot: true });
  await h.settle();
  const reply = h.emulator.messages.find((m) => m.parentId === sent.messageId);
  return reply ? h.emulator.textOf(reply) : '';
}

/** One burst: `voters` members press one new poll at once. Returns false when a vote is missing. */
async function burst(h: Rig, members: string[], voters: number, mode: 'anonymous' | 'named', print = true): Promise<boolean> {
  const answer = await say(h, `/poll new 压测 | 甲 | 乙 | 丙${mode === 'anonymous' ? ' 匿名' : ''}`);
  const id = /(V[A-Z0-9]{4})/.exec(answer)?.[1];
  const card = h.emulator.latestCard({ chatId: CHAT });
  if (!id || !card) throw new Error(`poll was not created: ${answer}`);
  const keys = ['o1', 'o2', 'o3'];
  const pressing = members.slice(0, voters);
  const load1 = load();
  await h.ask({ measure: 'start' }, 'measured');
  const started = performance.now();
  const results = await Promise.all(
    pressing.map((operator, i) =>
      h.emulator.clickCard({ messageId: card.messageId, operator, value: { a: 'poll.vote', p: id, o: keys[i % 3] } }),
    ),
  );
  const elapsedMs = performance.now() - started;
  await h.settle();
  const { rssBefore, peakRss, commands, byName } = await h.ask<Measured>({ measure: 'stop' }, 'measured');
  const latencies = results.map((r) => r.elapsedMs).sort((a, b) => a - b);
  const failed = results.filter((r) => r.status !== 200 || r.clientError !== undefined || r.toast?.type === 'error');
  const processing = results.filter((r) => r.toast?.content?.includes('处理中')).length;
  const stored = mode === 'anonymous' ? await PollVoterModel.countDocuments({ poll: id }) : await PollVoteModel.countDocuments({ poll: id });
  if (!print) return stored === voters;
  const p99 = percentile(latencies, 99);
  const rate = (voters / elapsedMs) * 1000;
  const perVote = commands / voters;
  console.log(`\npoll votes (${mode}), ${voters} simultaneous voters — load avg before ${load1}, after ${load()}`);
  console.log(`  votes counted          ${stored} / ${voters}`);
  if (mode === 'anonymous') {
    const ballots = await PollBallotModel.countDocuments({ poll: id });
    const sealed = await PollVoterModel.countDocuments({ poll: id, sealed: { $exists: true } });
    console.log(`  mixed / still sealed   ${ballots} ballots + ${sealed} sealed (fewer than 5 wait for the close)`);
    if (ballots + sealed !== voters) return false;
  }
  console.log(`  callbacks answered     ${results.length - failed.length} / ${voters} ok (errors ${failed.length}, 处理中 ${processing})`);
  console.log(`  latency (ms)           p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, p99 ${p99.toFixed(0)}, max ${(latencies.at(-1) ?? 0).toFixed(0)}   target p99 ≤ ${TARGET.p99Ms}: ${versus(p99 <= TARGET.p99Ms)}`);
  console.log(`  throughput             ${rate.toFixed(1)} votes/s (${(elapsedMs / 1000).toFixed(2)} s for all)   target ≥ ${TARGET.votesPerS}: ${versus(rate >= TARGET.votesPerS)}`);
  console.log(`  db commands (bot)      ${commands} = ${perVote.toFixed(2)} per vote   target ≤ ${TARGET.commandsPerVote}: ${versus(perVote <= TARGET.commandsPerVote)}`);
  console.log(`                         ${JSON.stringify(byName)}`);
  console.log(`  rss (bot process)      ${mib(rssBefore)} → peak ${mib(peakRss)} MiB   target ≤ ${TARGET.rssMiB}: ${versus(peakRss / 2 ** 20 <= TARGET.rssMiB)}`);
  return stored === voters && failed.length === 0;
}

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-polls-');
  const url = new URL(db.uri);
  url.pathname = `/qinglian_bench_polls_${Date.now()}`;
  await mongoose.connect(url.toString(), { serverSelectionTimeoutMS: 10_000, maxPoolSize: 5 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const h = await startRig(url.toString());
  const emu = h.emulator;
  const members = Array.from({ length: Math.max(...sizes) }, (_, i) => `ou_bench_voter_${i}`);
  emu.addUser({ openId: ADMIN, name: '管理员' });
  for (const [i, openId] of members.entries()) emu.addUser({ openId, name: `同事${i}` });
  await PersonModel.insertMany(members.map((openId, i) => ({ openId, name: `同事${i}`, contactFetchedAt: new Date() })));
  emu.addChat({ chatId: CHAT, name: '压测群', members: [ADMIN, ...members] });
  await emu.botAddedToChat({ chatId: CHAT, operator: ADMIN });
  await emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/dept add 机关' });
  await h.settle();
  await say(h, '/chat bind 机关');
  // A warm-up burst first (not printed): the first burst after start meets a cold process and
  // opens the driver's connections, which is not what a running bot sees.
  await burst(h, members, Math.min(50, members.length), 'anonymous', false);
  let allCounted = true;
  for (const voters of sizes) {
    for (const mode of modes) allCounted = (await burst(h, members, voters, mode)) && allCounted;
  }
  h.child.disconnect();
  await h.emulator.close();
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
  await db.stop();
  if (!allCounted) throw new Error('a vote was lost or a callback failed (see above)');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
