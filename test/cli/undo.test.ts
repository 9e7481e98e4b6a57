/**
 * Every write command, run on the sample, then undone: the database equals what it was before
 * (every data table, row by row, the change log aside); the undo undone: it equals the state right
 * after the command.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpData, engineDb, run, sampleDbPath, tempDir, tempDbPath } from '../helpers.js';

const ENV = { THUKY_TODAY: '31/12/2017' };

async function ok(argv: string[], db: string) {
  const r = await run(argv, { db, env: ENV });
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
}

const csvDir = tempDir();
const planCsv = join(csvDir, 'plans.csv');
writeFileSync(planCsv, 'Họ và tên,Ngày nộp\nNguyễn Văn Mới,15/03/2018\n');

/** Each write command, as a user types it on the sample. */
const WRITES: string[][] = [
  ['unit', 'add', 'Phường Thử', '--code', 'PT', '--kind', 'ward', '--parent', 'Q1', '--from', '01/01/2017'],
  ['unit', 'edit', 'BN', '--note', 'ghi chú', '--successor', 'CK'],
  ['person', 'add', 'Nguyễn Văn Thử', '--unit', 'ben nghe', '--position', 'Bí thư chi bộ'],
  ['person', 'edit', 'huynh thanh hai', '--position', 'Bí thư Quận ủy', '--inactive'],
  ['doc', 'add', '99-CT/TW', '--title', 'Thử', '--date', '01/01/2017'],
  ['task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017'],
  ['task', 'progress', '61', '--percent', '60', '--note', 'x', '--on', '20/12/2017'],
  ['task', 'done', '61', '62', '--on', '25/12/2017'],
  ['task', 'extend', '61', '--due', '31/01/2018', '--reason', 'chờ', '--on', '01/11/2017'],
  ['task', 'cancel', '63', '--reason', 'trùng', '--on', '20/12/2017'],
  ['task', 'reopen', '71', '--reason', 'thiếu', '--on', '01/08/2017'],
  ['breakthrough', 'add', '--unit', 'ben nghe', '--year', '2018', '--title', 'Chỉnh trang hẻm', '--target', 'Chỉnh trang 5 tuyến hẻm', '--start', '01/02/2018', '--within', '6m'],
  ['meeting', 'add', '--date', '15/01/2018', '--kind', 'giao-ban', '--title', 'Giao ban', '--chair', 'huynh thanh hai', '--guest', 'pham ngoc hoi', '--invite', 'all-wards', '--doc', '05-CT/TW', '--start', '8h', '--end', '11h'],
  ['meeting', 'attendance', '1', '--unit', 'co giang', '--absent', '--reason', 'Trùng lịch', '--force'],
  ['meeting', 'edit', '3', '--location', 'Hội trường', '--force'],
  ['meeting', 'conclude', '3', '--text', 'Các phường hoàn thành', '--assign', 'cau kho', '--assign', 'NCT', '--within', '30d', '--force'],
  ['speech', 'add', '3', '--unit', 'cau kho', '--kind', 'phat-bieu', '--summary', 'Báo cáo', '--force'],
  ['plan', 'add', '--person', 'huynh thanh hai', '--year', '2018', '--submitted', '15/03/2018'],
  ['plan', 'deadline', '--year', '2018', '--date', '15/04/2018'],
  ['plan', 'import', planCsv, '--year', '2018', '--unit', 'ben nghe', '--create-people'],
  ['evaluate', '--person', 'huynh thanh hai', '--year', '2018', '--result', 'tot', '--plan-used'],
  ['activity', 'add', '--unit', 'ben nghe', '--date', '02/10/2017', '--kind', 'chao-co', '--title', 'Chào cờ', '--participants', '45'],
  ['doc', 'edit', '05-CT/TW', '--title', 'Tên mới', '--body', 'Bộ Chính trị khóa XII'],
  ['doc', 'remove', '05-CT/TW', '--reason', 'thử', '--with-dependants', '-y'],
  ['activity', 'edit', '3', '--kind', 'hoc-tap', '--participants', '12'],
  ['activity', 'remove', '3', '4', '--reason', 'nhập trùng', '-y'],
  ['evaluation', 'edit', '1', '--result', 'hoan-thanh', '--score', '78,5', '--no-plan-used'],
  ['evaluation', 'remove', '1', '--reason', 'nhầm người', '-y'],
  ['plan', 'remove', '1', '--reason', 'nhập trùng', '-y'],
  ['task', 'edit', '61', '--title', 'Sửa lại', '--due', '31/12/2017', '--owner', 'huynh thanh hai'],
  ['task', 'edit', '--group', '1', '--title', 'Sửa cả nhóm', '--doc', '12-NQ/TW'],
  ['task', 'remove', '--group', '1', '--reason', 'nhầm năm', '-y'],
  ['unit', 'remove', 'ben nghe', '--reason', 'thử', '--with-dependants', '-y'],
  ['person', 'remove', 'huynh thanh hai', '--reason', 'thử', '--with-dependants', '-y'],
];

