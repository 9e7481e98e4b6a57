/** speech edit/remove and meeting conclusion edit/remove: changes logged, bad input exit 2 with nothing written. */
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath, openTestDb } from '../helpers.js';

/** Everything these commands may touch, to compare before and after a refusal. */
function state(path: string): string {
  const db = openTestDb(path);
  try {
    const rows = (sql: string) => JSON.stringify(db.prepare(sql).all());
    return [
      rows('SELECT * FROM speech ORDER BY id'),
      rows('SELECT * FROM conclusion ORDER BY id'),
      rows('SELECT id, due_on, original_due_on, cancelled_on, cancel_reason, conclusion_id FROM task ORDER BY id'),
      rows('SELECT count(*) AS n FROM change_log'),
    ].join('\n');
  } finally {
    db.close();
  }
}

function log(path: string, entity: string): { entity_id: number; action: string; changes: string }[] {
  const db = openTestDb(path);
  try {
    return db.prepare('SELECT entity_id, action, changes FROM change_log WHERE entity = ? ORDER BY id').all(entity) as { entity_id: number; action: string; changes: string }[];
  } finally {
    db.close();
  }
}

interface SpeechRow {
  id: number;
  ord: number;
  kind: string;
  unitName: string | null;
  summary: string;
}

const speeches = (db: string) => runJson<SpeechRow[]>(['speech', 'list', '1'], { db });

describe('speech edit / remove', () => {
  it('edits the summary, kind, unit and place of a speech; the change is logged', async () => {
    const db = sampleDbPath();
    const out = await run(['speech', 'edit', '5', '--summary', 'Ý kiến đã sửa', '--kind', 'phat-bieu', '--unit', 'ben nghe', '--order', '2'], { db });
    expect(out.stderr).toContain('Đã sửa ý kiến số 5');
    expect(out.code).toBe(0);
    const list = await speeches(db);
    expect(list.find((s) => s.id === 5)).toMatchObject({ ord: 2, kind: 'phat-bieu', unitName: 'Phường Bến Nghé', summary: 'Ý kiến đã sửa' });
    expect(list.map((s) => s.ord)).toEqual(list.map((_, i) => i + 1));
    expect(new Set(list.map((s) => s.ord)).size).toBe(list.length);
    const [entry] = log(db, 'speech').filter((l) => l.action === 'update');
    expect(entry.entity_id).toBe(5);
    expect(JSON.parse(entry.changes).changes).toMatchObject({ summary: { to: 'Ý kiến đã sửa' }, kind: { from: 'tham-luan', to: 'phat-bieu' }, ord: { from: 5, to: 2 } });
  });

  it('removes a speech; the later ones move up; the log keeps what it held', async () => {
    const db = sampleDbPath();
    const before = await speeches(db);
    expect((await run(['speech', 'remove', '6'], { db })).code).toBe(0);
    const after = await speeches(db);
    expect(after).toHaveLength(before.length - 1);
    expect(after.map((s) => s.id)).not.toContain(6);
    expect(after.map((s) => s.ord)).toEqual(after.map((_, i) => i + 1));
    const [entry] = log(db, 'speech').filter((l) => l.action === 'delete');
    expect(JSON.parse(entry.changes)).toMatchObject({ id: 6, ord: 6, unitId: expect.any(Number) });
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const db = sampleDbPath();
    const before = state(db);
    for (const args of [
      ['speech', 'edit', '5'],
      ['speech', 'edit', '99999', '--summary', 'x'],
      ['speech', 'edit', 'abc', '--summary', 'x'],
      ['speech', 'edit', '5', '--summary', '   '],
      ['speech', 'edit', '5', '--kind', 'hat'],
      ['speech', 'edit', '5', '--order', '0'],
      ['speech', 'edit', '5', '--order', '99'],
      ['speech', 'edit', '5', '--summary', 'a', '--summary-file', 'b.txt'],
      ['speech', 'edit', '5', '--summary-file', '/nonexistent/file.txt'],
      ['speech', 'edit', '5', '--unit', 'khong co phuong nay'],
      ['speech', 'remove', '99999'],
      ['speech', 'remove', '0'],
    ]) {
      const out = await run(args, { db });
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).not.toBe('');
    }
    expect(state(db)).toBe(before);
  });

  it('a closed meeting needs --force, and the forced change says so in the log', async () => {
    const db = sampleDbPath();
    expect((await run(['meeting', 'close', '1'], { db })).code).toBe(0);
    const before = state(db);
    const refused = await run(['speech', 'remove', '3'], { db });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(state(db)).toBe(before);
    expect((await run(['speech', 'remove', '3', '--force'], { db })).code).toBe(0);
    expect(JSON.parse(log(db, 'speech').at(-1)!.changes)).toMatchObject({ forced: true });
  });
});

