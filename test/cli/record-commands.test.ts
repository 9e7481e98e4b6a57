import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import type { Prompter } from '../../src/prompts/prompter.js';
import { listDrafts } from '../../src/store/drafts.js';
import { getMeeting } from '../../src/store/meetings/detail.js';
import { sampleDbPath, tempDbPath, openTestDb, engineDb } from '../helpers.js';
import { fullScript, ids, ScriptedPrompter } from '../unit/record-fake-prompter.js';

async function run(argv: string[], opts: { db: string; prompter?: Prompter; tty?: boolean; stdinIsTTY?: boolean }) {
  const base = memoryContext({ tty: opts.tty ?? true, stdinIsTTY: opts.stdinIsTTY, env: { THUKY_TODAY: '20/09/2017' } });
  const ctx = { ...base, prompter: opts.prompter };
  const code = await runCli([...argv, '--db', engineDb(opts.db), '--lang', 'en'], ctx);
  return { code, stdout: base.out(), stderr: base.err() };
}

function counts(path: string) {
  const db = openTestDb(path);
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return { meetings: n('SELECT count(*) AS n FROM meeting'), tasks: n('SELECT count(*) AS n FROM task'), drafts: n('SELECT count(*) AS n FROM draft'), people: n('SELECT count(*) AS n FROM person') };
  } finally {
    db.close();
  }
}

function script(path: string) {
  const db = openTestDb(path);
  try {
    return { steps: fullScript(db), ids: ids(db) };
  } finally {
    db.close();
  }
}

