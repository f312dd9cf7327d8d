import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { freshDbUri } from '../support/test-db.js';

const root = resolve(import.meta.dirname, '../..');

async function waitForHealth(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('the bot process', () => {
  it('starts, answers /healthz, and exits 0 on SIGTERM after closing cleanly', async () => {
    const uri = freshDbUri();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/main.ts')], {
      cwd: mkdtempSync(join(tmpdir(), 'bot-process-')),
      env: {
        PATH: process.env.PATH ?? '',
        LARK_APP_ID: 'cli_process_test',
        LARK_APP_SECRET: 'secret',
        LARK_ENCRYPT_KEY: 'key',
        LARK_VERIFICATION_TOKEN: 'token',
        LARK_DOMAIN: 'http://127.0.0.1:9',
        MONGODB_URI: uri,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, 20_000);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const conn = await mongoose.createConnection(uri).asPromise();
    await conn.dropDatabase();
    await conn.close();
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string });
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('listening');
    expect(messages).toContain('shutting down');
    expect(messages).toContain('stopped cleanly');
  });
});
