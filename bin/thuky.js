#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/thuky.cjs). Compiling the bundle is most of the start-up time, so it
// is compiled with V8's code cache (dist/thuky.cjs.cache, written by `npm run build`); without a
// usable cache, or on a Node.js that cannot load packages from such a script, it is required as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'thuky.cjs');
// The bundle's import() of packages loaded on demand (prompts, Word export…) is made from here.
globalThis.__thukyImport = (specifier) => import(specifier);
const cacheFile = `${bundle}.cache`;

function loadBundle() {
  const loader = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache: plain require below
  }
  if (!loader) return { exports: require(bundle) };
  // The bundle is ASCII (the build checks): Latin-1 is the cheapest way to read it.
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'latin1')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: loader,
  });
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, script };
}

const { exports: cli, script } = loadBundle();
cli.main().then((code) => {
  process.exitCode = code;
  if (process.env.THUKY_WRITE_CODE_CACHE === '1') writeCodeCache(script);
});

/** Called by the build after one run, so the cache holds the functions that run at start-up. */
function writeCodeCache(compiled) {
  if (compiled) fs.writeFileSync(cacheFile, compiled.createCachedData());
}
