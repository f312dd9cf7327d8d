/**
 * Structure-aware mutations of the verbatim platform payloads in tests/fixtures/feishu-examples,
 * for the edge fuzz test. Each body is labelled by intent: `invalid` mutations break a field the
 * bot reads (or the envelope, or add operator keys / deep nesting / U+0000), so the bot must
 * drop them without a write; `maybe` mutations touch only what the bot does not read (or keep
 * the shape while filling text with junk), so the bot may accept them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the verbatim doc payloads live. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../fixtures/feishu-examples', import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
type Kind = 'string' | 'optString' | 'bool' | 'object' | 'optObject' | 'array' | 'record|string' | 'strings';

/** One payload to send: the JSON text (deep nesting is spliced in as text) and its route. */
export interface FuzzBody {
  route: '/lark/events' | '/lark/callbacks';
  json: string;
  intent: 'invalid' | 'maybe';
  /** What was done, for the failure message. */
  label: string;
}

/** A seeded PRNG (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seed {
  name: string;
  family: 'message' | 'member' | 'card';
  payload: { [key: string]: Json };
}

/** The event and callback examples (2.0 envelopes), with the test app's verification token. */
export function loadSeeds(token: string): Seed[] {
  const files = readdirSync(EXAMPLES_DIR).filter(
    (f) =>
      f.endsWith('.json') &&
      (f.startsWith('im.message.receive_v1') ||
        f.startsWith('im.chat.member.') ||
        f.startsWith('card.action.trigger')) &&
      !f.includes('.response.') &&
      !f.includes('flat_variant'),
  );
  return files.map((f) => {
    const payload = JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as { [key: string]: Json };
    (payload.header as { [key: string]: Json }).token = token;
    const family = f.startsWith('card.') ? 'card' : f.startsWith('im.message') ? 'message' : 'member';
    return { name: f, family, payload };
  });
}

/** The flat callback variant from the docs (no header/event envelope): junk for this bot. */
export function loadFlatVariant(): { [key: string]: Json } {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, 'card.action.trigger.flat_variant.json'), 'utf8'));
}

/** Fields the bot reads, per family, with the types it accepts (mirrors nothing in src on purpose). */
const READ_SLOTS: Record<Seed['family'], Array<[Path, Kind]>> = {
  message: [
    [['event', 'sender'], 'object'],
    [['event', 'sender', 'sender_id'], 'object'],
    [['event', 'sender', 'sender_id', 'open_id'], 'optString'],
    [['event', 'sender', 'sender_type'], 'string'],
    [['event', 'message'], 'object'],
    [['event', 'message', 'message_id'], 'string'],
    [['event', 'message', 'chat_id'], 'string'],
    [['event', 'message', 'chat_type'], 'string'],
    [['event', 'message', 'message_type'], 'string'],
    [['event', 'message', 'content'], 'string'],
    [['event', 'message', 'root_id'], 'optString'],
    [['event', 'message', 'parent_id'], 'optString'],
    [['event', 'message', 'mentions'], 'array'],
    [['event', 'message', 'mentions', 0, 'key'], 'string'],
    [['event', 'message', 'mentions', 0, 'id'], 'object'],
    [['event', 'message', 'mentions', 0, 'id', 'open_id'], 'optString'],
    [['event', 'message', 'mentions', 0, 'name'], 'optString'],
  ],
  member: [
    [['event', 'chat_id'], 'string'],
    [['event', 'name'], 'optString'],
    [['event', 'operator_id'], 'optObject'],
    [['event', 'operator_id', 'open_id'], 'optString'],
    [['event', 'external'], 'bool'],
  ],
  card: [
    [['event', 'operator'], 'object'],
    [['event', 'operator', 'open_id'], 'optString'],
    [['event', 'token'], 'optString'],
    [['event', 'action'], 'object'],
    [['event', 'action', 'value'], 'record|string'],
    [['event', 'action', 'tag'], 'optString'],
    [['event', 'action', 'name'], 'optString'],
    [['event', 'action', 'option'], 'optString'],
    [['event', 'action', 'options'], 'strings'],
    [['event', 'action', 'checked'], 'bool'],
    [['event', 'action', 'input_value'], 'optString'],
    [['event', 'action', 'form_value'], 'optObject'],
    [['event', 'action', 'timezone'], 'optString'],
    [['event', 'host'], 'optString'],
    [['event', 'context'], 'optObject'],
    [['event', 'context', 'open_message_id'], 'optString'],
    [['event', 'context', 'open_chat_id'], 'optString'],
  ],
};

