// People kept in Vietnamese name order by the index person_name_order (thuky_name_key): the listing
// reads it instead of sorting, and every way a name is written keeps it right (the index is SQLite's
// to keep: these checks would catch a writer that went around it, or a key that drifted).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortVi } from '../../src/domain/text.js';
import { openDatabase } from '../../src/store/db.js';
import { namesHaveKeys } from '../../src/store/name-order.js';
import { BY_NAME, iteratePeople, PERSON_KEY_ORDER, personJsonSql } from '../../src/store/people.js';
import { run, sampleDbPath, tempDbPath, tempDir } from '../helpers.js';

const ENV = { THUKY_TODAY: '2026-01-05' };

/** The listing's order is sortVi's, the index holds what the key gives today, and it is the index that was read. */
function checkOrder(file: string): { ids: number[]; names: string[] } {
  const db = openDatabase(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(namesHaveKeys(db)).toBe(true);
    const people = [...iteratePeople(db)];
    const byId = [...people].sort((a, b) => a.id - b.id);
    expect(people.map((p) => p.id)).toEqual(sortVi(byId, ...BY_NAME).map((p) => p.id));
    expect(people.length).toBe(db.prepare('SELECT count(*) FROM person').pluck().get());
    return { ids: people.map((p) => p.id), names: people.map((p) => p.fullName) };
  } finally {
    db.close();
  }
}

/** Runs a command that must succeed (its error shown if not). */
async function ok(argv: string[], db?: string): Promise<void> {
  const out = await run(argv, { db, env: ENV });
  expect(out.stderr && out.code ? out.stderr : out.code).toBe(0);
}

describe('people in name order from the index of names', () => {
  it('the listing of every person walks the covering index person_name_order, with no sort', () => {
    const db = openDatabase(sampleDbPath(), { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${personJsonSql(PERSON_KEY_ORDER)}`).all({ unit: null, search: null, members: null, active: null }) as { detail: string }[]).map((r) => r.detail);
    db.close();
    expect(plan).toContain('SCAN p USING COVERING INDEX person_name_order');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('kept by add, edit, import, unit merge, undo and db copy', async () => {
    const db = sampleDbPath();
    const first = checkOrder(db);

    expect((await run(['person', 'add', 'Ấu Thị A', '--unit', 'SG'], { db, env: ENV })).code).toBe(0);
    expect(checkOrder(db).names[0]).toBe('Ấu Thị A');
    // The first person renamed to come last.
    expect((await run(['person', 'edit', String(first.ids[0]), '--name', 'Zương Văn Zung'], { db, env: ENV })).code).toBe(0);
    expect(checkOrder(db).names.at(-1)).toBe('Zương Văn Zung');
    const csv = join(tempDir(), 'people.csv');
    writeFileSync(csv, `Họ và tên,Đơn vị\nĐàm Văn 10,Phường Sài Gòn\nĐàm Văn 9,Phường Sài Gòn\nđam văn 09,Phường Sài Gòn\n`);
    await ok(['person', 'import', csv], db);
    const imported = checkOrder(db).names.filter((n) => /^Đàm|^đam/.test(n));
    expect(imported).toEqual(['Đàm Văn 9', 'đam văn 09', 'Đàm Văn 10']);
    expect((await run(['unit', 'merge', 'SG', '--into', 'BT-2025', '--on', '01/01/2026'], { db, env: ENV })).code).toBe(0);
    checkOrder(db);
    // Undo the merge, then the import, then the rename: the people and the order as before.
    const runs = JSON.parse((await run(['undo', '--list', '--json'], { db, env: ENV })).stdout) as { id: number; command: string }[];
    const idOf = (command: string) => runs.find((r) => r.command === command)!.id;
    await ok(['undo', String(idOf('unit merge')), '-y'], db);
    await ok(['undo', String(idOf('person import')), '-y'], db);
    expect(checkOrder(db).names.some((n) => n.startsWith('Đàm'))).toBe(false);
    await ok(['undo', String(idOf('person edit')), '-y'], db);
    const afterUndo = checkOrder(db);
    expect(afterUndo.names.includes('Zương Văn Zung')).toBe(false);
    expect(afterUndo.ids.slice(1)).toEqual(first.ids);

    const copy = tempDbPath();
    await ok(['db', 'copy', '--from', db, '--to', copy]);
    expect(checkOrder(copy)).toEqual(afterUndo);
  });
});
