/**
 * `npm run bench:edges`: what hostile bodies cost the webhook edge. The app runs in a child
 * process (scripts/bench-edges-server.ts); this process sends each kind of body and reads the
 * child's CPU time (process.cpuUsage) around the batch, so the figures are the server's alone.
 * Prints CPU per request and requests per second (with `--concurrency` requests in flight).
 */
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encryptForLark, signLarkRequest } from '../tests/emulator/crypto.js';
import { BENCH_SECRETS } from './bench-edges-server.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    mb: { type: 'string', default: '1' },
    // Another build's server half, e.g. to measure the code before a change.
    server: { type: 'string', default: '' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const SIZE = Math.floor(Number(values.mb) * 1024 * 1024);

interface Kind {
  name: string;
  path: string;
  expect: number;
  make: () => { body: Buffer; headers: Record<string, string> };
}

/** A JSON text of about `bytes` bytes: an array nested as deep as that size allows. */
function deeplyNested(bytes: number): string {
  const depth = Math.floor((bytes - 2) / 2);
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function signed(raw: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signLarkRequest(timestamp, nonce, BENCH_SECRETS.encryptKey, raw),
  };
}

/** A signed event whose `event` is `inner` (JSON text); encrypted when it fits under the limit. */
function signedEvent(inner: string, encrypt: boolean): { body: Buffer; headers: Record<string, string> } {
  const header = {
    event_id: randomBytes(16).toString('hex'),
    event_type: 'im.message.receive_v1',
    create_time: String(Date.now()),
    token: BENCH_SECRETS.verificationToken,
  };
  const plain = `{"schema":"2.0","header":${JSON.stringify(header)},"event":{"message":${inner}}}`;
  const raw = encrypt ? JSON.stringify({ encrypt: encryptForLark(BENCH_SECRETS.encryptKey, plain) }) : plain;
  return { body: Buffer.from(raw), headers: signed(raw) };
}

const nestedPlain = deeplyNested(SIZE - 300);
// Encryption adds a third (base64): the plaintext is sized so the encrypted body is ≈ 1 MB too.
const nestedForEncryption = deeplyNested(Math.floor((SIZE * 3) / 4) - 400);
const junkUnsigned = Buffer.from(deeplyNested(SIZE));
const challenge = Buffer.from(
  JSON.stringify({
    challenge: 'c'.repeat(36),
    token: BENCH_SECRETS.verificationToken,
    type: 'url_verification',
  }),
);

const kinds: Kind[] = [
  {
    name: 'unsigned 1 MB deeply nested body (Content-Length declared)',
    path: '/lark/callbacks',
    expect: 413,
    make: () => ({ body: junkUnsigned, headers: { 'content-type': 'application/json' } }),
  },
  {
    name: '1 MB body with a forged signature',
    path: '/lark/events',
    expect: 401,
    make: () => {
      const { body, headers } = signedEvent(nestedPlain, false);
      return {
        body,
        headers: { ...headers, 'x-lark-signature': createHash('sha256').update('x').digest('hex') },
      };
    },
  },
  {
    name: 'signed 1 MB deeply nested event (plain)',
    path: '/lark/events',
    expect: 200,
    make: () => signedEvent(nestedPlain, false),
  },
  {
    name: 'signed 1 MB deeply nested event (encrypted)',
    path: '/lark/callbacks',
    expect: 200,
    make: () => signedEvent(nestedForEncryption, true),
  },
  {
    name: 'unsigned url_verification challenge (reference)',
    path: '/lark/events',
    expect: 200,
    make: () => ({ body: challenge, headers: { 'content-type': 'application/json' } }),
  },
];

const here = dirname(fileURLToPath(import.meta.url));
const child = fork(values.server || join(here, 'bench-edges-server.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const ask = <T>(msg: object, key: string): Promise<T> =>
  new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    if (Object.keys(msg).length > 0) child.send(msg);
  });
const port = await ask<number>({}, 'port');
const base = `http://127.0.0.1:${port}`;

// A body the server refused before reading it ends in EPIPE / ECONNRESET on the client's socket,
// sometimes after the request object has let go of it: expected here, not a failure.
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
  console.error(error);
  child.kill();
  process.exit(1);
});

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One POST with node:http; a chunked body is written 64 KB at a time without a length. */
const quietSockets = new WeakSet<object>();
const statuses = new Map<number, number>();

function send(kind: Kind, made: { body: Buffer; headers: Record<string, string> }): Promise<void> {
  const { body, headers } = made;
  const chunked = headers['transfer-encoding'] === 'chunked';
  return new Promise((resolve, reject) => {
    const req = request(`${base}${kind.path}`, {
      method: 'POST',
      // A refused chunked upload leaves its connection half-written: never reuse it.
      agent: chunked ? false : agent,
      headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      res.resume();
      res.on('end', () => {
        statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
        resolve();
      });
    });
    // The server may answer 413 and close before the whole body is written (EPIPE, ECONNRESET).
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.on('socket', (socket) => {
      if (quietSockets.has(socket)) return;
      quietSockets.add(socket);
      socket.on('error', () => {});
    });
    if (!chunked) {
      req.end(body);
      return;
    }
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function run(kind: Kind, count: number): Promise<{ cpuMs: number; perSecond: number }> {
  // One body per kind, built and signed before the clock starts (a signature stays valid for
  // five minutes and the server keeps no nonces), so the client does little per request.
  const made = kind.make();
  const before = await ask<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        await send(kind, made);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const after = await ask<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  const cpu = (after.user - before.user + after.system - before.system) / 1000;
  return { cpuMs: cpu / count, perSecond: (count * 1000) / elapsed };
}

console.log(`bench:edges — ${REQUESTS} requests per kind, ${CONCURRENCY} in flight, body ≈ ${SIZE} bytes`);
try {
  for (const kind of kinds) {
    await run(kind, 20); // warm-up
    statuses.clear();
    const r = await run(kind, REQUESTS);
    const seen = [...statuses.entries()]
      .map(([code, n]) => (n === REQUESTS ? `${code}` : `${code}×${n}`))
      .join(' ');
    if (!values.server && seen !== String(kind.expect))
      throw new Error(`${kind.name}: expected ${kind.expect}, got ${seen}`);
    console.log(
      `${kind.name.padEnd(62)} → ${seen}  server CPU ${r.cpuMs.toFixed(2).padStart(7)} ms/request  ${r.perSecond.toFixed(0).padStart(6)} requests/s`,
    );
  }
} finally {
  child.send({ exit: true });
  agent.destroy();
  child.disconnect();
}
// Sockets of refused uploads may linger half-closed; the figures are printed, so stop here.
process.exit(0);
