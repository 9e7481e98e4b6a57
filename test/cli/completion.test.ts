// The hidden `__complete` command: candidates for partial command lines, on the sample database and
// with no database at all. Words are given as a shell gives them (quotes included for bash).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { quoteForBash, unquote } from '../../src/cli/completion.js';
import { sampleDbPath, tempDir } from '../helpers.js';

let db: string;
beforeAll(() => {
  db = sampleDbPath();
});

async function complete(shell: 'bash' | 'zsh' | 'fish', words: string[], env: Record<string, string> = {}) {
  const ctx = memoryContext({ env: { THUKY_DB: db, THUKY_TODAY: '2017-06-17', ...env } });
  const code = await runCli(['__complete', shell, '--', ...words], ctx);
  const lines = ctx.out().split('\n').filter((l) => l !== '');
  return { code, out: ctx.out(), err: ctx.err(), head: lines[0], values: lines.slice(1).map((l) => l.split('\t')[0]), lines: lines.slice(1) };
}

describe('candidates for partial command lines (bash, on the sample)', () => {
  const table: [string, string[], string[]][] = [
    ['a top-level command', ['ta'], ['task']],
    ['sub-commands', ['task', ''], ['add', 'cancel', 'done', 'edit', 'extend', 'help', 'list', 'progress', 'remove', 'reopen', 'show']],
    ['commands after help', ['help', 'me'], ['meeting']],
    ['sub-commands after help', ['help', 'meeting', 'sh'], ['show']],
    ['help itself', ['he'], ['help']],
    ['sub-commands by prefix', ['meeting', 'mi'], ['minutes']],
    ['options of a sub-command', ['task', 'list', '--st'], ['--status']],
    ['a global option after a sub-command', ['unit', 'list', '--no-'], ['--no-color', '--no-pager']],
    ['enum choices of --status', ['task', 'list', '--status', 'done'], ['done_on_time', 'done_late', 'done_no_deadline', 'done']],
    ['enum choices of a variadic option, second value', ['task', 'list', '--status', 'overdue', 'due'], ['due_soon']],
    ['enum choices of --kind', ['unit', 'list', '--kind', ''], ['ward', 'commune', 'special-zone', 'agency', 'committee', 'cell']],
    ['enum choices of --format (what the command produces)', ['overdue', '--format', 't'], ['table', 'text', 'tsv']],
    ['the shells of completion', ['completion', ''], ['bash', 'zsh', 'fish']],
    // On 17/06/2017 the old wards existed; Phường Bến Thành (old and new) is offered once.
    ['accent-free unit prefix → accented names, quoted', ['task', 'add', 'x', '--unit', 'ben'], ['"Phường Bến Nghé"', '"Phường Bến Thành"']],
    ['a unit by the whole folded name', ['task', 'add', 'x', '--unit', '"phuong cau o'], ['"Phường Cầu Ông Lãnh"']],
    ['a unit after a single quote', ['task', 'add', 'x', '--unit', "'tan d"], ["'Phường Tân Định'"]],
    ['a unit typed with accents', ['task', 'add', 'x', '--unit', 'Đa'], ['"Phường Đa Kao"']],
    ['đ typed as d', ['unit', 'show', 'da k'], ['"Phường Đa Kao"']],
    ['--unit=value (bash splits at the sign)', ['task', 'list', '--unit', '=', 'cau k'], ['"Phường Cầu Kho"']],
    ['a person for --chair', ['meeting', 'add', '--chair', 'huynh thanh h'], ['"Huỳnh Thanh Hải"', '"Huỳnh Thanh Hiển"', '"Huỳnh Thanh Hùng"']],
    ['a person as an argument', ['person', 'show', 'hoang thi to'], ['"Hoàng Thị Tố Nga"']],
    ['a document for --doc', ['task', 'add', 'x', '--doc', '05'], ['05-CT/TW']],
    ['a meeting id', ['meeting', 'show', ''], ['3', '2', '1']],
    ['task ids starting with the digits typed', ['task', 'done', '8'], ['8', '80', '81', '82', '83']],
    ['nothing for a free-text option', ['task', 'add', 'x', '--note', ''], []],
  ];
  it.each(table)('%s', async (_name, words, expected) => {
    const r = await complete('bash', words);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.head).toBe('values');
    expect(r.values).toEqual(expected);
  });

  it('offers first the units that existed on the date of the command line', async () => {
    const before = await complete('bash', ['unit', 'show', '--at', '17/06/2017', 'sai g']);
    const after = await complete('bash', ['task', 'add', 'x', '--start', '01/08/2025', '--unit', 'phuong']);
    expect(before.values).toEqual(['"Phường Sài Gòn"']);
    // After 01/07/2025 the four new wards come first, then the old ones whose names they do not reuse.
    expect(after.values.slice(0, 4)).toEqual(['"Phường Bến Thành"', '"Phường Cầu Ông Lãnh"', '"Phường Sài Gòn"', '"Phường Tân Định"']);
    expect(after.values.slice(4)).toEqual(['"Phường Bến Nghé"', '"Phường Cầu Kho"', '"Phường Cô Giang"', '"Phường Đa Kao"', '"Phường Nguyễn Cư Trinh"', '"Phường Nguyễn Thái Bình"', '"Phường Phạm Ngũ Lão"']);
  });

  it('asks for file names for --db and import files', async () => {
    expect((await complete('bash', ['--db', 'x'])).head).toBe('files');
    expect((await complete('bash', ['plan', 'import', ''])).head).toBe('files');
  });
});

