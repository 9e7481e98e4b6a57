// thuky report tasks and thuky breakthrough …, in-process on the sample.
import { describe, expect, it } from 'vitest';
import type { UnitTaskCounts } from '../../src/store/task-reports.js';
import { run, runJson, sampleDbPath, WARDS_2017, openTestDb } from '../helpers.js';

/** The JSON row: the store's counts plus the unit's name and the two rates. */
type Row = UnitTaskCounts & { unitName: string | null; onTimeRate: number | null; completionRate: number | null };
interface Report {
  period: { code: string; from: string; to: string };
  asOf: string;
  units: Row[];
  total: Row;
  bases: { onTimeRate: string; completionRate: string };
}

describe('thuky report tasks', () => {
  it('shows every category per ward for 2017, with rates and their bases', async () => {
    const db = sampleDbPath();
    const r = await runJson<Report>(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017'], { db });
    expect(r.period).toMatchObject({ code: '2017', from: '2017-01-01', to: '2017-12-31' });
    expect(r.units.map((u) => u.unitName)).toEqual(WARDS_2017);
    const t = r.total;
    expect(t).toMatchObject({
      assigned: 80,
      carriedOver: 3,
      total: 83,
      doneOnTime: 40,
      doneLate: 6,
      doneNoDeadline: 1,
      inProgress: 21,
      dueSoon: 10,
      overdue: 5,
      noDeadline: 9,
      cancelled: 1,
      extended: 2,
    });
    // Every task judged falls in exactly one category.
    for (const u of [...r.units, t])
      expect(u.doneOnTime + u.doneLate + u.doneNoDeadline + u.inProgress + u.overdue + u.noDeadline + u.cancelled).toBe(u.total);
    for (const u of [...r.units, t]) expect(u.assigned + u.carriedOver).toBe(u.total);
    const overdueByWard = Object.fromEntries(r.units.filter((u) => u.overdue).map((u) => [u.unitName, u.overdue]));
    expect(overdueByWard).toEqual({ 'Phường Cầu Kho': 3, 'Phường Nguyễn Cư Trinh': 2 });
    expect(t.carriedOver).toBe(3);
    const bn = r.units[0];
    expect(bn.completionRate).toBeCloseTo((100 * (bn.doneOnTime + bn.doneLate + bn.doneNoDeadline)) / (bn.total - bn.cancelled), 1);
    expect(bn.onTimeRate).toBeCloseTo((100 * bn.dueInPeriodDoneOnTime) / bn.dueInPeriod, 1);
    expect(r.bases.onTimeRate).toContain('đến hạn trong kỳ');
    expect(r.bases.completionRate).toContain('tổng số nhiệm vụ được giao');
  });

  it('prints a table with a footer naming the base of each rate', async () => {
    const db = sampleDbPath();
    const out = await run(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017', '--wide'], { db, tty: true });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('THEO DÕI THỰC HIỆN NHIỆM VỤ năm 2017, tính đến ngày 31/12/2017');
    expect(out.stdout).toContain('Tổng cộng');
    expect(out.stdout).toContain('Tồn đọng kỳ trước');
    expect(out.stdout).toMatch(/\(1\) Tỷ lệ đúng hạn: số nhiệm vụ hoàn thành đúng hạn trên tổng số nhiệm vụ đến hạn trong kỳ/);
    expect(out.stdout).toMatch(/\(2\) Tỷ lệ hoàn thành: .*không tính nhiệm vụ đã hủy/);
    const csv = await run(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017', '--format', 'csv'], { db });
    const lines = csv.stdout.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(18); // title, header, 10 wards, total, blank, 4 notes
    expect(lines[0]).toMatch(/^"?THEO DÕI THỰC HIỆN NHIỆM VỤ năm 2017/);
    expect(lines[12].startsWith('Tổng cộng,80,3,')).toBe(true);
    expect(lines[13]).toBe('');
    expect(lines[14]).toMatch(/^"?\(1\) Tỷ lệ đúng hạn/);
  });

  it('takes quarters and carries over what was open when the period began', async () => {
    const db = sampleDbPath();
    const q4 = await runJson<Report>(['report', 'tasks', '--period', 'quý IV/2017', '--as-of', '31/12/2017'], { db });
    expect(q4.period.code).toBe('2017-Q4');
    const ck = q4.units.find((u) => u.unitName === 'Phường Cầu Kho')!;
    expect(ck.carriedOver).toBe(5);
    expect(ck.overdue).toBe(3);
    const bad = await run(['report', 'tasks', '--period', 'Q5/2017'], { db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period');
  });

  it('agrees with classifyTask on every task (the SQL CASE is the same rule)', async () => {
    const db = sampleDbPath();
    for (const asOf of ['2017-06-30', '2017-09-30', '2017-12-31', '2018-03-01']) {
      const r = await runJson<Report>(['report', 'tasks', '--period', '2017', '--as-of', asOf], { db });
      const list = await runJson<{ unitId: number; status: string; startOn: string; doneOn: string | null; cancelledOn: string | null }[]>(['task', 'list', '--as-of', asOf], { db });
      const until = asOf < '2017-12-31' ? asOf : '2017-12-31';
      const inScope = list.filter(
        (t) => (t.startOn >= '2017-01-01' && t.startOn <= until) || (t.startOn < '2017-01-01' && !(t.doneOn && t.doneOn < '2017-01-01') && !(t.cancelledOn && t.cancelledOn < '2017-01-01')),
      );
      const count = (s: string) => inScope.filter((t) => t.status === s).length;
      expect(r.total.overdue, asOf).toBe(count('overdue'));
      expect(r.total.doneOnTime, asOf).toBe(count('done_on_time'));
      expect(r.total.doneLate, asOf).toBe(count('done_late'));
      expect(r.total.cancelled, asOf).toBe(count('cancelled'));
      expect(r.total.noDeadline, asOf).toBe(count('no_deadline'));
      expect(r.total.inProgress, asOf).toBe(count('in_progress') + count('due_soon'));
      expect(r.total.total, asOf).toBe(inScope.length);
    }
  });
});

describe('thuky breakthrough', () => {
  interface Check {
    year: number;
    counts: { units: number; specific: number; generic: number; none: number };
    units: { unitName: string; verdict: string; reasons: string[]; breakthroughId: number | null }[];
  }

  it('check names the generic ones of 2017 with their reasons', async () => {
    const db = sampleDbPath();
    const c = await runJson<Check>(['breakthrough', 'check', '--year', '2017'], { db });
    expect(c.counts).toEqual({ units: 10, specific: 8, generic: 2, none: 0 });
    const generic = Object.fromEntries(c.units.filter((u) => u.verdict === 'generic').map((u) => [u.unitName, u.reasons]));
    expect(generic).toEqual({ 'Phường Đa Kao': ['no_measurable_target', 'slogan_only'], 'Phường Nguyễn Cư Trinh': ['ends_after_year'] });
    const text = await run(['breakthrough', 'check', '--year', '2017', '--format', 'md'], { db });
    expect(text.stdout).toMatch(/Phường Đa Kao .*chung chung .*chỉ là khẩu hiệu/);
    expect(text.stdout).toMatch(/Phường Nguyễn Cư Trinh .*chung chung .*thời hạn vượt quá cuối năm/);
    expect(text.stdout).toContain('Năm 2017: 10 đơn vị; 8 có khâu đột phá cụ thể, 2 khâu đột phá chung chung, 0 đơn vị chưa đăng ký.');
    const y2018 = await runJson<Check>(['breakthrough', 'check', '--year', '2018'], { db });
    expect(y2018.counts).toMatchObject({ units: 10, none: 10 });
  });

  it('list --generic', async () => {
    const db = sampleDbPath();
    const rows = await runJson<{ unitCode: string; generic: boolean }[]>(['breakthrough', 'list', '--year', '2017', '--generic'], { db });
    expect(rows.map((r) => r.unitCode).sort()).toEqual(['DK', 'NCT']);
  });

  it('add: a specific one is registered; a generic one is registered with a warning; --strict refuses it', async () => {
    const db = sampleDbPath();
    const ok = await run(['breakthrough', 'add', '--unit', 'BN', '--year', '2018', '--title', 'Chỉnh trang hẻm', '--target', 'Chỉnh trang 6 tuyến hẻm', '--start', '01/02/2018', '--within', '6m', '--json'], { db });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'breakthrough', year: 2018, dueOn: '2018-08-01', generic: false });
    expect(ok.stderr).not.toContain('Cảnh báo');

    const generic = await run(['breakthrough', 'add', '--unit', 'CK', '--year', '2018', '--title', 'Đẩy mạnh học tập và làm theo Bác', '--target', 'Nâng cao chất lượng'], { db });
    expect(generic.code).toBe(0);
    expect(generic.stderr).toMatch(/Cảnh báo: khâu đột phá chung chung: .*chỉ tiêu không đo được.*không có thời hạn/);

    const h = openTestDb(db, { readonly: true });
    const n = () => (h.prepare(`SELECT count(*) AS n FROM task WHERE kind = 'breakthrough'`).get() as { n: number }).n;
    const before = n();
    const strict = await run(['breakthrough', 'add', '--unit', 'CG', '--year', '2018', '--title', 'Tăng cường công tác dân vận', '--target', 'Nâng cao hiệu quả', '--due', '31/12/2018', '--strict'], { db });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('khâu đột phá chung chung');
    expect(n()).toBe(before);
    const late = await run(['breakthrough', 'add', '--unit', 'CG', '--year', '2018', '--title', 'Vỉa hè', '--target', '3 tuyến', '--start', '01/02/2018', '--due', '30/06/2019', '--strict'], { db });
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('thời hạn vượt quá cuối năm');
    expect((await run(['breakthrough', 'add', '--year', '2018', '--title', 'X'], { db })).code).toBe(2);
    expect((await run(['breakthrough', 'add', '--unit', 'CG', '--year', '2018', '--title', 'X', '--start', '01/02/2017'], { db })).code).toBe(2);
    expect(n()).toBe(before);
    h.close();

    const c = await runJson<Check>(['breakthrough', 'check', '--year', '2018'], { db });
    expect(c.units.find((u) => u.unitName === 'Phường Bến Nghé')!.verdict).toBe('specific');
    expect(c.units.find((u) => u.unitName === 'Phường Cầu Kho')!.verdict).toBe('generic');
  });

  it('a breakthrough takes the task commands', async () => {
    const db = sampleDbPath();
    const [dk] = await runJson<{ id: number }[]>(['breakthrough', 'list', '--year', '2017', '--unit', 'DK'], { db });
    expect((await run(['task', 'extend', String(dk.id), '--due', '15/12/2017', '--reason', 'Rút ngắn theo chỉ đạo', '--on', '01/12/2017'], { db })).code).toBe(0);
    expect((await run(['task', 'done', String(dk.id), '--on', '14/12/2017'], { db })).code).toBe(0);
    const shown = await runJson<{ status: string; kind: string }>(['task', 'show', String(dk.id), '--as-of', '31/12/2017'], { db });
    expect(shown).toMatchObject({ kind: 'breakthrough', status: 'done_on_time' });
  });
});
