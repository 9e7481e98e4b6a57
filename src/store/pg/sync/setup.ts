/**
 * `thuky sync setup`: a ward database replicating with its city, by PostgreSQL's logical
 * replication (see pg/migrations/010 for the ownership rules). Each step is done only if it is not
 * done yet, so a second run changes nothing. Order: the city's office row and the ward's row at
 * the city, the ward's office row, the publications, the slots (created apart, so that the same
 * steps work for two databases of one server), the ward's subscription (which copies the reference
 * data and its tasks down), the city's. A subscription is not disabled on an error: PostgreSQL
 * counts the loss of its publisher's connection (the other side's server stopping) as one, and an
 * office cut off for a while must catch up by itself when the other side is back; an error applying
 * a change is retried and counted (pg_stat_subscription_stats) instead.
 */
import { isGrassrootsKind } from '../../../domain/grassroots.js';
import { quoteLiteral } from '../../changelog.js';
import { RuntimeError, UsageError } from '../../../errors.js';
import type { Db } from '../../db.js';
import { resolveUnit } from '../../units.js';
import { REPLICATED } from '../migrations/010-replication.js';
import type { PgDatabase } from '../database.js';
import { targetOf } from '../url.js';
import { readOffice } from './status.js';
import {
  conninfoOf,
  databaseOid,
  downPublication,
  downPublicationSql,
  downSlot,
  FROM_CITY,
  fromWard,
  FULL_IDENTITY,
  hasPublication,
  hasSlot,
  hasSubscription,
  UP_PUBLICATION,
  upPublicationSql,
  upSlot,
  walLevel,
} from './names.js';

export interface SyncSide {
  db: PgDatabase;
  /** The URL as typed (a password in it is kept only in the subscription's connection). */
  url: string;
  /** The URL as shown: never with a password. */
  shown: string;
}

/** One thing setup made: what it is, its name, and on which side. */
export interface Created {
  what: 'cityOffice' | 'wardRow' | 'wardOffice' | 'replicaIdentity' | 'publication' | 'slot' | 'subscription';
  name: string;
  side: 'city' | 'ward';
}

export interface SetupResult {
  office: number;
  unit: { id: number; name: string };
  city: string;
  ward: string;
  created: Created[];
}

/** The grassroots unit named at the city (accents and case ignored, as every lookup). */
export function wardUnit(city: PgDatabase, query: string): { id: number; name: string; parentId: number | null } {
  const unit = resolveUnit(city as unknown as Db, query);
  if (!isGrassrootsKind(unit.kind)) throw new UsageError('sync.notGrassroots', { name: unit.name, field: '--ward' });
  return { id: unit.id, name: unit.name, parentId: unit.parentId };
}

function requireLogical(side: SyncSide): void {
  const level = walLevel(side.db);
  if (level !== 'logical') throw new UsageError('sync.walLevel', { path: side.shown, value: level });
}

/**
 * Room for a new link on a publisher: its own slot, and one slot per table-copy worker of the
 * subscriber while the first copy runs (PostgreSQL's "all replication slots are in use" otherwise,
 * half-way through). Checked before anything is created.
 */
function requireSlots(publisher: SyncSide, subscriber: SyncSide): void {
  const [max, used] = publisher.db
    .query(`SELECT current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots)::int`)
    .rows[0].map(Number);
  const copyWorkers = Number(subscriber.db.query(`SELECT current_setting('max_sync_workers_per_subscription')::int`).rows[0][0]);
  const need = 1 + copyWorkers;
  if (max - used < need) throw new RuntimeError('sync.noSlots', { path: publisher.shown, max, used, need, free: max - used });
}

/**
 * Room for a new subscription on a subscriber of PostgreSQL 18, which tracks at most
 * max_active_replication_origins replication origins (10 by default): one per enabled subscription
 * and one per table-copy worker while a first copy runs. Before 18 the slots bound them (above).
 */
function requireOrigins(subscriber: SyncSide): void {
  const [max, used, copyWorkers] = subscriber.db
    .query(
      `SELECT current_setting('max_active_replication_origins', true)::int, (SELECT count(*) FROM pg_subscription WHERE subenabled)::int,
              current_setting('max_sync_workers_per_subscription')::int`,
    )
    .rows[0].map((v) => (v === null ? null : Number(v)));
  if (max === null) return;
  const need = 1 + copyWorkers!;
  if (max - used! < need) throw new RuntimeError('sync.noOrigins', { path: subscriber.shown, max, used: used!, need, free: max - used! });
}

/** The first replicated table of the database that holds rows, with their number. */
function firstDataTable(db: PgDatabase): { table: string; n: number } | undefined {
  for (const { table } of REPLICATED) {
    const n = Number(db.query(`SELECT count(*) FROM ${table}`).rows[0][0]);
    if (n > 0) return { table, n };
  }
  return undefined;
}

