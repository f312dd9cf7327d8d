import { timingSafeEqual } from 'node:crypto';
import { type Envelope, envelopeSchema, urlVerificationSchema } from './envelope.js';
import { decryptPayload, type SignatureHeaders, verifySignature } from './verify.js';

/** Secrets the transport checks requests against. */
export interface TransportSecrets {
  encryptKey: string;
  verificationToken: string;
}

/** What a verified request turned out to be, or why it was refused (with the HTTP status). */
export type Unwrapped =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'envelope'; envelope: Envelope }
  | { kind: 'rejected'; status: 400 | 401; reason: string };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies, decrypts and parses one request to the events or callbacks URL. Signed
 * requests must carry a valid signature; an unsigned request is accepted only as a
 * url_verification challenge whose token matches (it has no effect but the echo).
 */
export function unwrapRequest(
  headers: SignatureHeaders,
  rawBody: Buffer,
  secrets: TransportSecrets,
  nowMs: number,
): Unwrapped {
  const signed = Boolean(headers.signature || headers.timestamp || headers.nonce);
  if (signed) {
    const check = verifySignature(headers, rawBody, secrets.encryptKey, nowMs);
    if (!check.ok) return { kind: 'rejected', status: 401, reason: check.reason };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'rejected', status: 400, reason: 'malformed JSON' };
  }
  if (isRecord(body) && typeof body.encrypt === 'string') {
    try {
      body = JSON.parse(decryptPayload(body.encrypt, secrets.encryptKey));
    } catch {
      return { kind: 'rejected', status: signed ? 400 : 401, reason: 'cannot decrypt' };
    }
  }
  const challenge = urlVerificationSchema.safeParse(body);
  if (challenge.success) {
    if (!sameToken(challenge.data.token, secrets.verificationToken)) {
      return { kind: 'rejected', status: 401, reason: 'bad verification token' };
    }
    return { kind: 'challenge', challenge: challenge.data.challenge };
  }
  if (!signed) return { kind: 'rejected', status: 401, reason: 'missing signature' };
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'rejected', status: 400, reason: 'not a 2.0 event envelope' };
  if (!sameToken(envelope.data.header.token, secrets.verificationToken)) {
    return { kind: 'rejected', status: 401, reason: 'bad verification token' };
  }
  return { kind: 'envelope', envelope: envelope.data };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
