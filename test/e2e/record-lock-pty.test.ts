/** One session per draft: two terminals on one draft (node-pty), the lock, its takeover. */
import { afterEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/store/drafts.js';
import { engineDb, openTestDb, runBin, sampleDbPath } from '../helpers.js';
import { driver, KEY, spawnBin, type Term } from '../pty.js';

const AUDIT = { at: '2026-12-01T00:00:00.000Z', user: 'tester', command: 'test' };

interface DraftRow {
  id: number;
  inUse: { pid: number; host: string } | null;
}

describe('meeting record: a draft is answered in one terminal at a time', () => {
  const terms: Term[] = [];
  afterEach(() => {
    for (const t of terms.splice(0)) t.kill('SIGKILL');
  });
  const start = (db: string, id: number, wrap = true) => {
    const term = spawnBin(['meeting', 'record', '--resume', String(id), '--db', db], { cols: 120, rows: 30, wrap, env: { THUKY_TODAY: '20/09/2017', THUKY_LANG: 'en' } });
    terms.push(term);
    return term;
  };
  const drafts = (db: string) => JSON.parse(runBin(['meeting', 'drafts', '--json', '--db', db]).stdout) as DraftRow[];

  it('a second --resume exits 2 naming the holder; `meeting drafts` shows it in use; a dead holder is taken over', { timeout: 60_000 }, async () => {
    const db = engineDb(sampleDbPath());
    const h = openTestDb(db);
    const id = createDraft(h, AUDIT, 'minutes', { version: 1, answers: { heldOn: '2017-09-20', kind: 'giao-ban', title: 'Hai terminal' } });
    h.close();

    // Unwrapped: its process id is the one the lock names, and SIGKILL below reaches it.
    const first = start(db, id, false);
    await driver(first).question('Period');
    expect(drafts(db)).toMatchObject([{ id, inUse: { pid: first.pid } }]);

    const second = start(db, id);
    expect(await second.exited).toBe(2);
    expect(second.screen.transcript().replace(/\s+/g, ' ')).toContain(`draft ${id} is being answered in another terminal (process ${first.pid} on`);

    // Nor can it be discarded from under the first terminal.
    const discard = runBin(['meeting', 'drafts', '--discard', String(id), '--yes', '--lang', 'en', '--db', db]);
    expect(discard.code).toBe(2);
    expect(discard.stderr).toContain(`process ${first.pid}`);
    expect(drafts(db)).toHaveLength(1);

    // The first terminal goes on undisturbed.
    await driver(first).answer('Period', null);
    await driver(first).question('Place');

    // Killed without a chance to unlock: its lock is stale, the next session takes over and says so.
    first.kill('SIGKILL');
    await first.exited;
    const third = start(db, id, false);
    await driver(third).question('Place');
    expect(third.screen.transcript().replace(/\s+/g, ' ')).toContain(`locked by a session that has stopped (process ${first.pid} on`);
    expect(drafts(db)).toMatchObject([{ id, inUse: { pid: third.pid } }]);
    third.send(KEY.ctrlC);
    expect(await third.exited).toBe(130);
    expect(drafts(db)).toMatchObject([{ id, inUse: null }]);
  });
});
