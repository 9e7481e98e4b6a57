/** The real prompter (@inquirer/prompts) driving the minutes flow, through @inquirer/testing's virtual screen. */
import { screen } from '@inquirer/testing/vitest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { inquirerPrompter } from '../../src/prompts/inquirer.js';
import type { Answers } from '../../src/prompts/minutes/answers.js';
import { runMinutesFlow } from '../../src/prompts/minutes/script.js';
import { minutesLookups } from '../../src/cli/commands/record/lookups.js';
import { resolvePerson } from '../../src/store/people.js';
import { resolveUnit } from '../../src/store/units.js';
import { openSample } from '../helpers.js';

const t = translator('en');

/** Waits (bounded, by renders) until the active prompt shows the text. */
async function until(text: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const s = screen.getScreen();
    if (s.includes(text)) return s;
    await screen.next();
  }
  throw new Error(`the screen never showed "${text}":\n${screen.getScreen()}`);
}

async function enter(question: string, text?: string) {
  await until(question);
  if (text) screen.type(text);
  screen.keypress('enter');
}

describe('minutes flow on @inquirer/prompts', () => {
  // The virtual screen is a capable terminal whatever runs the suite: under TERM=dumb Node's
  // line editor ignores Backspace, which the correction below types.
  beforeAll(() => void vi.stubEnv('TERM', 'xterm-256color'));

  it('asks with the real prompts: search without accents, preselected wards, checkbox, validation', async () => {
    const db = openSample();
    const said: string[] = [];
    const prompter = { ...(await inquirerPrompter({ t })), say: (s: string) => void said.push(s) };
    let saved: Answers = {};
    const outcome = runMinutesFlow({ lookups: minutesLookups(db), prompter, t, lang: 'en', today: '2017-09-20', persist: (a) => void (saved = { ...a }) }, {});

    await enter('Date of the meeting (20/09/2017)');
    await enter('Kind of meeting');
    await enter('Title', 'Giao ban thử');
    await enter('Period (Q3 2017)');
    await enter('Place');
    // A bad time is refused with the message, and can be corrected.
    await until('Start time');
    screen.type('25:00');
    screen.keypress('enter');
    await until('"25:00" is not a time');
    for (let i = 0; i < 5; i++) screen.keypress('backspace');
    screen.type('8h30');
    screen.keypress('enter');

    await until('Chair 1');
    screen.type('hai');
    await until('Huỳnh Thanh Hải — Thành ủy viên');
    expect(screen.getScreen()).toContain('+ Add a new person: hai');
    screen.keypress('enter');
    await enter('Chair 2');
    await enter('Guest 1');
    await enter('Recorder');
    const units = await until('Invited units');
    expect(units).toContain('◉ Phường Bến Nghé');
    screen.keypress('enter');
    await enter('Absent units');
    await enter('Document 1');

    await until('Speech 1');
    screen.keypress('down');
    screen.keypress('enter');
    await until('Unit speaking');
    screen.type('cau kho');
    await until('❯ Phường Cầu Kho');
    screen.keypress('enter');
    await enter('Kind');
    await enter('Summary', 'Báo cáo tiến độ');
    await enter('Line 2');
    await until('Speech 2');
    screen.keypress('down');
    screen.keypress('enter');

    await enter('Conclusion 1', 'Hoàn thành trong tháng');
    await until('Assign to units');
    screen.keypress('space');
    screen.keypress('enter');
    await enter('Time limit', '31/10/2017');
    await enter('Conclusion 2');
    await enter('End time');
    await until('Save the meeting');
    screen.keypress('enter');

    const result = await outcome;
    expect(result.action).toBe('save');
    if (result.action !== 'save') return;
    const hai = resolvePerson(db, 'huynh thanh hai').id;
    expect(result.minutes).toMatchObject({ heldOn: '2017-09-20', title: 'Giao ban thử', period: '2017-Q3', startTime: '08:30', chairs: [hai] });
    expect(result.minutes.units).toHaveLength(10);
    expect(result.minutes.speeches).toEqual([{ speaker: null, unitId: resolveUnit(db, 'CK').id, kind: 'tham-luan', summary: 'Báo cáo tiến độ' }]);
    expect(result.minutes.conclusions).toEqual([{ text: 'Hoàn thành trong tháng', unitIds: [resolveUnit(db, 'BN').id], dueOn: '2017-10-31' }]);
    expect(saved['conclusion.0.due']).toBe('2017-10-31');
    expect(said.join('\n')).toContain('Speeches (1)');
  });
});
