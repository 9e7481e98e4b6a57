import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/cli/commands/core/spreadsheet.js';
import { decodeChunks, readSheetRows, XmlScanner, XlsxFormatError, type XmlHandler } from '../../src/xlsx/read.js';
import { tempDir } from '../helpers.js';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLES = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Quốc', 'Thành', 'Xuân', 'Bảo', 'Thảo'];
const GIVENS = ['Ánh', 'Bình', 'Chương', 'Dũng', 'Giang', 'Hạnh', 'Hiếu', 'Hưởng', 'Khánh', 'Lộc', 'Nguyệt', 'Phượng', 'Quỳnh', 'Sương', 'Thủy', 'Trường', 'Tuyết', 'Ưng', 'Yến', 'Đạt'];

/** Thousands of distinct Vietnamese names, each with a note full of letters of three bytes. */
function vietnameseRows(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]} ${MIDDLES[(i >> 2) % MIDDLES.length]} ${GIVENS[(i >> 4) % GIVENS.length]} ${i}`;
    rows.push([name, `Phường Bến Nghé ${i % 17}`, i % 3 ? 'có' : 'không', `Ghi chú: được khen thưởng, tiếp tục rèn luyện${' ồ'.repeat(i % 5)}`]);
  }
  return rows;
}

const HEADER = ['Họ và tên', 'Đơn vị', 'Đảng viên (có/không)', 'Ghi chú'];

/** What the import read before: exceljs's whole-workbook model and cellText. */
async function readWithExcelJs(file: string, sheet?: string): Promise<{ line: number; cells: string[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet)!;
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    rows.push({ line, cells });
  });
  return rows.filter((r) => r.cells.length);
}

describe('reading .xlsx as a stream', () => {
  it('reads thousands of Vietnamese names back exactly, inline strings cut into 64-byte chunks', async () => {
    const file = join(tempDir(), 'inline.xlsx');
    // Strings written inline in the sheet's XML: every letter passes through the inflated stream.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('Đảng viên');
    const rows = vietnameseRows(4000);
    ws.addRow(HEADER).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    for (const chunkSize of [64, 1000, 64 * 1024]) {
      const read = await readSheetRows(file, undefined, { chunkSize });
      expect(read.names).toEqual(['Đảng viên']);
      expect(read.rows!.length).toBe(4001);
      expect(read.rows![0]).toEqual({ line: 1, cells: HEADER });
      const body = read.rows!.slice(1);
      expect(body.map((r) => r.cells)).toEqual(rows);
      expect(body.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
      expect(body.filter((r) => r.cells.join('').includes('\uFFFD'))).toEqual([]);
    }
  });

  it('reads shared strings, and a sheet chosen by its Vietnamese name, as exceljs did', async () => {
    const file = join(tempDir(), 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang đầu').addRow(['không có gì']);
    const ws = wb.addWorksheet('Danh sách');
    const rows = vietnameseRows(3000);
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(file);
    const read = await readSheetRows(file, 'Danh sách', { chunkSize: 64 });
    expect(read.names).toEqual(['Trang đầu', 'Danh sách']);
    expect(read.rows!.slice(1).map((r) => r.cells)).toEqual(rows);
    expect(read.rows).toEqual(await readWithExcelJs(file, 'Danh sách'));
    expect((await readSheetRows(file, 'Không có')).rows).toBeUndefined();
    expect((await readSheetRows(file)).rows).toEqual([{ line: 1, cells: ['không có gì'] }]);
  });

  it('gives the text, numbers, dates and gaps exceljs gave', async () => {
    const file = join(tempDir(), 'kinds.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Số', 'Đúng', 'Công thức', 'Chữ định dạng', 'Liên kết', 'Ngày văn bản']);
    ws.addRow(['  Lê Thị Hồng Gấm  ', new Date(Date.UTC(1975, 10, 5)), 12.5, true, { formula: 'C2*2', result: 25 }, { richText: [{ text: 'Bùi ' }, { font: { bold: true }, text: 'Xuân Hưởng' }] }, { text: 'Trang chủ', hyperlink: 'https://example.vn' }, '17/06/2017']);
    ws.addRow([]);
    ws.addRow(['Tôn Thất <Thuyết> & "Ngô" \'Sĩ\'', null, 0, false, { formula: 'A2', result: 'Lê Thị Hồng Gấm' }, null, null, 'x']);
    ws.getCell('B4').value = new Date(Date.UTC(2025, 6, 1));
    ws.getCell('B4').numFmt = 'dd/mm/yyyy';
    ws.getCell('J5').value = 'ô xa';
    ws.getCell('A6').value = 'e\u0301'; // NFD: read as NFC
    await wb.xlsx.writeFile(file);
    const mine = (await readSheetRows(file))
      .rows!.map((r) => ({ line: r.line, cells: [...r.cells] }))
      .map((r) => {
        while (r.cells.length && r.cells[r.cells.length - 1] === '') r.cells.pop();
        return r;
      });
    expect(mine).toEqual(await readWithExcelJs(file));
    expect(mine.find((r) => r.line === 2)!.cells).toEqual(['Lê Thị Hồng Gấm', '1975-11-05', '12.5', 'true', '25', 'Bùi Xuân Hưởng', 'Trang chủ', '17/06/2017']);
    expect(mine.find((r) => r.line === 5)!.cells).toEqual(['', '', '', '', '', '', '', '', '', 'ô xa']);
    expect(mine.find((r) => r.line === 6)!.cells).toEqual(['é']);
  });

  it('refuses a zip that is not a workbook', async () => {
    const file = join(tempDir(), 'fake.xlsx');
    writeFileSync(file, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]));
    await expect(readSheetRows(file)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('scans XML cut anywhere, byte by byte, to the same events', async () => {
    const xml = '<?xml version="1.0"?><a x="1 > 0" y=\'ở\'><b>Đồng &amp; Lộc &#7889;_x000A_</b><!-- chú thích --><c/><d><![CDATA[<Hà Nội>]]></d></a>';
    const events = async (size: number) => {
      const out: string[] = [];
      const h: XmlHandler = {
        open: (name, tag) => out.push(`<${name} ${tag}`),
        close: (name) => out.push(`</${name}`),
        text: (v) => out.push(`"${v}"`),
      };
      const bytes = Buffer.from(xml);
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const scanner = new XmlScanner(h);
      for await (const text of decodeChunks(chunks)) scanner.write(text);
      scanner.end();
      return out;
    };
    const whole = await events(xml.length * 3);
    expect(whole).toEqual(['<a a x="1 > 0" y=\'ở\'', '<b b', '"Đồng & Lộc ố\n"', '</b', '<c c', '</c', '<d d', '"<Hà Nội>"', '</d', '</a']);
    for (const size of [1, 2, 3, 5]) expect(await events(size)).toEqual(whole);
  });
});
