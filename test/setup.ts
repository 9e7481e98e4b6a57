// No test may touch a real home folder: every process gets a database path of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'thuky-test-'));
process.env.THUKY_DB = join(dir, 'default.db');
process.env.XDG_DATA_HOME = join(dir, 'xdg');
delete process.env.THUKY_TODAY;
delete process.env.THUKY_LANG;
process.env.NO_COLOR = '';
// A terminal run loads the display-width tools before its command (cli/program.ts); tests that call
// the session's code directly get them here.
await (await import('../src/render/fit.js')).preloadTerminalText();
