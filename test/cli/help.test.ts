import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { buildProgram, collectCommands } from '../../src/cli/program.js';
import { run } from '../helpers.js';

describe('help is documentation', () => {
  for (const lang of ['vi', 'en'] as const) {
    const program = buildProgram(memoryContext(), lang, { exitCode: 0 });
    const commands = collectCommands(program);

    it(`knows the core commands (${lang})`, () => {
      const names = commands.map((c) => c.name);
      for (const name of ['init', 'db info', 'db migrate', 'log', 'unit add', 'unit list', 'unit show', 'unit edit', 'person add', 'person list', 'doc show'])
        expect(names).toContain(name);
    });

    it.each(commands.map((c) => [c.name, c] as const))(`%s has a description and an example (${lang})`, (_name, c) => {
      expect(c.description.length).toBeGreaterThan(3);
      expect(c.description).not.toMatch(/^cmd\./);
      expect(c.examples.length).toBeGreaterThan(0);
      for (const e of c.examples) expect(e.startsWith('thuky ')).toBe(true);
    });
  }

  it('prints the example in --help', async () => {
    const r = await run(['unit', 'show', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ví dụ:');
    expect(r.stdout).toContain('$ thuky unit show "ben nghe"');
  });

  it('every option of every command has a translated description', () => {
    const program = buildProgram(memoryContext(), 'vi', { exitCode: 0 });
    const missing: string[] = [];
    const walk = (cmd: typeof program, prefix: string) => {
      for (const o of cmd.options) if (!o.description || /^(cmd|opt|cli)\.[\w.]+$/.test(o.description)) missing.push(`${prefix} ${o.flags}`);
      for (const sub of cmd.commands) walk(sub, `${prefix} ${sub.name()}`.trim());
    };
    walk(program, '');
    expect(missing).toEqual([]);
  });
});

describe('only the named command is declared in full', async () => {
  const { targetCommand } = await import('../../src/cli/program.js');

  it.each([
    [['task', 'add', 'x'], 'task'],
    [['--db', 'x.db', 'report', 'tasks'], 'report'],
    [['--lang', 'en', '--json', 'unit', 'list'], 'unit'],
    [['help', 'meeting'], 'meeting'],
    [['--help'], null],
    [[], null],
  ] as const)('%j names %s', (argv, expected) => {
    expect(targetCommand([...argv])).toBe(expected);
  });

  it('a run declares the sub-commands of its command and not of the others', () => {
    const program = buildProgram(memoryContext(), 'vi', { exitCode: 0 }, ['task', 'list']);
    const names = collectCommands(program).map((c) => c.name);
    expect(names).toContain('task list');
    expect(names).toContain('meeting');
    expect(names).not.toContain('meeting show');
    const all = collectCommands(buildProgram(memoryContext(), 'vi', { exitCode: 0 })).map((c) => c.name);
    expect(all).toContain('meeting show');
  });

  it('help for a sub-command still works through `help`', async () => {
    const r = await run(['help', 'task']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('add [tùy chọn] <title>');
  });

  it("commander's parse errors are told in the user's language, naming the option or command", async () => {
    const cases: [string[], string][] = [
      [['unit', 'list', '--bogus'], 'thuky: tùy chọn không hợp lệ: --bogus\n'],
      [['unit', 'lst'], 'thuky: lệnh không tồn tại: lst\n(có phải ý bạn là list?)\n'],
      [['task', 'add'], 'thuky: thiếu tham số: title\n'],
      [['--lang', 'fr', 'unit', 'list'], 'thuky: --lang: "fr" không hợp lệ; chọn một trong: vi, en\n'],
      [['--lang', 'en', 'unit', 'list', '--bogus'], 'thuky: unknown option: --bogus\n'],
    ];
    for (const [argv, first] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.startsWith(first), r.stderr).toBe(true);
      expect(r.stderr).not.toMatch(/Did you mean|Allowed choices|argument missing/);
    }
  });

  it('a command group without a sub-command shows its help on stderr and exits 2', async () => {
    const r = await run(['task']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Cách dùng: thuky task');
    expect(r.stderr).toContain('add [tùy chọn] <title>');
    const asked = await run(['help']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Cách dùng: thuky');
  });
});
