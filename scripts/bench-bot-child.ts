/**
 * The parent's side of `scripts/bench-bot.mjs`: builds the bot, forks it under plain node and
 * wires it to the emulator; `ask` sends one IPC request and resolves with the answer's `key`.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../tests/emulator/index.js';
import { TEST_APP } from '../tests/support/harness.js';

export interface BotChild {
  child: ChildProcess;
  ask<T>(msg: object, key: string): Promise<T>;
  settle(): Promise<void>;
}

/** Builds and starts the bot in a child process on `uri`, its Open API at the emulator. */
export async function startBotChild(uri: string, emulator: Emulator, admins: string[] = []): Promise<BotChild> {
  const here = dirname(fileURLToPath(import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(here, '..'), stdio: 'inherit' });
  const child = fork(join(here, 'bench-bot.mjs'), [], {
    execArgv: process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(msg: object, key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m) && !('error' in m)) return;
        child.off('message', on);
        if ('error' in m) reject(new Error(String(m.error)));
        else resolve(m[key] as T);
      };
      child.on('message', on);
      child.send(msg);
    });
  const port = await ask<number>({ start: { uri, emulatorUrl: emulator.baseUrl, admins, app: TEST_APP } }, 'port');
  emulator.setBotEndpoints(`http://127.0.0.1:${port}/lark/events`, `http://127.0.0.1:${port}/lark/callbacks`);
  return { child, ask, settle: () => ask({ settle: true }, 'settled') };
}
