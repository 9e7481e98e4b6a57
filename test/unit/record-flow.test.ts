import { describe, expect, it } from 'vitest';
import { render } from '@inquirer/testing';
import search from '@inquirer/search';
import { translator } from '../../src/i18n/index.js';
import { collectMinutes, parseDue, wardsToInvite, type Answers, type Pick } from '../../src/prompts/minutes/answers.js';
import { matchScore, personChoices, similarMeetings, unitChoices } from '../../src/prompts/minutes/choices.js';
import { runMinutesFlow } from '../../src/prompts/minutes/script.js';
import { minutesLookups } from '../../src/cli/commands/record/lookups.js';
import { listUnits, resolveUnit } from '../../src/store/units.js';
import { resolvePerson } from '../../src/store/people.js';
import { openSample } from '../helpers.js';
import { BACK, fullScript, ids, named, ScriptedPrompter, type Step } from './record-fake-prompter.js';

const t = translator('en');

const listMeetingsTitle = (db: ReturnType<typeof openSample>) => (db.prepare('SELECT title FROM meeting WHERE id = 1').get() as { title: string }).title;
const TODAY = '2017-09-20';

function session(db: ReturnType<typeof openSample>, prompter: ScriptedPrompter) {
  const saved: Answers[] = [];
  const deps = { lookups: minutesLookups(db), prompter, t, lang: 'en' as const, today: TODAY, persist: (a: Answers) => void saved.push(JSON.parse(JSON.stringify(a))) };
  return { deps, saved };
}

