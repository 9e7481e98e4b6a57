// The "Must show" commands, run through the built binary on a fresh database.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runBin, tempDir } from '../helpers.js';

const DIST = join(BIN, '..', '..', 'dist', 'thuky.cjs');

describe('compliance: must-show commands on the built binary', () => {
  let db: string;
  beforeAll(() => {
    // Run after the build (npm test builds first): a missing bundle is a failure, never a silent skip.
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first (npm test does)`);
    db = join(tempDir(), 't.db');
    const r = runBin(['init', '--sample', 'quan1-2017', '--db', db]);
    expect(r.code).toBe(0);
  });

  it('report compliance --year 2017: the table in a pipe', () => {
    const r = runBin(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--db', db]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'));
    const verdicts = Object.fromEntries(rows.map((c) => [c[0], c[8]]));
    expect(verdicts['Phường Bến Nghé']).toBe('Đạt');
    expect(verdicts['Phường Cầu Ông Lãnh']).toBe('Đạt');
    expect(verdicts['Phường Nguyễn Thái Bình']).toBe('Đạt');
    expect(Object.values(verdicts).filter((v) => v === 'Chưa đạt')).toHaveLength(7);
  });

  it('--json', () => {
    const r = runBin(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { units: { code: string; failing: string[] }[] };
    expect(report.units.find((u) => u.code === 'NCT')!.failing).toEqual(['breakthrough', 'tasks']);
  });

  it('--period 2017-Q2 --format md', () => {
    const r = runBin(['report', 'compliance', '--period', '2017-Q2', '--as-of', '30/06/2017', '--db', db, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| Phường Phạm Ngũ Lão |');
    expect(r.stdout).toContain('- Kế hoạch cá nhân: đạt khi ≥ 95%');
  });

  it('--detail "da kao"', () => {
    const r = runBin(['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017', '--detail', 'da kao', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kết quả: Chưa đạt (khâu đột phá)');
  });

  it('plan list --missing --unit "ben thanh"', () => {
    const r = runBin(['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh', '--db', db]);
    expect(r.code).toBe(0);
    // Header, two members, then the summary after a blank line.
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('');
    expect(lines[4]).toContain('2 đảng viên chưa có kế hoạch cá nhân năm 2017');
  });

  it('a CSV import with a BOM, semicolons and CRLF', () => {
    const file = join(tempDir(), 'ke-hoach.csv');
    writeFileSync(file, '\uFEFFHọ và tên;Ngày nộp;Nội dung\r\nTrần Văn Mới;15/03/2018;Đăng ký làm theo\r\n');
    const r = runBin(['plan', 'import', file, '--year', '2018', '--unit', 'ben nghe', '--create-people', '--db', db]);
    expect(r.stderr).toContain('Đã nhập 1 kế hoạch cá nhân năm 2018');
    expect(r.code).toBe(0);
  });
});
