import mongoose from 'mongoose';
import type { Logger } from './logger.js';

export interface ConnectOptions {
  attempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Connects mongoose, retrying with exponential backoff (the database may start after us),
 * then builds every model's indexes (unique keys carry the exactly-once guarantees).
 */
export async function connectDatabase(uri: string, log: Logger, opts: ConnectOptions = {}): Promise<void> {
  const attempts = opts.attempts ?? 10;
  let delay = opts.initialDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await mongoose.connect(uri, { serverSelectionTimeoutMS: 5_000, monitorCommands: true });
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
      log.warn(
        { attempt, delayMs: delay, err: (error as Error).message },
        'database not reachable, retrying',
      );
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 15_000);
    }
  }
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  log.info('database connected');
}

/** True when the database answers a ping. */
export async function pingDatabase(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  await db.admin().command({ ping: 1 });
  return true;
}

/** Closes the connection; safe to call twice. */
export async function closeDatabase(): Promise<void> {
  await mongoose.disconnect();
}
