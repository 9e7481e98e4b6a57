/**
 * Migration 9 for PostgreSQL: as ../../migrations/009-row-uid.ts, the uid a column default of
 * thuky_uuidv7() (PostgreSQL 18's uuidv7() as text, written for 15 and later: the milliseconds
 * from clock_timestamp(), the random bits from gen_random_uuid()'s, built in since 13). Adding the
 * column with that default gives each row already there its own. Frozen once released.
 */
const TABLES = [
  'unit', 'person', 'document', 'meeting', 'speech', 'conclusion', 'task_group', 'task', 'task_event', 'plan',
  'evaluation', 'activity', 'membership_history',
];

export default `
CREATE FUNCTION thuky_uuidv7() RETURNS text LANGUAGE sql VOLATILE AS $f$
  SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-' || substr('89ab', 1 + floor(random() * 4)::int, 1)
         || substr(r, 4, 3) || '-' || substr(r, 7, 12)
  FROM (SELECT lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') AS h,
               substr(u, 1, 12) || substr(u, 18, 15) AS r
        FROM (SELECT replace(gen_random_uuid()::text, '-', '') AS u) g) s
$f$;
${TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN uid text DEFAULT thuky_uuidv7();
CREATE UNIQUE INDEX ${t}_uid ON ${t}(uid);`,
).join('\n')}
`;
