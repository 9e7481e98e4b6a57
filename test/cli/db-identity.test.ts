// A file that is not thuky's, or one from a newer version, is refused before anything is changed:
// same bytes, and no -wal or -shm beside it, after every refusal.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { ON_POSTGRES, run, sampleDbPath, tempDir, tempDbPath } from '../helpers.js';

// SQLite files' headers, bytes, -wal and -shm: a PostgreSQL database's identity is thuky_meta's row
// (test/pg/engines.test.ts).

/** Commands that read, write, create and migrate. */
const COMMANDS = [['unit', 'add', 'Phường Mới'], ['unit', 'list'], ['init'], ['db', 'migrate'], ['db', 'info'], ['task', 'list']];

function header(path: string): { applicationId: number; version: number; journal: string } {
  const h = new Database(path, { readonly: true });
  const out = {
    applicationId: h.pragma('application_id', { simple: true }) as number,
    version: h.pragma('user_version', { simple: true }) as number,
    journal: h.pragma('journal_mode', { simple: true }) as string,
  };
  h.close();
  return out;
}

async function expectRefusedUnchanged(path: string, message: RegExp): Promise<void> {
  const before = readFileSync(path);
  for (const argv of COMMANDS) {
    const r = await run(argv, { db: path });
    expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
  }
}

/** Another program's database: tables of its own, in rollback-journal mode unless told. */
function foreignDatabase(opts: { applicationId?: number; userVersion?: number; wal?: boolean; tables?: string[] } = {}): string {
  const path = join(tempDir(), 'other-app.sqlite');
  const h = new Database(path);
  if (opts.wal) h.pragma('journal_mode = WAL');
  for (const t of opts.tables ?? ['notes']) {
    h.exec(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, body TEXT)`);
    h.prepare(`INSERT INTO ${t} (body) VALUES (?)`).run('dữ liệu của chương trình khác');
  }
  if (opts.applicationId) h.pragma(`application_id = ${opts.applicationId}`);
  if (opts.userVersion) h.pragma(`user_version = ${opts.userVersion}`);
  h.close();
  expect(existsSync(`${path}-wal`)).toBe(false);
  return path;
}

const FOREIGN = /không phải là cơ sở dữ liệu của thuky.*Tệp không bị thay đổi/;

describe.skipIf(ON_POSTGRES)('another program\'s file', () => {
  it('refuses an SQLite file with tables of its own (user_version 0), byte for byte unchanged', async () => {
    await expectRefusedUnchanged(foreignDatabase(), FOREIGN);
  });

  it('refuses one marked by another program, and one with a schema version but not thuky\'s tables', async () => {
    await expectRefusedUnchanged(foreignDatabase({ applicationId: 0x12345678, userVersion: 7 }), FOREIGN);
    await expectRefusedUnchanged(foreignDatabase({ userVersion: 1 }), FOREIGN);
    await expectRefusedUnchanged(foreignDatabase({ userVersion: 1, tables: ['unit', 'notes'] }), FOREIGN);
  });

  it('refuses one in WAL mode without creating -wal or -shm beside it', async () => {
    const path = foreignDatabase({ wal: true });
    // Read from the file's header: a read-only SQLite handle would itself leave -wal and -shm behind.
    const bytes = readFileSync(path);
    expect([bytes[18], bytes[19]]).toEqual([2, 2]);
    await expectRefusedUnchanged(path, FOREIGN);
  });

  it('refuses a file that is not SQLite at all', async () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'Ghi chép cuộc họp, không phải cơ sở dữ liệu.\n'.repeat(20));
    await expectRefusedUnchanged(path, FOREIGN);
  });

  it('in English too', async () => {
    const path = foreignDatabase();
    const r = await run(['unit', 'add', 'X', '--lang', 'en'], { db: path });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path} is not a thuky database`);
  });
});

describe.skipIf(ON_POSTGRES)('a database from a newer version', () => {
  it('in rollback-journal mode is refused by readers and writers without being switched to WAL', async () => {
    const path = sampleDbPath();
    const h = new Database(path);
    h.pragma('journal_mode = DELETE');
    h.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    h.close();
    expect(header(path)).toEqual({ applicationId: APPLICATION_ID, version: SCHEMA_VERSION + 1, journal: 'delete' });
    await expectRefusedUnchanged(path, /phiên bản mới hơn.*Tệp không bị thay đổi/);
    expect(header(path).journal).toBe('delete');
  });
});

