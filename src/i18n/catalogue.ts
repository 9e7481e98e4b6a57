/**
 * Every message, one part per feature. The built CLI does not bundle this module: the build writes
 * one JSON file per language (dist/i18n/vi.json, en.json) and the CLI reads only the one it speaks.
 */
import type { CataloguePart, Lang, Messages } from './index.js';
import core from './core.js';
import tasks from './tasks.js';
import meetings from './meetings.js';
import record from './record.js';
import recordLive from './record-live.js';
import recordReview from './record-review.js';
import compliance from './compliance.js';
import dates from './dates.js';
import completion from './completion.js';
import hardening from './hardening.js';
import imports from './imports.js';
import undo from './undo.js';
import terminal from './terminal.js';
import documents from './documents.js';
import postgres from './postgres.js';
import replication from './replication.js';
import syncStatus from './sync-status.js';


export const catalogueParts: Record<string, CataloguePart> = { core, tasks, meetings, record, compliance, dates, completion, hardening, imports, undo, terminal, documents, recordLive, recordReview, postgres, replication, syncStatus };

export function loadCatalogue(lang: Lang): Messages {
  const out: Messages = {};
  for (const part of Object.values(catalogueParts)) Object.assign(out, part[lang]);
  return out;
}
