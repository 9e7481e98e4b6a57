#!/usr/bin/env node
'use strict';
require('../dist/thuky.cjs')
  .main()
  .then((code) => {
    process.exitCode = code;
  });
