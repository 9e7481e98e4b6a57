import { describe, expect, it } from 'vitest';
import { memoryDatabase, type Db } from '../../src/store/db.js';
import { addSpeech, createMeeting } from '../../src/store/meetings/write.js';
import { getMeeting } from '../../src/store/meetings/detail.js';
import { listSpeeches, speechListQuery } from '../../src/store/meetings/list.js';
import type { MeetingInput } from '../../src/store/meetings/kinds.js';
import { loadSample } from '../../src/store/sample/index.js';

const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

function sampleDb(): Db {
  const db = memoryDatabase();
  loadSample(db, AUDIT, 'quan1-2017');
  return db;
}

const id = (db: Db, table: 'unit' | 'person', column: string, value: string) => (db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).get(value) as { id: number }).id;
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function input(db: Db, over: Partial<MeetingInput> = {}): MeetingInput {
  return {
    heldOn: '2017-10-10',
    title: 'Giao ban tháng 10',
    kind: 'giao-ban',
    chairIds: [id(db, 'person', 'full_name', 'Huỳnh Thanh Hải')],
    guestIds: [],
    units: [
      { unitId: id(db, 'unit', 'code', 'BN'), present: true },
      { unitId: id(db, 'unit', 'code', 'CG'), present: false, absentReason: 'Ốm' },
    ],
    documentIds: [],
    speeches: [
      { unitId: id(db, 'unit', 'code', 'BN'), kind: 'tham-luan', summary: '  Bến Nghé  báo cáo ' },
      { speakerId: id(db, 'person', 'full_name', 'Hoàng Thị Tố Nga'), kind: 'ket-luan', summary: 'Kết luận' },
    ],
    conclusions: [
      { text: 'Hoàn thành báo cáo quý', assignUnitIds: [id(db, 'unit', 'code', 'BN'), id(db, 'unit', 'code', 'CG')], dueOn: '2017-10-31' },
      { text: 'Ghi nhận', assignUnitIds: [] },
    ],
    ...over,
  };
}

