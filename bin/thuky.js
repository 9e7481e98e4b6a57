#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/thuky.cjs: one CommonJS module, already wrapped in its module
// function). Compiling the bundle is most of the start-up time, so it is compiled with V8's code
// cache (dist/thuky.cjs.cache, written by `npm run build`); V8 ignores a missing or stale cache.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'thuky.cjs');
const cacheFile = `${bundle}.cache`;
// The bundle's import() of packages loaded on demand (prompts, Word export…) is made from here.
globalThis.__thukyImport = (specifier) => import(specifier);

function loadBundle() {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache: compiled from source
  }
  const loader = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  // The bundle is ASCII (the build checks): Latin-1 is the cheapest way to read it.
  const script = new vm.Script(fs.readFileSync(bundle, 'latin1'), {
    filename: bundle,
    cachedData,
    ...(loader ? { importModuleDynamically: loader } : {}),
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
  fs.writeFileSync(cacheFile, compiled.createCachedData());
}
