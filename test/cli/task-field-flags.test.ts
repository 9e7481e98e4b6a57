// The task store names the field of a bad value ('on', 'percent', 'reason', 'kind'); the command line
// names the flag the user typed (src/cli/field-flags.ts), so its messages read as before.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { addTasks, cancelTasks, recordProgress, reopenTasks } from '../../src/store/task-writes.js';
import { run, sampleDbPath, openTestDb } from '../helpers.js';

const audit = { at: '2026-12-01T00:00:00.000Z', user: 'tester', command: 'test' };

function refusal(write: () => unknown): UsageError {
  try {
    write();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('task errors: field in the store, flag on the command line', () => {
  it('the store names fields', () => {
    const db = openTestDb(sampleDbPath());
    expect(refusal(() => recordProgress(db, audit, [13], { percent: 50, on: '2016-01-01' })).params).toMatchObject({ field: 'on', id: 13 });
    expect(refusal(() => recordProgress(db, audit, [13], { percent: 150, on: '2017-10-01' })).params).toMatchObject({ field: 'percent', value: 150 });
    expect(refusal(() => reopenTasks(db, audit, [1], { on: '2017-10-01', reason: ' ' })).params).toEqual({ field: 'reason' });
    expect(refusal(() => cancelTasks(db, audit, [13], { on: '2016-01-01', reason: 'x' })).params).toMatchObject({ field: 'on' });
    expect(refusal(() => addTasks(db, audit, { title: 'X', unitIds: [1], startOn: '2017-01-01', dueOn: null, kind: 'other' as 'task' })).params).toMatchObject({ field: 'kind' });
    db.close();
  });

  it('the command line names the flags', async () => {
    const db = sampleDbPath();
    const progress = await run(['task', 'progress', '13', '--percent', '50', '--on', '01/01/2016'], { db });
    expect([progress.code, progress.stderr]).toEqual([2, 'thuky: --on: ngày 01/01/2016 trước ngày giao nhiệm vụ 13 (17/06/2017)\n']);
    const cancel = await run(['--lang', 'en', 'task', 'cancel', '13', '--on', '01/01/2016', '--reason', 'x'], { db });
    expect([cancel.code, cancel.stderr]).toEqual([2, 'thuky: --on: 01/01/2016 is before task 13 was assigned (17/06/2017)\n']);
  });
});
