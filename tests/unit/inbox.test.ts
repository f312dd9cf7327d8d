import { describe, expect, it } from 'vitest';
import { claimDedupeKey, claimEvent, finishEvent, recordEvent } from '../../src/dispatch/inbox.js';
import type { Envelope } from '../../src/transport/envelope.js';
import { useTestDb } from '../support/test-db.js';

function envelope(eventId: string): Envelope {
  return {
    schema: '2.0',
    header: { event_id: eventId, event_type: 'im.message.receive_v1', token: 't' },
    event: {},
  };
}

describe('the inbox (real database)', () => {
  useTestDb();
  const now = new Date('2026-11-26T01:00:00Z');

  it('stores an event once; a redelivery is recognised', async () => {
    expect(await recordEvent(envelope('e-1'), now)).toBe(true);
    expect(await recordEvent(envelope('e-1'), now)).toBe(false);
  });

  it('lets exactly one of many concurrent claimers take an event', async () => {
    await recordEvent(envelope('e-2'), now);
    const owners = Array.from({ length: 12 }, (_, i) => `owner-${i}`);
    const claims = await Promise.all(owners.map((o) => claimEvent('e-2', o, now, 60_000)));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.state).toBe('processing');
    expect(winners[0]?.attempts).toBe(1);
  });

  it('a crashed claim is claimable again after its lease, by one process, and a finished one never', async () => {
    await recordEvent(envelope('e-3'), now);
    expect(await claimEvent('e-3', 'crashed', now, 60_000)).not.toBeNull();
    expect(await claimEvent('e-3', 'other', new Date(now.getTime() + 30_000), 60_000)).toBeNull();
    const later = new Date(now.getTime() + 61_000);
    const retry = await Promise.all(['a', 'b', 'c'].map((o) => claimEvent('e-3', o, later, 60_000)));
    const winner = retry.find((c) => c !== null);
    expect(retry.filter((c) => c !== null)).toHaveLength(1);
    expect(winner?.attempts).toBe(2);
    await finishEvent('e-3', winner!.leaseOwner!, 'done', later);
    expect(await claimEvent('e-3', 'late', new Date(later.getTime() + 120_000), 60_000)).toBeNull();
  });

  it('a message id delivered under two event ids belongs to the first', async () => {
    expect(await claimDedupeKey('msg:om_1', 'e-10', now)).toBe(true);
    expect(await claimDedupeKey('msg:om_1', 'e-10', now)).toBe(true);
    expect(await claimDedupeKey('msg:om_1', 'e-11', now)).toBe(false);
  });
});
