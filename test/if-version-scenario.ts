/** A stale edit, step by step, on a database (a file or a PostgreSQL URL): test/cli and test/pg/if-version.test.ts. */
import { run, runJson } from './helpers.js';

export const NOW = new Date('2026-11-27T07:03:00Z');
export const env = { THUKY_TODAY: '2017-12-31' };

/** The time the refusal names: the change's local time (the day is the command's own). */
export const localHm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The steps of a stale edit on a database (a file or a PostgreSQL URL); returns what each printed. */
export async function staleEditScenario(db: string) {
  const show = () => runJson<{ version: number; title: string; note: string | null }>(['task', 'show', '12', '--json'], { db, env, now: NOW });
  const read = await show();
  // Someone else changes the task after it was read…
  const other = await run(['task', 'edit', '12', '--note', 'sửa trước', '--if-version', String(read.version)], { db, env, now: NOW });
  const afterOther = await show();
  // …so an edit made on what was read is refused, and nothing is overwritten.
  const stale = await run(['task', 'edit', '12', '--title', 'Tiêu đề mới', '--if-version', String(read.version)], { db, env, now: NOW });
  const afterStale = await show();
  // On the version read again it goes through.
  const fresh = await run(['task', 'edit', '12', '--title', 'Tiêu đề mới', '--if-version', String(afterOther.version)], { db, env, now: NOW });
  const afterFresh = await show();
  const several = await run(['task', 'edit', '12', '13', '--note', 'x', '--if-version', '1'], { db, env, now: NOW });
  return { read, other, afterOther, stale, afterStale, fresh, afterFresh, several };
}

