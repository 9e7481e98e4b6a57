// Runs a bench/*.ts entry (gen or run): bundles it with esbuild into node_modules/.cache (ignored by
// git, rebuilt every time, ~0.1 s) and calls its main(argv). Works on a clean clone after `npm ci`.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const [name, ...argv] = process.argv.slice(2);
if (name !== 'gen' && name !== 'run') {
  process.stderr.write('usage: node bench/tsrun.mjs gen|run [options]\n');
  process.exit(2);
}
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outfile = join(root, 'node_modules', '.cache', 'thuky-bench', `${name}.mjs`);
await build({
  entryPoints: [join(root, 'bench', `${name}.ts`)],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'esbuild', 'exceljs'],
  banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
const mod = await import(pathToFileURL(outfile).href);
process.exitCode = await mod.main(argv);
