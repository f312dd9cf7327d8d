/**
 * The Open Platform limits, expressed as fixed windows that never exceed the platform's
 * sliding windows.
 *
 * Platform limits (sliding windows): 5 messages/s per chat and per receiving user, 5 updates/s per
 * message (here), 50 calls/s and 1000 calls/min per app (sliding-sequence.ts).
 *
 * Claim. Fixed windows of `windowMs` = W holding at most `slots` = L calls keep every sliding
 * window of length P at ≤ N calls, as long as (⌈(N+1)/L⌉ − 2)·W ≥ P + D, where D bounds how
 * much later a call reaches Feishu than the moment the limiter read the clock for it (database
 * round trips, event-loop lag, network, clock skew between processes).
 *
 * Proof. Take any N+1 calls, read at clock times t₀ ≤ … ≤ t_N and arriving at aᵢ ∈ [tᵢ, tᵢ+D].
 * They lie in windows k_first … k_last; at most L per window, so k_last − k_first + 1 ≥ M :=
 * ⌈(N+1)/L⌉. Since t_N ≥ k_last·W and t₀ < (k_first+1)·W, t_N − t₀ > (M−2)·W. Hence
 * a_N − a₀ ≥ t_N − (t₀ + D) > (M−2)·W − D ≥ P: the N+1 arrivals never fit in one window of
 * length P (open or closed). ∎
 *
 * Chosen rules (sustained rate in brackets):
 * - per chat / user / message, N=5, P=1 s: L=1, W=275 ms → M=6, 4·275 = 1100 ≥ 1000 + D for
 *   D ≤ 100 ms [3.6/s]. (W=250 proves nothing once D > 0.)
 * The per-app limits (50/s, 1000/min) are not kept here: fixed windows cap a burst far below
 * them (L=1, W=25 ms proves ≤ 50/s for D ≤ 225 ms but sends at 40/s), so the sender keeps them
 * with an exact sliding window instead (sliding-sequence.ts).
 * One slot per window means one insert decides it; multi-slot windows try slots in turn,
 * starting after the last slot this process saw taken.
 *
 * If D is ever exceeded (a stalled process), Feishu answers 230020 / 99991400 and the sender
 * retries with backoff, so the worst case is a delayed message, never a lost one.
 */

/** A fixed-window rule: at most `slots` calls per `windowMs`. */
export interface RateRule {
  /** Prefix of the slot ids; change it when changing the numbers. */
  readonly name: string;
  readonly windowMs: number;
  readonly slots: number;
}

/** The rules the sender applies (see the proof above). */
export const RATE_RULES = {
  chat: { name: 'chat', windowMs: 275, slots: 1 },
  user: { name: 'user', windowMs: 275, slots: 1 },
  message: { name: 'msg', windowMs: 275, slots: 1 },
} as const satisfies Record<string, RateRule>;

/** One limit a call must pass: a rule applied to one key (a chat id, an open_id, an app id, ...). */
export interface RateScope {
  rule: RateRule;
  key: string;
}

/**
 * The largest number of calls fixed windows can let through in any sliding window of `periodMs`,
 * given the delay bound `delayMs` (the claim above, solved for N). Used by tests and docs.
 */
export function maxPerSlidingWindow(rule: RateRule, periodMs: number, delayMs = 0): number {
  // Smallest M with (M−2)·W ≥ P + D; then N+1 calls need ≥ M windows whenever ⌈(N+1)/L⌉ ≥ M,
  // so N = (M−1)·L is safe.
  const m = Math.ceil((periodMs + delayMs) / rule.windowMs) + 2;
  return (m - 1) * rule.slots;
}
