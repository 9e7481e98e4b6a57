/** edit and remove for the records a person adds; what depends on a record; bad input. */
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { dumpData, run, sampleDbPath, openTestDb, engineDb, queryRows } from '../helpers.js';
import { memoryDatabase } from '../../src/store/db.js';
import { dependantRulesSql, REMOVABLE } from '../../src/store/removal.js';

const ENV = { THUKY_TODAY: '31/12/2017' };

const query = queryRows;

const runs = (db: string) => query<{ n: number }>(db, 'SELECT count(*) AS n FROM command_run')[0].n;

describe('edit and remove', () => {
  it('activity edit 3 --kind hoc-tap, then remove 3 --reason -y: the whole record and the reason are in the change log', async () => {
    const db = sampleDbPath();
    expect((await run(['activity', 'edit', '3', '--kind', 'hoc-tap'], { db, env: ENV })).code).toBe(0);
    expect(query<{ kind: string }>(db, 'SELECT kind FROM activity WHERE id = 3')[0].kind).toBe('hoc-tap');
    const r = await run(['activity', 'remove', '3', '--reason', 'nhập trùng', '-y'], { db, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, 'SELECT * FROM activity WHERE id = 3')).toEqual([]);
    const log = query<{ changes: string }>(db, "SELECT changes FROM change_log WHERE entity = 'activity' AND action = 'delete' AND entity_id = 3");
    expect(JSON.parse(log[0].changes)).toMatchObject({ reason: 'nhập trùng', record: { id: 3, kind: 'hoc-tap', unit_id: 7 } });
    const rowChange = query<{ before: string }>(db, "SELECT before FROM row_change WHERE tbl = 'activity' AND op = 'delete'");
    expect(JSON.parse(rowChange[0].before)).toMatchObject({ id: 3, kind: 'hoc-tap' });
  });

  it('unit remove "ben nghe" --reason x is refused, listing its tasks, meetings and people (exit 2, nothing written)', async () => {
    const db = sampleDbPath();
    const before = dumpData(db);
    const n = runs(db);
    const r = await run(['unit', 'remove', 'ben nghe', '--reason', 'x'], { db, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Phường Bến Nghé');
    expect(r.stderr).toMatch(/9 nhiệm vụ: #1 /);
    expect(r.stderr).toMatch(/3 hội nghị được mời: #1 17\/06\/2017/);
    expect(r.stderr).toMatch(/20 người thuộc đơn vị: #6 Nguyễn Văn An/);
    expect(r.stderr).toContain('--with-dependants');
    expect(dumpData(db)).toEqual(before);
    expect(runs(db)).toBe(n);
  });

  it('--with-dependants takes the dependants along and leaves nothing dangling (db check passes)', async () => {
    const db = sampleDbPath();
    const r = await run(['unit', 'remove', 'ben nghe', '--reason', 'x', '--with-dependants', '-y'], { db, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, 'SELECT id FROM unit WHERE id = 7')).toEqual([]);
    expect(query(db, 'SELECT id FROM task WHERE unit_id = 7')).toEqual([]);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM person WHERE id BETWEEN 6 AND 25 AND unit_id IS NULL')[0].n).toBe(20);
    const check = await run(['db', 'check'], { db });
    expect(check.code, check.stdout).toBe(0);
  });

  it('taking dependants along that would change closed minutes needs --force', async () => {
    const db = sampleDbPath();
    expect((await run(['meeting', 'close', '3'], { db, env: ENV })).code).toBe(0);
    const refused = await run(['unit', 'remove', 'ben nghe', '--reason', 'x', '--with-dependants', '-y'], { db, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('hội nghị 3');
    expect(query(db, 'SELECT id FROM unit WHERE id = 7')).toHaveLength(1);
    const forced = await run(['unit', 'remove', 'ben nghe', '--reason', 'x', '--with-dependants', '--force', '-y'], { db, env: ENV });
    expect(forced.code, forced.stderr).toBe(0);
    expect(query(db, 'SELECT id FROM unit WHERE id = 7')).toEqual([]);
  });

  it('a unit with units under it is refused even with --with-dependants', async () => {
    const db = sampleDbPath();
    const r = await run(['unit', 'remove', 'Q1', '--reason', 'x', '--with-dependants', '-y'], { db, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('đơn vị trực thuộc');
  });

  it('task remove --group removes the group, its tasks and their history', async () => {
    const db = sampleDbPath();
    expect((await run(['task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017'], { db, env: ENV })).code).toBe(0);
    const group = query<{ id: number }>(db, "SELECT id FROM task_group WHERE title = 'Nhầm năm'")[0].id;
    const r = await run(['task', 'remove', '--group', String(group), '--reason', 'nhầm năm', '-y'], { db, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, "SELECT id FROM task WHERE title = 'Nhầm năm'")).toEqual([]);
    expect(query(db, 'SELECT id FROM task_group WHERE id = ?', group)).toEqual([]);
    expect(query(db, 'SELECT id FROM task_event WHERE task_id NOT IN (SELECT id FROM task)')).toEqual([]);
  });

  it('bad input: exit 2 and nothing written', async () => {
    const db = sampleDbPath();
    const before = dumpData(db);
    const n = runs(db);
    const cases: string[][] = [
      ['activity', 'remove', '3'],
      ['activity', 'remove', '3', '--reason', '  '],
      ['task', 'remove', '61'],
      ['unit', 'remove', 'ben nghe'],
      ['plan', 'remove', '1', '--reason', 'x'], // no terminal, no -y
      ['activity', 'remove', 'ba', '--reason', 'x', '-y'],
      ['task', 'edit', '61', '--due', '01/01/2017'],
      ['task', 'edit', '61'],
      ['activity', 'edit', '3', '--kind', 'hat'],
      ['evaluation', 'edit', '1', '--score', '140'],
      ['doc', 'edit', '05-CT/TW', '--code', '12-NQ/TW'],
    ];
    for (const argv of cases) {
      const r = await run(argv, { db, env: ENV });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).not.toContain('không mong đợi');
    }
    expect((await run(['activity', 'remove', '3'], { db, env: ENV })).stderr).toContain('--reason');
    expect(dumpData(db)).toEqual(before);
    expect(runs(db)).toBe(n);
  });

  it('asks on a terminal; "no" removes nothing', async () => {
    const db = sampleDbPath();
    for (const answer of [false, true]) {
      const ctx = memoryContext({ tty: true, env: ENV });
      const asked: string[] = [];
      ctx.prompter = { confirm: async (q: { message: string }) => (asked.push(q.message), answer) } as never;
      expect(await runCli(['evaluation', 'remove', '2', '--reason', 'nhầm', '--db', engineDb(db)], ctx)).toBe(0);
      expect(asked[0]).toMatch(/^Xóa đánh giá #2/);
      expect(query(db, 'SELECT id FROM evaluation WHERE id = 2').length).toBe(answer ? 0 : 1);
    }
  });

  it('doc edit, task edit --group and evaluation edit change what they say', async () => {
    const db = sampleDbPath();
    expect((await run(['doc', 'edit', '05-CT/TW', '--title', 'Về đẩy mạnh học tập', '--date', '15/05/2016'], { db, env: ENV })).code).toBe(0);
    expect(query(db, "SELECT title, title_folded, issued_on FROM document WHERE code = '05-CT/TW'")).toEqual([{ title: 'Về đẩy mạnh học tập', title_folded: 've day manh hoc tap', issued_on: '2016-05-15' }]);
    expect((await run(['task', 'edit', '--group', '1', '--title', 'Tên mới'], { db, env: ENV })).code).toBe(0);
    expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM task WHERE group_id = 1 AND title = 'Tên mới'")[0].n).toBe(10);
    expect((await run(['evaluation', 'edit', '1', '--result', 'xuat-sac', '--score', '95'], { db, env: ENV })).code).toBe(0);
    expect(query(db, 'SELECT result, score FROM evaluation WHERE id = 1')).toEqual([{ result: 'xuat-sac', score: 95 }]);
  });
});

describe('every reference to a removable record is handled', () => {
  // Task history goes with its task (deleteTasks); the rest must be named by a rule.
  const HANDLED = new Set(['task_event.task_id']);
  it.each(REMOVABLE)('%s: each foreign key pointing at its table has a rule', (kind) => {
    const db = memoryDatabase();
    const sql = dependantRulesSql(kind);
    const mentions = (word: string) => new RegExp(`\\b${word}\\b`).test(sql);
    const missing: string[] = [];
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[])
      for (const fk of db.pragma(`foreign_key_list("${t}")`) as { table: string; from: string }[])
        if (fk.table === kind && !HANDLED.has(`${t}.${fk.from}`) && !(mentions(t) && mentions(fk.from))) missing.push(`${t}.${fk.from}`);
    db.close();
    expect(missing).toEqual([]);
  });

  it('a person with past memberships, a unit whose members moved, tasks carried over: removed in order, nothing dangling', async () => {
    const db = sampleDbPath();
    expect((await run(['person', 'add', 'Người Chuyển', '--unit', 'BN'], { db })).code).toBe(0);
    expect((await run(['person', 'edit', 'Người Chuyển', '--unit', 'CK', '--since', '01/01/2018'], { db })).code).toBe(0);
    const refused = await run(['person', 'remove', 'Người Chuyển', '--reason', 'nhập nhầm', '-y'], { db });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('quá trình sinh hoạt ở các đơn vị trước');
    // Dates in a dependant's label print dd/MM/yyyy wherever they stand.
    expect(refused.stderr).toMatch(/#\d+ … – 31\/12\/2017/);
    expect((await run(['plan', 'add', '--person', 'Người Chuyển', '--unit', 'CK', '--year', '2018', '--content', 'Kế hoạch'], { db })).code).toBe(0);
    // A plan is named by its year, in no one language.
    const en = await run(['person', 'remove', 'Người Chuyển', '--reason', 'nhập nhầm', '-y', '--lang', 'en'], { db });
    expect(en.stderr).toMatch(/1 personal plans?: #\d+ 2018\n/);
    expect((await run(['person', 'remove', 'Người Chuyển', '--reason', 'nhập nhầm', '-y', '--with-dependants'], { db })).code).toBe(0);
    expect((await run(['unit', 'merge', 'NTB', '--into', 'SG', '--on', '01/07/2025'], { db })).code).toBe(0);
    const h = openTestDb(db, { readonly: true });
    const copies = h.prepare('SELECT id, carried_from_id AS fromId FROM task WHERE carried_from_id IS NOT NULL ORDER BY id').all() as { id: number; fromId: number }[];
    h.close();
    expect(copies).toHaveLength(2);
    // The tasks carried over to Sài Gòn hold on to the originals: those cannot go first, nor the old ward with them.
    const original = await run(['task', 'remove', String(copies[0].fromId), '--reason', 'nhập nhầm', '-y'], { db });
    expect(original.code).toBe(2);
    expect(original.stderr).toContain(`#${copies[0].id}`);
    expect((await run(['unit', 'remove', 'NTB', '--reason', 'nhập nhầm', '-y', '--with-dependants'], { db })).code).toBe(2);
    expect((await run(['task', 'remove', ...copies.map((c) => String(c.id)), '--reason', 'nhập nhầm', '-y'], { db })).code).toBe(0);
    expect((await run(['unit', 'remove', 'NTB', '--reason', 'nhập nhầm', '-y', '--with-dependants'], { db })).code).toBe(0);
    const check = await run(['db', 'check', '--json'], { db });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, problems: [] });
  });
});
