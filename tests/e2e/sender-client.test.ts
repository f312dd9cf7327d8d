/** The typed Open API client against the emulator: paging, users, tokens, error shapes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { type Emulator, startEmulator } from '../emulator/index.js';

const APP = {
  appId: 'cli_client_e2e',
  appSecret: 'secret-client',
  encryptKey: 'enc',
  verificationToken: 'vt',
};
const CHAT = 'oc_client_big';
const members = Array.from({ length: 230 }, (_, i) => `ou_member_${String(i).padStart(4, '0')}`);

describe('Lark client against the emulator', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ ...APP, rateLimits: false });
    for (const [i, openId] of members.entries())
      emu.addUser({ openId, name: `成员${i}`, departmentIds: ['od_1'] });
    emu.addChat({ chatId: CHAT, name: '全体干部', members });
  });

  afterAll(async () => {
    await emu?.close();
  });

  it('lists every member of a chat across pages of 100', async () => {
    const client = createLarkClient({ ...APP, domain: emu.baseUrl });
    const got = await client.getChatMembers(CHAT);
    expect(got.map((m) => m.openId)).toEqual(members);
    expect(got[7]).toEqual({ openId: members[7], name: '成员7' });
    const pages = emu.calls.filter((c) => c.path === `/open-apis/im/v1/chats/${CHAT}/members`);
    expect(pages).toHaveLength(3);
    expect(pages.every((c) => c.query.page_size === '100' && c.query.member_id_type === 'open_id')).toBe(
      true,
    );
  });

  it('reads a user by open_id', async () => {
    const client = createLarkClient({ ...APP, domain: emu.baseUrl });
    expect(await client.getUser(members[3]!)).toMatchObject({
      openId: members[3],
      name: '成员3',
      departmentIds: ['od_1'],
      active: true,
    });
    await expect(client.getUser('ou_nobody')).rejects.toMatchObject({
      code: 41012,
      httpStatus: 400,
      retryable: false,
    });
  });

  it('gives each client its own token cache', async () => {
    const tokenCalls = () => emu.calls.filter((c) => c.operation === 'auth.tenant_access_token').length;
    const before = tokenCalls();
    const a = createLarkClient({ ...APP, domain: emu.baseUrl });
    const b = createLarkClient({ ...APP, domain: emu.baseUrl });
    await a.getUser(members[0]!);
    await a.getUser(members[1]!);
    await b.getUser(members[2]!);
    expect(tokenCalls() - before).toBe(2);
    await a.resetToken();
    await a.getUser(members[0]!);
    expect(tokenCalls() - before).toBe(3);
  });

  it('reports a wrong secret as a retryable token failure with its code', async () => {
    const client = createLarkClient({ ...APP, appSecret: 'wrong', domain: emu.baseUrl });
    const error = await client.getUser(members[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LarkApiError);
    expect(error).toMatchObject({ code: 10014, tokenFetch: true, retryable: true });
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const client = createLarkClient({ ...APP, domain: 'http://127.0.0.1:9' }, { timeoutMs: 500 });
    await expect(
      client.createMessage({
        receiveIdType: 'chat_id',
        receiveId: CHAT,
        msgType: 'text',
        content: '{"text":"x"}',
      }),
    ).rejects.toMatchObject({ code: -1, retryable: true });
  });
});
