/**
 * `npm run bench:db [-- --n 200 --rounds 1]`: the local database backends side by side, printed,
 * not asserted. On FerretDB + SQLite, + embedded PostgreSQL (fsync on and off) and + the
 * machine's PostgreSQL (when 127.0.0.1:5432 answers), each in a fresh temporary folder: start-up
 * time (first start, and a restart on the same folder), single insert latency p50/p99 (n in a
 * row), n concurrent single inserts, one insertMany of n, n concurrent findOne and updateOne by _id.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { canConnect, type LocalDbOptions, PG_POOL_PARAMS, startLocalDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '1' },
  },
});
const n = Number(values.n);
const rounds = Number(values.rounds);

interface Backend {
  label: string;
  options: LocalDbOptions;
}

type Row = Record<string, string>;

const round1 = (ms: number) => ms.toFixed(1);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** FerretDB 1.24 can stall for good under many concurrent operations; a phase gives up then. */
const PHASE_LIMIT_MS = 60_000;

async function timed(work: () => Promise<unknown>, phase = 'phase'): Promise<number> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`stalled > ${PHASE_LIMIT_MS / 1000} s in ${phase}`)),
      PHASE_LIMIT_MS,
    );
  });
  try {
    await Promise.race([work(), limit]);
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - start;
}

const doc = (i: number) => ({
  chatId: `oc_${i % 40}`,
  n: i,
  state: 'pending',
  text: randomBytes(60).toString('hex'),
  at: new Date(),
});

/** The workload against one running server; every phase uses its own collection. */
async function measure(uri: string): Promise<Row> {
  const url = new URL(uri);
  url.pathname = `/bench_db_${Date.now()}`;
  const client = await new mongoose.mongo.MongoClient(url.toString()).connect();
  try {
    const db = client.db();
    await db.collection('warmup').insertOne(doc(0));
    const single = db.collection('single');
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) latencies.push(await timed(() => single.insertOne(doc(i)), 'single inserts'));
    latencies.sort((a, b) => a - b);
    const concurrent = db.collection('concurrent');
    const concurrentMs = await timed(
      () => Promise.all(Array.from({ length: n }, (_, i) => concurrent.insertOne(doc(i)))),
      'concurrent inserts',
    );
    const many = db.collection('many');
    const manyMs = await timed(
      () => many.insertMany(Array.from({ length: n }, (_, i) => doc(i))),
      'insertMany',
    );
    const ids = (await concurrent.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
    const findMs = await timed(() => Promise.all(ids.map((_id) => concurrent.findOne({ _id }))), 'findOne');
    const updateMs = await timed(
      () => Promise.all(ids.map((_id) => concurrent.updateOne({ _id }, { $set: { state: 'sent' } }))),
      'updateOne',
    );
    const updated = await concurrent.countDocuments({ state: 'sent' });
    await timed(() => db.dropDatabase(), 'dropDatabase');
    return {
      'insert p50 ms': round1(percentile(latencies, 50)),
      'insert p99 ms': round1(percentile(latencies, 99)),
      [`${n} ∥ inserts ms`]: round1(concurrentMs),
      'insertMany ms/doc': (manyMs / n).toFixed(2),
      [`${n} ∥ findOne ms`]: round1(findMs),
      [`${n} ∥ updateOne ms`]: `${round1(updateMs)}${updated === ids.length ? '' : ` (${updated} updated!)`}`,
    };
  } finally {
    await Promise.race([client.close(), new Promise((r) => setTimeout(r, 5_000))]);
  }
}

async function run(backend: Backend): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-bench-db-'));
  const options = { ...backend.options, dir, logLevel: 'none' as const };
  try {
    let db: Awaited<ReturnType<typeof startLocalDb>> | undefined;
    const firstMs = await timed(async () => {
      db = await startLocalDb(options);
    });
    const row = await measure(db!.uri).catch((error: Error) => ({ result: error.message }));
    await db!.stop();
    const restartMs = await timed(async () => {
      db = await startLocalDb(options);
    });
    await db!.stop();
    return {
      backend: backend.label,
      'start ms (first/again)': `${firstMs.toFixed(0)}/${restartMs.toFixed(0)}`,
      ...row,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const backends: Backend[] = [
    { label: 'FerretDB + SQLite', options: { backend: 'sqlite' } },
    { label: 'FerretDB + embedded PG (fsync on)', options: { backend: 'embedded', durable: true } },
    { label: 'FerretDB + embedded PG (fsync off)', options: { backend: 'embedded', durable: false } },
  ];
  if (await canConnect('127.0.0.1', 5432)) {
    const postgresqlUrl = `postgres://postgres@127.0.0.1:5432/postgres?${PG_POOL_PARAMS}`;
    backends.push({
      label: 'FerretDB + machine PG :5432',
      options: { backend: 'postgresql', postgresqlUrl },
    });
  }
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`n = ${n}, rounds = ${rounds}, load average before: ${load()}`);
  const rows: Row[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const backend of backends) {
      const row = await run(backend);
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  }
  console.table(rows);
  console.log(`load average after: ${load()}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
