// task list --status filters in SQL; the result must be exactly what classifying every task gives.
import { describe, expect, it } from 'vitest';
import { classifyTask } from '../../src/domain/tasks.js';
import { STATUS_FILTERS } from '../../src/cli/commands/tasks/shared.js';
import { runJson, sampleDbPath } from '../helpers.js';

interface Row {
  id: number;
  status: string;
  carriedOver: boolean;
  dueOn: string | null;
  doneOn: string | null;
  cancelledOn: string | null;
  startOn: string;
}

describe('task list --status', () => {
  const db = sampleDbPath();

  for (const asOf of ['2017-06-30', '2017-09-25', '2017-12-31', '2018-03-01']) {
    it(`agrees with classifyTask for every status on ${asOf}`, async () => {
      const all = await runJson<Row[]>(['task', 'list', '--as-of', asOf], { db });
      expect(all.length).toBeGreaterThan(30);
      for (const s of STATUS_FILTERS) {
        const listed = await runJson<Row[]>(['task', 'list', '--status', s, '--as-of', asOf], { db });
        const expected = all.filter((r) => {
          const status = classifyTask(r, asOf);
          const open = ['in_progress', 'due_soon', 'overdue', 'no_deadline'].includes(status);
          if (s === 'open') return open;
          if (s === 'done') return status.startsWith('done');
          if (s === 'carried_over') return r.carriedOver;
          return status === s;
        });
        expect(listed.map((r) => r.id).sort((a, b) => a - b), `${s} on ${asOf}`).toEqual(expected.map((r) => r.id).sort((a, b) => a - b));
      }
    });
  }

  it('several statuses are a union', async () => {
    const over = await runJson<Row[]>(['task', 'list', '--status', 'overdue', '--as-of', '2017-12-31'], { db });
    const soon = await runJson<Row[]>(['task', 'list', '--status', 'due_soon', '--as-of', '2017-12-31'], { db });
    const both = await runJson<Row[]>(['task', 'list', '--status', 'overdue', 'due_soon', '--as-of', '2017-12-31'], { db });
    expect(over.length).toBe(5);
    expect(both.length).toBe(over.length + soon.length);
    // Open and closed statuses together: read from different places, listed together by due date.
    const late = await runJson<Row[]>(['task', 'list', '--status', 'done_late', '--as-of', '2017-12-31'], { db });
    const mixed = await runJson<Row[]>(['task', 'list', '--status', 'overdue', 'done_late', '--as-of', '2017-12-31'], { db });
    expect(late.length).toBe(6);
    expect(mixed.map((r) => r.id).sort((a, b) => a - b)).toEqual([...over, ...late].map((r) => r.id).sort((a, b) => a - b));
    const dues = mixed.map((r) => r.dueOn ?? '9999');
    expect(dues).toEqual([...dues].sort());
  });
});
