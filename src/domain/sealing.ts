/**
 * Sealing: secrets only this process can open. A key is derived from LARK_APP_SECRET with HKDF
 * (the database never sees it); `seal` encrypts with AES-256-GCM under a fresh random nonce
 * (two seals of one value differ), `keyedId` is an HMAC that someone without the key cannot
 * recompute or link to its input. Used to keep anonymous polls and feedback anonymous against a
 * reader of the database (README, "Anonymity").
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

let sealKey: Buffer | undefined;
let idKey: Buffer | undefined;

/** Derives the process keys from the app secret (called once at start, and by tests). */
export function configureSealing(appSecret: string): void {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', appSecret, 'qinglian-anonymity-v1', info, 32));
  sealKey = derive('seal');
  idKey = derive('id');
}

function keys(): { seal: Buffer; id: Buffer } {
  if (!sealKey || !idKey) throw new Error('sealing is not configured (configureSealing at start)');
  return { seal: sealKey, id: idKey };
}

/**
 * Encrypts a string (padded to a multiple of `padTo` bytes so the length says nothing) into
 * base64url `nonce.ciphertext.tag`.
 */
export function seal(plain: string, padTo = 64): string {
  const body = Buffer.from(plain, 'utf8');
  const size = Math.ceil((body.length + 2) / padTo) * padTo;
  const padded = Buffer.alloc(size);
  padded.writeUInt16BE(body.length, 0);
  body.copy(padded, 2);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys().seal, nonce);
  const data = Buffer.concat([cipher.update(padded), cipher.final()]);
  return [nonce, data, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** Opens what {@link seal} produced; throws when it was not sealed under this key. */
export function unseal(sealed: string): string {
  const [nonce, data, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!nonce || !data || !tag) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', keys().seal, nonce);
  decipher.setAuthTag(tag);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  return padded.subarray(2, 2 + padded.readUInt16BE(0)).toString('utf8');
}

/** A keyed, stable id for `input` (hex, `bytes` long): the same input gives the same id in this deployment only. */
export function keyedId(input: string, bytes = 16): string {
  return createHmac('sha256', keys().id).update(input).digest().subarray(0, bytes).toString('hex');
}

/** A keyed, stable digest of `input` as raw bytes (for ids in another alphabet). */
export function keyedBytes(input: string): Buffer {
  return createHmac('sha256', keys().id).update(input).digest();
}
