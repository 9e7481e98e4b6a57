/**
 * A city and its wards on separate PostgreSQL servers (test/pg-clusters.ts), for the replication
 * tests: the city holds Hồ Chí Minh City's official units (the bundled list), each ward a fresh
 * `thuky init` database on its own server, set up with `thuky sync setup`.
 */
import { expect } from 'vitest';
import { run, type RunOutput } from '../helpers.js';
import { adminQuery, startClusters, waitFor, type Cluster, type Clusters } from '../pg-clusters.js';

export const env = { THUKY_TODAY: '2026-09-01' };
export const now = new Date('2026-09-01T02:00:00Z');

export interface Office {
  cluster: Cluster;
  url: string;
}

export interface Offices {
  clusters: Clusters;
  city: Office;
  wards: Office[];
}

/** Runs a command line against one database; fails the test on an unexpected exit code. */
export async function on(db: string, argv: string[], code = 0): Promise<RunOutput> {
  const out = await run(argv, { db, env, now });
  expect(out.code, `${argv.join(' ')}\n${out.stderr}`).toBe(code);
  return out;
}

export async function json<T>(db: string, argv: string[]): Promise<T> {
  return JSON.parse((await on(db, [...argv, '--json'])).stdout) as T;
}

/** One server for the city and one per ward; the city with its units, each ward empty and initialised. */
export async function startOffices(wardCount: number): Promise<Offices> {
  const clusters = await startClusters(['city', ...Array.from({ length: wardCount }, (_, i) => `ward${i + 1}`)]);
  const [cityCluster, ...wardClusters] = clusters.list;
  const city = { cluster: cityCluster, url: cityCluster.createDatabase('thuky') };
  await on(city.url, ['init']);
  await on(city.url, ['unit', 'import', '--official', '--province', '79']);
  const wards: Office[] = [];
  for (const c of wardClusters) {
    const url = c.createDatabase('thuky');
    await on(url, ['init']);
    wards.push({ cluster: c, url });
  }
  return { clusters, city, wards };
}

export async function setup(offices: Offices, ward: number, unit: string): Promise<RunOutput> {
  return on(offices.city.url, ['sync', 'setup', '--city', offices.city.url, '--ward', unit, '--ward-db', offices.wards[ward].url]);
}

/** The subscriptions of a database, with whether they are enabled. */
export function subscriptions(url: string): { name: string; enabled: boolean }[] {
  return adminQuery(url, 'SELECT subname, subenabled FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY subname').map(
    (r) => ({ name: String(r[0]), enabled: r[1] === 1 || r[1] === true }),
  );
}

/**
 * Waits until every table of every subscription of the database has finished its first copy
 * (pg_subscription_rel state 'r', ready), so that later changes are what the test looks at.
 */
export async function waitReady(url: string): Promise<void> {
  await waitFor(`the first copy of ${url}`, () => {
    const states = adminQuery(url, 'SELECT srsubstate FROM pg_subscription_rel').map((r) => String(r[0]));
    const disabled = subscriptions(url).filter((s) => !s.enabled);
    if (disabled.length) throw new Error(`subscription stopped: ${disabled.map((s) => s.name).join(', ')}`);
    return states.length && states.every((s) => s === 'r') ? true : undefined;
  }, 90_000);
}

export { adminQuery, waitFor };
