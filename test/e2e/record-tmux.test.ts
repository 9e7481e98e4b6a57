/**
 * The minutes session for real: the built binary in a pseudo-terminal (tmux), keys sent as a
 * secretary would type them, Ctrl-C in the middle, --resume, save; the result read back as JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin, sampleDbPath, tempDir } from '../helpers.js';

const TMUX = process.env.TMUX_BIN ?? 'tmux';
const SOCKET = `thuky-record-${process.pid}-${Date.now()}`;
const WAIT_MS = 30_000;

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ['-u', '-L', SOCKET, ...args], { encoding: 'utf8', stdio: 'pipe' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function screen(session: string): string {
  try {
    return tmux('capture-pane', '-p', '-J', '-S', '-500', '-t', session);
  } catch {
    return '';
  }
}

/** Polls the pane until it shows the text (bounded), and returns what it showed. */
async function waitFor(session: string, text: string | RegExp, ms = WAIT_MS): Promise<string> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    last = screen(session);
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${String(text)}; the terminal showed:\n${last}`);
}

async function waitForFile(path: string, ms = WAIT_MS): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(path)) {
      const s = readFileSync(path, 'utf8');
      if (s.endsWith('\n')) return s.trim();
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${path}`);
}

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

const keys = (session: string, ...k: string[]) => tmux('send-keys', '-t', session, ...k);
const type = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', text);