const HEADER_SLOTS: Array<[Path, Kind]> = [
  [['header'], 'object'],
  [['header', 'event_id'], 'string'],
  [['header', 'create_time'], 'optString'],
  [['header', 'token'], 'string'],
  [['header', 'app_id'], 'optString'],
  [['header', 'tenant_key'], 'optString'],
  [['event'], 'object'],
];

const USER_ADDED_SLOTS: Array<[Path, Kind]> = [
  [['event', 'users'], 'array'],
  [['event', 'users', 0, 'user_id'], 'object'],
  [['event', 'users', 0, 'user_id', 'open_id'], 'optString'],
  [['event', 'users', 0, 'name'], 'optString'],
];

const REQUIRED: Record<Seed['family'], Path[]> = {
  message: [
    ['event', 'sender'],
    ['event', 'sender', 'sender_id'],
    ['event', 'sender', 'sender_type'],
    ['event', 'message'],
    ['event', 'message', 'message_id'],
    ['event', 'message', 'chat_id'],
    ['event', 'message', 'chat_type'],
    ['event', 'message', 'message_type'],
    ['event', 'message', 'content'],
    ['event', 'message', 'mentions', 0, 'key'],
    ['event', 'message', 'mentions', 0, 'id'],
  ],
  member: [['event', 'chat_id']],
  card: [
    ['event', 'operator'],
    ['event', 'action'],
  ],
};

const ENVELOPE_REQUIRED: Path[] = [
  ['schema'],
  ['header'],
  ['event'],
  ['header', 'event_id'],
  ['header', 'event_type'],
  ['header', 'token'],
];

const UNICODE_JUNK = [
  '\u200b\u200c\u200d\ufeff',
  '\u202e\u202d\u2066\u2069',
  '𝕏😀👨‍👩‍👧‍👦',
  '\ud800',
  '\udfff\ud800x',
  '<at user_id="all"></at>',
  '[x](https://example.com)</font>**',
  'é́́́́́́́',
  '\u0085\u2028\u2029',
];

/** Values of another JSON type than `kind` accepts (for a field the bot reads). */
function wrongValues(kind: Kind): Json[] {
  const obj = { open_id: 'ou_x' };
  switch (kind) {
    case 'string':
      return [123, 0, true, null, {}, obj, [], ['ou_x'], 1e308];
    case 'optString':
      return [123, -1, false, null, {}, obj, [], ['ou_x']];
    case 'bool':
      return ['true', 'false', 1, 0, {}, [], null];
    case 'object':
      return ['ou_x', 42, true, [], [obj], null];
    case 'optObject':
      return ['ou_x', 42, true, [], [obj], null];
    case 'array':
      return ['x', 42, {}, { 0: obj }, true, null];
    case 'record|string':
      return [42, true, [], [obj], null];
    case 'strings':
      return [42, {}, [1, 2], [{}], true, null];
  }
}

function getAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[key as string];
  }
  return node;
}

function parentOf(root: Json, path: Path): Record<string | number, Json> | undefined {
  const parent = getAt(root, path.slice(0, -1));
  return parent !== null && typeof parent === 'object'
    ? (parent as Record<string | number, Json>)
    : undefined;
}

function setAt(root: Json, path: Path, value: Json): boolean {
  const parent = parentOf(root, path);
  if (!parent) return false;
  parent[path.at(-1)!] = value;
  return true;
}

function deleteAt(root: Json, path: Path): boolean {
  const parent = parentOf(root, path);
  if (!parent || !(String(path.at(-1)) in parent)) return false;
  if (Array.isArray(parent)) return false;
  delete parent[path.at(-1)!];
  return true;
}

/** Every object node of a tree, with its path. */
function objectNodes(root: Json, path: Path = []): Path[] {
  if (root === null || typeof root !== 'object') return [];
  const here = Array.isArray(root) ? [] : [path];
  const children = Array.isArray(root)
    ? root.flatMap((v, i) => objectNodes(v, [...path, i]))
    : Object.entries(root).flatMap(([k, v]) => objectNodes(v, [...path, k]));
  return [...here, ...children];
}

/** Every leaf path of a tree. */
function leafPaths(root: Json, path: Path = []): Path[] {
  if (root === null || typeof root !== 'object') return [path];
  const entries: Array<[string | number, Json]> = Array.isArray(root)
    ? root.map((v, i) => [i, v])
    : Object.entries(root);
  return entries.flatMap(([k, v]) => leafPaths(v, [...path, k]));
}

