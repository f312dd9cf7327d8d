import { timingSafeEqual } from 'node:crypto';
import { checkEnvelope, type Envelope, type EnvelopeProblem, urlVerificationSchema } from './envelope.js';
import { nestsTooDeep } from './shape-check.js';
import { decryptPayload, type SignatureHeaders, verifySignature } from './verify.js';

/** Secrets the transport checks requests against. */
export interface TransportSecrets {
  encryptKey: string;
  verificationToken: string;
}

/** The most an unsigned request (only ever the url_verification challenge) may carry. */
export const UNSIGNED_BODY_LIMIT = 4 * 1024;

/** What a verified request turned out to be, or why it was refused (with the HTTP status). */
export type Unwrapped =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'envelope'; envelope: Envelope }
  /** Signed by the platform and decrypted, but not an event the bot accepts: acknowledged, dropped. */
  | { kind: 'junk'; problem: EnvelopeProblem; path?: string; eventId?: string; eventType?: string }
  | { kind: 'rejected'; status: 400 | 401; reason: string };

/** Timing-safe comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies, decrypts and parses one request to the events or callbacks URL. The signature is
 * checked over the raw bytes before anything is parsed. The platform does not sign the
 * url_verification challenge ("安全校验……不包括请求网址校验"), so an unsigned request is accepted
 * only as that challenge with the right token (its one effect is the echo); the caller keeps
 * unsigned bodies under {@link UNSIGNED_BODY_LIMIT}.
 */
export function unwrapRequest(
  headers: SignatureHeaders,
  rawBody: Buffer,
  secrets: TransportSecrets,
  nowMs: number,
  signed: boolean,
): Unwrapped {
  if (signed) {
    const check = verifySignature(headers, rawBody, secrets.encryptKey, nowMs);
    if (!check.ok) return { kind: 'rejected', status: 401, reason: check.reason };
  } else if (rawBody.length > UNSIGNED_BODY_LIMIT) {
    return { kind: 'rejected', status: 401, reason: 'missing signature' };
  }
  const tooDeep: Unwrapped = signed
    ? { kind: 'junk', problem: 'too_deep' }
    : { kind: 'rejected', status: 401, reason: 'missing signature' };
  const text = rawBody.toString('utf8');
  if (nestsTooDeep(text)) return tooDeep;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'rejected', status: 400, reason: 'malformed JSON' };
  }
  if (isRecord(body) && typeof body.encrypt === 'string') {
    let plain: string;
    try {
      plain = decryptPayload(body.encrypt, secrets.encryptKey);
    } catch {
      return { kind: 'rejected', status: signed ? 400 : 401, reason: 'cannot decrypt' };
    }
    if (nestsTooDeep(plain)) return tooDeep;
    try {
      body = JSON.parse(plain);
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
  const checked = checkEnvelope(body, (token) => sameToken(token, secrets.verificationToken));
  if (checked.ok) return { kind: 'envelope', envelope: checked.envelope };
  if (checked.reason === 'bad_token')
    return { kind: 'rejected', status: 401, reason: 'bad verification token' };
  return {
    kind: 'junk',
    problem: checked.reason,
    path: checked.path,
    eventId: checked.eventId,
    eventType: checked.eventType,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
