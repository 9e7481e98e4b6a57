/**
 * The empty-database day in a real terminal (node-pty): the committee, a ward, a person and a
 * document are all added inline during the session; the saved minutes carry the committee heading.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { engineDb, runBin, tempDbPath } from '../helpers.js';
import { cursorLine, driver, KEY, spawnBin, type Term } from '../pty.js';

describe('meeting record on an empty database (node-pty)', () => {
  const terms: Term[] = [];
  afterEach(() => {
    for (const t of terms.splice(0)) t.kill('SIGKILL');
  });

  it('adds the committee, units, a person and a document inline; saves; the minutes have the committee heading', { timeout: 90_000 }, async () => {
    const db = engineDb(tempDbPath());
    expect(runBin(['init', '--db', db]).code).toBe(0);
    const term = spawnBin(['meeting', 'record', '--db', db], { cols: 120, rows: 40, env: { THUKY_TODAY: '17/06/2017', THUKY_LANG: 'en', EDITOR: undefined, VISUAL: undefined } });
    terms.push(term);
    const d = driver(term);
    await d.answer('Date of the meeting (17/06/2017)', null);
    await d.answer('Kind of meeting', null);
    await d.answer('Title', 'Giao ban Chỉ thị 05');
    await d.answer('Period', null);
    await d.answer('Place', null);
    await d.answer('Start time', null);

    // A chair nobody knows yet, in a committee nobody knows yet.
    await d.choose('Chair 1', 'Huỳnh Thanh Hải', '+ Add a new person: Huỳnh Thanh Hải', d.listed('Chair 1', '+ Add a new person: Huỳnh Thanh Hải'));
    await d.answer('Full name of the new person (Huỳnh Thanh Hải)', null);
    await d.choose('Unit of the new person', 'Quận ủy Quận 1', '+ Add a new unit: Quận ủy Quận 1', d.listed('Unit of the new person', '+ Add a new unit: Quận ủy Quận 1'));
    await d.answer('Name of the new unit (Quận ủy Quận 1)', null);
    await d.cursorTo('Kind of unit', 'down', 'committee');
    term.send(KEY.enter);
    await d.answer('Position', 'Bí thư Quận ủy');
    await d.choose('Chair 2', '', '✓ Done');
    await d.choose('Guest 1', '', '✓ Done');
    await d.choose('Recorder', '', '— None');

    // No unit to invite yet: named one by one, added on the spot.
    await d.choose('Invited unit 1', 'ben nghe', '+ Add a new unit: ben nghe', d.listed('Invited unit 1', '+ Add a new unit: ben nghe'));
    await d.question('Name of the new unit (ben nghe)');
    await d.answer('Name of the new unit', 'Phường Bến Nghé');
    await d.answer('Kind of unit', null);
    await d.choose('Invited unit 2', '', '✓ Done');
    await d.answer('Absent units', null);

    await d.choose('Document 1', '05-CT/TW', '+ Add a new document: 05-CT/TW', d.listed('Document 1', '+ Add a new document: 05-CT/TW'));
    await d.answer('Code of the new document', null);
    await d.answer('Title of the document', 'Về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh');
    await d.choose('Document 2', '', '✓ Done');

    await d.cursorTo('Speech 1', 'down', 'Unit only');
    term.send(KEY.enter);
    await d.choose('Unit speaking', 'ben nghe', 'Phường Bến Nghé', d.listed('Unit speaking', '+ Add a new unit: ben nghe'));
    await d.answer('Kind', null);
    await d.answer('Speech 1 — Phường Bến Nghé, prepared contribution — Summary', 'Báo cáo kết quả sáu tháng');
    await d.answer('Line 2', null);
    await d.cursorTo('Speech 2', 'down', '✓ No more speeches');
    term.send(KEY.enter);
    await d.answer('Conclusion 1', null);
    await d.answer('End time', null);
    await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting', 'the review');
    term.send(KEY.enter);
    const done = await term.waitFor(/Meeting (\d+) saved/);
    expect(await term.exited).toBe(0);
    const id = /Meeting (\d+) saved/.exec(done)![1];

    const m = JSON.parse(runBin(['meeting', 'show', id, '--json', '--db', db]).stdout) as {
      organizer: { name: string } | null;
      units: { name: string; present: boolean }[];
      documents: { code: string }[];
      chairs: { fullName: string }[];
    };
    expect(m.organizer?.name).toBe('Quận ủy Quận 1');
    expect(m.units.map((u) => [u.name, u.present])).toEqual([['Phường Bến Nghé', true]]);
    expect(m.documents.map((x) => x.code)).toEqual(['05-CT/TW']);
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Huỳnh Thanh Hải']);
    const minutes = runBin(['meeting', 'minutes', id, '--format', 'md', '--db', db]);
    expect(minutes.code).toBe(0);
    expect(minutes.stdout).toContain('QUẬN ỦY QUẬN 1');
    expect(minutes.stdout).toContain('Đơn vị có mặt (1/1');
  });
});