const startsWith = (path: Path, prefix: Path) => prefix.every((p, i) => path[i] === p);

/** Generates `count` bodies of the given intent from the seeds. */
export function generateBodies(
  seeds: Seed[],
  rnd: () => number,
  count: number,
  intent: FuzzBody['intent'],
  uniqueId: () => string,
): FuzzBody[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: FuzzBody[] = [];
  while (out.length < count) {
    const seed = pick(seeds);
    const payload = structuredClone(seed.payload) as { [key: string]: Json };
    const header = payload.header as { [key: string]: Json };
    header.event_id = uniqueId();
    const route = seed.family === 'card' ? '/lark/callbacks' : '/lark/events';
    const made =
      intent === 'invalid' ? mutateInvalid(seed, payload, rnd, pick) : mutateMaybe(seed, payload, rnd, pick);
    if (!made) continue;
    // One in fifty bodies goes to the other URL: the transport must cope with that too.
    const where = rnd() < 0.02 ? (route === '/lark/events' ? '/lark/callbacks' : '/lark/events') : route;
    out.push({ route: where, json: made.json, intent, label: `${seed.name}: ${made.label}` });
  }
  return out;
}

type Pick = <T>(xs: readonly T[]) => T;
const DEEP = '"__deep_nesting__"';

function mutateInvalid(
  seed: Seed,
  payload: { [key: string]: Json },
  rnd: () => number,
  pick: Pick,
): { json: string; label: string } | undefined {
  const slots = [
    ...HEADER_SLOTS,
    ...READ_SLOTS[seed.family],
    ...(seed.name.startsWith('im.chat.member.user') ? USER_ADDED_SLOTS : []),
  ];
  const kind = pick([
    'wrongType',
    'wrongType',
    'wrongType',
    'drop',
    'operatorKey',
    'deepNesting',
    'eventType',
    'hugeId',
    'nul',
    'envelope',
  ] as const);
  switch (kind) {
    case 'wrongType': {
      const present = slots.filter(([path]) => getAt(payload, path) !== undefined);
      const [path, type] = pick(present);
      const value = pick(wrongValues(type));
      if (!setAt(payload, path, value)) return undefined;
      return { json: JSON.stringify(payload), label: `${path.join('.')} = ${JSON.stringify(value)}` };
    }
    case 'drop': {
      const present = [...ENVELOPE_REQUIRED, ...REQUIRED[seed.family]].filter(
        (p) => getAt(payload, p) !== undefined,
      );
      const path = pick(present);
      if (!deleteAt(payload, path)) return undefined;
      return { json: JSON.stringify(payload), label: `drop ${path.join('.')}` };
    }
    case 'operatorKey': {
      const nodes = objectNodes(payload);
      const path = pick(nodes);
      const node = getAt(payload, path) as Record<string, Json>;
      const key = pick(['$ne', '$gt', '$where', '$set', '$expr', 'a.b', 'task.$', '$']);
      node[key] = pick([null, '', 1, { $exists: true }, ['x']] as Json[]);
      return { json: JSON.stringify(payload), label: `${path.join('.') || '(root)'}["${key}"]` };
    }
    case 'deepNesting': {
      const nodes = objectNodes(payload);
      const path = pick(nodes);
      (getAt(payload, path) as Record<string, Json>)[pick(['value', 'nest', 'open_id', 'x'])] =
        '__deep_nesting__';
      const depth = rnd() < 0.03 ? 100_000 : pick([17, 40, 1_000, 5_000]);
      const open = rnd() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
      return {
        json: JSON.stringify(payload).replace(DEEP, deep),
        label: `${path.join('.')} nested ${depth} deep`,
      };
    }
    case 'eventType': {
      const other = {
        message: ['card.action.trigger', 'im.chat.member.bot.added_v1'],
        member: ['card.action.trigger', 'im.message.receive_v1'],
        card: ['im.message.receive_v1', 'im.chat.member.user.added_v1'],
      }[seed.family];
      const value = pick([
        ...other,
        'im.message.receive_v2',
        'card.action.trigger_v1',
        'url_verification',
        '',
        'x'.repeat(300),
        `im.message.receive_v1${pick(UNICODE_JUNK)}`,
        42,
        null,
        ['im.message.receive_v1'],
      ] as Json[]);
      (payload.header as Record<string, Json>).event_type = value;
      return { json: JSON.stringify(payload), label: `event_type = ${JSON.stringify(value).slice(0, 60)}` };
    }
    case 'hugeId': {
      const path = pick([
        ['header', 'event_id'],
        ...(seed.family === 'message'
          ? [
              ['event', 'message', 'chat_id'],
              ['event', 'message', 'message_id'],
            ]
          : []),
        ...(seed.family === 'member' ? [['event', 'chat_id']] : []),
        ...(seed.family === 'card'
          ? [
              ['event', 'operator', 'open_id'],
              ['event', 'context', 'open_chat_id'],
            ]
          : []),
      ] as Path[]);
      const size = rnd() < 0.02 ? 600_000 : pick([129, 300, 4_097, 20_000]);
      if (!setAt(payload, path, 'ó'.repeat(size))) return undefined;
      return { json: JSON.stringify(payload), label: `${path.join('.')} of ${size} chars` };
    }
    case 'nul': {
      const leaves = leafPaths(payload).filter((p) => typeof getAt(payload, p) === 'string');
      const path = pick(leaves);
      setAt(payload, path, `${getAt(payload, path) as string}\u0000`);
      return { json: JSON.stringify(payload), label: `${path.join('.')} with U+0000` };
    }
    case 'envelope': {
      const shapes: Array<[string, string]> = [
        ['schema 1.0', JSON.stringify({ ...payload, schema: '1.0' })],
        ['schema 2', JSON.stringify({ ...payload, schema: 2 })],
        ['schema ２.0', JSON.stringify({ ...payload, schema: '２.0' })],
        ['array body', JSON.stringify([payload])],
        ['string body', JSON.stringify(JSON.stringify(payload))],
        ['number body', '12345'],
        ['null body', 'null'],
        ['encrypt not a string', JSON.stringify({ encrypt: 5 })],
        ['challenge without type', JSON.stringify({ challenge: 'x', token: 'y' })],
        ['header as array', JSON.stringify({ ...payload, header: [payload.header] })],
        ['event as array', JSON.stringify({ ...payload, event: [payload.event] })],
        ['event as string', JSON.stringify({ ...payload, event: JSON.stringify(payload.event) })],
        ['flat variant', JSON.stringify(loadFlatVariant())],
      ];
      const [label, json] = pick(shapes);
      return { json, label };
    }
  }
}

