/**
 * The minutes session for real: the built binary in a pseudo-terminal (node-pty), keys sent as a
 * secretary would type them, Ctrl-C in the middle, --resume, save; the result read back as JSON.
 * Every wait is for a screen state that only the key sent before it can cause (see test/pty.ts).
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withoutPassword } from '../../src/store/pg/url.js';
import { engineDb, queryRows, ROOT, runBin, sampleDbPath, tempDir } from '../helpers.js';
import { cursorLine, driver, KEY, spawnBin, type Term } from '../pty.js';

interface ShownSpeech {
  ord: number;
  kind: string;
  speakerName: string | null;
  unitName: string | null;
  summary: string;
}

/** The fields of `meeting show --json` this test reads. */
interface Shown {
  heldOn: string;
  chairs: { fullName: string }[];
  guests: { fullName: string }[];
  units: unknown[];
  documents: { code: string }[];
  speeches: ShownSpeech[];
  chairRemarks?: ShownSpeech[];
  conclusions: { id: number; text: string }[];
}

/** Runs the binary and parses its JSON; a failure shows what it printed. */
function json(args: string[]): unknown {
  const out = runBin(args);
  if (out.code !== 0) throw new Error(`thuky ${args.join(' ')} exited ${out.code}:\n${out.stderr}${out.stdout}`);
  return JSON.parse(out.stdout);
}

