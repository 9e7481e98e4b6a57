/** Stale edits on PostgreSQL: the version rises by the table's trigger (pg/migrations/008), as on SQLite. */
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { localHm, NOW, staleEditScenario } from '../if-version-scenario.js';

describe.skipIf(!PG_ADMIN)('--if-version on PostgreSQL', () => {
  it('refuses the stale edit as SQLite does, with the same versions and messages', async () => {
    const db = freshPgDatabase();
    const file = sampleDbPath();
    expect((await run(['db', 'copy', '--from', file, '--to', db], { env: { THUKY_TODAY: '2017-12-31' } })).code).toBe(0);
    const server = await staleEditScenario(db);
    const sqlite = await staleEditScenario(file);
    expect(server.stale.code).toBe(1);
    expect(server.stale.stderr).toBe(`thuky: nhiệm vụ 12 đã được tester sửa lúc ${localHm(NOW)}; xem lại rồi làm lại\n`);
    expect(server.afterStale).toEqual(server.afterOther);
    expect(server.afterFresh.version).toBe(server.read.version + 2);
    for (const k of ['other', 'stale', 'fresh', 'several'] as const) expect(server[k]).toEqual(sqlite[k]);
    for (const k of ['read', 'afterOther', 'afterStale', 'afterFresh'] as const) expect(server[k]).toEqual(sqlite[k]);
  });
});
