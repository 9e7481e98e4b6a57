import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, run, runJson, sampleDbPath, tempDir, countRows } from '../helpers.js';

const counts = (db: string) => countRows(db, ['person', 'evaluation', 'change_log']);

interface Member {
  id: number;
  fullName: string;
  unitName: string;
  note: string | null;
}

let members: Member[];
beforeAll(async () => {
  members = (await runJson<Member[]>(['person', 'list', '--members'], { db: sampleDbPath() })).filter((p) => p.note === 'Đảng viên minh họa');
});

function csvFile(lines: string[]): string {
  const file = join(tempDir(), 'danh-gia.csv');
  writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
  return file;
}

describe('evaluate', () => {
  it('records an evaluation, and recording it again corrects it', async () => {
    const db = sampleDbPath();
    const m = members[0];
    const first = await runJson<{ result: string; planUsed: boolean | null; score: number | null }>(
      ['evaluate', '--person', String(m.id), '--year', '2018', '--result', 'tot', '--score', '86,5', '--plan-used'],
      { db },
    );
    expect(first).toMatchObject({ result: 'tot', planUsed: true, score: 86.5 });
    const second = await run(['evaluate', '--person', String(m.id), '--year', '2018', '--result', 'Hoàn thành xuất sắc nhiệm vụ', '--no-plan-used'], { db });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('Đã sửa đánh giá');
    const list = await runJson<{ personId: number; result: string; planUsed: boolean; score: number }[]>(['evaluation', 'list', '--year', '2018', '--people'], { db });
    expect(list).toEqual([expect.objectContaining({ personId: m.id, result: 'xuat-sac', planUsed: false, score: 86.5 })]);
  });

  it('warns when the plan is said to be used but there is none', async () => {
    const db = sampleDbPath();
    const r = await run(['evaluate', '--person', String(members[2].id), '--year', '2019', '--result', 'tot', '--plan-used'], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('chưa có kế hoạch cá nhân năm 2019');
  });

  it('warns when it is not said whether the plan was used', async () => {
    const db = sampleDbPath();
    const r = await run(['evaluate', '--person', String(members[1].id), '--year', '2018', '--result', 'hoan-thanh'], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--plan-used');
  });

  it('a result that is not one of the four is exit 2 and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const r = await run(['evaluate', '--person', String(members[0].id), '--year', '2018', '--result', 'gioi'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"gioi"');
    expect(r.stderr).toContain('xuat-sac, tot, hoan-thanh, khong-hoan-thanh');
    expect(counts(db)).toEqual(before);
  });

  it('a bad score, a missing option or an unknown person is exit 2', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    expect((await run(['evaluate', '--person', String(members[0].id), '--year', '2018', '--result', 'tot', '--score', '140'], { db })).code).toBe(2);
    expect((await run(['evaluate', '--person', String(members[0].id), '--year', '2018'], { db })).code).toBe(2);
    expect((await run(['evaluate', '--person', 'Không Ai Cả', '--year', '2018', '--result', 'tot'], { db })).code).toBe(2);
    expect(counts(db)).toEqual(before);
  });
});

describe('evaluate import', () => {
  const lines = (rows: Member[]) => [
    'Họ và tên;Đơn vị;Xếp loại;Điểm;Sử dụng kế hoạch',
    ...rows.map((m, i) => `${m.fullName};${m.unitName};${['HTXSNV', 'Hoàn thành tốt nhiệm vụ', 'hoan-thanh', 'tot'][i % 4]};${80 + (i % 20)};${i % 7 === 0 ? 'không' : 'có'}`),
  ];

  it('imports a year of evaluations', async () => {
    const db = sampleDbPath();
    const r = await runJson<{ evaluations: number; 'xuat-sac': number }>(['evaluate', 'import', csvFile(lines(members)), '--year', '2018'], { db });
    expect(r.evaluations).toBe(members.length);
    expect(r['xuat-sac']).toBe(members.length / 4);
    const bn = await runJson<{ unitName: string; evaluated: number; planUsed: number }[]>(['evaluation', 'list', '--year', '2018', '--unit', 'BN'], { db });
    expect(bn).toEqual([expect.objectContaining({ unitName: 'Phường Bến Nghé', evaluated: 20 })]);
    // One change-log line for the file; every evaluation recorded for undo, which takes the whole file back.
    const h = openTestDb(db, { readonly: true });
    const logged = h.prepare("SELECT entity_id AS id, action, changes FROM change_log WHERE entity = 'evaluation' AND command = 'evaluate import'").all() as { id: number | null; action: string; changes: string }[];
    h.close();
    expect(logged.map((l) => [l.id, l.action, JSON.parse(l.changes)])).toEqual([[null, 'import', { source: expect.stringMatching(/\.csv$/), added: members.length, years: [2018] }]]);
    expect((await run(['undo', '-y'], { db })).code).toBe(0);
    expect(await runJson<unknown[]>(['evaluation', 'list', '--year', '2018', '--unit', 'BN'], { db })).toEqual([expect.objectContaining({ evaluated: 0 })]);
  });

  it('lists every bad line and imports nothing', async () => {
    const db = sampleDbPath();
    const rows = lines(members);
    rows[4] = rows[4].replace(/;[^;]+;(\d+);/, ';giỏi;$1;');
    rows[9] = rows[9].replace(/;(\d+);/, ';120;');
    rows[14] = rows[14].replace(/;(có|không)$/, ';chắc vậy');
    const before = counts(db);
    const r = await run(['evaluate', 'import', csvFile(rows), '--year', '2018'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dòng 5: .*giỏi/);
    expect(r.stderr).toMatch(/dòng 10: .*120/);
    expect(r.stderr).toMatch(/dòng 15: .*chắc vậy/);
    expect(counts(db)).toEqual(before);
  });

  it('refuses people already evaluated for the year', async () => {
    const db = sampleDbPath();
    const r = await run(['evaluate', 'import', csvFile(lines(members.slice(0, 3))), '--year', '2017'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dòng 2: .*đã có đánh giá năm 2017/);
  });
});

describe('evaluation list', () => {
  it('counts each level per unit and warns where excellent exceeds 20% of good (QĐ 132)', async () => {
    const db = sampleDbPath();
    const r = await run(['evaluation', 'list', '--year', '2017', '--json'], { db });
    const rows = JSON.parse(r.stdout) as { unitName: string; evaluated: number; 'xuat-sac': number; tot: number; planUsed: number; warning: boolean }[];
    expect(rows).toHaveLength(10);
    const col = rows.find((x) => x.unitName === 'Phường Cầu Ông Lãnh')!;
    expect(col).toMatchObject({ 'xuat-sac': 4, tot: 12, warning: true });
    expect(rows.filter((x) => x.warning).map((x) => x.unitName)).toEqual(['Phường Cầu Ông Lãnh']);
    expect(rows.find((x) => x.unitName === 'Phường Tân Định')).toMatchObject({ evaluated: 20, planUsed: 16 });
    expect(r.stderr).toMatch(/Cảnh báo: Phường Cầu Ông Lãnh: 4 đảng viên hoàn thành xuất sắc, vượt 20% số hoàn thành tốt \(12, tối đa 2\)/);
    const table = await run(['evaluation', 'list', '--year', '2017', '--wide'], { db, tty: true });
    expect(table.stdout).toMatch(/Phường Cầu Ông Lãnh.*xuất sắc 4 > 20% của tốt 12/);
  });
});
