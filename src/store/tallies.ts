/**
 * Counts kept on write (SQLite, migration 13): plans and evaluations of today's members per unit and
 * year, which the compliance report adds up instead of joining every member to their plan. They are
 * derived from other rows by the schema's own triggers: never recorded for undo (undoing the rows
 * undoes them), never copied (the triggers count the copied rows as they go in), and checked against a
 * recount by `thuky db check`, which `--repair` rebuilds them from.
 */
import type { Db } from './db.js';
import { isPostgres } from './pg/database.js';
import { EVALUATION_TALLY_RECOUNT, PLAN_TALLY_RECOUNT } from './migrations/013-compliance-tallies.js';
import { writeTransaction } from './transaction.js';

/** Tables whose rows are counts of other rows, kept by triggers. */
export const DERIVED_TABLES: readonly string[] = ['evaluation_tally', 'plan_tally'];

/** What each tally holds, recounted from the rows (the migration's own first fill), in the tally's own columns. */
const RECOUNT = {
  plan_tally: { key: ['unit_id', 'year', 'submitted_on'], sql: PLAN_TALLY_RECOUNT },
  evaluation_tally: { key: ['unit_id', 'year', 'plan_used'], sql: EVALUATION_TALLY_RECOUNT },
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
    const [unit, year, part] = key.map((k) => `coalesce(k.${k}, c.${k})`);
    const rows = db
      .prepare(
        `SELECT ${unit} AS unitId, u.name AS unitName, ${year} AS year, ${part} AS part, coalesce(k.n, 0) AS kept, coalesce(c.n, 0) AS counted
           FROM ${table} k FULL JOIN (${sql}) c ON ${key.map((k) => `k.${k} = c.${k}`).join(' AND ')}
           LEFT JOIN unit u ON u.id = ${unit}
          WHERE k.n IS NOT c.n
          ORDER BY 1, 3, 4 LIMIT ?`,
      )
      .all(limit - out.length) as Omit<TallyMismatch, 'table'>[];
    for (const r of rows) out.push({ table, ...r });
    if (out.length >= limit) break;
  }
  return out;
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
