/** Shared state handed to every API handler. */
import type { MultipartPart } from './multipart.js';
import type { RateLimiter } from './rate-limits.js';
import type { World } from './world.js';

/** Identity of the emulated app. */
export interface AppIdentity {
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  encryptKey: string;
  verificationToken: string;
}

/** Emulator state shared by handlers. `clock` drives token expiry, dedupe windows and 14-day rules. */
export interface EmuContext {
  app: AppIdentity;
  world: World;
  limiter: RateLimiter;
  clock: () => number;
  /** Issued tenant_access_tokens → expiry (clock ms). */
  tokens: Map<string, number>;
}

/** A parsed API request. */
export interface ApiRequest {
  method: string;
  pathname: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The parts of a multipart/form-data body (uploads); undefined for JSON requests. */
  parts?: MultipartPart[];
}

/** Narrow helper: the body as a record (empty when not an object). */
export function bodyOf(req: ApiRequest): Record<string, unknown> {
  const b = req.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}
