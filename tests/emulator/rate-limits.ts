/**
 * Sliding-window rate limits of the Open Platform, as documented:
 * - 5 messages/s per chat and per receiving user (发送消息 "频率限制"; answer HTTP 400, code 230020),
 * - 50 calls/s and 1000 calls/min per app for each message API (频控策略 level 4; gateway answer
 *   HTTP 429, code 99991400 "request trigger frequency limit"),
 * - 5 updates/s per message for PATCH (更新已发送的消息卡片; HTTP 400, code 230020).
 *
 * Windows slide over real time (not the emulator's controllable clock), so throttling code in the
 * bot is judged against wall-clock behaviour.
 */

/** Limits per window; `enabled: false` keeps counting (for {@link RateLimiter.maxObserved}) but never refuses. */
export interface RateLimitConfig {
  enabled: boolean;
  perChatPerSecond: number;
  perUserPerSecond: number;
  appPerSecond: number;
  appPerMinute: number;
  patchPerMessagePerSecond: number;
}

/** Scopes a limit applies to. App scopes are keyed by API operation (the platform limits each API separately). */
export type RateScope = 'chat' | 'user' | 'app_second' | 'app_minute' | 'message_patch';

/** A call the emulator refused because of a limit. */
export interface RateLimitViolation {
  scope: RateScope;
  key: string;
  at: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: true,
  perChatPerSecond: 5,
  perUserPerSecond: 5,
  appPerSecond: 50,
  appPerMinute: 1000,
  patchPerMessagePerSecond: 5,
};

const WINDOW_MS: Record<RateScope, number> = {
  chat: 1000,
  user: 1000,
  app_second: 1000,
  app_minute: 60_000,
  message_patch: 1000,
};

/** Resolves the `rateLimits` option of startEmulator into a full config. */
export function resolveRateLimits(opt: boolean | Partial<RateLimitConfig> | undefined): RateLimitConfig {
  if (opt === false) return { ...DEFAULT_RATE_LIMITS, enabled: false };
  if (opt === true || opt === undefined) return { ...DEFAULT_RATE_LIMITS };
  return { ...DEFAULT_RATE_LIMITS, ...opt };
}

/** Keeps accepted-call timestamps per scope and key; checks and records atomically. */
export class RateLimiter {
  readonly violations: RateLimitViolation[] = [];
  private readonly accepted = new Map<string, number[]>();

  constructor(
    public config: RateLimitConfig,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  private limitOf(scope: RateScope): number {
    const c = this.config;
    switch (scope) {
      case 'chat':
        return c.perChatPerSecond;
      case 'user':
        return c.perUserPerSecond;
      case 'app_second':
        return c.appPerSecond;
      case 'app_minute':
        return c.appPerMinute;
      case 'message_patch':
        return c.patchPerMessagePerSecond;
    }
  }

  private countInWindow(scope: RateScope, key: string, at: number): number {
    const list = this.accepted.get(`${scope}\u0000${key}`);
    if (!list) return 0;
    const from = at - WINDOW_MS[scope];
    let n = 0;
    for (let i = list.length - 1; i >= 0 && (list[i] ?? 0) > from; i--) n++;
    return n;
  }

  /**
   * Tries to take one slot in every (scope, key) pair. If any is full (and limits are enabled), records
   * a violation for the first full one, takes nothing and returns it; otherwise records all and returns undefined.
   */
  take(pairs: Array<[RateScope, string]>): RateLimitViolation | undefined {
    const at = this.now();
    if (this.config.enabled) {
      for (const [scope, key] of pairs) {
        if (this.countInWindow(scope, key, at) >= this.limitOf(scope)) {
          const v = { scope, key, at: Date.now() };
          this.violations.push(v);
          return v;
        }
      }
    }
    for (const [scope, key] of pairs) {
      const id = `${scope}\u0000${key}`;
      const list = this.accepted.get(id) ?? [];
      list.push(at);
      this.accepted.set(id, list);
    }
    return undefined;
  }

  /** Max number of accepted calls within any sliding window of the scope (for one key, or the worst key). */
  maxObserved(scope: RateScope, key?: string): number {
    let best = 0;
    const window = WINDOW_MS[scope];
    for (const [id, list] of this.accepted) {
      const [s, k] = id.split('\u0000');
      if (s !== scope || (key !== undefined && k !== key)) continue;
      let lo = 0;
      for (let hi = 0; hi < list.length; hi++) {
        while ((list[hi] ?? 0) - (list[lo] ?? 0) >= window) lo++;
        best = Math.max(best, hi - lo + 1);
      }
    }
    return best;
  }
}
