/**
 * SQLite's pragmas that the store calls, answered from PostgreSQL: the schema version and mark
 * from thuky_meta, a table's columns and references from the catalogue, settings that only
 * concern SQLite's file (journal, busy timeout) accepted and ignored.
 */
import type { PgDatabase } from './database.js';

const IGNORED = /^(busy_timeout|journal_mode|synchronous|foreign_keys|query_only|wal_checkpoint)\b/i;

function meta(db: PgDatabase, column: 'user_version' | 'application_id'): number {
  const exists = db.query(`SELECT to_regclass('thuky_meta') IS NOT NULL`).rows[0][0];
  if (!exists) return 0;
  const row = db.query(`SELECT ${column} FROM thuky_meta`).rows[0];
  return row ? Number(row[0]) : 0;
}

export function pragma(db: PgDatabase, source: string, opts: { simple?: boolean }): unknown {
  const text = source.trim();
  const set = /^(\w+)\s*=\s*(.+)$/.exec(text);
  const call = /^(\w+)\s*\(\s*"?([^")]*)"?\s*\)$/.exec(text);
  const rows = ((): Record<string, unknown>[] => {
    if (set) {
      const [, name, value] = set;
      if (name === 'user_version' || name === 'application_id') {
        db.query(`UPDATE thuky_meta SET ${name} = $1`, [Number(value)]);
        return [];
      }
      if (name === 'defer_foreign_keys') {
        if (/^(on|1|true)$/i.test(value.trim())) db.execNative('SET CONSTRAINTS ALL DEFERRED');
        return [];
      }
      if (IGNORED.test(name)) return [];
    } else if (call) {
      const [, name, table] = call;
      if (name === 'table_info') return tableInfo(db, table);
      if (name === 'foreign_key_list') return foreignKeys(db, table);
      if (IGNORED.test(name)) return [];
    } else {
      if (text === 'user_version' || text === 'application_id') return [{ [text]: meta(db, text) }];
      if (text === 'foreign_keys') return [{ foreign_keys: 1 }];
      if (text === 'foreign_key_check') return [];
      if (text === 'integrity_check') return [{ integrity_check: 'ok' }];
    }
    throw new Error(`PRAGMA ${text} has no PostgreSQL equivalent in thuky`);
  })();
  if (opts.simple) return rows.length ? Object.values(rows[0])[0] : undefined;
  return rows;
}

function tableInfo(db: PgDatabase, table: string): Record<string, unknown>[] {
  const r = db.query(
    `SELECT a.attnum - 1 AS cid, a.attname AS name, upper(format_type(a.atttypid, a.atttypmod)) AS type, a.attnotnull::int AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS dflt_value,
            coalesce((SELECT u.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(k, n) WHERE u.k = a.attnum), 0)::int AS pk
       FROM pg_attribute a
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table],
  );
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
}

function foreignKeys(db: PgDatabase, table: string): Record<string, unknown>[] {
  const r = db.query(
    `SELECT (row_number() OVER (ORDER BY c.conname) - 1)::int AS id, 0 AS seq, f.relname AS "table",
            a.attname AS "from", fa.attname AS "to", 'NO ACTION' AS on_update,
            CASE c.confdeltype WHEN 'c' THEN 'CASCADE' ELSE 'NO ACTION' END AS on_delete, 'NONE' AS match
       FROM pg_constraint c
       JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.conrelid = to_regclass($1)
      ORDER BY c.conname`,
    [table],
  );
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
}
