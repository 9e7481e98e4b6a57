/**
 * What a database knows of its replication with the city or its wards: the office row, the wards it
 * replicates with, and, for each link, PostgreSQL's own view of it (pg_subscription,
 * pg_stat_subscription, pg_stat_subscription_stats, pg_replication_slots). Read-only; PostgreSQL 15
 * or later (row filters in publications need it). On SQLite, or on a PostgreSQL database without
 * the replication tables, every function answers "nothing" without asking the server more than
 * once per connection.
 */
import { isPostgres, type PgDatabase } from '../database.js';
import { FROM_CITY, databaseOid, downSlot, upSlot, SPAN } from './names.js';

export { SPAN, databaseOid };

/** The subscription a ward holds on its city. */
export const WARD_SUBSCRIPTION = FROM_CITY;

export interface OfficeRow {
  officeNo: number;
  role: 'city' | 'ward';
  unitId: number | null;
  unitName: string | null;
  cityName: string | null;
  setAt: string;
}

export interface WardRow {
  officeNo: number;
  unitId: number;
  unitName: string;
  wardDb: string;
  subscription: string;
  publication: string;
  setAt: string;
  lastChangeAt: string | null;
}

/** One direction of a link as PostgreSQL sees it from this database. */
export interface LinkState {
  subscription: {
    name: string;
    exists: boolean;
    enabled: boolean;
    /** An apply worker is running and connected to the publisher. */
    streaming: boolean;
    /** pg_stat_subscription.last_msg_receipt_time (ISO, UTC), while a worker runs. */
    lastMessageAt: string | null;
    receivedLsn: string | null;
    errors: { apply: number; sync: number; conflicts: Record<string, number> } | null;
  };
  slot: {
    name: string;
    exists: boolean;
    active: boolean;
    /** reserved, extended, unreserved, lost (pg_replication_slots.wal_status). */
    walStatus: string | null;
    /** Bytes of WAL that may still be written before the slot is in danger of being lost; null without a limit. */
    safeWalSize: number | null;
    /** pg_current_wal_lsn() − confirmed_flush_lsn: bytes the subscriber has not confirmed yet. */
    lagBytes: number | null;
    /** When the slot stopped being used (PostgreSQL 17 and later), ISO. */
    inactiveSince: string | null;
  };
}

interface SyncTables {
  office: boolean;
  ward: boolean;
}

const tablesByConnection = new WeakMap<PgDatabase, SyncTables>();

/** Whether the replication tables exist: asked once per connection; SQLite has neither. */
function syncTables(db: unknown): SyncTables {
  if (!isPostgres(db)) return { office: false, ward: false };
  let known = tablesByConnection.get(db);
  if (!known) {
    const row = db.query(`SELECT to_regclass('thuky_office') IS NOT NULL, to_regclass('thuky_ward') IS NOT NULL`).rows[0];
    known = { office: !!row[0], ward: !!row[1] };
    tablesByConnection.set(db, known);
  }
  return known;
}

const ISO = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** This database's office (city or ward), or null when it replicates with no one. */
export function readOffice(db: unknown): OfficeRow | null {
  if (!syncTables(db).office) return null;
  const r = (db as PgDatabase).query('SELECT office_no, role, unit_id, unit_name, city_name, set_at FROM thuky_office ORDER BY office_no LIMIT 1').rows[0];
  if (!r) return null;
  return { officeNo: Number(r[0]), role: r[1] as OfficeRow['role'], unitId: r[2] === null ? null : Number(r[2]), unitName: r[3] as string | null, cityName: r[4] as string | null, setAt: r[5] as string };
}

/** The wards this (city) database replicates with, by office number. */
export function readWards(db: unknown): WardRow[] {
  if (!syncTables(db).ward) return [];
  return (db as PgDatabase)
    .query('SELECT office_no, unit_id, unit_name, ward_db, subscription, publication, set_at, last_change_at FROM thuky_ward ORDER BY office_no')
    .rows.map((r) => ({
      officeNo: Number(r[0]),
      unitId: Number(r[1]),
      unitName: r[2] as string,
      wardDb: r[3] as string,
      subscription: r[4] as string,
      publication: r[5] as string,
      setAt: r[6] as string,
      lastChangeAt: r[7] as string | null,
    }));
}

/** `max_slot_wal_keep_size` in bytes, or null when unlimited (-1). */
export function slotWalKeepBytes(db: PgDatabase): number | null {
  const r = db.query(`SELECT setting::bigint FROM pg_settings WHERE name = 'max_slot_wal_keep_size'`).rows[0];
  const mb = r ? Number(r[0]) : -1;
  return mb < 0 ? null : mb * 1024 * 1024;
}

