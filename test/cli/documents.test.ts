// Word and Excel reports read back: heading, title, header, rows (as many as the JSON has), real
// dates, formula-safe cells, the chart; writing files (--out, --force, pipes, terminals); charts on
// a terminal; summary lines in every format.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, run, runJson, sampleDbPath, tempDir } from '../helpers.js';
import { docxTables, docxText, unzip } from '../zip.js';

const YEAR = ['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'];
const NOW = new Date('2018-01-05T03:00:00Z');

type ExcelJs = typeof import('exceljs');
let Excel: ExcelJs;
async function readWorkbook(path: string) {
  const wb = new Excel.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}
/** The row number of the header: the first row whose first cell is the given heading. */
function headerRow(ws: import('exceljs').Worksheet, heading: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === heading) return r;
  throw new Error(`no header "${heading}"`);
}

let db: string;
let dir: string;
beforeAll(async () => {
  const mod = await import('exceljs');
  Excel = ((mod as unknown as { default?: ExcelJs }).default ?? mod) as ExcelJs;
  db = sampleDbPath();
  dir = tempDir();
});

describe('report compliance --format docx', () => {
  it('is a Party report: heading, numbered title, introduction, the table with a repeated header row, chart, notes, signature', async () => {
    const out = join(dir, 'bao-cao.docx');
    const r = await run([...YEAR, '--format', 'docx', '--out', out], { db, now: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    const json = await runJson<{ units: unknown[]; summary: { passed: number } }>(YEAR, { db });
    const entries = unzip(readFileSync(out));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    expect(text).toContain('ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH');
    expect(text).toContain('QUẬN ỦY QUẬN 1');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Số: …-BC/QU');
    expect(text).toContain('Quận 1, ngày 05 tháng 01 năm 2018');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện các tiêu chí của đơn vị năm 2017');
    expect(text).toContain('Kỳ báo cáo: năm 2017 (từ ngày 01/01/2017 đến ngày 31/12/2017); số liệu tính đến ngày 31/12/2017.');
    expect(text).toContain('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    const table = docxTables(xml).find((t) => t.header)!;
    expect(table.rows[0].slice(0, 3)).toEqual(['Đơn vị', 'Dự họp', 'Khâu đột phá']);
    expect(table.rows.length - 1).toBe(json.units.length);
    expect(table.rows.filter((row) => row.includes('Đạt')).length).toBe(json.summary.passed);
    // Wide: landscape; Times New Roman; page numbers from page 2 (a first page of its own).
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:titlePg/>');
    expect(new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['Times New Roman']));
    const headers = [...entries.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k)).map((k) => entries.get(k)!.toString('utf8'));
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
    // The chart, as a picture.
    const media = [...entries.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(entries.get(media[0])!.subarray(1, 4).toString()).toBe('PNG');
  });

  it('--detail gives the one-unit explanation', async () => {
    const out = join(dir, 'da-kao.docx');
    expect((await run([...YEAR, '--detail', 'da kao', '--format', 'docx', '--out', out], { db })).code).toBe(0);
    const text = docxText(unzip(readFileSync(out)).get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('Giải thích kết quả thực hiện của Phường Đa Kao năm 2017');
    expect(text).toContain('không có chỉ tiêu đo được');
  });

  it('to a pipe without --out: the file itself', async () => {
    const r = await run([...YEAR, '--format', 'docx'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('PK')).toBe(true);
  });
});

describe('the other reports in Word', () => {
  it.each([
    ['report tasks', ['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017'], 'Tình hình thực hiện nhiệm vụ được giao năm 2017', (j: { units: unknown[] }) => j.units.length + 1],
    ['overdue', ['overdue', '--as-of', '31/12/2017'], 'Nhiệm vụ quá hạn chưa hoàn thành tính đến ngày 31/12/2017', (j: { overdue: unknown[] }) => j.overdue.length],
    ['breakthrough check', ['breakthrough', 'check', '--year', '2017'], 'Kết quả rà soát khâu đột phá năm 2017', (j: { units: unknown[] }) => j.units.length],
    ['plan list --missing', ['plan', 'list', '--year', '2017', '--missing'], 'Đảng viên chưa có kế hoạch cá nhân năm 2017', (j: unknown[]) => j.length],
  ] as [string, string[], string, (j: never) => number][])('%s: title, table with as many rows as the JSON, signature', async (name, argv, subject, count) => {
    const out = join(dir, `${name.replace(/\W+/g, '-')}.docx`);
    const r = await run([...argv, '--format', 'docx', '--out', out], { db });
    expect(r.code, r.stderr).toBe(0);
    const xml = unzip(readFileSync(out)).get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(subject);
    expect(text).toContain('Nơi nhận:');
    const table = docxTables(xml).find((t) => t.header)!;
    expect(table.rows[0][0]).toMatch(/Đơn vị|Mã số/);
    expect(table.rows.length - 1).toBe(count(await runJson(argv, { db })));
  });

  it('overdue in Word carries its chart; a listing refuses docx (exit 2)', async () => {
    const out = join(dir, 'qua-han.docx');
    expect((await run(['overdue', '--as-of', '31/12/2017', '--format', 'docx', '--out', out], { db })).code).toBe(0);
    expect([...unzip(readFileSync(out)).keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
    const r = await run(['task', 'list', '--format', 'docx', '--out', join(dir, 'x.docx')], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docx.*xlsx/);
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });
});

describe('--format xlsx', () => {
  it('report compliance: title above a frozen, filtered header, a row per unit, verdict fills, notes below, the chart', async () => {
    const out = join(dir, 'bao-cao.xlsx');
    expect((await run([...YEAR, '--format', 'xlsx', '--out', out], { db })).code).toBe(0);
    const json = await runJson<{ units: { name: string; verdict: string }[] }>(YEAR, { db });
    const wb = await readWorkbook(out);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('ĐÁNH GIÁ THỰC HIỆN THEO ĐƠN VỊ — năm 2017 (tính đến ngày 31/12/2017)');
    const h = headerRow(ws, 'Đơn vị');
    expect(ws.getRow(h).getCell(2).value).toBe('Dự họp');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
    expect(ws.autoFilter).toBeTruthy();
    const names: string[] = [];
    for (let r = h + 1; ws.getRow(r).getCell(1).value; r++) names.push(String(ws.getRow(r).getCell(1).value));
    expect(names).toEqual(json.units.map((u) => u.name));
    const verdictCol = 1 + (ws.getRow(h).values as unknown[]).slice(1).indexOf('Kết quả');
    const bt = names.indexOf('Phường Bến Thành') + h + 1;
    const verdict = ws.getRow(bt).getCell(verdictCol);
    expect(verdict.value).toBe('Chưa đạt');
    expect((verdict.fill as { fgColor: { argb: string } }).fgColor.argb).toBe('FFFFC7CE');
    const bn = ws.getRow(names.indexOf('Phường Bến Nghé') + h + 1).getCell(verdictCol);
    expect((bn.fill as { fgColor: { argb: string } }).fgColor.argb).toBe('FFC6EFCE');
    const below: string[] = [];
    ws.eachRow((row, n) => n > h + names.length && below.push(String(row.getCell(1).value ?? '')));
    expect(below.some((l) => l.startsWith('Kế hoạch cá nhân: đạt khi ≥ 95%'))).toBe(true);
    expect(below).toContain('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
    // The chart sheet holds the picture.
    expect(wb.worksheets[1].name).toBe('Biểu đồ');
    expect(wb.worksheets[1].getImages()).toHaveLength(1);
    expect([...unzip(readFileSync(out)).keys()].some((k) => /^xl\/media\/.*\.png$/.test(k))).toBe(true);
  });

  it('overdue: dates are Excel dates shown dd/mm/yyyy, days are numbers, one row per task', async () => {
    const out = join(dir, 'qua-han.xlsx');
    expect((await run(['overdue', '--as-of', '31/12/2017', '--format', 'xlsx', '--out', out], { db })).code).toBe(0);
    const json = await runJson<{ overdue: { id: number; dueOn: string; daysOverdue: number }[] }>(['overdue', '--as-of', '31/12/2017'], { db });
    const ws = (await readWorkbook(out)).worksheets[0];
    const h = headerRow(ws, 'Đơn vị');
    const head = (ws.getRow(h).values as unknown[]).slice(1);
    const col = (label: string) => head.indexOf(label) + 1;
    const rows = json.overdue.map((_, i) => ws.getRow(h + 1 + i));
    expect(rows.map((r) => r.getCell(col('Mã số')).value)).toEqual(json.overdue.map((t) => t.id));
    expect(ws.getRow(h + 1 + json.overdue.length).getCell(1).value ?? null).toBeNull();
    for (const [i, r] of rows.entries()) {
      const due = r.getCell(col('Thời hạn'));
      expect(due.value).toBeInstanceOf(Date);
      expect((due.value as Date).toISOString().slice(0, 10)).toBe(json.overdue[i].dueOn);
      expect(due.numFmt).toBe('dd/mm/yyyy');
      expect(r.getCell(col('Số ngày quá hạn')).value).toBe(json.overdue[i].daysOverdue);
    }
  });

  it('report tasks: rates are percentages', async () => {
    const out = join(dir, 'nhiem-vu.xlsx');
    expect((await run(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017', '--format', 'xlsx', '--out', out], { db })).code).toBe(0);
    const json = await runJson<{ total: { completionRate: number } }>(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017'], { db });
    const ws = (await readWorkbook(out)).worksheets[0];
    const h = headerRow(ws, 'Đơn vị');
    const head = (ws.getRow(h).values as unknown[]).slice(1);
    let total = h + 1;
    while (ws.getRow(total).getCell(1).value !== 'Tổng cộng') total++;
    const cell = ws.getRow(total).getCell(head.indexOf('Tỷ lệ hoàn thành (2)') + 1);
    expect(cell.value).toBeCloseTo(json.total.completionRate / 100, 5);
    expect(cell.numFmt).toMatch(/%$/);
  });

  it('any listing: as many rows as its JSON; text that looks like a formula stays text', async () => {
    const local = sampleDbPath();
    expect((await run(['task', 'add', '=HYPERLINK("http://x","bấm")', '--unit', 'ben nghe', '--due', '31/12/2017', '--start', '01/12/2017'], { db: local })).code).toBe(0);
    const out = join(dir, 'nhiem-vu-list.xlsx');
    const r = await run(['task', 'list', '--format', 'xlsx', '--out', out], { db: local });
    expect(r.code, r.stderr).toBe(0);
    const json = await runJson<{ id: number }[]>(['task', 'list'], { db: local });
    const ws = (await readWorkbook(out)).worksheets[0];
    const h = headerRow(ws, 'Mã số');
    let last = h;
    while (ws.getRow(last + 1).getCell(1).value !== null && ws.getRow(last + 1).getCell(1).value !== undefined) last++;
    expect(last - h).toBe(json.length);
    let found = false;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).startsWith('=HYPERLINK')) {
          found = true;
          expect(cell.type).toBe(Excel.ValueType.String);
          expect(cell.formula).toBeUndefined();
        }
      }),
    );
    expect(found).toBe(true);
    const sheetXml = unzip(readFileSync(out)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheetXml).not.toContain('<f>');
  });
});

describe('writing files', () => {
  it('a binary format on a terminal without --out: exit 2, says how, nothing written', async () => {
    const r = await run([...YEAR, '--format', 'xlsx'], { db, tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
    expect(r.stdout).toBe('');
  });

  it('an existing file is kept without --force, replaced with it', async () => {
    const out = join(tempDir(), 'bao-cao.xlsx');
    writeFileSync(out, 'cũ');
    const r = await run([...YEAR, '--format', 'xlsx', '--out', out], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('cũ');
    expect((await run([...YEAR, '--format', 'xlsx', '--out', out, '--force'], { db })).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('a folder that cannot be written: exit 1, nothing left behind', async () => {
    const missing = join(tempDir(), 'khong-co', 'bao-cao.docx');
    const r = await run([...YEAR, '--format', 'docx', '--out', missing], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('thư mục không tồn tại');
    expect(readdirSync(join(missing, '..', '..'))).toEqual([]);
  });

  it('a folder the user may not write to: exit 1, nothing left behind (the built binary, as another user when run as root)', () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    mkdirSync(join(parent, 'ro'), { mode: 0o555 });
    const copy = join(parent, 'd.db');
    copyFileSync(db, copy);
    chmodSync(copy, 0o644);
    const args = [BIN, '--db', copy, ...YEAR, '--format', 'xlsx', '--out', join(parent, 'ro', 'bao-cao.xlsx')];
    const isRoot = process.getuid?.() === 0;
    if (isRoot && !existsSync('/usr/bin/setpriv')) return;
    const r = isRoot
      ? spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('không có quyền ghi');
    expect(readdirSync(join(parent, 'ro'))).toEqual([]);
  });

  it('text formats to --out: the bytes of the pipe', async () => {
    const out = join(tempDir(), 'bao-cao.csv');
    expect((await run([...YEAR, '--format', 'csv', '--out', out], { db })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await run([...YEAR, '--format', 'csv'], { db })).stdout);
  });

  it('every file written with --out is readable by its owner only, as the database is', async () => {
    const dir = tempDir();
    for (const [format, name] of [['csv', 'a.csv'], ['xlsx', 'a.xlsx'], ['docx', 'a.docx']]) {
      const out = join(dir, name);
      expect((await run([...YEAR, '--format', format, '--out', out], { db })).code).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
    }
  });
});

describe('--chart on a terminal', () => {
  it('compliance: a bar per unit, sorted by share of criteria met, within the width; plain characters with NO_COLOR', async () => {
    const r = await run([...YEAR, '--chart'], { db, tty: true, env: { NO_COLOR: '1', COLUMNS: '60' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => [...l].length <= 60)).toBe(true);
    expect(r.stdout).not.toContain('\x1b[');
    const bars = lines.filter((l) => /\d\/\d$/.test(l));
    expect(bars).toHaveLength(10);
    expect(bars[0]).toMatch(/^Phường Bến Nghé\s+#+ 6\/6$/);
    expect(bars[9]).toMatch(/^Phường Nguyễn Cư Trinh\s+#+-+ 4\/6$/);
    expect(r.stdout).toContain('Kết quả: 3/10 đơn vị đạt, 7 chưa đạt.');
  });

  it('overdue: coloured bars per unit', async () => {
    const r = await run(['overdue', '--as-of', '31/12/2017', '--chart'], { db, tty: true, env: { FORCE_COLOR: '1', COLUMNS: '80' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[31m');
    expect(r.stdout).toMatch(/Phường Cầu Kho.*3/);
    expect(r.stdout).toMatch(/Phường Nguyễn Cư Trinh.*2/);
  });
});

describe('minutes in Word print right', () => {
  it.each([
    ['vi', 'ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH', 'V. KẾT THÚC HỘI NGHỊ'],
    ['en', 'COMMUNIST PARTY OF VIETNAM', 'V. CLOSING'],
  ])('%s: heading column wide enough, page numbers from page 2, the closing part kept with the signatures', async (lang, line, closing) => {
    const out = join(tempDir(), `bien-ban-${lang}.docx`);
    const r = await run(['meeting', 'minutes', '1', '--format', 'docx', '--out', out, '--lang', lang], { db });
    expect(r.code, r.stderr).toBe(0);
    const entries = unzip(readFileSync(out));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    // The heading table: the column holding the line is wide enough for it at 13 pt
    // (Times capitals ≈ 0.29 cm bold, 0.27 cm regular; 567 twips a centimetre).
    const grid = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)][0][1];
    const cols = [...grid.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const heading = docxTables(xml)[0];
    const column = heading.rows[0].findIndex((cell) => cell.includes(line));
    expect(column).toBeGreaterThanOrEqual(0);
    expect(cols[column]).toBeGreaterThan(line.length * 0.29 * 567);
    // Page numbers: none on the first page, the PAGE field on the others.
    expect(xml).toContain('<w:titlePg/>');
    const headers = [...entries.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k)).map((k) => entries.get(k)!.toString('utf8'));
    expect(headers.filter((h) => h.includes('PAGE'))).toHaveLength(1);
    // Every paragraph from the closing heading to the signature table keeps with the next; the signature row does not split.
    const from = xml.indexOf(closing);
    const signatures = xml.indexOf('<w:tbl>', from);
    expect(from).toBeGreaterThan(0);
    const paragraphs = xml.slice(xml.lastIndexOf('<w:p>', from), signatures).split('</w:p>').filter((p) => p.includes('<w:p>'));
    expect(paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(paragraphs.every((p) => p.includes('<w:keepNext/>'))).toBe(true);
    expect(xml.slice(signatures, xml.indexOf('</w:tbl>', signatures))).toContain('<w:cantSplit/>');
  });
});

describe('summary lines in every format', () => {
  it('breakthrough check: under the rows in TSV and CSV, a field in JSON', async () => {
    const summary = 'Năm 2017: 10 đơn vị; 8 có khâu đột phá cụ thể, 2 khâu đột phá chung chung, 0 đơn vị chưa đăng ký.';
    const tsv = await run(['breakthrough', 'check', '--year', '2017'], { db });
    expect(tsv.stdout.trimEnd().split('\n').slice(-2)).toEqual(['', summary]);
    const csv = await run(['breakthrough', 'check', '--year', '2017', '--format', 'csv'], { db });
    expect(csv.stdout.trimEnd().split('\r\n').slice(-1)[0]).toBe(`"${summary}"`);
    const json = await runJson<{ counts: { specific: number } }>(['breakthrough', 'check', '--year', '2017'], { db });
    expect(json.counts.specific).toBe(8);
  });
});
