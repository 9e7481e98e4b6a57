import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath, tempDir, dbSnapshot, openTestDb } from '../helpers.js';

/** Every row of every table: a bad input must leave this exactly as it was. */
const snapshot = dbSnapshot;

interface Shown {
  id: number;
  heldOn: string;
  kind: string;
  period: string;
  organizer: { name: string } | null;
  chairs: { fullName: string; positions: string[] }[];
  guests: { fullName: string }[];
  units: { name: string; code: string; present: boolean; absentReason: string | null }[];
  documents: { code: string }[];
  speeches: { ord: number; kind: string; speakerName: string | null; unitName: string | null; summary: string; illustrative: boolean }[];
  chairRemarks: { kind: string; speakerName: string; summary: string; illustrative: boolean }[];
  conclusions: { ord: number; text: string; tasks: { unitName: string; dueOn: string | null; status: string; kind: string }[] }[];
  counts: { invited: number; present: number; absent: number; speeches: number; speakingUnits: number; chairRemarks: number; conclusions: number };
  closed: boolean;
}

describe('meeting show on the source case', () => {
  it('meeting 1 is the 17/06/2017 thematic briefing: 3 chairs, 2 guests, 10 wards, 4 documents, 11 speeches from 11 units, 4 conclusions', async () => {
    const db = sampleDbPath();
    const m = await runJson<Shown>(['meeting', 'show', '1', '--as-of', '31/12/2017'], { db });
    expect(m.heldOn).toBe('2017-06-17');
    expect(m.kind).toBe('giao-ban-chuyen-de');
    expect(m.period).toBe('2017-Q2');
    expect(m.organizer?.name).toBe('Quận ủy Quận 1');
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Huỳnh Thanh Hải', 'Hoàng Thị Tố Nga', 'Hồ Thị Vinh']);
    expect(m.chairs[0].positions).toEqual(['Thành ủy viên', 'Bí thư Quận ủy', 'Chủ tịch HĐND Quận 1']);
    expect(m.guests.map((g) => g.fullName)).toEqual(['Phạm Ngọc Hợi', 'Đinh Thị Thảo Trang']);
    expect(m.units).toHaveLength(10);
    expect(m.units.every((u) => u.present)).toBe(true);
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW', '12-NQ/TW', '04-NQ/TW', '02-ĐA/TU']);
    expect(m.speeches).toHaveLength(11);
    expect(new Set(m.speeches.map((s) => s.unitName)).size).toBe(11);
    // The source names no speaker: every contribution is recorded by unit, and its summary is illustrative.
    expect(m.speeches.every((s) => s.speakerName === null && s.illustrative && s.kind === 'tham-luan')).toBe(true);
    expect(m.counts).toMatchObject({ invited: 10, present: 10, absent: 0, speeches: 11, speakingUnits: 11, chairRemarks: 1, conclusions: 4 });
    expect(m.chairRemarks).toHaveLength(1);
    expect(m.chairRemarks[0]).toMatchObject({ kind: 'ket-luan', speakerName: 'Huỳnh Thanh Hải', illustrative: false });
    expect(m.chairRemarks[0].summary).toContain('còn dừng lại ở những việc kể mẫu chuyện về Bác Hồ');
    expect(m.conclusions.map((c) => c.ord)).toEqual([1, 2, 3, 4]);
    expect(m.conclusions[1].text).toContain('khâu đột phá phải nêu cụ thể không nêu chung chung');
    expect(m.conclusions[2].text).toMatch(/^Hàng năm, phải bổ sung kế hoạch cá nhân/);
    expect(m.conclusions[3].text).toMatch(/^Tăng cường công tác tuyên truyền/);
    // Each conclusion's tasks and their status on 31/12/2017, counted (the same statuses the task list gives).
    const tally = m.conclusions.map((c) => {
      const n: Record<string, number> = {};
      for (const t of c.tasks) n[t.status] = (n[t.status] ?? 0) + 1;
      return n;
    });
    expect(tally).toEqual([
      { done_on_time: 8, done_late: 2 },
      { done_on_time: 13, overdue: 2, done_late: 1, cancelled: 1, due_soon: 2, in_progress: 1 },
      { done_on_time: 9, done_late: 1 },
      { in_progress: 10 },
    ]);
  });

  it('the two later meetings are illustrative; Cô Giang is absent from the Q3 briefing with a reason', async () => {
    const db = sampleDbPath();
    const list = await runJson<{ id: number; heldOn: string; absent: number; illustrative: boolean }[]>(['meeting', 'list', '--period', '2017'], { db });
    expect(list.map((m) => m.heldOn)).toEqual(['2017-06-17', '2017-09-15', '2017-12-15']);
    expect(list.map((m) => m.illustrative)).toEqual([false, true, true]);
    const q3 = await runJson<Shown>(['meeting', 'show', '2'], { db });
    expect(q3.units.filter((u) => !u.present).map((u) => [u.code, !!u.absentReason])).toEqual([['CG', true]]);
    const q4 = await runJson<Shown>(['meeting', 'show', '3'], { db });
    expect(q4.counts).toMatchObject({ invited: 10, present: 10, absent: 0 });
  });

  it('meeting list filters by period, kind, document and unit', async () => {
    const db = sampleDbPath();
    expect((await runJson<{ id: number }[]>(['meeting', 'list', '--period', '2017-Q2'], { db })).map((m) => m.id)).toEqual([1]);
    expect((await runJson<{ id: number }[]>(['meeting', 'list', '--kind', 'giao-ban'], { db })).map((m) => m.id)).toEqual([2, 3]);
    expect((await runJson<{ id: number }[]>(['meeting', 'list', '--doc', '12-NQ/TW'], { db })).map((m) => m.id)).toEqual([1]);
    const cg = await runJson<{ id: number; unitPresent: boolean }[]>(['meeting', 'list', '--unit', 'co giang', '--period', '2017'], { db });
    expect(cg.map((m) => [m.id, m.unitPresent])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    const empty = await run(['meeting', 'list', '--period', '2016'], { db });
    expect(empty.code).toBe(0);
  });

  it('prints a readable summary on a terminal', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'show', '1', '--as-of', '31/12/2017'], { db, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Chủ trì (3)');
    expect(r.stdout).toContain('Khách mời, tham dự (2)');
    expect(r.stdout).toContain('11 lượt của 11 đơn vị');
    expect(r.stdout).toContain('quý II năm 2017');
  });

  it('neutralises control characters of stored text in human output', async () => {
    const db = sampleDbPath();
    const add = await run(['meeting', 'add', '--date', '01/07/2017', '--title', 'Giao ban \u001b[31mđỏ'], { db });
    expect(add.code).toBe(0);
    const r = await run(['meeting', 'show', '4'], { db, tty: true });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31mđỏ');
    const md = await run(['meeting', 'minutes', '4'], { db });
    expect(md.stdout).not.toContain('\u001b');
  });

  it('a meeting that does not exist is exit 1', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'show', '99'], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('99');
  });
});

