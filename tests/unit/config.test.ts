import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const valid = {
  LARK_APP_ID: 'cli_test',
  LARK_APP_SECRET: 'secret',
  LARK_ENCRYPT_KEY: 'key',
  LARK_VERIFICATION_TOKEN: 'token',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/bot',
};

describe('loadConfig', () => {
  it('fills defaults from a minimal valid environment', () => {
    const result = loadConfig(valid);
    expect(result).toMatchObject({
      ok: true,
      config: {
        domain: 'feishu',
        mode: 'webhook',
        port: 3000,
        timezone: 'Asia/Shanghai',
        bootstrapAdmins: [],
      },
    });
  });

  it('names every bad variable at once', () => {
    const result = loadConfig({
      ...valid,
      LARK_APP_ID: '',
      PORT: '99999',
      LARK_MODE: 'socket',
      BOT_TIMEZONE: 'Mars/Olympus',
      BOT_ADMINS: 'ou_a,admin',
      LARK_DOMAIN: 'http://127.0.0.1:9000/',
      MONGODB_URI: 'postgres://x',
    });
    expect(result.ok).toBe(false);
    const names = result.ok ? [] : result.errors.map((e) => e.split(':')[0]);
    expect(names.sort()).toEqual(
      ['BOT_ADMINS', 'BOT_TIMEZONE', 'LARK_APP_ID', 'LARK_DOMAIN', 'LARK_MODE', 'MONGODB_URI', 'PORT'].sort(),
    );
  });

  it('accepts lark, a base URL and ws mode', () => {
    expect(loadConfig({ ...valid, LARK_DOMAIN: 'lark', LARK_MODE: 'ws' }).ok).toBe(true);
    const local = loadConfig({ ...valid, LARK_DOMAIN: 'http://127.0.0.1:9000', BOT_ADMINS: 'ou_a, ou_b' });
    expect(local).toMatchObject({
      ok: true,
      config: { domain: 'http://127.0.0.1:9000', bootstrapAdmins: ['ou_a', 'ou_b'] },
    });
  });
});

describe('starting without LARK_APP_ID', () => {
  it('exits 1 and names the variable', () => {
    const root = resolve(import.meta.dirname, '../..');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    for (const [k, v] of Object.entries(valid)) if (k !== 'LARK_APP_ID') env[k] = v;
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/main.ts')], {
      cwd: mkdtempSync(join(tmpdir(), 'bot-config-')),
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('LARK_APP_ID');
    expect(run.stderr).toContain('配置有误');
  });
});
