// Bundles the CLI into dist/ so that start-up reads one file instead of hundreds of modules.
// Code behind a dynamic import() (prompts, Word export, progress bars) lands in its own chunk
// and is read only by the commands that use it.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { thuky: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __thukyCreateRequire } from 'node:module'; const require = __thukyCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
