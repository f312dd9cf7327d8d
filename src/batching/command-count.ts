/**
 * Counts the database commands this process sends, by the driver's command monitoring (the
 * connection is opened with `monitorCommands: true`). Engine-independent: the figure a benchmark
 * prints per event, per vote or per reminder is what the driver put on the wire.
 */
import mongoose from 'mongoose';

/** Handshakes and keep-alives, not work. */
const NOT_WORK = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'endSessions',
  'saslStart',
  'saslContinue',
  'buildInfo',
  'getParameter',
]);

export interface CommandCount {
  /** Commands since the count started. */
  total(): number;
  /** Commands per name (insert, update, find, …) since the count started. */
  byName(): Record<string, number>;
  /** Commands per name and collection ("insert outbox_messages"), most frequent first. */
  byTarget(): Record<string, number>;
  /** Per name and collection: commands, and the server time they took (mean and max, ms). */
  timings(): Record<string, { n: number; meanMs: number; maxMs: number }>;
  /** The `n` slowest commands, each as "find tasks 204 ms". */
  slowest(n: number): string;
  stop(): void;
}

/** Starts counting the commands of the default mongoose connection. */
export function countCommands(): CommandCount {
  const client = mongoose.connection.getClient();
  const counts = new Map<string, number>();
  const targets = new Map<string, number>();
  const onStarted = (event: { commandName: string; command: Record<string, unknown>; requestId: number }) => {
    if (NOT_WORK.has(event.commandName)) return;
    counts.set(event.commandName, (counts.get(event.commandName) ?? 0) + 1);
    const target = `${event.commandName} ${String(event.command[event.commandName] ?? '')}`;
    targets.set(target, (targets.get(target) ?? 0) + 1);
    names.set(event.requestId, target);
  };
  const times = new Map<string, number[]>();
  const onSucceeded = (event: { commandName: string; duration: number; requestId: number }) => {
    const target = names.get(event.requestId);
    names.delete(event.requestId);
    if (!target) return;
    const list = times.get(target) ?? [];
    list.push(event.duration);
    times.set(target, list);
  };
  const names = new Map<number, string>();
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]));
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  client.on('commandFailed', onSucceeded);
  return {
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byName: () => sorted(counts),
    byTarget: () => sorted(targets),
    timings: () =>
      Object.fromEntries(
        [...times.entries()].map(([k, list]) => [
          k,
          {
            n: list.length,
            meanMs: Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10,
            maxMs: Math.max(...list),
          },
        ]),
      ),
    slowest: (n) =>
      [...times.entries()]
        .flatMap(([target, list]) => list.map((ms) => ({ target, ms })))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, n)
        .map((c) => `${c.target} ${c.ms.toFixed(0)} ms`)
        .join(', '),
    stop: () => {
      client.off('commandStarted', onStarted);
      client.off('commandSucceeded', onSucceeded);
      client.off('commandFailed', onSucceeded);
    },
  };
}
