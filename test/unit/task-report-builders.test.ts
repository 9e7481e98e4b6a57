/** The task report builders called directly, without a command line: data in, report as data out. */
import { describe, expect, it } from 'vitest';
import { yearPeriod } from '../../src/domain/periods.js';
import { translator } from '../../src/i18n/index.js';
import { buildOverdueReport } from '../../src/reports/overdue.js';
import { buildTaskReport } from '../../src/reports/tasks.js';
import { openSample, run, sampleDbPath } from '../helpers.js';

const t = translator('vi');

describe('report builders outside the command line', () => {
  it('buildOverdueReport gives the rows, counts and order that `overdue --json` prints', async () => {
    const db = openSample();
    const report = buildOverdueReport(db, t, { asOf: '2017-12-31', dueWithin: null });
    const printed = JSON.parse((await run(['overdue', '--as-of', '31/12/2017', '--json'], { db: sampleDbPath() })).stdout);
    expect(report.counts.overdue).toBe(report.overdue.length);
    expect(report.overdue.map((i) => i.id)).toEqual(printed.overdue.map((i: { id: number }) => i.id));
    expect(report.counts).toEqual(printed.counts);
    expect(report.dueSoon).toEqual([]);
    // Every item is past its limit on the day, the most overdue first within a unit.
    for (const i of report.overdue) expect(i.dueOn < '2017-12-31' && i.daysOverdue! >= 1).toBe(true);
    for (let k = 1; k < report.overdue.length; k++)
      if (report.overdue[k].unitId === report.overdue[k - 1].unitId) expect(report.overdue[k].dueOn >= report.overdue[k - 1].dueOn).toBe(true);
  });

  it('buildTaskReport sums its units into the total and names its bases in the language asked', () => {
    const db = openSample();
    const report = buildTaskReport(db, 'en', translator('en'), { period: yearPeriod(2017), asOf: '2017-12-31', warnDays: 7 });
    expect(report.period).toMatchObject({ code: '2017', from: '2017-01-01', to: '2017-12-31' });
    const sum = (k: 'assigned' | 'overdue' | 'doneOnTime') => report.units.reduce((n, u) => n + u[k], 0);
    expect(report.total.assigned).toBe(sum('assigned'));
    expect(report.total.overdue).toBe(sum('overdue'));
    expect(report.total.doneOnTime).toBe(sum('doneOnTime'));
    expect(report.total.assigned).toBeGreaterThan(0);
    expect(report.bases.inProgress).toMatch(/7/);
    expect(report.bases.onTimeRate).toContain('01/01/2017');
  });
});
