/** Largest number of timestamps inside any window [t, t + period). */
export function slidingMax(times: number[], periodMs = 1000): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < s.length; hi++) {
    while ((s[hi] ?? 0) - (s[lo] ?? 0) >= periodMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
