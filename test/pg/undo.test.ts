/**
 * Undo on PostgreSQL: the tables' triggers record each row change of a command (pg/migrations/005),
 * and `undo` puts the data back as it was, as on SQLite, with the same messages.
 */
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { connectPostgres } from '../../src/store/pg/open.js';
import { withoutPassword } from '../../src/store/pg/url.js';

const HISTORY = new Set(['change_log', 'row_change', 'command_run']);
const env = { THUKY_TODAY: '2017-12-31' };
const now = new Date('2026-11-27T03:00:00Z');

/** Every data row of the database, table by table, in a fixed order. */
function dump(url: string): Record<string, string[]> {
  const db = connectPostgres(withoutPassword(url));
  try {
    const out: Record<string, string[]> = {};
    for (const t of db.tableNames().filter((n) => !HISTORY.has(n))) out[t] = db.query(`SELECT row_to_json(x)::text FROM "${t}" x`).rows.map((r) => r[0] as string).sort();
    return out;
  } finally {
    db.close();
  }
}

const WRITES: string[][] = [
  ['unit', 'add', 'Phường Thử', '--code', 'PT', '--kind', 'ward', '--parent', 'Q1', '--from', '01/01/2017'],
  ['unit', 'edit', 'BN', '--note', 'ghi chú', '--successor', 'CK'],
  ['person', 'edit', 'huynh thanh hai', '--position', 'Bí thư Quận ủy', '--inactive'],
  ['task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017'],
  ['task', 'done', '61', '62', '--on', '25/12/2017'],
  ['task', 'extend', '61', '--due', '31/01/2018', '--reason', 'chờ', '--on', '01/11/2017'],
  ['meeting', 'add', '--date', '15/01/2018', '--kind', 'giao-ban', '--title', 'Giao ban', '--chair', 'huynh thanh hai', '--invite', 'all-wards', '--doc', '05-CT/TW'],
  ['meeting', 'conclude', '3', '--text', 'Các phường hoàn thành', '--assign', 'cau kho', '--within', '30d', '--force'],
  ['evaluation', 'edit', '1', '--result', 'hoan-thanh', '--score', '78,5', '--no-plan-used'],
  ['activity', 'remove', '3', '4', '--reason', 'nhập trùng', '-y'],
  ['doc', 'remove', '05-CT/TW', '--reason', 'thử', '--with-dependants', '-y'],
  ['unit', 'remove', 'ben nghe', '--reason', 'thử', '--with-dependants', '-y'],
];

describe.skipIf(!PG_ADMIN)('undo on PostgreSQL', () => {
  it.each(WRITES.map((w) => [w.slice(0, 2).join(' '), w] as const))('%s: undo gives back the state before, undoing the undo the state after, as on SQLite', async (_name, argv) => {
    const file = sampleDbPath();
    const db = freshPgDatabase();
    expect((await run(['db', 'copy', '--from', file, '--to', db], { env })).code).toBe(0);
    const before = dump(db);
    const steps = [argv, ['undo', '--list'], ['undo', '-y'], ['undo', '-y'], ['log', '--limit', '4']];
    const outputs: string[][] = [];
    for (const [i, step] of steps.entries()) {
      const server = await run(step, { db, env, now });
      const sqlite = await run(step, { db: file, env, now });
      expect(server.code, server.stderr).toBe(0);
      expect([server.stdout, server.stderr]).toEqual([sqlite.stdout, sqlite.stderr]);
      outputs.push([server.stdout]);
      if (i === 0) expect(dump(db)).not.toEqual(before);
      if (i === 2) expect(dump(db)).toEqual(before);
    }
    expect(dump(db)).not.toEqual(before);
    expect(outputs[1][0]).toContain(argv.slice(0, 2).join(' '));
  });

  it('a command that wrote nothing leaves no run behind', async () => {
    const db = freshPgDatabase();
    expect((await run(['db', 'copy', '--from', sampleDbPath(), '--to', db], { env })).code).toBe(0);
    const runs = () => {
      const c = connectPostgres(withoutPassword(db));
      try {
        return c.query('SELECT count(*) FROM command_run').rows[0][0];
      } finally {
        c.close();
      }
    };
    const n = runs();
    expect((await run(['unit', 'add', 'X', '--parent', 'no such unit'], { db, env })).code).toBe(2);
    expect(runs()).toBe(n);
  });
});