/** Answers the question showing `question` (the active one starts with "?"). */
async function answer(session: string, question: string, text: string | null, ...then: string[]) {
  await waitFor(session, `? ${question}`);
  if (text) type(session, text);
  for (const k of then) keys(session, k);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Moves the cursor of a select, checkbox or search until the wanted line is under it. */
async function cursorTo(session: string, question: string, key: 'Up' | 'Down', line: string) {
  await waitFor(session, `? ${question}`);
  await waitFor(session, line);
  const under = new RegExp(`❯\\s?${escape(line)}`);
  for (let i = 0; i < 15 && !under.test(screen(session)); i++) {
    const before = screen(session);
    keys(session, key);
    // One key, one redraw: wait for it before the next key, so that a slow machine cannot overshoot.
    for (const until = Date.now() + 5_000; Date.now() < until && screen(session) === before; ) await sleep(50);
  }
  await waitFor(session, under);
}

/** Types into a search, moves to the wanted choice, takes it. */
async function choose(session: string, question: string, text: string, choice: string) {
  await waitFor(session, `? ${question}`);
  if (text) type(session, text);
  await cursorTo(session, question, 'Down', choice);
  keys(session, 'Enter');
}

describe('meeting record in a real terminal (tmux)', () => {
  let dir: string;
  let db: string;
  let editor: string;

  beforeAll(() => {
    const probe = spawnSync(TMUX, ['-V'], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error('tmux is needed for this test (apt-get install tmux)');
    if (!existsSync(join(ROOT, 'dist', 'thuky.cjs')) && !existsSync(join(ROOT, 'dist', 'thuky.js'))) throw new Error('build first: npm run build');
    dir = tempDir();
    db = sampleDbPath();
    // The "editor" a speech summary is written in: writes two lines into the file it is given.
    editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'Dòng một của ý kiến chỉ đạo.\\nDòng hai.\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
  });

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // no server left
    }
  });

  /** Starts the binary in a new tmux session; its exit code lands in a file. */
  function start(session: string, args: string[]): string {
    const rc = join(dir, `${session}.rc`);
    const env = `THUKY_TODAY=20/09/2017 THUKY_LANG=en EDITOR=${editor} VISUAL=${editor} TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1`;
    const cmd = `env ${env} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.join(' ')} --db ${JSON.stringify(db)}; echo $? > ${JSON.stringify(rc)}`;
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', cmd);
    return rc;
  }

  // Generous bounds: every wait polls and ends as soon as the terminal shows what is expected; they only
  // matter on a machine busy with the rest of the suite.
  it('records three speeches and a conclusion for two wards, survives Ctrl-C, resumes and saves', { timeout: 180_000 }, async () => {
    // ---- first sitting: the header, people, units, two speeches; then Ctrl-C.
    const s1 = 'first';
    const rc1 = start(s1, ['meeting', 'record']);
    await answer(s1, 'Date of the meeting (20/09/2017)', null, 'Enter');
    await answer(s1, 'Kind of meeting', null, 'Enter');
    await answer(s1, 'Title', 'Giao ban quý III năm 2017', 'Enter');
    await answer(s1, 'Period', null, 'Enter');
    await answer(s1, 'Place', 'Hội trường Quận ủy', 'Enter');
    await answer(s1, 'Start time', '08:00', 'Enter');
    await choose(s1, 'Chair 1', 'hai', 'Huỳnh Thanh Hải — Thành ủy viên');
    await choose(s1, 'Chair 2', '', '✓ Done');
    await choose(s1, 'Guest 1', 'hoi', 'Phạm Ngọc Hợi');
    await choose(s1, 'Guest 2', '', '✓ Done');
    await choose(s1, 'Recorder', '', '— None');
    await waitFor(s1, '? Invited units');
    await waitFor(s1, '◉ Phường Tân Định');
    keys(s1, 'Enter');
    await answer(s1, 'Absent units', null, 'Enter');
    await choose(s1, 'Document 1', '05-ct', '05-CT/TW');
    await choose(s1, 'Document 2', '', '✓ Done');

    await cursorTo(s1, 'Speech 1', 'Down', 'Unit only');
    keys(s1, 'Enter');
    await choose(s1, 'Unit speaking', 'cau kho', 'Phường Cầu Kho');
    await answer(s1, 'Kind', null, 'Enter');
    await answer(s1, 'Summary (leave empty', 'Kết quả một năm thực hiện Chỉ thị 05', 'Enter');

    await cursorTo(s1, 'Speech 2', 'Up', 'Choose the speaker');
    keys(s1, 'Enter');
    await choose(s1, 'Speaker', 'to nga', 'Hoàng Thị Tố Nga');
    await cursorTo(s1, 'Kind', 'Down', 'direction');
    keys(s1, 'Enter');
    // Empty line: the summary is written in the editor.
    await answer(s1, 'Summary (leave empty', null, 'Enter');

    await waitFor(s1, '? Speech 3');
    keys(s1, 'C-c');
    expect(await waitForFile(rc1)).toBe('130');

    const [draft] = json(['meeting', 'drafts', '--json', '--db', db]) as { id: number }[];
    expect(draft).toMatchObject({ heldOn: '2017-09-20', title: 'Giao ban quý III năm 2017', speeches: 2, conclusions: 0 });

    // ---- second sitting: --resume goes on at "Speech 3".
    const s2 = 'second';
    const rc2 = start(s2, ['meeting', 'record', '--resume']);
    const resumed = await waitFor(s2, '? Speech 3');
    expect(resumed).toContain(`Continuing draft ${draft.id}`);
    expect(resumed).not.toContain('Date of the meeting');
    await cursorTo(s2, 'Speech 3', 'Down', 'Unit only');
    keys(s2, 'Enter');
    await choose(s2, 'Unit speaking', 'BN', 'Phường Bến Nghé');
    await answer(s2, 'Kind', null, 'Enter');
    await answer(s2, 'Summary (leave empty', 'Mô hình dân vận khéo', 'Enter');
    await cursorTo(s2, 'Speech 4', 'Down', '✓ No more speeches');
    keys(s2, 'Enter');

    await answer(s2, 'Conclusion 1', 'Mỗi phường đăng ký khâu đột phá cụ thể, có thời hạn', 'Enter');
    await waitFor(s2, '? Assign to units');
    keys(s2, 'Space');
    await waitFor(s2, '◉ Phường Bến Nghé');
    await cursorTo(s2, 'Assign to units', 'Down', '◯ Phường Cầu Kho');
    keys(s2, 'Space');
    await waitFor(s2, '◉ Phường Cầu Kho');
    keys(s2, 'Enter');
    await answer(s2, 'Time limit', '30d', 'Enter');
    await answer(s2, 'Conclusion 2', null, 'Enter');
    await answer(s2, 'End time', '11:00', 'Enter');
    const review = await waitFor(s2, '❯ Save the meeting');
    expect(review).toContain('Speeches (3)');
    expect(review).toContain('Conclusions (1)');
    keys(s2, 'Enter');
    const done = await waitFor(s2, /Meeting (\d+) saved/);
    expect(await waitForFile(rc2)).toBe('0');
    const id = /Meeting (\d+) saved/.exec(done)![1];
    expect(done).toContain(`thuky meeting minutes ${id}`);

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

    const rows = json(['task', 'list', '--meeting', id, '--json', '--as-of', '20/09/2017', '--db', db]) as { unitName: string; dueOn: string; startOn: string; conclusionId: number; meetingId: number }[];
    expect(rows.map((r) => r.unitName).sort()).toEqual(['Phường Bến Nghé', 'Phường Cầu Kho']);
    for (const r of rows) expect(r).toMatchObject({ dueOn: '2017-10-20', startOn: '2017-09-20', meetingId: Number(id), conclusionId: m.conclusions[0].id });

    // The draft is gone once saved.
    expect(json(['meeting', 'drafts', '--json', '--db', db])).toEqual([]);
  });

  it('a closed terminal leaves the draft; --resume asks the next question; the draft can be discarded', { timeout: 120_000 }, async () => {
    db = sampleDbPath();
    const s3 = 'closed';
    start(s3, ['minutes']);
    await answer(s3, 'Date of the meeting', null, 'Enter');
    await answer(s3, 'Kind of meeting', null, 'Enter');
    await answer(s3, 'Title', 'Hội nghị bị ngắt', 'Enter');
    await waitFor(s3, '? Period');
    // Closing the window: the terminal hangs up on the process.
    tmux('kill-session', '-t', s3);
    const [draft] = json(['meeting', 'drafts', '--json', '--lang', 'en', '--db', db]) as { id: number; title: string; answers: number; nextQuestion: string }[];
    expect(draft).toMatchObject({ title: 'Hội nghị bị ngắt', answers: 3, nextQuestion: 'Period' });

    const s4 = 'reopened';
    const rc4 = start(s4, ['meeting', 'record', '--resume', String(draft.id)]);
    const shown = await waitFor(s4, '? Period');
    expect(shown).not.toContain('? Title');
    keys(s4, 'C-c');
    expect(await waitForFile(rc4)).toBe('130');

    const refused = runBin(['meeting', 'drafts', '--discard', String(draft.id), '--db', db]);
    expect(refused.code).toBe(2);
    expect(runBin(['meeting', 'drafts', '--discard', String(draft.id), '--yes', '--db', db]).code).toBe(0);
    expect(json(['meeting', 'drafts', '--json', '--db', db])).toEqual([]);
  });
});