describe('descriptions for zsh and fish, in the user language', () => {
  it('gives sub-commands and options their descriptions in Vietnamese by default, English with --lang en', async () => {
    const vi = await complete('zsh', ['task', 'a']);
    expect(vi.lines).toEqual([expect.stringMatching(/^add\tgiao nhiệm vụ cho một hay nhiều đơn vị/)]);
    const en = await complete('zsh', ['--lang', 'en', 'task', 'a']);
    expect(en.lines).toEqual([expect.stringMatching(/^add\tassign/)]);
  });

  it('describes units by kind and validity, meetings by date and title, tasks by title and unit', async () => {
    const units = await complete('zsh', ['task', 'add', 'x', '--unit', 'ben n']);
    expect(units.lines).toEqual(['Phường Bến Nghé\tphường, … – 30/06/2025']);
    const meetings = await complete('fish', ['meeting', 'show', '1']);
    expect(meetings.lines).toEqual([expect.stringMatching(/^1\t17\/06\/2017 Giải pháp tăng cường thực hiện Chỉ thị số 05-CT\/TW.*…$/)]);
    const tasks = await complete('zsh', ['task', 'show', '13']);
    expect(tasks.lines[0]).toMatch(/^13\tPhường Cầu Kho: Báo cáo việc gắn thực hiện Chỉ thị 05-CT\/TW/);
  });

  it('tells fish what to put in place of an accent-free word (fish keeps only candidates that begin with it)', async () => {
    const r = await complete('fish', ['task', 'add', 'x', '--unit', 'ben']);
    expect(r.head).toBe('values\tPhường Bến ');
    expect(r.values).toEqual(['Phường Bến Nghé', 'Phường Bến Thành']);
    const typedRight = await complete('fish', ['task', 'add', 'x', '--unit', 'Phường Bến N']);
    expect(typedRight.head).toBe('values');
  });
});

describe('no database, a broken one, bad requests', () => {
  it('still completes commands and options without a database, and offers no names', async () => {
    const missing = join(tempDir(), 'missing.db');
    const env = { THUKY_DB: missing };
    expect((await complete('bash', ['task', 'li'], env)).values).toEqual(['list']);
    expect((await complete('bash', ['unit', 'list', '--kind', 'c'], env)).values).toEqual(['commune', 'committee', 'cell']);
    const units = await complete('bash', ['task', 'add', 'x', '--unit', 'ben'], env);
    expect(units.values).toEqual([]);
    expect(units.err).toBe('');
    // Completion creates nothing.
    expect(existsSync(missing)).toBe(false);
  });

  it('prints no names and no error from a file that is not a database, and leaves it as it was', async () => {
    const broken = join(tempDir(), 'broken.db');
    writeFileSync(broken, 'not a database at all');
    const r = await complete('bash', ['task', 'add', 'x', '--unit', 'ben'], { THUKY_DB: broken });
    expect(r.values).toEqual([]);
    expect(r.err).toBe('');
    expect(readFileSync(broken, 'utf8')).toBe('not a database at all');
  });

  it('prints nothing at all for an unknown shell or a request without --', async () => {
    for (const args of [['__complete', 'tcsh', '--', 'task'], ['__complete', 'bash', 'task']]) {
      const ctx = memoryContext({ env: { THUKY_DB: db } });
      expect(await runCli(args, ctx)).toBe(0);
      expect(ctx.out()).toBe('');
      expect(ctx.err()).toBe('');
    }
  });
});

describe('shell words', () => {
  it.each([
    ['ben', 'ben', null],
    ['"Phường Bến ', 'Phường Bến ', '"'],
    ["'tan", 'tan', "'"],
    ['Phường\\ Bến', 'Phường Bến', null],
    ['"a \\"b\\""', 'a "b"', null],
  ] as const)('unquote(%s)', (raw, value, openQuote) => {
    expect(unquote(raw)).toEqual({ value, openQuote });
  });

  it('quotes for bash the way the word was begun', () => {
    expect(quoteForBash('05-CT/TW', null)).toBe('05-CT/TW');
    expect(quoteForBash('Phường Bến Nghé', null)).toBe('"Phường Bến Nghé"');
    expect(quoteForBash('Phường Bến Nghé', "'")).toBe("'Phường Bến Nghé'");
    expect(quoteForBash("Nhà O'Neil", "'")).toBe("'Nhà O'\\''Neil'");
    expect(quoteForBash('Giá $5 "x"', null)).toBe('"Giá \\$5 \\"x\\""');
  });
});
