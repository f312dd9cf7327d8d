/**
 * Fuzz test of the webhook edge: 10,000 signed, encrypted bodies derived from the verbatim
 * platform payloads (events and card callbacks), through the real HTTP app on one server.
 * Bodies whose shape is invalid must be answered without a 5xx and without a single database
 * write (counted with the driver's command monitoring and by counting every collection);
 * the rest must get no 5xx either, and the app must keep answering /healthz throughout.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptForLark, signLarkRequest } from '../emulator/index.js';
import { type FuzzBody, generateBodies, loadSeeds, seededRandom } from '../support/fuzz-bodies.js';
import { type Harness, startHarness, TEST_APP } from '../support/harness.js';
import { freshDbUri } from '../support/test-db.js';

const TOTAL = 10_000;
const MAYBE = 600;
const CONCURRENCY = 32;
const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'bulkWrite']);

interface Outcome {
  body: FuzzBody;
  status: number;
  answer: unknown;
}

describe('edge fuzz: 10,000 signed bodies', () => {
  let h: Harness;
  let base: string;
  const writes: string[] = [];
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  beforeAll(async () => {
    await mongoose.connect(freshDbUri(), { serverSelectionTimeoutMS: 10_000, monitorCommands: true });
    await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
    // A write is a write command that changed at least one document (the sender's periodic
    // clean-up sends deletes that match nothing; those change nothing).
    const started = new Map<number, string>();
    const client = mongoose.connection.getClient();
    client.on('commandStarted', (e) => {
      if (WRITES.has(e.commandName))
        started.set(e.requestId, `${e.commandName} ${String(e.command[e.commandName])}`);
    });
    client.on('commandSucceeded', (e) => {
      const what = started.get(e.requestId);
      if (!what) return;
      started.delete(e.requestId);
      const reply = e.reply as { n?: number; lastErrorObject?: { n?: number } };
      if ((reply.n ?? reply.lastErrorObject?.n ?? 0) > 0) writes.push(what);
    });
    client.on('commandFailed', (e) => started.delete(e.requestId));
    h = await startHarness({ admins: ['ou_fuzz_admin'] });
    base = `http://127.0.0.1:${h.bot.port()}`;
  });
  afterAll(async () => {
    await h?.stop();
    await mongoose.connection.dropDatabase().catch(() => {});
    await mongoose.disconnect();
  });

  /** Signs and encrypts the JSON text the way the emulator (and Feishu) does, and posts it. */
  async function post(body: FuzzBody): Promise<Outcome> {
    const raw = JSON.stringify({ encrypt: encryptForLark(TEST_APP.encryptKey, body.json) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const res = await fetch(`${base}${body.route}`, {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signLarkRequest(timestamp, nonce, TEST_APP.encryptKey, raw),
      },
    });
    const text = await res.text();
    let answer: unknown = text;
    try {
      answer = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { body, status: res.status, answer };
  }

  async function runAll(bodies: FuzzBody[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < bodies.length; i += CONCURRENCY) {
      outcomes.push(...(await Promise.all(bodies.slice(i, i + CONCURRENCY).map(post))));
      if ((i / CONCURRENCY) % 25 === 0) expect((await fetch(`${base}/healthz`)).status).toBe(200);
    }
    return outcomes;
  }

  async function countEverything(): Promise<Record<string, number>> {
    const db = mongoose.connection.db!;
    const counts: Record<string, number> = {};
    for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
      counts[c.name] = await db.collection(c.name).countDocuments();
    }
    return counts;
  }

  it('never answers 5xx, keeps answering /healthz, and writes nothing for invalid shapes', async () => {
    let n = 0;
    const uniqueId = () => `fuzz-${seed}-${++n}`;
    const seeds = loadSeeds(TEST_APP.verificationToken);
    expect(seeds.length).toBeGreaterThanOrEqual(15);
    const invalid = generateBodies(seeds, seededRandom(seed), TOTAL - MAYBE, 'invalid', uniqueId);
    const maybe = generateBodies(seeds, seededRandom(seed + 1), MAYBE, 'maybe', uniqueId);
    const started = Date.now();

    // Phase 1: invalid shapes only, on a quiet bot, so any write would be theirs.
    await h.bot.dispatcher.idle();
    const before = await countEverything();
    writes.length = 0;
    const first = await runAll(invalid);
    await h.bot.dispatcher.idle();
    const firstMs = Date.now() - started;
    const wrote = [...writes];
    const after = await countEverything();
    console.log(`edge fuzz: invalid phase, ${invalid.length} bodies in ${firstMs} ms (seed ${seed})`);

    const bad = first.filter((o) => {
      if (![200, 400, 401, 413].includes(o.status)) return true;
      if (o.status !== 200) return false;
      const answer = o.answer as { outcome?: string; toast?: { type?: string } };
      return o.body.route === '/lark/events' ? answer.outcome !== 'ignored' : answer.toast?.type !== 'error';
    });
    expect(
      bad
        .slice(0, 10)
        .map(
          (o) => `${o.status} ${o.body.route} ${o.body.label} → ${JSON.stringify(o.answer).slice(0, 120)}`,
        ),
      `seed ${seed}`,
    ).toEqual([]);
    expect(wrote, `seed ${seed}: writes during the invalid phase`).toEqual([]);
    expect(after).toEqual(before);
    // Most invalid bodies get through the signature and are acknowledged, not refused.
    expect(first.filter((o) => o.status === 200).length).toBeGreaterThan(TOTAL * 0.8);

    // Phase 2: shapes the bot may accept (junk text, fields it does not read).
    const second = await runAll(maybe);
    await h.bot.dispatcher.idle();
    const fiveXx = second.filter((o) => o.status >= 500);
    expect(
      fiveXx.map((o) => `${o.status} ${o.body.label}`),
      `seed ${seed}`,
    ).toEqual([]);
    expect(
      second.filter((o) => (o.answer as { outcome?: string }).outcome === 'accepted').length,
    ).toBeGreaterThan(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(first.length + second.length).toBe(TOTAL);
    console.log(
      `edge fuzz: ${TOTAL} bodies in ${Date.now() - started} ms, invalid phase ${firstMs} ms (seed ${seed})`,
    );
  }, 180_000);
});
