/**
 * The city's compliance table over two replicating wards is the table one database holding the
 * same data gives, byte for byte: the same commands are run once split between the city and the
 * wards (each on its own server) and once against a single plain database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS_ENABLED } from '../pg-clusters.js';
import { adminQuery, json, on, setup, startOffices, subscriptions, waitFor, waitReady, type Offices } from './fixture.js';

type Who = 'city' | 'saigon' | 'benthanh';
const SG = 'Phường Sài Gòn';
const BT = 'Phường Bến Thành';

/**
 * The same year of work, each command run where it belongs (`db(who)`); `arrived` waits until the
 * tasks the city assigned have reached the wards that report on them.
 */
async function yearOfWork(db: (who: Who) => string, arrived: (tasks: Record<'saigon' | 'benthanh', number[]>) => Promise<void> = async () => {}): Promise<void> {
  const id = async (who: Who, argv: string[]) => (await json<{ id: number } | { id: number }[]>(db(who), argv)) as { id: number } & { id: number }[];
  // The city: a conference both wards are invited to (one absent), and tasks for both.
  const conf = await id('city', ['meeting', 'add', '--date', '10/03/2026', '--title', 'Hội nghị sơ kết quý I', '--organizer', 'TU-79', '--invite', SG, '--invite', BT]);
  await on(db('city'), ['meeting', 'attendance', String(conf.id), '--unit', BT, '--absent', '--reason', 'Dự tập huấn']);
  const report = await id('city', ['task', 'add', 'Báo cáo sơ kết 6 tháng', '--unit', SG, '--unit', BT, '--start', '01/03/2026', '--due', '30/06/2026']);
  const review = await id('city', ['task', 'add', 'Rà soát hồ sơ đảng viên', '--unit', SG, '--unit', BT, '--start', '01/04/2026', '--due', '31/07/2026']);
  const [reportSG, reportBT] = report.map((t) => String(t.id));
  const [reviewSG, reviewBT] = review.map((t) => String(t.id));
  await arrived({ saigon: [report[0].id, review[0].id], benthanh: [report[1].id, review[1].id] });

  // Phường Sài Gòn: its members, plans, an evaluation, activities, a breakthrough, a meeting, reports.
  await on(db('saigon'), ['person', 'add', 'Trần Thị Mai', '--unit', SG, '--position', 'Bí thư Chi bộ Khu phố 1']);
  await on(db('saigon'), ['person', 'add', 'Lê Văn Bình', '--unit', SG]);
  await on(db('saigon'), ['plan', 'add', '--person', 'Trần Thị Mai', '--unit', SG, '--year', '2026', '--submitted', '15/03/2026']);
  await on(db('saigon'), ['evaluate', '--person', 'Trần Thị Mai', '--unit', SG, '--year', '2026', '--result', 'tot', '--score', '86']);
  await on(db('saigon'), ['activity', 'add', '--unit', SG, '--date', '02/03/2026', '--kind', 'chao-co', '--title', 'Chào cờ đầu tháng', '--participants', '40']);
  await on(db('saigon'), ['activity', 'add', '--unit', SG, '--date', '19/05/2026', '--kind', 'ke-chuyen', '--title', 'Kể chuyện về Bác']);
  await on(db('saigon'), ['breakthrough', 'add', '--unit', SG, '--year', '2026', '--title', 'Số hóa hồ sơ đảng viên', '--target', '100% hồ sơ được số hóa', '--due', '31/12/2026', '--start', '01/02/2026']);
  const local = await id('saigon', ['meeting', 'add', '--date', '20/03/2026', '--title', 'Hội nghị Đảng ủy phường', '--organizer', SG]);
  await on(db('saigon'), ['speech', 'add', String(local.id), '--unit', SG, '--kind', 'tham-luan', '--summary', 'Kết quả quý I']);
  await on(db('saigon'), ['task', 'done', reportSG, '--on', '20/06/2026']);
  await on(db('saigon'), ['task', 'progress', reviewSG, '--percent', '50', '--on', '15/07/2026']);

  // Phường Bến Thành: one member with a plan, one activity, a late report, an extension.
  await on(db('benthanh'), ['person', 'add', 'Nguyễn Văn An', '--unit', BT]);
  await on(db('benthanh'), ['plan', 'add', '--person', 'Nguyễn Văn An', '--unit', BT, '--year', '2026', '--submitted', '20/04/2026']);
  await on(db('benthanh'), ['activity', 'add', '--unit', BT, '--date', '10/04/2026', '--kind', 'hoc-tap', '--title', 'Học tập chuyên đề']);
  await on(db('benthanh'), ['task', 'done', reportBT, '--on', '05/07/2026']);
  await on(db('benthanh'), ['task', 'extend', reviewBT, '--due', '30/09/2026', '--reason', 'Chờ số liệu', '--on', '25/07/2026']);
}

const COUNTED = ['person', 'plan', 'evaluation', 'activity', 'meeting', 'meeting_unit', 'speech', 'task', 'task_event'];
const counts = (url: string) => COUNTED.map((t) => `${t}=${adminQuery(url, `SELECT count(*) FROM ${t}`)[0][0]}`).join(' ');
/** The report's text without the lines that say how fresh each ward's data is (the city's own addition). */
const table = (text: string) => text.split('\n').filter((l) => !/^(- )?(Số liệu của|Data from) /.test(l)).join('\n');
/**
 * Its JSON without the freshness of each ward, and without the ids of the breakthroughs a ward
 * registered: those are the ward's own ids (its block) and cannot be one database's.
 */
