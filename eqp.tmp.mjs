import Database from 'better-sqlite3';
const db = new Database('/tmp/speed-city-v7.db', { readonly: true });
const sql = process.argv[2];
for (const r of db.prepare('EXPLAIN QUERY PLAN ' + sql).all(JSON.parse(process.argv[3] ?? '{}'))) console.log(r.id, r.parent, r.detail);
