/**
 * Migration 8: each record a person edits carries a version, 1 when written and one more at each
 * change (the recording triggers of a writing connection raise it, changelog.ts), so that an edit
 * made on what was read before someone else's change can be refused (`--if-version`). Frozen once
 * released.
 */
export const VERSIONED_TABLES = ['unit', 'person', 'document', 'meeting', 'task', 'plan', 'evaluation', 'activity'] as const;

export default VERSIONED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`).join('\n') + '\n';
