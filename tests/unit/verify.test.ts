import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, decryptPayload, verifySignature } from '../../src/transport/verify.js';

const KEY = 'test key';

/** Feishu-side encryption written independently of the code under test. */
function encrypt(plain: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(encryptKey).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

function sign(ts: string, nonce: string, key: string, body: Buffer): string {
  return createHash('sha256').update(ts).update(nonce).update(key).update(body).digest('hex');
}

describe('decryptPayload', () => {
  it('decrypts the official test vector', () => {
    expect(decryptPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('round-trips Chinese text', () => {
    const text = JSON.stringify({ text: '清廉机关 /help' });
    expect(decryptPayload(encrypt(text, KEY), KEY)).toBe(text);
  });

  it('throws on a wrong key or corrupt input', () => {
    const enc = encrypt('{"a":1}', KEY);
    expect(() => decryptPayload(enc, 'other key')).toThrow();
    expect(() => decryptPayload('AAAA', KEY)).toThrow();
  });
});

describe('verifySignature', () => {
  const now = 1_780_000_000_000;
  const ts = String(now / 1000);
  const nonce = 'n0nce';
  // Pretty-printed on purpose: the signature covers these exact bytes, not re-serialised JSON.
  const body = Buffer.from('{\n  "encrypt" : "abc=",\n  "x": "清廉"\n}\n', 'utf8');
  const signature = sign(ts, nonce, KEY, body);

  it('matches an independent sha256 over the raw bytes', () => {
    expect(computeSignature(ts, nonce, KEY, body)).toBe(signature);
  });

  it('accepts a correctly signed pretty-printed body', () => {
    expect(verifySignature({ timestamp: ts, nonce, signature }, body, KEY, now)).toEqual({ ok: true });
  });

  it('rejects the same body once re-serialised', () => {
    const compact = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifySignature({ timestamp: ts, nonce, signature }, compact, KEY, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a tampered body, signature, nonce or key', () => {
    const tampered = Buffer.from(body.toString().replace('abc', 'abd'));
    expect(verifySignature({ timestamp: ts, nonce, signature }, tampered, KEY, now).ok).toBe(false);
    const badSig = signature.replace(/^./, signature[0] === 'a' ? 'b' : 'a');
    expect(verifySignature({ timestamp: ts, nonce, signature: badSig }, body, KEY, now).ok).toBe(false);
    expect(verifySignature({ timestamp: ts, nonce: 'x', signature }, body, KEY, now).ok).toBe(false);
    expect(verifySignature({ timestamp: ts, nonce, signature }, body, 'other', now).ok).toBe(false);
    expect(verifySignature({ timestamp: ts, nonce, signature: 'short' }, body, KEY, now).ok).toBe(false);
  });

  it('rejects timestamps more than five minutes off, either way', () => {
    for (const offset of [-301, 301]) {
      const t = String(now / 1000 + offset);
      const s = sign(t, nonce, KEY, body);
      expect(verifySignature({ timestamp: t, nonce, signature: s }, body, KEY, now)).toEqual({
        ok: false,
        reason: 'stale_timestamp',
      });
    }
    const t = String(now / 1000 - 299);
    expect(
      verifySignature({ timestamp: t, nonce, signature: sign(t, nonce, KEY, body) }, body, KEY, now).ok,
    ).toBe(true);
  });

  it('rejects missing headers', () => {
    expect(verifySignature({ timestamp: ts, nonce }, body, KEY, now)).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
  });
});
