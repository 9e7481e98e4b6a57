/** The change log's row recording: one run per command, full values, rollbacks leave no trace. */
import { describe, expect, it } from 'vitest';
import { currentRunId, finishRecording, logChange, startRecording, writtenRunId } from '../../src/store/changelog.js';
import { memoryDatabase } from '../../src/store/db.js';

const runs = (db: ReturnType<typeof memoryDatabase>) => db.prepare('SELECT count(*) FROM command_run').pluck().get();

describe('row recording', () => {
  it('a run is written only by its first write: a command that writes nothing leaves no run and no write', () => {
    const db = memoryDatabase();
    const version = db.pragma('data_version', { simple: true });
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'unit add' });
    expect(writtenRunId(db)).toBeNull();
    finishRecording(db);
    expect(runs(db)).toBe(0);
    expect(db.pragma('data_version', { simple: true })).toBe(version);
  });

  it('the run row is written with the first recorded row, once, and a rolled-back write takes it away', () => {
    const db = memoryDatabase();
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'unit add' });
    const add = (name: string) => db.prepare("INSERT INTO unit (name, name_folded, kind, created_at) VALUES (?, ?, 'ward', 'x')").run(name, name.toLowerCase());
    expect(() =>
      db.transaction(() => {
        add('A');
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(runs(db)).toBe(0);
    expect(writtenRunId(db)).toBeNull();
    // The row's own id is what the caller sees, not the run's (the trigger's insert does not leak).
    expect(Number(add('B').lastInsertRowid)).toBe((db.prepare("SELECT id FROM unit WHERE name = 'B'").pluck().get() as number));
    add('C');
    expect(runs(db)).toBe(1);
    const id = writtenRunId(db);
    expect(db.prepare('SELECT DISTINCT run_id FROM row_change').pluck().all()).toEqual([id]);
    expect(currentRunId(db)).toBe(id);
  });

  it('a rolled-back transaction leaves no row change; later writes are recorded with full values', () => {
    const db = memoryDatabase();
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'unit add', args: ['unit', 'add', 'X'] });
    const add = (name: string) => db.prepare("INSERT INTO unit (name, name_folded, kind, created_at) VALUES (?, ?, 'ward', 'x')").run(name, name.toLowerCase());
    expect(() =>
      db.transaction(() => {
        add('A');
        throw new Error('bad input found late');
      })(),
    ).toThrow('bad input');
    expect(db.prepare('SELECT count(*) FROM row_change').pluck().get()).toBe(0);
    db.transaction(() => {
      add('B');
      db.prepare("UPDATE unit SET note = 'n' WHERE name = 'B'").run();
      db.prepare("UPDATE unit SET note = 'n' WHERE name = 'B'").run(); // no change: not recorded
      db.prepare("DELETE FROM unit WHERE name = 'B'").run();
    })();
    finishRecording(db);
    expect(db.prepare('SELECT id, command, args FROM command_run').all()).toEqual([{ id: 1, command: 'unit add', args: '["unit","add","X"]' }]);
    const changes = db.prepare('SELECT run_id AS run, tbl, pk, op, before, after FROM row_change ORDER BY id').all() as { run: number; op: string; pk: string; before: string | null; after: string | null }[];
    expect(changes.map((c) => [c.run, c.op, c.pk])).toEqual([
      [1, 'insert', '{"id":1}'],
      [1, 'update', '{"id":1}'],
      [1, 'delete', '{"id":1}'],
    ]);
    expect(JSON.parse(changes[1].before!)).toMatchObject({ name: 'B', note: null, kind: 'ward' });
    expect(JSON.parse(changes[1].after!)).toMatchObject({ name: 'B', note: 'n' });
    expect(JSON.parse(changes[2].before!)).toMatchObject({ name: 'B', note: 'n' });
  });

  it('composite keys are recorded by their columns, and change_log lines carry the run', () => {
    const db = memoryDatabase();
    db.exec("INSERT INTO unit (id, name, name_folded, kind, created_at) VALUES (1, 'A', 'a', 'ward', 'x'), (2, 'B', 'b', 'ward', 'x')");
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'unit edit' });
    db.prepare('INSERT INTO unit_successor (unit_id, successor_id) VALUES (1, 2)').run();
    const id = writtenRunId(db);
    logChange(db, { at: 'x', user: 'u', command: 'unit edit' }, 'unit', 1, 'update');
    expect(db.prepare('SELECT tbl, pk FROM row_change').all()).toEqual([{ tbl: 'unit_successor', pk: '{"unit_id":1,"successor_id":2}' }]);
    expect(db.prepare('SELECT run_id FROM change_log').pluck().all()).toEqual([id]);
    finishRecording(db);
    expect(runs(db)).toBe(1);
  });

  it('a run with only a change log line is kept', () => {
    const db = memoryDatabase();
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'db restore' });
    logChange(db, { at: 'x', user: 'u', command: 'db restore' }, 'database', null, 'restore');
    finishRecording(db);
    expect(db.prepare('SELECT id, command FROM command_run').all()).toEqual([{ id: 1, command: 'db restore' }]);
  });

  it('the command line is stored without the password of a PostgreSQL URL, in whichever form it was given', () => {
    const db = memoryDatabase();
    const args = ['unit', 'add', 'X', '--db', 'postgresql://thuky:s3cr%40t:x@db.quan1.vn:5432/thuky', '--to=postgres://u:p@h/d?sslmode=require', 'postgresql://u@h/d', 'a:b@c'];
    startRecording(db, { at: '2026-12-01T00:00:00Z', user: 'u', command: 'unit add', args });
    db.prepare("INSERT INTO unit (name, name_folded, kind, created_at) VALUES ('A', 'a', 'ward', 'x')").run();
    finishRecording(db);
    expect(JSON.parse(db.prepare('SELECT args FROM command_run').pluck().get() as string)).toEqual([
      'unit', 'add', 'X', '--db', 'postgresql://thuky@db.quan1.vn:5432/thuky', '--to=postgres://u@h/d?sslmode=require', 'postgresql://u@h/d', 'a:b@c',
    ]);
  });
});
