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
    db.prepare(`DELETE FROM draft WHERE id = ?`).run(id);
    logChange(db, audit, 'draft', id, action === 'discard' ? 'delete' : 'complete', { kind: before.kind, ...extra, ...(action === 'discard' ? { data: before.data } : {}) });
    return true;
  });
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
