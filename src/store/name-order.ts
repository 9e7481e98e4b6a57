/**
 * Vietnamese order inside SQLite: SQL functions that give each name its rank in the order sortVi
 * (domain/text.ts) gives, so that a listing of 300,000 people is sorted by SQLite and written as it
 * is read, instead of sorted in JavaScript and read again by batches of ids. Each distinct name is
 * collated once, when the function is made (a city has ~17,000 distinct names for 300,000 people).
 */
import { ranksVi } from '../domain/text.js';
import type { Db } from './db.js';

/** Vietnamese names sort by given name (the last word), then by the whole name. */
const given = (name: string) => name.slice(name.lastIndexOf(' ') + 1);
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

/** Records as the JSON bytes the SQL-built listings give (where the database cannot build them). */
export function* asJson(records: Iterable<unknown>): Generator<Buffer> {
  for (const r of records) yield Buffer.from(JSON.stringify(r));
}

