import { describe, expect, it } from 'vitest';
import { memoryDatabase } from '../../src/store/db.js';
import { addUnit } from '../../src/store/units.js';
import { getTask, taskEvents } from '../../src/store/tasks.js';
import { addTasks } from '../../src/store/task-writes.js';
import { UsageError } from '../../src/errors.js';

const audit = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

function setup() {
  const db = memoryDatabase();
  const a = addUnit(db, audit, { name: 'Phường Bến Nghé', code: 'BN', kind: 'ward' });
  const b = addUnit(db, audit, { name: 'Phường Cầu Kho', code: 'CK', kind: 'ward' });
  return { db, a, b };
}

const count = (db: ReturnType<typeof memoryDatabase>, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('addTasks', () => {
  it('makes one task per unit, grouped, with a history and change-log lines', () => {
    const { db, a, b } = setup();
    const ids = addTasks(db, audit, { title: '  Nộp  báo cáo ', unitIds: [a, b], startOn: '2017-07-01', dueOn: '2017-07-31' });
    expect(ids).toHaveLength(2);
    const [t1, t2] = ids.map((id) => getTask(db, id)!);
    expect(t1.title).toBe('Nộp báo cáo');
    expect(t1.groupId).not.toBeNull();
    expect(t2.groupId).toBe(t1.groupId);
    expect([t1.unitId, t2.unitId]).toEqual([a, b]);
    expect(t1).toMatchObject({ kind: 'task', year: 2017, dueOn: '2017-07-31', originalDueOn: '2017-07-31', extensions: 0, percent: 0 });
    expect(taskEvents(db, t1.id).map((e) => e.kind)).toEqual(['created']);
    expect(count(db, "change_log WHERE entity = 'task'")).toBe(2);
  });
  it('does not group a single task and keeps a breakthrough with its target and year', () => {
    const { db, a } = setup();
    const [id] = addTasks(db, audit, { title: 'Khâu đột phá', unitIds: [a], startOn: '2017-02-01', dueOn: null, kind: 'breakthrough', target: '5 hẻm', year: 2017, illustrative: true });
    expect(getTask(db, id)).toMatchObject({ groupId: null, kind: 'breakthrough', target: '5 hẻm', dueOn: null, illustrative: true });
  });
  it('refuses a due date before the start, an empty title, no unit — writing nothing', () => {
    const { db, a } = setup();
    const before = count(db, 'change_log');
    expect(() => addTasks(db, audit, { title: 'X', unitIds: [a], startOn: '2017-07-01', dueOn: '2017-06-30' })).toThrow(UsageError);
    expect(() => addTasks(db, audit, { title: ' ', unitIds: [a], startOn: '2017-07-01', dueOn: null })).toThrow(UsageError);
    expect(() => addTasks(db, audit, { title: 'X', unitIds: [], startOn: '2017-07-01', dueOn: null })).toThrow(UsageError);
    expect(count(db, 'task')).toBe(0);
    expect(count(db, 'change_log')).toBe(before);
  });
  it('works inside an outer transaction (as a savepoint) and rolls back with it', () => {
    const { db, a, b } = setup();
    expect(() =>
      db.transaction(() => {
        addTasks(db, audit, { title: 'X', unitIds: [a, b], startOn: '2017-07-01', dueOn: null });
        throw new Error('outer fails');
      })(),
    ).toThrow('outer fails');
    expect(count(db, 'task')).toBe(0);
    db.transaction(() => addTasks(db, audit, { title: 'Y', unitIds: [a], startOn: '2017-07-01', dueOn: null }))();
    expect(count(db, 'task')).toBe(1);
  });
});
