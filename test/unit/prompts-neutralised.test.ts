/** Names stored with control characters are shown, not run, in the interactive prompts too. */
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { inquirerPrompter } from '../../src/prompts/inquirer.js';

describe('prompts on a terminal', () => {
  it('a choice holding escape sequences is drawn as text', async () => {
    const prompter = await inquirerPrompter();
    const answer = prompter.select({ message: 'Chọn', choices: [{ value: 'a', name: 'Phường \u001b[2JXóa\u001b[8m' }, { value: 'b', name: 'Phường Bến Nghé' }] });
    for (let i = 0; i < 20 && !screen.getScreen().includes('Phường Bến Nghé'); i++) await screen.next();
    const shown = screen.getScreen({ raw: true });
    expect(shown).toContain('\\x1b[2JXóa\\x1b[8m');
    expect(shown).not.toContain('\u001b[2J');
    expect(shown).not.toContain('\u001b[8m');
    screen.keypress('enter');
    expect(await answer).toBe('a');
  });
});
