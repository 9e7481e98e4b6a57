// Four processes write to one PostgreSQL database at the same time, with a reader alongside (the
// writer of test/e2e/concurrent-writers.test.ts, pointed at a postgresql:// URL). Every write
// transaction takes thuky's advisory lock first, as SQLite's BEGIN IMMEDIATE takes the write lock:
// speech and conclusion numbers stay unique and gap-free. Uses the built bundle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConcurrentJobs } from '../concurrent-jobs.js';
import { run, runJson, sampleDbPath } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { connectPostgres } from '../../src/store/pg/open.js';
import { withoutPassword } from '../../src/store/pg/url.js';

const K = 10;

describe.skipIf(!PG_ADMIN)('concurrent writers on one PostgreSQL database', () => {
  it('every write succeeds once, speech and conclusion numbers unique and gap-free, each change recorded under its own run', async () => {
    const db = freshPgDatabase();
    expect((await run(['db', 'copy', '--from', sampleDbPath(), '--to', db])).code).toBe(0);
    const meeting = await runJson<{ id: number }>(['meeting', 'add', '--date', '15/01/2018', '--title', 'Giao ban ghi đồng thời', '--invite', 'BN', 'CK'], { db });
    const M = String(meeting.id);
    const range = (f: (i: number) => string[]) => Array.from({ length: K }, (_, i) => f(i));
    const jobs = [
      { name: 'speech-a', commands: range((i) => ['speech', 'add', M, '--unit', 'BN', '--kind', 'phat-bieu', '--summary', `Ý kiến A${i}`]) },
      { name: 'speech-b', commands: range((i) => ['speech', 'add', M, '--unit', 'CK', '--kind', 'phat-bieu', '--summary', `Ý kiến B${i}`]) },
      { name: 'conclude-a', commands: range((i) => ['meeting', 'conclude', M, '--text', `Kết luận A${i}`]) },
      { name: 'conclude-b', commands: range((i) => ['meeting', 'conclude', M, '--text', `Kết luận B${i}`, '--assign', 'BN', '--within', '30d']) },
      { name: 'reader', reader: true, commands: [['meeting', 'show', M, '--json'], ['task', 'list', '--unit', 'CK', '--json']] },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'thuky-pg-writers-'));
    await runConcurrentJobs(db, dir, jobs);
    const h = connectPostgres(withoutPassword(db));
    try {
      const ords = (table: string) => h.query(`SELECT ord FROM ${table} WHERE meeting_id = $1 ORDER BY ord`, [meeting.id]).rows.flat();
      expect(ords('speech')).toEqual(Array.from({ length: 2 * K }, (_, i) => i + 1));
      expect(ords('conclusion')).toEqual(Array.from({ length: 2 * K }, (_, i) => i + 1));
      expect(h.query('SELECT count(*) FROM task WHERE meeting_id = $1', [meeting.id]).rows).toEqual([[K]]);
      // 40 commands, 40 runs, each with its own rows.
      const runs = h.query(`SELECT count(DISTINCT r.id) FROM command_run r JOIN row_change c ON c.run_id = r.id WHERE r.command IN ('speech add', 'meeting conclude')`).rows;
      expect(runs).toEqual([[4 * K]]);
    } finally {
      h.close();
    }
  }, 120_000);
});
