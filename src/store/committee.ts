/** The committee a set of units answers to: the heading of the documents written about them. */
import type { Db } from './db.js';

export interface Committee {
  name: string;
  parentName: string | null;
}

/**
 * The parent most of the units share (Quận ủy Quận 1 for the wards of District 1), with its own parent.
 * Grouped by g.id too (one per parent): PostgreSQL reads only columns its groups determine.
 */
export function committeeOf(db: Db, unitIds: number[]): Committee | null {
  if (!unitIds.length) return null;
  const row = db
    .prepare(
      `SELECT p.name AS name, g.name AS parentName, COUNT(*) AS n
         FROM unit u JOIN unit p ON p.id = u.parent_id LEFT JOIN unit g ON g.id = p.parent_id
        WHERE u.id IN (SELECT value FROM json_each(?))
        GROUP BY p.id, g.id ORDER BY n DESC, p.id LIMIT 1`,
    )
    .get(JSON.stringify(unitIds)) as { name: string; parentName: string | null } | undefined;
  return row ? { name: row.name, parentName: row.parentName } : null;
}
