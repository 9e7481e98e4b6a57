import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { neutraliseCsvCell, renderTable, toCsv, writeJson, writeRows, type Column, type Format } from '../../src/render/output.js';

const rows = [
  { id: 1, name: 'Phường Bến Nghé', due: '2017-07-17', note: '=HYPERLINK("x")' },
  { id: 2, name: 'Phường Đa Kao', due: null, note: 'dòng 1\ndòng 2' },
];
const columns: Column<(typeof rows)[number]>[] = [
  { key: 'id', label: 'col.id', type: 'number' },
  { key: 'name', label: 'col.name' },
  { key: 'due', label: 'col.date', type: 'date' },
  { key: 'note', label: 'col.note' },
];
const opts = { lang: 'vi' as const, t: translator('vi'), color: false };

describe('one output layer', () => {
  it('JSON keeps field names and ISO dates', async () => {
    const out = JSON.parse(await renderTable(rows, columns, { ...opts, format: 'json' }));
    expect(out).toEqual(rows);
  });

  it('CSV has a BOM, CRLF, Vietnamese headings, dd/MM/yyyy, quoted newlines and neutralised formulas', async () => {
    const csv = await renderTable(rows, columns, { ...opts, format: 'csv' });
    expect(csv.startsWith('\uFEFFMã số,Tên,Ngày,Ghi chú\r\n')).toBe(true);
    expect(csv).toContain(`1,Phường Bến Nghé,17/07/2017,"'=HYPERLINK(""x"")"\r\n`);
    expect(csv).toContain('2,Phường Đa Kao,,"dòng 1\ndòng 2"\r\n');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises %j in CSV', (cell) => {
    expect(neutraliseCsvCell(cell).startsWith("'")).toBe(true);
  });

  it('keeps ordinary cells as they are', () => {
    expect(neutraliseCsvCell('Bến Nghé')).toBe('Bến Nghé');
    expect(toCsv(['a'], [['x,y']])).toBe('\uFEFFa\r\n"x,y"\r\n');
  });

  it('TSV is complete, one line per row, with field names as the header', async () => {
    const tsv = await renderTable(rows, columns, { ...opts, format: 'tsv' });
    const lines = tsv.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('id\tname\tdue\tnote');
    expect(lines[2]).toBe('2\tPhường Đa Kao\t\tdòng 1 dòng 2');
  });

  it('Markdown escapes pipes and aligns numbers right', async () => {
    const md = await renderTable([{ id: 1, name: 'a|b', due: null, note: '' }], columns, { ...opts, format: 'md' });
    expect(md).toContain('| Mã số | Tên | Ngày | Ghi chú |\n|---:|---|---|---|');
    expect(md).toContain('a\\|b');
    // A footer printed after the table must not become one more row of it.
    expect(md.endsWith('|\n\n')).toBe(true);
  });

  it('a table without colour has no escape codes; with colour it may', async () => {
    const plain = await renderTable(rows, columns, { ...opts, format: 'table' });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain('Phường Bến Nghé');
    expect(plain).toContain('┌');
  });

  it('an empty listing still prints its header', async () => {
    const tsv = await renderTable([], columns, { ...opts, format: 'tsv' });
    expect(tsv).toBe('id\tname\tdue\tnote\n');
    expect(await renderTable([], columns, { ...opts, format: 'json' })).toBe('[]\n');
  });
});

describe('writeJson', async () => {
  const { writeJson } = await import('../../src/render/output.js');
  const collect = (v: unknown) => {
    let out = '';
    let writes = 0;
    writeJson(v, (c) => {
      out += c;
      writes++;
    });
    return { out, writes };
  };

  it.each([
    ['a report', { asOf: '2017-12-31', skip: undefined, overdue: Array.from({ length: 1234 }, (_, i) => ({ id: i, t: `Phường ${i}`, n: null })), counts: { a: 1 } }],
    ['a listing', Array.from({ length: 1001 }, (_, i) => ({ id: i, due: i % 2 ? null : '2017-01-01' }))],
    ['empty things', { a: [], b: {}, c: null, d: [[1, 2], []] }],
    ['a scalar', 'x'],
    ['an object with toJSON', { when: new Date('2017-06-17T00:00:00Z') }],
  ])('writes exactly JSON.stringify of %s', (_name, value) => {
    expect(collect(value).out).toBe(JSON.stringify(value));
  });

  it('writes a long array in several pieces', () => {
    expect(collect(Array.from({ length: 2000 }, (_, i) => i)).writes).toBeGreaterThan(3);
  });
});

describe('rows written as they come', () => {
  function* many(n: number) {
    for (let i = 0; i < n; i++) yield { ...rows[i % 2], id: i + 1 };
  }
  const written = (format: Format, n: number) => {
    let out = '';
    writeRows(many(n), columns, { ...opts, format }, (chunk) => (out += chunk));
    return out;
  };

  for (const n of [0, 1, 2, 1_234]) {
    it(`give the same bytes as the whole-listing renderers (${n} rows)`, async () => {
      const all = [...many(n)];
      let json = '';
      writeJson(all, (chunk) => (json += chunk));
      expect(written('json', n)).toBe(`${json}\n`);
      expect(JSON.parse(written('json', n))).toHaveLength(n);
      for (const format of ['csv', 'tsv', 'text'] as const) expect(written(format, n), format).toBe(await renderTable(all, columns, { ...opts, format }));
    });
  }

  it('refuse the formats that need every row first', () => {
    expect(() => written('table', 1)).toThrow();
    expect(() => written('md', 1)).toThrow();
  });
});
