/**
 * Spawns a server that cannot outlive this Node process. A small POSIX shell runs the server
 * and blocks reading a pipe from us; when the pipe closes — we stopped it, exited, or crashed,
 * even by SIGKILL — the shell sends the server its stop signal and waits for it. The shell also
 * forwards SIGTERM/SIGINT/SIGHUP and exits with the server's status.
 */
import { type ChildProcess, spawn } from 'node:child_process';

// $0 is a label; "$@" the server's command line; GUARD_SIGNAL the signal that stops it cleanly.
const guardScript = `
exec 3<&0 </dev/null
"$@" 3<&- &
child=$!
trap 'kill -s "$GUARD_SIGNAL" "$child" 2>/dev/null' TERM INT HUP
{ read -r _ <&3; kill -s "$GUARD_SIGNAL" "$child" 2>/dev/null; } &
reader=$!
exec 3<&-
while :; do
  wait "$child"; status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$reader" 2>/dev/null
exit "$status"
`;

/** Options for {@link spawnGuarded}. */
export interface GuardedSpawnOptions {
  /** The signal that makes the server shut down cleanly (PostgreSQL: INT, FerretDB: TERM). */
  stopSignal: 'INT' | 'TERM';
  stdout?: 'pipe' | 'ignore' | 'inherit';
  stderr?: 'pipe' | 'ignore' | 'inherit';
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `command args` under the guard, in its own process group (a Ctrl+C in the terminal
 * reaches only Node, which stops servers in order). The returned child is the shell.
 */
export function spawnGuarded(command: string, args: string[], options: GuardedSpawnOptions): ChildProcess {
  const child = spawn('/bin/sh', ['-c', guardScript, 'guard', command, ...args], {
    stdio: ['pipe', options.stdout ?? 'ignore', options.stderr ?? 'inherit'],
    detached: true,
    uid: options.uid,
    gid: options.gid,
    env: { ...(options.env ?? process.env), GUARD_SIGNAL: options.stopSignal },
  });
  // An EPIPE after the guard exited is expected; the pipe is only ever closed, never written.
  child.stdin?.on('error', () => {});
  return child;
}

/**
 * Stops a guarded server: closes the guard's pipe (the server gets its stop signal) and waits
 * for the shell to exit; after graceMs the whole process group is killed.
 */
export function stopGuarded(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, graceMs);
    timer.unref();
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.stdin?.end();
  });
}
