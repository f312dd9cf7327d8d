import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedRequest, encryptForLark } from '../emulator/index.js';
import { type Harness, startHarness, TEST_APP, testEnvelope } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_admin_webhook';
const GROUP = 'oc_webhook_group';

function sign(ts: string, nonce: string, body: string): string {
  return createHash('sha256')
    .update(ts + nonce + TEST_APP.encryptKey + body)
    .digest('hex');
}

describe('webhook transport', () => {
  const db = useTestDb();
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN], bot: { callbackBudgetMs: 1 } });
    base = `http://127.0.0.1:${h.bot.port()}`;
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [ADMIN] });
  });
  afterAll(async () => h?.stop());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('answers a plain and an encrypted url_verification challenge', async () => {
    const plain = {
      challenge: 'ajls384kdjx98XX',
      token: TEST_APP.verificationToken,
      type: 'url_verification',
    };
    const r1 = await post('/lark/events', JSON.stringify(plain));
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({ challenge: 'ajls384kdjx98XX' });

    const encrypted = JSON.stringify({ encrypt: encryptForLark(TEST_APP.encryptKey, JSON.stringify(plain)) });
    const started = Date.now();
    const r2 = await post('/lark/callbacks', encrypted);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await r2.json()).toEqual({ challenge: 'ajls384kdjx98XX' });

    const wrongToken = await post('/lark/events', JSON.stringify({ ...plain, token: 'nope' }));
    expect(wrongToken.status).toBe(401);
  });

  it('accepts a correctly signed pretty-printed body and rejects tampering and stale timestamps', async () => {
    const env = testEnvelope('im.chat.member.bot.deleted_v1', { chat_id: 'oc_unknown_chat' });
    const body = `{\n  "encrypt":   ${JSON.stringify(encryptForLark(TEST_APP.encryptKey, JSON.stringify(env)))}\n}\n`;
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = 'abc123';
    const headers = {
      'X-Lark-Request-Timestamp': ts,
      'X-Lark-Request-Nonce': nonce,
      'X-Lark-Signature': sign(ts, nonce, body),
    };
    const ok = await post('/lark/events', body, headers);
    expect(ok.status).toBe(200);

    const tampered = await post('/lark/events', body.replace('"encrypt":', '"encrypt" :'), headers);
    expect(tampered.status).toBe(401);
    const badSig = await post('/lark/events', body, {
      ...headers,
      'X-Lark-Signature': sign(ts, 'other', body),
    });
    expect(badSig.status).toBe(401);
    const staleTs = String(Math.floor(Date.now() / 1000) - 600);
    const stale = await post('/lark/events', body, {
      ...headers,
      'X-Lark-Request-Timestamp': staleTs,
      'X-Lark-Signature': sign(staleTs, nonce, body),
    });
    expect(stale.status).toBe(401);
    const unsigned = await post('/lark/events', body);
    expect(unsigned.status).toBe(401);
  });

  it('answers 400 to malformed JSON, 413 to an oversized body and 404 to other paths', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const bad = '{"encrypt": ';
    const malformed = await post('/lark/events', bad, {
      'X-Lark-Request-Timestamp': ts,
      'X-Lark-Request-Nonce': 'n',
      'X-Lark-Signature': sign(ts, 'n', bad),
    });
    expect(malformed.status).toBe(400);
    const huge = await post('/lark/events', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect((await fetch(`${base}/lark/nowhere`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(404);
  });

  it('acks events at once and processes them afterwards', async () => {
    const req = buildSignedRequest(
      testEnvelope('im.chat.member.bot.added_v1', { chat_id: GROUP, name: '办公室工作群' }),
      TEST_APP.encryptKey,
    );
    const started = Date.now();
    const res = await post('/lark/events', req.body, req.headers);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await h.settle();
    const greeting = h.emulator.messagesTo({ chatId: GROUP }).at(-1)!;
    expect(h.emulator.textOf(greeting)).toContain('/chat bind');
  });

  it('a slow card action answers a toast now and updates the card later with the callback token', async () => {
    await h.emulator.sendText({ chatType: 'p2p', sender: ADMIN, text: '/dept add 党建办' });
    await h.settle();
    const { DepartmentModel } = await import('../../src/models/department.js');
    const dept = (await DepartmentModel.findOne({ name: '党建办' }).lean())!;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/chat bind',
      mentionBot: true,
    });
    await h.settle();
    const form = h.emulator.latestCard({ chatId: GROUP })!;
    const click = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '确认绑定',
      formValue: { department: dept._id },
    });
    expect(click.status).toBe(200);
    expect(click.toast?.content).toContain('正在处理');
    await h.settle();
    const update = h.emulator.calls.find((c) => c.path === '/open-apis/interactive/v1/card/update');
    expect(update?.status).toBe(200);
    expect(h.emulator.textOf(h.emulator.message(form.messageId)!)).toContain('已绑定到“党建办”');
  });

  it('reports health: 200 with the database, 503 without', async () => {
    const up = await fetch(`${base}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok' });
    await mongoose.disconnect();
    try {
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable' });
    } finally {
      await mongoose.connect(db.uri());
    }
  });
});
