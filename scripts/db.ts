/**
 * `npm run db [-- --port N --dir D --backend sqlite|postgresql --postgresql-url URL]`
 * runs the local MongoDB-compatible server in the foreground and prints its URI.
 */
import { parseArgs } from 'node:util';
import { startLocalDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dir: { type: 'string' },
    backend: { type: 'string', default: 'sqlite' },
    'postgresql-url': { type: 'string' },
  },
});
const backend = values.backend;
if (backend !== 'sqlite' && backend !== 'postgresql') {
  console.error('--backend 只能是 sqlite 或 postgresql / --backend must be sqlite or postgresql');
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
const stop = () => void db.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
db.process.once('exit', (code) => process.exit(code ?? 1));
