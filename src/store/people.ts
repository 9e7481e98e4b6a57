/** Cadres and party members. */
import { UsageError } from '../errors.js';
import { cleanText, fold, givenName, sortVi } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import { newUid } from './uid.js';
import { listsInSql, type Db } from './db.js';
import { pickOne, resolveRef } from './lookup.js';
import { inBatches } from './rows.js';
import { asJson, defineNameRank, namesHaveKeys } from './name-order.js';
import { writeTransaction } from './transaction.js';

export interface Person {
  id: number;
  fullName: string;
  unitId: number | null;
  unitName: string | null;
  positions: string[];
  isMember: boolean;
  active: boolean;
  note: string | null;
  illustrative: boolean;
}

interface PersonRow extends Omit<Person, 'positions' | 'isMember' | 'active' | 'illustrative'> {
  positions: string;
  isMember: number;
  active: number;
  illustrative: number;
}

const SELECT_PERSON = `
  SELECT p.id, p.full_name AS fullName, p.unit_id AS unitId, u.name AS unitName, p.positions,
         p.is_member AS isMember, p.active, p.note, p.illustrative
    FROM person p LEFT JOIN unit u ON u.id = p.unit_id`;

/** Converts the row in place: a city lists 300,000 people, and a copy of each would double the memory. */
function toPerson(r: PersonRow): Person {
  const p = r as unknown as Person;
  p.positions = JSON.parse(r.positions) as string[];
  p.isMember = !!r.isMember;
  p.active = !!r.active;
  p.illustrative = !!r.illustrative;
  return p;
}

export interface PersonFilter {
  unitId?: number;
  search?: string;
  members?: boolean;
  active?: boolean;
  limit?: number;
}

export function listPeople(db: Db, filter: PersonFilter = {}): Person[] {
  return [...iteratePeople(db, filter)];
}

/**
 * The same people one at a time, in Vietnamese order of names (then by id), read in that order from
 * the index person_name_order (or sorted by SQLite when a name has no key) and written as they are read (a city lists 300,000 people).
 */
export function* iteratePeople(db: Db, filter: PersonFilter = {}): Generator<Person> {
  if (filter.limit === undefined && listsInSql(db)) {
    // Read in order from the index of names, else sorted by SQLite; written as read (see name-order.ts).
    const rows = db.prepare(`${SELECT_PERSON} WHERE ${PERSON_FILTERS} ORDER BY ${personOrder(db)}`).iterate(personParams(filter)) as IterableIterator<PersonRow>;
    for (const row of rows) yield toPerson(row);
    return;
  }
  // The first `limit` people read, then sorted: only ids and names are read and sorted first.
  const keys = db
    .prepare(
      `SELECT p.id, p.full_name AS fullName FROM person p
        WHERE (@unit IS NULL OR p.unit_id = @unit)
          AND (@search IS NULL OR p.name_folded LIKE '%' || @search || '%')
          AND (@members IS NULL OR p.is_member = @members)
          AND (@active IS NULL OR p.active = @active)
        LIMIT @limit`,
    )
    .all({
      unit: filter.unitId ?? null,
      search: filter.search ? fold(filter.search) : null,
      members: filter.members === undefined ? null : filter.members ? 1 : 0,
      active: filter.active === undefined ? null : filter.active ? 1 : 0,
      limit: filter.limit ?? -1,
    }) as { id: number; fullName: string }[];
  const rows = db.prepare(`${SELECT_PERSON} WHERE p.id IN (SELECT value FROM json_each(?))`);
  for (const row of inBatches(sortVi(keys, ...BY_NAME), rows)) yield toPerson(row as PersonRow);
}

/**
 * People in Vietnamese order of names, then by id: from the index of names, person_name_order when
 * every name has a key, else by each name's rank (defined here, see name-order.ts). Same order.
 */
function personOrder(db: Db): string {
  if (namesHaveKeys(db)) return PERSON_KEY_ORDER;
  defineNameRank(db);
  return 'vi_name_rank(p.full_name), p.id';
}

const PERSON_FILTERS = `(@unit IS NULL OR p.unit_id = @unit)
          AND (@search IS NULL OR p.name_folded LIKE '%' || @search || '%')
          AND (@members IS NULL OR p.is_member = @members)
          AND (@active IS NULL OR p.active = @active)`;

function personParams(filter: PersonFilter) {
  return {
    unit: filter.unitId ?? null,
    search: filter.search ? fold(filter.search) : null,
    members: filter.members === undefined ? null : filter.members ? 1 : 0,
    active: filter.active === undefined ? null : filter.active ? 1 : 0,
  };
}

const bool = (expr: string) => `json(CASE WHEN ${expr} THEN 'true' ELSE 'false' END)`;

/**
 * The same people as iteratePeople (without a limit), each as the JSON of a Person built by SQLite
 * (UTF-8 bytes): a listing of a city's 300,000 people never becomes JavaScript objects.
 */
export function iteratePeopleJson(db: Db, filter: Omit<PersonFilter, 'limit'> = {}): IterableIterator<Buffer> {
  if (!listsInSql(db)) return asJson(iteratePeople(db, filter));
  return db.prepare(personJsonSql(personOrder(db))).pluck().iterate(personParams(filter)) as IterableIterator<Buffer>;
}

