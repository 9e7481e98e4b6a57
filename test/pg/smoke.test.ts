import { describe, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';

describe.skipIf(!PG_ADMIN)('smoke', () => {
  it('compare', async () => {
    const db = freshPgDatabase();
    const file = sampleDbPath();
    const c = await run(['db', 'copy', '--from', file, '--to', db]);
    console.log(c);
    for (const args of [['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'], ['overdue', '--json', '--as-of', '31/12/2017'], ['task', 'list', '--json'], ['meeting', 'list'], ['meeting', 'show', '1'], ['unit', 'list'], ['person', 'list', '--search', 'nguyen'], ['log', '--limit', '5']]) {
      const o = await run(args, { db });
      const s = await run(args, { db: file });
      console.log(args.join(' '), o.code, o.stderr.slice(0, 1500), o.stdout === s.stdout ? 'SAME' : `DIFF\n${o.stdout.slice(0, 600)}\n---\n${s.stdout.slice(0, 600)}`);
    }
  });
});
