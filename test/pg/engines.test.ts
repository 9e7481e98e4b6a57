/**
 * thuky on PostgreSQL (the server of test/pg-global-setup.ts): init, db info, db copy both ways,
 * and the same output as on SQLite for the sample's reports, listings and a write.
 */
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, sampleDbPath, tempDbPath } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { UID_TABLES } from '../../src/store/migrations/009-row-uid.js';
import { openDatabase } from '../../src/store/db.js';
import { roundTrips } from '../../src/store/pg/database.js';
import { connectPostgres } from '../../src/store/pg/open.js';
import { withoutPassword } from '../../src/store/pg/url.js';

const PASSWORD = PG_ADMIN ? decodeURIComponent(new URL(PG_ADMIN).password) : '';
const env = { THUKY_TODAY: '2017-12-31' };

/** A connection to a test database, for looking at it from outside thuky. */
function inspect<T>(url: string, fn: (db: ReturnType<typeof connectPostgres>) => T): T {
  const db = connectPostgres(withoutPassword(url));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Info {
  engine?: string;
  serverVersion?: string;
  connection?: string;
  schemaVersion: number;
  counts: Record<string, number>;
}

describe.skipIf(!PG_ADMIN)('PostgreSQL', () => {
  let sqlite: string;
  let pg: string;
  let back: string;
  beforeAll(async () => {
    sqlite = sampleDbPath();
    pg = freshPgDatabase();
    back = tempDbPath();
    const there = await run(['db', 'copy', '--from', sqlite, '--to', pg], { env });
    expect(there.code, there.stderr).toBe(0);
    const home = await run(['db', 'copy', '--from', pg, '--to', back], { env });
    expect(home.code, home.stderr).toBe(0);
  });

  it('init on an empty database creates the schema and records its version', async () => {
    const db = freshPgDatabase();
    const out = await run(['init'], { db, env });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain(`(lược đồ ${SCHEMA_VERSION})`);
    expect(inspect(db, (c) => c.query('SELECT user_version, application_id FROM thuky_meta').rows)).toEqual([[SCHEMA_VERSION, 0x54484b59]]);
    const info = JSON.parse((await run(['db', 'info', '--json'], { db, env })).stdout) as Info;
    expect(info.engine).toBe('postgresql');
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Object.values(info.counts).every((n) => n === 0)).toBe(true);
  });

  it('refuses a schema newer than this version and leaves it as it was', async () => {
    const db = freshPgDatabase();
    expect((await run(['init'], { db, env })).code).toBe(0);
    inspect(db, (c) => c.query('UPDATE thuky_meta SET user_version = 99'));
    for (const args of [['task', 'list'], ['unit', 'add', 'Phường Mới', '--code', 'PM']]) {
      const out = await run(args, { db, env });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('lược đồ 99');
    }
    expect(inspect(db, (c) => c.query('SELECT user_version FROM thuky_meta').rows)).toEqual([[99]]);
    expect(inspect(db, (c) => c.query('SELECT count(*) FROM unit').rows)).toEqual([[0]]);
  });

  it("refuses another program's database untouched", async () => {
    const db = freshPgDatabase();
    inspect(db, (c) => c.execNative('CREATE TABLE invoices (id int)'));
    const out = await run(['init'], { db, env });
    expect(out.code).toBe(1);
    const tables = inspect(db, (c) => c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`).rows.flat());
    expect(tables).toEqual(['invoices']);
  });

  it('db info names the engine, the server and the connection, never the password', async () => {
    const out = await run(['db', 'info'], { db: pg, env });
    expect(out.code, out.stderr).toBe(0);
    const url = new URL(pg);
    expect(out.stdout).toMatch(/^Hệ quản trị: PostgreSQL\nPhiên bản máy chủ: \d+\.\d+/);
    expect(out.stdout).toContain(`Kết nối: postgres@127.0.0.1:${url.port}${url.pathname}\n`);
    expect(out.stdout).toContain(`Lược đồ: ${SCHEMA_VERSION}\n`);
    for (const args of [['db', 'info', '--json'], ['init'], ['log', '--limit', '3']]) {
      const o = await run(args, { db: pg, env });
      expect(o.stdout + o.stderr).not.toContain(PASSWORD);
    }
  });

  it('takes the database from THUKY_DB as well', async () => {
    const out = await run(['db', 'info', '--json'], { env: { ...env, THUKY_DB: pg } });
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as Info).engine).toBe('postgresql');
    // The bridge is loaded here (test/unit/pg-dialect.test.ts checks a SQLite run never loads it).
    expect(roundTrips).toBeGreaterThan(0);
  });

  it('db copy takes the whole history both ways: the same rows in every table', async () => {
    const counts = async (db: string) => (JSON.parse((await run(['db', 'info', '--json'], { db, env })).stdout) as Info).counts;
    const fromFile = await counts(sqlite);
    // The sample's history: hundreds of lines (its plans and its evaluations are one line each).
    expect(fromFile.change_log).toBeGreaterThan(500);
    expect(await counts(pg)).toEqual(fromFile);
    expect(await counts(back)).toEqual(fromFile);
    const history = async (db: string) => (await run(['log', '--json', '--limit', '2000'], { db, env })).stdout;
    expect(await history(pg)).toBe(await history(sqlite));
    expect(await history(back)).toBe(await history(sqlite));
  });

  it("db copy keeps every row's uid both ways; PostgreSQL gives a new row a UUIDv7 of its own", async () => {
    const fileUids = (path: string) => {
      const db = openDatabase(path, { readonly: true });
      try {
        return UID_TABLES.map((t) => db.prepare(`SELECT id, uid FROM ${t} ORDER BY id`).raw().all());
      } finally {
        db.close();
      }
    };
    const fromFile = fileUids(sqlite);
    expect(fromFile[UID_TABLES.indexOf('task')].length).toBeGreaterThan(80);
    expect(inspect(pg, (c) => UID_TABLES.map((t) => c.query(`SELECT id, uid FROM ${t} ORDER BY id`).rows))).toEqual(fromFile);
    expect(fileUids(back)).toEqual(fromFile);
    const db = freshPgDatabase();
    expect((await run(['init'], { db, env })).code).toBe(0);
    const fresh = inspect(db, (c) => {
      c.query(`INSERT INTO task_group (title, created_at) VALUES ('a', '2026-01-01'), ('b', '2026-01-01')`);
      c.query(`SELECT pg_sleep(0.003)`);
      c.query(`INSERT INTO task_group (title, created_at) VALUES ('c', '2026-01-01')`);
      return c.query('SELECT uid FROM task_group ORDER BY id').rows.map((r) => r[0] as string);
    });
    for (const u of fresh) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(fresh).size).toBe(3);
    expect(fresh[2] > fresh[0] && fresh[2] > fresh[1]).toBe(true);
  });

  it('db copy refuses a target that holds data, and changes nothing', async () => {
    const out = await run(['db', 'copy', '--from', sqlite, '--to', pg], { env });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('đã có dữ liệu');
    expect(inspect(pg, (c) => c.query('SELECT count(*) FROM unit').rows)).toEqual([[16]]);
  });

  const SAME = [
    ['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'],
    ['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--json'],
    ['overdue', '--json'],
    ['overdue', '--as-of', '30/06/2017'],
    ['task', 'list', '--json'],
    ['task', 'list', '--status', 'overdue'],
    ['meeting', 'show', '1'],
    ['meeting', 'show', '2', '--json'],
    ['meeting', 'list'],
    ['unit', 'list', '--json'],
    ['person', 'list', '--search', 'nguyen'],
    ['doc', 'list'],
  ];
  it.each(SAME.map((a) => [a.join(' '), a]))('%s: the same output from SQLite and PostgreSQL', async (_name, args) => {
    const file = await run(args as string[], { db: sqlite, env });
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout.length).toBeGreaterThan(100);
    const server = await run(args as string[], { db: pg, env });
    expect({ code: server.code, stdout: server.stdout, stderr: server.stderr }).toEqual({ code: file.code, stdout: file.stdout, stderr: file.stderr });
    const copied = await run(args as string[], { db: back, env });
    expect(copied.stdout).toBe(file.stdout);
  });

  it('a write gives the same record and the same listing afterwards', async () => {
    const db = freshPgDatabase();
    expect((await run(['db', 'copy', '--from', sqlite, '--to', db], { env })).code).toBe(0);
    const file = sampleDbPath();
    const args = ['unit', 'add', 'Phường Thử Nghiệm', '--code', 'TN', '--kind', 'ward', '--json'];
    const a = await run(args, { db: file, env });
    const b = await run(args, { db, env });
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect((await run(['unit', 'list'], { db, env })).stdout).toBe((await run(['unit', 'list'], { db: file, env })).stdout);
  });

  it('db backup writes the whole database to a new owner-only SQLite file, and refuses to overwrite one', async () => {
    const target = tempDbPath();
    const out = await run(['db', 'backup', target], { db: pg, env });
    expect(out.code, out.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect((await run(['log', '--json', '--limit', '2000'], { db: target, env })).stdout).toBe((await run(['log', '--json', '--limit', '2000'], { db: sqlite, env })).stdout);
    expect((await run(['report', 'compliance', '--year', '2017'], { db: target, env })).stdout).toBe((await run(['report', 'compliance', '--year', '2017'], { db: sqlite, env })).stdout);
    const again = await run(['db', 'backup', target], { db: pg, env });
    expect(again.code).toBe(1);
  });

  it('db check finds what it finds on SQLite: nothing on the sample, a day that does not exist once written in', async () => {
    const db = freshPgDatabase();
    expect((await run(['db', 'copy', '--from', sqlite, '--to', db], { env })).code).toBe(0);
    const clean = await run(['db', 'check', '--json'], { db, env });
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, problems: [], schemaVersion: SCHEMA_VERSION });
    inspect(db, (c) => c.query(`UPDATE task SET due_on = '2099-02-30' WHERE id = 61`));
    const bad = await run(['db', 'check', '--json'], { db, env });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toEqual([expect.objectContaining({ kind: 'validation', table: 'task', id: '61' })]);
  });

  it('db restore puts a SQLite backup into an empty database, and refuses one that holds data', async () => {
    const counts = async (db: string) => (JSON.parse((await run(['db', 'info', '--json'], { db, env })).stdout) as Info).counts;
    const empty = freshPgDatabase();
    const restored = await run(['db', 'restore', sqlite, '-y'], { db: empty, env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toContain(`Đã khôi phục ${sqlite} vào`);
    expect(restored.stderr).not.toContain(PASSWORD);
    const fromFile = await counts(sqlite);
    const onServer = await counts(empty);
    // The same rows, and one more line in the change log: the restore itself.
    expect({ ...onServer, change_log: onServer.change_log - 1 }).toEqual(fromFile);
    const again = await run(['db', 'restore', sqlite, '-y'], { db: empty, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('trên máy chủ PostgreSQL chỉ khôi phục vào cơ sở dữ liệu trống');
    expect(again.stderr).not.toContain(PASSWORD);
    expect(await counts(empty)).toEqual(onServer);
  });
});
