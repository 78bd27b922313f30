#!/usr/bin/env node
// Entry of the `nested-docker` CLI: the bundled build when present, else the compiled sources.
const fs = require('fs');
const path = require('path');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const compiled = path.join(__dirname, '..', 'out', 'src', 'cli', 'main.js');
const entry = fs.existsSync(bundled) ? bundled : compiled;
if (!fs.existsSync(entry)) {
  process.stderr.write('nested-docker: not built yet; run `npm run compile` (or `npm run build`) first\n');
  process.exit(2);
}
require(entry).run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
