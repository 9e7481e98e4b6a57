/**
 * `thuky sync remove`: undoes `sync setup` for one ward, on each side that can be reached: the
 * subscriptions (dropped without reaching their publisher, which may be down), the publications,
 * the slots (a slot left behind keeps WAL on its server for ever), the ward's row at the city and
 * the ward's office row (the ward database then stands alone). With `dropRows`, the ward's block of
 * rows at the city goes too (a ward cut off too long is removed so, then set up again from a fresh
 * database). The city keeps its office row: its ids stay in the city's block.
 */
import { NotFoundError } from '../../../errors.js';
import { REPLICATED, SPAN } from '../migrations/010-replication.js';
import type { PgDatabase } from '../database.js';
import { wardUnit, type SyncSide } from './setup.js';
import { databaseOid, downPublication, downSlot, dropSlot, dropSubscription, FROM_CITY, fromWard, hasPublication, UP_PUBLICATION, upSlot } from './names.js';

export interface Removed {
  what: 'subscription' | 'publication' | 'slot' | 'wardRow' | 'wardOffice' | 'rows';
  name: string;
  side: 'city' | 'ward';
}

export interface RemoveResult {
  office: number | null;
  unit: { id: number; name: string };
  removed: Removed[];
  /** Rows of the ward's block removed at the city, by table (with dropRows). */
  rows: Record<string, number>;
}

/** The ward database as the city recorded it (URL without password), to reach when none is given. */
export function recordedWardDb(city: PgDatabase, query: string): string | undefined {
  const unit = wardUnit(city, query);
  const row = city.query('SELECT ward_db FROM thuky_ward WHERE unit_id = $1', [unit.id]).rows[0];
  return row ? String(row[0]) : undefined;
}

export function removeSync(city: SyncSide, ward: SyncSide | undefined, input: { ward: string; dropRows: boolean }): RemoveResult {
  const unit = wardUnit(city.db, input.ward);
  const row = city.db.query('SELECT office_no FROM thuky_ward WHERE unit_id = $1', [unit.id]).rows[0];
  const wardOffice = ward?.db.query('SELECT office_no FROM thuky_office WHERE role = $1 AND unit_id = $2', ['ward', unit.id]).rows[0];
  const office = row ? Number(row[0]) : wardOffice ? Number(wardOffice[0]) : null;
  if (office === null) throw new NotFoundError('sync.notReplicated', { name: unit.name, path: city.shown });
  const removed: Removed[] = [];
  const rows: Record<string, number> = {};
  // Subscriptions first: a slot is dropped once nothing reads it.
  if (dropSubscription(city.db, fromWard(office))) removed.push({ what: 'subscription', name: fromWard(office), side: 'city' });
  if (ward && dropSubscription(ward.db, FROM_CITY)) removed.push({ what: 'subscription', name: FROM_CITY, side: 'ward' });
  if (hasPublication(city.db, downPublication(office))) {
    city.db.execNative(`DROP PUBLICATION ${downPublication(office)}`);
    removed.push({ what: 'publication', name: downPublication(office), side: 'city' });
  }
  const down = downSlot(databaseOid(city.db), office);
  if (dropSlot(city.db, down)) removed.push({ what: 'slot', name: down, side: 'city' });
  if (ward) {
    if (hasPublication(ward.db, UP_PUBLICATION)) {
      ward.db.execNative(`DROP PUBLICATION ${UP_PUBLICATION}`);
      removed.push({ what: 'publication', name: UP_PUBLICATION, side: 'ward' });
    }
    const up = upSlot(databaseOid(ward.db));
    if (dropSlot(ward.db, up)) removed.push({ what: 'slot', name: up, side: 'ward' });
    if (ward.db.query('DELETE FROM thuky_office WHERE office_no = $1', [office]).count) removed.push({ what: 'wardOffice', name: String(office), side: 'ward' });
  }
  city.db.transaction(() => {
    if (input.dropRows) {
      // The ward's rows are refused to the city's writers by the guard: this removal says it means it.
      city.db.query(`SELECT set_config('thuky.sync_bypass', 'on', true)`);
      city.db.execNative('SET CONSTRAINTS ALL DEFERRED');
      for (const { table, owner } of [...REPLICATED].reverse()) {
        if (!owner) continue;
        const n = city.db.query(`DELETE FROM ${table} WHERE ${owner} >= $1 AND ${owner} < $2`, [office * SPAN, (office + 1) * SPAN]).count;
        if (n) rows[table] = n;
      }
      if (Object.keys(rows).length) removed.push({ what: 'rows', name: String(Object.values(rows).reduce((a, b) => a + b, 0)), side: 'city' });
    }
    if (city.db.query('DELETE FROM thuky_ward WHERE office_no = $1', [office]).count) removed.push({ what: 'wardRow', name: String(office), side: 'city' });
  }).immediate();
  return { office, unit: { id: unit.id, name: unit.name }, removed, rows };
}
