/**
 * Counts kept on write (SQLite, migration 13): plans and evaluations of today's members per unit and
 * year, which the compliance report adds up instead of joining every member to their plan. They are
 * derived from other rows by the schema's own triggers: never recorded for undo (undoing the rows
 * undoes them), never copied (the copy's triggers and a recount make them), and checked against a
 * recount by `thuky db check`, which `--repair` rebuilds them from.
 */
import type { Db } from './db.js';
import { isPostgres } from './pg/database.js';
import { writeTransaction } from './transaction.js';

/** Tables whose rows are counts of other rows, kept by triggers. */
export const DERIVED_TABLES: readonly string[] = ['evaluation_tally', 'plan_tally'];

/** A person row (`p`) that counts: a party member, active, in a unit (as the migration's triggers). */
const COUNTS = `p.unit_id IS NOT NULL AND p.is_member = 1 AND p.active = 1`;

/** What each tally holds, recounted from the rows, in the tally's own columns. */
const RECOUNT = {
  plan_tally: {
    key: ['unit_id', 'year', 'submitted_on'],
    sql: `SELECT p.unit_id, pl.year, pl.submitted_on, count(*) AS n FROM plan pl JOIN person p ON p.id = pl.person_id
           WHERE pl.submitted_on IS NOT NULL AND ${COUNTS} GROUP BY p.unit_id, pl.year, pl.submitted_on`,
  },
  evaluation_tally: {
    key: ['unit_id', 'year', 'plan_used'],
    sql: `SELECT p.unit_id, e.year, coalesce(e.plan_used = 1, 0) AS plan_used, count(*) AS n FROM evaluation e JOIN person p ON p.id = e.person_id
           WHERE ${COUNTS} GROUP BY p.unit_id, e.year, coalesce(e.plan_used = 1, 0)`,
  },
} as const;

type TallyName = keyof typeof RECOUNT;

/** Whether this database keeps the tallies (SQLite from schema 13). */
export function keepsTallies(db: Db): boolean {
  if (isPostgres(db)) return false;
  return db.prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('plan_tally', 'evaluation_tally')`).pluck().get() === 2;
}

export interface TallyMismatch {
  table: TallyName;
  unitId: number;
  /** The unit's name, when the unit exists. */
  unitName: string | null;
  year: number;
  /** The day handed in (plan_tally) or whether the plan was used (evaluation_tally). */
  part: string | number;
  kept: number;
  counted: number;
}

/** The rows where a tally differs from the recount (at most `limit`), in key order. */
export function tallyMismatches(db: Db, limit = 1000): TallyMismatch[] {
  if (!keepsTallies(db)) return [];
  const out: TallyMismatch[] = [];
  for (const [table, { key, sql }] of Object.entries(RECOUNT) as [TallyName, (typeof RECOUNT)[TallyName]][]) {
    const kept = `SELECT ${key.join(', ')}, n FROM ${table}`;
    const counted = `SELECT ${key.join(', ')}, n FROM (${sql})`;
    type Row = { unitId: number; year: number; part: string | number; n: number };
    const differing = (a: string, b: string) =>
      db.prepare(`SELECT ${key[0]} AS unitId, ${key[1]} AS year, ${key[2]} AS part, n FROM (${a} EXCEPT ${b}) ORDER BY 1, 2, 3 LIMIT ?`).all(limit) as Row[];
    // A key is wrong when its kept row is not among the recounted ones, or the other way round.
    const byKey = new Map<string, TallyMismatch>();
    const at = (r: Row) => {
      const k = JSON.stringify([r.unitId, r.year, r.part]);
      let m = byKey.get(k);
      if (!m) byKey.set(k, (m = { table, unitId: r.unitId, unitName: unitName.get(r.unitId) ?? null, year: r.year, part: r.part, kept: 0, counted: 0 }));
      return m;
    };
    const keptRows = differing(kept, counted);
    const countedRows = differing(counted, kept);
    const name = db.prepare('SELECT name FROM unit WHERE id = ?').pluck();
    const unitName = new Map([...keptRows, ...countedRows].map((r) => [r.unitId, (name.get(r.unitId) as string | undefined) ?? null]));
    for (const r of keptRows) at(r).kept = r.n;
    for (const r of countedRows) at(r).counted = r.n;
    out.push(...[...byKey.values()].sort((a, b) => a.unitId - b.unitId || a.year - b.year || String(a.part).localeCompare(String(b.part))));
  }
  return out.slice(0, limit);
}

/** Counts the tallies again from the rows (inside the caller's transaction, or in one of its own). */
export function rebuildTallies(db: Db): void {
  if (!keepsTallies(db)) return;
  writeTransaction(db, () => {
    for (const [table, { key, sql }] of Object.entries(RECOUNT)) {
      db.prepare(`DELETE FROM ${table}`).run();
      db.prepare(`INSERT INTO ${table} (${key.join(', ')}, n) ${sql}`).run();
    }
  });
}
