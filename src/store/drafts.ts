/**
 * Drafts of interactive sessions: every answer is written here as soon as it is given, so that
 * Ctrl-C, a closed terminal or a crash never loses what the secretary typed.
 */
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { writeTransaction } from './transaction.js';

export interface Draft<D = unknown> {
  id: number;
  kind: string;
  data: D;
  createdAt: string;
  updatedAt: string;
}

interface DraftRow {
  id: number;
  kind: string;
  data: string;
  createdAt: string;
  updatedAt: string;
}

const SELECT_DRAFT = `SELECT id, kind, data, created_at AS createdAt, updated_at AS updatedAt FROM draft`;

function toDraft<D>(row: DraftRow): Draft<D> {
  return { ...row, data: JSON.parse(row.data) as D };
}

/** A new draft; logged, since it is the first thing a session writes. */
export function createDraft<D>(db: Db, audit: Audit, kind: string, data: D): number {
  return writeTransaction(db, () => {
    const id = Number(
      db.prepare(`INSERT INTO draft (kind, data, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(kind, JSON.stringify(data), audit.at, audit.at).lastInsertRowid,
    );
    logChange(db, audit, 'draft', id, 'create', { kind });
    return id;
  });
}

/**
 * Saves the whole draft after an answer. Not written to the change log: it happens after every
 * answer and the draft is a scratch copy; its creation and its end (saved or discarded) are logged.
 */
export function saveDraft<D>(db: Db, id: number, data: D, at: string): void {
  writeTransaction(db, () => db.prepare(`UPDATE draft SET data = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(data), at, id));
}

export function getDraft<D = unknown>(db: Db, id: number): Draft<D> | undefined {
  const row = db.prepare(`${SELECT_DRAFT} WHERE id = ?`).get(id) as DraftRow | undefined;
  return row ? toDraft<D>(row) : undefined;
}

/** Drafts of one kind, the most recently touched first. */
export function listDrafts<D = unknown>(db: Db, kind?: string): Draft<D>[] {
  const rows = db.prepare(`${SELECT_DRAFT} WHERE (@kind IS NULL OR kind = @kind) ORDER BY updated_at DESC, id DESC`).all({ kind: kind ?? null }) as DraftRow[];
  return rows.map((r) => toDraft<D>(r));
}

/** Removes a draft (discarded, or turned into a record); the change log keeps what it held. */
export function deleteDraft(db: Db, audit: Audit, id: number, action: 'discard' | 'complete', extra: Record<string, unknown> = {}): boolean {
  return writeTransaction(db, () => {
    const before = getDraft(db, id);
    if (!before) return false;
    db.prepare(`DELETE FROM draft_lock WHERE draft_id = ?`).run(id);
    db.prepare(`DELETE FROM draft WHERE id = ?`).run(id);
    logChange(db, audit, 'draft', id, action === 'discard' ? 'delete' : 'complete', { kind: before.kind, ...extra, ...(action === 'discard' ? { data: before.data } : {}) });
    return true;
  });
}

/** Who is answering a draft: a process on a host, since when, last seen when. */
export interface DraftLock {
  draftId: number;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

const SELECT_LOCK = `SELECT draft_id AS draftId, pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM draft_lock`;

export function getDraftLock(db: Db, draftId: number): DraftLock | undefined {
  return db.prepare(`${SELECT_LOCK} WHERE draft_id = ?`).get(draftId) as DraftLock | undefined;
}

export function listDraftLocks(db: Db): DraftLock[] {
  return db.prepare(SELECT_LOCK).all() as DraftLock[];
}

export type LockResult = { ok: true; takenOver?: DraftLock } | { ok: false; holder: DraftLock };

/**
 * Takes the lock of a draft for this session, in one write transaction: refused while another live
 * session holds it (`isStale` decides whether a holder is gone), taken over from a stale one.
 */
export function lockDraft(db: Db, me: { pid: number; host: string; at: string }, draftId: number, isStale: (lock: DraftLock) => boolean): LockResult {
  return writeTransaction(db, (): LockResult => {
      const held = getDraftLock(db, draftId);
      if (held && !(held.pid === me.pid && held.host === me.host) && !isStale(held)) return { ok: false, holder: held };
      db.prepare(
        `INSERT INTO draft_lock (draft_id, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
      ).run(draftId, me.pid, me.host, me.at, me.at);
      return held && !(held.pid === me.pid && held.host === me.host) ? { ok: true, takenOver: held } : { ok: true };
    });
}

/** The session is still there. */
export function touchDraftLock(db: Db, me: { pid: number; host: string; at: string }, draftId: number): void {
  db.prepare(`UPDATE draft_lock SET heartbeat_at = ? WHERE draft_id = ? AND pid = ? AND host = ?`).run(me.at, draftId, me.pid, me.host);
}

/** The session ends: its lock goes (only its own). */
export function unlockDraft(db: Db, me: { pid: number; host: string }, draftId: number): void {
  db.prepare(`DELETE FROM draft_lock WHERE draft_id = ? AND pid = ? AND host = ?`).run(draftId, me.pid, me.host);
}

/**
 * How often each person took part in recorded meetings (chair, guest, recorder, speaker): the
 * question flows put the people a secretary records every quarter before their namesakes.
 */
export function meetingParticipation(db: Db): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT person_id AS id, count(*) AS n FROM (
         SELECT person_id FROM meeting_person
         UNION ALL SELECT recorder_id FROM meeting WHERE recorder_id IS NOT NULL
         UNION ALL SELECT speaker_id FROM speech WHERE speaker_id IS NOT NULL)
       GROUP BY person_id`,
    )
    .all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
