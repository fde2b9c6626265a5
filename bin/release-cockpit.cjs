#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm install` (prepare) into dist/. If that step was
// skipped, say how to fix it instead of failing with a module error.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('release-cockpit: not built yet; run `npm install` (or `npm run build`) in ' + join(__dirname, '..') + '\n');
  process.exit(3);
}
require(cli);
