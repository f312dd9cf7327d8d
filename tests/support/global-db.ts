/**
 * Vitest global setup: starts FerretDB (PostgreSQL backend when a server answers on
 * 127.0.0.1:5432, SQLite otherwise) unless MONGODB_URI is already set, and hands the
 * URI to every test file through `inject('mongoUri')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { canConnect, type LocalDb, startLocalDb } from '../../scripts/local-db.js';

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
  const wanted = process.env.TEST_DB_BACKEND ?? 'auto';
  const usePostgres = wanted === 'postgresql' || (wanted === 'auto' && (await canConnect('127.0.0.1', 5432)));
  dataDir = mkdtempSync(join(tmpdir(), 'ferretdb-test-'));
  db = await startLocalDb({
    backend: usePostgres ? 'postgresql' : 'sqlite',
    dir: dataDir,
    logLevel: process.env.TEST_DB_LOG_LEVEL === 'debug' ? 'debug' : 'none',
    // FerretDB opens up to 50 PostgreSQL connections by default; leave room for other clients.
    postgresqlUrl:
      process.env.TEST_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres?pool_max_conns=20',
  });
  project.provide('mongoUri', db.uri);
}

export async function teardown(): Promise<void> {
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
