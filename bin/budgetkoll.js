#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly through tsx, so `npx budgetkoll` works
// right after `npm ci` with no build step.
const path = require('node:path');
const { register } = require('tsx/cjs/api');

register();
require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'))
  .main()
  .catch((error) => {
    process.stderr.write(`budgetkoll: Oväntat fel: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 2;
  });
