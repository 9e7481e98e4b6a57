/**
 * Migration 13 for PostgreSQL: nothing. SQLite's migration 13 keeps counts of plans and
 * evaluations per unit on write (../../migrations/013-compliance-tallies.ts) for its compliance
 * report; PostgreSQL keeps joining the members to their plans, since a city's rows arrive from its
 * wards by replication, which does not fire ordinary triggers. The number is taken so that both
 * engines count alike. Frozen once released.
 */
export default `SELECT 1;
`;