describe('minutes session flow', () => {
  it('walks a whole meeting and collects it, saving the draft after every answer', async () => {
    const db = openSample();
    const u = ids(db);
    const script = fullScript(db);
    // A summary typed on several lines is one answer.
    const questions = script.filter((s) => s.ask !== 'Line 2').length;
    const prompter = new ScriptedPrompter(script);
    const { deps, saved } = session(db, prompter);
    const outcome = await runMinutesFlow(deps, {});
    expect(prompter.remaining).toBe(0);
    expect(outcome.action).toBe('save');
    if (outcome.action !== 'save') return;
    const m = outcome.minutes;
    expect(m).toMatchObject({ heldOn: '2017-09-20', kind: 'giao-ban', title: 'Giao ban quý III năm 2017', period: '2017-Q3', startTime: '08:00', endTime: '11:30' });
    expect(m.chairs).toEqual([u.hai, u.nga]);
    expect(m.guests).toEqual([]);
    expect(m.recorder).toBeNull();
    expect(m.units).toHaveLength(10);
    expect(m.absent).toEqual([{ unitId: u.CG, reason: 'Trùng lịch tiếp công dân' }]);
    expect(m.documents).toHaveLength(1);
    expect(m.speeches.map((s) => [s.speaker, s.unitId, s.kind])).toEqual([
      [null, u.CK, 'tham-luan'],
      [u.nga, null, 'chi-dao'],
      [null, u.BN, 'tham-luan'],
    ]);
    expect(m.speeches[1].summary).toBe('Dòng một.\nDòng hai.');
    expect(m.conclusions).toEqual([{ text: 'Mỗi phường xây dựng khâu đột phá cụ thể', unitIds: [u.BN, u.CK], dueOn: '2017-10-20' }]);
    // One save per answer given (the review choice is not an answer to keep), and one for the
    // organizing committee, kept without asking.
    expect(saved).toHaveLength(questions - 1 + 1);
    expect(prompter.said.join('\n')).toContain('Conclusions (1)');
  });

  it('after Ctrl-C, resumes at the first unanswered question, inside the speech loop', async () => {
    const db = openSample();
    const script = fullScript(db);
    const cut = script.findIndex((s, i) => s.ask === 'Summary' && script[i - 1].answer === 'chi-dao');
    const first = new ScriptedPrompter(script.slice(0, cut));
    const { deps, saved } = session(db, first);
    await expect(runMinutesFlow(deps, {})).rejects.toMatchObject({ name: 'ExitPromptError' });
    const draft = saved[saved.length - 1];
    expect(draft['speech.1.kind']).toBe('chi-dao');
    expect(draft['speech.1.summary']).toBeUndefined();

    const second = new ScriptedPrompter(script.slice(cut));
    const resumed = session(db, second);
    const outcome = await runMinutesFlow(resumed.deps, draft);
    expect(second.asked[0]).toContain('Summary');
    expect(second.asked).not.toContain(expect.stringContaining('Date of the meeting'));
    expect(outcome.action).toBe('save');
    if (outcome.action === 'save') expect(outcome.minutes.speeches).toHaveLength(3);
  });

  it('adds a new person inline and offers them again later in the session', async () => {
    const db = openSample();
    const script = fullScript(db);
    const i = script.findIndex((s) => s.ask === 'Recorder');
    script.splice(i, 1, { ask: 'Recorder', answer: 'Lê Văn Ghi' }, { ask: 'Full name' }, { ask: 'Unit of the new person', answer: 'ben nghe' }, { ask: 'Position', answer: 'Chuyên viên' });
    const j = script.findIndex((s) => s.ask === 'Speaker');
    script[j] = { ask: 'Speaker', answer: 'le van ghi', pick: named('(new)') };
    const prompter = new ScriptedPrompter(script);
    const outcome = await runMinutesFlow(session(db, prompter).deps, {});
    expect(outcome.action).toBe('save');
    if (outcome.action !== 'save') return;
    expect(outcome.minutes.newPeople).toEqual([{ ref: 'recorder', fullName: 'Lê Văn Ghi', unitId: ids(db).BN, positions: ['Chuyên viên'] }]);
    expect(outcome.minutes.recorder).toBe('recorder');
    expect(outcome.minutes.speeches[1]).toMatchObject({ speaker: 'recorder', unitId: ids(db).BN });
  });

  it('falls back to a one-line summary when no editor can be started', async () => {
    const db = openSample();
    const script = fullScript(db);
    const i = script.findIndex((s) => s.answer === 'Dòng một.\nDòng hai.\n');
    script.splice(i, 1, { ask: 'Summary', answer: new Error('spawn vim ENOENT') }, { ask: 'Summary', answer: 'Ý kiến chỉ đạo' }, { ask: 'Line 2', answer: '' });
    const prompter = new ScriptedPrompter(script);
    const outcome = await runMinutesFlow(session(db, prompter).deps, {});
    expect(prompter.said.join('\n')).toContain('spawn vim ENOENT');
    if (outcome.action !== 'save') throw new Error(outcome.action);
    expect(outcome.minutes.speeches[1].summary).toBe('Ý kiến chỉ đạo');
  });

  it('on resume, first shows what the draft already holds', async () => {
    const db = openSample();
    const script = fullScript(db);
    const cut = script.findIndex((s) => s.ask === 'Speech 3');
    const first = session(db, new ScriptedPrompter(script.slice(0, cut)));
    await expect(runMinutesFlow(first.deps, {})).rejects.toMatchObject({ name: 'ExitPromptError' });
    const prompter = new ScriptedPrompter(script.slice(cut));
    await runMinutesFlow({ ...session(db, prompter).deps, resumed: true }, first.saved[first.saved.length - 1]);
    expect(prompter.said[0]).toContain('Speeches (2)');
    expect(prompter.said[0]).toContain('Giao ban quý III năm 2017');
  });

  it('reopens the speech loop from the review and keeps everything after it', async () => {
    const db = openSample();
    const script = fullScript(db);
    script.splice(
      script.length - 1,
      1,
      { ask: 'Review', answer: 'moreSpeeches' },
      { ask: 'Speech 4', answer: 'unit' },
      { ask: 'Unit speaking', answer: 'tan dinh' },
      { ask: 'Kind', answer: 'phat-bieu' },
      { ask: 'Summary', answer: 'Bổ sung' },
      { ask: 'Line 2', answer: '' },
      { ask: 'Speech 5', answer: 'done' },
      { ask: 'Review', answer: 'save' },
    );
    const prompter = new ScriptedPrompter(script);
    const outcome = await runMinutesFlow(session(db, prompter).deps, {});
    expect(prompter.remaining).toBe(0);
    if (outcome.action !== 'save') throw new Error(outcome.action);
    expect(outcome.minutes.speeches).toHaveLength(4);
    expect(outcome.minutes.conclusions).toHaveLength(1);
  });

  it('keeps the draft ("later") or discards it only after a confirmation', async () => {
    const db = openSample();
    const base = fullScript(db).slice(0, -1);
    expect((await runMinutesFlow(session(db, new ScriptedPrompter([...base, { ask: 'Review', answer: 'later' }])).deps, {})).action).toBe('later');
    const p = new ScriptedPrompter([...base, { ask: 'Review', answer: 'discard' }, { ask: 'Discard', answer: false }, { ask: 'Review', answer: 'discard' }, { ask: 'Discard', answer: true }]);
    expect((await runMinutesFlow(session(db, p).deps, {})).action).toBe('discard');
    expect(p.remaining).toBe(0);
  });

  it('goes back one question with Esc, the earlier answer offered, across sections and inside a new person', async () => {
    const db = openSample();
    const u = ids(db);
    const script = fullScript(db);
    // Back from "Kind" of speech 1 to its unit, then on; back from "Speech 1" to the last document question.
    const k = script.findIndex((s) => s.ask === 'Kind' && script[script.indexOf(s) - 1].ask === 'Unit speaking');
    script.splice(k, 0, { ask: 'Kind', answer: BACK }, { ask: 'Unit speaking', answer: 'cau kho' });
    const sp = script.findIndex((s) => s.ask === 'Speech 1');
    script.splice(sp, 0, { ask: 'Speech 1', answer: BACK }, { ask: 'Document 2', answer: '' });
    // Back from the first question of the header goes nowhere: it is asked again.
    script.splice(1, 0, { ask: 'Kind of meeting', answer: BACK }, { ask: 'Date of the meeting' });
    const prompter = new ScriptedPrompter(script);
    const { deps, saved } = session(db, prompter);
    const outcome = await runMinutesFlow(deps, {});
    expect(prompter.remaining).toBe(0);
    if (outcome.action !== 'save') throw new Error(outcome.action);
    expect(outcome.minutes.speeches.map((s) => s.unitId)).toEqual([u.CK, null, u.BN]);
    expect(outcome.minutes.heldOn).toBe('2017-09-20');
    // The questions gone back to offered their earlier answers.
    const offered = (ask: string) => prompter.offered.filter((o) => o.message.includes(ask)).map((o) => o.value);
    expect(offered('Date of the meeting')).toEqual([undefined, '20/09/2017']);
    expect(offered('Unit speaking')[1]).toEqual({ id: u.CK });
    expect(offered('Document 2')[1]).toEqual({ done: true });
    // The draft never holds the answer gone back from.
    expect(saved.some((a) => a['speech.0.unit'] === undefined && a['speech.0.mode'] === 'unit' && 'speech.0.kind' in a)).toBe(false);
  });

  it('going back inside a new person goes to its previous part, its answer offered', async () => {
    const db = openSample();
    const script = fullScript(db);
    const i = script.findIndex((s) => s.ask === 'Recorder');
    script.splice(i, 1, { ask: 'Recorder', answer: 'Lê Văn Ghi' }, { ask: 'Full name' }, { ask: 'Unit of the new person', answer: BACK }, { ask: 'Full name' }, { ask: 'Unit of the new person', answer: 'ben nghe' }, { ask: 'Position', answer: 'Chuyên viên' });
    const prompter = new ScriptedPrompter(script);
    const outcome = await runMinutesFlow(session(db, prompter).deps, {});
    expect(prompter.remaining).toBe(0);
    if (outcome.action !== 'save') throw new Error(outcome.action);
    expect(outcome.minutes.newPeople).toMatchObject([{ fullName: 'Lê Văn Ghi', positions: ['Chuyên viên'] }]);
    expect(prompter.offered.filter((o) => o.message.includes('Full name')).map((o) => o.value)).toEqual([undefined, 'Lê Văn Ghi']);
  });

  it('the review edits a speech (asked again, earlier answers offered) and deletes another; later ones move up', async () => {
    const db = openSample();
    const u = ids(db);
    const script = fullScript(db);
    script.splice(
      script.length - 1,
      1,
      { ask: 'Review', answer: 'edit' },
      { ask: 'Which part', answer: 'speech.1' },
      { ask: 'What to do', answer: 'delete' },
      { ask: 'Review', answer: 'edit' },
      { ask: 'Which part', answer: 'speech.0' },
      { ask: 'What to do', answer: 'edit' },
      { ask: 'Speech 1' },
      { ask: 'Unit speaking', answer: 'tan dinh' },
      { ask: 'Kind' },
      { ask: 'Summary' },
      { ask: 'Line 2', answer: '' },
      { ask: 'Review', answer: 'edit' },
      { ask: 'Which part', answer: 'header' },
      { ask: 'Date of the meeting' },
      { ask: 'Kind of meeting' },
      { ask: 'Title', answer: 'Giao ban quý III (sửa)' },
      { ask: 'Period' },
      { ask: 'Place' },
      { ask: 'Start time' },
      { ask: 'Review', answer: 'save' },
    );
    const prompter = new ScriptedPrompter(script);
    const outcome = await runMinutesFlow(session(db, prompter).deps, {});
    expect(prompter.remaining).toBe(0);
    if (outcome.action !== 'save') throw new Error(outcome.action);
    const td = resolveUnit(db, 'TD', { at: TODAY }).id;
    expect(outcome.minutes.speeches.map((s) => [s.unitId, s.kind, s.summary])).toEqual([
      [td, 'tham-luan', 'Kết quả một năm thực hiện Chỉ thị 05'],
      [u.BN, 'tham-luan', 'Mô hình dân vận khéo'],
    ]);
    expect(outcome.minutes).toMatchObject({ title: 'Giao ban quý III (sửa)', heldOn: '2017-09-20', startTime: '08:00', location: 'Hội trường Quận ủy' });
    // The edited questions offered what they held.
    expect(prompter.offered.filter((o) => o.message.includes('Speech 1') && !o.message.includes('Summary')).map((o) => o.value)).toContainEqual('unit');
    expect(prompter.offered.filter((o) => o.message.includes('Place')).map((o) => o.value)).toEqual([undefined, 'Hội trường Quận ủy']);
  });

  it('warns before saving when a meeting of the same day and kind with a similar title exists', async () => {
    const db = openSample();
    const script = fullScript(db);
    script[0] = { ask: 'Date of the meeting', answer: '17/06/2017' };
    script[1] = { ask: 'Kind of meeting', answer: 'giao-ban-chuyen-de' };
    script[2] = { ask: 'Title', answer: 'giai phap tang cuong thuc hien chi thi so 05-ct/tw' };
    const prompter = new ScriptedPrompter(script);
    await runMinutesFlow(session(db, prompter).deps, {});
    const existing = listMeetingsTitle(db);
    expect(similarMeetings(minutesLookups(db), { heldOn: '2017-06-17', kind: 'giao-ban-chuyen-de', title: existing })).toHaveLength(1);
    expect(prompter.said.join('\n')).toMatch(/Meeting 1 on the same day, of the same kind, already exists/);
    expect(similarMeetings(minutesLookups(db), { heldOn: '2017-06-18', kind: 'giao-ban-chuyen-de', title: existing })).toEqual([]);
  });

  it('refuses bad answers with a message naming what is accepted', async () => {
    const db = openSample();
    const bad = async (steps: Step[]) => runMinutesFlow(session(db, new ScriptedPrompter(steps)).deps, {});
    await expect(bad([{ ask: 'Date', answer: '31/02/2017' }])).rejects.toThrow(/"31\/02\/2017" is not on the calendar/);
    await expect(bad([{ ask: 'Date', answer: '31-2017' }])).rejects.toThrow(/is not a date/);
    const toDue = fullScript(db).findIndex((s) => s.ask === 'Time limit');
    await expect(bad([...fullScript(db).slice(0, toDue), { ask: 'Time limit', answer: '01/09/2017' }])).rejects.toThrow(/time limit 01\/09\/2017 is before the meeting day 20\/09\/2017/);
    await expect(bad([...fullScript(db).slice(0, toDue), { ask: 'Time limit', answer: '30/02/2018' }])).rejects.toThrow(/"30\/02\/2018" is not on the calendar/);
    await expect(bad([{ ask: 'Date', answer: '20/09/2017' }, { ask: 'Kind' }, { ask: 'Title', answer: '   ' }])).rejects.toThrow(/may not be empty/);
    const start = fullScript(db).slice(0, 5);
    await expect(bad([...start, { ask: 'Start time', answer: '25:00' }])).rejects.toThrow(/is not a time/);
  });
});

