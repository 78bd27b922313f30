import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const rest = readme.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return (end >= 0 ? rest.slice(0, end) : rest)
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l))
    .slice(1)
    .map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

describe('README tables match package.json', () => {
  it('lists every contributed command, and nothing else', () => {
    const documented = tableAfter('Commands').map((row) => /`(dind\.[\w.]+)`/.exec(row[0])?.[1]);
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.deepEqual([...documented].sort(), [...contributed].sort());
  });

  it('lists every setting with its default', () => {
    const rows = tableAfter('Settings');
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    assert.deepEqual(rows.map((r) => r[0].replace(/`/g, '')).sort(), Object.keys(props).sort());
    for (const row of rows) {
      const key = row[0].replace(/`/g, '');
      assert.equal(row[2].replace(/`/g, ''), JSON.stringify(props[key].default), `default of ${key}`);
    }
  });

  it('names the test command that CI runs', () => {
    assert.match(readme, /npm test/);
    assert.match(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8'), /npm test/);
  });
});
