import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/domain/text.js';
import { run, runJson, sampleDbPath, tempDir, countRows, openTestDb } from '../helpers.js';

const counts = (db: string) => countRows(db, ['person', 'plan', 'plan_deadline', 'change_log']);

interface Member {
  id: number;
  fullName: string;
  unitName: string;
}

let members: Member[];
beforeAll(async () => {
  const db = sampleDbPath();
  const people = await runJson<(Member & { note: string | null })[]>(['person', 'list', '--members'], { db });
  members = people.filter((p) => p.note === 'Đảng viên minh họa');
});

function csvFile(lines: string[], opts: { bom?: boolean; sep?: string } = {}): string {
  const file = join(tempDir(), 'ke-hoach.csv');
  writeFileSync(file, `${opts.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
  return file;
}

/** Every illustrative member's 2018 plan, names typed without accents as a ward might. */
function planLines(sep = ';'): string[] {
  return [
    ['Họ và tên', 'Đơn vị', 'Ngày nộp', 'Nội dung'].join(sep),
    ...members.map((m, i) => [fold(m.fullName), m.unitName, `${String((i % 28) + 1).padStart(2, '0')}/03/2018`, `Đăng ký làm theo số ${i + 1}`].join(sep)),
  ];
}

describe('plan add, edit, list, deadline', () => {
  it('adds a plan, refuses a second one for the same year and says how to edit', async () => {
    const db = sampleDbPath();
    const added = await runJson<{ status: string; submittedOn: string; year: number }>(
      ['plan', 'add', '--person', fold(members[0].fullName), '--unit', members[0].unitName, '--year', '2018', '--submitted', '20/03/2018', '--content', 'Đăng ký làm theo'],
      { db },
    );
    expect(added).toMatchObject({ year: 2018, submittedOn: '2018-03-20', status: 'on_time' });
    const before = counts(db);
    const again = await run(['plan', 'add', '--person', members[0].fullName, '--unit', members[0].unitName, '--year', '2018'], { db });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('thuky plan edit');
    expect(counts(db)).toEqual(before);
  });

  it('a plan for an unknown person is exit 2 and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const r = await run(['plan', 'add', '--person', 'Người Không Có', '--year', '2018'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Người Không Có');
    expect(counts(db)).toEqual(before);
  });

  it('a bad year or date is exit 2', async () => {
    const db = sampleDbPath();
    expect((await run(['plan', 'add', '--person', members[0].fullName, '--year', 'hai nghìn'], { db })).code).toBe(2);
    expect((await run(['plan', 'add', '--person', members[0].fullName, '--year', '2018', '--submitted', '31/02/2018'], { db })).code).toBe(2);
  });

  it('edits the submission date; a late date turns the plan late', async () => {
    const db = sampleDbPath();
    const m = members.find((x) => x.unitName === 'Phường Bến Nghé')!;
    const edited = await runJson<{ status: string; submittedOn: string }>(['plan', 'edit', '--person', m.fullName, '--unit', 'BN', '--year', '2017', '--submitted', '15/05/2017'], { db });
    expect(edited).toMatchObject({ submittedOn: '2017-05-15', status: 'late' });
    const missing = await run(['plan', 'edit', '--person', m.fullName, '--unit', 'BN', '--year', '2019', '--submitted', '15/05/2019'], { db });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('thuky plan add');
  });

  it('lists the plans of a unit and the members without one', async () => {
    const db = sampleDbPath();
    const plans = await runJson<{ status: string }[]>(['plan', 'list', '--year', '2017', '--unit', 'ben thanh'], { db });
    expect(plans).toHaveLength(18);
    expect(plans.filter((p) => p.status === 'late')).toHaveLength(3);
    const missing = await runJson<{ fullName: string; unitName: string }[]>(['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh'], { db });
    expect(missing).toHaveLength(2);
    expect(missing.every((m) => m.unitName === 'Phường Bến Thành')).toBe(true);
    const table = await run(['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh'], { db, tty: true });
    expect(table.stdout).toContain(missing[0].fullName);
    expect(table.stdout).toContain('2 đảng viên chưa có kế hoạch cá nhân năm 2017');
  });

  it('lists plans and people in Vietnamese order: unit, then given name, then full name; the same in every format', async () => {
    const db = sampleDbPath();
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    const given = (name: string) => name.slice(name.lastIndexOf(' ') + 1);
    const inOrder = (rows: { unitName: string | null; fullName: string }[]) =>
      rows.every((r, i) => {
        if (!i) return true;
        const p = rows[i - 1];
        const d = collator.compare(p.unitName ?? '', r.unitName ?? '') || collator.compare(given(p.fullName), given(r.fullName)) || collator.compare(p.fullName, r.fullName);
        return d <= 0;
      });
    const plans = await runJson<{ id: number; unitName: string; fullName: string }[]>(['plan', 'list', '--year', '2017'], { db });
    expect(plans.length).toBeGreaterThan(100);
    expect(new Set(plans.map((p) => p.unitName)).size).toBeGreaterThan(5);
    expect(inOrder(plans)).toBe(true);
    expect(inOrder([...plans].reverse())).toBe(false); // control: the check notices rows out of order
    const tsv = await run(['plan', 'list', '--year', '2017', '--format', 'tsv'], { db });
    expect(tsv.stdout.trim().split('\n').slice(1).map((l) => Number(l.split('\t')[0]))).toEqual(plans.map((p) => p.id));
    const people = await runJson<{ id: number; unitName: string | null; fullName: string }[]>(['person', 'list', '--unit', 'CK'], { db });
    expect(people.length).toBeGreaterThan(10);
    expect(people.map((p) => given(p.fullName))).toEqual([...people.map((p) => given(p.fullName))].sort(collator.compare));
  });

  it('the deadline is 31/03 by default and can be moved', async () => {
    const db = sampleDbPath();
    expect(await runJson(['plan', 'deadline', '--year', '2018'], { db })).toEqual({ year: 2018, deadlineOn: '2018-03-31', isDefault: true });
    expect((await run(['plan', 'deadline', '--year', '2018', '--date', '15/04/2018'], { db })).code).toBe(0);
    expect(await runJson(['plan', 'deadline', '--year', '2018'], { db })).toEqual({ year: 2018, deadlineOn: '2018-04-15', isDefault: false });
    expect((await run(['plan', 'deadline', '--year', '2018', '--date', '31/12/2017'], { db })).code).toBe(2);
  });
});

describe('plan import', () => {
  it('imports hundreds of plans at once: semicolons, BOM, Vietnamese header, names without accents', async () => {
    const db = sampleDbPath();
    const lines = planLines(';');
    const r = await run(['plan', 'import', csvFile(lines, { bom: true }), '--year', '2018'], { db });
    expect(r.stderr).toContain('Đã nhập 200 kế hoạch cá nhân năm 2018');
    expect(r.code).toBe(0);
    const plans = await runJson<unknown[]>(['plan', 'list', '--year', '2018'], { db });
    expect(plans).toHaveLength(members.length);
    const h = openTestDb(db, { readonly: true });
    // One line in the change log for the whole file, as the people and unit imports write; each row
    // recorded for undo under the command's run.
    const logged = h.prepare("SELECT entity_id AS id, action, changes FROM change_log WHERE entity = 'plan' AND command = 'plan import'").all() as { id: number | null; action: string; changes: string }[];
    expect(logged.map((l) => [l.id, l.action, JSON.parse(l.changes)])).toEqual([[null, 'import', { source: expect.stringMatching(/\.csv$/), added: 200, years: [2018] }]]);
    const recorded = h.prepare("SELECT count(*) FROM row_change c JOIN command_run r ON r.id = c.run_id WHERE r.command = 'plan import' AND c.tbl = 'plan' AND c.op = 'insert'").pluck().get();
    expect(recorded).toBe(200);
    h.close();
  });

  it('a bad date on line 57: every bad line reported, nothing imported', async () => {
    const db = sampleDbPath();
    const lines = planLines(';');
    lines[56] = lines[56].replace(/\d\d\/03\/2018/, '31/02/2018'); // line 57 of the file
    lines[79] = lines[79].replace(/^[^;]+/, 'Tran Van Khong Co'); // line 80: unknown person
    lines[99] = lines[99].replace(/\d\d\/03\/2018/, 'ngày mai'); // line 100: not a date
    lines[119] = lines[119].replace(/;Phường [^;]+;/, ';Phường Không Có;'); // line 120: unknown unit
    lines.push(lines[9]); // line 202 repeats line 10
    const before = counts(db);
    const r = await run(['plan', 'import', csvFile(lines), '--year', '2018'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('5 lỗi ở 5 dòng; không ghi gì');
    expect(r.stderr).toMatch(/dòng 57: .*31\/02\/2018/);
    expect(r.stderr).toMatch(/dòng 80: .*Tran Van Khong Co/);
    expect(r.stderr).toMatch(/dòng 100: .*ngày mai/);
    expect(r.stderr).toMatch(/dòng 120: .*Phường Không Có/);
    expect(r.stderr).toMatch(/dòng 202: .*dòng 10/);
    expect(r.stderr.indexOf('dòng 57')).toBeLessThan(r.stderr.indexOf('dòng 80'));
    expect(counts(db)).toEqual(before);
  });

  it('shows a progress bar on a terminal for a large file, and none in a pipe', async () => {
    const db = sampleDbPath();
    const file = csvFile(planLines(','));
    const tty = await run(['plan', 'import', file, '--year', '2018', '--dry-run'], { db, tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('Đang kiểm tra');
    expect(tty.stderr).toContain(`${members.length}/${members.length}`);
    const pipe = await run(['plan', 'import', file, '--year', '2018', '--dry-run'], { db, tty: false });
    expect(pipe.stderr).not.toContain('Đang kiểm tra');
  });

  it('--dry-run checks everything and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const r = await runJson<{ plans: number; dryRun: boolean }>(['plan', 'import', csvFile(planLines(',')), '--year', '2018', '--dry-run'], { db });
    expect(r).toMatchObject({ plans: members.length, dryRun: true });
    expect(counts(db)).toEqual(before);
  });

  it('English headers with --unit; unknown people with --create-people', async () => {
    const db = sampleDbPath();
    const bn = members.filter((m) => m.unitName === 'Phường Bến Nghé');
    const lines = ['full name,submitted,content', ...bn.map((m) => `${m.fullName},2018-03-01 00:00:00,x`), 'Trần Thị Mới,2018-03-02,y'];
    const refused = await run(['plan', 'import', csvFile(lines), '--year', '2018', '--unit', 'ben nghe'], { db });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/dòng 22: .*Trần Thị Mới.*--create-people/);
    const before = counts(db);
    const r = await runJson<{ plans: number; peopleCreated: number }>(['plan', 'import', csvFile(lines), '--year', '2018', '--unit', 'ben nghe', '--create-people'], { db });
    expect(r).toMatchObject({ plans: 21, peopleCreated: 1 });
    expect(counts(db).person).toBe(before.person + 1);
  });

  it('an ambiguous name is reported with the candidates', async () => {
    const db = sampleDbPath();
    await run(['person', 'add', 'Nguyễn Văn Trùng', '--unit', 'BN'], { db });
    await run(['person', 'add', 'Nguyen Van Trung', '--unit', 'BN'], { db });
    const r = await run(['plan', 'import', csvFile(['Họ và tên;Ngày nộp', 'nguyen van trung;01/03/2018']), '--year', '2018', '--unit', 'BN'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dòng 2: .*nhiều người/);
  });

  it('a plan that already exists is a problem of its line', async () => {
    const db = sampleDbPath();
    const m = members[0];
    const r = await run(['plan', 'import', csvFile(['Họ và tên;Đơn vị;Ngày nộp', `${m.fullName};${m.unitName};01/03/2017`]), '--year', '2017'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dòng 2: .*đã có kế hoạch cá nhân năm 2017/);
  });

  it('a file without the needed columns, without a unit, or missing, is exit 2', async () => {
    const db = sampleDbPath();
    const noDate = await run(['plan', 'import', csvFile(['Họ và tên;Đơn vị', 'A;BN']), '--year', '2018'], { db });
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toContain('"Ngày nộp"');
    expect((await run(['plan', 'import', csvFile(['Họ và tên;Ngày nộp', 'A;01/03/2018']), '--year', '2018'], { db })).code).toBe(2);
    expect((await run(['plan', 'import', join(tempDir(), 'khong-co.csv'), '--year', '2018'], { db })).code).toBe(2);
  });

  it('a CSV whose quotes do not close, or with text after a closing quote, is exit 2 naming the line, in the user\'s language; nothing written', async () => {
    const db = sampleDbPath();
    const lines = planLines(';');
    const count = async () => (await runJson<unknown[]>(['plan', 'list', '--year', '2018'], { db })).length;
    const open = [...lines.slice(0, 3), lines[3].replace(/;([^;]*)$/, ';"$1'), ...lines.slice(4)];
    const r = await run(['plan', 'import', csvFile(open), '--year', '2018'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lỗi CSV ở dòng 4: dấu ngoặc kép mở ở dòng này không được đóng lại');
    const after = [...lines.slice(0, 2), lines[2].replace(/;([^;]*)$/, ';"$1" x'), ...lines.slice(3)];
    const en = await run(['plan', 'import', csvFile(after), '--year', '2018', '--lang', 'en'], { db });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('CSV error on line 3: "x" after a closing double quote');
    expect(await count()).toBe(0);
  });
});
