#!/usr/bin/env node
// The `unfold` command: starts the bundled CLI (out/main/cli.js, made by `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('unfold: the CLI is not built yet; run `npm run build` in the Unfold folder first.');
  process.exit(1);
}
require(cli);
