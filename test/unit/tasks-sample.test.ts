// The tasks section of the sample: linked to the meetings when they are there, tolerant when not.
import { describe, expect, it } from 'vitest';
import { memoryDatabase } from '../../src/store/db.js';
import { loadCore } from '../../src/store/sample/core.js';
import { loadSample, readSample, type SampleRefs } from '../../src/store/sample/index.js';
import { loadTasks } from '../../src/store/sample/tasks.js';
import { RuntimeError } from '../../src/errors.js';

const audit = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

function refs(): SampleRefs {
  const maps = { units: new Map<string, number>(), people: new Map<string, number>(), documents: new Map<string, number>(), meetings: new Map<string, number>(), conclusions: new Map<string, number>() };
  const get = (m: Map<string, number>, kind: string) => (k: string) => {
    const v = m.get(k);
    if (v === undefined) throw new RuntimeError('sample.badRef', { kind, key: k });
    return v;
  };
  return { ...maps, unit: get(maps.units, 'unit'), person: get(maps.people, 'person'), document: get(maps.documents, 'document'), meeting: get(maps.meetings, 'meeting') };
}

describe('sample tasks', () => {
  it('links every 2017 task to its meeting and conclusion, and replays its history', () => {
    const db = memoryDatabase();
    expect(loadSample(db, audit, 'quan1-2017')).toBe(true);
    const rows = db.prepare(`SELECT t.start_on AS startOn, t.meeting_id AS meetingId, t.conclusion_id AS conclusionId, t.kind FROM task t`).all() as { startOn: string; meetingId: number | null; conclusionId: number | null; kind: string }[];
    const from2017 = rows.filter((r) => r.startOn >= '2017-01-01');
    expect(from2017.length).toBe(80);
    expect(from2017.every((r) => r.meetingId !== null && r.conclusionId !== null)).toBe(true);
    const firstMeeting = db.prepare(`SELECT id FROM meeting WHERE held_on = '2017-06-17'`).get() as { id: number };
    expect(rows.filter((r) => r.kind === 'breakthrough').every((r) => r.meetingId === firstMeeting.id)).toBe(true);
    const events = db.prepare(`SELECT kind, count(*) AS n FROM task_event GROUP BY kind`).all() as { kind: string; n: number }[];
    expect(Object.fromEntries(events.map((e) => [e.kind, e.n]))).toMatchObject({ created: 83, extend: 2, cancel: 1 });
    expect((db.prepare(`SELECT count(*) AS n FROM task WHERE illustrative = 0`).get() as { n: number }).n).toBe(0);
  });

  it('leaves the links empty when the meetings section has not made them', () => {
    const db = memoryDatabase();
    const data = readSample('quan1-2017');
    const r = refs();
    db.transaction(() => {
      loadCore(db, audit, data, r);
      loadTasks(db, audit, data, r);
    })();
    const linked = (db.prepare(`SELECT count(*) AS n FROM task WHERE meeting_id IS NOT NULL OR conclusion_id IS NOT NULL`).get() as { n: number }).n;
    expect(linked).toBe(0);
    expect((db.prepare(`SELECT count(*) AS n FROM task`).get() as { n: number }).n).toBe(83);
  });
});
