/** Human-facing dates are dd/MM/yyyy and times local (Asia/Ho_Chi_Minh); JSON keeps ISO and UTC. */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/domain/datetime.js';
import { run, sampleDbPath } from '../helpers.js';

let db: string;
beforeAll(() => {
  db = sampleDbPath();
});

describe('dates people read', () => {
  it('the list of units a name matches shows dd/MM/yyyy', async () => {
    const r = await run(['unit', 'show', 'phuong'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Phường Sài Gòn [SG] (01/07/2025 – …)');
    expect(r.stderr).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('log shows local time; its JSON keeps the UTC timestamp', async () => {
    const tsv = await run(['log', '--limit', '1'], { db });
    const [header, first] = tsv.stdout.split('\n').map((line) => line.split('\t'));
    expect(first[header.indexOf('at')]).toBe('27/11/2026 07:00:00');
    const json = JSON.parse((await run(['log', '--limit', '1', '--json'], { db })).stdout);
    expect(json[0].at).toBe('2026-11-27T00:00:00.000Z');
  });

  it('the English task list writes dates as the English overdue report does', async () => {
    const r = await run(['--lang', 'en', 'task', 'list', '--unit', 'cau kho', '--as-of', '31/12/2017'], { db });
    expect(r.stdout.split('\n')[1].split('\t')[3]).toBe('31/01/2017');
    const json = JSON.parse((await run(['--lang', 'en', 'task', 'list', '--unit', 'cau kho', '--as-of', '31/12/2017', '--json'], { db })).stdout);
    expect(json[0].dueOn).toBe('2017-01-31');
  });

  it('local time crosses midnight and keeps non-timestamps as they are', () => {
    expect(formatLocalDateTime('2026-12-31T17:30:00.000Z')).toBe('01/01/2027 00:30:00');
    expect(formatLocalDateTime('không phải ngày')).toBe('không phải ngày');
  });

  it('one spelling of "not recorded" for empty fields', async () => {
    const meeting = await run(['meeting', 'show', '3'], { db });
    expect(meeting.stdout).toMatch(/^Thư ký +\(chưa ghi\)$/m);
    const unit = await run(['unit', 'show', 'ben nghe'], { db });
    expect(unit.stdout).toMatch(/^Hiệu lực từ +\(chưa ghi\)$/m);
    const en = await run(['--lang', 'en', 'meeting', 'show', '3'], { db });
    expect(en.stdout).toContain('(not recorded)');
  });
});
