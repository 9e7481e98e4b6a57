// Day one of an office after 01/07/2025: the official unit list, imports from CSV and Excel, and the
// one meaning of "all units". In-process commands on temporary databases; facts read back as JSON.
import ExcelJS from 'exceljs';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyEngineDb } from '../pg-helpers.js';
import { openTestDb, run, runJson, sampleDbPath, tempDbPath, tempDir } from '../helpers.js';

interface UnitJson {
  id: number;
  code: string | null;
  name: string;
  kind: string;
  parentName: string | null;
  validFrom: string | null;
  note: string | null;
}

/** Counts of every table a refused command could touch, to prove it wrote nothing. */
function snapshot(db: string): string {
  const h = openTestDb(db, { readonly: true });
  const out = ['unit', 'unit_successor', 'person', 'plan', 'evaluation', 'task', 'change_log'].map((t) => (h.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
  const units = h.prepare('SELECT id, name, kind, code, parent_id FROM unit ORDER BY id').all();
  const people = h.prepare('SELECT * FROM person ORDER BY id').all();
  h.close();
  return JSON.stringify({ out, units, people });
}

function csv(lines: string[]): string {
  const file = join(tempDir(), 'data.csv');
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

async function xlsx(rows: unknown[][], opts: { sheet?: string; before?: string } = {}): Promise<string> {
  const file = join(tempDir(), 'data.xlsx');
  const wb = new ExcelJS.Workbook();
  if (opts.before) wb.addWorksheet(opts.before).addRow(['nothing here']);
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

let hcmTemplate: string;
/** A copy of a database holding Ho Chi Minh City's official units (imported once per file). */
function hcmDb(): string {
  const path = tempDbPath();
  copyEngineDb(hcmTemplate, path);
  return path;
}

beforeAll(async () => {
  hcmTemplate = tempDbPath();
  expect((await run(['init'], { db: hcmTemplate })).code).toBe(0);
  const r = await run(['unit', 'import', '--official', '--province', 'ho chi minh'], { db: hcmTemplate });
  expect(r.code, r.stderr).toBe(0);
  const h = openTestDb(hcmTemplate, { raw: true });
  h.pragma('wal_checkpoint(TRUNCATE)');
  h.close();
});

describe('unit import --official', () => {
  it('registers the 168 units of Ho Chi Minh City under a new Thành ủy, with kind, code and validity', async () => {
    const db = hcmDb();
    const units = await runJson<UnitJson[]>(['unit', 'list'], { db });
    expect(units).toHaveLength(169);
    const committee = units.filter((u) => u.kind === 'committee');
    expect(committee.map((u) => [u.name, u.code])).toEqual([['Thành ủy Thành phố Hồ Chí Minh', 'TU-79']]);
    const grassroots = units.filter((u) => u.kind !== 'committee');
    expect(grassroots.every((u) => u.parentName === 'Thành ủy Thành phố Hồ Chí Minh' && u.validFrom === '2025-07-01' && /^\d{5}$/.test(u.code!))).toBe(true);
    const byKind = (k: string) => grassroots.filter((u) => u.kind === k).length;
    expect([byKind('ward'), byKind('commune'), byKind('special-zone')]).toEqual([113, 54, 1]);
  });

  it('a second run, by code, adds nothing', async () => {
    const db = hcmDb();
    const before = snapshot(db);
    const r = await runJson<{ added: number; unchanged: number; updated: unknown[] }>(['unit', 'import', '--official', '--province', '79'], { db });
    expect(r).toMatchObject({ added: 0, unchanged: 169, updated: [] });
    expect(snapshot(db)).toBe(before);
  });

  it('lists the special zone by its kind, labelled in both languages', async () => {
    const db = hcmDb();
    const zones = await runJson<UnitJson[]>(['unit', 'list', '--kind', 'special-zone'], { db });
    expect(zones.map((u) => [u.name, u.code])).toEqual([['Đặc khu Côn Đảo', '26732']]);
    expect((await run(['unit', 'show', 'con dao'], { db })).stdout).toMatch(/Loại\s+đặc khu/);
    expect((await run(['unit', 'show', 'con dao', '--lang', 'en'], { db })).stdout).toMatch(/special zone/);
  });

  it('a later edition updates names and kinds and reports each change; validity and parent stay', async () => {
    const db = hcmDb();
    const { readFileSync } = await import('node:fs');
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'don-vi-hanh-chinh-2025.csv'), 'utf8');
    const edition = join(tempDir(), 'edition-2.csv');
    writeFileSync(edition, shipped.replace(',26740,Phường Sài Gòn,', ',26740,phường Sài Gòn Mới,'));
    const dry = await run(['unit', 'import', '--official', '--province', 'Hồ Chí Minh', '--list', edition, '--dry-run'], { db });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('26740: tên "Phường Sài Gòn" → "Phường Sài Gòn Mới"');
    expect((await runJson<UnitJson>(['unit', 'show', '26740'], { db })).name).toBe('Phường Sài Gòn');
    const r = await runJson<{ added: number; updated: { code: string; changes: Record<string, { before: string; after: string }> }[] }>(
      ['unit', 'import', '--official', '--province', '79', '--list', edition],
      { db },
    );
    expect(r.added).toBe(0);
    expect(r.updated).toEqual([expect.objectContaining({ code: '26740', changes: { name: { before: 'Phường Sài Gòn', after: 'Phường Sài Gòn Mới' } } })]);
    const after = await runJson<UnitJson>(['unit', 'show', '26740'], { db });
    expect([after.name, after.validFrom, after.parentName]).toEqual(['Phường Sài Gòn Mới', '2025-07-01', 'Thành ủy Thành phố Hồ Chí Minh']);
  });

  it('imports the whole country in one run: 34 committees and 3,321 units; the lower-case name normalised with a note', async () => {
    const db = tempDbPath();
    const r = await runJson<{ added: number; addedByKind: Record<string, number> }>(['unit', 'import', '--official'], { db });
    expect(r.added).toBe(3355);
    expect(r.addedByKind).toEqual({ committee: 34, ward: 697, commune: 2611, 'special-zone': 13 });
    const bacSon = await runJson<UnitJson>(['unit', 'show', '06325'], { db });
    expect([bacSon.name, bacSon.parentName]).toEqual(['Xã Bắc Sơn', 'Tỉnh ủy Lạng Sơn']);
    expect(bacSon.note).toContain('"xã Bắc Sơn"');
  });

  it('puts the units under --parent and takes --from', async () => {
    const db = sampleDbPath();
    const r = await run(['unit', 'import', '--official', '--province', 'ho chi minh', '--parent', 'TU-HCM', '--from', '15/07/2025'], { db });
    expect(r.code, r.stderr).toBe(0);
    const zone = await runJson<UnitJson>(['unit', 'show', '26732'], { db });
    expect([zone.parentName, zone.validFrom]).toEqual(['Thành ủy Thành phố Hồ Chí Minh', '2025-07-15']);
    const committees = await runJson<UnitJson[]>(['unit', 'list', '--kind', 'committee'], { db });
    expect(committees.map((u) => u.code).sort()).toEqual(['Q1', 'TU-HCM']);
  });

  it('refuses a province that matches nothing or several: exit 2, no file created', async () => {
    for (const province of ['atlantis', 'ninh', '99']) {
      const db = tempDbPath();
      const r = await run(['unit', 'import', '--official', '--province', province], { db });
      expect(r.code, province).toBe(2);
      expect(r.stderr).toContain('--province');
      expect(existsSync(db)).toBe(false);
    }
    const many = await run(['unit', 'import', '--official', '--province', 'ninh'], { db: tempDbPath() });
    expect(many.stderr).toContain('Tỉnh Quảng Ninh, 24 Tỉnh Bắc Ninh');
  });
});

describe('all units: wards, communes and special zones', () => {
  it('task add --all-units gives one task to each of the 168 units; --all-wards means the same', async () => {
    const db = hcmDb();
    const tasks = await runJson<{ unitName: string }[]>(['task', 'add', 'Báo cáo sơ kết', '--all-units', '--within', '30d', '--start', '01/09/2026'], { db });
    expect(tasks).toHaveLength(168);
    expect(tasks.map((t) => t.unitName)).toContain('Đặc khu Côn Đảo');
    expect(tasks.map((t) => t.unitName)).toContain('Xã Củ Chi');
    const alias = await runJson<unknown[]>(['task', 'add', 'Báo cáo quý', '--all-wards', '--within', '30d', '--start', '01/09/2026'], { db });
    expect(alias).toHaveLength(168);
  });

  it('narrows with --kind and --under', async () => {
    const db = hcmDb();
    const communes = await runJson<unknown[]>(['task', 'add', 'X', '--all-units', '--kind', 'commune', '--within', '30d', '--start', '01/09/2026'], { db });
    expect(communes).toHaveLength(54);
    const two = await runJson<unknown[]>(['task', 'add', 'Y', '--all-units', '--kind', 'commune,special-zone', '--within', '30d', '--start', '01/09/2026'], { db });
    expect(two).toHaveLength(55);
    expect((await run(['task', 'add', 'Z', '--all-units', '--kind', 'cell', '--within', '30d'], { db })).code).toBe(2);
    expect((await run(['task', 'add', 'Z', '--unit', 'con dao', '--kind', 'commune', '--within', '30d'], { db })).code).toBe(2);

    // Under the 2017 sample's city committee the old district's wards are not "under" anything in 2026.
    const sample = sampleDbPath();
    await run(['unit', 'import', '--official', '--province', '79', '--parent', 'TU-HCM'], { db: sample });
    const underQ1 = await runJson<unknown[]>(['task', 'add', 'W', '--all-units', '--under', 'Q1', '--within', '30d', '--start', '01/07/2017'], { db: sample });
    expect(underQ1).toHaveLength(10);
    const underCity = await runJson<unknown[]>(['task', 'add', 'V', '--all-units', '--under', 'TU-HCM', '--within', '30d', '--start', '01/09/2026'], { db: sample });
    expect(underCity).toHaveLength(168 + 4);
  });

  it('meeting add --invite all-units invites the 168 units of the organising committee', async () => {
    const db = hcmDb();
    const m = await runJson<{ id: number }>(['meeting', 'add', '--date', '15/09/2026', '--title', 'Giao ban quý III', '--organizer', 'TU-79', '--invite', 'all-units'], { db });
    const shown = await runJson<{ units: { unitName?: string; name?: string }[] }>(['meeting', 'show', String(m.id)], { db });
    expect(shown.units).toHaveLength(168);
    const old = await run(['meeting', 'add', '--date', '16/09/2026', '--title', 'Họp', '--invite', 'all-wards'], { db });
    expect(old.stderr).toContain('168');
  });

  it('report compliance counts the 168 units by default', async () => {
    const db = hcmDb();
    const report = await runJson<{ kinds: string[]; units: unknown[] }>(['report', 'compliance', '--year', '2026'], { db });
    expect(report.kinds).toEqual(['ward', 'commune', 'special-zone']);
    expect(report.units).toHaveLength(168);
  });
});

describe('unit import FILE', () => {
  const header = 'Tên đơn vị,Loại,Mã,Cấp trên,Hiệu lực từ,Hiệu lực đến,Đơn vị kế thừa';

  it('imports a CSV whose parents are in the file or the database, all in one go; a second run adds nothing', async () => {
    const db = hcmDb();
    const file = csv([header, 'Chi bộ khu phố 2,chi bộ,SG-KP2,Đảng bộ Phường Sài Gòn,01/07/2025,,', 'Đảng bộ Phường Sài Gòn,cấp ủy,SG-DB,26740,2025-07-01,,', 'Chi bộ khu phố 1,cell,SG-KP1,SG-DB,45839,,']);
    const dry = await runJson<{ added: number; dryRun: boolean }>(['unit', 'import', file, '--dry-run'], { db });
    expect(dry).toMatchObject({ added: 3, dryRun: true });
    expect((await runJson<unknown[]>(['unit', 'list'], { db })).length).toBe(169);
    const r = await runJson<{ added: number }>(['unit', 'import', file], { db });
    expect(r.added).toBe(3);
    const kp1 = await runJson<UnitJson>(['unit', 'show', 'SG-KP1'], { db });
    expect([kp1.kind, kp1.parentName, kp1.validFrom]).toEqual(['cell', 'Đảng bộ Phường Sài Gòn', '2025-07-01']);
    const again = await runJson<{ added: number; unchanged: number }>(['unit', 'import', file], { db });
    expect(again).toMatchObject({ added: 0, unchanged: 3 });
  });

  it('reads .xlsx with English headers, a kind taken from the name, successors and Excel dates', async () => {
    const db = hcmDb();
    const file = await xlsx([
      ['name', 'code', 'valid from', 'valid to', 'successor'],
      ['phường Cũ', 'OLD', new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2025, 5, 30)), '26740'],
      ['Đặc khu Thử', 'ZONE', 45839, '', ''],
    ]);
    const r = await runJson<{ added: number }>(['unit', 'import', file], { db });
    expect(r.added).toBe(2);
    const old = await runJson<UnitJson & { successors: string[]; validTo: string }>(['unit', 'show', 'OLD'], { db });
    expect([old.name, old.kind, old.validFrom, old.validTo, old.successors]).toEqual(['Phường Cũ', 'ward', '2020-01-01', '2025-06-30', ['Phường Sài Gòn']]);
    expect((await runJson<UnitJson>(['unit', 'show', 'ZONE'], { db })).kind).toBe('special-zone');
  });

  it('refuses, listing every bad line, a parent that does not exist, duplicate codes, a missing kind: nothing written', async () => {
    const db = hcmDb();
    const before = snapshot(db);
    const file = csv([header, 'Chi bộ 1,chi bộ,C1,Không Có Đâu,,,', 'Chi bộ 2,chi bộ,C1,26740,,,', 'Tổ X,,,,,,', 'Chi bộ 3,district,C3,,,,']);
    const r = await run(['unit', 'import', file], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 lỗi ở 4 dòng/);
    expect(r.stderr).toMatch(/dòng 2: cấp trên "Không Có Đâu" không có/);
    expect(r.stderr).toMatch(/dòng 3: mã "C1" đã có ở dòng 2/);
    expect(r.stderr).toMatch(/dòng 4: thiếu loại đơn vị/);
    expect(r.stderr).toMatch(/dòng 5: loại "district" không hợp lệ/);
    expect(snapshot(db)).toBe(before);
  });

  it('refuses an .xlsx that is not a spreadsheet, and a sheet without the required column', async () => {
    const db = hcmDb();
    const before = snapshot(db);
    const fake = join(tempDir(), 'units.xlsx');
    writeFileSync(fake, 'Tên đơn vị,Loại\nPhường A,phường\n');
    const r = await run(['unit', 'import', fake], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không phải tệp Excel .xlsx');
    const noName = await xlsx([['Mã', 'Loại'], ['X1', 'phường']]);
    const r2 = await run(['unit', 'import', noName], { db });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('thiếu cột "Tên đơn vị"');
    expect(snapshot(db)).toBe(before);
  });

  it('writes a template with the Vietnamese headers, and never over an existing file', async () => {
    const dir = tempDir();
    const file = join(dir, 'mau.xlsx');
    const r = await run(['unit', 'import', '--template', file]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['Tên đơn vị', 'Loại', 'Mã', 'Cấp trên', 'Hiệu lực từ', 'Hiệu lực đến', 'Đơn vị kế thừa', 'Ghi chú']);
    expect((await run(['unit', 'import', '--template', file])).code).toBe(2);
    expect((await run(['unit', 'import', '--template', join(dir, 'mau.csv')])).code).toBe(2);
  });
});

describe('person import', () => {
  async function filledTemplate(rows: unknown[][]): Promise<string> {
    const file = join(tempDir(), 'members.xlsx');
    expect((await run(['person', 'import', '--template', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const r of rows) wb.worksheets[0].addRow(r);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('imports a sheet made from the template; personal data only with --show-personal; re-import updates', async () => {
    const db = hcmDb();
    const file = await filledTemplate([
      ['Nguyễn Văn An', 'Phường Sài Gòn', 'Bí thư Đảng ủy phường; Chủ tịch HĐND phường', 'có', new Date(Date.UTC(1975, 4, 19)), '79.000123', ''],
      ['Trần Thị Bình', 'phuong ben thanh', 'Phó Bí thư', '', 27500, '', ''],
      ['Lê Văn Cường', 'Đặc khu Côn Đảo', '', 'không', '03/02/1990', '', 'quần chúng'],
    ]);
    const r = await runJson<{ added: number }>(['person', 'import', file], { db });
    expect(r.added).toBe(3);
    const list = await runJson<Record<string, unknown>[]>(['person', 'list'], { db });
    expect(list.map((p) => [p.fullName, p.unitName, p.isMember])).toEqual([
      ['Nguyễn Văn An', 'Phường Sài Gòn', true],
      ['Trần Thị Bình', 'Phường Bến Thành', true],
      ['Lê Văn Cường', 'Đặc khu Côn Đảo', false],
    ]);
    expect(list.every((p) => !('birthOn' in p) && !('partyCard' in p))).toBe(true);
    const plain = await run(['person', 'list'], { db });
    expect(plain.stdout).not.toContain('1975');
    expect(plain.stdout).not.toContain('79.000123');
    const shown = await runJson<{ fullName: string; birthOn: string | null; partyCard: string | null }[]>(['person', 'list', '--show-personal'], { db });
    expect(shown.map((p) => [p.birthOn, p.partyCard])).toEqual([
      ['1975-05-19', '79.000123'],
      ['1975-04-16', null],
      ['1990-02-03', null],
    ]);
    expect((await run(['log'], { db })).stdout).not.toContain('79.000123');

    // The office corrects a position and types a name without accents: the same people, updated.
    const again = await filledTemplate([
      ['nguyen van an', 'Phường Sài Gòn', 'Bí thư Đảng ủy phường', 'có', '', '', ''],
      ['Trần Thị Bình', 'Phường Bến Thành', 'Phó Bí thư', '', '', '', ''],
    ]);
    const second = await runJson<{ added: number; updated: number; unchanged: number }>(['person', 'import', again], { db });
    expect(second).toEqual({ file: again, added: 0, updated: 1, unchanged: 1, dryRun: false });
    const an = await runJson<{ fullName: string; positions: string[]; birthOn: string }>(['person', 'show', 'nguyen van an', '--show-personal'], { db });
    expect([an.fullName, an.positions, an.birthOn]).toEqual(['Nguyễn Văn An', ['Bí thư Đảng ủy phường'], '1975-05-19']);
    expect((await runJson<unknown[]>(['person', 'list'], { db })).length).toBe(3);
  });

  it('refuses an ambiguous unit, a bad member value, duplicate lines and cards, listing every line: nothing written', async () => {
    const db = hcmDb();
    const before = snapshot(db);
    const file = csv([
      'Họ và tên,Đơn vị,Đảng viên (có/không),Số thẻ đảng viên',
      'A,xa thanh an,có,',
      'B,Phường Sài Gòn,có lẽ,',
      'C,Phường Sài Gòn,,1',
      'c,phuong sai gon,,',
      'D,Phường Bến Thành,,1',
      'E,,,',
    ]);
    const r = await run(['person', 'import', file], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dòng 2: "xa thanh an" trùng với 2 đơn vị.*Xã Thanh An.*Xã Thạnh An/);
    expect(r.stderr).toMatch(/dòng 3: cột "Đảng viên": "có lẽ"/);
    expect(r.stderr).toMatch(/dòng 5: c \(Phường Sài Gòn\) đã có ở dòng 4/);
    expect(r.stderr).toMatch(/dòng 6: số thẻ "1" đã có ở dòng 4/);
    expect(r.stderr).toMatch(/dòng 7: thiếu đơn vị/);
    expect(snapshot(db)).toBe(before);
  });

  it('refuses a file without the unit column unless --unit is given, and --dry-run writes nothing', async () => {
    const db = hcmDb();
    const before = snapshot(db);
    const file = csv(['Họ và tên,Chức vụ', 'Phạm Văn Dũng,Bí thư chi bộ']);
    const r = await run(['person', 'import', file], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không có cột "Đơn vị"');
    const dry = await runJson<{ added: number; dryRun: boolean }>(['person', 'import', file, '--unit', 'con dao', '--dry-run'], { db });
    expect(dry).toMatchObject({ added: 1, dryRun: true });
    expect(snapshot(db)).toBe(before);
    expect((await runJson<{ added: number }>(['person', 'import', file, '--unit', 'con dao'], { db })).added).toBe(1);
  });
});

describe('plan and evaluate import from .xlsx', () => {
  it('reads the first sheet, or --sheet, with Excel dates as dates or serial numbers', async () => {
    const db = sampleDbPath();
    const rows = [
      ['Họ và tên', 'Đơn vị', 'Ngày nộp', 'Nội dung'],
      ['Huỳnh Thanh Hải', 'Quận ủy Quận 1', new Date(Date.UTC(2018, 2, 15)), 'Kế hoạch 2018'],
      ['Hoàng Thị Tố Nga', 'Quận ủy Quận 1', 43200, ''],
    ];
    const file = await xlsx(rows, { sheet: 'Kế hoạch', before: 'Ghi chú' });
    const wrongSheet = await run(['plan', 'import', file, '--year', '2018', '--dry-run'], { db });
    expect(wrongSheet.code).toBe(2);
    expect(wrongSheet.stderr).toContain('thiếu cột');
    const missing = await run(['plan', 'import', file, '--year', '2018', '--sheet', 'Không có'], { db });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"Kế hoạch"');
    const r = await runJson<{ plans: number }>(['plan', 'import', file, '--year', '2018', '--sheet', 'Kế hoạch'], { db });
    expect(r.plans).toBe(2);
    const plans = await runJson<{ fullName: string; submittedOn: string }[]>(['plan', 'list', '--year', '2018'], { db });
    expect(plans.map((p) => [p.fullName, p.submittedOn]).sort()).toEqual([
      ['Hoàng Thị Tố Nga', '2018-04-10'],
      ['Huỳnh Thanh Hải', '2018-03-15'],
    ]);
  });

  it('evaluate import reads .xlsx, and both write their templates', async () => {
    const db = sampleDbPath();
    const file = await xlsx([
      ['Họ và tên', 'Đơn vị', 'Xếp loại', 'Điểm', 'Sử dụng kế hoạch'],
      ['Huỳnh Thanh Hải', 'Quận ủy Quận 1', 'tot', 88.5, 'có'],
    ]);
    const r = await run(['evaluate', 'import', file, '--year', '2017'], { db });
    expect(r.code, r.stderr).toBe(0);
    const dir = tempDir();
    for (const [cmd, header] of [['plan', 'Ngày nộp'], ['evaluate', 'Xếp loại']] as const) {
      const t = join(dir, `${cmd}.xlsx`);
      expect((await run([cmd, 'import', '--template', t])).code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(t);
      expect(wb.worksheets[0].getRow(1).values as unknown[]).toContain(header);
    }
    expect((await run(['plan', 'import'], { db })).code).toBe(2);
  });
});

describe('init --sample tphcm-2025', () => {
  it('loads the city with its 168 real units and city-wide tasks for all of them, marked illustrative', async () => {
    const db = tempDbPath();
    const r = await run(['init', '--sample', 'tphcm-2025'], { db });
    expect(r.code, r.stderr).toBe(0);
    const units = await runJson<UnitJson[]>(['unit', 'list'], { db });
    expect(units).toHaveLength(169);
    const tasks = await runJson<{ unitName: string; groupId: number; illustrative?: boolean }[]>(['task', 'list', '--kind', 'task', '--as-of', '01/12/2026'], { db });
    const perGroup = new Map<number, number>();
    for (const t of tasks) perGroup.set(t.groupId, (perGroup.get(t.groupId) ?? 0) + 1);
    expect([...perGroup.values()].every((n) => n === 168)).toBe(true);
    expect(perGroup.size).toBeGreaterThanOrEqual(3);
    const report = await runJson<{ units: unknown[] }>(['report', 'compliance', '--year', '2026', '--as-of', '01/12/2026'], { db });
    expect(report.units).toHaveLength(168);
    const meetings = await runJson<{ invited: number; illustrative: boolean }[]>(['meeting', 'list'], { db });
    expect(meetings.every((m) => m.invited === 168 && m.illustrative)).toBe(true);
    const overdue = await run(['overdue', '--as-of', '01/12/2026', '--json'], { db });
    expect(overdue.code).toBe(0);
  });
});
