import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { JOINED_SQL, SQL } from '../../src/store/compliance.js';
import { ON_POSTGRES, openTestDb, run, runJson, sampleDbPath, tempDir } from '../helpers.js';

interface Criterion {
  status: 'pass' | 'fail' | 'na' | 'off';
  value: number | null;
  base: number | null;
  reasons: string[];
  [k: string]: unknown;
}
interface UnitRow {
  code: string;
  name: string;
  passed: boolean;
  verdict: string;
  failing: string[];
  speeches: number;
  criteria: Record<string, Criterion>;
}
interface Report {
  period: { code: string; from: string; to: string };
  asOf: string;
  evaluationYear: number | null;
  planDeadline: string;
  rules: Record<string, Record<string, unknown>>;
  units: UnitRow[];
  summary: { units: number; passed: number; failed: number };
}

const YEAR = ['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'];

let db: string;
let year: Report;
const byCode = (r: Report) => Object.fromEntries(r.units.map((u) => [u.code, u]));

beforeAll(async () => {
  db = sampleDbPath();
  year = await runJson<Report>(YEAR, { db });
});

describe('report compliance on the 2017 sample', () => {
  it('has one row per ward of 2017, each passing or failing for its own reason', () => {
    expect(year.units.map((u) => u.code).sort()).toEqual(['BN', 'BT', 'CG', 'CK', 'COL', 'DK', 'NCT', 'NTB', 'PNL', 'TD']);
    const failing = Object.fromEntries(year.units.map((u) => [u.code, u.failing]));
    expect(failing).toEqual({
      BN: [],
      COL: [],
      NTB: [],
      CG: ['attendance'],
      DK: ['breakthrough'],
      CK: ['tasks'],
      NCT: ['breakthrough', 'tasks'],
      BT: ['plans'],
      PNL: ['propaganda'],
      TD: ['evaluation'],
    });
    expect(year.summary).toEqual(expect.objectContaining({ units: 10, passed: 3, failed: 7 }));
    for (const u of year.units) expect(u.verdict).toBe(u.failing.length ? 'chua-dat' : 'dat');
  });

  it('gives the figures behind each mark', () => {
    const u = byCode(year);
    expect(u.CG.criteria.attendance).toMatchObject({ status: 'fail', invited: 3, attended: 2 });
    expect(u.BN.criteria.attendance).toMatchObject({ status: 'pass', invited: 3, attended: 3 });
    expect(u.BT.criteria.plans).toMatchObject({ status: 'fail', members: 20, submitted: 18, onTime: 15, percent: 75 });
    expect(u.BN.criteria.plans).toMatchObject({ status: 'pass', onTime: 19, members: 20, percent: 95 });
    expect(u.TD.criteria.evaluation).toMatchObject({ status: 'fail', evaluated: 20, planUsed: 16 });
    expect(u.BT.criteria.evaluation).toMatchObject({ status: 'pass', evaluated: 18, planUsed: 18 });
    expect(u.PNL.criteria.propaganda).toMatchObject({ status: 'fail', value: 12, base: 12, reasons: ['too_few_kinds', 'storytelling_only'] });
    expect(u.PNL.criteria.propaganda.kinds).toEqual({ 'ke-chuyen': 12 });
    expect(u.BN.criteria.propaganda).toMatchObject({ status: 'pass', value: 12, base: 12 });
    // The overdue report of the same day names 3 tasks of Cầu Kho and 2 of Nguyễn Cư Trinh.
    expect(u.CK.criteria.tasks).toMatchObject({ status: 'fail', overdue: 3 });
    expect(u.NCT.criteria.tasks).toMatchObject({ status: 'fail', overdue: 2 });
    for (const code of ['BN', 'BT', 'CG', 'COL', 'DK', 'NTB', 'PNL', 'TD']) expect(u[code].criteria.tasks).toMatchObject({ status: 'pass', overdue: 0 });
    expect(u.DK.criteria.breakthrough.reasons).toEqual(expect.arrayContaining(['no_measurable_target']));
    expect(u.NCT.criteria.breakthrough.reasons).toEqual(['ends_after_year']);
    expect(year.evaluationYear).toBe(2017);
    expect(year.planDeadline).toBe('2017-03-31');
    expect(year.rules.plans).toEqual({ enabled: true, minPercent: 95 });
  });

  it('a quarter leaves the year-end evaluation out, and judges what was true on its as-of date', async () => {
    const q2 = await runJson<Report>(['report', 'compliance', '--period', '2017-Q2', '--as-of', '30/06/2017'], { db });
    expect(q2.period).toMatchObject({ code: '2017-Q2', from: '2017-04-01', to: '2017-06-30' });
    expect(q2.evaluationYear).toBeNull();
    const u = byCode(q2);
    for (const row of q2.units) expect(row.criteria.evaluation.status).toBe('na');
    expect(u.CG.criteria.attendance).toMatchObject({ status: 'pass', invited: 1, attended: 1 });
    expect(u.BT.failing).toContain('plans');
    expect(u.PNL.failing).toContain('propaganda');
    expect(u.BN.criteria.propaganda).toMatchObject({ value: 3, base: 3 });
  });

  it('accepts the period as --from/--to and as quý II/2017', async () => {
    const a = await runJson<Report>(['report', 'compliance', '--from', '01/04/2017', '--to', '30/06/2017', '--as-of', '30/06/2017'], { db });
    const b = await runJson<Report>(['report', 'compliance', '--period', 'quý II/2017', '--as-of', '30/06/2017'], { db });
    expect(a.units.map((u) => u.failing)).toEqual(b.units.map((u) => u.failing));
  });

  it('2026 shows the new wards, not the old ones', async () => {
    const r = await runJson<Report>(['report', 'compliance', '--year', '2026', '--as-of', '27/11/2026'], { db });
    expect(r.units.map((u) => u.code).sort()).toEqual(['BT-2025', 'COL-2025', 'SG', 'TD-2025']);
  });

  it('2025 judges the old wards until 30/06 and the new ones from 01/07, each on its own months', async () => {
    const r = await runJson<Report & { units: (UnitRow & { label: string })[] }>(['report', 'compliance', '--year', '2025', '--as-of', '31/12/2025'], { db });
    const u = byCode(r) as Record<string, UnitRow & { label: string }>;
    expect(Object.keys(u)).toHaveLength(14);
    expect(u.BT.label).toBe('Phường Bến Thành (đến 30/06/2025)');
    expect(u['BT-2025'].label).toBe('Phường Bến Thành (từ 01/07/2025)');
    expect(u.BT.criteria.propaganda.base).toBe(6);
    expect(u['BT-2025'].criteria.propaganda.base).toBe(6);
    expect(u.BT.criteria.evaluation).toMatchObject({ status: 'na', reasons: ['outside_lifetime'] });
    expect(u['BT-2025'].criteria.plans).toMatchObject({ status: 'na', reasons: ['outside_lifetime'] });
  });

  it('--unit limits the rows', async () => {
    const r = await runJson<Report>([...YEAR, '--unit', 'ben thanh', '--unit', 'PNL'], { db });
    expect(r.units.map((u) => u.code)).toEqual(['BT', 'PNL']);
  });
});

