/** Help is entirely in the user's language: none of commander's own English words in Vietnamese. */
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { COMMAND_FORMATS } from '../../src/cli/formats.js';
import { buildProgram, collectCommands } from '../../src/cli/program.js';
import { run, sampleDbPath } from '../helpers.js';

const COMMANDER_WORDS = /\b(Usage|Options|Commands|Arguments|Global Options|choices|default|preset|display help for command)\b|\[options\]|\[command\]/;
const names = collectCommands(buildProgram(memoryContext(), 'vi', { exitCode: 0 })).map((c) => c.name);

describe('help in Vietnamese', () => {
  it('thuky --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cách dùng: thuky [tùy chọn] [lệnh]');
    expect(r.stdout).toContain('help [lệnh]');
    expect(r.stdout).not.toMatch(COMMANDER_WORDS);
  });

  it.each(names)('thuky %s --help', async (name) => {
    const r = await run([...name.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cách dùng: thuky');
    expect(r.stdout).not.toMatch(COMMANDER_WORDS);
  });

  it('choices and defaults are told in Vietnamese', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toMatch(/chọn: vi, en/);
    const check = await run(['breakthrough', 'check', '--help']);
    expect(check.stdout).toContain('mặc định: ward');
  });

  it('English help stays English', async () => {
    const r = await run(['--lang', 'en', '--help']);
    expect(r.stdout).toContain('Usage: thuky [options] [command]');
  });
});

describe('--format accepts what a command can produce', () => {
  it('every command in the format table exists, and every command is in it', () => {
    const leaves = names.filter((n) => !names.some((m) => m.startsWith(`${n} `)) || n === 'evaluate');
    const missing = leaves.filter((n) => !(n in COMMAND_FORMATS));
    const unknown = Object.keys(COMMAND_FORMATS).filter((n) => !leaves.includes(n));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  it.each([
    ['unit', 'list', '--format', 'md'],
    ['unit', 'show', 'ben nghe', '--format', 'text'],
    ['overdue', '--as-of', '31/12/2017', '--format', 'text'],
    ['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017', '--format', 'text'],
  ])('accepts %s %s … %s', async (...argv) => {
    const r = await run(argv, { db: sampleDbPath() });
    expect(r.code, r.stderr).toBe(0);
  });

  it.each([
    [['unit', 'list', '--format', 'text'], 'thuky: --format: "text" không hợp lệ; chọn một trong: table, json, csv, tsv, md, xlsx\n'],
    [['unit', 'list', '--format', 'docx'], 'thuky: --format: "docx" không hợp lệ; chọn một trong: table, json, csv, tsv, md, xlsx\n'],
    [['unit', 'show', 'ben nghe', '--format', 'csv'], 'thuky: --format: "csv" không hợp lệ; chọn một trong: text, json\n'],
    [['unit', 'add', 'Phường X', '--kind', 'ward', '--format', 'csv'], 'thuky: --format: "csv" không hợp lệ; chọn một trong: json\n'],
    [['meeting', 'close', '1', '--json'], 'thuky: thuky meeting close không in dữ liệu ra stdout nên không nhận --json\n'],
    [['meeting', 'list', '--format', 'docx'], 'thuky: --format: "docx" không hợp lệ; chọn một trong: table, json, csv, tsv, md, xlsx\n'],
  ])('refuses %j (exit 2, nothing written)', async (argv, message) => {
    const db = sampleDbPath();
    const r = await run(argv, { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe('');
  });

  it("a command's help lists its formats", async () => {
    expect((await run(['task', 'list', '--help'])).stdout).toContain('Định dạng đầu ra (--format): table, json, csv, tsv, md, xlsx. xlsx và docx ghi ra tệp với --out TỆP');
    expect((await run(['overdue', '--help'])).stdout).toContain('Định dạng đầu ra (--format): table, text, json, csv, tsv, md, xlsx, docx.');
    expect((await run(['unit', 'show', '--help'])).stdout).toContain('Định dạng đầu ra (--format): text, json.\n');
  });
});