describe('createMeeting', () => {
  it('writes the meeting, its people, units, speeches and conclusions, and one task per assigned unit', () => {
    const db = sampleDb();
    const r = createMeeting(db, AUDIT, input(db));
    expect(r.conclusionIds).toHaveLength(2);
    expect(r.taskIds).toHaveLength(2);
    const tasks = db.prepare('SELECT meeting_id AS m, conclusion_id AS c, start_on AS s, due_on AS d, title FROM task WHERE id IN (?, ?)').all(...r.taskIds);
    expect(tasks).toEqual([
      { m: r.meetingId, c: r.conclusionIds[0], s: '2017-10-10', d: '2017-10-31', title: 'Hoàn thành báo cáo quý' },
      { m: r.meetingId, c: r.conclusionIds[0], s: '2017-10-10', d: '2017-10-31', title: 'Hoàn thành báo cáo quý' },
    ]);
    const m = getMeeting(db, r.meetingId, { asOf: '2017-11-01' })!;
    expect(m.period).toBe('2017-Q4');
    expect(m.organizer?.name).toBe('Quận ủy Quận 1');
    expect(m.speeches.map((s) => [s.ord, s.summary])).toEqual([[1, 'Bến Nghé báo cáo']]);
    // A speaker's unit defaults to the speaker's own.
    expect(m.chairRemarks.map((s) => [s.ord, s.speakerName, s.unitName])).toEqual([[2, 'Hoàng Thị Tố Nga', 'Quận ủy Quận 1']]);
    expect(m.units.find((u) => u.code === 'CG')).toMatchObject({ present: false, absentReason: 'Ốm' });
    expect(m.conclusions[0].tasks.map((t) => t.status)).toEqual(['overdue', 'overdue']);
    expect(m.conclusions[1].tasks).toEqual([]);
  });

  it('is one transaction: a failure while creating the tasks leaves nothing behind', () => {
    const db = sampleDb();
    const before = ['meeting', 'meeting_person', 'meeting_unit', 'speech', 'conclusion', 'task', 'change_log'].map((t) => count(db, t));
    db.exec(`CREATE TEMP TRIGGER refuse_task BEFORE INSERT ON task BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => createMeeting(db, AUDIT, input(db))).toThrow(/refused/);
    const after = ['meeting', 'meeting_person', 'meeting_unit', 'speech', 'conclusion', 'task', 'change_log'].map((t) => count(db, t));
    expect(after).toEqual(before);
  });

  it('refuses bad input before writing: absence without reason, end before start, unknown people, due before the meeting', () => {
    const db = sampleDb();
    const before = count(db, 'change_log');
    const bn = id(db, 'unit', 'code', 'BN');
    expect(() => createMeeting(db, AUDIT, input(db, { units: [{ unitId: bn, present: false }] }))).toThrow(expect.objectContaining({ key: 'meeting.absentNeedsReason', exitCode: 2 }));
    expect(() => createMeeting(db, AUDIT, input(db, { startTime: '14:00', endTime: '08:00' }))).toThrow(expect.objectContaining({ key: 'meeting.endBeforeStart' }));
    expect(() => createMeeting(db, AUDIT, input(db, { startTime: '25:00' }))).toThrow(expect.objectContaining({ key: 'meeting.badTime' }));
    expect(() => createMeeting(db, AUDIT, input(db, { chairIds: [9999] }))).toThrow(expect.objectContaining({ key: 'lookup.idNotFound', exitCode: 2 }));
    expect(() => createMeeting(db, AUDIT, input(db, { conclusions: [{ text: 'x', assignUnitIds: [bn], dueOn: '2017-01-01' }] }))).toThrow(
      expect.objectContaining({ key: 'conclusion.dueBeforeMeeting' }),
    );
    expect(() => createMeeting(db, AUDIT, input(db, { speeches: [{ kind: 'phat-bieu', summary: 'x' }] }))).toThrow(expect.objectContaining({ key: 'speech.needSpeakerOrUnit' }));
    expect(count(db, 'change_log')).toBe(before);
  });

  it('getMeeting of a missing id is undefined', () => {
    expect(getMeeting(sampleDb(), 999)).toBeUndefined();
  });
});

describe('speeches', () => {
  it('addSpeech appends by default and inserts at --order, moving later ones down', () => {
    const db = sampleDb();
    const bn = id(db, 'unit', 'code', 'BN');
    const first = addSpeech(db, AUDIT, 3, { unitId: bn, kind: 'phat-bieu', summary: 'cuối' });
    expect(first.ord).toBe(4);
    const inserted = addSpeech(db, AUDIT, 3, { unitId: bn, kind: 'phat-bieu', summary: 'đầu', ord: 1 });
    expect(inserted.ord).toBe(1);
    expect(listSpeeches(db, { meetingId: 3 }).map((s) => [s.ord, s.summary.slice(0, 4)])).toEqual([
      [1, 'đầu'],
      [2, 'Báo '],
      [3, 'Báo '],
      [4, 'Ghi '],
      [5, 'cuối'],
    ]);
  });

  it('speech list --unit --period reads through the speech_unit index, never scanning all speeches', () => {
    const db = sampleDb();
    const { sql, params } = speechListQuery({ unitId: id(db, 'unit', 'code', 'CK'), from: '2017-01-01', to: '2017-12-31' });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => /SEARCH s USING (COVERING )?INDEX speech_unit/.test(d))).toBe(true);
    expect(plan.some((d) => /^SCAN s\b/.test(d))).toBe(false);
    expect(plan.some((d) => /^SCAN m\b/.test(d))).toBe(false);
    const byMeeting = speechListQuery({ meetingId: 1 });
    const plan2 = (db.prepare(`EXPLAIN QUERY PLAN ${byMeeting.sql}`).all(byMeeting.params) as { detail: string }[]).map((r) => r.detail);
    expect(plan2.some((d) => /SEARCH s USING (COVERING )?INDEX speech_meeting/.test(d))).toBe(true);
  });
});
