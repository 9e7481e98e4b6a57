/**
 * A city and a ward on separate servers, replicating: a task the city assigns reaches the ward
 * with its time limit; the ward's progress and completion, recorded while the city's server is
 * down, reach the city when it comes back; a change to a row the other side owns is refused
 * (exit 2, the owner named) and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS_ENABLED } from '../pg-clusters.js';
import { adminQuery, json, on, setup, startOffices, subscriptions, waitFor, waitReady, type Offices } from './fixture.js';

interface OverdueItem {
  id: number;
  unitName: string;
  title: string;
  dueOn: string;
  percent: number;
  daysOverdue: number | null;
}
interface Overdue {
  overdue: OverdueItem[];
  dueSoon?: OverdueItem[];
}

const AS_OF = '01/09/2026';
const overdue = (db: string) => json<Overdue>(db, ['overdue', '--as-of', AS_OF]);

describe.skipIf(!CLUSTERS_ENABLED)('tasks between a city and a ward', () => {
  let o: Offices;
  let city: string;
  let ward: string;
  const ids: Record<'report' | 'review' | 'other', number> = { report: 0, review: 0, other: 0 };
  beforeAll(async () => {
    o = await startOffices(1);
    city = o.city.url;
    ward = o.wards[0].url;
    await setup(o, 0, 'Phường Sài Gòn');
    await waitReady(ward);
    await waitReady(city);
  }, 180_000);
  afterAll(async () => {
    await o?.clusters.close();
  });

  it('sync status at both ends: the link is receiving, no password shown', async () => {
    type Status = { role: string; links: { unit: string; state: string; wardDb: string | null; slot: { exists: boolean; active: boolean }; warnings: string[] }[] };
    const atCity = await waitFor('the city receiving from the ward', async () => {
      const s = await json<Status>(city, ['sync', 'status']);
      return s.links[0]?.state === 'streaming' && s.links[0].slot.active ? s : undefined;
    }, 60_000);
    expect(atCity.role).toBe('city');
    expect(atCity.links.map((l) => [l.unit, l.state, l.warnings])).toEqual([['Phường Sài Gòn', 'streaming', []]]);
    expect(atCity.links[0].wardDb).not.toContain('test-only');
    const atWard = await waitFor('the ward receiving from the city', async () => {
      const s = await json<Status>(ward, ['sync', 'status']);
      return s.links[0]?.state === 'streaming' ? s : undefined;
    }, 60_000);
    expect(atWard.role).toBe('ward');
    const text = await on(city, ['sync', 'status']);
    expect(text.stdout).toContain('Phường Sài Gòn');
    expect(text.stdout + text.stderr).not.toContain('test-only');
  });

  it("a task the city assigns to the ward appears in the ward's overdue report with its time limit", async () => {
    const add = async (title: string, unit: string) =>
      (await json<{ id: number }[]>(city, ['task', 'add', title, '--unit', unit, '--start', '01/08/2026', '--due', '20/08/2026']))[0].id;
    ids.report = await add('Báo cáo sơ kết 6 tháng thực hiện Chỉ thị 05-CT/TW', 'Phường Sài Gòn');
    ids.review = await add('Rà soát hồ sơ đảng viên', 'Phường Sài Gòn');
    ids.other = await add('Báo cáo của phường khác', 'Phường Bến Thành');
    expect(Math.max(...Object.values(ids))).toBeLessThan(10_000_000);
    const seen = await waitFor('the tasks at the ward', async () => {
      const r = await overdue(ward);
      return r.overdue.length >= 2 ? r : undefined;
    });
    expect(seen.overdue.map((i) => [i.id, i.unitName, i.dueOn, i.daysOverdue, i.percent]).sort()).toEqual(
      [
        [ids.report, 'Phường Sài Gòn', '2026-08-20', 12, 0],
        [ids.review, 'Phường Sài Gòn', '2026-08-20', 12, 0],
      ].sort(),
    );
    // Another ward's task stays at the city.
    expect(adminQuery(ward, 'SELECT count(*) FROM task WHERE id = $1', [ids.other])).toEqual([[0]]);
  });

  it('progress and completion recorded at the ward while the city is down reach the city when it is back', async () => {
    const before = await overdue(city);
    expect(before.overdue.filter((i) => i.unitName === 'Phường Sài Gòn').map((i) => i.percent)).toEqual([0, 0]);
    await o.city.cluster.stop();
    try {
      await on(ward, ['task', 'progress', String(ids.review), '--percent', '60', '--on', '25/08/2026', '--note', 'Đã rà soát 3/5 khu phố']);
      await on(ward, ['task', 'done', String(ids.report), '--on', '28/08/2026']);
      const atWard = await overdue(ward);
      expect(atWard.overdue.map((i) => [i.id, i.percent])).toEqual([[ids.review, 60]]);
      // The ward sees its link to the city down.
      const status = await waitFor('the ward seeing the city gone', async () => {
        const s = await json<{ links: { state: string }[] }>(ward, ['sync', 'status']);
        return s.links[0]?.state !== 'streaming' ? s : undefined;
      }, 60_000);
      expect(status.links.map((l) => l.state)).toEqual(['connecting']);
    } finally {
      await o.city.cluster.start();
    }
    const after = await waitFor('the ward’s reports at the city', async () => {
      const r = await overdue(city);
      const mine = r.overdue.filter((i) => i.unitName === 'Phường Sài Gòn');
      return mine.length === 1 && mine[0].percent === 60 ? r : undefined;
    }, 60_000);
    expect(after.overdue.filter((i) => i.unitName === 'Phường Sài Gòn').map((i) => [i.id, i.percent])).toEqual([[ids.review, 60]]);
    // The city's task row carries what the ward reported, as if recorded there.
    expect(adminQuery(city, 'SELECT done_on, percent FROM task WHERE id = $1', [ids.report])).toEqual([['2026-08-28', 100]]);
    const history = await json<{ events: { kind: string; onDate: string }[] }>(city, ['task', 'show', String(ids.report)]);
    expect(history.events.map((e) => e.kind)).toEqual(['created', 'done']);
    // The city notes when a change from the ward was last applied (for `sync status` and the reports).
    const seen = adminQuery(city, 'SELECT last_change_at FROM thuky_ward WHERE office_no = 1')[0][0] as string;
    expect(seen).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.now() - Date.parse(seen)).toBeLessThan(120_000);
    // The other ward's task did not move.
    expect(after.overdue.filter((i) => i.id === ids.other).map((i) => i.percent)).toEqual([0]);
  });

  it("a change to the other side's row is refused, naming its owner, and writes nothing", async () => {
    const titleOf = (db: string) => adminQuery(db, 'SELECT title, version FROM task WHERE id = $1', [ids.review]);
    const titleBefore = titleOf(ward);
    const edit = await on(ward, ['task', 'edit', String(ids.review), '--title', 'Sửa nội dung'], 2);
    expect(edit.stderr).toContain(`nhiệm vụ #${ids.review} thuộc Thành ủy Thành phố Hồ Chí Minh`);
    expect(titleOf(ward)).toEqual(titleBefore);

    // The city cannot report in the ward's place on a task assigned to it.
    const eventsAtCity = () => adminQuery(city, 'SELECT count(*) FROM task_event');
    const events = eventsAtCity();
    const progress = await on(city, ['task', 'progress', String(ids.review), '--percent', '90'], 2);
    expect(progress.stderr).toContain(`nhiệm vụ #${ids.review} thuộc Phường Sài Gòn`);
    expect(eventsAtCity()).toEqual(events);
    expect(adminQuery(city, 'SELECT percent FROM task WHERE id = $1', [ids.review])).toEqual([[60]]);

    // A meeting the ward records is the ward's: the city cannot add to it.
    const meeting = await json<{ id: number }>(ward, ['meeting', 'add', '--date', '28/08/2026', '--title', 'Giao ban Đảng ủy phường', '--organizer', 'Phường Sài Gòn']);
    expect(meeting.id).toBeGreaterThan(10_000_000);
    await waitFor('the ward’s meeting at the city', () => (adminQuery(city, 'SELECT count(*) FROM meeting WHERE id = $1', [meeting.id])[0][0] === 1 ? true : undefined));
    const speeches = () => adminQuery(city, 'SELECT count(*) FROM speech');
    const speech = await on(city, ['speech', 'add', String(meeting.id), '--unit', 'Phường Sài Gòn', '--kind', 'chi-dao', '--summary', 'Ý kiến của Thành ủy'], 2);
    expect(speech.stderr).toContain(`hội nghị #${meeting.id} thuộc Phường Sài Gòn`);
    expect(speeches()).toEqual([[0]]);
    const english = await run2(city, ['speech', 'add', String(meeting.id), '--unit', 'Phường Sài Gòn', '--kind', 'chi-dao', '--summary', 'x', '--lang', 'en']);
    expect(english).toContain(`meeting #${meeting.id} belongs to Phường Sài Gòn`);
  });

  it("an undo at the ward takes its report back at the city too", async () => {
    const percentAtCity = () => adminQuery(city, 'SELECT percent, version FROM task WHERE id = $1', [ids.review])[0];
    await on(ward, ['task', 'progress', String(ids.review), '--percent', '80', '--on', '30/08/2026']);
    await waitFor('the new progress at the city', () => (percentAtCity()[0] === 80 ? true : undefined));
    const undo = await on(ward, ['undo', '-y']);
    expect(undo.stderr).toContain('task progress');
    await waitFor('the undone progress at the city', () => (percentAtCity()[0] === 60 ? true : undefined));
    expect(adminQuery(city, 'SELECT kind, percent FROM task_event WHERE task_id = $1 ORDER BY created_at, id', [ids.review])).toEqual([
      ['created', null],
      ['progress', 60],
    ]);
    expect(adminQuery(city, 'SELECT due_on, done_on, extensions FROM task WHERE id = $1', [ids.review])).toEqual([['2026-08-20', null, 0]]);
    // The city's row, as it now is, goes back down: the ward's copy ends the same, version included.
    const row = (db: string) => JSON.stringify(adminQuery(db, 'SELECT percent, version, due_on, done_on FROM task WHERE id = $1', [ids.review]));
    await waitFor('the city’s task row at the ward', () => (row(ward) === row(city) ? true : undefined));
    // Replication itself went on without an error on either side.
    expect([...subscriptions(city), ...subscriptions(ward)]).toEqual([
      { name: 'thuky_from_1', enabled: true },
      { name: 'thuky_from_city', enabled: true },
    ]);
  });
});

async function run2(db: string, argv: string[]): Promise<string> {
  return (await on(db, argv, 2)).stderr;
}
