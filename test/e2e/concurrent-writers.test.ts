// Several processes write to one database file at the same time, with a reader alongside. Every
// write transaction takes the write lock first (BEGIN IMMEDIATE), so a writer waits for another
// instead of failing with "database busy". Uses the built bundle (`npm test` builds first).
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConcurrentJobs, type Job } from '../concurrent-jobs.js';
import { runJson, sampleDbPath } from '../helpers.js';

/** Commands per writer process. */
const K = 10;

describe('concurrent writers on one file', () => {
  it('every write of every kind succeeds once, with speech and conclusion numbers unique and gap-free', async () => {
    const db = sampleDbPath();
    const dir = dirname(db);
    const meeting = await runJson<{ id: number }>(['meeting', 'add', '--date', '15/01/2018', '--title', 'Giao ban ghi đồng thời', '--invite', 'BN', 'CK'], { db });
    const M = String(meeting.id);
    const planner = await runJson<{ id: number }>(['person', 'add', 'Người Lập Kế Hoạch', '--unit', 'BN'], { db });
    const evaluated = await runJson<{ id: number }>(['person', 'add', 'Người Được Đánh Giá', '--unit', 'BN'], { db });
    const toFinish: number[] = [];
    for (let i = 0; i < K; i++) {
      const [t] = await runJson<{ id: number }[]>(['task', 'add', `Việc sẽ hoàn thành ${i}`, '--unit', 'CK', '--start', '01/01/2018', '--due', '31/12/2018'], { db });
      toFinish.push(t.id);
    }
    const range = (f: (i: number) => string[]) => Array.from({ length: K }, (_, i) => f(i));
    const jobs: Job[] = [
      { name: 'speech-a', commands: range((i) => ['speech', 'add', M, '--unit', 'BN', '--kind', 'phat-bieu', '--summary', `Ý kiến A${i}`]) },
      { name: 'speech-b', commands: range((i) => ['speech', 'add', M, '--unit', 'CK', '--kind', 'phat-bieu', '--summary', `Ý kiến B${i}`]) },
      { name: 'conclude-a', commands: range((i) => ['meeting', 'conclude', M, '--text', `Kết luận A${i}`]) },
      { name: 'conclude-b', commands: range((i) => ['meeting', 'conclude', M, '--text', `Kết luận B${i}`, '--assign', 'BN', '--within', '30d']) },
      { name: 'task-add', commands: range((i) => ['task', 'add', `Việc ghi đồng thời ${i}`, '--unit', 'CK', '--start', '01/01/2018', '--due', '31/12/2018']) },
      { name: 'task-done', commands: range((i) => ['task', 'done', String(toFinish[i]), '--on', '01/02/2018']) },
      { name: 'plan-add', commands: range((i) => ['plan', 'add', '--person', 'Người Lập Kế Hoạch', '--unit', 'BN', '--year', String(2010 + i), '--submitted', `15/03/${2010 + i}`]) },
      { name: 'evaluate', commands: range((i) => ['evaluate', '--person', 'Người Được Đánh Giá', '--unit', 'BN', '--year', String(2010 + i), '--result', 'tot']) },
      { name: 'activity-add', commands: range((i) => ['activity', 'add', '--unit', 'BN', '--date', `${String(i + 1).padStart(2, '0')}/10/2017`, '--kind', 'chao-co', '--title', `Chào cờ ghi đồng thời ${i}`]) },
      { name: 'reader', reader: true, commands: [['meeting', 'show', M, '--json'], ['task', 'list', '--unit', 'CK', '--json']] },
    ];
    await runConcurrentJobs(db, dir, jobs);

    const h = new Database(db, { readonly: true });
    const speeches = h.prepare('SELECT ord, summary FROM speech WHERE meeting_id = ? ORDER BY ord').all(meeting.id) as { ord: number; summary: string }[];
    expect(speeches.map((s) => s.ord)).toEqual(Array.from({ length: 2 * K }, (_, i) => i + 1));
    expect(speeches.map((s) => s.summary).sort()).toEqual([...range((i) => [`Ý kiến A${i}`]), ...range((i) => [`Ý kiến B${i}`])].flat().sort());
    const conclusions = h.prepare('SELECT ord, text FROM conclusion WHERE meeting_id = ? ORDER BY ord').all(meeting.id) as { ord: number; text: string }[];
    expect(conclusions.map((c) => c.ord)).toEqual(Array.from({ length: 2 * K }, (_, i) => i + 1));
    expect(conclusions.map((c) => c.text).sort()).toEqual([...range((i) => [`Kết luận A${i}`]), ...range((i) => [`Kết luận B${i}`])].flat().sort());
    // One task per conclusion of the second writer, each tied to its conclusion.
    expect(h.prepare('SELECT count(*) AS n FROM task WHERE meeting_id = ?').get(meeting.id)).toEqual({ n: K });
    const added = h.prepare(`SELECT title FROM task WHERE title LIKE 'Việc ghi đồng thời %' ORDER BY title`).all() as { title: string }[];
    expect(added.map((t) => t.title)).toEqual(range((i) => [`Việc ghi đồng thời ${i}`]).flat().sort());
    const finished = h.prepare(`SELECT id, done_on AS doneOn FROM task WHERE id IN (${toFinish.map(() => '?').join(',')})`).all(...toFinish) as { doneOn: string | null }[];
    expect(finished.map((t) => t.doneOn)).toEqual(Array(K).fill('2018-02-01'));
    expect(h.prepare(`SELECT count(*) AS n FROM task_event WHERE kind = 'done' AND task_id IN (${toFinish.map(() => '?').join(',')})`).get(...toFinish)).toEqual({ n: K });
    const plans = h.prepare('SELECT year FROM plan WHERE person_id = ? ORDER BY year').all(planner.id) as { year: number }[];
    expect(plans.map((p) => p.year)).toEqual(Array.from({ length: K }, (_, i) => 2010 + i));
    const evaluations = h.prepare('SELECT year FROM evaluation WHERE person_id = ? ORDER BY year').all(evaluated.id) as { year: number }[];
    expect(evaluations.map((e) => e.year)).toEqual(Array.from({ length: K }, (_, i) => 2010 + i));
    const activities = h.prepare(`SELECT title FROM activity WHERE title LIKE 'Chào cờ ghi đồng thời %' ORDER BY title`).all() as { title: string }[];
    expect(activities.map((a) => a.title)).toEqual(range((i) => [`Chào cờ ghi đồng thời ${i}`]).flat().sort());
    h.close();
  }, 120_000);
});