export function setupSync(city: SyncSide, ward: SyncSide, input: { ward: string; at: string }): SetupResult {
  const unit = wardUnit(city.db, input.ward);
  if (sameDatabase(city, ward)) throw new UsageError('sync.sameDatabase', { path: city.shown });
  requireLogical(city);
  requireLogical(ward);
  const cityOffice = readOffice(city.db);
  if (cityOffice && cityOffice.role !== 'city') throw new UsageError('sync.cityIsWard', { path: city.shown });
  const existing = city.db.query('SELECT office_no FROM thuky_ward WHERE unit_id = $1', [unit.id]).rows[0];
  const wardOffice = readOffice(ward.db);
  if (wardOffice && (wardOffice.role !== 'ward' || wardOffice.unitId !== unit.id || (existing && Number(existing[0]) !== wardOffice.officeNo)))
    throw new UsageError('sync.wardDbTaken', { path: ward.shown, name: unit.name });
  if (!wardOffice) {
    const data = firstDataTable(ward.db);
    if (data) throw new UsageError('sync.wardNotEmpty', { path: ward.shown, table: data.table, n: data.n });
  }
  if (!existing) {
    requireSlots(city, ward);
    requireSlots(ward, city);
    requireOrigins(city);
    requireOrigins(ward);
  }
  const office = existing ? Number(existing[0]) : Number(city.db.query('SELECT coalesce(max(office_no), 0) + 1 FROM thuky_ward').rows[0][0]);
  const parent = unit.parentId === null ? undefined : city.db.query('SELECT name, kind FROM unit WHERE id = $1', [unit.parentId]).rows[0];
  const cityName = parent && parent[1] === 'committee' ? String(parent[0]) : null;
  const created: Created[] = [];

  // The office rows: the city is office 0, this ward office `office`.
  city.db.transaction(() => {
    if (!cityOffice) {
      city.db.query(`INSERT INTO thuky_office (office_no, role, city_name, set_at) VALUES (0, 'city', $1, $2)`, [cityName, input.at]);
      created.push({ what: 'cityOffice', name: '0', side: 'city' });
    }
    if (!existing) {
      city.db.query(
        `INSERT INTO thuky_ward (office_no, unit_id, unit_name, ward_db, subscription, publication, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [office, unit.id, unit.name, ward.shown, fromWard(office), UP_PUBLICATION, input.at],
      );
      created.push({ what: 'wardRow', name: String(office), side: 'city' });
    }
  }).immediate();
  if (!wardOffice) {
    ward.db.query(`INSERT INTO thuky_office (office_no, role, unit_id, unit_name, city_name, set_at) VALUES ($1, 'ward', $2, $3, $4, $5)`, [
      office,
      unit.id,
      unit.name,
      cityName,
      input.at,
    ]);
    created.push({ what: 'wardOffice', name: String(office), side: 'ward' });
  }

  // A row filter on an update or removal may name only columns of the replica identity.
  for (const table of FULL_IDENTITY) {
    const identity = city.db.query(`SELECT relreplident FROM pg_class WHERE oid = $1::regclass`, [table]).rows[0][0];
    if (identity !== 'f') {
      city.db.execNative(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
      created.push({ what: 'replicaIdentity', name: table, side: 'city' });
    }
  }
  if (!hasPublication(ward.db, UP_PUBLICATION)) {
    ward.db.execNative(upPublicationSql(office));
    created.push({ what: 'publication', name: UP_PUBLICATION, side: 'ward' });
  }
  if (!hasPublication(city.db, downPublication(office))) {
    city.db.execNative(downPublicationSql(office, unit.id));
    created.push({ what: 'publication', name: downPublication(office), side: 'city' });
  }
  const up = upSlot(databaseOid(ward.db));
  const down = downSlot(databaseOid(city.db), office);
  for (const [side, slot] of [[ward, up], [city, down]] as const) {
    if (hasSlot(side.db, slot)) continue;
    side.db.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]);
    created.push({ what: 'slot', name: slot, side: side === city ? 'city' : 'ward' });
  }
  const subscribe = (side: SyncSide, name: string, publisher: SyncSide, publication: string, slot: string) => {
    if (hasSubscription(side.db, name)) return;
    side.db.execNative(
      `CREATE SUBSCRIPTION ${name} CONNECTION ${quoteLiteral(conninfoOf(publisher.url))} PUBLICATION ${publication}
         WITH (create_slot = false, slot_name = ${quoteLiteral(slot)}, copy_data = true, disable_on_error = false)`,
    );
    created.push({ what: 'subscription', name, side: side === city ? 'city' : 'ward' });
  };
  subscribe(ward, FROM_CITY, city, downPublication(office), down);
  subscribe(city, fromWard(office), ward, UP_PUBLICATION, up);
  return { office, unit: { id: unit.id, name: unit.name }, city: city.shown, ward: ward.shown, created };
}

/** Both URLs name one database (host, port and database name as the driver would reach them). */
function sameDatabase(a: SyncSide, b: SyncSide): boolean {
  const [x, y] = [targetOf(a.shown), targetOf(b.shown)];
  return x.host === y.host && x.port === y.port && x.database === y.database;
}