describe('meeting add, attendance, conclude', () => {
  it('adds a meeting with all wards of the day invited and the quarter as period', async () => {
    const db = sampleDbPath();
    const m = await runJson<Shown>(
      ['meeting', 'add', '--date', '20/07/2017', '--title', 'Giao ban tháng 7', '--chair', 'huynh thanh hai', '--guest', 'pham ngoc hoi', '--invite', 'all-wards', '--doc', '05-CT/TW', '--start', '8h30', '--end', '11:00'],
      { db },
    );
    expect(m.period).toBe('2017-Q3');
    expect(m.kind).toBe('giao-ban');
    expect(m.units.map((u) => u.code).sort()).toEqual(['BN', 'BT', 'CG', 'CK', 'COL', 'DK', 'NCT', 'NTB', 'PNL', 'TD']);
    expect(m.organizer?.name).toBe('Quận ủy Quận 1');
    const shown = await runJson<{ startTime: string; endTime: string }>(['meeting', 'show', String(m.id)], { db });
    expect(shown).toMatchObject({ startTime: '08:30', endTime: '11:00' });
  });

  it('list options take several values after one flag or the flag repeated', async () => {
    const db = sampleDbPath();
    const m = await runJson<Shown>(
      ['meeting', 'add', '--date', '01/08/2017', '--title', 'Họp', '--chair', 'huynh thanh hai', 'hoang thi to nga', '--chair', 'ho thi vinh', '--invite', 'BN', 'CK', '--invite', 'NCT', '--doc', '05-CT/TW', '02-ĐA/TU'],
      { db },
    );
    expect(m.chairs).toHaveLength(3);
    expect(m.units.map((u) => u.code)).toEqual(['BN', 'CK', 'NCT']);
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW', '02-ĐA/TU']);
  });

  it('all-wards in 2025 means the four new wards', async () => {
    const db = sampleDbPath();
    const m = await runJson<Shown>(['meeting', 'add', '--date', '15/08/2025', '--title', 'Giao ban', '--invite', 'all-wards'], { db });
    expect(m.units.map((u) => u.name).sort()).toEqual(['Phường Bến Thành', 'Phường Cầu Ông Lãnh', 'Phường Sài Gòn', 'Phường Tân Định']);
  });

  it('marks a unit absent with a reason and present again', async () => {
    const db = sampleDbPath();
    expect((await run(['meeting', 'attendance', '3', '--unit', 'BN', '--absent', '--reason', 'Trùng lịch tiếp dân'], { db })).code).toBe(0);
    let m = await runJson<Shown>(['meeting', 'show', '3'], { db });
    expect(m.units.find((u) => u.code === 'BN')).toMatchObject({ present: false, absentReason: 'Trùng lịch tiếp dân' });
    expect((await run(['meeting', 'attendance', '3', '--unit', 'BN', '--present'], { db })).code).toBe(0);
    m = await runJson<Shown>(['meeting', 'show', '3'], { db });
    expect(m.units.find((u) => u.code === 'BN')).toMatchObject({ present: true, absentReason: null });
  });

  it('conclude --assign all-wards --within makes one task per ward, linked to the meeting and the conclusion', async () => {
    const db = sampleDbPath();
    const r = await runJson<{ conclusionId: number; ord: number; dueOn: string; taskIds: number[] }>(
      ['meeting', 'conclude', '3', '--text', 'Đăng ký khâu đột phá năm 2018', '--assign', 'all-wards', '--within', '30d'],
      { db },
    );
    expect(r.ord).toBe(3);
    expect(r.dueOn).toBe('2018-01-14');
    expect(r.taskIds).toHaveLength(10);
    const h = openTestDb(db, { readonly: true });
    const rows = h.prepare('SELECT meeting_id AS m, conclusion_id AS c, start_on AS s, due_on AS d, group_id AS g FROM task WHERE conclusion_id = ?').all(r.conclusionId) as {
      m: number;
      c: number;
      s: string;
      d: string;
      g: number | null;
    }[];
    h.close();
    expect(rows).toHaveLength(10);
    expect(rows.every((x) => x.m === 3 && x.s === '2017-12-15' && x.d === '2018-01-14' && x.g !== null)).toBe(true);
    const m = await runJson<Shown>(['meeting', 'show', '3', '--as-of', '20/12/2017'], { db });
    expect(m.conclusions[2].tasks.map((t) => t.status)).toEqual(Array(10).fill('in_progress'));
  });

  it('conclude --assign two wards --due', async () => {
    const db = sampleDbPath();
    const r = await runJson<{ taskIds: number[]; dueOn: string }>(['meeting', 'conclude', '2', '--text', 'Báo cáo', '--assign', 'cau kho', '--assign', 'NCT', '--due', '31/10/2017'], { db });
    expect(r.taskIds).toHaveLength(2);
    expect(r.dueOn).toBe('2017-10-31');
    const h = openTestDb(db, { readonly: true });
    const units = h.prepare('SELECT u.code FROM task t JOIN unit u ON u.id = t.unit_id WHERE t.id IN (?, ?) ORDER BY u.code').all(...r.taskIds) as { code: string }[];
    h.close();
    expect(units.map((u) => u.code)).toEqual(['CK', 'NCT']);
  });

  it('conclude without units records the conclusion only', async () => {
    const db = sampleDbPath();
    const r = await runJson<{ taskIds: number[]; ord: number }>(['meeting', 'conclude', '1', '--text', 'Ghi nhận'], { db });
    expect(r).toMatchObject({ ord: 5, taskIds: [] });
  });
});

