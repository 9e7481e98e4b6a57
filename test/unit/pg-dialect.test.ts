import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { roundTrips } from '../../src/store/pg/database.js';
import { translate } from '../../src/store/pg/dialect.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { fromPgpass, isPostgresUrl, targetOf, withoutPassword } from '../../src/store/pg/url.js';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe("SQLite's dialect rewritten for PostgreSQL", () => {
  it('numbers parameters, a named one keeping its number; strings are left alone', () => {
    const t = translate(`SELECT 'it''s ? @x' AS s FROM t WHERE a = ? AND b = @b AND c = @b AND d = ?`);
    expect(squash(t.text)).toBe(`SELECT 'it''s ? @x' AS s FROM t WHERE a = $1 AND b = $2 AND c = $2 AND d = $3`);
    expect(t.params).toEqual([
      { kind: 'positional', index: 0 },
      { kind: 'named', name: 'b' },
      { kind: 'positional', index: 1 },
    ]);
  });

  it('INSERT OR IGNORE, and the id of an inserted row', () => {
    expect(squash(translate('INSERT OR IGNORE INTO unit_successor (unit_id, successor_id) VALUES (?, ?)').text)).toBe(
      'INSERT INTO unit_successor (unit_id, successor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    );
    const t = translate('INSERT INTO task_event (task_id, kind) VALUES (?, ?);');
    expect(t.text).toBe('INSERT INTO task_event (task_id, kind) VALUES ($1, $2) RETURNING id');
    expect(t.returnsId).toBe(true);
  });

  it('sum of a condition counts it as an integer; other sums are left alone', () => {
    expect(squash(translate('SELECT coalesce(sum(pl.submitted_on <= @d), 0) AS onTime, sum(e.plan_used = 1), sum(n), sum(CASE WHEN a = 1 THEN 0.5 ELSE 0 END) FROM t').text)).toBe(
      'SELECT coalesce(sum((pl.submitted_on <= $1)::int), 0) AS "onTime", sum((e.plan_used = 1)::int), sum(n), sum(CASE WHEN a = 1 THEN 0.5 ELSE 0 END) FROM t',
    );
  });

  it("json_object with literal keys: one row_to_json over the values named by the keys; other keys by to_json", () => {
    expect(squash(translate(`SELECT json_object('id', t.id, 'it''s', 'x', 'n', NULL, 'c', coalesce((SELECT max(x) FROM y WHERE a = @a), 0)) FROM t`).text)).toBe(
      `SELECT (SELECT row_to_json(thuky_r)::text FROM (SELECT t.id AS "id", 'x' AS "it's", NULL AS "n", coalesce((SELECT max(x) FROM y WHERE a = $1), 0) AS "c") AS thuky_r) FROM t`,
    );
    expect(squash(translate(`SELECT json_object(k, v) FROM t`).text)).toBe(`SELECT ('{' || to_json((k)::text)::text || ':' || coalesce(to_json( v)::text, 'null') || '}') FROM t`);
    // A bare parameter has no type to format it by: the schema's function takes it.
    expect(squash(translate(`SELECT json_object('a', @a) FROM t`).text)).toBe(`SELECT thuky_json_object(json_build_array('a', $1)) FROM t`);
  });

  it('IS between values, camelCase aliases, WHERE 1, functions SQLite names otherwise', () => {
    expect(squash(translate('SELECT a AS unitId FROM t WHERE 1 AND x IS ? AND y IS NOT z AND w IS NOT NULL').text)).toBe(
      'SELECT a AS "unitId" FROM t WHERE true AND x IS NOT DISTINCT FROM $1 AND y IS DISTINCT FROM z AND w IS NOT NULL',
    );
    expect(squash(translate('SELECT ifnull(a, 0), max(a, b), max(c), group_concat(d), instr(e, f) FROM t').text)).toBe(
      `SELECT coalesce(a, 0), greatest(a, b), max(c), string_agg(d::text, ','), strpos(e, f) FROM t`,
    );
    expect(translate('INSERT INTO plan_deadline (year) VALUES (1)').text).toBe('INSERT INTO plan_deadline (year) VALUES (1)');
    expect(squash(translate('SELECT coalesce(a > ?, 1), coalesce(max(ord), 0) + 1 FROM t').text)).toBe('SELECT coalesce(a > $1, true), coalesce(max(ord), 0) + 1 FROM t');
  });

  it("places NULLs where SQLite sorts them, and takes LIMIT -1 as no limit", () => {
    const t = translate('SELECT * FROM t ORDER BY a DESC, lower(b), c ASC LIMIT ?');
    expect(squash(t.text)).toBe('SELECT * FROM t ORDER BY a DESC NULLS LAST, lower(b) NULLS FIRST, c ASC NULLS FIRST LIMIT $1');
    expect(t.limitParams).toEqual([1]);
  });

  it('has one PostgreSQL migration for each SQLite migration, same numbers', () => {
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('PostgreSQL connection strings', () => {
  it('keeps the password out of the name shown', () => {
    const shown = withoutPassword('postgresql://thuky:s3cr%40t@db.local:5433/so?sslmode=require');
    expect(shown).toBe('postgresql://thuky@db.local:5433/so?sslmode=require');
    const t = targetOf(shown, {});
    expect(t).toMatchObject({ user: 'thuky', host: 'db.local', port: 5433, database: 'so', sslmode: 'require', password: 's3cr@t' });
    expect(t.driverUrl).not.toContain('s3cr');
    expect(isPostgresUrl('./thuky.db')).toBe(false);
  });

  it('fills what the URL leaves out from PG* variables and ~/.pgpass (only when others cannot read it)', () => {
    const dir = tempDir();
    const file = join(dir, 'pgpass');
    writeFileSync(file, '# comment\nother:5432:*:*:no\ndb.local:5432:thuky:van\\:thu:pa\\:ss\n');
    chmodSync(file, 0o600);
    const env = { PGHOST: 'db.local', PGUSER: 'van:thu', PGDATABASE: 'thuky', PGPASSFILE: file };
    expect(targetOf('postgresql://', env)).toMatchObject({ host: 'db.local', port: 5432, user: 'van:thu', database: 'thuky', password: 'pa:ss' });
    chmodSync(file, 0o644);
    expect(fromPgpass(env, 'db.local', 5432, 'thuky', 'van:thu')).toBeUndefined();
  });
});

describe('SQLite start-up', () => {
  it('never loads the PostgreSQL bridge', async () => {
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['unit', 'list'], { db: sampleDbPath() })).code).toBe(0);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((p) => /pg-worker|node_modules[\\/]postgres[\\/]/.test(p))).toEqual([]);
    expect(roundTrips).toBe(0);
  });
});