describe('search over people and units', () => {
  it('finds people without accents, by any order of words, and always offers to add one', () => {
    const db = openSample();
    const names = (term: string) => personChoices(minutesLookups(db), t, {}, term).map((c) => c.name);
    expect(names('hai')[0]).toMatch(/^Huỳnh Thanh Hải/);
    expect(names('HAI huynh')[0]).toMatch(/^Huỳnh Thanh Hải/);
    expect(names('đinh thi')[0]).toMatch(/^Đinh Thị Thảo Trang/);
    expect(names('dinh')[0]).toMatch(/^Đinh Thị Thảo Trang/);
    expect(names('zzz')).toEqual(['+ Add a new person: zzz']);
    // Whole words before letters inside a word: the Hải namesakes come before anyone named Thái.
    expect(matchScore('Nguyễn Văn Thái', 'hai')).toBeLessThan(matchScore('Huỳnh Thanh Hải', 'hai'));
    const withDone = personChoices(minutesLookups(db), t, {}, '', { done: true });
    expect(withDone[0].value).toEqual({ done: true });
    expect(personChoices(minutesLookups(db), t, {}, 'hai', { exclude: [resolvePerson(db, 'huynh thanh hai').id] }).map((c) => c.name)).not.toContainEqual(expect.stringMatching(/Huỳnh/));
  });

  it('finds units by name or code, invited ones first', () => {
    const db = openSample();
    const units = listUnits(db, { at: TODAY });
    expect(unitChoices(units, 'cau ong lanh').map((c) => c.name)).toEqual(['Phường Cầu Ông Lãnh [COL]']);
    expect(unitChoices(units, 'ck')[0].name).toBe('Phường Cầu Kho [CK]');
    const td = resolveUnit(db, 'TD', { at: TODAY }).id;
    expect((unitChoices(units, 'phuong', [td])[0].value as { id: number }).id).toBe(td);
  });

  it('the real search prompt (@inquirer/testing): typing "hai" shows Huỳnh Thanh Hải and Enter picks him', async () => {
    const db = openSample();
    const hai = resolvePerson(db, 'huynh thanh hai').id;
    const { answer, events, getScreen, nextRender } = await render(search<Pick>, {
      message: t('record.q.chair', { n: 1 }),
      source: (term?: string) => personChoices(minutesLookups(db), t, {}, term ?? ''),
    });
    await nextRender();
    expect(getScreen()).toContain('Hồ Thị Vinh');
    events.type('hai');
    await nextRender();
    const screen = getScreen();
    expect(screen).toContain('Huỳnh Thanh Hải');
    expect(screen).not.toContain('Hồ Thị Vinh');
    expect(screen).toContain('+ Add a new person: hai');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ id: hai });
  });

  it('the real search prompt: an unknown name leads to "add a new person"', async () => {
    const db = openSample();
    const { answer, events, getScreen, nextRender } = await render(search<Pick>, {
      message: t('record.q.speaker'),
      source: (term?: string) => personChoices(minutesLookups(db), t, {}, term ?? ''),
    });
    events.type('Trần Văn Mới');
    await nextRender();
    expect(getScreen()).toContain('+ Add a new person: Trần Văn Mới');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ new: 'Trần Văn Mới' });
  });
});

