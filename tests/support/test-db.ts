/**
 * Per-file database: connects the default mongoose connection to a fresh database on
 * the shared test server, builds indexes, and drops the database afterwards.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';

/** The URI of a fresh, uniquely named database on the test server. */
export function freshDbUri(): string {
  const base = inject('mongoUri');
  const url = new URL(base);
  url.pathname = `/t_${randomBytes(6).toString('hex')}`;
  return url.toString();
}

/** Registers hooks that connect mongoose to a fresh database for this test file. */
export function useTestDb(): { uri: () => string } {
  let uri = '';
  beforeAll(async () => {
    uri = freshDbUri();
    await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, monitorCommands: true });
    await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  });
  afterAll(async () => {
    if (mongoose.connection.readyState === 1) {
      await mongoose.connection.dropDatabase().catch(() => {});
      await mongoose.disconnect();
    }
  });
  return { uri: () => uri };
}
