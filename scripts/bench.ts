/**
 * `npm run bench`: a burst of signed, encrypted events at once — figures printed, not asserted.
 * Starts the local database, the emulator (with the platform's rate limits) and the bot, then
 * 200 people (default) send the bot a private `/whoami` at the same moment, and measures:
 * ack latency at the webhook (Feishu redelivers what is not acked within 3 s), time until every
 * reply is delivered, database commands per event (driver command monitoring), and memory.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { countCommands } from '../src/batching/command-count.js';
import { connectDatabase } from '../src/db.js';
import { createSilentLogger } from '../src/logger.js';
import { startHarness } from '../tests/support/harness.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200' } } });
const total = Number(values.events);
const ACK_P99_TARGET_MS = 300;
const COMMANDS_PER_EVENT_TARGET = 1;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-');
  const url = new URL(db.uri);
  url.pathname = `/qinglian_bench_${Date.now()}`;
  const log = createSilentLogger();
  await connectDatabase(url.toString(), log);
  const h = await startHarness({ log });
  const emu = h.emulator;
  const users = Array.from({ length: total }, (_, i) => `ou_bench_user_${i}`);
  for (const [i, openId] of users.entries()) emu.addUser({ openId, name: `用户${i}` });

  // One warm-up event, so the figures are the burst's and not the first connection's.
  await emu.sendText({ chatType: 'p2p', sender: users[0]!, text: '/whoami' });
  await emu.waitFor(() => emu.messages.length >= 1, { timeoutMs: 30_000, intervalMs: 20 });
  await h.settle();
  const before = emu.messages.length;

  const commands = countCommands();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 20);
  const acks: number[] = [];
  let notAcked = 0;
  const started = Date.now();
  await Promise.all(
    users.map(async (sender) => {
      const t0 = Date.now();
      const d = await emu.sendText({ chatType: 'p2p', sender, text: '/whoami' });
      if (d.status === 200) acks.push(Date.now() - t0);
      else notAcked++;
    }),
  );
  const ackedAt = Date.now();
  await emu.waitFor(() => emu.messages.length >= before + total, { timeoutMs: 600_000, intervalMs: 20 });
  const doneAt = Date.now();
  await h.settle();
  clearInterval(sampler);
  const used = commands.total();
  const byName = commands.byTarget();
  if (process.env.BENCH_TIMINGS) console.log(commands.timings());
  commands.stop();
  acks.sort((a, b) => a - b);
  const answered = new Set(emu.messages.slice(before).map((m) => m.chatId)).size;
  const redelivered = emu.deliveries.filter((d) => d.attempt > 1).length;

  console.log(`events: ${total} private /whoami from ${total} people at once`);
  console.log(
    `acked: ${acks.length}/${total} (not acked: ${notAcked}; redeliveries by the emulator: ${redelivered})`,
  );
  console.log(
    `ack latency: p50 ${percentile(acks, 50)} ms, p99 ${percentile(acks, 99)} ms (target ≤ ${ACK_P99_TARGET_MS}), max ${acks.at(-1)} ms`,
  );
  console.log(`all acked after ${ackedAt - started} ms; every reply delivered after ${doneAt - started} ms`);
  console.log(`answered: ${answered}/${total} people, ${emu.messages.length - before} replies`);
  console.log(
    `database commands: ${used} = ${(used / total).toFixed(2)} per event (target ≤ ${COMMANDS_PER_EVENT_TARGET}) ${JSON.stringify(byName)}`,
  );
  console.log(
    `memory: rss ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, peak ${(rssPeak / 2 ** 20).toFixed(0)} MiB`,
  );

  await h.stop();
  await mongoose.connection.dropDatabase();
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
