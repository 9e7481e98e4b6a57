// The "must show" session of the meetings issue, on the built binary.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDbPath, tempDir } from '../helpers.js';

describe('meetings on the built binary', () => {
  it('lists, shows and prints the minutes of the source meeting', () => {
    const db = tempDbPath();
    expect(runBin(['init', '--sample', 'quan1-2017', '--db', db]).code).toBe(0);

    const list = runBin(['meeting', 'list', '--period', '2017-Q2', '--db', db, '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((m: { id: number; heldOn: string }) => [m.id, m.heldOn])).toEqual([[1, '2017-06-17']]);

    const show = runBin(['meeting', 'show', '1', '--db', db, '--json']);
    expect(show.code).toBe(0);
    const m = JSON.parse(show.stdout);
    expect([m.chairs.length, m.guests.length, m.speeches.length, m.conclusions.length]).toEqual([3, 2, 11, 4]);

    const md = runBin(['meeting', 'minutes', '1', '--format', 'md', '--db', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(md.stdout).toContain('Quận 1, ngày 17 tháng 6 năm 2017');

    const out = join(tempDir(), 'bb.docx');
    const docx = runBin(['meeting', 'minutes', '1', '--format', 'docx', '--out', out, '--db', db]);
    expect(docx.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(5000);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');

    const tsv = runBin(['speech', 'list', '1', '--db', db]);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout.trim().split('\n')).toHaveLength(13);
  });
});
