/**
 * `npm run db [-- --port N --dir D --backend embedded|sqlite|postgresql --postgresql-url URL]`
 * runs the local MongoDB-compatible server in the foreground and prints its URI. The default
 * backend, `embedded`, keeps a private PostgreSQL cluster in `<dir>/postgres` (default
 * `.data/postgres`) and re-uses it across restarts.
 */
import { parseArgs } from 'node:util';
import { LOCAL_DB_BACKENDS, type LocalDbBackend, startLocalDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dir: { type: 'string' },
    backend: { type: 'string', default: 'embedded' },
    'postgresql-url': { type: 'string' },
  },
});
const backend = values.backend as LocalDbBackend;
if (!LOCAL_DB_BACKENDS.includes(backend)) {
  console.error(
    '--backend 只能是 embedded、sqlite 或 postgresql / --backend must be embedded, sqlite or postgresql',
  );
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port 须为 0–65535 的整数 / --port must be an integer 0–65535');
  process.exit(1);
}
const db = await startLocalDb({
  port,
  dir: values.dir,
  backend,
  postgresqlUrl: values['postgresql-url'],
  logLevel: 'warn',
});
console.log(db.uri);
console.error('本地数据库已启动，Ctrl+C 停止 / local database running, Ctrl+C to stop');
// Exit only once both servers are down: the embedded PostgreSQL stops after FerretDB.
let stopping = false;
const stopAndExit = (code: number) => {
  if (stopping) return;
  stopping = true;
  void db.stop().then(() => process.exit(code));
};
process.on('SIGINT', () => stopAndExit(0));
process.on('SIGTERM', () => stopAndExit(0));
db.process.once('exit', (code) => stopAndExit(code ?? 1));
