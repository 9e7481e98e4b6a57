/** Every row of every table of a database file, as one string: equal snapshots mean nothing was written. */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export function dbSnapshot(path: string): string {
  const h = new Database(path, { readonly: true });
  try {
    const tables = (h.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const hash = createHash('sha256');
    for (const t of tables) {
      hash.update(`\n#${t}\n`);
      for (const row of h.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    h.close();
  }
}