describe('invited units in order', () => {
  it('are listed in Vietnamese order with numbers as numbers (Phường 2 before Phường 10), as unit list does', async () => {
    const db = sampleDbPath();
    for (const [name, code] of [['Phường 10', 'P10'], ['Phường 2', 'P2'], ['Phường Ạ', 'PA']])
      expect((await run(['unit', 'add', name, '--code', code, '--kind', 'ward', '--parent', 'Q1'], { db })).code).toBe(0);
    const add = await runJson<{ id: number }>(['meeting', 'add', '--date', '01/08/2017', '--title', 'Họp', '--invite', 'P10', 'PA', 'P2'], { db });
    const m = await runJson<Shown>(['meeting', 'show', String(add.id)], { db });
    expect(m.units.map((u) => u.name)).toEqual(['Phường 2', 'Phường 10', 'Phường Ạ']);
  });
});

describe('edit and close', () => {
  it('after close, a change needs --force and is logged as forced', async () => {
    const db = sampleDbPath();
    expect((await run(['meeting', 'edit', '1', '--location', 'Hội trường Quận ủy'], { db })).code).toBe(0);
    expect((await run(['meeting', 'close', '1'], { db })).code).toBe(0);
    const before = snapshot(db);
    const refused = await run(['meeting', 'edit', '1', '--start', '08:00'], { db });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect((await run(['speech', 'add', '1', '--unit', 'BN', '--kind', 'phat-bieu', '--summary', 'x'], { db })).code).toBe(1);
    expect((await run(['meeting', 'conclude', '1', '--text', 'x'], { db })).code).toBe(1);
    expect((await run(['meeting', 'attendance', '1', '--unit', 'BN', '--absent', '--reason', 'x'], { db })).code).toBe(1);
    expect(snapshot(db)).toBe(before);
    const forced = await run(['meeting', 'edit', '1', '--start', '08:00', '--force'], { db });
    expect(forced.code).toBe(0);
    const m = await runJson<{ startTime: string; closed: boolean; location: string }>(['meeting', 'show', '1'], { db });
    expect(m).toMatchObject({ startTime: '08:00', closed: true, location: 'Hội trường Quận ủy' });
    const log = await runJson<{ entity: string; entityId: number; action: string; changes: { forced?: boolean } }[]>(['log', '--entity', 'meeting', '--limit', '1'], { db });
    expect(log[0]).toMatchObject({ entityId: 1, action: 'update' });
    expect(log[0].changes.forced).toBe(true);
    // Closing again writes nothing.
    const again = snapshot(db);
    expect((await run(['meeting', 'close', '1'], { db })).code).toBe(0);
    expect(snapshot(db)).toBe(again);
  });

  it('a new date moves the default period with it; an explicit period stays', async () => {
    const db = sampleDbPath();
    expect((await runJson<Shown>(['meeting', 'edit', '3', '--date', '05/01/2018'], { db })).period).toBe('2018-Q1');
    expect((await runJson<Shown>(['meeting', 'edit', '3', '--period', '2017'], { db })).period).toBe('2017');
    expect((await runJson<Shown>(['meeting', 'edit', '3', '--date', '06/01/2018'], { db })).period).toBe('2017');
  });

  it('meeting list in a pipe is tab-separated with stable field names', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'list'], { db });
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header.split('\t').slice(0, 4)).toEqual(['id', 'heldOn', 'kind', 'period']);
    expect(rows).toHaveLength(3);
    expect(rows[1].split('\t')[2]).toBe('giao-ban');
  });

  it('edit replaces chairs, invites a unit and adds a document', async () => {
    const db = sampleDbPath();
    const m = await runJson<Shown>(['meeting', 'edit', '2', '--chair', 'hoang thi to nga', '--invite', 'Q1', '--doc', '04-NQ/TW'], { db });
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Hoàng Thị Tố Nga']);
    expect(m.units).toHaveLength(11);
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW', '02-ĐA/TU', '04-NQ/TW']);
  });
});

