import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { countCommands } from '../../src/batching/command-count.js';
import { InsertBatcher } from '../../src/batching/insert-batcher.js';
import { ReadBatcher } from '../../src/batching/read-batcher.js';
import { UpdateBatcher } from '../../src/batching/update-batcher.js';
import { useTestDb } from '../support/test-db.js';

const collection = (name: string) => () => mongoose.connection.db!.collection(name);

describe('group-commit batchers (real database)', () => {
  const db = useTestDb();

  it('hands each document its own outcome: inserted, duplicate, or its own error', async () => {
    const batcher = new InsertBatcher(collection('ins_outcomes'));
    await batcher.insert({ _id: 'taken' as never });
    const commands = countCommands();
    const outcomes = await Promise.allSettled([
      batcher.insert({ _id: 'a' as never }),
      batcher.insert({ _id: 'taken' as never }),
      batcher.insert({ _id: 'bad' as never, $bad: 1 }),
      batcher.insert({ _id: 'b' as never }),
    ]);
    commands.stop();
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'error'))).toEqual([
      true,
      false,
      'error',
      true,
    ]);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/\$bad/);
    expect(commands.byName().insert).toBe(1);
    const stored = await collection('ins_outcomes')().find().sort({ _id: 1 }).toArray();
    expect(stored.map((d) => d._id)).toEqual(['a', 'b', 'taken']);
  });

  it('a failed flush fails only its own callers; the next flush is written', async () => {
    const closed = await new mongoose.mongo.MongoClient(db.uri()).connect();
    await closed.close();
    let calls = 0;
    const batcher = new InsertBatcher(() =>
      ++calls === 1 ? closed.db().collection('ins_fail') : collection('ins_fail')(),
    );
    const first = Promise.allSettled([
      batcher.insert({ _id: 'x1' as never }),
      batcher.insert({ _id: 'x2' as never }),
    ]);
    // Pushed while the first flush is being written: the next flush.
    await new Promise((r) => setImmediate(r));
    const second = Promise.allSettled([
      batcher.insert({ _id: 'y1' as never }),
      batcher.insert({ _id: 'y2' as never }),
    ]);
    expect((await first).map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((await second).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    const stored = await collection('ins_fail')().find().sort({ _id: 1 }).toArray();
    expect(stored.map((d) => d._id)).toEqual(['y1', 'y2']);
  });

  it('keeps the order per key: two updates of one document never share a flush', async () => {
    await collection('upd_order')().insertMany([
      { _id: 'k' as never, v: 0 },
      { _id: 'other' as never, v: 0 },
    ]);
    const batcher = new UpdateBatcher(collection('upd_order'));
    const commands = countCommands();
    await Promise.all(
      [1, 2, 3]
        .map((v) => batcher.update({ key: 'k', set: { v } }))
        .concat(batcher.update({ key: 'other', set: { v: 9 } })),
    );
    commands.stop();
    const docs = await collection('upd_order')().find().sort({ _id: 1 }).toArray();
    expect(docs.map((d) => d.v)).toEqual([3, 9]);
    // Flush 1: k=1 and other=9 (two changes, two commands); then k=2, then k=3.
    expect(commands.byName().update).toBe(4);
  });

  it('coalesces the same change of many documents into one updateMany, stamped with the latest date', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `e${i}`);
    await collection('upd_group')().insertMany(
      ids.map((_id) => ({ _id: _id as never, state: 'processing', owner: 'me' })),
    );
    await collection('upd_group')().updateOne({ _id: 'e7' as never }, { $set: { owner: 'someone else' } });
    const batcher = new UpdateBatcher(collection('upd_group'));
    const base = Date.parse('2026-12-03T08:00:00Z');
    const commands = countCommands();
    await Promise.all(
      ids.map((key, i) =>
        batcher.update({
          key,
          where: { owner: 'me' },
          set: { state: 'done', finishedAt: new Date(base + i) },
        }),
      ),
    );
    commands.stop();
    expect(commands.byName().update).toBe(1);
    const docs = await collection('upd_group')().find().toArray();
    expect(docs.filter((d) => d.state === 'done')).toHaveLength(49);
    expect(docs.find((d) => d._id === ('e7' as never))?.state).toBe('processing');
    expect(docs.find((d) => d._id === ('e0' as never))?.finishedAt).toEqual(new Date(base + 49));
  });

  it('reads many keys in one query; a missing key is null', async () => {
    await collection('reads')().insertMany(
      Array.from({ length: 40 }, (_, i) => ({ openId: `ou_${i}`, n: i })),
    );
    const reads = new ReadBatcher(collection('reads'), 'openId');
    const commands = countCommands();
    const docs = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => reads.get(`ou_${i}`)),
      reads.get('ou_missing'),
    ]);
    commands.stop();
    expect(commands.byName().find).toBe(1);
    expect(docs.slice(0, 40).map((d) => d?.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(docs[40]).toBeNull();
  });

  it('drains at shutdown: everything queued is written', async () => {
    const batcher = new InsertBatcher(collection('drained'), 10);
    for (let i = 0; i < 95; i++) void batcher.insert({ _id: `q${i}` as never });
    await batcher.drain();
    expect(await collection('drained')().countDocuments()).toBe(95);
  });

  it('loses nothing it acknowledged when the process is killed mid-flush', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/batch-crash-child.ts', db.uri(), '20000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const acknowledged: string[] = [];
    await new Promise<void>((done) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line === 'all') return;
        acknowledged.push(line);
        if (acknowledged.length === 1500) child.kill('SIGKILL');
      });
      child.once('exit', () => done());
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(1500);
    const stored = new Set(
      (
        await collection('crash_docs')()
          .find({}, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => String(d._id)),
    );
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // Killed mid-stream: not everything was written.
    expect(stored.size).toBeLessThan(20000);
  }, 60_000);
});
