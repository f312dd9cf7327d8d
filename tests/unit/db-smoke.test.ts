import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';

const Probe = mongoose.model(
  'Probe',
  new mongoose.Schema({ key: { type: String, unique: true }, n: Number }),
);

describe('test database', () => {
  useTestDb();

  it('speaks the MongoDB wire protocol with unique indexes and atomic updates', async () => {
    await Probe.init();
    await Probe.create({ key: 'a', n: 1 });
    await expect(Probe.create({ key: 'a', n: 2 })).rejects.toMatchObject({ code: 11000 });
    const after = await Probe.findOneAndUpdate({ key: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'after' });
    expect(after?.n).toBe(2);
  });
});
