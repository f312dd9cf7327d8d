/**
 * Proves the Open Platform emulator behaves like Feishu for the official SDK and for a webhook
 * receiver: token, send / reply / patch / urgent / members / user / resources, uuid dedupe, rate
 * limits, card validation, faults, signed + encrypted delivery with retries, card callbacks.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, DefaultCache, LoggerLevel } from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cardWarnings,
  type Emulator,
  renderCardText,
  startEmulator,
  validateCard,
} from '../emulator/index.js';

const APP = {
  appId: 'cli_test_emulator',
  appSecret: 'secret-123',
  encryptKey: 'enc-key-xyz',
  verificationToken: 'vtok-1',
};
const BOT = 'ou_bot000000000000000000000000001';
const ALICE = 'ou_alice0000000000000000000000001';
const BOB = 'ou_bob000000000000000000000000001';
const CHAT = 'oc_chat00000000000000000000000001';

/** Independent few-line decrypt: base64 → IV(16) + AES-256-CBC, key sha256(encryptKey). */
function decrypt(encryptKey: string, b64: string): string {
  const raw = Buffer.from(b64, 'base64');
  const key = createHash('sha256').update(encryptKey).digest();
  const d = createDecipheriv('aes-256-cbc', key, raw.subarray(0, 16));
  return Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString('utf8');
}

const noop = (): void => undefined;

function newClient(emu: Emulator, appSecret = APP.appSecret): Client {
  return new Client({
    appId: APP.appId,
    appSecret,
    domain: emu.baseUrl,
    cache: new DefaultCache(),
    loggerLevel: LoggerLevel.error,
    logger: { error: noop, warn: noop, info: noop, debug: noop, trace: noop },
  });
}

function card(elements: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '任务提醒' }, template: 'blue' },
    body: { elements },
    ...extra,
  };
}

const md = (content: string) => ({ tag: 'markdown', content });
const button = (text: string, value: Record<string, unknown>) => ({
  tag: 'button',
  text: { tag: 'plain_text', content: text },
  type: 'primary',
  behaviors: [{ type: 'callback', value }],
});

/** Expects an SDK call to throw an AxiosError and returns status + body. */
async function axiosFailure(
  p: Promise<unknown>,
): Promise<{ status: number; data: { code: number; msg: string } }> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { code: number; msg: string } } }).response;
    if (!r) throw e;
    return { status: r.status, data: r.data };
  }
  throw new Error('expected the call to fail');
}

