/**
 * show --json gives each record's uid (migration 9), the one stored with it, beside its version, and
 * so do the JSON of activity add, evaluate and plan add/edit (records without a show command): the
 * same shape on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { queryRows, run, runJson, sampleDbPath } from '../helpers.js';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('show --json gives the uid', () => {
  const db = sampleDbPath();
  it.each([
    ['task', ['task', 'show', '12'], 'SELECT uid, version FROM task WHERE id = 12'],
    ['meeting', ['meeting', 'show', '1'], 'SELECT uid, version FROM meeting WHERE id = 1'],
    ['person', ['person', 'show', 'hoang thi to nga'], "SELECT uid, version FROM person WHERE full_name = 'Hoàng Thị Tố Nga'"],
    ['unit', ['unit', 'show', 'BN'], "SELECT uid, version FROM unit WHERE code = 'BN'"],
    ['doc', ['doc', 'show', '05-CT/TW'], "SELECT uid, version FROM document WHERE code = '05-CT/TW'"],
  ])('%s show', async (_kind, argv, sql) => {
    const shown = await runJson<{ uid: string; version: number }>(argv, { db });
    const [row] = queryRows<{ uid: string; version: number }>(db, sql);
    expect(shown.uid).toMatch(UUIDV7);
    expect({ uid: shown.uid, version: shown.version }).toEqual({ uid: row.uid, version: Number(row.version) });
  });

  it('a record keeps its uid through an edit, and two records never share one', async () => {
    const db = sampleDbPath();
    const before = await runJson<{ uid: string; version: number }>(['doc', 'show', '05-CT/TW'], { db });
    expect((await run(['doc', 'edit', '05-CT/TW', '--note', 'ghi chú'], { db })).code).toBe(0);
    const after = await runJson<{ uid: string; version: number; note: string }>(['doc', 'show', '05-CT/TW'], { db });
    expect(after).toMatchObject({ uid: before.uid, version: before.version + 1, note: 'ghi chú' });
    const uids = new Set<string>();
    for (const u of ['BN', 'BT', 'CK']) uids.add((await runJson<{ uid: string }>(['unit', 'show', u], { db })).uid);
    expect(uids.size).toBe(3);
  });

  it.each([
    ['activity add', ['activity', 'add', '--unit', 'BN', '--date', '02/10/2017', '--kind', 'hoc-tap', '--title', 'Học tập'], 'activity'],
    ['evaluate', ['evaluate', '--person', 'Nguyễn Văn An', '--year', '2018', '--result', 'tot'], 'evaluation'],
    ['plan add', ['plan', 'add', '--person', 'Nguyễn Văn An', '--year', '2018'], 'plan'],
  ])('%s --json', async (_name, argv, table) => {
    const db = sampleDbPath();
    const made = await runJson<{ id: number; uid: string; version: number }>(argv, { db });
    const [row] = queryRows<{ uid: string; version: number }>(db, `SELECT uid, version FROM ${table} WHERE id = ?`, made.id);
    expect(made.uid).toMatch(UUIDV7);
    expect({ uid: made.uid, version: made.version }).toEqual({ uid: row.uid, version: 1 });
    expect(Number(row.version)).toBe(1);
  });
});
