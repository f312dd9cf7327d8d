import { describe, expect, it } from 'vitest';
import { eventHandlers } from '../../src/events/chat-membership.js';
import { checkEnvelope, EVENT_SCHEMAS } from '../../src/transport/envelope.js';
import { findShapeProblem, MAX_DEPTH, nestsTooDeep } from '../../src/transport/shape-check.js';

const header = { event_id: 'e1', event_type: 'im.chat.member.bot.added_v1', token: 't' };

describe('edge shape checks', () => {
  it('counts nesting on the text, skipping brackets inside strings and escaped quotes', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(nestsTooDeep(nested(MAX_DEPTH))).toBe(false);
    expect(nestsTooDeep(nested(MAX_DEPTH + 1))).toBe(true);
    expect(nestsTooDeep(JSON.stringify({ a: `\\"${'['.repeat(100)}` }))).toBe(false);
    expect(nestsTooDeep(`{"a":"\\\\"${'['.repeat(100)}`)).toBe(true);
  });

  it('finds operator keys, dotted keys, U+0000 and deep nesting anywhere', () => {
    expect(findShapeProblem({ a: [{ b: { $ne: null } }] })).toEqual({
      reason: 'operator_key',
      path: 'a[0].b.$ne',
    });
    expect(findShapeProblem({ 'x.y': 1 })?.reason).toBe('operator_key');
    expect(findShapeProblem({ a: ['ok', 'bad\u0000'] })?.reason).toBe('nul_char');
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = [deep];
    expect(findShapeProblem(deep)?.reason).toBe('too_deep');
    expect(findShapeProblem({ a: { b: ['c', 1, null, true] } })).toBeUndefined();
  });

  it('types the fields the bot reads and lets unknown fields through', () => {
    const ok = checkEnvelope({
      schema: '2.0',
      header,
      event: { chat_id: 'oc_1', i18n_names: { zh_cn: '群' } },
    });
    expect(ok.ok).toBe(true);
    const bad = checkEnvelope({ schema: '2.0', header, event: { chat_id: { $ne: null } } });
    expect(bad).toMatchObject({ ok: false, reason: 'operator_key', eventId: 'e1' });
    const typed = checkEnvelope({ schema: '2.0', header, event: { chat_id: 42 } });
    expect(typed).toMatchObject({ ok: false, reason: 'bad_event_fields', path: 'event.chat_id' });
    const unknown = checkEnvelope({ schema: '2.0', header: { ...header, event_type: 'x.y_v1' }, event: {} });
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown_event_type' });
    expect(checkEnvelope({ schema: '2.0', header, event: {} }, () => false)).toMatchObject({
      reason: 'bad_token',
    });
  });

  it('has a schema for every event type a handler is registered for', () => {
    for (const type of [...Object.keys(eventHandlers), 'im.message.receive_v1', 'card.action.trigger']) {
      expect(EVENT_SCHEMAS[type], type).toBeDefined();
    }
  });
});
