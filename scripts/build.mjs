// Builds dist/:
// - thuky.cjs: the CLI as one minified CommonJS module, already wrapped in its module function
//   (see bin/thuky.js). Start-up then reads one file instead of
//   hundreds of modules and skips the ES module loader. Packages that only some commands need
//   (prompts, Word export, CSV parsing, progress bars, colour, tables) stay outside the bundle and
//   are loaded with import() by the commands that use them.
// - i18n/vi.json, i18n/en.json: the message catalogue, one file per language, so that a run reads
//   only the language it speaks.
// - thuky.cjs.cache: V8's code cache of the bundle (see bin/thuky.js).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const LAZY_PACKAGES = ['@inquirer/*', 'docx', 'cli-progress', 'chalk', 'cli-table3', 'exceljs', 'string-width', 'wrap-ansi', 'vega', '@resvg/*', 'postgres'];
const dist = new URL('../dist/', import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(new URL('i18n/', dist), { recursive: true });

// The catalogue, evaluated once here and written as JSON.
await build({ entryPoints: ['src/i18n/catalogue.ts'], outfile: 'dist/catalogue.tmp.cjs', bundle: true, format: 'cjs', platform: 'node', logLevel: 'warning' });
const catalogue = createRequire(import.meta.url)('../dist/catalogue.tmp.cjs');
for (const lang of ['vi', 'en']) writeFileSync(new URL(`i18n/${lang}.json`, dist), JSON.stringify(catalogue.loadCatalogue(lang)));
rmSync(new URL('catalogue.tmp.cjs', dist));
// The PostgreSQL bridge's worker thread (src/store/pg/pg-worker.mjs), beside the bundle that starts it.
copyFileSync(new URL('../src/store/pg/pg-worker.mjs', import.meta.url), new URL('pg-worker.mjs', dist));

/** In the bundle, the catalogue module becomes a reader of dist/i18n/<lang>.json. */
const catalogueFromJson = {
  name: 'catalogue-from-json',
  setup(b) {
    b.onResolve({ filter: /^\.\/catalogue\.js$/ }, () => ({ path: 'catalogue', namespace: 'thuky-catalogue' }));
    b.onLoad({ filter: /.*/, namespace: 'thuky-catalogue' }, () => ({
      loader: 'js',
      contents: `
        const { readFileSync } = require('node:fs');
        const { join } = require('node:path');
        exports.loadCatalogue = (lang) => JSON.parse(readFileSync(join(__dirname, 'i18n', lang + '.json'), 'utf8'));
      `,
    }));
  },
};

/**
 * Commander requires child_process at load time for executable sub-commands, which thuky does not
 * use; loading it pulls in net, dgram and more at every start. Commander gets a stub that fails
 * loudly if ever used.
 */
const noChildProcessForCommander = {
  name: 'no-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'thuky-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'thuky-stub' }, () => ({
      loader: 'js',
      contents: `const fail = () => { throw new Error('executable sub-commands are not supported'); };
        module.exports = { spawn: fail, execFileSync: fail };`,
    }));
  },
};

const require = createRequire(import.meta.url);
const sqliteAddon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(sqliteAddon)) throw new Error(`better-sqlite3 is not built: ${sqliteAddon} is missing (run npm ci)`);

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/thuky.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled and its native part named (see src/store/db.ts);
  // `bindings`, its way of finding that part, is then only a fallback.
  external: ['bindings', ...LAZY_PACKAGES],
  define: {
    'import.meta.url': '__thuky.url',
    __THUKY_SQLITE_ADDON: JSON.stringify(relative(fileURLToPath(dist), sqliteAddon)),
  },
  plugins: [catalogueFromJson, noChildProcessForCommander],
  // Source files use import.meta.url to find their package; in the CommonJS bundle it is the bundle's own URL.
  // The file is one function expression, as Node wraps a CommonJS module: bin/thuky.js compiles it
  // as it is (wrapping it at run time would copy 270 KB of source, enough to cost a garbage collection).
  banner: {
    js: [
      '(function (exports, require, module, __filename, __dirname) {',
      // The bundle's own URL, worked out only if a command asks for it.
      "const __thuky = { get url() { return require('node:url').pathToFileURL(__filename).href; } };",
      // import() of the lazy packages goes through bin/thuky.js (see below), else straight to Node.
      'const __thukyImport = globalThis.__thukyImport ?? ((specifier) => import(specifier));',
    ].join('\n'),
  },
  footer: { js: '})' },
  legalComments: 'none',
  minify: true,
  // For profiles (bench/): no comment in the bundle, so nothing reads the map at run time.
  sourcemap: 'external',
  logLevel: 'warning',
});

// A script compiled from V8's code cache loses its import() callback (Node 20), so the bundle's
// import() of the lazy packages is routed through __thukyImport, which bin/thuky.js provides from
// a module Node loaded itself.
const bundlePath = new URL('thuky.cjs', dist);
const lazy = new RegExp(`\\bimport\\((["'])((?:${LAZY_PACKAGES.map((p) => p.replace('*', '[^"\']+').replace('/', '\\/')).join('|')})(?:\\/[^"']*)?)\\1\\)`, 'g');
const code = readFileSync(bundlePath, 'utf8').replace(lazy, '__thukyImport($1$2$1)');
// bin/thuky.js reads the bundle as Latin-1, which is cheaper than UTF-8 and gives V8 a one-byte
// string: esbuild escapes non-ASCII text in strings but not in regular expressions.
const nonAscii = code.match(/.{0,40}[^\x00-\x7f].{0,20}/);
if (nonAscii) throw new Error(`dist/thuky.cjs must be ASCII (use \\u escapes in the source): ${nonAscii[0]}`);
writeFileSync(bundlePath, code);

// V8's code cache, made by running the CLI once: it holds the functions compiled by then.
// bin/thuky.js uses it when present and valid; V8 ignores a stale one.
execFileSync(process.execPath, ['bin/thuky.js', '--help'], { env: { ...process.env, THUKY_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
