/**
 * The numbered migrations in PostgreSQL's terms: one for each of ../migrations.ts, same number,
 * same effect (test/unit/pg-schema.test.ts checks that the numbers match).
 */
import initial from './migrations/001-initial.js';
import taskEventPercent from './migrations/002-task-event-percent.js';
import grassrootsKinds from './migrations/003-grassroots-kinds.js';
import membershipHistory from './migrations/004-membership-history.js';
import commandRuns from './migrations/005-command-runs.js';
import draftLock from './migrations/006-draft-lock.js';
import taskDueOrder from './migrations/007-task-due-order.js';
import rowVersion from './migrations/008-row-version.js';
import rowUid from './migrations/009-row-uid.js';
import replication from './migrations/010-replication.js';
import personNameOrder from './migrations/011-person-name-order.js';
import commandArgsPassword from './migrations/012-command-args-password.js';
import complianceTallies from './migrations/013-compliance-tallies.js';
import carriedTaskPercent from './migrations/014-carried-task-percent.js';
import type { Migration } from '../migrations.js';

export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: initial },
  { version: 2, sql: taskEventPercent },
  { version: 3, sql: grassrootsKinds },
  { version: 4, sql: membershipHistory },
  { version: 5, sql: commandRuns },
  { version: 6, sql: draftLock },
  { version: 7, sql: taskDueOrder },
  { version: 8, sql: rowVersion },
  { version: 9, sql: rowUid },
  { version: 10, sql: replication },
  { version: 11, sql: personNameOrder },
  { version: 12, sql: commandArgsPassword },
  { version: 13, sql: complianceTallies },
  { version: 14, sql: carriedTaskPercent },
];
