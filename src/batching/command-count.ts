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
  stop(): void;
}

/** Starts counting the commands of the default mongoose connection. */
export function countCommands(): CommandCount {
  const client = mongoose.connection.getClient();
  const counts = new Map<string, number>();
  const onStarted = (event: { commandName: string }) => {
    if (NOT_WORK.has(event.commandName)) return;
    counts.set(event.commandName, (counts.get(event.commandName) ?? 0) + 1);
  };
  client.on('commandStarted', onStarted);
  return {
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byName: () => Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1])),
    stop: () => client.off('commandStarted', onStarted),
  };
}
