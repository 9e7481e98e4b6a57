/**
 * Migration 12: command lines recorded before passwords were taken out of them (see
 * pg/url.ts argWithoutPassword) may hold a PostgreSQL URL with its password. Only a command run
 * against a PostgreSQL database carries such a URL (`--db`, `--city`, `--ward-db`, `db copy --to`),
 * and those are recorded in that database: SQLite's twin has nothing to clean, and keeps the
 * numbers of both engines alike. Frozen once released.
 */
export default `
-- Nothing to change on SQLite.
SELECT 1;
`;
