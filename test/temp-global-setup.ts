/**
 * One folder for everything a test run writes (databases, exports, PostgreSQL clusters, pseudo-
 * terminal homes), removed when the run ends: TMPDIR points there, so os.tmpdir() in the test
 * workers and in every process they start gives it. Without it each run left thousands of folders in
 * the system's temporary folder (tens of gigabytes after a few hundred runs).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const run = mkdtempSync(join(tmpdir(), 'thuky-run-'));
  // Other users reach into it (sticky, as /tmp is): the PostgreSQL server runs as postgres, one test as another user.
  chmodSync(run, 0o1777);
  process.env.TMPDIR = run;
  return () => rmSync(run, { recursive: true, force: true });
}