describe('wards preselected for invitation', () => {
  it('are the wards of the day under the committee of the first chair, else every ward of the day', () => {
    const db = openSample();
    const names = (ids: number[]) => ids.map((id) => listUnits(db).find((u) => u.id === id)!.code).sort();
    const q1 = resolveUnit(db, 'Q1').id;
    expect(names(wardsToInvite(listUnits(db, { at: '2017-06-17' }), q1))).toEqual(['BN', 'BT', 'CG', 'CK', 'COL', 'DK', 'NCT', 'NTB', 'PNL', 'TD']);
    expect(names(wardsToInvite(listUnits(db, { at: '2025-09-01' }), null))).toEqual(['BT-2025', 'COL-2025', 'SG', 'TD-2025']);
  });
});

describe('collecting and time limits', () => {
  it('leaves unfinished loop items out', () => {
    const m = collectMinutes({ heldOn: '2017-06-17', 'speech.0.mode': 'unit', 'speech.0.unit': { id: 5 }, 'speech.0.kind': 'tham-luan' }, TODAY);
    expect(m.speeches).toEqual([]);
    expect(m.period).toBe('2017-Q2');
  });

  it('reads a time limit as a date or a duration from the meeting day, never before it', () => {
    expect(parseDue('', '2017-06-17')).toBeNull();
    expect(parseDue('30d', '2017-06-17')).toBe('2017-07-17');
    expect(parseDue('+3m', '2017-06-17')).toBe('2017-09-17');
    expect(parseDue('6 tháng', '2017-06-17')).toBe('2017-12-17');
    expect(parseDue('31/12/2017', '2017-06-17')).toBe('2017-12-31');
    expect(() => parseDue('01/01/2017', '2017-06-17')).toThrow();
    expect(() => parseDue('31/02/2017', '2017-06-17')).toThrow();
  });
});
