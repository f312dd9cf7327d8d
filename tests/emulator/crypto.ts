/**
 * Feishu-side cryptography for event and callback delivery.
 *
 * - Encryption: `{"encrypt": base64(IV(16 random bytes) + AES-256-CBC(PKCS7) ciphertext)}`,
 *   key = sha256(encryptKey). (Open Platform "事件订阅 → 配置 Encrypt Key".)
 * - Signature headers: `X-Lark-Request-Timestamp` (unix seconds), `X-Lark-Request-Nonce`,
 *   `X-Lark-Signature` = hex sha256(timestamp + nonce + encryptKey + rawBody).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Encrypts a plaintext the way Feishu encrypts event bodies; returns the base64 string. */
export function encryptForLark(encryptKey: string, plaintext: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

/** Decrypts a Feishu `encrypt` value (the inverse of {@link encryptForLark}). */
export function decryptFromLark(encryptKey: string, encrypted: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const raw = Buffer.from(encrypted, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/** hex sha256(timestamp + nonce + encryptKey + rawBody), the `X-Lark-Signature` value. */
export function signLarkRequest(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: string,
): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey)
    .update(rawBody)
    .digest('hex');
}

/** The signed, encrypted HTTP body and headers Feishu would POST for `payload`. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * Builds the exact request Feishu sends: the JSON payload encrypted into `{"encrypt": …}` when an
 * encrypt key is set (plain JSON otherwise), plus the three signature headers over the raw body.
 */
export function buildSignedRequest(payload: unknown, encryptKey: string, nowMs = Date.now()): SignedRequest {
  const json = JSON.stringify(payload);
  const body = encryptKey ? JSON.stringify({ encrypt: encryptForLark(encryptKey, json) }) : json;
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomBytes(8).toString('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Go-http-client/1.1',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
  };
  if (encryptKey) headers['x-lark-signature'] = signLarkRequest(timestamp, nonce, encryptKey, body);
  return { body, headers };
}
