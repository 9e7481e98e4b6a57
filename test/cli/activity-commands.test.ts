import { describe, expect, it } from 'vitest';
import { run, runJson, sampleDbPath, openTestDb } from '../helpers.js';

function activityCount(db: string): number {
  const h = openTestDb(db, { readonly: true });
  const n = (h.prepare('SELECT count(*) AS n FROM activity').get() as { n: number }).n;
  h.close();
  return n;
}

interface Activity {
  id: number;
  unitName: string;
  heldOn: string;
  kind: string;
  title: string;
  participants: number | null;
}

describe('activity add and list', () => {
  it('records an activity of the unit that existed on its date', async () => {
    const db = sampleDbPath();
    const a = await runJson<Activity>(['activity', 'add', '--unit', 'ben thanh', '--date', '02/10/2017', '--kind', 'guong-dien-hinh', '--title', '  Tuyên dương  gương điển hình ', '--participants', '45'], { db });
    expect(a).toMatchObject({ unitName: 'Phường Bến Thành', heldOn: '2017-10-02', kind: 'guong-dien-hinh', title: 'Tuyên dương gương điển hình', participants: 45 });
    const h = openTestDb(db, { readonly: true });
    expect((h.prepare("SELECT u.code FROM activity a JOIN unit u ON u.id = a.unit_id WHERE a.id = ?").get(a.id) as { code: string }).code).toBe('BT');
    h.close();
    const later = await runJson<Activity>(['activity', 'add', '--unit', 'ben thanh', '--date', '01/10/2025', '--kind', 'hoc-tap', '--title', 'Học tập'], { db });
    const h2 = openTestDb(db, { readonly: true });
    expect((h2.prepare("SELECT u.code FROM activity a JOIN unit u ON u.id = a.unit_id WHERE a.id = ?").get(later.id) as { code: string }).code).toBe('BT-2025');
    h2.close();
  });

  it('a kind that is not one of the six, a bad date or an empty title is exit 2 and writes nothing', async () => {
    const db = sampleDbPath();
    const before = activityCount(db);
    const bad = await run(['activity', 'add', '--unit', 'BN', '--date', '02/10/2017', '--kind', 'van-nghe', '--title', 'Văn nghệ'], { db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('chao-co, ke-chuyen, hoc-tap, guong-dien-hinh, truyen-thong, khac');
    expect((await run(['activity', 'add', '--unit', 'BN', '--date', '32/10/2017', '--kind', 'khac', '--title', 'x'], { db })).code).toBe(2);
    expect((await run(['activity', 'add', '--unit', 'BN', '--date', '02/10/2017', '--kind', 'khac', '--title', '  '], { db })).code).toBe(2);
    expect((await run(['activity', 'add', '--unit', 'BN', '--date', '02/10/2017', '--kind', 'khac', '--title', 'x', '--participants', '-3'], { db })).code).toBe(2);
    expect(activityCount(db)).toBe(before);
  });

  it('lists by unit, period and kind', async () => {
    const db = sampleDbPath();
    const pnl = await runJson<Activity[]>(['activity', 'list', '--unit', 'pham ngu lao', '--period', '2017'], { db });
    expect(pnl).toHaveLength(12);
    expect(new Set(pnl.map((a) => a.kind))).toEqual(new Set(['ke-chuyen']));
    const q2 = await runJson<Activity[]>(['activity', 'list', '--period', '2017-Q2', '--kind', 'chao-co'], { db });
    expect(q2.length).toBe(27);
    expect(q2.every((a) => a.heldOn >= '2017-04-01' && a.heldOn <= '2017-06-30' && a.kind === 'chao-co')).toBe(true);
    const table = await run(['activity', 'list', '--unit', 'PNL', '--period', '2017-01'], { db, tty: true });
    expect(table.stdout).toContain('kể chuyện về Bác');
    expect((await run(['activity', 'list', '--period', 'mùa xuân'], { db })).code).toBe(2);
  });
});
