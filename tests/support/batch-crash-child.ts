/**
 * Child process of the batcher crash test: inserts documents through a group-commit batcher
 * as fast as it can and prints the id of each one the batcher acknowledged. The test kills it
 * with SIGKILL mid-stream and checks every printed id is stored.
 */
import mongoose from 'mongoose';
import { InsertBatcher } from '../../src/batching/insert-batcher.js';

const [uri, countText] = process.argv.slice(2);
await mongoose.connect(uri!, { serverSelectionTimeoutMS: 10_000 });
const batcher = new InsertBatcher(() => mongoose.connection.db!.collection('crash_docs'), 50, '_id', 2);
const total = Number(countText);
const pending: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const id = `d${i}`;
  pending.push(
    batcher.insert({ _id: id as never, n: i }).then((inserted) => {
      if (inserted) process.stdout.write(`${id}\n`);
    }),
  );
  // Keep inserts coming over time, a few per turn of the event loop.
  if (i % 20 === 19) await new Promise((r) => setImmediate(r));
}
await Promise.all(pending);
process.stdout.write('all\n');
await mongoose.disconnect();
