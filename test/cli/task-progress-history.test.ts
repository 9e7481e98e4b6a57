// A reopened task has the progress it has now, not 100%; a report of a past day shows that day's progress.
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath } from '../helpers.js';

interface View {
  id: number;
  percent: number;
  doneOn: string | null;
  events?: { kind: string; percent: number | null; onDate: string }[];
}
interface OverdueItem {
  id: number;
  percent: number;
  daysOverdue: number;
}

/** A task in Phường Bến Nghé due 30/09/2017, at 40% on 01/09, done on 15/10/2017. */
async function finishedTask(db: string): Promise<number> {
  const [t] = await runJson<View[]>(['task', 'add', 'Báo cáo chuyên đề', '--unit', 'BN', '--start', '01/08/2017', '--due', '30/09/2017'], { db });
  expect((await run(['task', 'progress', String(t.id), '--percent', '40', '--on', '01/09/2017'], { db })).code).toBe(0);
  expect((await run(['task', 'done', String(t.id), '--on', '15/10/2017'], { db })).code).toBe(0);
  return t.id;
}

async function overdueItem(db: string, asOf: string, id: number, tty = false): Promise<OverdueItem | undefined> {
  const r = await run(['overdue', '--json', '--as-of', asOf], { db, tty });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { overdue: OverdueItem[] }).overdue.find((i) => i.id === id);
}

describe('task reopen --percent', () => {
  it('by default takes the last progress recorded before completion, and records it', async () => {
    const db = sampleDbPath();
    const id = await finishedTask(db);
    expect((await runJson<View>(['task', 'show', String(id)], { db })).percent).toBe(100);
    expect((await run(['task', 'reopen', String(id), '--reason', 'Thiếu số liệu', '--on', '20/10/2017'], { db })).code).toBe(0);
    const shown = await runJson<View>(['task', 'show', String(id)], { db });
    expect(shown).toMatchObject({ percent: 40, doneOn: null });
    expect(shown.events!.at(-1)).toMatchObject({ kind: 'reopen', percent: 40, onDate: '2017-10-20' });
    const item = await overdueItem(db, '31/10/2017', id);
    expect(item).toMatchObject({ percent: 40, daysOverdue: 31 });
    const text = await run(['overdue', '--as-of', '31/10/2017', '--unit', 'BN'], { db });
    expect(text.stdout).toMatch(/quá hạn 31 ngày; 40%/);
    expect(text.stdout).not.toMatch(/quá hạn 31 ngày; 100%/);
  });

  it('takes the percent given, and 0 when nothing was recorded before completion', async () => {
    const db = sampleDbPath();
    const id = await finishedTask(db);
    expect((await run(['task', 'reopen', String(id), '--percent', '80', '--reason', 'Thiếu số liệu', '--on', '20/10/2017'], { db })).code).toBe(0);
    expect((await runJson<View>(['task', 'show', String(id)], { db })).percent).toBe(80);
    expect((await run(['task', 'done', String(id), '--on', '25/10/2017'], { db })).code).toBe(0);
    // The second completion came after 80%: reopening again defaults to 80.
    expect((await run(['task', 'reopen', String(id), '--reason', 'Lại thiếu', '--on', '26/10/2017'], { db })).code).toBe(0);
    expect((await runJson<View>(['task', 'show', String(id)], { db })).percent).toBe(80);

    const [bare] = await runJson<View[]>(['task', 'add', 'Việc làm một lần', '--unit', 'BN', '--start', '01/08/2017', '--due', '30/09/2017'], { db });
    await run(['task', 'done', String(bare.id), '--on', '01/09/2017'], { db });
    await run(['task', 'reopen', String(bare.id), '--reason', 'Làm lại', '--on', '02/09/2017'], { db });
    expect((await runJson<View>(['task', 'show', String(bare.id)], { db })).percent).toBe(0);
  });

  it('a cancelled task reopens with the progress it had', async () => {
    const db = sampleDbPath();
    const [t] = await runJson<View[]>(['task', 'add', 'Việc bị hủy', '--unit', 'BN', '--start', '01/08/2017', '--due', '30/09/2017'], { db });
    await run(['task', 'progress', String(t.id), '--percent', '30', '--on', '01/09/2017'], { db });
    await run(['task', 'cancel', String(t.id), '--reason', 'Trùng việc', '--on', '02/09/2017'], { db });
    await run(['task', 'reopen', String(t.id), '--reason', 'Không trùng', '--on', '03/09/2017'], { db });
    expect((await runJson<View>(['task', 'show', String(t.id)], { db })).percent).toBe(30);
  });

  it('a percent out of range is exit 2 and nothing is written', async () => {
    const db = sampleDbPath();
    const id = await finishedTask(db);
    for (const bad of ['101', '-1', 'x', '']) {
      const r = await run(['task', 'reopen', String(id), '--percent', bad, '--reason', 'x', '--on', '20/10/2017'], { db });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--percent');
    }
    expect((await runJson<View>(['task', 'show', String(id)], { db })).doneOn).toBe('2017-10-15');
  });
});

describe('overdue --as-of shows the progress of that day', () => {
  it('a task finished later shows the percent it had on the day, in both JSON forms and in text', async () => {
    const db = sampleDbPath();
    const id = await finishedTask(db);
    expect(await overdueItem(db, '01/10/2017', id)).toMatchObject({ percent: 40, daysOverdue: 1 });
    expect(await overdueItem(db, '01/10/2017', id, true)).toMatchObject({ percent: 40, daysOverdue: 1 });
    const text = await run(['overdue', '--as-of', '01/10/2017', '--unit', 'BN'], { db });
    expect(text.stdout).toMatch(/quá hạn 1 ngày; 40%/);
    expect(text.stdout).not.toMatch(/100%/);
  });

  it('progress recorded after the day is not shown; none recorded yet shows no percent', async () => {
    const db = sampleDbPath();
    const [t] = await runJson<View[]>(['task', 'add', 'Báo cáo muộn', '--unit', 'BN', '--start', '01/08/2017', '--due', '30/09/2017'], { db });
    await run(['task', 'progress', String(t.id), '--percent', '70', '--on', '10/10/2017'], { db });
    expect(await overdueItem(db, '05/10/2017', t.id)).toMatchObject({ percent: 0, daysOverdue: 5 });
    expect(await overdueItem(db, '15/10/2017', t.id)).toMatchObject({ percent: 70, daysOverdue: 15 });
  });
});
