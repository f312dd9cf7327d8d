/** Fault injection for the next N matching Open API calls. */

/**
 * A fault to inject. `path` is an exact pathname (`:param` segments match any one segment, e.g.
 * `/open-apis/im/v1/messages/:id`) or a RegExp tested against the pathname (no query string).
 * Effects combine: `delayMs` waits first; then `drop` destroys the socket, or `status`/`code`
 * answer an error (`code` alone → HTTP 400, or 429 for 99991400; `status` alone → Feishu-like body
 * with code = status); with only `delayMs` the call then proceeds normally.
 */
export interface FaultSpec {
  method?: string;
  path: string | RegExp;
  /** How many matching calls to affect (default 1). */
  times?: number;
  status?: number;
  code?: number;
  msg?: string;
  delayMs?: number;
  drop?: boolean;
}

/** An injected fault with its remaining count and how often it fired. */
export interface ActiveFault extends FaultSpec {
  remaining: number;
  fired: number;
}

function patternToRegExp(path: string): RegExp {
  const esc = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${esc}$`);
}

/** Holds faults in injection order; the first matching one with calls left fires. */
export class FaultBox {
  readonly faults: ActiveFault[] = [];

  add(spec: FaultSpec): ActiveFault {
    const f: ActiveFault = { ...spec, remaining: spec.times ?? 1, fired: 0 };
    this.faults.push(f);
    return f;
  }

  /** Consumes and returns the fault for this call, if any. */
  take(method: string, pathname: string): ActiveFault | undefined {
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      const re = typeof f.path === 'string' ? patternToRegExp(f.path) : f.path;
      if (!re.test(pathname)) continue;
      f.remaining -= 1;
      f.fired += 1;
      return f;
    }
    return undefined;
  }

  clear(): void {
    this.faults.length = 0;
  }
}
