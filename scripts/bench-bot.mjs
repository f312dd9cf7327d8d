// @ts-check
/**
 * The bot half of `npm run bench` and `npm run bench:polls`: the real bot (webhook app, dispatcher, outbox, sender)
 * in its own process, run by plain node from the compiled `dist/` as `npm start` runs it, so the
 * RSS and the database commands the parent prints are the bot's alone (the emulator and the
 * voters' signing stay in the parent; tsx alone would add about 110 MB). Driven over IPC:
 * `{ start: { uri, emulatorUrl, admins, app } }` → `{ port }`; `{ settle: true }` → `{ settled }`
 * once nothing is being processed and nothing is due in the outbox; `{ measure: 'start' }`
 * starts the command count and the RSS sampling (every 20 ms), `{ measure: 'stop' }` →
 * `{ measured }`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createBot } from '../dist/src/app.js';
import { countCommands } from '../dist/src/batching/command-count.js';
import { createLarkClient } from '../dist/src/lark/client.js';
import { createSilentLogger } from '../dist/src/logger.js';
import { OutboxMessage } from '../dist/src/models/outbox-message.js';

/** @type {import('../src/app.js').Bot | undefined} */
let bot;
/** @type {import('../src/batching/command-count.js').CommandCount | undefined} */
let count;
/** @type {NodeJS.Timeout | undefined} */
let sampler;
let peakRss = 0;
let rssBefore = 0;
/** @type {number[]} */
let stores = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/** @param {{ uri: string; emulatorUrl: string; admins: string[]; app: Record<string, string> }} opts */
async function start(opts) {
  // A bounded pool: FerretDB 1.24 (PostgreSQL backend) stalls with ~50 or more concurrent updates.
  await mongoose.connect(opts.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 15, monitorCommands: true });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  /** @type {import('../src/config.js').Config} */
  const config = {
    appId: opts.app.appId ?? '',
    appSecret: opts.app.appSecret ?? '',
    encryptKey: opts.app.encryptKey ?? '',
    verificationToken: opts.app.verificationToken ?? '',
    domain: opts.emulatorUrl,
    mode: 'webhook',
    mongodbUri: opts.uri,
    port: 0,
    timezone: 'Asia/Shanghai',
    bootstrapAdmins: opts.admins,
    logLevel: 'silent',
  };
  const log = createSilentLogger();
  // The budget is raised so that the latency printed is the time to the stored vote.
  bot = createBot({ config, log, larkClient: createLarkClient(config, { log }), runScheduler: false, callbackBudgetMs: 120_000 });
  await bot.start();
  // The bot's own share of each webhook ack: from the verified envelope to its stored event.
  const dispatcher = bot.dispatcher;
  const accept = dispatcher.acceptEvent.bind(dispatcher);
  dispatcher.acceptEvent = async (envelope) => {
    const t0 = performance.now();
    try {
      return await accept(envelope);
    } finally {
      stores.push(performance.now() - t0);
    }
  };
  return bot.port();
}

async function settle() {
  for (;;) {
    await bot?.dispatcher.idle();
    const soon = new Date(Date.now() + 15_000);
    const waiting = await OutboxMessage.countDocuments({ state: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: soon } });
    if (waiting === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** @param {number[]} list */
function percentiles(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (/** @type {number} */ p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p99: at(99) };
}

/** @param {'start' | 'stop'} what */
function measure(what) {
  if (what === 'start') {
    rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    count = countCommands();
    stores = [];
    loopDelay.reset();
    loopDelay.enable();
    sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    return null;
  }
  clearInterval(sampler);
  count?.stop();
  loopDelay.disable();
  return { rssBefore, peakRss: Math.max(peakRss, process.memoryUsage().rss), commands: count?.total() ?? 0, byName: count?.byName() ?? {}, storeMs: percentiles(stores), loopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 } };
}

process.on('message', (/** @type {any} */ msg) => {
  /** @param {object} body */
  const reply = (body) => process.send?.(body);
  const fail = (/** @type {unknown} */ error) => reply({ error: String(error) });
  if (msg.start) void start(msg.start).then((port) => reply({ port }), fail);
  if (msg.settle) void settle().then(() => reply({ settled: true }), fail);
  if (msg.measure) reply({ measured: measure(msg.measure) });
});
process.on('disconnect', () => {
  void (async () => {
    await bot?.stop().catch(() => {});
    await mongoose.disconnect().catch(() => {});
    process.exit(0);
  })();
});
