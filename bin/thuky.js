#!/usr/bin/env node
'use strict';
// A reader that stops early (`thuky overdue | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
require('../dist/thuky.cjs')
  .main()
  .then((code) => {
    process.exitCode = code;
  });
