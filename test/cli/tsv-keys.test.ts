/** The TSV columns documented in the README are those printed: stable English keys, the JSON field names. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, sampleDbPath } from '../helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Cột TSV / TSV columns'), readme.indexOf('### Mã thoát / Exit codes'));
const documented = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], [...m[2].matchAll(/`([^`]+)`/g)].map((k) => k[1])] as const);
const EXTRA: Record<string, string[]> = {
  'breakthrough check': ['--year', '2017'],
  'report tasks': ['--period', '2017', '--as-of', '31/12/2017'],
  'report compliance': ['--year', '2017', '--as-of', '31/12/2017'],
  'plan list': ['--year', '2017'],
  'plan list --missing': ['--year', '2017'],
  'evaluation list': ['--year', '2017'],
  'evaluation list --people': ['--year', '2017'],
};

describe('TSV columns in the README', () => {
  const db = sampleDbPath();
  it('documents every listing', () => expect(documented.length).toBeGreaterThanOrEqual(18));

  it.each(documented)('%s', async (command, keys) => {
    const r = await run([...command.split(' '), ...(EXTRA[command] ?? [])], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0].split('\t')).toEqual(keys);
    // In English too: the keys are an interface, not words of a language.
    const en = await run(['--lang', 'en', ...command.split(' '), ...(EXTRA[command] ?? [])], { db });
    expect(en.stdout.split('\n')[0].split('\t')).toEqual(keys);
    if (command !== 'overdue --format tsv' && command !== 'report compliance' && command !== 'report tasks') {
      const json = JSON.parse((await run([...command.split(' '), ...(EXTRA[command] ?? []), '--json'], { db })).stdout);
      const rows = Array.isArray(json) ? json : [];
      if (rows.length) for (const key of keys) expect(rows[0], key).toHaveProperty(key);
    }
  });
});