describe('meeting record', () => {
  it('refuses without a terminal (exit 2), names the flag commands, and writes nothing', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    for (const opts of [{ tty: false }, { tty: true, stdinIsTTY: false }]) {
      const out = await run(['meeting', 'record'], { db, ...opts });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('meeting add');
      expect(out.stderr).toContain('speech add');
      expect(out.stderr).toContain('meeting conclude');
    }
    expect(counts(db)).toEqual(before);
    const fresh = tempDbPath();
    expect((await run(['minutes'], { db: fresh, tty: false })).code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('records a whole meeting in one go: meeting, attendance, speeches, conclusion, one task per unit; the draft is closed', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const { steps, ids: u } = script(db);
    const out = await run(['meeting', 'record'], { db, prompter: new ScriptedPrompter(steps) });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const id = Number(/Meeting (\d+) saved/.exec(out.stdout)?.[1]);
    expect(out.stdout).toContain(`thuky meeting minutes ${id}`);
    const after = counts(db);
    expect(after).toEqual({ ...before, meetings: before.meetings + 1, tasks: before.tasks + 2 });
    const handle = openTestDb(db);
    const m = getMeeting(handle, id, { asOf: '2017-09-20' })!;
    handle.close();
    expect(m).toMatchObject({ heldOn: '2017-09-20', title: 'Giao ban quý III năm 2017', period: '2017-Q3', startTime: '08:00', endTime: '11:30', kind: 'giao-ban' });
    expect(m.chairs.map((c) => c.id)).toEqual([u.hai, u.nga]);
    expect(m.counts).toMatchObject({ invited: 10, present: 9, absent: 1 });
    expect(m.units.find((x) => x.unitId === u.CG)).toMatchObject({ present: false, absentReason: 'Trùng lịch tiếp công dân' });
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW']);
    const all = [...m.speeches, ...m.chairRemarks].sort((a, b) => a.ord - b.ord);
    expect(all.map((s) => [s.ord, s.unitId, s.speakerId, s.kind])).toEqual([
      [1, u.CK, null, 'tham-luan'],
      [2, expect.any(Number), u.nga, 'chi-dao'],
      [3, u.BN, null, 'tham-luan'],
    ]);
    expect(m.conclusions).toHaveLength(1);
    expect(m.conclusions[0].tasks.map((t) => [t.unitId, t.dueOn, t.startOn]).sort()).toEqual(
      [
        [u.BN, '2017-10-20', '2017-09-20'],
        [u.CK, '2017-10-20', '2017-09-20'],
      ].sort(),
    );
  });

  it('Ctrl-C keeps the draft (exit 130); drafts lists it; --resume goes on at the next question and saves', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const { steps } = script(db);
    const cut = steps.findIndex((s) => s.ask === 'Speech 3');
    const first = await run(['meeting', 'record'], { db, prompter: new ScriptedPrompter(steps.slice(0, cut)) });
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/Draft (\d+) kept\. Continue with: thuky meeting record --resume \1/);
    expect(counts(db)).toEqual({ ...before, drafts: 1 });

    const list = await run(['meeting', 'drafts', '--json'], { db, tty: false });
    expect(list.code).toBe(0);
    const drafts = JSON.parse(list.stdout);
    // One answer more than questions: the organizing committee, kept without asking (the first chair's).
    expect(drafts).toEqual([expect.objectContaining({ heldOn: '2017-09-20', title: 'Giao ban quý III năm 2017', speeches: 2, conclusions: 0, answers: steps.slice(0, cut).filter((s) => s.ask !== 'Line 2').length + 1, nextQuestion: 'Speech 3' })]);
    const table = await run(['meeting', 'drafts'], { db, tty: true });
    expect(table.stdout).toContain('Speech 3');
    expect(table.stdout).toMatch(/20\/09\/2017|2017-09-20/);

    // A second interruption, before any new answer, keeps the draft as it was.
    const idle = await run(['meeting', 'record', '--resume'], { db, prompter: new ScriptedPrompter([]) });
    expect(idle.code).toBe(130);
    expect(counts(db).drafts).toBe(1);

    const rest = new ScriptedPrompter(steps.slice(cut));
    const second = await run(['minutes', '--resume', String(drafts[0].id)], { db, prompter: rest });
    expect(second.code).toBe(0);
    expect(rest.asked[0]).toContain('Speech 3');
    expect(second.stderr).toContain(`Continuing draft ${drafts[0].id}`);
    expect(counts(db)).toEqual({ ...before, meetings: before.meetings + 1, tasks: before.tasks + 2 });
    expect(JSON.parse((await run(['meeting', 'drafts', '--json'], { db, tty: false })).stdout)).toEqual([]);
  });

  it('--resume without a draft, or with an unknown one, is exit 1', async () => {
    const db = sampleDbPath();
    expect((await run(['meeting', 'record', '--resume'], { db, prompter: new ScriptedPrompter([]) })).code).toBe(1);
    const out = await run(['meeting', 'record', '--resume', '99'], { db, prompter: new ScriptedPrompter([]) });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('no draft of minutes with id 99');
    expect((await run(['meeting', 'record', '--resume', 'abc'], { db, prompter: new ScriptedPrompter([]) })).code).toBe(2);
  });

  it('saves the people added during the session in the same transaction', async () => {
    const db = sampleDbPath();
    const before = counts(db);
    const { steps } = script(db);
    const i = steps.findIndex((s) => s.ask === 'Recorder');
    steps.splice(i, 1, { ask: 'Recorder', answer: 'Lê Văn Ghi' }, { ask: 'Full name' }, { ask: 'Unit of the new person', answer: 'ben nghe' }, { ask: 'Position', answer: 'Chuyên viên' });
    const out = await run(['meeting', 'record', '--json'], { db, prompter: new ScriptedPrompter(steps) });
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({ meetingId: expect.any(Number), conclusionIds: [expect.any(Number)], taskIds: [expect.any(Number), expect.any(Number)] });
    expect(counts(db).people).toBe(before.people + 1);
    const handle = openTestDb(db);
    expect(getMeeting(handle, result.meetingId)!.recorder).toMatchObject({ fullName: 'Lê Văn Ghi', positions: ['Chuyên viên'] });
    handle.close();
  });

  it('works on an empty database: the chair is added inline, there are no units to invite', async () => {
    const db = tempDbPath();
    const prompter = new ScriptedPrompter([
      { ask: 'Date', answer: '15/12/2017' },
      { ask: 'Kind', answer: 'hoi-nghi' },
      { ask: 'Title', answer: 'Hội nghị chi bộ' },
      { ask: 'Period' },
      { ask: 'Place' },
      { ask: 'Start time' },
      { ask: 'Chair 1', answer: 'Nguyễn Văn An' },
      { ask: 'Full name' },
      { ask: 'Unit of the new person', answer: '' },
      { ask: 'Position', answer: 'Bí thư chi bộ' },
      { ask: 'Chair 2', answer: '' },
      { ask: 'Guest 1', answer: '' },
      { ask: 'Recorder', answer: 'an', pick: (c) => c.find((x) => x.name.includes('(new)')) },
      { ask: 'Committee holding the meeting', answer: 'Chi bộ Khu phố 1' },
      { ask: 'Invited unit 1', answer: '' },
      { ask: 'Document 1', answer: '' },
      { ask: 'Speech 1', answer: 'person' },
      { ask: 'Speaker', answer: 'an', pick: (c) => c.find((x) => x.name.includes('(new)')) },
      { ask: 'Kind', answer: 'phat-bieu' },
      { ask: 'Summary', answer: 'Khai mạc' },
      { ask: 'Line 2', answer: '' },
      { ask: 'Speech 2', answer: 'done' },
      { ask: 'Conclusion 1', answer: 'Giao chi ủy chuẩn bị đại hội' },
      { ask: 'Conclusion 2', answer: '' },
      { ask: 'End time' },
      { ask: 'Review', answer: 'save' },
    ]);
    const out = await run(['meeting', 'record', '--json'], { db, prompter });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    const { meetingId } = JSON.parse(out.stdout);
    const handle = openTestDb(db);
    const m = getMeeting(handle, meetingId)!;
    handle.close();
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Nguyễn Văn An']);
    expect(m.recorder?.id).toBe(m.chairs[0].id);
    expect(m.units).toEqual([]);
    expect(m.speeches.map((s) => s.speakerId)).toEqual([m.chairs[0].id]);
    expect(counts(db)).toMatchObject({ meetings: 1, people: 1, tasks: 0, drafts: 0 });
  });

  it('the empty-database day: committee, units, a document and a person added inline; the minutes carry the committee heading', async () => {
    const db = tempDbPath();
    const add = (c: { name: string; value: unknown }[]) => c.find((x) => x.name.startsWith('+ '));
    const prompter = new ScriptedPrompter([
      { ask: 'Date', answer: '17/06/2017' },
      { ask: 'Kind', answer: 'giao-ban' },
      { ask: 'Title', answer: 'Giao ban Chỉ thị 05' },
      { ask: 'Period' },
      { ask: 'Place' },
      { ask: 'Start time' },
      { ask: 'Chair 1', answer: 'Huỳnh Thanh Hải' },
      { ask: 'Full name' },
      { ask: 'Unit of the new person', answer: 'Quận ủy Quận 1', pick: add },
      { ask: 'Name of the new unit' },
      { ask: 'Kind of unit', answer: 'committee' },
      { ask: 'Position', answer: 'Bí thư Quận ủy' },
      { ask: 'Chair 2', answer: '' },
      { ask: 'Guest 1', answer: '' },
      { ask: 'Recorder', answer: '', pick: (c) => c.find((x) => 'none' in (x.value as object)) },
      { ask: 'Invited unit 1', answer: 'Phường Bến Nghé', pick: add },
      { ask: 'Name of the new unit' },
      { ask: 'Kind of unit', answer: 'ward' },
      { ask: 'Invited unit 2', answer: 'Phường Cầu Kho', pick: add },
      { ask: 'Name of the new unit' },
      { ask: 'Kind of unit', answer: 'ward' },
      { ask: 'Invited unit 3', answer: '' },
      { ask: 'Absent units', answer: [] },
      { ask: 'Document 1', answer: '05-CT/TW', pick: add },
      { ask: 'Code of the new document' },
      { ask: 'Title of the document', answer: 'Về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh' },
      { ask: 'Document 2', answer: '' },
      { ask: 'Speech 1', answer: 'unit' },
      { ask: 'Unit speaking', answer: 'cau kho' },
      { ask: 'Kind', answer: 'tham-luan' },
      { ask: 'Summary', answer: 'Báo cáo kết quả' },
      { ask: 'Line 2', answer: '' },
      { ask: 'Speech 2', answer: 'done' },
      { ask: 'Conclusion 1', answer: '' },
      { ask: 'End time' },
      { ask: 'Review', answer: 'save' },
    ]);
    const out = await run(['meeting', 'record', '--json'], { db, prompter });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    const { meetingId } = JSON.parse(out.stdout);
    const handle = openTestDb(db);
    const m = getMeeting(handle, meetingId)!;
    handle.close();
    expect(m.organizer).toMatchObject({ name: 'Quận ủy Quận 1' });
    expect(m.units.map((u) => u.name).sort()).toEqual(['Phường Bến Nghé', 'Phường Cầu Kho']);
    expect(m.documents.map((d) => d.code)).toEqual(['05-CT/TW']);
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Huỳnh Thanh Hải']);
    const units = await run(['unit', 'list', '--json'], { db });
    expect((JSON.parse(units.stdout) as { name: string; parentName: string | null }[]).filter((u) => u.name.startsWith('Phường')).map((u) => u.parentName)).toEqual(['Quận ủy Quận 1', 'Quận ủy Quận 1']);
    const minutes = await run(['meeting', 'minutes', String(meetingId), '--format', 'md'], { db });
    expect(minutes.code).toBe(0);
    expect(minutes.stdout).toContain('QUẬN ỦY QUẬN 1');
    expect(minutes.stdout).toContain('Units present (2 of 2 invited)');
  });

  it('"later" keeps the draft and exits 0; "discard" asks and removes it', async () => {
    const db = sampleDbPath();
    const { steps } = script(db);
    const body = steps.slice(0, -1);
    const later = await run(['meeting', 'record'], { db, prompter: new ScriptedPrompter([...body, { ask: 'Review', answer: 'later' }]) });
    expect(later.code).toBe(0);
    expect(counts(db).drafts).toBe(1);
    const gone = await run(['meeting', 'record', '--resume'], { db, prompter: new ScriptedPrompter([{ ask: 'Review', answer: 'discard' }, { ask: 'Discard', answer: true }]) });
    expect(gone.code).toBe(0);
    expect(counts(db)).toMatchObject({ drafts: 0 });
  });
});