describe('undo of every write command', () => {
  it.each(WRITES.map((w) => [w.slice(0, 2).join(' '), w] as const))('%s: undo gives back the state before, undoing the undo the state after', async (_name, argv) => {
    const db = sampleDbPath();
    const before = dumpData(db);
    await ok(argv, db);
    const after = dumpData(db);
    expect(after).not.toEqual(before);
    await ok(['undo', '-y'], db);
    expect(dumpData(db)).toEqual(before);
    await ok(['undo', '-y'], db);
    expect(dumpData(db)).toEqual(after);
  });

  it('init --sample on an empty database, undone, leaves every table empty', async () => {
    const db = tempDbPath();
    await ok(['init'], db);
    const empty = dumpData(db);
    await ok(['init', '--sample', 'quan1-2017'], db);
    const loaded = dumpData(db);
    expect(loaded.task.length).toBeGreaterThan(80);
    await ok(['undo', '-y'], db);
    expect(dumpData(db)).toEqual(empty);
    await ok(['undo', '-y'], db);
    expect(dumpData(db)).toEqual(loaded);
  });
});

describe('thuky undo', () => {
  it('shows the 10 tasks of a mistaken --all-wards and removes them; undone again, they are back', async () => {
    const db = sampleDbPath();
    await ok(['task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017'], db);
    const count = () => dumpData(db).task.filter((t) => (t as { title: string }).title === 'Nhầm năm').length;
    expect(count()).toBe(10);
    // In a pipe without -y: the plan is shown, nothing is done, exit 2.
    const refused = await run(['undo'], { db, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stdout.match(/#\d+ Nhầm năm/g)).toHaveLength(11); // 10 tasks and their group
    expect(refused.stderr).toContain('-y');
    expect(count()).toBe(10);
    const done = await ok(['undo', '-y'], db);
    expect(done.stdout).toContain('xóa 10 dòng nhiệm vụ');
    expect(count()).toBe(0);
    await ok(['undo', '-y'], db);
    expect(count()).toBe(10);
  });

  it('asks on a terminal and does nothing when the answer is no', async () => {
    const db = sampleDbPath();
    await ok(['doc', 'add', '99-CT/TW'], db);
    const { memoryContext } = await import('../../src/cli/context.js');
    const { runCli } = await import('../../src/cli/program.js');
    for (const answer of [false, true]) {
      const ctx = memoryContext({ tty: true, env: ENV });
      const asked: string[] = [];
      ctx.prompter = { confirm: async (q: { message: string }) => (asked.push(q.message), answer) } as never;
      expect(await runCli(['undo', '--db', engineDb(db)], ctx)).toBe(0);
      expect(asked[0]).toContain('doc add 99-CT/TW');
      expect(dumpData(db).document.some((d) => (d as { code: string }).code === '99-CT/TW')).toBe(!answer);
    }
  });

  it('undo ID of a command a later one depends on is refused naming the later command (exit 2), nothing changed', async () => {
    const db = sampleDbPath();
    await ok(['task', 'add', 'Một việc', '--unit', 'ben nghe', '--start', '01/07/2017', '--due', '30/09/2017'], db);
    const list = JSON.parse((await ok(['undo', '--list', '--json'], db)).stdout) as { id: number; command: string }[];
    const added = list[0].id;
    const taskId = (dumpData(db).task as { id: number; title: string }[]).find((t) => t.title === 'Một việc')!.id;
    await ok(['task', 'done', String(taskId), '--on', '01/09/2017'], db);
    const state = dumpData(db);
    const r = await run(['undo', String(added), '-y'], { db, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`lệnh số ${added + 1} (task done`);
    expect(dumpData(db)).toEqual(state);
    // A row a later command hung on a row the undo would remove (a task of a new unit).
    await ok(['unit', 'add', 'Phường Mới', '--code', 'PM', '--parent', 'Q1'], db);
    const unitRun = added + 2;
    await ok(['task', 'add', 'Việc của phường mới', '--unit', 'PM', '--start', '01/07/2017'], db);
    const r2 = await run(['undo', String(unitRun), '-y'], { db, env: ENV });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`lệnh số ${unitRun + 1} (task add`);
    // Once the later command is undone, the earlier one can be.
    await ok(['undo', '-y'], db);
    await ok(['undo', String(unitRun), '-y'], db);
    expect((dumpData(db).unit as { code: string }[]).some((u) => u.code === 'PM')).toBe(false);
  });

  it('putting back a removed row whose parent a later command removed is refused, naming that command', async () => {
    const db = sampleDbPath();
    await ok(['activity', 'remove', '3', '--reason', 'nhập trùng', '-y'], db);
    const removed = (JSON.parse((await ok(['undo', '--list', '--json'], db)).stdout) as { id: number }[])[0].id;
    await ok(['unit', 'remove', 'ben nghe', '--reason', 'thử', '--with-dependants', '-y'], db);
    const state = dumpData(db);
    const r = await run(['undo', String(removed), '-y'], { db, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`lệnh số ${removed + 1} (unit remove`);
    expect(dumpData(db)).toEqual(state);
  });

  it('--list shows who, when, what, and which runs are undone', async () => {
    const db = sampleDbPath();
    await ok(['doc', 'add', '98-CT/TW'], db);
    await ok(['undo', '-y'], db);
    const list = JSON.parse((await ok(['undo', '--list', '--json'], db)).stdout) as { id: number; user: string; command: string; args: string[]; undoes: number | null; undoneBy: number | null; rows: number }[];
    expect(list[0]).toMatchObject({ user: 'tester', command: 'undo', undoes: list[1].id, undoneBy: null, rows: 1 });
    expect(list[1]).toMatchObject({ command: 'doc add', undoneBy: list[0].id, rows: 1 });
    expect(list[1].args.slice(0, 3)).toEqual(['doc', 'add', '98-CT/TW']);
    const again = await run(['undo', String(list[1].id), '-y'], { db, env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`đã được hoàn tác bởi lệnh số ${list[0].id}`);
  });

  it('--json gives the plan, and whether it was carried out', async () => {
    const db = sampleDbPath();
    await ok(['doc', 'add', '97-CT/TW'], db);
    const refused = await run(['undo', '--json'], { db, env: ENV });
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ run: { command: 'doc add' }, steps: [{ action: 'remove', tbl: 'document', row: { code: '97-CT/TW' } }], done: false });
    const done = await run(['undo', '--json', '-y'], { db, env: ENV });
    expect(JSON.parse(done.stdout)).toMatchObject({ run: { command: 'doc add' }, done: true });
  });

  it('refuses an unknown run and a database with nothing to undo (exit 2)', async () => {
    const db = tempDbPath();
    await ok(['init'], db);
    expect((await run(['undo', '-y'], { db })).code).toBe(2);
    expect((await run(['undo', '999', '-y'], { db })).code).toBe(2);
  });
});