describe('speeches', () => {
  it('speech add by speaker defaults the unit to the speaker’s; --order inserts and moves later ones down', async () => {
    const db = sampleDbPath();
    expect((await run(['speech', 'add', '3', '--speaker', 'pham ngoc hoi', '--kind', 'chi-dao', '--summary', 'Đề nghị giữ nếp giao ban'], { db })).code).toBe(0);
    expect((await run(['speech', 'add', '3', '--unit', 'CK', '--kind', 'phat-bieu', '--order', '1', '--summary', 'Cầu Kho báo cáo'], { db })).code).toBe(0);
    const list = await runJson<{ ord: number; unitName: string; speakerName: string | null; kind: string }[]>(['speech', 'list', '3'], { db });
    expect(list.map((s) => s.ord)).toEqual([1, 2, 3, 4, 5]);
    expect(list[0]).toMatchObject({ unitName: 'Phường Cầu Kho', speakerName: null });
    expect(list[4]).toMatchObject({ speakerName: 'Phạm Ngọc Hợi', unitName: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'chi-dao' });
  });

  it('speech add --summary-file reads UTF-8 text (BOM dropped)', async () => {
    const db = sampleDbPath();
    const file = join(tempDir(), 'tomtat.txt');
    writeFileSync(file, '\uFEFFPhường Tân Định đề xuất\nnhân rộng mô hình "khu phố 3 không".\n', 'utf8');
    expect((await run(['speech', 'add', '2', '--unit', 'tan dinh', '--kind', 'tham-luan', '--summary-file', file], { db })).code).toBe(0);
    const list = await runJson<{ summary: string }[]>(['speech', 'list', '2'], { db });
    expect(list[list.length - 1].summary).toBe('Phường Tân Định đề xuất\nnhân rộng mô hình "khu phố 3 không".');
  });

  it('speech list --unit --period: one ward across the meetings of a period', async () => {
    const db = sampleDbPath();
    const ck = await runJson<{ meetingId: number; unitName: string }[]>(['speech', 'list', '--unit', 'cau kho', '--period', '2017'], { db });
    expect(ck.map((s) => s.meetingId)).toEqual([1, 2]);
    expect(ck.every((s) => s.unitName === 'Phường Cầu Kho')).toBe(true);
    const q2 = await runJson<unknown[]>(['speech', 'list', '--unit', 'cau kho', '--period', '2017-Q2'], { db });
    expect(q2).toHaveLength(1);
    const all = await runJson<unknown[]>(['speech', 'list', '1'], { db });
    expect(all).toHaveLength(12);
  });
});

