/**
 * Migration 11: people kept in the Vietnamese order of their names by an index, so that a listing
 * of every person (and the plans, unit by unit) streams from it instead of sorting first: its first
 * row is written at once. The index is on thuky_name_key(full_name), a function every connection
 * defines (store/name-order.ts; the key is domain/name-key.ts), then the id, which is the listing's
 * order among people whose names collate equal. SQLite keeps it on every write to the name: adding,
 * editing, importing, undoing and copying people need nothing more. A name the key does not know
 * is indexed under NULL, and a listing that finds one sorts as before. Frozen once released.
 */
export default `CREATE INDEX person_name_order ON person(thuky_name_key(full_name), id, full_name, unit_id, positions, is_member, active, note, illustrative, name_folded);
`;