/** A tiny bot endpoint recording raw requests; `answer` decides each response. */
interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
}
async function startReceiver(
  answer: (r: Received, n: number) => { status: number; body?: unknown; delayMs?: number },
) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') };
      got.push(r);
      const a = answer(r, got.length);
      setTimeout(() => {
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    got,
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function openPayload(r: Received): {
  schema: string;
  header: Record<string, string>;
  event: Record<string, unknown>;
} {
  const outer = JSON.parse(r.raw) as { encrypt: string };
  return JSON.parse(decrypt(APP.encryptKey, outer.encrypt));
}

let emu: Emulator;
let client: Client;

beforeEach(async () => {
  emu = await startEmulator({ ...APP, botOpenId: BOT, retryScheduleMs: [50, 100, 200] });
  emu.addUser({
    openId: ALICE,
    name: '张三',
    enName: 'San Zhang',
    departmentIds: ['od-1'],
    mobile: '+8613800000000',
    email: 'z@example.com',
  });
  emu.addUser({ openId: BOB, name: '李四' });
  emu.addChat({ chatId: CHAT, name: '清廉机关工作群', members: [ALICE, BOB] });
  client = newClient(emu);
});

afterEach(async () => {
  await emu.close();
});

describe('Open API through the official SDK', () => {
  it('issues a token and rejects a wrong secret or a missing / bad token', async () => {
    const res = await fetch(`${emu.baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
    });
    const body = (await res.json()) as { code: number; tenant_access_token: string; expire: number };
    expect(body).toMatchObject({ code: 0, msg: 'ok', expire: 7200 });
    expect(body.tenant_access_token).toMatch(/^t-/);

    const bad = newClient(emu, 'wrong');
    await expect(
      bad.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: CHAT, msg_type: 'text', content: '{"text":"x"}' },
      }),
    ).rejects.toThrow();
    expect(
      emu.calls.find((c) => c.operation === 'auth.tenant_access_token' && c.code === 10014),
    ).toBeTruthy();

    const noToken = await fetch(`${emu.baseUrl}/open-apis/contact/v3/users/${ALICE}`);
    expect(noToken.status).toBe(400);
    expect(((await noToken.json()) as { code: number }).code).toBe(99991661);
    const badToken = await fetch(`${emu.baseUrl}/open-apis/contact/v3/users/${ALICE}`, {
      headers: { authorization: 'Bearer t-nope' },
    });
    expect(((await badToken.json()) as { code: number }).code).toBe(99991663);
  });

  it('sends, replies, patches, buzzes; lists members with paging; gets a user', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: {
        receive_id: CHAT,
        msg_type: 'interactive',
        content: JSON.stringify(card([md('**请签收**'), button('签收', { a: 'sign' })])),
      },
    });
    expect(sent.code).toBe(0);
    const id = sent.data?.message_id ?? '';
    expect(id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(sent.data).toMatchObject({
      chat_id: CHAT,
      msg_type: 'interactive',
      sender: { id_type: 'app_id', sender_type: 'app' },
    });
    expect(emu.latestCard({ chatId: CHAT })?.messageId).toBe(id);

    const dm = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: ALICE, msg_type: 'text', content: JSON.stringify({ text: '你好' }) },
    });
    expect(emu.messagesTo({ openId: ALICE }).map((m) => m.messageId)).toEqual([dm.data?.message_id]);

    const reply = await client.im.v1.message.reply({
      path: { message_id: id },
      data: { msg_type: 'text', content: JSON.stringify({ text: '已收到' }), reply_in_thread: true },
    });
    expect(reply.data).toMatchObject({ parent_id: id, root_id: id, chat_id: CHAT });
    expect(reply.data?.thread_id).toMatch(/^omt_/);

    const patched = await client.im.v1.message.patch({
      path: { message_id: id },
      data: { content: JSON.stringify(card([md('已签收 ✅')])) },
    });
    expect(patched.code).toBe(0);
    expect(emu.message(id)?.updates).toHaveLength(1);
    expect(emu.textOf(id)).toContain('已签收');

    const notCard = await axiosFailure(
      client.im.v1.message.patch({
        path: { message_id: dm.data?.message_id ?? '' },
        data: { content: JSON.stringify(card([md('x')])) },
      }),
    );
    expect(notCard).toMatchObject({ status: 400, data: { code: 230001 } });

    const urgent = await client.im.v1.message.urgentApp({
      path: { message_id: id },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [ALICE, 'ou_stranger'] },
    });
    expect(urgent).toMatchObject({ code: 0, data: { invalid_user_id_list: ['ou_stranger'] } });
    expect(emu.message(id)?.urgent[0]?.userIds).toEqual([ALICE]);

    const many = Array.from({ length: 150 }, (_, i) => `ou_member${String(i).padStart(24, '0')}`);
    for (const m of many) emu.addUser({ openId: m, name: `成员${m.slice(-3)}` });
    emu.addChat({ chatId: 'oc_big', name: '大群', members: many });
    const page1 = await client.im.v1.chatMembers.get({
      path: { chat_id: 'oc_big' },
      params: { member_id_type: 'open_id', page_size: 100 },
    });
    expect(page1.data).toMatchObject({ has_more: true, member_total: 150 });
    expect(page1.data?.items).toHaveLength(100);
    const page2 = await client.im.v1.chatMembers.get({
      path: { chat_id: 'oc_big' },
      params: { member_id_type: 'open_id', page_size: 100, page_token: page1.data?.page_token },
    });
    expect(page2.data?.items).toHaveLength(50);
    expect(page2.data?.has_more).toBe(false);
    const tooBig = await axiosFailure(
      client.im.v1.chatMembers.get({ path: { chat_id: 'oc_big' }, params: { page_size: 101 } }),
    );
    expect(tooBig.data.code).toBe(232001);

    const user = await client.contact.v3.user.get({
      path: { user_id: ALICE },
      params: { user_id_type: 'open_id' },
    });
    expect(user.data?.user).toMatchObject({
      open_id: ALICE,
      name: '张三',
      en_name: 'San Zhang',
      department_ids: ['od-1'],
      email: 'z@example.com',
    });
  });

  it('serves files users sent to the bot', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: {} }));
    emu.setBotEndpoints(`${rx.url}/lark/events`, `${rx.url}/lark/callbacks`);
    const f = await emu.sendFile({
      chatType: 'p2p',
      sender: ALICE,
      fileName: '台账.xlsx',
      bytes: Buffer.from('PK-bytes'),
    });
    await rx.close();
    const res = await client.im.v1.messageResource.get({
      path: { message_id: f.messageId, file_key: f.fileKey },
      params: { type: 'file' },
    });
    const chunks: Buffer[] = [];
    for await (const c of res.getReadableStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('PK-bytes');
    const wrong = await axiosFailure(
      client.im.v1.messageResource.get({
        path: { message_id: 'om_other', file_key: f.fileKey },
        params: { type: 'file' },
      }),
    );
    expect(wrong.status).toBe(400);
  });

  it('dedupes by uuid within an hour', async () => {
    const send = () =>
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: {
          receive_id: CHAT,
          msg_type: 'text',
          content: JSON.stringify({ text: 'once' }),
          uuid: 'job-1-2024w01-oc',
        },
      });
    const a = await send();
    const b = await send();
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(emu.messages).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('answers 230020 (HTTP 400) beyond 5 messages/s in a chat and records the violation', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) =>
        client.im.v1.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: CHAT, msg_type: 'text', content: JSON.stringify({ text: `m${i}` }) },
        }),
      ),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    const err = (rejected[0] as PromiseRejectedResult).reason as {
      response: { status: number; data: { code: number } };
    };
    expect(err.response.status).toBe(400);
    expect(err.response.data.code).toBe(230020);
    expect(emu.rateLimitViolations.filter((v) => v.scope === 'chat')).toHaveLength(2);
    expect(emu.maxRateObserved('chat', CHAT)).toBe(5);
  });

  it('answers 429 + 99991400 beyond the per-app limit, and 230020 beyond 5 patches/s per message', async () => {
    emu.setRateLimits({ appPerSecond: 3, perChatPerSecond: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        client.im.v1.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: CHAT, msg_type: 'text', content: '{"text":"x"}' },
        }),
      ),
    );
    const err = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(err.reason.response.status).toBe(429);
    expect(err.reason.response.data).toMatchObject({
      code: 99991400,
      msg: 'request trigger frequency limit',
    });
    expect(err.reason.response.headers['x-ogw-ratelimit-reset']).toBeDefined();

    emu.setRateLimits(true);
    await new Promise((r) => setTimeout(r, 1100));
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: CHAT, msg_type: 'interactive', content: JSON.stringify(card([md('v0')])) },
    });
    const id = sent.data?.message_id ?? '';
    const patches = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        client.im.v1.message.patch({
          path: { message_id: id },
          data: { content: JSON.stringify(card([md(`v${i + 1}`)])) },
        }),
      ),
    );
    const bad = patches.filter((p) => p.status === 'rejected') as PromiseRejectedResult[];
    expect(bad).toHaveLength(1);
    expect(bad[0]?.reason.response.data.code).toBe(230020);
    expect(emu.maxRateObserved('message_patch', id)).toBe(5);
  });

  it('can be switched off and still measures', async () => {
    emu.setRateLimits(false);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        client.im.v1.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: CHAT, msg_type: 'text', content: '{"text":"x"}' },
        }),
      ),
    );
    expect(emu.rateLimitViolations).toHaveLength(0);
    expect(emu.maxRateObserved('chat')).toBe(8);
  });
});

describe('card validation', () => {
  const formCard = (fields: unknown[]) => card([{ tag: 'form', name: 'f1', elements: fields }]);
  const submit = {
    tag: 'button',
    name: 'submit_btn',
    text: { tag: 'plain_text', content: '提交' },
    form_action_type: 'submit',
  };
  const input = (name: string) => ({
    tag: 'input',
    name,
    placeholder: { tag: 'plain_text', content: '请输入' },
  });

  it('accepts valid cards, including the doc example', async () => {
    expect(validateCard(card([md('hello'), button('OK', { k: 1 })]))).toEqual([]);
    expect(validateCard(formCard([input('reason'), submit]))).toEqual([]);
    // card.data of feishu-examples/card.action.trigger.response.raw.json (verbatim doc example)
    const example = {
      schema: '2.0',
      config: {
        update_multi: true,
        style: { text_size: { normal_v2: { default: 'normal', pc: 'normal', mobile: 'heading' } } },
      },
      body: {
        direction: 'vertical',
        padding: '12px 12px 12px 12px',
        elements: [
          {
            tag: 'div',
            text: {
              tag: 'plain_text',
              content: '示例文本',
              text_size: 'normal_v2',
              text_align: 'left',
              text_color: 'default',
            },
            margin: '0px 0px 0px 0px',
          },
        ],
      },
      header: {
        title: { tag: 'plain_text', content: '示例标题' },
        subtitle: { tag: 'plain_text', content: '示例文本' },
        template: 'blue',
        padding: '12px 12px 12px 12px',
      },
    };
    expect(validateCard(example)).toEqual([]);
  });

  it.each([
    ['over 200 components', card(Array.from({ length: 201 }, () => ({ tag: 'hr' }))), 230099, /11310/],
    ['over 30 KB', card([md('字'.repeat(11_000))]), 230025, /length/],
    ['duplicate form names', formCard([input('a'), input('a'), submit]), 230099, /duplicate name/],
    ['a form without submit', formCard([input('a')]), 230099, /submit/],
    ['an unknown tag', card([{ tag: 'note', elements: [] }]), 230099, /200861/],
    [
      'a form nested in a column',
      card([
        {
          tag: 'column_set',
          columns: [{ tag: 'column', elements: [{ tag: 'form', name: 'x', elements: [submit] }] }],
        },
      ]),
      230099,
      /body.elements/,
    ],
    ['a bad element_id', card([{ tag: 'markdown', content: 'x', element_id: '1bad' }]), 230099, /element_id/],
  ])('rejects %s', async (_name, bad, code, msg) => {
    expect(validateCard(bad).length).toBeGreaterThan(0);
    const r = await axiosFailure(
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: CHAT, msg_type: 'interactive', content: JSON.stringify(bad) },
      }),
    );
    expect(r.status).toBe(400);
    expect(r.data.code).toBe(code);
    expect(r.data.msg).toMatch(msg);
    expect(emu.messages).toHaveLength(0);
    expect(emu.calls.at(-1)).toMatchObject({ operation: 'im.message.create', status: 400, code });
  });
});

describe('faults', () => {
  it('fires the given number of times: status, code, delay, drop', async () => {
    const send = () =>
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: CHAT, msg_type: 'text', content: '{"text":"x"}' },
      });
    const f = emu.injectFault({ method: 'POST', path: '/open-apis/im/v1/messages', times: 2, status: 503 });
    expect((await axiosFailure(send())).status).toBe(503);
    expect((await axiosFailure(send())).status).toBe(503);
    expect((await send()).code).toBe(0);
    expect(f.fired).toBe(2);

    emu.injectFault({ path: /\/messages$/, code: 230020 });
    expect(await axiosFailure(send())).toMatchObject({ status: 400, data: { code: 230020 } });

    emu.injectFault({ path: '/open-apis/im/v1/messages', delayMs: 150 });
    const t0 = Date.now();
    expect((await send()).code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    emu.injectFault({ path: '/open-apis/im/v1/messages', drop: true });
    await expect(send()).rejects.toThrow();
    expect((await send()).code).toBe(0);
  });
});

describe('events and callbacks', () => {
  it('decrypts the official test vector', () => {
    expect(decrypt('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('delivers signed, encrypted im.message.receive_v1 with @bot mention', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: {} }));
    emu.setBotEndpoints(`${rx.url}/lark/events`, `${rx.url}/lark/callbacks`);
    const d = await emu.sendText({
      chatId: CHAT,
      chatType: 'group',
      sender: ALICE,
      text: '/help',
      mentionBot: true,
      mentions: [BOB],
    });
    expect(d).toMatchObject({ status: 200, attempts: 1 });
    const r = rx.got[0]!;
    const ts = String(r.headers['x-lark-request-timestamp']);
    const nonce = String(r.headers['x-lark-request-nonce']);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    const expected = createHash('sha256')
      .update(ts + nonce + APP.encryptKey + r.raw)
      .digest('hex');
    expect(r.headers['x-lark-signature']).toBe(expected);
    const p = openPayload(r);
    expect(p.schema).toBe('2.0');
    expect(p.header).toMatchObject({
      event_id: d.eventId,
      event_type: 'im.message.receive_v1',
      token: APP.verificationToken,
      app_id: APP.appId,
    });
    const msg = p.event.message as {
      content: string;
      chat_type: string;
      mentions: Array<{ key: string; id: { open_id: string } }>;
    };
    expect(JSON.parse(msg.content)).toEqual({ text: '@_user_1 /help @_user_2' });
    expect(msg.chat_type).toBe('group');
    expect(msg.mentions.map((m) => [m.key, m.id.open_id])).toEqual([
      ['@_user_1', BOT],
      ['@_user_2', BOB],
    ]);
    expect((p.event.sender as { sender_id: { open_id: string } }).sender_id.open_id).toBe(ALICE);

    const skipped = await emu.sendText({ chatId: CHAT, chatType: 'group', sender: ALICE, text: 'chit-chat' });
    expect(skipped.skipped).toBeTruthy();
    expect(rx.got).toHaveLength(1);
    await rx.close();
  });

  it('retries on non-200 with the compressed schedule and redelivers the same event_id', async () => {
    const rx = await startReceiver((_r, n) => ({ status: n <= 2 ? 500 : 200, body: {} }));
    emu.setBotEndpoints(`${rx.url}/lark/events`, `${rx.url}/lark/callbacks`);
    const t0 = Date.now();
    const d = await emu.addMemberToChat({ chatId: CHAT, users: ['ou_new'], operator: ALICE });
    expect(d).toMatchObject({ status: 200, attempts: 3 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const ids = rx.got.map((r) => openPayload(r).header.event_id);
    expect(new Set(ids)).toEqual(new Set([d.eventId]));
    const again = await emu.redeliver(d.eventId);
    expect(again.eventId).toBe(d.eventId);
    expect(openPayload(rx.got.at(-1)!).header.event_type).toBe('im.chat.member.user.added_v1');

    const timeouts = await startReceiver(() => ({ status: 200, body: {}, delayMs: 400 }));
    const emu2 = await startEmulator({ ...APP, retryScheduleMs: [20], eventTimeoutMs: 100 });
    emu2.setBotEndpoints(timeouts.url, timeouts.url);
    const t = await emu2.deliverEvent('im.chat.member.bot.added_v1', { chat_id: CHAT });
    expect(t).toMatchObject({ status: 0, attempts: 2 });
    await emu2.close();
    await timeouts.close();
    await rx.close();
  });

  it('posts card.action.trigger, applies a raw card answer, and honours the delayed-update token', async () => {
    const rx = await startReceiver(() => ({
      status: 200,
      body: {
        toast: { type: 'success', content: '已签收' },
        card: { type: 'raw', data: card([md('已签收 ✅')]) },
      },
    }));
    emu.setBotEndpoints(`${rx.url}/lark/events`, `${rx.url}/lark/callbacks`);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: {
        receive_id: CHAT,
        msg_type: 'interactive',
        content: JSON.stringify(card([md('请签收'), button('签收', { a: 'sign', t: 1 })])),
      },
    });
    const id = sent.data?.message_id ?? '';
    const click = await emu.clickButton({ messageId: id, operator: ALICE, text: '签收' });
    expect(click).toMatchObject({ status: 200, toast: { type: 'success' } });
    expect(click.clientError).toBeUndefined();
    const p = openPayload(rx.got[0]!);
    expect(p.header).toMatchObject({ event_type: 'card.action.trigger', token: APP.verificationToken });
    expect(p.event).toMatchObject({
      operator: { open_id: ALICE },
      action: { tag: 'button', value: { a: 'sign', t: 1 } },
      context: { open_message_id: id, open_chat_id: CHAT },
    });
    expect(emu.textOf(id)).toContain('已签收');

    const update = (n: number) =>
      client.request({
        method: 'POST',
        url: '/open-apis/interactive/v1/card/update',
        data: { token: click.token, card: card([md(`第${n}次`)]) },
      });
    expect(await update(1)).toMatchObject({ code: 0 });
    expect(await update(2)).toMatchObject({ code: 0 });
    expect(await update(3)).toMatchObject({ code: 300040 });
    expect(emu.textOf(id)).toContain('第2次');
    await rx.close();
  });

  it('reports client errors for bad callback answers', async () => {
    const rx = await startReceiver((_r, n) =>
      n === 1
        ? { status: 500, body: {} }
        : { status: 200, body: { card: { type: 'raw', data: card([{ tag: 'nope' }]) } } },
    );
    emu.setBotEndpoints(rx.url, rx.url);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: {
        receive_id: CHAT,
        msg_type: 'interactive',
        content: JSON.stringify(card([button('OK', { ok: 1 })])),
      },
    });
    const id = sent.data?.message_id ?? '';
    expect((await emu.clickCard({ messageId: id, operator: BOB, value: { ok: 1 } })).clientError).toBe(
      200671,
    );
    const second = await emu.clickCard({ messageId: id, operator: BOB, value: { ok: 1 } });
    expect(second.clientError).toBe(200673);
    expect(emu.message(id)?.updates).toHaveLength(0);
    await rx.close();
  });
});

describe('renderCardText', () => {
  it('renders header, markdown, buttons, forms, columns and charts', () => {
    const text = renderCardText(
      card([
        md('**截止** <at id=ou_x></at> 请处理'),
        {
          tag: 'column_set',
          columns: [
            { tag: 'column', elements: [md('左')] },
            { tag: 'column', elements: [md('右')] },
          ],
        },
        { tag: 'chart', chart_spec: { type: 'bar', title: { text: '完成率' } } },
        {
          tag: 'form',
          name: 'f',
          elements: [
            { tag: 'input', name: 'r', label: { tag: 'plain_text', content: '原因' } },
            {
              tag: 'button',
              name: 's',
              form_action_type: 'submit',
              text: { tag: 'plain_text', content: '提交' },
            },
          ],
        },
        button('签收', {}),
        button('稍后', {}),
      ]),
    );
    expect(text).toContain('【任务提醒】');
    expect(text).toContain('**截止** @ou_x 请处理');
    expect(text).toContain('左 | 右');
    expect(text).toContain('[图表: bar 完成率]');
    expect(text).toContain('原因: [____]');
    expect(text).toContain('[签收] [稍后]');
  });

  it('writes a transcript and flags DOC-AMBIG pitfalls as warnings', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: {} }));
    emu.setBotEndpoints(rx.url, rx.url);
    const { messageId } = await emu.sendText({ chatType: 'p2p', sender: ALICE, text: '/help' });
    await client.im.v1.message.reply({
      path: { message_id: messageId },
      data: { msg_type: 'interactive', content: JSON.stringify(card([md('帮助')])) },
    });
    const t = emu.transcript();
    expect(t).toContain('张三:');
    expect(t).toContain('/help');
    expect(t).toContain('清廉助手 (card) ↩:');
    expect(t).toContain('【任务提醒】');
    expect(
      cardWarnings(card([{ tag: 'button', text: { tag: 'plain_text', content: 'x' }, value: { a: 1 } }])),
    ).toHaveLength(1);
    await rx.close();
  });
});