describe('meeting drafts --discard', () => {
  async function withDraft() {
    const db = sampleDbPath();
    const { steps } = script(db);
    await run(['meeting', 'record'], { db, prompter: new ScriptedPrompter(steps.slice(0, 5)) });
    const handle = openTestDb(db);
    const id = listDrafts(handle)[0].id;
    handle.close();
    return { db, id };
  }

  it('without a terminal and without --yes: exit 2, the draft stays', async () => {
    const { db, id } = await withDraft();
    const out = await run(['meeting', 'drafts', '--discard', String(id)], { db, tty: false });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--yes');
    expect(counts(db).drafts).toBe(1);
  });

  it('asks first on a terminal: "no" keeps it, "yes" removes it; --yes does not ask', async () => {
    const { db, id } = await withDraft();
    const no = new ScriptedPrompter([{ ask: `Discard draft ${id}`, answer: false }]);
    expect((await run(['meeting', 'drafts', '--discard', String(id)], { db, prompter: no })).code).toBe(0);
    expect(counts(db).drafts).toBe(1);
    const yes = new ScriptedPrompter([{ ask: `Discard draft ${id}`, answer: true }]);
    expect((await run(['meeting', 'drafts', '--discard', String(id)], { db, prompter: yes })).code).toBe(0);
    expect(counts(db).drafts).toBe(0);

    const other = await withDraft();
    const out = await run(['meeting', 'drafts', '--discard', String(other.id), '--yes'], { db: other.db, tty: false });
    expect(out.code).toBe(0);
    expect(counts(other.db).drafts).toBe(0);
    expect((await run(['meeting', 'drafts', '--discard', String(other.id), '--yes'], { db: other.db, tty: false })).code).toBe(1);
  });
});
