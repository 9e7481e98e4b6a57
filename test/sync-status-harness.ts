/**
 * A throw-away PostgreSQL cluster with wal_level = logical and a city/ward pair linked by raw SQL the
 * way the replication design names things (thuky_office, thuky_ward, publications thuky_down_<k> and
 * thuky_up, slots created explicitly, subscriptions with create_slot = false), for the tests of
 * `sync status` and of the freshness lines in reports. It stands in for `sync setup` here: it
 * replicates only what those tests look at (units down, activities up).
 */
import { startClusters } from './pg-clusters.js';
import { connectPostgres } from '../src/store/pg/open.js';
import { withoutPassword } from '../src/store/pg/url.js';
import { run, sampleDbPath } from './helpers.js';

const PASSWORD = 'test-only';


export interface LogicalCluster {
  port: number;
  /** A database's URL, password included (the test server's). */
  url(database: string): string;
  /** libpq key/value connection string, for CREATE SUBSCRIPTION. */
  conninfo(database: string): string;
  createDatabase(name: string): void;
  stop(): Promise<void>;
}

/** Starts a cluster of its own (test/pg-clusters.ts), which gives up a slot that falls 64 MB behind. */
export async function startLogicalCluster(): Promise<LogicalCluster> {
  const clusters = await startClusters(['logical'], ['-c', 'wal_retrieve_retry_interval=200ms', '-c', 'max_slot_wal_keep_size=64MB']);
  const [cluster] = clusters.list;
  const url = (database: string) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${cluster.port}/${database}`;
  return {
    port: cluster.port,
    url,
    conninfo: (database) => `host=127.0.0.1 port=${cluster.port} dbname=${database} user=postgres password=${PASSWORD}`,
    createDatabase: (name) => void cluster.createDatabase(name),
    stop: () => clusters.close(),
  };
}

/** Runs statements one at a time (CREATE SUBSCRIPTION refuses a transaction block). */
export function sql(url: string, ...statements: string[]): void {
  const db = connectPostgres(withoutPassword(url));
  try {
    for (const s of statements) db.execNative(s);
  } finally {
    db.close();
  }
}

export function query<T = unknown>(url: string, text: string, params: unknown[] = []): T[][] {
  const db = connectPostgres(withoutPassword(url));
  try {
    return db.query(text, params).rows as T[][];
  } finally {
    db.close();
  }
}

/** Waits until `check` holds (replication is asynchronous). */
export async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Pair {
  city: string;
  ward: string;
  cityName: string;
  wardName: string;
  wardNo: number;
  wardUnitId: number;
  downSlot: string;
  upSlot: string;
}

const SETUP_ENV = { THUKY_TODAY: '2017-12-31' };

/**
 * City = the District 1 sample, ward = a fresh `thuky init`; office rows, thuky_ward row, units
 * published down (block 0), activities of block 1 published up.
 */
export async function linkPair(cluster: LogicalCluster, suffix: string, wardName = 'Phường Bến Nghé'): Promise<Pair> {
  const cityName = `city_${suffix}`;
  const wardDbName = `ward_${suffix}`;
  cluster.createDatabase(cityName);
  cluster.createDatabase(wardDbName);
  const city = cluster.url(cityName);
  const ward = cluster.url(wardDbName);
  const copied = await run(['db', 'copy', '--from', sampleDbPath(), '--to', city], { env: SETUP_ENV });
  if (copied.code !== 0) throw new Error(copied.stderr);
  const init = await run(['init', '--db', ward], { env: SETUP_ENV });
  if (init.code !== 0) throw new Error(init.stderr);
  const unitId = Number(query(city, 'SELECT id FROM unit WHERE name = $1', [wardName])[0][0]);
  const cityOid = Number(query(city, 'SELECT oid FROM pg_database WHERE datname = current_database()')[0][0]);
  const wardOid = Number(query(ward, 'SELECT oid FROM pg_database WHERE datname = current_database()')[0][0]);
  const now = new Date().toISOString();
  const downSlot = `thuky_down_${cityOid}_1`;
  const upSlot = `thuky_up_${wardOid}`;
  sql(
    city,
    `INSERT INTO thuky_office VALUES (0, 'city', NULL, NULL, 'Quận 1', '${now}')`,
    `INSERT INTO thuky_ward VALUES (1, ${unitId}, '${wardName}', 'postgresql://postgres@127.0.0.1:${cluster.port}/${wardDbName}', 'thuky_from_1', 'thuky_up', '${now}', NULL)`,
    `CREATE PUBLICATION thuky_down_1 FOR TABLE unit WHERE (id < 10000000)`,
    `SELECT pg_create_logical_replication_slot('${downSlot}', 'pgoutput')`,
  );
  sql(
    ward,
    `INSERT INTO thuky_office VALUES (1, 'ward', ${unitId}, '${wardName}', 'Quận 1', '${now}')`,
    `CREATE PUBLICATION thuky_up FOR TABLE activity WHERE (id >= 10000000 AND id < 20000000)`,
    `SELECT pg_create_logical_replication_slot('${upSlot}', 'pgoutput')`,
    `CREATE SUBSCRIPTION thuky_from_city CONNECTION '${cluster.conninfo(cityName)}' PUBLICATION thuky_down_1
       WITH (create_slot = false, slot_name = '${downSlot}', copy_data = true, disable_on_error = true)`,
  );
  sql(
    city,
    `CREATE SUBSCRIPTION thuky_from_1 CONNECTION '${cluster.conninfo(wardDbName)}' PUBLICATION thuky_up
       WITH (create_slot = false, slot_name = '${upSlot}', copy_data = true, disable_on_error = true)`,
  );
  await until(() => Number(query(ward, 'SELECT count(*) FROM unit WHERE id = $1', [unitId])[0][0]) === 1, 'the units to reach the ward');
  return { city, ward, cityName, wardName, wardNo: 1, wardUnitId: unitId, downSlot, upSlot };
}

/** An activity written at the ward in its own block (it flows up to the city). */
export function wardActivity(pair: Pair, id: number, title = 'Sinh hoạt chuyên đề'): void {
  sql(pair.ward, `INSERT INTO activity (id, unit_id, held_on, kind, title, created_at) VALUES (${id}, ${pair.wardUnitId}, '2017-11-20', 'hoc-tap', '${title}', '2017-11-20T00:00:00.000Z')`);
}

/** Whether the city's subscription from the ward is running. */
export function cityStreaming(pair: Pair): boolean {
  return query(pair.city, `SELECT count(*) FROM pg_stat_subscription WHERE subname = 'thuky_from_1' AND pid IS NOT NULL AND relid IS NULL AND last_msg_receipt_time IS NOT NULL`)[0][0] !== 0;
}
