import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '../../scripts/local-db.js';
import { loadPgBinaries, pgRunAs, reachablePgBinaries } from '../../scripts/pg-cluster.js';

type Item = { _id: string; v?: number };

async function withItems<T>(db: LocalDb, work: (items: mongoose.mongo.Collection<Item>) => Promise<T>) {
  const url = new URL(db.uri);
  url.pathname = '/persist';
  const client = await new mongoose.mongo.MongoClient(url.toString()).connect();
  try {
    return await work(client.db().collection<Item>('items'));
  } finally {
    await client.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('the embedded backend (FerretDB on a private PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-db-test-'));
  const pgDir = join(dir, 'postgres');
  const lock = join(pgDir, 'postmaster.pid');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a write and a read, stops, and restarts on the same folder with the data', async () => {
    const first = await startLocalDb({ dir, backend: 'embedded', logLevel: 'none' });
    await withItems(first, async (items) => {
      await items.insertOne({ _id: 'a', v: 1 });
      expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 1 });
    });
    await first.stop();
    expect(existsSync(lock)).toBe(false);

    const again = await startLocalDb({ dir, backend: 'embedded', logLevel: 'none' });
    expect(await withItems(again, (items) => items.findOne({ _id: 'a' }))).toEqual({ _id: 'a', v: 1 });
    await again.stop();
  }, 120_000);

  it('a killed parent leaves no server behind: the next start finds the folder free, data intact', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../support/start-db-child.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const ready = await new Promise<boolean>((done) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && done(true));
      child.once('exit', () => done(false));
    });
    expect(ready).toBe(true);
    expect(existsSync(lock)).toBe(true);
    child.kill('SIGKILL');
    // The guard sees its pipe close and shuts PostgreSQL down, which removes its lock file.
    expect(await waitFor(() => !existsSync(lock), 20_000)).toBe(true);

    const db = await startLocalDb({ dir, backend: 'embedded', logLevel: 'none' });
    const ids = await withItems(db, async (items) => (await items.find().toArray()).map((d) => d._id).sort());
    expect(ids).toEqual(['a', 'from-child']);
    await db.stop();
  }, 120_000);

  it('a stray postgres still running on the folder is shut down before the next start', async () => {
    const bin = reachablePgBinaries(await loadPgBinaries(), pgRunAs());
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const args = [
      '-D',
      pgDir,
      '-p',
      port,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ];
    // Started in the background of a shell that exits at once: an orphan, as after a crash.
    spawn('/bin/sh', ['-c', '"$0" "$@" >/dev/null 2>&1 &', bin.postgres, ...args], {
      ...pgRunAs(),
      detached: true,
      stdio: 'ignore',
    });
    expect(await waitFor(() => existsSync(lock), 20_000)).toBe(true);
    const strayPid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
    expect(isAlive(strayPid)).toBe(true);

    const db = await startLocalDb({ dir, backend: 'embedded', logLevel: 'none' });
    expect(isAlive(strayPid)).toBe(false);
    expect(await withItems(db, (items) => items.countDocuments())).toBe(2);
    await db.stop();
  }, 120_000);
});
