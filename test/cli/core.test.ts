import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { run, runJson, sampleDbPath, tempDbPath, tempDir, WARDS_2017, countRows, ON_POSTGRES, openTestDb } from '../helpers.js';

const counts = (db: string) => countRows(db, ['unit', 'person', 'document', 'change_log']);

describe('init and the database file', () => {
  // The file's mode, its -wal, THUKY_DB's file and its folder: a PostgreSQL database has none of them.
  it.skipIf(ON_POSTGRES)('creates the file with mode 0600 inside a new folder and records the schema version', async () => {
    const db = join(tempDir(), 'deep', 'er', 'thuky.db');
    const r = await run(['init'], { db });
    expect(r.code).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const info = await runJson<{ schemaVersion: number; counts: Record<string, number> }>(['db', 'info'], { db });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.counts.unit).toBe(0);
  });

  it.skipIf(ON_POSTGRES)('a command that fails on a database it was about to create leaves no file behind', async () => {
    for (const argv of [
      ['init', '--sample', 'nope'],
      ['task', 'add', 'Nộp báo cáo', '--unit', 'CK', '--within', '10d'],
      ['person', 'add', 'Nguyễn Văn An', '--unit', 'ben nghe'],
    ]) {
      const db = tempDbPath();
      const r = await run(argv, { db });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(existsSync(db), argv.join(' ')).toBe(false);
      expect(existsSync(`${db}-wal`)).toBe(false);
    }
    // An existing database is never removed, and a command that wrote keeps its file.
    const existing = sampleDbPath();
    expect((await run(['task', 'add', 'X', '--unit', 'nowhere'], { db: existing })).code).toBe(2);
    expect(existsSync(existing)).toBe(true);
    const fresh = tempDbPath();
    expect((await run(['unit', 'add', 'Phường Mới', '--kind', 'ward'], { db: fresh })).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it.skipIf(ON_POSTGRES)('uses THUKY_DB when --db is absent', async () => {
    const db = tempDbPath();
    const r = await run(['init'], { env: { THUKY_DB: db } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(db);
    expect(statSync(db).isFile()).toBe(true);
  });

  it('loads the sample once: a second run duplicates nothing', async () => {
    const db = tempDbPath();
    expect((await run(['init', '--sample', 'quan1-2017'], { db })).code).toBe(0);
    const first = counts(db);
    expect(first.unit).toBe(16);
    expect(first.person).toBeGreaterThanOrEqual(5);
    const again = await run(['init', '--sample', 'quan1-2017'], { db });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('đã có');
    expect(counts(db)).toEqual(first);
  });

  it('an unknown sample is exit 2 and names what exists', async () => {
    const r = await run(['init', '--sample', 'quan9'], { db: tempDbPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('quan1-2017');
  });

  it.skipIf(ON_POSTGRES)('a folder that cannot be written is exit 1 with a clear message', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: use a path below a regular file instead.
      const file = join(tempDir(), 'file');
      writeFileSync(file, 'x');
      const r = await run(['init'], { db: join(file, 'thuky.db') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/không tạo được cơ sở dữ liệu/);
    } else {
      const dir = join(tempDir(), 'ro');
      mkdirSync(dir);
      chmodSync(dir, 0o500);
      const r = await run(['init'], { db: join(dir, 'thuky.db') });
      expect(r.code).toBe(1);
    }
  });

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const db = sampleDbPath();
    const h = openTestDb(db, { raw: true });
    h.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    h.close();
    const before = statSync(db).mtimeMs;
    const before2 = counts(db);
    for (const argv of [['unit', 'list'], ['unit', 'add', 'Phường Mới']]) {
      const r = await run(argv, { db });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('phiên bản mới hơn');
    }
    expect(statSync(db).mtimeMs).toBe(before);
    expect(counts(db)).toEqual(before2);
    const h2 = openTestDb(db, { readonly: true });
    expect(h2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    h2.close();
  });

  it('a report on a missing database says how to create it (exit 1) and creates nothing', async () => {
    const db = join(tempDir(), 'none.db');
    const r = await run(['unit', 'list'], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('thuky init');
  });
});

describe('units', () => {
  it('lists the 10 wards of 2017 and the 4 of 2025, in Vietnamese order', async () => {
    const db = sampleDbPath();
    const w2017 = await runJson<{ name: string }[]>(['unit', 'list', '--kind', 'ward', '--at', '17/06/2017'], { db });
    expect(w2017.map((u) => u.name)).toEqual(WARDS_2017);
    const w2025 = await runJson<{ name: string; predecessors: string[] }[]>(['unit', 'list', '--kind', 'ward', '--at', '2025-12-31'], { db });
    expect(w2025.map((u) => u.name)).toEqual(['Phường Bến Thành', 'Phường Cầu Ông Lãnh', 'Phường Sài Gòn', 'Phường Tân Định']);
    expect(w2025.find((u) => u.name === 'Phường Sài Gòn')!.predecessors).toContain('Phường Bến Nghé');
  });

  it.each(['ben nghe', 'Bến Nghé', 'BEN NGHE', 'BN', 'Phường Bến Nghé'.normalize('NFD')])('unit show %j finds Phường Bến Nghé', async (q) => {
    const u = await runJson<{ name: string; code: string }>(['unit', 'show', q], { db: sampleDbPath() });
    expect(u).toMatchObject({ name: 'Phường Bến Nghé', code: 'BN' });
  });

  it('a name shared by an old and a new ward picks the one that existed on --at', async () => {
    const db = sampleDbPath();
    expect((await runJson<{ code: string }>(['unit', 'show', 'ben thanh', '--at', '17/06/2017'], { db })).code).toBe('BT');
    expect((await runJson<{ code: string }>(['unit', 'show', 'ben thanh', '--at', '01/01/2026'], { db })).code).toBe('BT-2025');
  });

  it('an ambiguous name is exit 2 with the candidates listed', async () => {
    const r = await run(['unit', 'show', 'phuong', '--at', '17/06/2017'], { db: sampleDbPath() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Phường Bến Nghé');
    expect(r.stderr).toContain('Phường Tân Định');
  });

  it('an impossible --at date is exit 2 naming the field and the value', async () => {
    const r = await run(['unit', 'list', '--at', '31/02/2017'], { db: sampleDbPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--at');
    expect(r.stderr).toContain('31/02/2017');
  });

  it('adds and edits a unit, logging both, and refuses an unknown parent without writing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const bad = await run(['unit', 'add', 'Phường Mới', '--parent', 'quan 99'], { db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('quan 99');
    expect(counts(db)).toEqual(before);

    const ok = await run(['unit', 'add', 'Phường  Mới', '--code', 'PM', '--kind', 'ward', '--parent', 'TU-HCM', '--from', '01/07/2025'], { db });
    expect(ok.code).toBe(0);
    const u = await runJson<{ name: string; parentName: string; validFrom: string }>(['unit', 'show', 'phuong moi'], { db });
    expect(u).toMatchObject({ name: 'Phường Mới', parentName: 'Thành ủy Thành phố Hồ Chí Minh', validFrom: '2025-07-01' });

    expect((await run(['unit', 'edit', 'PM', '--to', '31/12/2030'], { db })).code).toBe(0);
    const log = await runJson<{ entity: string; action: string; command: string }[]>(['log', '--entity', 'unit', '--limit', '2'], { db });
    expect(log.map((l) => [l.action, l.command])).toEqual([
      ['update', 'unit edit'],
      ['create', 'unit add'],
    ]);
  });

  it('refuses a bad kind, a reversed validity range and a taken code', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    for (const argv of [
      ['unit', 'add', 'X', '--kind', 'district'],
      ['unit', 'add', 'X', '--from', '01/01/2020', '--to', '01/01/2019'],
      ['unit', 'add', 'X', '--code', 'BN'],
      ['unit', 'add', 'X', '--from', '30/02/2020'],
    ]) {
      const r = await run(argv, { db });
      expect(r.code, argv.join(' ')).toBe(2);
    }
    expect(counts(db)).toEqual(before);
  });

  it('cleans a code typed with spaces, and an empty code clears it (on any number of units)', async () => {
    const db = sampleDbPath();
    expect((await run(['unit', 'edit', 'CK', '--code', '  CK2 '], { db })).code).toBe(0);
    expect(await runJson<{ code: string | null }>(['unit', 'show', 'CK2'], { db })).toMatchObject({ code: 'CK2' });
    for (const code of ['BN', 'BT']) {
      const r = await run(['unit', 'edit', code, '--code', ' '], { db });
      expect(r.code, r.stderr).toBe(0);
    }
    const codes = (await runJson<{ name: string; code: string | null }[]>(['unit', 'list', '--kind', 'ward', '--at', '17/06/2017'], { db }))
      .filter((u) => u.name === 'Phường Bến Nghé' || u.name === 'Phường Bến Thành')
      .map((u) => u.code);
    expect(codes).toEqual([null, null]);
  });
});

describe('people and documents', () => {
  it('finds a person accent-insensitively', async () => {
    const people = await runJson<{ fullName: string; positions: string[] }[]>(['person', 'list', '--search', 'huynh thanh hai'], { db: sampleDbPath() });
    expect(people).toHaveLength(1);
    expect(people[0].fullName).toBe('Huỳnh Thanh Hải');
    expect(people[0].positions).toEqual(['Thành ủy viên', 'Bí thư Quận ủy', 'Chủ tịch HĐND Quận 1']);
  });

  it('finds a person by words in any order, and by the exact name however many names contain it', async () => {
    const db = sampleDbPath();
    expect(await runJson<{ fullName: string }>(['person', 'show', 'hai huynh'], { db })).toMatchObject({ fullName: 'Huỳnh Thanh Hải' });
    for (let i = 1; i <= 55; i++) expect((await run(['person', 'add', `Lê Văn Tường ${i}`], { db })).code).toBe(0);
    expect((await run(['person', 'add', 'Lê Văn Tư'], { db })).code).toBe(0);
    expect(await runJson<{ fullName: string }>(['person', 'show', 'le van tu'], { db })).toMatchObject({ fullName: 'Lê Văn Tư' });
    expect((await run(['person', 'show', 'le van tuong'], { db })).code).toBe(2);
  });

  it('person add with an empty name is exit 2 and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    for (const name of ['', '   ']) {
      const r = await run(['person', 'add', name], { db });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('họ và tên');
    }
    expect(counts(db)).toEqual(before);
  });

  it('adds a person with NFC text and positions, then edits them', async () => {
    const db = sampleDbPath();
    expect((await run(['person', 'add', 'Tôn Nữ Minh Châu'.normalize('NFD'), '--unit', 'ben nghe', '--position', 'Bí thư chi bộ'], { db })).code).toBe(0);
    const p = await runJson<{ fullName: string; unitName: string; id: number }>(['person', 'show', 'ton nu minh chau'], { db });
    expect(p.fullName).toBe('Tôn Nữ Minh Châu'.normalize('NFC'));
    expect(p.unitName).toBe('Phường Bến Nghé');
    const edited = await runJson<{ positions: string[]; isMember: boolean }>(['person', 'edit', String(p.id), '--position', 'Phó Bí thư', '--not-member'], { db });
    expect(edited).toMatchObject({ positions: ['Phó Bí thư'], isMember: false });
  });

  it('shows 05-CT/TW as a directive of the Central Committee of 15/05/2016', async () => {
    const d = await runJson<{ type: string; category: string; issuer: string; issuedOn: string }>(['doc', 'show', '05-CT/TW'], { db: sampleDbPath() });
    expect(d).toMatchObject({ type: 'CT', category: 'directive', issuer: 'TW', issuedOn: '2016-05-15' });
  });

  it('doc add with a malformed code is exit 2, naming the value, and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const r = await run(['doc', 'add', '05/CT-TW'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('05/CT-TW');
    expect(counts(db)).toEqual(before);
  });

  it('doc add stores the canonical code; a second one with the same code is refused', async () => {
    const db = sampleDbPath();
    expect((await run(['doc', 'add', '01-kh/qu', '--title', 'Kế hoạch', '--date', '01/02/2017'], { db })).code).toBe(0);
    expect((await runJson<{ code: string; issuedOn: string }>(['doc', 'show', '01-KH/QU'], { db })).issuedOn).toBe('2017-02-01');
    expect((await run(['doc', 'add', '01-KH/QU'], { db })).code).toBe(2);
  });
});

describe('output conventions', () => {
  it('a pipe gets plain TSV, a terminal a box table', async () => {
    const db = sampleDbPath();
    const pipe = await run(['unit', 'list', '--kind', 'ward', '--at', '17/06/2017'], { db });
    expect(pipe.stdout.split('\n')[0]).toBe('id\tcode\tname\tkind\tparentName\tvalidFrom\tvalidTo\tsuccessors');
    expect(pipe.stdout).not.toMatch(/[┌│]/);
    const tty = await run(['unit', 'list', '--kind', 'ward', '--at', '17/06/2017'], { db, tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).toMatch(/┌/);
    expect(tty.stdout).not.toMatch(/\u001b\[/);
  });

  it('CSV for Excel has a BOM and Vietnamese headings', async () => {
    const r = await run(['unit', 'list', '--format', 'csv'], { db: sampleDbPath() });
    expect(r.stdout.startsWith('\uFEFFMã số,Mã,Tên')).toBe(true);
  });

  it('an empty listing succeeds', async () => {
    const r = await run(['unit', 'list', '--kind', 'commune', '--json'], { db: sampleDbPath() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('speaks English on request', async () => {
    const r = await run(['unit', 'show', 'phuong', '--lang', 'en'], { db: sampleDbPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('matches');
    const r2 = await run(['unit', 'show', 'phuong'], { db: sampleDbPath(), env: { THUKY_LANG: 'en' } });
    expect(r2.stderr).toContain('matches');
  });

  it('usage errors from the parser are exit 2 in Vietnamese', async () => {
    const r = await run(['unit', 'list', '--bogus'], { db: sampleDbPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tùy chọn không hợp lệ');
    expect((await run(['nonsense'])).code).toBe(2);
  });

  it('--help and --version exit 0 and print to stdout', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('thuky');
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('THUKY_TODAY sets today for a whole run', async () => {
    const db = sampleDbPath();
    const at2017 = await runJson<unknown[]>(['unit', 'list', '--kind', 'ward'], { db, env: { THUKY_TODAY: '17/06/2017' } });
    expect(at2017).toHaveLength(14);
    const bad = await run(['unit', 'show', 'ben thanh'], { db, env: { THUKY_TODAY: '31/02/2017' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('THUKY_TODAY');
  });
});
