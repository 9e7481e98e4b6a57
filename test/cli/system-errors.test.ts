/** System error codes are said in words ("tệp không tồn tại"), never shown alone. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemReason } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';
import { run, sampleDbPath, tempDir } from '../helpers.js';

describe('files that cannot be read', () => {
  it('--summary-file that does not exist', async () => {
    const r = await run(['speech', 'add', '1', '--speaker', 'huynh thanh hai', '--kind', 'ket-luan', '--summary-file', 'ket-luan-khong-co.txt'], { db: sampleDbPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('thuky: --summary-file: không đọc được tệp ket-luan-khong-co.txt: tệp không tồn tại\n');
  });

  it('plan import of a missing file, evaluate import of a folder', async () => {
    const db = sampleDbPath();
    const missing = await run(['plan', 'import', 'ke-hoach-khong-co.csv', '--year', '2018'], { db });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('thuky: không đọc được tệp ke-hoach-khong-co.csv: tệp không tồn tại\n');
    const dir = join(tempDir(), 'thu-muc');
    mkdirSync(dir);
    const folder = await run(['evaluate', 'import', dir, '--year', '2017'], { db });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('đây là một thư mục, không phải tệp');
  });

  it('no code appears alone, in either language', async () => {
    const r = await run(['--lang', 'en', 'report', 'compliance', '--year', '2017', '--rules', 'khong-co.json'], { db: sampleDbPath() });
    expect(r.stderr).toBe('thuky: --rules: cannot read khong-co.json: no such file\n');
    expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  });

  it('a code without words of ours is named with what it is', () => {
    expect(systemReason('EXDEV', translator('vi'))).toBe('lỗi hệ thống (EXDEV)');
    expect(systemReason('EACCES', translator('vi'))).toBe('không có quyền truy cập');
  });
});
