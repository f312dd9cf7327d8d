import { beforeEach, describe, expect, it } from 'vitest';
import {
  enqueue,
  findOutboxMessage,
  findSent,
  getDelivery,
  laneOf,
  onEnqueue,
  outboxUuid,
} from '../../src/lark/outbox.js';
import { SentRecorder } from '../../src/lark/outbox-batch.js';
import {
  claimMessage,
  findDueHeads,
  hasEarlierUnfinished,
  resolveTarget,
} from '../../src/lark/outbox-claim.js';
import { OutboxClaim, OutboxMessage, type OutboxMessageDoc } from '../../src/models/outbox-message.js';
import { useTestDb } from '../support/test-db.js';

const T0 = new Date('2026-03-02T01:00:00Z');
const text = (s: string) => JSON.stringify({ text: s });
const at = (ms: number) => new Date(T0.getTime() + ms);

async function load(key: string): Promise<OutboxMessageDoc> {
  const doc = await findOutboxMessage(key);
  if (!doc) throw new Error(`no entry ${key}`);
  return doc;
}

describe('outbox (real database)', () => {
  useTestDb();

  beforeEach(async () => {
    await OutboxMessage.deleteMany({});
    await OutboxClaim.deleteMany({});
  });

  it('is idempotent by key: a repeated enqueue writes nothing and says so', async () => {
    const msg = {
      key: 'evt-1:0',
      kind: 'send',
      receiveIdType: 'chat_id',
      receiveId: 'oc_1',
      msgType: 'text',
      content: text('hi'),
    } as const;
    const first = await enqueue(msg, { now: T0 });
    const again = await enqueue({ ...msg, content: text('changed') }, { now: at(5) });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, key: 'evt-1:0', id: first.id });
    expect(await OutboxMessage.countDocuments()).toBe(1);
    expect((await load('evt-1:0')).content).toBe(text('hi'));
  });

  it('creates exactly one entry when many processes enqueue the same key at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        enqueue({
          key: 'job:digest:2026-W10:ou_a',
          kind: 'send',
          receiveIdType: 'open_id',
          receiveId: 'ou_a',
          msgType: 'text',
          content: text('x'),
        }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await OutboxMessage.countDocuments()).toBe(1);
  });

  it('derives a stable uuid of at most 50 characters from the key', async () => {
    expect(outboxUuid('a')).toBe(outboxUuid('a'));
    expect(outboxUuid('a')).not.toBe(outboxUuid('b'));
    expect(outboxUuid('x'.repeat(5000)).length).toBeLessThanOrEqual(50);
    await enqueue({ key: 'k-uuid', kind: 'reply', messageId: 'om_1', msgType: 'text', content: text('ok') });
    expect((await load('k-uuid')).uuid).toBe(outboxUuid('k-uuid'));
  });

  it('rejects malformed entries before writing them', async () => {
    await expect(
      enqueue({
        key: 'bad',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc',
        msgType: 'text',
        content: '{nope',
      }),
    ).rejects.toThrow(/not valid JSON/);
    await expect(enqueue({ key: ' ', kind: 'card_update', token: 'c-1', card: {} })).rejects.toThrow(/key/);
    await expect(enqueue({ key: 'u', kind: 'urgent', messageId: 'om_1', userIds: [] })).rejects.toThrow(
      /userIds/,
    );
    expect(await OutboxMessage.countDocuments()).toBe(0);
  });

  it('stores every kind with its lane; card_update keeps the card as a JSON string', async () => {
    await enqueue({
      key: 's',
      kind: 'send',
      receiveIdType: 'open_id',
      receiveId: 'ou_1',
      msgType: 'post',
      content: '{}',
    });
    await enqueue({
      key: 'r',
      kind: 'reply',
      messageId: 'om_9',
      chatId: 'oc_9',
      msgType: 'text',
      content: text('r'),
      replyInThread: true,
    });
    await enqueue({ key: 'p', kind: 'patch', outboxKey: 's', content: '{"schema":"2.0"}' });
    await enqueue({ key: 'u', kind: 'urgent', messageId: 'om_2', userIds: ['ou_1'] });
    await enqueue({
      key: 'c',
      kind: 'card_update',
      token: 'c-tok',
      card: { schema: '2.0', body: { elements: [] } },
    });
    expect((await load('s')).lane).toBe('user:ou_1');
    expect((await load('r')).lane).toBe('chat:oc_9');
    expect((await load('p')).lane).toBe('outbox:s');
    expect((await load('u')).lane).toBe('message:om_2');
    const c = await load('c');
    expect(c.lane).toBe('card:c-tok');
    expect(JSON.parse(c.content ?? '')).toEqual({ schema: '2.0', body: { elements: [] } });
    expect(laneOf({ kind: 'reply', messageId: 'om_3', msgType: 'text', content: '{}' })).toBe('reply:om_3');
  });

  it('wakes in-process listeners after a new entry only', async () => {
    let calls = 0;
    const off = onEnqueue(() => calls++);
    const msg = { key: 'wake', kind: 'urgent', messageId: 'om_1', userIds: ['ou_1'] } as const;
    await enqueue(msg);
    await enqueue(msg);
    off();
    await enqueue({ ...msg, key: 'wake-2' });
    expect(calls).toBe(1);
  });

  it('lists one head per lane, so a long lane does not hide the others', async () => {
    for (let i = 0; i < 30; i++) {
      await enqueue(
        {
          key: `busy-${i}`,
          kind: 'send',
          receiveIdType: 'chat_id',
          receiveId: 'oc_busy',
          msgType: 'text',
          content: text(`${i}`),
        },
        { now: at(i) },
      );
    }
    await enqueue(
      {
        key: 'quiet',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc_quiet',
        msgType: 'text',
        content: text('q'),
      },
      { now: at(100) },
    );
    await enqueue(
      {
        key: 'later',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc_later',
        msgType: 'text',
        content: text('l'),
      },
      { now: at(0), notBefore: at(60_000) },
    );
    const heads = await findDueHeads(at(1000), [], 2);
    expect(heads.map((h) => h.key)).toEqual(['busy-0', 'quiet']);
    expect((await findDueHeads(at(1000), ['chat:oc_busy'], 5)).map((h) => h.key)).toEqual(['quiet']);
    expect(await hasEarlierUnfinished(await load('busy-1'))).toBe(true);
    expect(await hasEarlierUnfinished(await load('busy-0'))).toBe(false);
    expect((await findDueHeads(at(60_000), ['chat:oc_busy', 'chat:oc_quiet'], 5)).map((h) => h.key)).toEqual([
      'later',
    ]);
  });

  it('lets exactly one of many racing senders claim an entry (FerretDB needs the claim ticket)', async () => {
    await enqueue(
      {
        key: 'race',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc_r',
        msgType: 'text',
        content: text('r'),
      },
      { now: T0 },
    );
    for (let round = 0; round < 5; round++) {
      const doc = await load('race');
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => claimMessage(doc, `sender-${i}`, at(round * 60_000), 30_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
  });

  it('takes over an expired lease, counts the lost attempt and fences the old holder out', async () => {
    await enqueue(
      {
        key: 'crash',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc_c',
        msgType: 'text',
        content: text('c'),
      },
      { now: T0 },
    );
    const first = await claimMessage(await load('crash'), 'dead', T0, 30_000);
    expect(first).not.toBeNull();
    expect(await claimMessage(await load('crash'), 'early', at(10_000), 30_000)).toBeNull();
    const second = await claimMessage(await load('crash'), 'heir', at(31_000), 30_000);
    expect(second).toMatchObject({ leaseOwner: 'heir', attempts: 1, lastError: { code: -3 } });
    expect(await new SentRecorder().record(first!, 'om_dead', at(31_500))).toBe(false);
    expect(await new SentRecorder().record(second!, 'om_ok', at(32_000))).toBe(true);
    expect(await findSent('crash')).toEqual({ messageId: 'om_ok', sentAt: at(32_000) });
    expect(await getDelivery('crash')).toMatchObject({ state: 'sent', attempts: 2, messageId: 'om_ok' });
  });

  it('resolves a patch by outbox key once the referenced send has its message id', async () => {
    await enqueue(
      {
        key: 'card',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: 'oc_p',
        msgType: 'interactive',
        content: '{}',
      },
      { now: T0 },
    );
    await enqueue({ key: 'card:patch', kind: 'patch', outboxKey: 'card', content: '{}' }, { now: T0 });
    await enqueue({ key: 'orphan', kind: 'patch', outboxKey: 'nope', content: '{}' }, { now: T0 });
    expect(await resolveTarget(await load('card:patch'))).toMatchObject({ state: 'wait' });
    expect(await resolveTarget(await load('orphan'))).toMatchObject({ state: 'bad' });
    const claimed = await claimMessage(await load('card'), 'me', T0, 30_000);
    await new SentRecorder().record(claimed!, 'om_card', at(1));
    expect(await resolveTarget(await load('card:patch'))).toEqual({ state: 'ready', messageId: 'om_card' });
    expect(await findSent('card:patch')).toBeNull();
    expect(await getDelivery('missing')).toBeNull();
  });
});
