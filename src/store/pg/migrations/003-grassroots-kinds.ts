/**
 * Migration 3 for PostgreSQL: as ../../migrations/003-grassroots-kinds.ts. PostgreSQL changes a
 * CHECK in place, so the unit table is not rebuilt. Frozen once released.
 */
export default `
ALTER TABLE unit DROP CONSTRAINT unit_kind_check;
ALTER TABLE unit ADD CONSTRAINT unit_kind_check CHECK (kind IN ('ward','commune','special-zone','agency','committee','cell'));
ALTER TABLE person ADD COLUMN birth_on TEXT COLLATE "C";
ALTER TABLE person ADD COLUMN party_card TEXT COLLATE "C";
`;
