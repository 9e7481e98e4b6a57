// overdue --json in a pipe is built by SQLite; on a terminal from report objects. Both must agree.
import { describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';

describe('overdue --json: the pipe form and the terminal form say the same', () => {
  const db = sampleDbPath();
  for (const [asOf, extra] of [
    ['31/12/2017', []],
    ['31/12/2017', ['--due-within', '30']],
    ['20/09/2017', ['--due-within', '14', '--unit', 'cau kho', 'NCT']],
    ['31/12/2017', ['--kind', 'breakthrough']],
    ['31/12/2017', ['--lang', 'en']],
    ['01/01/2017', []],
  ] as const) {
    it(`as of ${asOf} ${extra.join(' ')}`, async () => {
      const pipe = await run(['overdue', '--json', '--as-of', asOf, ...extra], { db });
      const tty = await run(['overdue', '--json', '--as-of', asOf, ...extra], { db, tty: true });
      expect(pipe.code).toBe(0);
      expect(pipe.stdout.split('\n').length).toBe(2); // one compact line
      expect(JSON.parse(pipe.stdout)).toEqual(JSON.parse(tty.stdout));
    });
  }

  it('has items with sources, in report order, and the exit codes of the flags', async () => {
    const r = JSON.parse((await run(['overdue', '--json', '--as-of', '31/12/2017'], { db })).stdout);
    expect(r.counts).toMatchObject({ overdue: 5, overdueUnits: 2 });
    expect(r.overdue.map((i: { unitName: string }) => i.unitName)).toEqual(['Phường Cầu Kho', 'Phường Cầu Kho', 'Phường Cầu Kho', 'Phường Nguyễn Cư Trinh', 'Phường Nguyễn Cư Trinh']);
    expect(r.overdue.some((i: { source: string }) => i.source.includes('kết luận 2'))).toBe(true);
    expect((await run(['overdue', '--json', '--as-of', '31/12/2017', '--fail-on-overdue'], { db })).code).toBe(3);
    const quiet = await run(['overdue', '--json', '--as-of', '01/01/2017', '--quiet-when-empty'], { db });
    expect([quiet.code, quiet.stdout]).toEqual([0, '']);
  });
});
