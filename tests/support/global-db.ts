/**
 * Vitest global setup: unless MONGODB_URI is set, starts FerretDB on a private embedded
 * PostgreSQL in a temporary folder (TEST_DB_BACKEND=sqlite|postgresql picks another backend;
 * postgresql means the server at TEST_POSTGRESQL_URL, default 127.0.0.1:5432), and hands the
 * URI to every test file through `inject('mongoUri')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  LOCAL_DB_BACKENDS,
  type LocalDb,
  type LocalDbBackend,
  PG_POOL_PARAMS,
  startLocalDb,
} from '../../scripts/local-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

let db: LocalDb | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.MONGODB_URI;
  if (given) {
    project.provide('mongoUri', given);
    return;
  }
  const backend = (process.env.TEST_DB_BACKEND ?? 'embedded') as LocalDbBackend;
  if (!LOCAL_DB_BACKENDS.includes(backend))
    throw new Error(`TEST_DB_BACKEND must be one of ${LOCAL_DB_BACKENDS.join(', ')}`);
  dataDir = mkdtempSync(join(tmpdir(), 'ferretdb-test-'));
  db = await startLocalDb({
    backend,
    dir: dataDir,
    durable: false,
    logLevel: process.env.TEST_DB_LOG_LEVEL === 'debug' ? 'debug' : 'none',
    postgresqlUrl:
      process.env.TEST_POSTGRESQL_URL ?? `postgres://postgres@127.0.0.1:5432/postgres?${PG_POOL_PARAMS}`,
  });
  project.provide('mongoUri', db.uri);
}

export async function teardown(): Promise<void> {
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
