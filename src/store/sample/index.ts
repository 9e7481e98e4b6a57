/**
 * Loading a bundled sample data set (data/samples/NAME.json) in one transaction. Each feature
 * loads its own section; the refs object lets later sections point at records made earlier by key.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError, UsageError } from '../../errors.js';
import { logChange, type Audit } from '../changelog.js';
import type { Db } from '../db.js';
import { loadCore } from './core.js';
import { loadOfficialUnits } from './official.js';
import { loadMeetings } from './meetings.js';
import { loadTasks } from './tasks.js';
import { loadCompliance } from './compliance.js';
import { writeTransaction } from '../transaction.js';

export interface SampleRefs {
  units: Map<string, number>;
  people: Map<string, number>;
  documents: Map<string, number>;
  meetings: Map<string, number>;
  /** `${meetingKey}#${ord}` → conclusion id. */
  conclusions: Map<string, number>;
  unit(key: string): number;
  person(key: string): number;
  document(code: string): number;
  meeting(key: string): number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SampleData = Record<string, any>;

export type SampleLoader = (db: Db, audit: Audit, data: SampleData, refs: SampleRefs) => void;

/** In order: later sections refer to records of earlier ones. */
const LOADERS: SampleLoader[] = [loadOfficialUnits, loadCore, loadMeetings, loadTasks, loadCompliance];

/** The data/ folder of the installed package, found from this file (bundled or not). */
export function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'samples'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new RuntimeError('sample.noDataDir');
}

export function listSamples(): string[] {
  return readdirSync(join(dataDir(), 'samples'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function readSample(name: string): SampleData {
  if (!/^[a-z0-9-]+$/.test(name) || !listSamples().includes(name)) throw new UsageError('sample.unknown', { name, accepted: listSamples().join(', ') });
  return JSON.parse(readFileSync(join(dataDir(), 'samples', `${name}.json`), 'utf8')) as SampleData;
}

function makeRefs(): SampleRefs {
  const get = (map: Map<string, number>, kind: string) => (key: string) => {
    const id = map.get(key);
    if (id === undefined) throw new RuntimeError('sample.badRef', { kind, key });
    return id;
  };
  const refs = {
    units: new Map<string, number>(),
    people: new Map<string, number>(),
    documents: new Map<string, number>(),
    meetings: new Map<string, number>(),
    conclusions: new Map<string, number>(),
  };
  return {
    ...refs,
    unit: get(refs.units, 'unit'),
    person: get(refs.people, 'person'),
    document: get(refs.documents, 'document'),
    meeting: get(refs.meetings, 'meeting'),
  };
}

export function sampleLoaded(db: Db, name: string): boolean {
  return !!db.prepare(`SELECT 1 FROM change_log WHERE entity = 'sample' AND action = 'load' AND json_extract(changes, '$.name') = ?`).get(name);
}

/** Loads a sample once; a second call finds it loaded and writes nothing. Returns whether it loaded. */
export function loadSample(db: Db, audit: Audit, name: string): boolean {
  const data = readSample(name);
  return writeTransaction(db, () => {
    if (sampleLoaded(db, name)) return false;
    const refs = makeRefs();
    for (const load of LOADERS) load(db, audit, data, refs);
    logChange(db, audit, 'sample', null, 'load', { name });
    return true;
  });
}
