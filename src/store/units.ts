/** Units: wards, communes, special zones, agencies, committees, cells; with validity dates and successors. */
import { UsageError } from '../errors.js';
import { formatDateVi, type IsoDate } from '../domain/dates.js';
import { selectGrassroots, type GrassrootsScope } from '../domain/grassroots.js';
import { cleanText, fold, optionalText, sortVi } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { pickOne, resolveRef, type Candidate } from './lookup.js';
import { writeTransaction } from './transaction.js';

export const UNIT_KINDS = ['ward', 'commune', 'special-zone', 'agency', 'committee', 'cell'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  code: string | null;
  kind: UnitKind;
  parentId: number | null;
  parentName: string | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  successors: string[];
  successorIds: number[];
  predecessors: string[];
  note: string | null;
  illustrative: boolean;
}

interface UnitRow {
  id: number;
  name: string;
  code: string | null;
  kind: UnitKind;
  parentId: number | null;
  parentName: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  illustrative: number;
}

const SELECT_UNIT = `
  SELECT u.id, u.name, u.code, u.kind, u.parent_id AS parentId, p.name AS parentName,
         u.valid_from AS validFrom, u.valid_to AS validTo, u.note, u.illustrative
    FROM unit u LEFT JOIN unit p ON p.id = u.parent_id`;

function withLinks(db: Db, rows: UnitRow[]): Unit[] {
  if (!rows.length) return [];
  // One unit (show, resolve) reads only its own links; a listing reads them all at once.
  const one = rows.length === 1 ? rows[0].id : null;
  const succ = db.prepare(
    `SELECT s.unit_id AS unitId, s.successor_id AS id, u.name FROM unit_successor s JOIN unit u ON u.id = s.successor_id
      WHERE @one IS NULL OR s.unit_id = @one`,
  ).all({ one }) as { unitId: number; id: number; name: string }[];
  const pred = db.prepare(
    `SELECT s.successor_id AS unitId, u.name FROM unit_successor s JOIN unit u ON u.id = s.unit_id
      WHERE @one IS NULL OR s.successor_id = @one`,
  ).all({ one }) as { unitId: number; name: string }[];
  return rows.map((r) => ({
    ...r,
    illustrative: !!r.illustrative,
    successors: succ.filter((s) => s.unitId === r.id).map((s) => s.name),
    successorIds: succ.filter((s) => s.unitId === r.id).map((s) => s.id),
    predecessors: pred.filter((s) => s.unitId === r.id).map((s) => s.name),
  }));
}

/** Whether a unit existed on a given day. */
export function existsOn(unit: { validFrom: string | null; validTo: string | null }, date: IsoDate): boolean {
  return (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || unit.validTo >= date);
}

export interface UnitFilter {
  kind?: UnitKind;
  at?: IsoDate;
  /** Units that existed at some time between from and to. */
  from?: IsoDate;
  to?: IsoDate;
  parentId?: number;
  search?: string;
}

export function listUnits(db: Db, filter: UnitFilter = {}): Unit[] {
  const rows = db
    .prepare(
      `${SELECT_UNIT}
        WHERE (@kind IS NULL OR u.kind = @kind)
          AND (@at IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= @at) AND (u.valid_to IS NULL OR u.valid_to >= @at)))
          AND (@to IS NULL OR u.valid_from IS NULL OR u.valid_from <= @to)
          AND (@from IS NULL OR u.valid_to IS NULL OR u.valid_to >= @from)
          AND (@parent IS NULL OR u.parent_id = @parent)
          AND (@search IS NULL OR u.name_folded LIKE '%' || @search || '%')`,
    )
    .all({
      kind: filter.kind ?? null,
      at: filter.at ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      parent: filter.parentId ?? null,
      search: filter.search ? fold(filter.search) : null,
    }) as UnitRow[];
  return withLinks(db, sortVi(rows, (r) => r.name));
}

/** The grassroots units of a scope (see selectGrassroots), in Vietnamese order. */
export function grassrootsUnits(db: Db, scope: GrassrootsScope & { on: IsoDate }): Unit[] {
  return selectGrassroots(listUnits(db, { at: scope.on }), scope);
}

export function getUnit(db: Db, id: number): Unit | undefined {
  const row = db.prepare(`${SELECT_UNIT} WHERE u.id = ?`).get(id) as UnitRow | undefined;
  return row ? withLinks(db, [row])[0] : undefined;
}

/**
 * Finds a unit from an id (`#5`, or `5` when no unit has the code "5"), a code or a name typed
 * with or without accents (see lookup.ts). When several units share a name (the old and the new
 * Phường Bến Thành), the one that existed on `at` wins.
 */
