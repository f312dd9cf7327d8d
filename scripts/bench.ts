/**
 * `npm run bench`: end-to-end figures on this machine, printed, not asserted.
 * Starts the local database, the emulator (with the platform's rate limits) and the bot, then
 * pushes signed, encrypted `@bot /help` events from many group chats and measures:
 * ack latency at the webhook, time until every reply card is delivered, the highest per-chat
 * and per-app rates the emulator saw, database operations, and memory.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { connectDatabase } from '../src/db.js';
import { createSilentLogger } from '../src/logger.js';
import { startHarness } from '../tests/support/harness.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '40' },
    perChat: { type: 'string', default: '5' },
  },
});
const chats = Number(values.chats);
const perChat = Number(values.perChat);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-');
  const uri = db.uri;
  const url = new URL(uri);
  url.pathname = `/qinglian_bench_${Date.now()}`;
  const log = createSilentLogger();
  await connectDatabase(url.toString(), log);
  const h = await startHarness({ log });
  const emu = h.emulator;
  const users = Array.from({ length: 20 }, (_, i) => `ou_bench_user_${i}`);
  for (const [i, openId] of users.entries()) emu.addUser({ openId, name: `用户${i}` });
  const chatIds = Array.from({ length: chats }, (_, i) => `oc_bench_chat_${i}`);
  for (const chatId of chatIds) emu.addChat({ chatId, name: chatId, members: users });

  const total = chats * perChat;
  const rssBefore = process.memoryUsage().rss;
  const acks: number[] = [];
  const started = Date.now();
  await Promise.all(
    chatIds.map(async (chatId, c) => {
      for (let k = 0; k < perChat; k++) {
        const t0 = Date.now();
        const d = await emu.sendText({
          chatId,
          chatType: 'group',
          sender: users[(c + k) % users.length]!,
          text: '/help',
          mentionBot: true,
        });
        if (d.status !== 200) throw new Error(`event not acked: ${d.status}`);
        acks.push(Date.now() - t0);
      }
    }),
  );
  const ackedAt = Date.now();
  await emu.waitFor(() => emu.messages.length >= total, { timeoutMs: 600_000, intervalMs: 50 });
  const doneAt = Date.now();
  await h.settle();
  acks.sort((a, b) => a - b);
  const perChatMax = Math.max(...chatIds.map((c) => emu.maxRateObserved('chat', c)));
  const rssAfter = process.memoryUsage().rss;

  console.log(`events: ${total} (/help from ${chats} group chats × ${perChat})`);
  console.log(
    `ack latency: p50 ${percentile(acks, 50)} ms, p95 ${percentile(acks, 95)} ms, max ${acks.at(-1)} ms`,
  );
  console.log(
    `all events acked in ${ackedAt - started} ms (${((total * 1000) / (ackedAt - started)).toFixed(1)} events/s)`,
  );
  console.log(
    `all ${emu.messages.length} reply cards delivered after ${doneAt - started} ms (${((total * 1000) / (doneAt - started)).toFixed(1)} msg/s)`,
  );
  console.log(
    `max per chat in any sliding second: ${perChatMax} (limit 5); max app calls per second: ${emu.maxRateObserved('app_second')} (limit 50)`,
  );
  const refusedBy = new Map<string, number>();
  for (const v of emu.rateLimitViolations)
    refusedBy.set(`${v.scope}:${v.key}`, (refusedBy.get(`${v.scope}:${v.key}`) ?? 0) + 1);
  console.log(
    `rate-limit refusals at the emulator: ${emu.rateLimitViolations.length} ${JSON.stringify(Object.fromEntries(refusedBy))}`,
  );
  console.log(`memory: rss ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`);

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
