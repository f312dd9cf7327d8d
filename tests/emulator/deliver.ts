/**
 * Feishu → bot delivery: signed (and encrypted) POSTs of event envelopes to the events URL, retried
 * on a non-200 answer or a timeout on Feishu's schedule (15 s, 5 min, 1 h, 6 h by default), and
 * single-shot card callbacks to the callbacks URL (Feishu does not retry callbacks; it shows
 * 200341 to the user after 3 s).
 */
import { buildSignedRequest } from './crypto.js';

/** Result of delivering one event. `status` is the HTTP status of the final attempt (0 = timeout / network error). */
export interface Delivery {
  eventId: string;
  status: number;
  attempts: number;
  /** Set when the emulator did not deliver at all (e.g. a group message that does not @ the bot). */
  skipped?: string;
}

/** One HTTP attempt made by the deliverer. */
export interface DeliveryAttempt {
  eventId: string;
  kind: 'event' | 'callback';
  url: string;
  attempt: number;
  status: number;
  at: number;
  elapsedMs: number;
  error?: string;
}

/** Raw HTTP outcome of one POST. */
export interface PostResult {
  status: number;
  text: string;
  elapsedMs: number;
  error?: string;
}

/** Posts signed payloads and runs the retry schedule. Stops retrying when closed. */
export class Deliverer {
  readonly attempts: DeliveryAttempt[] = [];
  private closed = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly encryptKey: string,
    private readonly retryScheduleMs: number[],
    private readonly eventTimeoutMs: number,
    /** The emulator's clock: request timestamps are signed with it, as Feishu signs with its own. */
    private readonly clock: () => number = Date.now,
  ) {}

  /** One signed POST with a timeout. */
  async post(url: string, payload: unknown, timeoutMs: number): Promise<PostResult> {
    const { body, headers } = buildSignedRequest(payload, this.encryptKey, this.clock());
    const started = performance.now();
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: ac.signal });
      const text = await res.text();
      return { status: res.status, text, elapsedMs: performance.now() - started };
    } catch (err) {
      const error = ac.signal.aborted ? `timeout after ${timeoutMs} ms` : String(err);
      return { status: 0, text: '', elapsedMs: performance.now() - started, error };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Delivers an event envelope, retrying on non-200 / timeout per the schedule. */
  async deliverEvent(url: string, envelope: { header: { event_id: string } }): Promise<Delivery> {
    const eventId = envelope.header.event_id;
    let last = 0;
    for (let attempt = 1; attempt <= this.retryScheduleMs.length + 1; attempt++) {
      if (attempt > 1) {
        await this.sleep(this.retryScheduleMs[attempt - 2] ?? 0);
        if (this.closed) return { eventId, status: last, attempts: attempt - 1 };
      }
      const r = await this.post(url, envelope, this.eventTimeoutMs);
      this.attempts.push({
        eventId,
        kind: 'event',
        url,
        attempt,
        status: r.status,
        at: Date.now(),
        elapsedMs: r.elapsedMs,
        error: r.error,
      });
      last = r.status;
      if (r.status === 200 || this.closed) return { eventId, status: r.status, attempts: attempt };
    }
    return { eventId, status: last, attempts: this.retryScheduleMs.length + 1 };
  }

  /** Posts a card callback once and returns the raw outcome. */
  async postCallback(
    url: string,
    payload: { header: { event_id: string } },
    timeoutMs: number,
  ): Promise<PostResult> {
    const r = await this.post(url, payload, timeoutMs);
    this.attempts.push({
      eventId: payload.header.event_id,
      kind: 'callback',
      url,
      attempt: 1,
      status: r.status,
      at: Date.now(),
      elapsedMs: r.elapsedMs,
      error: r.error,
    });
    return r;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        this.wakers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Cancels pending retries (their deliveries resolve with the last status). */
  close(): void {
    this.closed = true;
    for (const w of [...this.wakers]) w();
  }
}
