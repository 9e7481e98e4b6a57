// The reorganisation as history: merging the 10 wards of 2017 into the 4 of 2025 leaves every report
// about 2017 as it was, and the new wards carry the members and the open tasks from 01/07/2025.
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath, openTestDb } from '../helpers.js';

/** The 2025 successor of each 2017 ward (the sample's first successor, by code). */
const MERGES: [string[], string][] = [
  [['BN', 'DK', 'NTB'], 'SG'],
  [['TD'], 'TD-2025'],
  [['BT', 'PNL'], 'BT-2025'],
  [['CK', 'COL', 'CG', 'NCT'], 'COL-2025'],
];

function counts(db: string): string {
  const h = openTestDb(db, { readonly: true });
  const out = ['unit', 'unit_successor', 'person', 'membership_history', 'task', 'task_event', 'change_log'].map((t) => (h.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
  const people = h.prepare('SELECT id, unit_id, unit_since FROM person ORDER BY id').all();
  const tasks = h.prepare('SELECT id, unit_id, cancelled_on FROM task ORDER BY id').all();
  h.close();
  return JSON.stringify({ out, people, tasks });
}

async function reports2017(db: string) {
  return {
    compliance: (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout,
    complianceJson: (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--json'], { db })).stdout,
    overdue: (await run(['overdue', '--as-of', '31/12/2017'], { db })).stdout,
    missing: (await run(['plan', 'list', '--year', '2017', '--missing', '--json'], { db })).stdout,
    detail: (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--detail', 'ben thanh', '--json'], { db })).stdout,
    plans: (await run(['plan', 'list', '--year', '2017', '--unit', 'BN', '--json'], { db })).stdout,
    evaluations: (await run(['evaluation', 'list', '--year', '2017', '--unit', 'BT', '--json'], { db })).stdout,
  };
}

describe('unit merge', () => {
  it('--dry-run shows what would move and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const r = await runJson<{ membersMoved: number; tasks: { fromId: number; toId: number | null; fromUnitName: string }[]; dryRun: boolean }>(
      ['unit', 'merge', 'ben nghe', 'da kao', 'nguyen thai binh', '--into', 'Phường Sài Gòn', '--on', '01/07/2025', '--dry-run'],
      { db },
    );
    expect(r.dryRun).toBe(true);
    expect(r.membersMoved).toBe(60);
    expect(r.tasks.length).toBeGreaterThan(0);
    expect(r.tasks.every((t) => t.toId === null)).toBe(true);
    expect(new Set(r.tasks.map((t) => t.fromUnitName))).toEqual(new Set(['Phường Bến Nghé', 'Phường Đa Kao', 'Phường Nguyễn Thái Bình']));
    expect(counts(db)).toBe(before);
  });

  it('merging the 10 wards of 2017 into the 4 of 2025 leaves the 2017 reports byte-identical', async () => {
    const db = sampleDbPath();
    const before = await reports2017(db);
    expect(before.compliance).toContain('Phường Bến Nghé');
    for (const [olds, into] of MERGES) {
      const r = await run(['unit', 'merge', ...olds, '--into', into, '--on', '01/07/2025'], { db });
      expect(r.code, r.stderr).toBe(0);
    }
    const after = await reports2017(db);
    expect(after).toEqual(before);
  });

  it('the second half of 2025 shows the new wards with the moved members and the carried-over tasks', async () => {
    const db = sampleDbPath();
    const open2017 = await runJson<{ id: number; kind: string; status: string }[]>(['task', 'list', '--unit', 'BN', '--unit', 'DK', '--unit', 'NTB', '--as-of', '30/06/2025'], { db });
    // Open tasks are carried over; breakthroughs only those of the year of the merge (none in the sample).
    const openIds = open2017.filter((t) => t.kind === 'task' && !['done_on_time', 'done_late', 'done_no_deadline', 'cancelled'].includes(t.status)).map((t) => t.id);
    expect(open2017.some((t) => t.kind === 'breakthrough' && !['done_on_time', 'done_late', 'done_no_deadline', 'cancelled'].includes(t.status))).toBe(true);
    expect(openIds).toHaveLength(7);
    for (const [olds, into] of MERGES) expect((await run(['unit', 'merge', ...olds, '--into', into, '--on', '01/07/2025'], { db })).code).toBe(0);

    const report = await runJson<{ units: { name: string; code: string; criteria: { tasks: { overdue: number }; evaluation: { members: number } } }[] }>(
      ['report', 'compliance', '--period', '01/07/2025..31/12/2025', '--as-of', '31/12/2025'],
      { db },
    );
    expect(report.units.map((u) => u.code).sort()).toEqual(['BT-2025', 'COL-2025', 'SG', 'TD-2025']);
    const sg = report.units.find((u) => u.code === 'SG')!;
    expect(sg.criteria.evaluation.members).toBe(60);
    // Of the 7 tasks Sài Gòn took over, the 4 with a time limit (all in 2017) are overdue; 3 have none.
    expect(sg.criteria.tasks.overdue).toBe(4);
    expect(Object.fromEntries(report.units.map((u) => [u.code, u.criteria.tasks.overdue]))).toEqual({ 'BT-2025': 4, 'COL-2025': 13, SG: 4, 'TD-2025': 2 });
    expect(report.units.reduce((n, u) => n + u.criteria.evaluation.members, 0)).toBe(200);

    // Each open task of the old wards: closed on 30/06/2025 as carried over, and a task of Sài Gòn with the same time limit.
    const sgTasks = await runJson<{ id: number; startOn: string; dueOn: string | null; status: string }[]>(['task', 'list', '--unit', 'SG', '--as-of', '31/12/2025'], { db });
    expect(sgTasks).toHaveLength(openIds.length);
    expect(sgTasks.every((t) => t.startOn === '2025-07-01')).toBe(true);
    expect((await run(['task', 'show', String(openIds[0]), '--as-of', '31/12/2025'], { db })).stdout).toContain('đã chuyển sang đơn vị kế thừa');
    for (const id of openIds) {
      const old = await runJson<{ status: string; cancelledOn: string; cancelReason: string; dueOn: string | null }>(['task', 'show', String(id), '--as-of', '31/12/2025'], { db });
      expect(old.status).toBe('transferred');
      expect(old.cancelledOn).toBe('2025-06-30');
      expect(old.cancelReason).toMatch(/^Chuyển sang Phường Sài Gòn \(nhiệm vụ #\d+\)/);
      const newId = Number(/#(\d+)/.exec(old.cancelReason)![1]);
      expect(sgTasks.find((t) => t.id === newId)?.dueOn).toBe(old.dueOn);
    }
    // The meetings that assigned them say the same (not "cancelled").
    const assignedAt: Record<number, string> = {};
    for (const id of [1, 2, 3]) {
      const m = await runJson<{ conclusions: { tasks: { id: number; status: string }[] }[]; otherTasks: { id: number; status: string }[] }>(['meeting', 'show', String(id), '--as-of', '31/12/2025'], { db });
      for (const t of [...m.conclusions.flatMap((c) => c.tasks), ...m.otherTasks]) if (openIds.includes(t.id)) assignedAt[t.id] = t.status;
    }
    expect(Object.keys(assignedAt).map(Number).sort((a, b) => a - b)).toEqual([...openIds].sort((a, b) => a - b));
    expect(new Set(Object.values(assignedAt))).toEqual(new Set(['transferred']));
    const shown = await run(['meeting', 'show', '1', '--as-of', '31/12/2025'], { db });
    expect(shown.stdout).toContain('— đã chuyển sang đơn vị kế thừa');
    // Before their last day the old wards still had them open.
    const earlier = await runJson<{ id: number; status: string }[]>(['task', 'list', '--unit', 'BN', '--unit', 'DK', '--unit', 'NTB', '--as-of', '29/06/2025'], { db });
    expect(earlier.filter((t) => openIds.includes(t.id)).map((t) => t.status).filter((s) => s === 'cancelled')).toEqual([]);
    const people = await runJson<{ unitName: string }[]>(['person', 'list', '--unit', 'SG'], { db });
    expect(people).toHaveLength(60);
    // The carried tasks keep their progress, in the overdue report as in task show.
    const overdue = await runJson<{ overdue: { id: number; percent: number }[] }>(['overdue', '--as-of', '31/12/2025', '--json'], { db });
    const carried = overdue.overdue.filter((t) => sgTasks.some((s) => s.id === t.id));
    expect(carried).toHaveLength(4);
    for (const t of carried) expect(t.percent, `task ${t.id}`).toBe((await runJson<{ percent: number }>(['task', 'show', String(t.id)], { db })).percent);
    expect(carried.some((t) => t.percent > 0)).toBe(true);
  });

  it('refuses a successor that does not exist on the day, or an old unit that is the successor', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    expect((await run(['unit', 'merge', 'BN', '--into', 'SG', '--on', '01/07/2017'], { db })).code).toBe(2);
    expect((await run(['unit', 'merge', 'SG', '--into', 'SG', '--on', '01/07/2025'], { db })).code).toBe(2);
    expect((await run(['unit', 'merge', 'BN', 'BN', '--into', 'SG', '--on', '01/07/2025'], { db })).code).toBe(2);
    expect(counts(db)).toBe(before);
  });
});

describe('unit split', () => {
  it('ends the old unit, links every successor, moves the members to one and gives each the open tasks', async () => {
    const db = sampleDbPath();
    const before = (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout;
    const r = await runJson<{ membersMoved: number; successors: { name: string }[]; tasks: { fromId: number; toId: number; toUnitName: string }[] }>(
      ['unit', 'split', 'da kao', '--into', 'Phường Sài Gòn', 'Phường Tân Định', '--members-to', 'Phường Tân Định', '--on', '01/07/2025'],
      { db },
    );
    expect(r.membersMoved).toBe(20);
    expect(r.successors.map((u) => u.name)).toEqual(['Phường Sài Gòn', 'Phường Tân Định']);
    const fromIds = [...new Set(r.tasks.map((t) => t.fromId))];
    expect(r.tasks).toHaveLength(fromIds.length * 2);
    const dk = await runJson<{ validTo: string; successors: string[] }>(['unit', 'show', 'DK', '--at', '01/01/2017'], { db });
    expect(dk.validTo).toBe('2025-06-30');
    expect([...dk.successors].sort()).toEqual(['Phường Sài Gòn', 'Phường Tân Định']);
    expect(await runJson<unknown[]>(['person', 'list', '--unit', 'TD-2025'], { db })).toHaveLength(20);
    const old = await runJson<{ cancelReason: string }>(['task', 'show', String(fromIds[0])], { db });
    expect(old.cancelReason).toMatch(/Phường Sài Gòn \(nhiệm vụ #\d+\), Phường Tân Định \(nhiệm vụ #\d+\)/);
    expect((await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout).toBe(before);
    expect((await run(['unit', 'split', 'BN', '--into', 'SG', 'TD-2025', '--members-to', 'BT-2025', '--on', '01/07/2025'], { db })).code).toBe(2);
  });
});

describe('person edit --unit keeps the former membership', () => {
  it('a member who moves is still counted in the unit of the year that is reported', async () => {
    const db = sampleDbPath();
    const before = (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout;
    const missing = await runJson<{ personId: number; unitName: string }[]>(['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh'], { db });
    expect(missing.length).toBeGreaterThan(0);
    const who = String(missing[0].personId);
    const r = await run(['person', 'edit', who, '--unit', 'SG', '--since', '01/07/2025'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect((await runJson<{ unitName: string }>(['person', 'show', who], { db })).unitName).toBe('Phường Sài Gòn');
    expect((await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout).toBe(before);
    const still = await runJson<{ personId: number; unitName: string }[]>(['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh'], { db });
    expect(still).toEqual(missing);
    expect((await run(['person', 'edit', who, '--since', '01/07/2025'], { db })).code).toBe(2);
  });
});

describe('positions over time', () => {
  it('the minutes of 2017 print 2017 positions after the people changed position and unit in 2025', async () => {
    const db = sampleDbPath();
    const minutes = async () => (await run(['meeting', 'minutes', '1', '--format', 'md'], { db })).stdout;
    const report = async () => (await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db })).stdout;
    const before = { minutes: await minutes(), report: await report() };
    expect(before.minutes).toContain('Bí thư Quận ủy');
    expect((await run(['person', 'edit', 'huynh thanh hai', '--position', 'Nguyên Bí thư Quận ủy Quận 1', '--unit', 'TU-HCM', '--since', '01/07/2025'], { db })).code).toBe(0);
    expect((await run(['person', 'edit', 'hoang thi to nga', '--position', 'Phó Trưởng ban (minh họa)', '--since', '01/03/2020'], { db })).code).toBe(0);
    const now = await runJson<{ positions: string[]; unitName: string }>(['person', 'show', 'huynh thanh hai'], { db });
    expect(now).toMatchObject({ positions: ['Nguyên Bí thư Quận ủy Quận 1'], unitName: 'Thành ủy Thành phố Hồ Chí Minh' });
    expect(await minutes()).toBe(before.minutes);
    expect(await report()).toBe(before.report);
    const h = openTestDb(db, { readonly: true });
    const history = h.prepare('SELECT valid_from AS f, valid_to AS t FROM membership_history ORDER BY id').all();
    h.close();
    expect(history).toEqual([
      { f: null, t: '2025-06-30' },
      { f: null, t: '2020-02-29' },
    ]);
  });
});
