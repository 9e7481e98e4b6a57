/**
 * Dates outside 01/01/1900–31/12/2999, typed or reached by an offset or a time limit, and empty
 * date values: exit 2 naming the flag, the value and the accepted range, nothing written. Each
 * case below was once stored as "no deadline", silently ignored, or a crash (exit 1).
 */
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath, dbSnapshot, queryRows } from '../helpers.js';

const TODAY = { THUKY_TODAY: '31/12/2017' };
const RANGE = /01\/01\/1900.*31\/12\/2999/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const query = <T>(db: string, sql: string, ...params: unknown[]): T => queryRows<T>(db, sql, ...params)[0];

describe('dates outside the calendar range are refused, never "no deadline"', () => {
  it.each([
    [['task', 'extend', '17', '--due', '+9999y', '--reason', 'x'], '--due', '+9999y'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--due', '+9999y'], '--due', '+9999y'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--within', '9999y'], '--within', '9999y'],
    [['meeting', 'conclude', '1', '--text', 'Kết luận', '--assign', 'BN', '--within', '9999y', '--force'], '--within', '9999y'],
    [['breakthrough', 'add', '--unit', 'BN', '--title', 'Chỉnh trang hẻm', '--target', 'Chỉnh trang 5 tuyến hẻm', '--within', '9999y'], '--within', '9999y'],
    [['plan', 'add', '--person', 'Nguyễn Văn An', '--year', '2018', '--submitted', '+9999y'], '--submitted', '+9999y'],
    [['report', 'compliance', '--year', '2017', '--as-of', '-9999y'], '--as-of', '-9999y'],
    [['task', 'list', '--due-before', '+9999y'], '--due-before', '+9999y'],
    [['overdue', '--as-of', '+9999y'], '--as-of', '+9999y'],
    [['report', 'tasks', '--as-of', '+9999y'], '--as-of', '+9999y'],
    [['report', 'tasks', '--period', '+9999y..+9999y'], '--period', '+9999y..+9999y'],
    [['plan', 'deadline', '--year', '2017', '--date', '+9999y'], '--date', '+9999y'],
    [['activity', 'add', '--unit', 'BN', '--kind', 'khac', '--title', 'Sinh hoạt', '--date', '+9999y'], '--date', '+9999y'],
    [['task', 'progress', '13', '--percent', '50', '--on', '+9999y'], '--on', '+9999y'],
    [['task', 'done', '13', '--on', '-9999y'], '--on', '-9999y'],
    [['meeting', 'add', '--date', '+9999y', '--title', 'Giao ban'], '--date', '+9999y'],
    [['overdue', '--as-of', '31/12/2017', '--due-within', '9999y'], '--due-within', '9999y'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--start', '01/01/2999', '--within', '1y'], '--within', '1y'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--due', '01/01/3000'], '--due', '01/01/3000'],
    [['meeting', 'list', '--from', '31/12/1899'], '--from', '31/12/1899'],
    [['report', 'tasks', '--period', '3000'], '--period', '3000'],
  ])('%j: exit 2 naming %s, its value and the range; nothing written', async (argv, flag, value) => {
    const db = sampleDbPath();
    const before = dbSnapshot(db);
    const r = await run(argv, { db, env: TODAY });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${escape(flag)}: .*"${escape(value)}"`));
    expect(r.stderr).toMatch(RANGE);
    expect(r.stderr).not.toContain('{value}');
    expect(r.stdout).toBe('');
    expect(dbSnapshot(db)).toBe(before);
  });

  it('the deadline of task 17 stays as it was after a refused +9999y extension, and the task stays in the overdue report', async () => {
    const db = sampleDbPath();
    const dueBefore = query<{ d: string }>(db, 'SELECT due_on AS d FROM task WHERE id = 17').d;
    expect((await run(['task', 'extend', '17', '--due', '+9999y', '--reason', 'x'], { db, env: TODAY })).code).toBe(2);
    expect(query<{ d: string }>(db, 'SELECT due_on AS d FROM task WHERE id = 17').d).toBe(dueBefore);
    const overdue = await runJson<{ overdue: { id: number }[] }>(['overdue', '--as-of', '31/12/2017'], { db });
    expect(overdue.overdue.map((i) => i.id)).toContain(17);
  });

  it('the message is in English with --lang en', async () => {
    const db = sampleDbPath();
    const r = await run(['task', 'add', 'Báo cáo', '--unit', 'BN', '--within', '9999y', '--start', '01/07/2017', '--lang', 'en'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--within: "9999y" from 01/07/2017 falls outside the accepted dates (01/01/1900 to 31/12/2999)');
    const asOf = await run(['overdue', '--as-of', '+9999y', '--lang', 'en'], { db, env: TODAY });
    expect(asOf.stderr).toContain('--as-of: "+9999y" is outside the accepted dates (01/01/1900 to 31/12/2999)');
  });

  it('the first and last days of the range are accepted and stored as given', async () => {
    const db = sampleDbPath();
    const [last] = await runJson<{ id: number; dueOn: string }[]>(['task', 'add', 'Báo cáo', '--unit', 'BN', '--start', '01/07/2017', '--due', '31/12/2999'], { db });
    expect(last.dueOn).toBe('2999-12-31');
    const [offset] = await runJson<{ dueOn: string }[]>(['task', 'add', 'Báo cáo', '--unit', 'BN', '--due', '+982y'], { db, env: TODAY });
    expect(offset.dueOn).toBe('2999-12-31');
    expect((await run(['overdue', '--as-of', '01/01/1900'], { db })).code).toBe(0);
    expect((await run(['overdue', '--as-of', '31/12/2999', '--due-within', '3650'], { db })).code).toBe(0);
    expect((await run(['task', 'list', '--as-of', '31/12/2999'], { db })).code).toBe(0);
    expect((await run(['report', 'tasks', '--period', '2999', '--as-of', '31/12/2999'], { db })).code).toBe(0);
  });
});

describe('an empty date, period or time limit is exit 2 naming the flag', () => {
  it.each([
    [['overdue', '--as-of', ''], '--as-of'],
    [['report', 'tasks', '--as-of', ''], '--as-of'],
    [['report', 'compliance', '--year', '2017', '--as-of', ''], '--as-of'],
    [['task', 'list', '--as-of', ' '], '--as-of'],
    [['report', 'tasks', '--period', ''], '--period'],
    [['report', 'compliance', '--period', ''], '--period'],
    [['meeting', 'list', '--period', ''], '--period'],
    [['activity', 'list', '--period', ''], '--period'],
    [['speech', 'list', '--period', ''], '--period'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--due', ''], '--due'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--start', ''], '--start'],
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--within', ''], '--within'],
    [['task', 'extend', '17', '--due', '', '--reason', 'x'], '--due'],
    [['task', 'done', '13', '--on', ''], '--on'],
    [['meeting', 'add', '--date', '', '--title', 'Giao ban'], '--date'],
    [['meeting', 'add', '--date', '01/07/2017', '--title', 'Giao ban', '--period', ''], '--period'],
    [['meeting', 'conclude', '1', '--text', 'Kết luận', '--assign', 'BN', '--due', '', '--force'], '--due'],
    [['overdue', '--due-within', ''], '--due-within'],
    [['plan', 'edit', '--person', 'Nguyễn Văn An', '--year', '2017', '--submitted', ''], '--submitted'],
    [['unit', 'list', '--at', ''], '--at'],
  ])('%j', async (argv, flag) => {
    const db = sampleDbPath();
    const before = dbSnapshot(db);
    const r = await run(argv, { db, env: TODAY });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^thuky: ${escape(flag)}: giá trị trống`));
    expect(r.stdout).toBe('');
    expect(dbSnapshot(db)).toBe(before);
  });

  it('in cron, --as-of "$D" with D unset does not report today', async () => {
    const db = sampleDbPath();
    const r = await run(['overdue', '--format', 'text', '--as-of', ''], { db, env: TODAY });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('THUKY_TODAY', () => {
  it('set but empty is exit 2 saying so (not a silent today)', async () => {
    const db = sampleDbPath();
    const r = await run(['overdue'], { db, env: { THUKY_TODAY: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('THUKY_TODAY');
    expect(r.stderr).toContain('unset THUKY_TODAY');
    expect(r.stdout).toBe('');
  });

  it.each([
    ['+9999y', RANGE],
    ['31/02/2017', /không có trên lịch/],
    ['hôm qua', /không phải là ngày/],
  ])('%s is exit 2 naming THUKY_TODAY and the value', async (value, message) => {
    const db = sampleDbPath();
    const before = dbSnapshot(db);
    const r = await run(['task', 'done', '13'], { db, env: { THUKY_TODAY: value } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`THUKY_TODAY: .*"${escape(value)}"`));
    expect(r.stderr).toMatch(message);
    expect(dbSnapshot(db)).toBe(before);
  });

  it.each([
    [['task', 'add', 'Báo cáo', '--unit', 'BN', '--start', '01/07/2017', '--due', '30/07/2017']],
    [['meeting', 'add', '--date', '01/07/2017', '--title', 'Giao ban', '--json']],
    [['breakthrough', 'add', '--unit', 'BN', '--title', 'Chỉnh trang hẻm', '--target', 'Chỉnh trang 5 tuyến hẻm', '--start', '01/02/2017', '--due', '30/11/2017']],
    [['task', 'progress', '13', '--percent', '50', '--on', '01/11/2017']],
  ])('a bad THUKY_TODAY stops a writer before it writes, even when every date is given: %j', async (argv) => {
    const db = sampleDbPath();
    const before = dbSnapshot(db);
    for (const value of ['', 'xyz']) {
      const r = await run(argv, { db, env: { THUKY_TODAY: value } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('THUKY_TODAY');
    }
    expect(dbSnapshot(db)).toBe(before);
  });

  it('is not needed when every date is written out in full', async () => {
    const db = sampleDbPath();
    const r = await run(['overdue', '--as-of', '31/12/2017', '--format', 'text'], { db, env: { THUKY_TODAY: 'nonsense' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('31/12/2017');
  });
});
