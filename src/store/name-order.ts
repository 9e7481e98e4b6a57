/**
 * Vietnamese order inside SQLite: SQL functions that give each name its rank in the order sortVi
 * (domain/text.ts) gives, so that a listing of 300,000 people is sorted by SQLite and written as it
 * is read, instead of sorted in JavaScript and read again by batches of ids. Each distinct name is
 * collated once, when the function is made (a city has ~17,000 distinct names for 300,000 people).
 */
import { nameKey } from '../domain/name-key.js';
import { givenName, ranksVi } from '../domain/text.js';
import type { Db } from './db.js';

/**
 * Defines thuky_name_key(full_name), the key of domain/name-key.ts that the index of people
 * person_name_order is built on: every SQLite connection defines it (db.ts, connect), since every write of a
 * name updates that index.
 */
export function defineNameKey(db: Db): void {
  // A city has ~17,000 distinct names for 300,000 people: each key is worked out once.
  const known = new Map<string, string | null>();
  db.function('thuky_name_key', { deterministic: true }, (name: unknown) => {
    if (typeof name !== 'string') return null;
    let key = known.get(name);
    if (key === undefined) {
      if (known.size >= 100_000) known.clear();
      known.set(name, (key = nameKey(name)));
    }
    return key;
  });
}

/**
 * Whether every person's name has a key (no NULL in the index person_name_order): the listings then
 * read people in order from that index, else they sort by vi_name_rank.
 */
export function namesHaveKeys(db: Db): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM person WHERE thuky_name_key(full_name) IS NULL)').pluck().get() === 1;
}

/** Vietnamese names sort by given name (the last word), then by the whole name. */
const given = givenName;
const whole = (name: string) => name;

/**
 * Defines vi_name_rank(full_name) on this connection: people ordered by it, then by id, come in
 * the order sortVi(…, BY_NAME) gives them in id order. A name written after the ranks were taken
 * (another process) gets a rank past every other.
 */
export function defineNameRank(db: Db): void {
  const names = db.prepare('SELECT DISTINCT full_name FROM person').pluck().all() as string[];
  const ranks = ranksVi(names, given, whole);
  const rankOf = new Map<string, number>();
  names.forEach((n, i) => rankOf.set(n, ranks[i]));
  const after = names.length;
  db.function('vi_name_rank', { deterministic: true }, (name: unknown) => rankOf.get(name as string) ?? after);
}

/** Defines vi_unit_rank(name): units by name in Vietnamese order; a missing unit ('' or NULL) as sortVi ranks ''. */
export function defineUnitRank(db: Db): void {
  const names = ['', ...(db.prepare('SELECT DISTINCT name FROM unit').pluck().all() as string[])];
  const ranks = ranksVi(names, whole);
  const rankOf = new Map<string, number>();
  names.forEach((n, i) => rankOf.set(n, ranks[i]));
  const after = names.length;
  db.function('vi_unit_rank', { deterministic: true }, (name: unknown) => rankOf.get((name as string | null) ?? '') ?? after);
}

/**
 * The units in Vietnamese order of their names, as groups of ids whose names collate equal (listed
 * together); `none` marks the group where units without a name would sort, which is where a listing
 * puts rows without a unit (vi_unit_rank ranks them as '').
 */
export function unitGroupsVi(db: Db): { ids: number[]; none: boolean }[] {
  const units = db.prepare('SELECT id, name FROM unit ORDER BY id').all() as { id: number; name: string }[];
  const names = [{ id: null, name: '' }, ...units];
  const ranks = ranksVi(names, (u) => u.name);
  const groups: { ids: number[]; none: boolean }[] = [];
  const byRank = new Map<number, { ids: number[]; none: boolean }>();
  const order = names.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
  for (const i of order) {
    let group = byRank.get(ranks[i]);
    if (!group) byRank.set(ranks[i], (group = { ids: [], none: false })), groups.push(group);
    const id = names[i].id;
    if (id === null) group.none = true;
    else group.ids.push(id);
  }
  return groups;
}

/** Records as the JSON bytes the SQL-built listings give (where the database cannot build them). */
export function* asJson(records: Iterable<unknown>): Generator<Buffer> {
  for (const r of records) yield Buffer.from(JSON.stringify(r));
}

