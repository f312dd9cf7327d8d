/**
 * `npm run bench:broadcast`: one broadcast to N group chats (default 500) against the
 * emulator's real rate limits (50 msg/s and 1000/min per app, 5/s per chat) through the shared
 * sender, on the real clock. Prints the time from the `/broadcast` command to the last card
 * delivered, the ratio to the platform minimum (N / 50 per second), the highest rates the
 * emulator saw and the rate-limit refusals. Figures are printed, not asserted.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { connectDatabase } from '../src/db.js';
import { findDepartmentByName } from '../src/domain/departments.js';
import { LEASE_EXPIRED_CODE } from '../src/lark/outbox-claim.js';
import { createSilentLogger } from '../src/logger.js';
import { ChatModel } from '../src/models/chat.js';
import { OutboxMessage } from '../src/models/outbox-message.js';
import { startHarness } from '../tests/support/harness.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({ options: { chats: { type: 'string', default: '500' } } });
const chats = Number(values.chats);
const APP_PER_SECOND = 50;

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-broadcast-');
  const url = new URL(db.uri);
  url.pathname = `/qinglian_bench_broadcast_${Date.now()}`;
  const log = createSilentLogger();
  await connectDatabase(url.toString(), log);
  const admin = 'ou_bench_admin';
  const h = await startHarness({ log, admins: [admin] });
  const emu = h.emulator;
  emu.addUser({ openId: admin, name: '王主任' });
  await emu.sendText({ chatType: 'p2p', sender: admin, text: '/dept add 机关' });
  await h.settle();
  const dept = (await findDepartmentByName('机关'))!;
  const chatIds = Array.from({ length: chats }, (_, i) => `oc_bench_bc_${i}`);
  for (const chatId of chatIds) emu.addChat({ chatId, name: chatId, members: [admin] });
  await ChatModel.insertMany(
    chatIds.map((chatId) => ({ chatId, name: chatId, deptId: dept.id, active: true })),
  );
  await emu.sendText({ chatType: 'p2p', sender: admin, text: '/content list' }); // seeds the starter library
  await h.settle();

  const isCard = (chatId: string) => emu.messagesTo({ chatId }).length > 0;
  let firstMs = -1;
  const started = Date.now();
  void emu
    .waitFor(() => chatIds.some(isCard), { timeoutMs: 600_000, intervalMs: 5 })
    .then(() => {
      firstMs = Date.now() - started;
    });
  const delivery = await emu.sendText({ chatType: 'p2p', sender: admin, text: '/broadcast C001 全部' });
  if (delivery.status !== 200) throw new Error(`command not acked: ${delivery.status}`);
  const p2p = emu.world.p2pChatOf(admin).chatId;
  const before = emu.messagesTo({ chatId: p2p }).length;
  await emu.waitFor(() => emu.messagesTo({ chatId: p2p }).length > before, {
    timeoutMs: 600_000,
    intervalMs: 20,
  });
  const enqueuedMs = Date.now() - started;
  await emu.waitFor(() => chatIds.every(isCard), { timeoutMs: 600_000, intervalMs: 20 });
  const elapsedMs = Date.now() - started;
  await h.settle();

  const minimumMs = (chats / APP_PER_SECOND) * 1000;
  const copies = chatIds.map((c) => emu.messagesTo({ chatId: c }).length);
  const perChatMax = Math.max(...chatIds.map((c) => emu.maxRateObserved('chat', c)));
  console.log(`broadcast to ${chats} chats: all cards delivered ${elapsedMs} ms after the command`);
  console.log(`the first card after ${firstMs} ms`);
  console.log(`the command's answer (all ${chats} cards in the outbox) after ${enqueuedMs} ms`);
  console.log(
    `platform minimum ${minimumMs} ms (${chats} messages at ${APP_PER_SECOND}/s): ratio ${(elapsedMs / minimumMs).toFixed(3)} (target ≤ 1.1)`,
  );
  console.log(`copies per chat: min ${Math.min(...copies)}, max ${Math.max(...copies)}`);
  console.log(
    `max app sends in any sliding second: ${emu.maxRateObserved('app_second', 'im.message.create')} (limit 50); per chat: ${perChatMax} (limit 5)`,
  );
  const creates = emu.calls.filter((c) => c.operation === 'im.message.create').map((c) => c.at - started);
  const hist: number[] = [];
  for (const at of creates) hist[Math.floor(at / 250)] = (hist[Math.floor(at / 250)] ?? 0) + 1;
  console.log(`creates per 250 ms: ${Array.from(hist, (v) => v ?? 0).join(' ')}`);
  console.log(`rate-limit refusals at the emulator: ${emu.rateLimitViolations.length}`);
  const queued = await OutboxMessage.find({ key: /^broadcast:/ }, { createdAt: 1 }).lean();
  const queuedAt = queued.map((q) => q.createdAt.getTime() - started);
  console.log(
    `cards written to the outbox from ${Math.min(...queuedAt)} ms to ${Math.max(...queuedAt)} ms after the command`,
  );
  const takenOver = await OutboxMessage.countDocuments({ 'lastError.code': LEASE_EXPIRED_CODE });
  console.log(`entries sent only after a lease expired: ${takenOver}`);

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