export function resolveUnit(db: Db, query: string, opts: { at?: IsoDate; idNotFoundExit1?: boolean } = {}): Unit {
  return resolveRef<Unit>(
    query,
    {
      entity: 'unit',
      byId: (id) => getUnit(db, id),
      byCode: (code) => (db.prepare('SELECT id FROM unit WHERE code = ? ORDER BY id').all(code) as { id: number }[]).map((r) => getUnit(db, r.id)!),
      label: unitLabel,
      byName: (q) => {
        // A fast path on the index, for scripts and cron that pass codes: a national registry has
        // thousands of units, and the name search below reads them all.
        const byCode = db.prepare('SELECT id FROM unit WHERE code = ?').get(q) as { id: number } | undefined;
        if (byCode) return getUnit(db, byCode.id)!;
        const rows = db.prepare(`SELECT id, name, code, name_folded AS folded, valid_from AS validFrom, valid_to AS validTo FROM unit`).all() as (Candidate & {
          validFrom: string | null;
          validTo: string | null;
        })[];
        const at = opts.at;
        const candidates = rows.map((r) => ({
          ...r,
          preferred: at ? existsOn(r, at) : undefined,
          past: at ? r.validTo !== null && r.validTo < at : undefined,
          label: unitLabel(r),
        }));
        return getUnit(db, pickOne('unit', q, candidates, { abbreviations: true, date: at ? formatDateVi(at) : undefined }).id)!;
      },
    },
    opts,
  );
}

function unitLabel(u: { name: string; code?: string | null; validFrom: string | null; validTo: string | null }): string {
  return `${u.name}${u.code ? ` [${u.code}]` : ''}${u.validFrom || u.validTo ? ` (${u.validFrom ? formatDateVi(u.validFrom) : '…'} – ${u.validTo ? formatDateVi(u.validTo) : '…'})` : ''}`;
}

export interface UnitInput {
  name: string;
  code?: string | null;
  kind: UnitKind;
  parentId?: number | null;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  successorIds?: number[];
  note?: string | null;
  illustrative?: boolean;
}

export function validateUnitInput(input: UnitInput): void {
  if (!cleanText(input.name)) throw new UsageError('unit.nameEmpty');
  if (!UNIT_KINDS.includes(input.kind)) throw new UsageError('unit.badKind', { value: input.kind, accepted: UNIT_KINDS.join(', ') });
  if (input.validFrom && input.validTo && input.validTo < input.validFrom)
    throw new UsageError('unit.validRange', { from: input.validFrom, to: input.validTo });
}

export function addUnit(db: Db, audit: Audit, input: UnitInput): number {
  return writeTransaction(db, () => {
    validateUnitInput(input);
    const name = cleanText(input.name);
    const code = optionalText(input.code);
    if (code && db.prepare('SELECT 1 FROM unit WHERE code = ?').get(code)) throw new UsageError('unit.codeTaken', { code });
    const id = Number(
      db
        .prepare(
          `INSERT INTO unit (name, name_folded, code, kind, parent_id, valid_from, valid_to, note, illustrative, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(name, fold(name), code, input.kind, input.parentId ?? null, input.validFrom ?? null, input.validTo ?? null, input.note ?? null, input.illustrative ? 1 : 0, audit.at).lastInsertRowid,
    );
    for (const s of input.successorIds ?? []) db.prepare('INSERT INTO unit_successor (unit_id, successor_id) VALUES (?, ?)').run(id, s);
    logChange(db, audit, 'unit', id, 'create', { ...input, name, code });
    return id;
  });
}

export type UnitPatch = Partial<Omit<UnitInput, 'successorIds'>> & { addSuccessorIds?: number[] };

export function editUnit(db: Db, audit: Audit, id: number, patch: UnitPatch): Unit {
  return writeTransaction(db, () => {
    const before = getUnit(db, id);
    if (!before) throw new UsageError('lookup.idNotFound', { entity: 'unit', id });
    const next: UnitInput = {
      name: patch.name !== undefined ? cleanText(patch.name) : before.name,
      code: patch.code !== undefined ? optionalText(patch.code) : before.code,
      kind: patch.kind ?? before.kind,
      parentId: patch.parentId !== undefined ? patch.parentId : before.parentId,
      validFrom: patch.validFrom !== undefined ? patch.validFrom : before.validFrom,
      validTo: patch.validTo !== undefined ? patch.validTo : before.validTo,
      note: patch.note !== undefined ? patch.note : before.note,
    };
    validateUnitInput(next);
    if (next.parentId === id) throw new UsageError('unit.parentSelf', { id });
    if (next.code && next.code !== before.code && db.prepare('SELECT 1 FROM unit WHERE code = ? AND id <> ?').get(next.code, id))
      throw new UsageError('unit.codeTaken', { code: next.code });
    db.prepare(
      `UPDATE unit SET name = ?, name_folded = ?, code = ?, kind = ?, parent_id = ?, valid_from = ?, valid_to = ?, note = ? WHERE id = ?`,
    ).run(next.name, fold(next.name), next.code ?? null, next.kind, next.parentId ?? null, next.validFrom ?? null, next.validTo ?? null, next.note ?? null, id);
    for (const s of patch.addSuccessorIds ?? []) {
      if (s === id) throw new UsageError('unit.parentSelf', { id });
      db.prepare('INSERT OR IGNORE INTO unit_successor (unit_id, successor_id) VALUES (?, ?)').run(id, s);
    }
    logChange(db, audit, 'unit', id, 'update', { before: pickChanged(before, patch), after: patch });
    return getUnit(db, id)!;
  });
}

function pickChanged(before: Unit, patch: UnitPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) if (key in before) out[key] = (before as unknown as Record<string, unknown>)[key];
  return out;
}

/** Every unit's id and name (for ranking and naming units in reports). */
export function unitNames(db: Db): { id: number; name: string }[] {
  return db.prepare('SELECT id, name FROM unit').all() as { id: number; name: string }[];
}