const rows = (text: string) => {
  const { freshness, ...rest } = JSON.parse(text) as Record<string, unknown>;
  void freshness;
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === 'registered' ? (value as { id: number }[]).map(({ id, ...r }) => (void id, r)) : value)));
};
/** The ids of the breakthroughs registered in the JSON, by unit. */
const registeredIds = (text: string) =>
  Object.fromEntries(
    (JSON.parse(text).units as { name: string; criteria?: unknown }[])
      .map((u) => [u.name, [...JSON.stringify(u).matchAll(/"registered":\[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/"id":(\d+)/g)].map((x) => Number(x[1])))])
      .filter(([, ids]) => (ids as number[]).length),
  );

describe.skipIf(!CLUSTERS_ENABLED)('compliance at the city over replicating wards', () => {
  let o: Offices;
  let single: string;
  beforeAll(async () => {
    o = await startOffices(2);
    await setup(o, 0, SG);
    await setup(o, 1, BT);
    for (const url of [o.city.url, ...o.wards.map((w) => w.url)]) await waitReady(url);
    // One plain database on the city's server with the same units, written by the same commands.
    single = o.city.cluster.createDatabase('single');
    await on(single, ['init']);
    await on(single, ['unit', 'import', '--official', '--province', '79']);
    await yearOfWork(() => single);
    const db = (who: Who) => (who === 'city' ? o.city.url : who === 'saigon' ? o.wards[0].url : o.wards[1].url);
    await yearOfWork(db, async (tasks) => {
      for (const who of ['saigon', 'benthanh'] as const)
        await waitFor(`the city's tasks at ${who}`, () =>
          Number(adminQuery(db(who), 'SELECT count(*) FROM task WHERE id IN ($1, $2)', tasks[who])[0][0]) === tasks[who].length ? true : undefined,
        );
    });
  }, 240_000);
  afterAll(async () => {
    await o?.clusters.close();
  });

  it('has received every row the wards wrote', async () => {
    const expected = counts(single);
    await waitFor('the wards’ rows at the city', () => (counts(o.city.url) === expected ? true : undefined), 30_000);
    expect(counts(o.city.url)).toBe(expected);
    // Each ward's rows are in its own block.
    expect(adminQuery(o.city.url, 'SELECT id / 10000000 AS office, count(*) FROM person GROUP BY 1 ORDER BY 1')).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(subscriptions(o.city.url).every((s) => s.enabled)).toBe(true);
  });

  it('gives the table and JSON one database gives, byte for byte', async () => {
    for (const format of [[], ['--format', 'text'], ['--format', 'md'], ['--format', 'csv']]) {
      const argv = ['report', 'compliance', '--year', '2026', '--as-of', '01/09/2026', ...format];
      const there = await on(o.city.url, argv);
      const here = await on(single, argv);
      expect(table(there.stdout)).toBe(here.stdout);
      // …and beneath it, one line per ward saying how fresh its data is (none at the single database).
      if (format[1] !== 'csv') for (const name of [SG, BT]) expect(there.stdout).toMatch(new RegExp(`^(- )?Số liệu của ${name} đến \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$`, 'm'));
      if (!format.length) {
        // The wards' rows are what the lines say: Bến Thành missed the conference, Sài Gòn's review is overdue.
        const line = (name: string) => there.stdout.split('\n').find((l) => l.startsWith(`${name}\t`));
        expect(line(BT)).toMatch(/^Phường Bến Thành\t✗ 0\/1\t/);
        expect(line(SG)).toMatch(/^Phường Sài Gòn\t✓ 1\/1\t✓ cụ thể\t✗ 1\t✗ 1\/2 \(50%\)/);
      }
    }
    const argv = ['report', 'compliance', '--year', '2026', '--as-of', '01/09/2026', '--json'];
    const thereText = (await on(o.city.url, argv)).stdout;
    const hereText = (await on(single, argv)).stdout;
    const there = rows(thereText);
    expect(there).toEqual(rows(hereText));
    const units = (there.units as { name: string }[]).filter((u) => u.name === SG || u.name === BT);
    expect(units.map((u) => u.name).sort()).toEqual([BT, SG]);
    // The breakthrough Sài Gòn registered carries the ward's id at the city; one database gave it its own.
    const wardId = registeredIds(thereText)[SG][0];
    const singleId = registeredIds(hereText)[SG][0];
    expect(wardId).toBe(10_000_001);
    // The detail of a ward is the same, but for that id.
    const detail = ['report', 'compliance', '--year', '2026', '--as-of', '01/09/2026', '--detail', SG];
    const detailThere = (await on(o.city.url, detail)).stdout;
    expect(detailThere).toContain(`#${wardId} Số hóa hồ sơ đảng viên`);
    expect(table(detailThere).replace(`#${wardId} `, `#${singleId} `)).toBe((await on(single, detail)).stdout);
  });
});
