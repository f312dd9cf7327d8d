/**
 * Entry point: `npm start` (dist) or `npm run dev`. Reads the environment (and `.env` when
 * present), connects to MongoDB with retries, starts the bot, and shuts down gracefully on
 * SIGTERM / SIGINT: stop accepting, finish in-flight work, close the database.
 */
import { existsSync } from 'node:fs';
import { createBot } from './app.js';
import { formatConfigErrors, loadConfig } from './config.js';
import { closeDatabase, connectDatabase } from './db.js';
import { createLogger } from './logger.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const result = loadConfig(process.env);
if (!result.ok) {
  process.stderr.write(`${formatConfigErrors(result.errors)}\n`);
  process.exit(1);
}
const { config } = result;
const log = createLogger(config.logLevel);

try {
  await connectDatabase(config.mongodbUri, log);
} catch (error) {
  log.fatal({ err: error }, 'cannot connect to the database; giving up');
  process.exit(1);
}

const bot = createBot({ config, log });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took over 25 s; exiting');
    process.exit(1);
  }, 25_000);
  force.unref();
  try {
    await bot.stop();
    await closeDatabase();
    log.info('stopped cleanly');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'error during shutdown');
    process.exit(1);
  }
}
// Registered before starting, so a signal during start-up still shuts down cleanly.
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
await bot.start();
