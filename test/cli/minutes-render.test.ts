import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath, tempDir } from '../helpers.js';
import { docxText, unzip } from '../zip.js';


describe('meeting minutes (biên bản) of the source meeting', () => {
  it('Markdown: heading, place and date, title, the five parts in order, conclusions with their tasks, signatures', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'minutes', '1', '--format', 'md'], { db });
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('**ĐẢNG CỘNG SẢN VIỆT NAM**');
    expect(md).toContain('**QUẬN ỦY QUẬN 1**');
    expect(md).toContain('**ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH**');
    expect(md).toContain('*Quận 1, ngày 17 tháng 6 năm 2017*');
    expect(md).toContain('# BIÊN BẢN');
    expect(md).toContain('Hội nghị giao ban chuyên đề quý II năm 2017');
    const order = ['I. THỜI GIAN, ĐỊA ĐIỂM, NỘI DUNG', 'II. THÀNH PHẦN THAM DỰ', 'III. DIỄN BIẾN HỘI NGHỊ', 'IV. KẾT LUẬN CỦA HỘI NGHỊ', 'V. KẾT THÚC HỘI NGHỊ', 'THƯ KÝ HỘI NGHỊ'];
    const positions = order.map((h) => md.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Opening: chairs with positions, documents.
    expect(md).toContain('Đồng chí Huỳnh Thanh Hải, Thành ủy viên, Bí thư Quận ủy, Chủ tịch HĐND Quận 1');
    expect(md).toContain('Đồng chí Hồ Thị Vinh, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Quận ủy');
    for (const code of ['05-CT/TW, ngày 15/05/2016', '12-NQ/TW', '04-NQ/TW', '02-ĐA/TU']) expect(md).toContain(code);
    // Attendance: 10 of 10 wards, guests with positions.
    expect(md).toContain('Đơn vị có mặt (10/10 đơn vị được mời)');
    expect(md).toContain('Đồng chí Phạm Ngọc Hợi, Phó Chánh Văn phòng Thành ủy, phụ trách Chỉ thị 05-CT/TW');
    expect(md).toContain('Đồng chí Đinh Thị Thảo Trang, Phó trưởng phòng Nghiệp vụ 1, Ủy ban Kiểm tra Thành ủy');
    // Proceedings: 11 numbered speeches by unit, marked illustrative.
    expect(md).toContain('Hội nghị có 11 lượt ý kiến phát biểu, tham luận của 11 đơn vị');
    expect(md.match(/^\d+\. \*\*Đại diện /gm)).toHaveLength(11);
    expect(md).toContain('\\[minh họa\\]');
    // Conclusions: the chair's assessment, then 4 numbered directions with the tasks they created.
    expect(md).toContain('Đồng chí Huỳnh Thanh Hải nhận định');
    expect(md).toContain('Hội nghị thống nhất 4 nội dung kết luận, chỉ đạo');
    expect(md).toMatch(/^1\. Cần tiếp tục đẩy mạnh thực hiện Chỉ thị số 05-CT\/TW/m);
    expect(md).toMatch(/^4\. Tăng cường công tác tuyên truyền/m);
    expect(md).toMatch(/Giao Phường Bến Nghé, .*Phường Tân Định thực hiện; thời hạn: \d\d\/\d\d\/\d{4}/);
    // Closing and signatures.
    expect(md).toContain('Hội nghị kết thúc lúc …… giờ …… phút cùng ngày.');
    expect(md).toContain('**CHỦ TRÌ HỘI NGHỊ**');
    expect(md).toContain('**Huỳnh Thanh Hải**');
  });

  it('Markdown is the default format; the times and place appear once recorded', async () => {
    const db = sampleDbPath();
    await run(['meeting', 'edit', '1', '--start', '08:00', '--end', '11:30', '--location', 'Hội trường Quận ủy Quận 1', '--recorder', 'hoang thi to nga'], { db });
    const r = await run(['meeting', 'minutes', '1'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Hội nghị bắt đầu lúc 8 giờ 00 phút, ngày 17 tháng 6 năm 2017, tại Hội trường Quận ủy Quận 1.');
    expect(r.stdout).toContain('Hội nghị kết thúc lúc 11 giờ 30 phút cùng ngày.');
    expect(r.stdout).toContain('**Hoàng Thị Tố Nga**');
  });

  it('an absent unit appears with its reason', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'minutes', '2', '--format', 'txt'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Vắng mặt (1):');
    expect(r.stdout).toMatch(/- Phường Cô Giang: Thường trực Đảng ủy phường dự tập huấn/);
    expect(r.stdout).toContain('Đơn vị có mặt (9/10 đơn vị được mời)');
  });

  it('plain text: the same parts, no Markdown marks, lines within 78 columns', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'minutes', '1', '--format', 'txt'], { db });
    expect(r.code).toBe(0);
    const txt = r.stdout;
    expect(txt).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(txt).toContain('QUẬN ỦY QUẬN 1');
    expect(txt).toContain('Quận 1, ngày 17 tháng 6 năm 2017');
    expect(txt).toMatch(/^\s+BIÊN BẢN$/m);
    expect(txt).toContain('III. DIỄN BIẾN HỘI NGHỊ');
    expect(txt).not.toMatch(/\*\*|^#/m);
    expect(Math.max(...txt.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(78);
  });

  it('--format docx --out writes a Word file: A4, Times New Roman 13–14 pt, the same content', async () => {
    const db = sampleDbPath();
    const out = join(tempDir(), 'bien-ban.docx');
    const r = await run(['meeting', 'minutes', '1', '--format', 'docx', '--out', out], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const entries = unzip(readFileSync(out));
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    // A4 portrait, 3 cm left margin.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:left="1701"/);
    // Times New Roman everywhere, 13 or 14 pt text (half-points 26, 28; the title 16 pt).
    const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => Number(m[1])));
    expect([...sizes].every((s) => [24, 26, 28, 32].includes(s))).toBe(true);
    expect(sizes.has(28)).toBe(true);
    expect(entries.get('word/styles.xml')!.toString('utf8')).toContain('Times New Roman');
    const text = docxText(xml);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('QUẬN ỦY QUẬN 1');
    expect(text).toContain('Quận 1, ngày 17 tháng 6 năm 2017');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Hội nghị giao ban chuyên đề quý II năm 2017');
    expect(text).toContain('Đồng chí Đinh Thị Thảo Trang, Phó trưởng phòng Nghiệp vụ 1, Ủy ban Kiểm tra Thành ủy');
    expect(text.match(/Đại diện Phường/g)).toHaveLength(10);
    expect(text).toContain('khâu đột phá phải nêu cụ thể không nêu chung chung');
    expect(text).toContain('THƯ KÝ HỘI NGHỊ');
    expect(text).toContain('CHỦ TRÌ HỘI NGHỊ');
    expect(text).toContain('Huỳnh Thanh Hải');
  });

  it('--out writes Markdown to a file too; --lang en gives English minutes', async () => {
    const db = sampleDbPath();
    const out = join(tempDir(), 'bb.md');
    expect((await run(['meeting', 'minutes', '1', '--out', out], { db })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# BIÊN BẢN');
    const en = await run(['meeting', 'minutes', '1', '--lang', 'en'], { db });
    expect(en.stdout).toContain('COMMUNIST PARTY OF VIETNAM');
    expect(en.stdout).toContain('# MINUTES');
  });

  it('minutes of a meeting that does not exist: exit 1', async () => {
    const db = sampleDbPath();
    const r = await run(['meeting', 'minutes', '42'], { db });
    expect(r.code).toBe(1);
  });
});
