// Runs a bench/*.ts entry (gen or run): bundles it with esbuild into node_modules/.cache (ignored by
// git, rebuilt every time, ~0.1 s) and calls its main(argv). Works on a clean clone after `npm ci`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const [name, ...argv] = process.argv.slice(2);
if (name !== 'gen' && name !== 'run') {
  process.stderr.write('usage: node bench/tsrun.mjs gen|run [options]\n');
  process.exit(2);
}
const root = dirname(dirname(fileURLToPath(import.meta.url)));
// node_modules may be a link to an install shared by several checkouts: the bundle is named after
// this checkout, and told where it is (from node_modules/.cache it would find the other one).
const tag = createHash('sha1').update(root).digest('hex').slice(0, 8);
const outfile = join(root, 'node_modules', '.cache', 'thuky-bench', `${name}-${tag}.mjs`);
process.env.THUKY_BENCH_ROOT = root;
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