/** The SQL of iteratePeopleJson in an order of personOrder's (exported for the tests of its plan). */
export function personJsonSql(order: string): string {
  return `SELECT CAST(json_object('id', p.id, 'fullName', p.full_name, 'unitId', p.unit_id, 'unitName', u.name, 'positions', json(p.positions),
              'isMember', ${bool('p.is_member')}, 'active', ${bool('p.active')}, 'note', p.note, 'illustrative', ${bool('p.illustrative')}) AS BLOB)
         FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE ${PERSON_FILTERS} ORDER BY ${order}`;
}

/** The order of people read from the index of names, person_name_order. */
export const PERSON_KEY_ORDER = 'thuky_name_key(p.full_name), p.id';

/** Vietnamese names sort by given name (the last word), then by the whole name. */
export const BY_NAME = [(p: { fullName: string }) => givenName(p.fullName), (p: { fullName: string }) => p.fullName] as const;

export function getPerson(db: Db, id: number): Person | undefined {
  const row = db.prepare(`${SELECT_PERSON} WHERE p.id = ?`).get(id) as PersonRow | undefined;
  return row ? toPerson(row) : undefined;
}

/** Finds a person by id (`#12` or `12`, see lookup.ts) or by name typed with or without accents, optionally within a unit. */
export function resolvePerson(db: Db, query: string, opts: { unitId?: number; idNotFoundExit1?: boolean } = {}): Person {
  const label = (p: Person) => `${p.fullName}${p.unitName ? ` — ${p.unitName}` : ''}${p.positions.length ? ` (${p.positions.join(', ')})` : ''}`;
  return resolveRef(
    query,
    {
      entity: 'person',
      byId: (id) => getPerson(db, id),
      label,
      byName: (q) => {
        const f = fold(q);
        // The exact name first (through the index: it is found however many names contain it), else names
        // holding every word typed, in any order ("hai huynh" finds Huỳnh Thanh Hải), as pickOne decides.
        const params = { unit: opts.unitId ?? null, f, words: JSON.stringify(f.split(' ').filter(Boolean)) };
        let rows = db.prepare(`${SELECT_PERSON} WHERE (@unit IS NULL OR p.unit_id = @unit) AND p.name_folded = @f`).all(params) as PersonRow[];
        if (!rows.length)
          rows = db
            .prepare(
              `${SELECT_PERSON} WHERE (@unit IS NULL OR p.unit_id = @unit)
                  AND NOT EXISTS (SELECT 1 FROM json_each(@words) w WHERE instr(p.name_folded, w.value) = 0) LIMIT 50`,
            )
            .all(params) as PersonRow[];
        const people = rows.map(toPerson);
        const picked = pickOne('person', q, people.map((p) => ({ id: p.id, name: p.fullName, folded: fold(p.fullName), label: label(p) })));
        return people.find((p) => p.id === picked.id)!;
      },
    },
    opts,
  );
}

export interface PersonInput {
  fullName: string;
  unitId?: number | null;
  positions?: string[];
  isMember?: boolean;
  active?: boolean;
  note?: string | null;
  illustrative?: boolean;
}

export function addPerson(db: Db, audit: Audit, input: PersonInput): number {
  const fullName = cleanText(input.fullName ?? '');
  if (!fullName) throw new UsageError('person.nameEmpty');
  const positions = (input.positions ?? []).map(cleanText).filter(Boolean);
  return writeTransaction(db, () => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO person (full_name, name_folded, unit_id, positions, is_member, active, note, illustrative, created_at, uid)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(fullName, fold(fullName), input.unitId ?? null, JSON.stringify(positions), input.isMember === false ? 0 : 1, input.active === false ? 0 : 1, input.note ?? null, input.illustrative ? 1 : 0, audit.at, newUid()).lastInsertRowid,
    );
    logChange(db, audit, 'person', id, 'create', { ...input, fullName, positions });
    return id;
  });
}

export function editPerson(db: Db, audit: Audit, id: number, patch: Partial<PersonInput>): Person {
  return writeTransaction(db, () => {
    const before = getPerson(db, id);
    if (!before) throw new UsageError('lookup.idNotFound', { entity: 'person', id });
    const fullName = patch.fullName !== undefined ? cleanText(patch.fullName) : before.fullName;
    if (!fullName) throw new UsageError('person.nameEmpty');
    const positions = patch.positions !== undefined ? patch.positions.map(cleanText).filter(Boolean) : before.positions;
    db.prepare(
      `UPDATE person SET full_name = ?, name_folded = ?, unit_id = ?, positions = ?, is_member = ?, active = ?, note = ? WHERE id = ?`,
    ).run(
      fullName,
      fold(fullName),
      patch.unitId !== undefined ? patch.unitId : before.unitId,
      JSON.stringify(positions),
      (patch.isMember ?? before.isMember) ? 1 : 0,
      (patch.active ?? before.active) ? 1 : 0,
      patch.note !== undefined ? patch.note : before.note,
      id,
    );
    logChange(db, audit, 'person', id, 'update', { before: { fullName: before.fullName, unitId: before.unitId, positions: before.positions, isMember: before.isMember, active: before.active }, after: patch });
    return getPerson(db, id)!;
  });
}
