import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** Feishu's signature over one request: hex sha256(timestamp + nonce + encryptKey + raw body). */
export function computeSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: Buffer,
): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/** Why a request failed verification (logged, never shown to the caller). */
export type VerifyFailure = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

/** The signature headers Feishu sends with every event and callback. */
export interface SignatureHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
}

/** True when a request carries any of the signature headers (it must then verify in full). */
export function hasSignatureHeaders(headers: SignatureHeaders): boolean {
  return Boolean(headers.signature || headers.timestamp || headers.nonce);
}

/**
 * What can be refused from the headers alone, before a byte of the body is read: a missing
 * header, a timestamp that is not unix seconds, or one outside the window.
 */
export function checkSignatureHeaders(
  headers: SignatureHeaders,
  nowMs: number,
  windowSeconds = 300,
): VerifyFailure | undefined {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad_timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > windowSeconds) return 'stale_timestamp';
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return 'bad_signature';
  return undefined;
}

/**
 * Checks a request's signature over its exact raw bytes with a timing-safe compare,
 * and rejects timestamps more than `windowSeconds` away from now.
 */
export function verifySignature(
  headers: SignatureHeaders,
  rawBody: Buffer,
  encryptKey: string,
  nowMs: number,
  windowSeconds = 300,
): { ok: true } | { ok: false; reason: VerifyFailure } {
  const { timestamp, nonce, signature } = headers;
  const early = checkSignatureHeaders(headers, nowMs, windowSeconds);
  if (early || !timestamp || !nonce || !signature) return { ok: false, reason: early ?? 'missing_headers' };
  const expected = Buffer.from(computeSignature(timestamp, nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

/**
 * Decrypts an `encrypt` field: base64 of IV (16 bytes) + AES-256-CBC ciphertext,
 * key = sha256(encryptKey). Throws on a wrong key or corrupt input.
 */
export function decryptPayload(encrypted: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || bytes.length % 16 !== 0) throw new Error('encrypted payload has a bad length');
  const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}