describe('bad input: a clear error, exit 2, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['a chair who does not exist', ['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--chair', 'Nguyễn Văn Không Có'], /Nguyễn Văn Không Có/],
    ['--start 25:00', ['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--start', '25:00'], /--start.*25:00/],
    ['--end before --start', ['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--start', '14:00', '--end', '08:00'], /08:00.*14:00/],
    ['an impossible date', ['meeting', 'add', '--date', '31/02/2017', '--title', 'X'], /31\/02\/2017/],
    ['an unknown kind', ['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--kind', 'tiec'], /tiec.*giao-ban/],
    ['an empty title', ['meeting', 'add', '--date', '17/06/2017', '--title', '  '], /--title/],
    ['an unknown invited unit', ['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--invite', 'Phường Không Có'], /Không Có/],
    ['absent without a reason', ['meeting', 'attendance', '1', '--unit', 'CG', '--absent'], /Cô Giang.*--reason/],
    ['attendance neither present nor absent', ['meeting', 'attendance', '1', '--unit', 'CG'], /--present/],
    ['attendance of a unit not invited', ['meeting', 'attendance', '1', '--unit', 'Q1', '--present'], /Quận ủy Quận 1/],
    ['a speech of an unknown kind', ['speech', 'add', '1', '--unit', 'BN', '--kind', 'hat', '--summary', 'x'], /hat/],
    ['a speech with neither speaker nor unit', ['speech', 'add', '1', '--kind', 'phat-bieu', '--summary', 'x'], /--speaker/],
    ['a speech with an empty summary', ['speech', 'add', '1', '--unit', 'BN', '--kind', 'phat-bieu', '--summary', '   '], /--summary/],
    ['a summary file that does not exist', ['speech', 'add', '1', '--unit', 'BN', '--kind', 'phat-bieu', '--summary-file', '/nonexistent/x.txt'], /x\.txt/],
    ['conclude --due and --within together', ['meeting', 'conclude', '1', '--text', 'x', '--assign', 'BN', '--due', '31/12/2017', '--within', '30d'], /--due.*--within/],
    ['conclude --due without --assign', ['meeting', 'conclude', '1', '--text', 'x', '--due', '31/12/2017'], /--assign/],
    ['conclude due before the meeting', ['meeting', 'conclude', '1', '--text', 'x', '--assign', 'BN', '--due', '01/01/2017'], /2017-01-01|01\/01\/2017/],
    ['conclude --within nonsense', ['meeting', 'conclude', '1', '--text', 'x', '--assign', 'BN', '--within', 'soon'], /soon/],
    ['a meeting id that is not a number', ['meeting', 'show', 'abc'], /abc/],
    ['minutes in an unknown format', ['meeting', 'minutes', '1', '--format', 'csv'], /csv/],
    ['a listing asked for docx', ['meeting', 'list', '--format', 'docx'], /docx/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const db = sampleDbPath();
    const before = snapshot(db);
    const r = await run(argv, { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(snapshot(db)).toBe(before);
  });

  it('docx without --out on a terminal: exit 2, says how; in a pipe the file is written to it', async () => {
    const db = sampleDbPath();
    const tty = await run(['meeting', 'minutes', '1', '--format', 'docx'], { db, tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/--out/);
    expect(tty.stdout).toBe('');
    const pipe = await run(['meeting', 'minutes', '1', '--format', 'docx'], { db });
    expect(pipe.code).toBe(0);
    expect(pipe.stdout.startsWith('PK')).toBe(true);
  });

  it('a summary file that is not UTF-8 text', async () => {
    const db = sampleDbPath();
    const dir = tempDir();
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x50, 0x68, 0xf2, 0x6e, 0x67, 0x20, 0xe9, 0x0a]));
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const before = snapshot(db);
    for (const file of [latin1, binary]) {
      const r = await run(['speech', 'add', '1', '--unit', 'BN', '--kind', 'phat-bieu', '--summary-file', file], { db });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('UTF-8');
      expect(r.stderr).toContain(file);
    }
    expect(snapshot(db)).toBe(before);
  });

  it('a speech for a meeting that does not exist is exit 1, nothing written', async () => {
    const db = sampleDbPath();
    const before = snapshot(db);
    const r = await run(['speech', 'add', '99', '--unit', 'BN', '--kind', 'phat-bieu', '--summary', 'x'], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/99/);
    expect(snapshot(db)).toBe(before);
  });

  it('messages follow --lang en', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'add', '--date', '17/06/2017', '--title', 'X', '--start', '25:00', '--lang', 'en'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a time of day');
  });
});
