// Bundles the CLI into one CommonJS file, dist/thuky.cjs: start-up then reads one file instead of
// hundreds of modules, and skips the ES module loader (measured ~10 ms faster than an ESM bundle).
// Packages that only some commands need (prompts, Word export, CSV parsing, progress bars, colour,
// tables) stay outside the bundle and are loaded with import() by the commands that use them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

export const LAZY_PACKAGES = ['@inquirer/*', 'docx', 'cli-progress', 'csv-parse', 'chalk', 'cli-table3'];

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/thuky.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', ...LAZY_PACKAGES],
  // Source files use import.meta.url to find their package; in the CommonJS bundle it is the bundle's own URL.
  define: { 'import.meta.url': '__thukyUrl' },
  banner: { js: "const __thukyUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