describe('the sample members', () => {
  it('are 20 illustrative party members per 2017 ward, and leave the real people of the case findable by a short name', async () => {
    const people = await runJson<{ unitName: string; isMember: boolean; illustrative: boolean; note: string | null }[]>(['person', 'list', '--members'], { db });
    const illustrative = people.filter((p) => p.note === 'Đảng viên minh họa');
    expect(illustrative).toHaveLength(200);
    expect(illustrative.every((p) => p.illustrative && p.isMember)).toBe(true);
    for (const q of ['hai', 'vinh', 'to nga', 'trang', 'hoi']) expect((await run(['person', 'show', q], { db })).code, q).toBe(0);
  });
});

describe('formats', () => {
  it('on a terminal: a table with marks, verdicts and the footer of thresholds and bases', async () => {
    const r = await run([...YEAR, '--wide'], { db, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('┌');
    expect(r.stdout).toMatch(/Phường Bến Thành.*✗ 15\/20 \(75%\).*Chưa đạt/);
    expect(r.stdout).toMatch(/Phường Bến Nghé.*Đạt/);
    expect(r.stdout).toContain('≥ 95% đảng viên');
    expect(r.stdout).toContain('cơ số: đảng viên đang sinh hoạt');
    expect(r.stdout).toContain('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
  });

  it('in a pipe: tab-separated rows with stable field names, no box drawing, the summary after a blank line', async () => {
    const r = await run(YEAR, { db, tty: false });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0].split('\t')).toEqual(['name', 'attendance', 'breakthrough', 'tasks', 'plans', 'evaluation', 'propaganda', 'speeches', 'verdict', 'failing']);
    expect(lines).toHaveLength(13);
    expect(lines[11]).toBe('');
    expect(lines[12]).toBe('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
    expect(r.stdout).not.toContain('┌');
  });

  it('md pastes into a report: heading, table, footer list', async () => {
    const r = await run(['report', 'compliance', '--period', '2017-Q2', '--as-of', '30/06/2017', '--format', 'md'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### ĐÁNH GIÁ THỰC HIỆN THEO ĐƠN VỊ — quý II năm 2017/);
    expect(r.stdout).toContain('| Đơn vị | Dự họp |');
    expect(r.stdout).not.toContain('| Đánh giá |');
    expect(r.stdout).toContain('- Đánh giá cuối năm: không xét');
  });

  it('csv opens in Excel: BOM, CRLF, the title, a row per unit, then the notes after a blank line', async () => {
    const r = await run([...YEAR, '--format', 'csv'], { db });
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const lines = r.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('ĐÁNH GIÁ THỰC HIỆN THEO ĐƠN VỊ — năm 2017 (tính đến ngày 31/12/2017)');
    expect(lines[1]).toContain('Đơn vị,Dự họp');
    expect(lines.slice(2, 12).every((l) => l.startsWith('Phường'))).toBe(true);
    expect(lines[12]).toBe('');
    expect(lines[13]).toMatch(/^"?Kỳ: năm 2017/);
    expect(lines[lines.length - 2]).toBe('"Kết quả: 3/10 đơn vị đạt, 7 chưa đạt."');
    // Every line ends in CRLF, the last one too.
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    expect(/[^\r]\n/.test(r.stdout)).toBe(false);
  });

  it('speaks English with --lang en', async () => {
    const r = await run([...YEAR, '--lang', 'en', '--format', 'table'], { db });
    expect(r.stdout).toContain('Fails on');
    expect(r.stdout).toContain('base: active party members of the unit');
  });
});

describe('--detail', () => {
  it('explains why Đa Kao fails: its breakthrough is generic', async () => {
    const r = await run([...YEAR, '--detail', 'da kao'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Phường Đa Kao');
    expect(r.stdout).toContain('Kết quả: Chưa đạt (khâu đột phá)');
    expect(r.stdout).toContain('không có chỉ tiêu đo được');
  });

  it('lists the facts behind each figure as JSON', async () => {
    const cg = await runJson<{ unit: UnitRow; lists: Record<string, { [k: string]: unknown }[]> }>([...YEAR, '--detail', 'co giang'], { db });
    expect(cg.unit.failing).toEqual(['attendance']);
    const absent = cg.lists.meetings.filter((m) => !m.present);
    expect(absent).toHaveLength(1);
    expect(absent[0]).toMatchObject({ heldOn: '2017-09-15' });
    expect(absent[0].absentReason).toBeTruthy();

    const bt = await runJson<{ lists: Record<string, { fullName: string; submittedOn: string | null }[]> }>([...YEAR, '--detail', 'BT'], { db });
    expect(bt.lists.membersWithoutPlan).toHaveLength(2);
    expect(bt.lists.latePlans).toHaveLength(3);

    const td = await runJson<{ lists: Record<string, unknown[]> }>([...YEAR, '--detail', 'tan dinh'], { db });
    expect(td.lists.evaluationsWithoutPlan).toHaveLength(4);

    const ck = await runJson<{ lists: Record<string, { dueOn: string }[]> }>([...YEAR, '--detail', 'cau kho'], { db });
    expect(ck.lists.overdueTasks).toHaveLength(3);
    expect(ck.lists.overdueTasks.every((t) => t.dueOn < '2017-12-31')).toBe(true);

    const pnl = await runJson<{ unit: UnitRow; lists: { monthsWithoutActivity: string[] } }>([...YEAR, '--detail', 'pham ngu lao'], { db });
    expect(pnl.lists.monthsWithoutActivity).toEqual([]);
    expect(pnl.unit.criteria.propaganda.reasons).toContain('storytelling_only');
  });

  it('names months without an activity', async () => {
    const copy = sampleDbPath();
    const h = openTestDb(copy);
    h.prepare("DELETE FROM activity WHERE unit_id = (SELECT id FROM unit WHERE code = 'BN') AND held_on LIKE '2017-05%'").run();
    h.close();
    const bn = await runJson<{ unit: UnitRow; lists: { monthsWithoutActivity: string[] } }>([...YEAR, '--detail', 'BN'], { db: copy });
    expect(bn.lists.monthsWithoutActivity).toEqual(['2017-05']);
    expect(bn.unit.failing).toEqual(['propaganda']);
    const text = await run([...YEAR, '--detail', 'BN'], { db: copy });
    expect(text.stdout).toContain('Tháng không có hoạt động: 05/2017');
  });
});

describe('--rules', () => {
  const rulesFile = (content: unknown) => {
    const file = join(tempDir(), 'rules.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('changes a threshold and turns a criterion off', async () => {
    const file = rulesFile({ plans: { minPercent: 75 }, evaluation: false, description: 'thử' });
    const r = await runJson<Report>([...YEAR, '--rules', file], { db });
    const u = byCode(r);
    expect(u.BT.passed).toBe(true);
    expect(u.TD.criteria.evaluation.status).toBe('off');
    expect(u.TD.passed).toBe(true);
    const table = await run([...YEAR, '--rules', file, '--format', 'table'], { db });
    expect(table.stdout).toContain('≥ 75%');
    expect(table.stdout).toContain('(đã tắt theo tệp quy tắc)');
  });

  it('an unknown key is exit 2 naming the key', async () => {
    const r = await run([...YEAR, '--rules', rulesFile({ plans: { minPercnt: 90 } })], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"plans.minPercnt"');
    expect(r.stdout).toBe('');
  });

  it('a threshold of 140% is exit 2 naming the key', async () => {
    const r = await run([...YEAR, '--rules', rulesFile({ attendance: { minPercent: 140 } })], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"attendance.minPercent" = 140');
  });

  it('a file that is not JSON, or missing, is exit 2', async () => {
    expect((await run([...YEAR, '--rules', rulesFile('{plans: 90')], { db })).code).toBe(2);
    expect((await run([...YEAR, '--rules', join(tempDir(), 'none.json')], { db })).code).toBe(2);
  });
});

describe('bad input', () => {
  it('a period that does not parse is exit 2', async () => {
    const r = await run(['report', 'compliance', '--period', 'quý V/2017'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--period');
    expect(r.stderr).toContain('quý V/2017');
  });

  it('no period, two periods, half a range, an as-of before the period: exit 2', async () => {
    expect((await run(['report', 'compliance'], { db })).code).toBe(2);
    expect((await run(['report', 'compliance', '--year', '2017', '--period', '2017-Q2'], { db })).code).toBe(2);
    expect((await run(['report', 'compliance', '--from', '01/01/2017'], { db })).code).toBe(2);
    expect((await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2016'], { db })).code).toBe(2);
    expect((await run([...YEAR, '--kind', 'province'], { db })).code).toBe(2);
  });

  it('an empty result is still a report, exit 0', async () => {
    const r = await runJson<Report>(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--kind', 'cell'], { db });
    expect(r.units).toEqual([]);
  });
});

// SQLite's query plans (EXPLAIN QUERY PLAN) of the SQLite file: PostgreSQL plans its own way.
describe.skipIf(ON_POSTGRES)('scale: set-based queries on indexes', () => {
  it('no hot query scans person or task, and each uses the intended index', () => {
    const h = openDatabase(db, { readonly: true });
    const params = { from: '2017-01-01', until: '2017-12-31', asOf: '2017-12-31', units: '[1,2,3]', year: 2017, deadline: '2017-03-31' };
    const plan = (sql: string) => (h.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
    const plans = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, plan(sql)]));
    h.close();
    for (const [name, p] of Object.entries(plans)) {
      expect(p, name).not.toMatch(/SCAN (person|task|plan|evaluation|activity|meeting_unit|speech)\b/);
      expect(p, name).not.toMatch(/SCAN (p|pl|e|mu|s|m)\b/);
    }
    expect(plans.overdue).toMatch(/USING (COVERING )?INDEX task_open_due/);
    expect(plans.overdue).toMatch(/USING (COVERING )?INDEX task_closed/);
    // Today's members: a walk of person_unit for their number, their plans and evaluations read from
    // the counts kept on write (migration 13), by unit and year.
    // The members who came after the period, whose plans are taken back off, are a range of the same index.
    for (const name of ['plans', 'evaluation', 'plansAndEvaluation'] as const) {
      expect(plans[name], name).toContain('COVERING INDEX person_unit');
      expect(plans[name], name).toContain('COVERING INDEX person_unit (unit_id=? AND is_member=? AND active=? AND unit_since>?)');
    }
    expect(plans.plans).toMatch(/SEARCH t USING PRIMARY KEY \(unit_id=\? AND year=\? AND submitted_on<\?\)/);
    expect(plans.evaluation).toMatch(/SEARCH t USING PRIMARY KEY \(unit_id=\? AND year=\?\)/);
    expect(plans.plansAndEvaluation).toMatch(/SEARCH t USING PRIMARY KEY \(unit_id=\? AND year=\? AND submitted_on<\?\)[^]*SEARCH t USING PRIMARY KEY \(unit_id=\? AND year=\?\)/);
    expect(plans.activities).toContain('COVERING INDEX activity_unit_date');
    expect(plans.breakthroughs).toContain('INDEX task_kind_year');
  });

  it('members are counted by unit where person_unit gives them, never sorted one row per member', () => {
    const h = openDatabase(db, { readonly: true });
    const params = { from: '2017-01-01', until: '2017-12-31', asOf: '2017-12-31', units: '[1,2,3]', year: 2017, deadline: '2017-03-31' };
    const rows = (sql: string) => h.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { id: number; parent: number; detail: string }[];
    const cases = [['plans', ['plan_person_submitted']], ['evaluation', ['evaluation_person_used']], ['plansAndEvaluation', ['plan_person_submitted', 'evaluation_person_used']]] as const;
    for (const [name, looked] of cases) {
      // The form that joins each member (PostgreSQL's, the reference): each lookup is joined inside the
      // branch that walks the members (and groups them there), not to a union of every member's row afterwards.
      const joined = rows(JOINED_SQL[name]);
      const text = joined.map((r) => r.detail).join('\n');
      const walk = joined.find((r) => r.detail.includes('INDEX person_unit'))!;
      for (const index of looked) expect(joined.find((r) => r.detail.includes(`INDEX ${index}`))?.parent, `${name}: ${text}`).toBe(walk.parent);
      expect(text.match(/USE TEMP B-TREE FOR GROUP BY/g), `${name}: ${text}`).toHaveLength(1);
      // The tallied form: in the branch that walks today's members, plans and evaluations are only
      // looked up as scalar subqueries (for the members who came after the period); the one join to
      // them is that of the ended memberships, and the only sort is that of the per-unit rows.
      const tallied = rows(SQL[name]);
      const ttext = tallied.map((r) => r.detail).join('\n');
      const today = tallied.find((r) => r.detail.includes('INDEX person_unit'))!;
      const ended = tallied.find((r) => r.detail.includes('INDEX membership_history_unit'))!;
      for (const r of tallied.filter((r) => r.parent === today.parent)) expect(r.detail, ttext).not.toMatch(/plan|evaluation|LEFT-JOIN/);
      for (const index of looked) expect(tallied.filter((r) => r.detail.includes(`INDEX ${index}`) && r.detail.includes('LEFT-JOIN')).map((r) => r.parent), ttext).toEqual([ended.parent]);
      expect(ttext.match(/USE TEMP B-TREE FOR GROUP BY/g), `${name}: ${ttext}`).toHaveLength(1);
    }
    h.close();
  });
});