/**
 * Each link's subscription (on this database) and replication slot (on this cluster), in one
 * statement. The statistics views differ between versions (PostgreSQL 18 adds the confl_*
 * conflict counters, 17 the slot's inactive_since): their rows are read whole, as JSON.
 */
export function linkStates(db: PgDatabase, links: { subscription: string; slot: string }[]): LinkState[] {
  if (!links.length) return [];
  const rows = db.query(
    `WITH me AS (SELECT oid FROM pg_database WHERE datname = current_database())
     SELECT l.ord, s.oid IS NOT NULL, coalesce(s.subenabled, false), a.pid IS NOT NULL, ${ISO('a.last_msg_receipt_time')}, a.received_lsn::text,
            row_to_json(st)::text,
            r.slot_name IS NOT NULL, coalesce(r.active, false), r.wal_status, r.safe_wal_size,
            -- No WAL position on a standby (reports may be read there): no lag then.
            CASE WHEN r.confirmed_flush_lsn IS NULL OR pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), r.confirmed_flush_lsn)::bigint END,
            row_to_json(r)->>'inactive_since'
       FROM json_to_recordset($1::json) AS l(ord int, sub text, slot text)
       CROSS JOIN me
       LEFT JOIN pg_subscription s ON s.subname = l.sub AND s.subdbid = me.oid
       LEFT JOIN LATERAL (SELECT x.pid, x.last_msg_receipt_time, x.received_lsn FROM pg_stat_subscription x
                           WHERE x.subid = s.oid AND x.relid IS NULL AND x.pid IS NOT NULL
                           ORDER BY x.last_msg_receipt_time DESC NULLS LAST LIMIT 1) a ON true
       LEFT JOIN pg_stat_subscription_stats st ON st.subid = s.oid
       LEFT JOIN pg_replication_slots r ON r.slot_name = l.slot
      ORDER BY l.ord`,
    [JSON.stringify(links.map((l, ord) => ({ ord, sub: l.subscription, slot: l.slot })))],
  ).rows;
  return rows.map((r) => {
    const i = Number(r[0]);
    const stats = r[6] ? (JSON.parse(r[6] as string) as Record<string, unknown>) : null;
    const conflicts: Record<string, number> = {};
    if (stats) for (const [k, v] of Object.entries(stats)) if (k.startsWith('confl_')) conflicts[k.slice(6)] = Number(v ?? 0);
    const inactive = r[12] as string | null;
    return {
      subscription: {
        name: links[i].subscription,
        exists: !!r[1],
        enabled: !!r[2],
        streaming: !!r[3],
        lastMessageAt: (r[4] as string | null) ?? null,
        receivedLsn: (r[5] as string | null) ?? null,
        errors: stats ? { apply: Number(stats.apply_error_count ?? 0), sync: Number(stats.sync_error_count ?? stats.sync_table_error_count ?? 0), conflicts } : null,
      },
      slot: {
        name: links[i].slot,
        exists: !!r[7],
        active: !!r[8],
        walStatus: (r[9] as string | null) ?? null,
        safeWalSize: r[10] === null ? null : Number(r[10]),
        lagBytes: r[11] === null ? null : Number(r[11]),
        inactiveSince: inactive ? new Date(inactive).toISOString() : null,
      },
    };
  });
}

/** The names setup gives: at the city, ward k's down slot; at a ward, its up slot. */
export const downSlotName = downSlot;
export const upSlotName = upSlot;

/** How fresh a ward's data is at the city. */
export interface WardFreshness {
  officeNo: number;
  unitId: number;
  unitName: string;
  setAt: string;
  /** When the city last heard from the ward (a running subscription's last message), else the last change applied; null: nothing since setup. */
  asOf: string | null;
  streaming: boolean;
}

/** The latest of two ISO instants (either may be missing). */
function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** A ward's "data as of": the running subscription's last message, else the last change applied (thuky_ward.last_change_at). */
export function wardAsOf(ward: WardRow, link: LinkState | undefined): string | null {
  if (link?.subscription.streaming && link.subscription.lastMessageAt) return later(link.subscription.lastMessageAt, ward.lastChangeAt);
  return ward.lastChangeAt;
}

/**
 * Each ward's freshness, for the city's reports. Nothing (and no statement beyond one existence
 * check per connection) on SQLite and on databases that replicate with no ward.
 */
export function wardFreshness(db: unknown): WardFreshness[] {
  const wards = readWards(db);
  if (!wards.length) return [];
  const links = linkStates(db as PgDatabase, wards.map((w) => ({ subscription: w.subscription, slot: '' })));
  return wards.map((w, i) => ({ officeNo: w.officeNo, unitId: w.unitId, unitName: w.unitName, setAt: w.setAt, asOf: wardAsOf(w, links[i]), streaming: links[i].subscription.streaming }));
}
