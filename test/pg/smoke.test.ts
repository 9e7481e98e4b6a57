import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';

describe.skipIf(!PG_ADMIN)('smoke', () => {
  it('init', async () => {
    const db = freshPgDatabase();
    const out = await run(['init'], { db });
    console.log(out);
    const info = await run(['db', 'info'], { db });
    console.log(info);
  });
});
