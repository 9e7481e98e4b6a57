/**
 * A speech summary is plain text, whether typed (--summary) or read from a file (--summary-file):
 * control characters (ESC, NUL, …) are refused with a message that says so, not "not UTF-8".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath, tempDir, dbSnapshot } from '../helpers.js';

const add = (extra: string[]) => ['speech', 'add', '2', '--unit', 'tan dinh', '--kind', 'tham-luan', ...extra];

describe('control characters in a speech summary', () => {
  it.each([
    ['ESC', 'Ý kiến \u001b[31mđỏ\u001b[0m\n', 'U+001B', 1, 8],
    ['NUL', 'Dòng một\nDòng hai\u0000\n', 'U+0000', 2, 9],
    ['conceal and clear screen', 'Tóm tắt\r\nbình thường\r\n\u001b[8mẩn\u001b[2J', 'U+001B', 3, 1],
  ])('%s in --summary-file: exit 2 naming the file, the character and where it is; nothing written', async (_name, text, char, line, column) => {
    const db = sampleDbPath();
    const file = join(tempDir(), 'tomtat.txt');
    writeFileSync(file, text, 'utf8');
    const before = dbSnapshot(db);
    const r = await run(add(['--summary-file', file]), { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--summary-file: tệp ${file} có ký tự điều khiển ${char} (dòng ${line}, cột ${column})`);
    expect(r.stderr).not.toContain('UTF-8');
    expect(dbSnapshot(db)).toBe(before);
  });

  it('--summary follows the same rule, in Vietnamese and in English', async () => {
    const db = sampleDbPath();
    const before = dbSnapshot(db);
    const vi = await run(add(['--summary', 'Ý kiến \u001b[31mđỏ']), { db });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('--summary: có ký tự điều khiển U+001B (dòng 1, cột 8)');
    const en = await run(add(['--summary', 'a\u0007b', '--lang', 'en']), { db });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--summary: contains the control character U+0007 (line 1, column 2)');
    expect(dbSnapshot(db)).toBe(before);
  });

  it('the same text without control characters is accepted from either source (tabs and CRLF line ends included)', async () => {
    const db = sampleDbPath();
    const file = join(tempDir(), 'tomtat.txt');
    writeFileSync(file, 'Ý kiến\tđỏ\r\ndòng hai\r\n', 'utf8');
    expect((await run(add(['--summary-file', file]), { db })).code).toBe(0);
    expect((await run(add(['--summary', 'Ý kiến\tđỏ']), { db })).code).toBe(0);
  });

  it('a file that is not UTF-8 still says so', async () => {
    const db = sampleDbPath();
    const file = join(tempDir(), 'latin1.txt');
    writeFileSync(file, Buffer.from([0x50, 0x68, 0xf2, 0x6e, 0x67, 0x0a]));
    const r = await run(add(['--summary-file', file]), { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('UTF-8');
  });
});
