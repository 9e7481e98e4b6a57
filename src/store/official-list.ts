/** The official list of grassroots units shipped in data/ (see data/README.md for its source). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { OfficialListError, parseOfficialList, type OfficialUnit } from '../domain/official-units.js';
import { dataDir } from './sample/index.js';

export const OFFICIAL_LIST_FILE = 'don-vi-hanh-chinh-2025.csv';

/** The shipped list, or another edition of it given as a file (same columns). */
export function readOfficialList(file?: string): OfficialUnit[] {
  const path = file ?? join(dataDir(), OFFICIAL_LIST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError('compliance.import.cannotRead', { file: path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  try {
    return parseOfficialList(text);
  } catch (err) {
    if (err instanceof OfficialListError) throw new UsageError('officialList.bad', { file: path, line: err.line, reason: err.reason });
    throw err;
  }
}
