// Ids are written #N; a bare number is taken as an id only when no other record has it as its code.
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath } from '../helpers.js';

async function countTasks(db: string): Promise<number> {
  return (await runJson<unknown[]>(['task', 'list'], { db })).length;
}

/** The sample, plus a ward whose code is "5" while unit 5 is the new Phường Bến Thành. */
async function withNumberedWard(): Promise<{ db: string; id: number }> {
  const db = sampleDbPath();
  const created = await runJson<{ id: number }>(['unit', 'add', 'Phường Số Năm', '--code', '5', '--kind', 'ward'], { db });
  expect(created.id).not.toBe(5);
  return { db, id: created.id };
}

describe('a numeric unit code and another unit\'s id', () => {
  it('"5" matching the id of one unit and the code of another is exit 2 listing both', async () => {
    const { db, id } = await withNumberedWard();
    const r = await run(['unit', 'show', '5'], { db });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"5" vừa là mã số của một đơn vị vừa là mã (viết tắt) của đơn vị khác; viết #5');
    expect(r.stderr).toContain('#5\tPhường Bến Thành [BT-2025]');
    expect(r.stderr).toContain(`#${id}\tPhường Số Năm [5]`);
    const en = await run(['unit', 'show', '5', '--lang', 'en'], { db });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('"5" is both the id of one unit and the code of another unit; write #5 for the id');
  });

  it('a command that writes refuses the ambiguous value and writes nothing', async () => {
    const { db } = await withNumberedWard();
    const before = await countTasks(db);
    const r = await run(['task', 'add', 'Báo cáo', '--unit', '5', '--start', '01/08/2025', '--due', '30/09/2025'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Phường Số Năm');
    expect(await countTasks(db)).toBe(before);
  });

  it('#5 is the id, the name is the coded ward; each command gets the unit it asked for', async () => {
    const { db, id } = await withNumberedWard();
    expect((await runJson<{ id: number; name: string }>(['unit', 'show', '#5'], { db })).id).toBe(5);
    expect((await runJson<{ id: number }>(['unit', 'show', 'phuong so nam'], { db })).id).toBe(id);
    expect((await runJson<{ id: number }>(['unit', 'show', `#${id}`], { db })).id).toBe(id);
    const added = await runJson<{ unitId: number }[]>(['task', 'add', 'Báo cáo', '--unit', `#${id}`, '--unit', '#5', '--start', '01/08/2025', '--due', '30/09/2025'], { db });
    expect(added.map((t) => t.unitId).sort((a, b) => a - b)).toEqual([5, id].sort((a, b) => a - b));
  });

  it('a bare number still works when it is only an id, or only a code', async () => {
    const { db, id } = await withNumberedWard();
    expect((await runJson<{ id: number }>(['unit', 'show', '7'], { db })).id).toBe(7);
    const r = await run(['unit', 'edit', '5', '--name', 'Phường Bến Thành mới'], { db });
    expect(r.code).toBe(2);
    // Once no unit has the id 5's twin code, "5" is plain again.
    expect((await run(['unit', 'edit', `#${id}`, '--code', 'SN'], { db })).code).toBe(0);
    expect((await runJson<{ id: number }>(['unit', 'show', '5'], { db })).id).toBe(5);
    // A code that is a number no unit has as an id.
    expect((await run(['unit', 'edit', `#${id}`, '--code', '999'], { db })).code).toBe(0);
    expect((await runJson<{ id: number }>(['unit', 'show', '999'], { db })).id).toBe(id);
  });

  it('an unknown #id: exit 1 where the record is shown, exit 2 where it is an input', async () => {
    const db = sampleDbPath();
    expect((await run(['unit', 'show', '#999'], { db })).code).toBe(1);
    const r = await run(['task', 'add', 'Báo cáo', '--unit', '#999', '--start', '01/08/2017', '--due', '30/09/2017'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('999');
  });
});

describe('#N for every kind of record that takes an id', () => {
  it('people, documents, meetings and tasks', async () => {
    const db = sampleDbPath();
    const person = await runJson<{ id: number; fullName: string }>(['person', 'show', 'huynh thanh hai'], { db });
    expect((await runJson<{ id: number }>(['person', 'show', `#${person.id}`], { db })).id).toBe(person.id);
    const doc = await runJson<{ id: number }>(['doc', 'show', '05-CT/TW'], { db });
    expect((await runJson<{ id: number; code: string }>(['doc', 'show', `#${doc.id}`], { db })).code).toBe('05-CT/TW');
    expect((await runJson<{ id: number }>(['meeting', 'show', '#1'], { db })).id).toBe(1);
    const [task] = await runJson<{ id: number }[]>(['task', 'add', 'Rà soát', '--unit', 'BN', '--meeting', '#1', '--doc', `#${doc.id}`, '--start', '01/08/2017', '--due', '30/09/2017'], { db });
    expect((await runJson<{ id: number; meetingId: number }>(['task', 'show', `#${task.id}`], { db })).meetingId).toBe(1);
    expect((await run(['task', 'done', `#${task.id}`, '--on', '15/09/2017'], { db })).code).toBe(0);
    expect((await runJson<{ doneOn: string }>(['task', 'show', String(task.id)], { db })).doneOn).toBe('2017-09-15');
    expect((await run(['task', 'show', '#x'], { db })).code).toBe(2);
    expect((await run(['meeting', 'show', '#0'], { db })).code).toBe(2);
  });
});
