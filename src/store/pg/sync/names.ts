/**
 * The names and texts of replication between a city and its wards (see pg/migrations/010): the
 * publications, slots and subscriptions `sync setup` creates and `sync remove` drops, their row
 * filters, and the connection a subscription keeps in PostgreSQL's catalog.
 */
import { REPLICATED, SPAN } from '../migrations/010-replication.js';
import type { PgDatabase } from '../database.js';
import { targetOf, withoutPassword } from '../url.js';

export { SPAN };

/** On a ward: the publication of its own rows, going up to the city. */
export const UP_PUBLICATION = 'thuky_up';
/** On a ward: the subscription to the city's publication for it. */
export const FROM_CITY = 'thuky_from_city';
export const downPublication = (office: number) => `thuky_down_${office}`;
export const fromWard = (office: number) => `thuky_from_${office}`;
export const upSlot = (wardDbOid: number) => `thuky_up_${wardDbOid}`;
export const downSlot = (cityDbOid: number, office: number) => `thuky_down_${cityDbOid}_${office}`;

/** What the city sends down to each ward: reference data, and the ward's own tasks and their events. */
const DOWN_TABLES = ['unit', 'unit_successor', 'document', 'plan_deadline', 'person', 'meeting', 'conclusion', 'task_group', 'task', 'task_event'];

/** The tables whose row filter names the ward's unit (they carry REPLICA IDENTITY FULL at the city). */
export const FULL_IDENTITY = ['task', 'task_event'];

/** `CREATE PUBLICATION` of ward `office` for its own rows (every table it may own rows of). */
export function upPublicationSql(office: number): string {
  const tables = REPLICATED.filter((r) => r.owner !== '').map(
    (r) => `${r.table} WHERE (${r.owner} >= ${office * SPAN} AND ${r.owner} < ${(office + 1) * SPAN})`,
  );
  return `CREATE PUBLICATION ${UP_PUBLICATION} FOR TABLE ${tables.join(', ')}`;
}

/** `CREATE PUBLICATION` at the city for ward `office` of unit `unitId`. */
export function downPublicationSql(office: number, unitId: number): string {
  const tables = DOWN_TABLES.map((t) => {
    const owner = REPLICATED.find((r) => r.table === t)!.owner;
    if (!owner) return t;
    const own = `${owner} < ${SPAN}`;
    return FULL_IDENTITY.includes(t) ? `${t} WHERE (${own} AND unit_id = ${unitId})` : `${t} WHERE (${own})`;
  });
  return `CREATE PUBLICATION ${downPublication(office)} FOR TABLE ${tables.join(', ')}`;
}

/** A value of a libpq keyword/value connection string, quoted. */
function quoteConn(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The connection string a subscription keeps (in PostgreSQL's catalog): host, port, database,
 * user, sslmode, and the password only when the URL itself gives one; otherwise the server's own
 * account finds it (its ~/.pgpass).
 */
export function conninfoOf(url: string): string {
  let password: string | undefined;
  try {
    const parsed = new URL(url.trim());
    if (parsed.password) password = decodeURIComponent(parsed.password);
  } catch {
    // Not a URL: targetOf refuses it below.
  }
  const t = targetOf(withoutPassword(url));
  const parts = [`host=${quoteConn(t.host)}`, `port=${t.port}`, `dbname=${quoteConn(t.database)}`, `user=${quoteConn(t.user)}`];
  if (t.sslmode) parts.push(`sslmode=${quoteConn(t.sslmode)}`);
  if (password !== undefined) parts.push(`password=${quoteConn(password)}`);
  return parts.join(' ');
}

/** The object id of the connected database (slot names carry it: a cluster may hold several thuky databases). */
export function databaseOid(db: PgDatabase): number {
  return Number(db.query('SELECT oid FROM pg_database WHERE datname = current_database()').rows[0][0]);
}

export function hasPublication(db: PgDatabase, name: string): boolean {
  return db.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [name]).rows.length > 0;
}

export function hasSlot(db: PgDatabase, name: string): boolean {
  return db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [name]).rows.length > 0;
}

export function hasSubscription(db: PgDatabase, name: string): boolean {
  return (
    db.query('SELECT 1 FROM pg_subscription WHERE subname = $1 AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())', [name]).rows
      .length > 0
  );
}

/** Drops a subscription without reaching its publisher (which may be down): its slot is dropped apart. */
export function dropSubscription(db: PgDatabase, name: string): boolean {
  if (!hasSubscription(db, name)) return false;
  db.execNative(`ALTER SUBSCRIPTION ${name} DISABLE`);
  db.execNative(`ALTER SUBSCRIPTION ${name} SET (slot_name = NONE)`);
  db.execNative(`DROP SUBSCRIPTION ${name}`);
  return true;
}

/** Drops a slot, ending the connection that still reads it (a subscriber being dropped lets go within moments). */
export function dropSlot(db: PgDatabase, name: string): boolean {
  for (let attempt = 0; ; attempt++) {
    const row = db.query('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [name]).rows[0];
    if (!row) return attempt > 0;
    if (row[0] !== null) {
      db.query('SELECT pg_terminate_backend($1)', [row[0]]);
      db.query('SELECT pg_sleep(0.1)');
      if (attempt < 50) continue;
    }
    try {
      db.query('SELECT pg_drop_replication_slot($1)', [name]);
      return true;
    } catch (err) {
      if (attempt >= 50) throw err;
      db.query('SELECT pg_sleep(0.1)');
    }
  }
}

/** `SHOW wal_level`: logical replication needs 'logical'. */
export function walLevel(db: PgDatabase): string {
  return String(db.query('SHOW wal_level').rows[0][0]);
}
