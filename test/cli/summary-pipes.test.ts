/** Summary lines exist in every format: after the rows in TSV and CSV, as fields in JSON, under the table. */
import { beforeAll, describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';

const SUMMARY = 'Năm 2017: 10 đơn vị; 8 có khâu đột phá cụ thể, 2 khâu đột phá chung chung, 0 đơn vị chưa đăng ký.';
const CHECK = ['breakthrough', 'check', '--year', '2017'];
let db: string;
beforeAll(() => {
  db = sampleDbPath();
});

describe('breakthrough check summary', () => {
  it('TSV in a pipe: the rows, a blank line, the summary', async () => {
    const r = await run(CHECK, { db });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual(['', SUMMARY]);
    expect(lines[0].split('\t')[0]).toBe('unitName');
    expect(lines.slice(1, -2).every((l) => l.split('\t').length === 7)).toBe(true);
  });

  it('CSV: the same after the rows, CRLF', async () => {
    const r = await run([...CHECK, '--format', 'csv'], { db });
    expect(r.stdout.endsWith(`\r\n\r\n"${SUMMARY}"\r\n`)).toBe(true);
  });

  it('JSON: the counts as fields', async () => {
    const r = JSON.parse((await run([...CHECK, '--json'], { db })).stdout);
    expect(r.counts).toEqual({ units: 10, specific: 8, generic: 2, none: 0 });
  });

  it('on a terminal: under the table', async () => {
    const r = await run(CHECK, { db, tty: true, env: { COLUMNS: '200' } });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(SUMMARY);
  });
});

describe('other reports', () => {
  it('overdue in TSV ends with its total', async () => {
    const r = await run(['overdue', '--as-of', '31/12/2017', '--format', 'tsv'], { db });
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['', 'Tổng cộng: 5 nhiệm vụ quá hạn ở 2 đơn vị, tính đến ngày 31/12/2017.']);
  });

  it('report compliance in TSV ends with its thresholds and result', async () => {
    const r = await run(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'], { db });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[11]).toBe('');
    expect(lines.at(-1)).toBe('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
  });
});