describe('meeting conclusion edit / remove', () => {
  it('is refused while the conclusion has tasks not cancelled (naming them); --cancel-tasks --reason cancels them in the same write', async () => {
    const db = sampleDbPath();
    const before = state(db);
    const refused = await run(['meeting', 'conclusion', 'remove', '1', '4'], { db, env: { THUKY_LANG: 'en' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('#31 Phường Bến Nghé');
    expect((await run(['meeting', 'conclusion', 'remove', '1', '4', '--cancel-tasks'], { db })).code).toBe(2);
    expect((await run(['meeting', 'conclusion', 'remove', '1', '4', '--reason', 'x'], { db })).code).toBe(2);
    expect((await run(['meeting', 'conclusion', 'remove', '1', '9', '--cancel-tasks', '--reason', 'x'], { db })).code).toBe(2);
    // Conclusion 1 has done tasks: it was carried out, it stays.
    expect((await run(['meeting', 'conclusion', 'remove', '1', '1', '--cancel-tasks', '--reason', 'x'], { db })).code).toBe(2);
    expect(state(db)).toBe(before);

    const out = await run(['meeting', 'conclusion', 'remove', '1', '4', '--cancel-tasks', '--reason', 'gộp vào kết luận 3'], { db, now: new Date('2017-07-01T03:00:00Z') });
    expect(out.code).toBe(0);
    const m = await runJson<{ conclusions: { ord: number }[] }>(['meeting', 'show', '1'], { db });
    expect(m.conclusions.map((c) => c.ord)).toEqual([1, 2, 3]);
    const h = openTestDb(db);
    const tasks = h.prepare('SELECT cancelled_on AS c, cancel_reason AS r, conclusion_id AS k FROM task WHERE id BETWEEN 31 AND 40').all() as { c: string; r: string; k: number | null }[];
    h.close();
    expect(tasks).toHaveLength(10);
    for (const t of tasks) expect(t).toEqual({ c: expect.any(String), r: 'gộp vào kết luận 3', k: null });
    expect(log(db, 'conclusion').at(-1)).toMatchObject({ entity_id: 4, action: 'delete' });
  });

  it('edits the text, and the deadline of the open tasks; bad input exit 2 with nothing written', async () => {
    const db = sampleDbPath();
    const before = state(db);
    for (const args of [
      ['meeting', 'conclusion', 'edit', '1', '3'],
      ['meeting', 'conclusion', 'edit', '1', '3', '--text', '  '],
      ['meeting', 'conclusion', 'edit', '1', '0', '--text', 'x'],
      ['meeting', 'conclusion', 'edit', '1', '7', '--text', 'x'],
      ['meeting', 'conclusion', 'edit', '1', '4', '--due', '01/01/2017'],
      ['meeting', 'conclusion', 'edit', '1', '4', '--due', '31/02/2017'],
      ['meeting', 'conclusion', 'edit', '1', '4', '--due', '31/10/2017', '--within', '30d'],
    ]) {
      const out = await run(args, { db });
      expect(out.code, args.join(' ')).toBe(2);
    }
    expect(state(db)).toBe(before);
    expect((await run(['meeting', 'conclusion', 'edit', '1', '4', '--text', 'Tuyên truyền Chỉ thị 05 (đã sửa)', '--due', '31/12/2017'], { db })).code).toBe(0);
    const m = await runJson<{ conclusions: { ord: number; text: string; tasks: { dueOn: string }[] }[] }>(['meeting', 'show', '1'], { db });
    const c4 = m.conclusions.find((c) => c.ord === 4)!;
    expect(c4.text).toBe('Tuyên truyền Chỉ thị 05 (đã sửa)');
    expect(new Set(c4.tasks.map((t) => t.dueOn))).toEqual(new Set(['2017-12-31']));
    expect(JSON.parse(log(db, 'conclusion').at(-1)!.changes)).toMatchObject({ text: { to: 'Tuyên truyền Chỉ thị 05 (đã sửa)' }, dueOn: { to: '2017-12-31' } });
  });
});
