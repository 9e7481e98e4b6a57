/**
 * Migration 11 for PostgreSQL: nothing. SQLite's migration 11 indexes people in the Vietnamese
 * order of their names (../../migrations/011-person-name-order.ts) for the listings it sorts
 * itself; on PostgreSQL those listings are sorted by the client (store/db.ts, listsInSql), so there
 * is no index to keep. The number is taken so that both engines count alike. Frozen once released.
 */
export default `SELECT 1;
`;
