/**
 * The CSV reader of the imports (parseCsv): what Excel and LibreOffice write, the line each record
 * starts on, the two syntax errors; and, over random files of the shapes both handle alike, the same
 * records and lines as csv-parse (the library it replaced) with the options the imports used.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, parseCsv } from '../../src/cli/commands/compliance/csv.js';

const cells = (text: string, d = ',') => parseCsv(text, d).map((r) => r.cells);
const lines = (text: string, d = ',') => parseCsv(text, d).map((r) => r.line);

/** The error parseCsv throws for the text (the test fails when it throws none, or another). */
function syntaxError(text: string): CsvSyntaxError {
  try {
    parseCsv(text, ',');
  } catch (e) {
    expect(e).toBeInstanceOf(CsvSyntaxError);
    return e as CsvSyntaxError;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseCsv', () => {
  it('reads fields, quotes, doubled quotes and a BOM', () => {
    expect(cells('\uFEFFHọ và tên,Đơn vị\r\nTrần Văn A,"Phường Bến Nghé, Quận 1"\r\n"Lê ""Bé"" Ba",\r\n')).toEqual([
      ['Họ và tên', 'Đơn vị'],
      ['Trần Văn A', 'Phường Bến Nghé, Quận 1'],
      ['Lê "Bé" Ba', ''],
    ]);
  });

  it('takes the delimiter it is given: semicolon, tab', () => {
    expect(cells('a;b,c\nx;"y;z"\n', ';')).toEqual([['a', 'b,c'], ['x', 'y;z']]);
    expect(cells('a\tb\n x \t\ty\n', '\t')).toEqual([['a', 'b'], ['x', '', 'y']]);
  });

  it('trims the spaces around a field, not those inside quotes', () => {
    expect(cells('a , b \n  " x " ,  y  \n')).toEqual([['a', 'b'], [' x ', 'y']]);
  });

  it('keeps line breaks inside quotes, and numbers each record by the line it starts on', () => {
    const text = 'h1,h2\r\nx,"dòng một\r\ndòng hai"\r\n\r\ny,z\r\n"a\nb\rc",d\n';
    expect(cells(text)).toEqual([['h1', 'h2'], ['x', 'dòng một\r\ndòng hai'], ['y', 'z'], ['a\nb\rc', 'd']]);
    expect(lines(text)).toEqual([1, 2, 5, 6]);
  });

  it('ends a record at CRLF, LF or CR, also mixed in one file', () => {
    expect(cells('a,b\r\nc,d\ne,f\rg,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
    expect(lines('a,b\r\nc,d\ne,f\rg,h')).toEqual([1, 2, 3, 4]);
  });

  it('skips empty and blank lines, keeps a record of empty fields and a quoted empty field', () => {
    expect(lines('a\n\n   \n,\n""\n\n')).toEqual([1, 4, 5]);
    expect(cells('a\n\n   \n,\n""\n\n')).toEqual([['a'], ['', ''], ['']]);
  });

  it('lets records have fewer or more fields than the header', () => {
    expect(cells('a,b,c\nx\ny,z,w,v\n')).toEqual([['a', 'b', 'c'], ['x'], ['y', 'z', 'w', 'v']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(cells('Nguyễn Văn "Tư" Hai,x\n')).toEqual([['Nguyễn Văn "Tư" Hai', 'x']]);
  });

  it('refuses a quote never closed, naming the line it opened on', () => {
    const err = syntaxError('a,b\nx,y\nz,"không đóng\nmãi\n');
    expect(err.line).toBe(3);
    expect(err.found).toBeUndefined();
  });

  it('refuses text after a closing quote, naming the line and the text', () => {
    const err = syntaxError('a,b\n"x\ny"z z,w\n');
    expect(err.line).toBe(3);
    expect(err.found).toBe('z z,w');
  });

  it('gives the records and lines csv-parse gave, over 500 random files', () => {
    let seed = 20261201;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const words = ['Trần Văn Ánh', 'Phường Bến Nghé', '15/03/2018', 'x', '', '  đệm  ', 'Tổ 7', '1,5', 'a;b', 'tab\there', 'q"uote', 'dòng\r\nhai', 'dòng\nba'];
    let compared = 0;
    for (let n = 0; n < 500; n++) {
      const d = pick([',', ';', '\t']);
      const eol = pick(['\r\n', '\n']);
      // Line breaks inside quotes in one file of three.
      const breaks = rnd() < 1 / 3;
      const out: string[] = [];
      const records = 1 + Math.floor(rnd() * 8);
      for (let r = 0; r < records; r++) {
        if (rnd() < 0.1) out.push('');
        const fields = 1 + Math.floor(rnd() * 4);
        const row: string[] = [];
        for (let f = 0; f < fields; f++) {
          const w = pick(breaks ? words : words.filter((x) => !/[\r\n]/.test(x))).replace(/\t/g, d === '\t' ? ' ' : '\t');
          // Quoted when it must be (delimiter, quote, line break, spaces kept) or at random.
          const must = w.includes(d) || w.includes('"') || /[\r\n]/.test(w) || w !== w.trim();
          row.push(must || rnd() < 0.3 ? `"${w.replace(/"/g, '""').replace(/\r?\n/g, eol)}"` : w);
        }
        // A record of one empty field is an empty line (csv-parse numbers those after it differently).
        if (row.length === 1 && row[0] === '') row.push('');
        out.push(row.join(d));
      }
      const text = (rnd() < 0.5 ? '\uFEFF' : '') + out.join(eol) + (rnd() < 0.7 ? eol : '');
      const theirs = parse(text, { delimiter: d, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { info: { lines: number }; record: string[] }[];
      const ours = parseCsv(text, d);
      expect(ours.map((r) => r.cells), JSON.stringify(text)).toEqual(theirs.map((r) => r.record));
      // csv-parse numbers a record by its last line, and counts a line break inside quotes twice after
      // the first: the two agree on files with none.
      if (!ours.some((r) => r.cells.some((c) => /[\r\n]/.test(c)))) {
        expect(ours.map((r) => r.line), JSON.stringify(text)).toEqual(theirs.map((r) => r.info.lines));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(250);
  });
});