describe('meeting record in a real terminal (node-pty)', () => {
  let dir: string;
  let db: string;
  let editor: string;
  const terms: Term[] = [];

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'thuky.cjs')) && !existsSync(join(ROOT, 'dist', 'thuky.js'))) throw new Error('build first: npm run build');
    dir = tempDir();
    db = engineDb(sampleDbPath());
    // The "editor" a speech summary is written in: writes two lines into the file it is given.
    editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'Dòng một của ý kiến chỉ đạo.\\nDòng hai.\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
  });

  afterEach(() => {
    for (const t of terms.splice(0)) t.kill();
  });

  function start(args: string[], wrap = true): Term {
    const term = spawnBin([...args, '--db', db], { cols: 200, rows: 50, wrap, env: { THUKY_TODAY: '20/09/2017', THUKY_LANG: 'en', EDITOR: editor, VISUAL: editor } });
    terms.push(term);
    return term;
  }

  it('records three speeches and a conclusion for two wards, survives Ctrl-C, resumes and saves', { timeout: 180_000 }, async () => {
    // ---- first sitting: the header, people, units, two speeches; then Ctrl-C.
    const t1 = start(['meeting', 'record']);
    const d1 = driver(t1);
    await d1.answer('Date of the meeting (20/09/2017)', null);
    await d1.answer('Kind of meeting', null);
    await d1.answer('Title', 'Giao ban quý III năm 2017');
    await d1.answer('Period', null);
    await d1.answer('Place', 'Hội trường Quận ủy');
    await d1.answer('Start time', '08:00');
    await d1.choose('Chair 1', 'hai', 'Huỳnh Thanh Hải — Thành ủy viên', d1.listed('Chair 1', '+ Add a new person: hai'));
    await d1.choose('Chair 2', '', '✓ Done');
    // The list shown before anything is typed already names Phạm Ngọc Hợi: wait for the one for "hoi".
    await d1.choose('Guest 1', 'hoi', 'Phạm Ngọc Hợi', d1.listed('Guest 1', '+ Add a new person: hoi'));
    await d1.choose('Guest 2', '', '✓ Done');
    await d1.choose('Recorder', '', '— None');
    await d1.question('Invited units');
    await t1.waitFor(d1.listed('Invited units', '◉ Phường Tân Định'));
    t1.send(KEY.enter);
    await d1.answer('Absent units', null);
    await d1.choose('Document 1', '05-ct', '05-CT/TW', d1.listed('Document 1', '+ Add a new document: 05-ct'));
    await d1.choose('Document 2', '', '✓ Done');

    await d1.cursorTo('Speech 1', 'down', 'Unit only');
    t1.send(KEY.enter);
    await d1.choose('Unit speaking', 'cau kho', 'Phường Cầu Kho', d1.listed('Unit speaking', '+ Add a new unit: cau kho'));
    await d1.answer('Kind', null);
    await d1.answer('Speech 1 — Phường Cầu Kho, prepared contribution — Summary (leave empty', 'Kết quả một năm thực hiện Chỉ thị 05');
    await d1.answer('Line 2', null);

    await d1.cursorTo('Speech 2', 'up', 'Choose the speaker');
    t1.send(KEY.enter);
    await d1.choose('Speaker', 'to nga', 'Hoàng Thị Tố Nga', d1.listed('Speaker', '+ Add a new person: to nga'));
    await d1.cursorTo('Kind', 'down', 'direction');
    t1.send(KEY.enter);
    // Empty line: the summary is written in the editor.
    await d1.answer('Speech 2 — Hoàng Thị Tố Nga, direction — Summary (leave empty', null);

    await d1.question('Speech 3');
    t1.send(KEY.ctrlC);
    expect(await t1.exited).toBe(130);

    const [draft] = json(['meeting', 'drafts', '--json', '--db', db]) as { id: number }[];
    expect(draft).toMatchObject({ heldOn: '2017-09-20', title: 'Giao ban quý III năm 2017', speeches: 2, conclusions: 0 });

    // ---- second sitting: --resume goes on at "Speech 3".
    const t2 = start(['meeting', 'record', '--resume']);
    const d2 = driver(t2);
    const resumed = await d2.question('Speech 3');
    expect(resumed).toContain(`Continuing draft ${draft.id}`);
    expect(resumed).toContain('— Recorded so far —');
    expect(resumed).not.toContain('Date of the meeting');
    await d2.cursorTo('Speech 3', 'down', 'Unit only');
    t2.send(KEY.enter);
    await d2.choose('Unit speaking', 'BN', 'Phường Bến Nghé', d2.listed('Unit speaking', '+ Add a new unit: BN'));
    await d2.answer('Kind', null);
    await d2.answer('Speech 3 — Phường Bến Nghé, prepared contribution — Summary (leave empty', 'Mô hình dân vận khéo');
    await d2.answer('Line 2', null);
    await d2.cursorTo('Speech 4', 'down', '✓ No more speeches');
    t2.send(KEY.enter);

    await d2.answer('Conclusion 1', 'Mỗi phường đăng ký khâu đột phá cụ thể, có thời hạn');
    await d2.question('Assign to units');
    t2.send(KEY.space);
    await t2.waitFor((s) => cursorLine(s, 'Assign to units') === '◉ Phường Bến Nghé', 'Bến Nghé ticked');
    await d2.cursorTo('Assign to units', 'down', '◯ Phường Cầu Kho');
    t2.send(KEY.space);
    await t2.waitFor((s) => cursorLine(s, 'Assign to units') === '◉ Phường Cầu Kho', 'Cầu Kho ticked');
    t2.send(KEY.enter);
    await d2.answer('Time limit', '30d');
    await d2.answer('Conclusion 2', null);
    await d2.answer('End time', '11:00');
    const review = await t2.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting', 'the review');
    expect(review).toContain('Speeches (3)');
    expect(review).toContain('Conclusions (1)');
    t2.send(KEY.enter);
    const done = await t2.waitFor(/Meeting (\d+) saved/);
    expect(await t2.exited).toBe(0);
    const id = /Meeting (\d+) saved/.exec(done)![1];
    expect(t2.screen.transcript()).toContain(`thuky meeting minutes ${id}`);

    // ---- the result, read back as JSON from the binary.
    const m = json(['meeting', 'show', id, '--json', '--db', db]) as Shown;
    expect(m).toMatchObject({ heldOn: '2017-09-20', period: '2017-Q3', startTime: '08:00', endTime: '11:00', location: 'Hội trường Quận ủy' });
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Huỳnh Thanh Hải']);
    expect(m.guests.map((c) => c.fullName)).toEqual(['Phạm Ngọc Hợi']);
    expect(m.units).toHaveLength(10);
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW']);
    const speeches = [...m.speeches, ...(m.chairRemarks ?? [])].sort((a, b) => a.ord - b.ord);
    expect(speeches.map((s) => [s.kind, s.speakerName, s.unitName, s.summary])).toEqual([
      ['tham-luan', null, 'Phường Cầu Kho', 'Kết quả một năm thực hiện Chỉ thị 05'],
      ['chi-dao', 'Hoàng Thị Tố Nga', expect.any(String), 'Dòng một của ý kiến chỉ đạo.\nDòng hai.'],
      ['tham-luan', null, 'Phường Bến Nghé', 'Mô hình dân vận khéo'],
    ]);
    expect(m.conclusions).toHaveLength(1);
    expect(m.conclusions[0].text).toBe('Mỗi phường đăng ký khâu đột phá cụ thể, có thời hạn');

    const rows = json(['task', 'list', '--meeting', id, '--json', '--as-of', '20/09/2017', '--db', db]) as { unitName: string; dueOn: string; startOn: string; conclusionId: number; meetingId: number; documentCode: string | null }[];
    expect(rows.map((r) => r.unitName).sort()).toEqual(['Phường Bến Nghé', 'Phường Cầu Kho']);
    // The tasks carry the meeting's document.
    for (const r of rows) expect(r).toMatchObject({ dueOn: '2017-10-20', startOn: '2017-09-20', meetingId: Number(id), conclusionId: m.conclusions[0].id, documentCode: '05-CT/TW' });

    // The draft is gone once saved.
    expect(json(['meeting', 'drafts', '--json', '--db', db])).toEqual([]);

    // The two sittings' command lines are kept for `undo --list`, a database URL without its password.
    const lines = queryRows<{ args: string }>(db, "SELECT args FROM command_run WHERE command = 'meeting record' ORDER BY id").map((r) => JSON.parse(r.args) as string[]);
    expect(lines).toEqual([
      ['meeting', 'record', '--db', withoutPassword(db)],
      ['meeting', 'record', '--resume', '--db', withoutPassword(db)],
    ]);
  });

  it('a closed terminal leaves the draft; --resume asks the next question; the draft can be discarded', { timeout: 120_000 }, async () => {
    db = engineDb(sampleDbPath());
    // Unwrapped: the hang-up below reaches the program itself.
    const t3 = start(['minutes'], false);
    const d3 = driver(t3);
    await d3.answer('Date of the meeting', null);
    await d3.answer('Kind of meeting', null);
    await d3.answer('Title', 'Hội nghị bị ngắt');
    await d3.question('Period');
    // Closing the window: the terminal hangs up on the process.
    t3.kill();
    await t3.exited;
    const [draft] = json(['meeting', 'drafts', '--json', '--lang', 'en', '--db', db]) as { id: number; title: string; answers: number; nextQuestion: string }[];
    expect(draft).toMatchObject({ title: 'Hội nghị bị ngắt', answers: 3, nextQuestion: 'Period' });

    const t4 = start(['meeting', 'record', '--resume', String(draft.id)]);
    const d4 = driver(t4);
    const shown = await d4.question('Period');
    expect(shown).not.toContain('? Title');
    t4.send(KEY.ctrlC);
    expect(await t4.exited).toBe(130);

    const refused = runBin(['meeting', 'drafts', '--discard', String(draft.id), '--db', db]);
    expect(refused.code).toBe(2);
    expect(runBin(['meeting', 'drafts', '--discard', String(draft.id), '--yes', '--db', db]).code).toBe(0);
    expect(json(['meeting', 'drafts', '--json', '--db', db])).toEqual([]);
  });
});
