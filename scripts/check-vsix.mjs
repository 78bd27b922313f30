// Fails when the VSIX ships node_modules or native .node files (the bundle must be self-contained and portable).
// Reads the zip's central directory directly: no unzip tool needed.
import * as fs from 'node:fs';

const file = process.argv[2] ?? 'nested-docker-sessions.vsix';
const buf = fs.readFileSync(file);
const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) throw new Error(`${file} is not a zip file`);
const count = buf.readUInt16LE(eocd + 10);
let offset = buf.readUInt32LE(eocd + 16);
const names = [];
for (let i = 0; i < count; i++) {
  const nameLen = buf.readUInt16LE(offset + 28);
  const extraLen = buf.readUInt16LE(offset + 30);
  const commentLen = buf.readUInt16LE(offset + 32);
  names.push(buf.subarray(offset + 46, offset + 46 + nameLen).toString('utf8'));
  offset += 46 + nameLen + extraLen + commentLen;
}
const bad = names.filter((n) => /(^|\/)node_modules\//.test(n) || /\.node$/.test(n));
const needed = [
  'extension/dist/extension.js', 'extension/resources/entrypoint.sh', 'extension/package.json',
  'extension/media/map/map.js', 'extension/media/map/map.css', 'extension/syntaxes/dockerd-log.tmLanguage.json',
];
// Every picture the README (the Marketplace page) and the walkthrough show ships too.
const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
for (const m of readme.matchAll(/\]\((media\/[^)\s]+\.(?:png|gif|jpg))\)/g)) needed.push(`extension/${m[1]}`);
const walkthroughs = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).contributes.walkthroughs ?? [];
for (const w of walkthroughs) for (const st of w.steps) if (st.media?.image) needed.push(`extension/${st.media.image}`);
const missing = needed.filter((n) => !names.includes(n));
if (bad.length || missing.length) {
  console.error(`check-vsix: ${file}: forbidden ${JSON.stringify(bad)}, missing ${JSON.stringify(missing)}`);
  process.exit(1);
}
console.log(`check-vsix: ${file}: ${names.length} files, no node_modules, no .node files`);