describe.skipIf(ON_POSTGRES)('thuky\'s own files', () => {
  it('a new database carries thuky\'s mark', async () => {
    const path = tempDbPath();
    expect((await run(['unit', 'add', 'Phường Mới'], { db: path })).code).toBe(0);
    expect(header(path)).toMatchObject({ applicationId: APPLICATION_ID, version: SCHEMA_VERSION });
  });

  it('an empty (0-byte) file is initialised', async () => {
    const path = tempDbPath();
    writeFileSync(path, '');
    expect((await run(['unit', 'add', 'Phường Mới'], { db: path })).code).toBe(0);
    expect(header(path)).toMatchObject({ applicationId: APPLICATION_ID, version: SCHEMA_VERSION, journal: 'wal' });
  });

  it('an older thuky database (no mark) is read as it is, and marked by the first write', async () => {
    const path = sampleDbPath();
    const h = new Database(path);
    h.pragma('journal_mode = DELETE');
    h.pragma('application_id = 0');
    h.close();
    const before = readFileSync(path);
    const list = await run(['unit', 'list', '--json'], { db: path });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(16);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await run(['unit', 'add', 'Phường Mới'], { db: path })).code).toBe(0);
    expect(header(path)).toMatchObject({ applicationId: APPLICATION_ID, version: SCHEMA_VERSION, journal: 'wal' });
    expect((await run(['unit', 'show', 'phuong moi'], { db: path })).code).toBe(0);
  });

  it('a schema-1 thuky database without the mark: readers ask for the migration, the first writer migrates and marks it', async () => {
    const path = tempDbPath();
    const h = new Database(path);
    h.exec(MIGRATIONS[0].sql);
    h.pragma('user_version = 1');
    h.close();
    const before = readFileSync(path);
    const list = await run(['unit', 'list'], { db: path });
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('thuky db migrate');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect((await run(['db', 'migrate'], { db: path })).code).toBe(0);
    expect(header(path)).toMatchObject({ applicationId: APPLICATION_ID, version: SCHEMA_VERSION, journal: 'wal' });
    expect(existsSync(`${path}.before-v${SCHEMA_VERSION}.bak`)).toBe(true);
    expect((await run(['unit', 'list'], { db: path })).code).toBe(0);
  });

  it('an older thuky database whose schema pages lie past its first megabyte is still recognised', async () => {
    const path = sampleDbPath();
    const h = new Database(path);
    h.pragma('journal_mode = DELETE');
    h.exec('CREATE TABLE padding (b BLOB)');
    h.prepare('INSERT INTO padding (b) VALUES (?)').run(Buffer.alloc(2 << 20));
    // Enough new schema entries to need schema pages allocated after the padding.
    for (let i = 0; i < 60; i++) h.exec(`CREATE VIEW padding_view_${i} AS SELECT '${'x'.repeat(200)}' AS x`);
    h.pragma('application_id = 0');
    h.close();
    const before = readFileSync(path);
    expect(before.length).toBeGreaterThan(2 << 20);
    const list = await run(['unit', 'list', '--json'], { db: path });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(16);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('while another connection holds the database open (a -wal beside it), readers and writers still recognise it', async () => {
    const path = tempDbPath();
    const holder = openDatabase(path, { create: true });
    try {
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect((await run(['unit', 'list', '--json'], { db: path })).code).toBe(0);
      expect((await run(['unit', 'add', 'Phường Mới'], { db: path })).code).toBe(0);
      expect((await run(['unit', 'show', 'phuong moi'], { db: path })).code).toBe(0);
    } finally {
      holder.close();
    }
  });
});

describe.skipIf(ON_POSTGRES)('another program holding its WAL database open', () => {
  it('is refused and its main file is unchanged', async () => {
    const path = foreignDatabase({ wal: true });
    const holder = new Database(path);
    try {
      holder.prepare('INSERT INTO notes (body) VALUES (?)').run('chưa ghi vào tệp chính');
      expect(existsSync(`${path}-wal`)).toBe(true);
      const before = readFileSync(path);
      const r = await run(['unit', 'add', 'Phường Mới'], { db: path });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(FOREIGN);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(holder.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 2 });
      expect(holder.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'unit'`).get()).toEqual({ n: 0 });
    } finally {
      holder.close();
    }
  });
});
