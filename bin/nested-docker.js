#!/usr/bin/env node
// Entry of the `nested-docker` CLI. In a source checkout the tsc output (out/) is what tests and developers just
// built; a packaged copy has only the webpack bundle (dist/cli.js).
const fs = require('fs');
const path = require('path');
const compiled = path.join(__dirname, '..', 'out', 'src', 'cli', 'main.js');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const entry = fs.existsSync(compiled) ? compiled : bundled;
if (!fs.existsSync(entry)) {
  process.stderr.write('nested-docker: not built yet; run `npm run compile` (or `npm run build`) first\n');
  process.exit(2);
}
// Exit once the command is done and its output is flushed: a connection the daemon left half-open (an exec that
// failed after the upgrade request was sent) must not keep a finished CLI alive.
require(entry).run(process.argv.slice(2)).then((code) => {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
