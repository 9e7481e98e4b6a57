/**
 * Registering many units at once (the official list, a CSV or Excel file): one transaction, one
 * prepared statement per kind of write, idempotent on the unit's code. A dry run does the same
 * work and rolls it back, so that what it reports is exactly what a real run would do.
 */
import { writeOrDryRun } from './transaction.js';
import type { IsoDate } from '../domain/dates.js';
import { fold } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import type { UnitKind } from './units.js';

/** A unit that already exists (`id`) or one made by an earlier row of the same import (`row`). */
export type UnitRef = { id: number } | { row: number };

export interface UnitImportRow {
  /** Line of the source, for messages. */
  line: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  parent: UnitRef | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  successors?: UnitRef[];
  note?: string | null;
}

export interface UnitImportOptions {
  /** Entity name in the change log's summary line ("official list", a file name). */
  source: string;
  dryRun?: boolean;
  /**
   * An existing unit keeps its parent and validity; only its name and kind follow the source.
   * The official list says nothing about how an office arranged its units.
   */
  namesOnly?: boolean;
  tick?: (done: number) => void;
}

export interface UnitChange {
  id: number;
  code: string | null;
  line: number;
  changes: Record<string, { before: unknown; after: unknown }>;
}

export interface UnitImportResult {
  added: number;
  /** New units by kind. */
  addedByKind: Record<string, number>;
  updated: UnitChange[];
  unchanged: number;
  /** The unit of each row, in row order (new ids are rolled back by a dry run). */
  ids: number[];
  dryRun: boolean;
}

interface ExistingRow {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export function importUnits(db: Db, audit: Audit, rows: readonly UnitImportRow[], opts: UnitImportOptions): UnitImportResult {
  const byCode = db.prepare('SELECT id, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo FROM unit WHERE code = ?');
  // A row without a code is the same unit as one of that name, kind and parent.
  const byName = db.prepare(
    `SELECT id, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo FROM unit
      WHERE name_folded = ? AND kind = ? AND parent_id IS ? AND code IS NULL`,
  );
  const insert = db.prepare(
    `INSERT INTO unit (name, name_folded, code, kind, parent_id, valid_from, valid_to, note, illustrative, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const update = db.prepare('UPDATE unit SET name = ?, name_folded = ?, kind = ?, parent_id = ?, valid_from = ?, valid_to = ? WHERE id = ?');
  const addSuccessor = db.prepare('INSERT OR IGNORE INTO unit_successor (unit_id, successor_id) VALUES (?, ?)');

  const work = () => {
    const ids: number[] = [];
    const idOf = (ref: UnitRef | null): number | null => (ref === null ? null : 'id' in ref ? ref.id : ids[ref.row]);
    const result: UnitImportResult = { added: 0, addedByKind: {}, updated: [], unchanged: 0, ids, dryRun: !!opts.dryRun };
    rows.forEach((r, i) => {
      if (i % 200 === 0) opts.tick?.(i);
      const parentId = idOf(r.parent);
      const found = (r.code ? byCode.get(r.code) : byName.get(fold(r.name), r.kind, parentId)) as ExistingRow | undefined;
      if (!found) {
        ids.push(Number(insert.run(r.name, fold(r.name), r.code, r.kind, parentId, r.validFrom, r.validTo, r.note ?? null, audit.at).lastInsertRowid));
        result.added++;
        result.addedByKind[r.kind] = (result.addedByKind[r.kind] ?? 0) + 1;
        return;
      }
      ids.push(found.id);
      const next = opts.namesOnly
        ? { ...found, name: r.name, kind: r.kind }
        : { ...found, name: r.name, kind: r.kind, parentId: r.parent ? parentId : found.parentId, validFrom: r.validFrom ?? found.validFrom, validTo: r.validTo ?? found.validTo };
      const changes: UnitChange['changes'] = {};
      for (const key of ['name', 'kind', 'parentId', 'validFrom', 'validTo'] as const)
        if (next[key] !== found[key]) changes[key] = { before: found[key], after: next[key] };
      if (Object.keys(changes).length) {
        update.run(next.name, fold(next.name), next.kind, next.parentId, next.validFrom, next.validTo, found.id);
        logChange(db, audit, 'unit', found.id, 'update', { source: opts.source, line: r.line, changes });
        result.updated.push({ id: found.id, code: r.code, line: r.line, changes });
      } else result.unchanged++;
    });
    rows.forEach((r, i) => {
      for (const s of r.successors ?? []) addSuccessor.run(ids[i], idOf(s));
    });
    opts.tick?.(rows.length);
    if (result.added || result.updated.length)
      logChange(db, audit, 'unit', null, 'import', { source: opts.source, added: result.added, updated: result.updated.length, unchanged: result.unchanged });
    return result;
  };
  return writeOrDryRun(db, opts.dryRun, work);
}
