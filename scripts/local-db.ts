/**
 * Builds and starts the local MongoDB-compatible server (FerretDB 1.24 embedded in the
 * small Go program under scripts/ferretdb). Used by `npm run db`, the test setup and the demo.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'scripts', 'ferretdb');
const overlayDir = join(sourceDir, 'overlay');

/**
 * Files of FerretDB 1.24 the wrapper replaces with patched copies (scripts/ferretdb/overlay):
 * an `$in` of scalars pushed down to PostgreSQL as an OR of containments (index-backed with the
 * GIN companions), and an update of many documents written in one transaction instead of one
 * transaction per document. Both change how fast, not what: the handler still filters every
 * document it reads, and the same documents are written.
 */
const OVERLAY: Record<string, string> = {
  'postgresql-query.go': 'github.com/FerretDB/FerretDB/internal/backends/postgresql/query.go',
  'common-update.go': 'github.com/FerretDB/FerretDB/internal/handler/common/update.go',
};

function sourceFiles(): string[] {
  const own = readdirSync(sourceDir)
    .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
    .map((f) => join(sourceDir, f));
  return [...own, ...Object.keys(OVERLAY).map((f) => join(overlayDir, f))].sort();
}

/** The binary of the current sources, named by their hash: a changed wrapper never replaces another checkout's. */
function binaryPath(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) hash.update(file.slice(root.length)).update(readFileSync(file));
  return join(root, '.cache', 'bin', `ferretdb-local-${hash.digest('hex').slice(0, 12)}`);
}

/** The wrapper's binary for the current sources (built on first use). */
export const ferretBinary = binaryPath();

/** Options for {@link startLocalDb}. */
export interface LocalDbOptions {
  port?: number;
  dir?: string;
  backend?: 'sqlite' | 'postgresql';
  postgresqlUrl?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'none';
}

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

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (result.error) throw new Error(`cannot run "${command}" (is Go installed?): ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/**
 * Builds the Go wrapper when its binary is missing: the sources are copied to a build folder,
 * their modules vendored (Go refuses to patch files in its module cache), the overlay files
 * copied over the vendored ones, then built.
 */
export function ensureFerretBinary(log: (line: string) => void = () => {}): string {
  if (existsSync(ferretBinary)) return ferretBinary;
  mkdirSync(dirname(ferretBinary), { recursive: true });
  log('正在编译本地数据库 FerretDB（首次约需 1–3 分钟）… / building FerretDB (first time takes 1–3 min)…');
  const build = mkdtempSync(join(tmpdir(), 'ferretdb-build-'));
  try {
    for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.go') || f.startsWith('go.')))
      copyFileSync(join(sourceDir, file), join(build, file));
    run('go', ['mod', 'vendor'], build);
    for (const [patched, target] of Object.entries(OVERLAY))
      copyFileSync(join(overlayDir, patched), join(build, 'vendor', target));
    const partial = `${ferretBinary}.${process.pid}.tmp`;
    run('go', ['build', '-mod=vendor', '-trimpath', '-o', partial, '.'], build);
    renameSync(partial, ferretBinary);
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
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

/** Starts FerretDB and resolves once it prints its connection string. */
export async function startLocalDb(options: LocalDbOptions = {}): Promise<LocalDb> {
  const binary = ensureFerretBinary((line) => process.stderr.write(`${line}\n`));
  const args = [
    `--port=${options.port ?? 0}`,
    `--backend=${options.backend ?? 'sqlite'}`,
    `--dir=${resolve(options.dir ?? join(root, '.data', 'ferretdb'))}`,
    `--log-level=${options.logLevel ?? 'error'}`,
  ];
  if (options.postgresqlUrl) args.push(`--postgresql-url=${options.postgresqlUrl}`);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
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
 * Uses MONGODB_URI, or starts FerretDB in a temporary folder — on PostgreSQL when a server answers
 * on 127.0.0.1:5432 (many concurrent writers), else SQLite — and says which on stdout.
 */
export async function startBenchDb(prefix: string): Promise<BenchDb> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pg = await canConnect('127.0.0.1', 5432);
  const db = await startLocalDb({
    dir,
    backend: pg ? 'postgresql' : 'sqlite',
    postgresqlUrl: 'postgres://postgres@127.0.0.1:5432/postgres?pool_max_conns=20',
    logLevel: 'none',
  });
  console.log(`database: FerretDB (${pg ? 'PostgreSQL' : 'SQLite'} backend)`);
  return {
    uri: db.uri,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
