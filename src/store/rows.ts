/** Reading rows in an order worked out in JavaScript. */
import type Database from 'better-sqlite3';

/**
 * The full rows of records whose order was worked out from their keys alone (a listing sorted in
 * Vietnamese order): read by batches of ids, one query per 500 rows, and handed out in that order.
 * `byIds` takes a JSON array of ids.
 */
export function* inBatches(sorted: readonly { id: number }[], byIds: Database.Statement): Generator<unknown> {
  for (let i = 0; i < sorted.length; i += 500) {
    const ids = sorted.slice(i, i + 500).map((k) => k.id);
    const found = new Map((byIds.all(JSON.stringify(ids)) as { id: number }[]).map((r) => [r.id, r]));
    for (const id of ids) yield found.get(id);
  }
}
