/** Propaganda activities (hoạt động tuyên truyền) of units. */
import { UsageError } from '../errors.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../domain/compliance.js';
import type { IsoDate } from '../domain/dates.js';
import { cleanText } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { writeTransaction } from './transaction.js';

export interface Activity {
  id: number;
  unitId: number;
  unitName: string;
  heldOn: IsoDate;
  kind: ActivityKind;
  title: string;
  participants: number | null;
  illustrative: boolean;
}

export interface ActivityInput {
  unitId: number;
  heldOn: IsoDate;
  kind: ActivityKind;
  title: string;
  participants?: number | null;
  illustrative?: boolean;
}

function insertActivity(db: Db, audit: Audit, input: ActivityInput): number {
  const title = cleanText(input.title ?? '');
  if (!title) throw new UsageError('activity.titleEmpty', { field: 'title' });
  if (!ACTIVITY_KINDS.includes(input.kind)) throw new UsageError('input.badChoice', { field: 'kind', value: input.kind, accepted: ACTIVITY_KINDS.join(', ') });
  const id = Number(
    db
      .prepare('INSERT INTO activity (unit_id, held_on, kind, title, participants, illustrative, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.unitId, input.heldOn, input.kind, title, input.participants ?? null, input.illustrative ? 1 : 0, audit.at).lastInsertRowid,
  );
  logChange(db, audit, 'activity', id, 'create', { ...input, title });
  return id;
}

export function addActivity(db: Db, audit: Audit, input: ActivityInput): number {
  return writeTransaction(db, () => insertActivity(db, audit, input));
}

export function addActivities(db: Db, audit: Audit, inputs: ActivityInput[]): number[] {
  return writeTransaction(db, () => inputs.map((i) => insertActivity(db, audit, i)));
}

const SELECT_ACTIVITY = `
  SELECT a.id, a.unit_id AS unitId, u.name AS unitName, a.held_on AS heldOn, a.kind, a.title, a.participants, a.illustrative
    FROM activity a JOIN unit u ON u.id = a.unit_id`;

type ActivityRow = Omit<Activity, 'illustrative'> & { illustrative: number };

export function getActivity(db: Db, id: number): Activity | undefined {
  const row = db.prepare(`${SELECT_ACTIVITY} WHERE a.id = ?`).get(id) as ActivityRow | undefined;
  return row ? { ...row, illustrative: !!row.illustrative } : undefined;
}

export function listActivities(db: Db, filter: { unitId?: number; from?: IsoDate; to?: IsoDate; kind?: ActivityKind } = {}): Activity[] {
  const rows = db
    .prepare(
      `${SELECT_ACTIVITY}
        WHERE (@unit IS NULL OR a.unit_id = @unit)
          AND (@from IS NULL OR a.held_on >= @from)
          AND (@to IS NULL OR a.held_on <= @to)
          AND (@kind IS NULL OR a.kind = @kind)
        ORDER BY a.held_on, u.name, a.id`,
    )
    .all({ unit: filter.unitId ?? null, from: filter.from ?? null, to: filter.to ?? null, kind: filter.kind ?? null }) as ActivityRow[];
  return rows.map((r) => ({ ...r, illustrative: !!r.illustrative }));
}
