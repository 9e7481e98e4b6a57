/**
 * How fresh each ward's data is, in the city's reports (overdue, report compliance): a line per ward
 * after the table ("Số liệu của Phường X đến 01/12/2026 21:41"), a `freshness` array in JSON, and
 * with --fresh-within the rows of staler wards left out, with a note naming them. A database that
 * replicates with no ward gets nothing: its output stays as it was, byte for byte.
 */
import { formatLocalMinute } from '../domain/datetime.js';
import type { Db } from '../store/db.js';
import { SPAN, wardFreshness, type WardFreshness } from '../store/pg/sync/status.js';
import type { Env } from './env.js';

export interface FreshnessView {
  /** For JSON: each ward and when its data is from (ISO, null: nothing received since setup). */
  json: { unit: string; asOf: string | null }[];
  /** The lines after the table: one per ward, then the note naming the wards left out. */
  lines: string[];
  /** Wards whose rows --fresh-within leaves out. */
  leftOut: WardFreshness[];
  /** Whether a row (its unit, and its own id when it has one in a ward's block) is a left-out ward's. */
  isLeftOut(unitId: number, rowId?: number): boolean;
}

/** The freshness of the wards, or null when the database replicates with none. */
export function readFreshness(env: Env, db: Db, freshWithinMs: number | undefined, freshWithinText?: string): FreshnessView | null {
  const wards = wardFreshness(db);
  if (!wards.length) return null;
  const now = env.ctx.now().getTime();
  // A ward never heard from since setup counts from setup.
  const leftOut = freshWithinMs === undefined ? [] : wards.filter((w) => now - Date.parse(w.asOf ?? w.setAt) > freshWithinMs);
  const units = new Set(leftOut.map((w) => w.unitId));
  const blocks = new Set(leftOut.map((w) => w.officeNo));
  const lines = wards.map((w) =>
    w.asOf ? env.t('sync.fresh.line', { unit: w.unitName, asOf: formatLocalMinute(w.asOf) }) : env.t('sync.fresh.never', { unit: w.unitName, setAt: formatLocalMinute(w.setAt) }),
  );
  if (leftOut.length) lines.push(env.t('sync.fresh.leftOut', { units: leftOut.map((w) => w.unitName).join(', '), limit: freshWithinText ?? '' }));
  return {
    json: wards.map((w) => ({ unit: w.unitName, asOf: w.asOf })),
    lines,
    leftOut,
    isLeftOut: (unitId, rowId) => units.has(unitId) || (rowId !== undefined && blocks.has(Math.floor(rowId / SPAN))),
  };
}

/** The JSON of a report with its freshness: the same object when there is none. */
export function withFreshness<T extends object>(json: T, view: FreshnessView | null): T | (T & { freshness: FreshnessView['json']; leftOut?: string[] }) {
  if (!view) return json;
  return { ...json, freshness: view.json, ...(view.leftOut.length ? { leftOut: view.leftOut.map((w) => w.unitName) } : {}) };
}