function mutateMaybe(
  seed: Seed,
  payload: { [key: string]: Json },
  rnd: () => number,
  pick: Pick,
): { json: string; label: string } | undefined {
  if (rnd() < 0.5) {
    // Junk text where the bot reads text: message content, names, input values.
    const junk = pick(UNICODE_JUNK).repeat(rnd() < 0.05 ? 30_000 : pick([1, 3, 100, 1_000]));
    if (seed.family === 'message') {
      (getAt(payload, ['event', 'message']) as Record<string, Json>).content = JSON.stringify({
        text: `@_user_1 /help ${junk}`,
      });
    } else if (seed.family === 'member') {
      (payload.event as Record<string, Json>).name = junk.slice(0, 4096);
    } else {
      const action = getAt(payload, ['event', 'action']) as Record<string, Json>;
      action.input_value = junk;
      action.value = { a: pick(['no.such.action', 'task.confirm', 'poll.vote']), note: junk };
    }
    return { json: JSON.stringify(payload), label: `junk text ×${junk.length}` };
  }
  // A field the bot does not read gets another type, or is dropped.
  const read = [
    ...HEADER_SLOTS,
    ...READ_SLOTS[seed.family],
    ...USER_ADDED_SLOTS,
    ...ENVELOPE_REQUIRED.map((p): [Path, Kind] => [p, 'object']),
  ];
  const unread = leafPaths(payload).filter(
    (p) =>
      p.length > 1 &&
      !read.some(([r]) => startsWith(p, r) || startsWith(r, p)) &&
      !startsWith(p, ['event', 'action', 'form_value']),
  );
  if (unread.length === 0) return undefined;
  const path = pick(unread);
  const value = pick([
    42,
    true,
    null,
    ['x', 1],
    { nested: { deeper: 'x' } },
    '',
    'x'.repeat(10_000),
  ] as Json[]);
  if (rnd() < 0.3) deleteAt(payload, path);
  else setAt(payload, path, value);
  return { json: JSON.stringify(payload), label: `unread ${path.join('.')}` };
}
