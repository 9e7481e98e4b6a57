/**
 * Stale edits: a record's version (task show --json) rises at each change, and an edit naming the
 * version it was made on (--if-version) is refused once someone else changed the record (exit 1,
 * who and when from the change log, nothing written). test/pg/if-version.test.ts runs the same on
 * PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath } from '../helpers.js';
import { env, localHm, NOW, staleEditScenario } from '../if-version-scenario.js';

describe('--if-version (SQLite)', () => {
  it('refuses an edit made on a version someone else has changed since, naming who and when', async () => {
    const r = await staleEditScenario(sampleDbPath());
    expect(r.other.code, r.other.stderr).toBe(0);
    expect(r.afterOther.version).toBe(r.read.version + 1);
    expect(r.afterOther.note).toBe('sửa trước');
    expect(r.stale.code).toBe(1);
    expect(r.stale.stderr).toBe(`thuky: nhiệm vụ 12 đã được tester sửa lúc ${localHm(NOW)}; xem lại rồi làm lại\n`);
    expect(r.afterStale).toEqual(r.afterOther);
    expect(r.fresh.code, r.fresh.stderr).toBe(0);
    expect(r.afterFresh.title).toBe('Tiêu đề mới');
    expect(r.afterFresh.version).toBe(r.afterOther.version + 1);
    expect(r.several.code).toBe(2);
  });

  it('checks documents, activities and evaluations the same way', async () => {
    const db = sampleDbPath();
    expect((await run(['activity', 'edit', '3', '--title', 'Lần một', '--if-version', '1'], { db, env, now: NOW })).code).toBe(0);
    const stale = await run(['activity', 'edit', '3', '--title', 'Lần hai', '--if-version', '1'], { db, env, now: NOW });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('hoạt động 3 đã được tester sửa lúc');
    expect((await run(['activity', 'edit', '3', '--title', 'Lần hai', '--if-version', '2'], { db, env, now: NOW })).code).toBe(0);
    expect((await run(['evaluation', 'edit', '1', '--score', '70', '--if-version', '9'], { db, env, now: NOW })).code).toBe(1);
    expect((await run(['doc', 'edit', '05-CT/TW', '--note', 'x', '--if-version', '9'], { db, env, now: NOW })).code).toBe(1);
    expect((await run(['doc', 'edit', '05-CT/TW', '--note', 'x', '--if-version', '1'], { db, env, now: NOW })).code).toBe(0);
  });

  it('a meeting: its version rises when its people or units change too, and a stale edit is refused', async () => {
    const db = sampleDbPath();
    const version = async () => (await runJson<{ version: number }>(['meeting', 'show', '1', '--json'], { db, env, now: NOW })).version;
    const v1 = await version();
    expect((await run(['meeting', 'edit', '1', '--guest', 'huynh thanh hai', '--force', '--if-version', String(v1)], { db, env, now: NOW })).code).toBe(0);
    const v2 = await version();
    expect(v2).toBe(v1 + 1);
    const stale = await run(['meeting', 'edit', '1', '--location', 'Hội trường', '--force', '--if-version', String(v1)], { db, env, now: NOW });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(`thuky: hội nghị 1 đã được tester sửa lúc ${localHm(NOW)}; xem lại rồi làm lại\n`);
    expect(await version()).toBe(v2);
  });
});

describe('--if-version on people and units (SQLite)', () => {
  it('a stale person edit changes neither the membership nor the person; a fresh one does both in one go', async () => {
    const db = sampleDbPath();
    const read = await runJson<{ id: number; version: number; unitName: string }>(['person', 'show', 'Người Mới Thử', '--json'], { db, env, now: NOW }).catch(() => null);
    expect(read).toBeNull();
    expect((await run(['person', 'add', 'Người Mới Thử', '--unit', 'BN'], { db, env, now: NOW })).code).toBe(0);
    const v1 = await runJson<{ id: number; version: number; unitName: string }>(['person', 'show', 'Người Mới Thử', '--json'], { db, env, now: NOW });
    expect(v1.version).toBe(1);
    expect((await run(['person', 'edit', 'Người Mới Thử', '--note', 'sửa trước', '--if-version', '1'], { db, env, now: NOW })).code).toBe(0);
    const stale = await run(['person', 'edit', 'Người Mới Thử', '--unit', 'CK', '--since', '01/01/2018', '--if-version', '1'], { db, env, now: NOW });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(`thuky: người ${v1.id} đã được tester sửa lúc ${localHm(NOW)}; xem lại rồi làm lại\n`);
    const after = await runJson<{ version: number; unitName: string }>(['person', 'show', 'Người Mới Thử', '--json'], { db, env, now: NOW });
    expect(after).toMatchObject({ version: 2, unitName: 'Phường Bến Nghé' });
    expect((await run(['person', 'edit', 'Người Mới Thử', '--unit', 'CK', '--since', '01/01/2018', '--if-version', '2'], { db, env, now: NOW })).code).toBe(0);
    expect(await runJson<{ unitName: string }>(['person', 'show', 'Người Mới Thử', '--json'], { db, env, now: NOW })).toMatchObject({ unitName: 'Phường Cầu Kho' });
  });

  it('a stale unit edit is refused in English too, nothing written', async () => {
    const db = sampleDbPath();
    const u = await runJson<{ id: number; version: number; note: string | null }>(['unit', 'show', 'BN', '--json'], { db, env, now: NOW });
    expect((await run(['unit', 'edit', 'BN', '--note', 'một', '--if-version', String(u.version)], { db, env, now: NOW })).code).toBe(0);
    const stale = await run(['unit', 'edit', 'BN', '--note', 'hai', '--if-version', String(u.version), '--lang', 'en'], { db, env, now: NOW });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`unit ${u.id} was changed by tester at`);
    expect(await runJson<{ note: string; version: number }>(['unit', 'show', 'BN', '--json'], { db, env, now: NOW })).toMatchObject({ note: 'một', version: u.version + 1 });
  });
});

describe('--if-version on plans', () => {
  it('plan add and plan edit give the version; a stale plan edit is refused (exit 1) and writes nothing', async () => {
    const db = sampleDbPath();
    type PlanJson = { id: number; content: string | null; version: number };
    const who = ['--person', 'Nguyễn Văn An', '--year', '2017'];
    const first = await runJson<PlanJson>(['plan', 'edit', ...who, '--content', 'Lần một', '--if-version', '1'], { db, env, now: NOW });
    expect(first).toMatchObject({ content: 'Lần một', version: 2 });
    const stored = async () => (await runJson<PlanJson[]>(['plan', 'list', '--year', '2017'], { db, env, now: NOW })).find((p) => p.id === first.id)!.content;
    const stale = await run(['plan', 'edit', ...who, '--content', 'Lần hai', '--if-version', '1'], { db, env, now: NOW });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(`thuky: kế hoạch ${first.id} đã được tester sửa lúc ${localHm(NOW)}; xem lại rồi làm lại\n`);
    const en = await run(['plan', 'edit', ...who, '--content', 'Lần hai', '--if-version', '1', '--lang', 'en'], { db, env, now: NOW });
    expect(en.stderr).toContain(`plan ${first.id} was changed by tester at`);
    expect(await stored()).toBe('Lần một');
    expect((await run(['plan', 'edit', ...who, '--content', 'Lần hai', '--if-version', '0'], { db, env, now: NOW })).code).toBe(2);
    const fresh = await runJson<PlanJson>(['plan', 'edit', ...who, '--content', 'Lần hai', '--if-version', '2'], { db, env, now: NOW });
    expect(fresh).toMatchObject({ content: 'Lần hai', version: 3 });
    expect(await stored()).toBe('Lần hai');
    expect((await run(['person', 'add', 'Người Có Kế Hoạch', '--unit', 'BN'], { db, env, now: NOW })).code).toBe(0);
    const added = await runJson<PlanJson>(['plan', 'add', '--person', 'Người Có Kế Hoạch', '--year', '2018'], { db, env, now: NOW });
    expect(added.version).toBe(1);
  });
});
