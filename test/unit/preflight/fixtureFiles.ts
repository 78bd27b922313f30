// Reads test/fixtures/preflight/<id>/*.txt: a header of `# key: value` lines, then the verbatim
// excerpt. Works from the compiled out/test/... as well as from the sources.
import * as fs from 'fs';
import * as path from 'path';

export interface Fixture {
  folder: string;
  file: string;
  source: string;
  expect: string[];
  expectOrder: string[];
  expectFirst?: string;
  expectSeverity?: string;
  /**
   * `# facts: {"apparmorProfile": "docker-default (enforce)", "sysAdmin": true}`: facts of the level the text came
   * from, for causes that text alone cannot tell (explainDenials). Without it the text is classified alone.
   */
  facts?: Record<string, unknown>;
  body: string;
}

export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) {
      throw new Error(`no package.json above ${from}`);
    }
    dir = up;
  }
  return dir;
}

export const FIXTURE_DIR = path.join(projectRoot(), 'test', 'fixtures', 'preflight');

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

export function parseFixture(folder: string, file: string, text: string): Fixture {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const m = /^#\s*([a-z-]+):\s*(.*)$/.exec(lines[i]);
    if (m) {
      header[m[1]] = header[m[1]] ? `${header[m[1]]}, ${m[2]}` : m[2];
    }
  }
  return {
    folder,
    file,
    source: header.source ?? '',
    expect: header.expect ? list(header.expect) : folder === 'healthy' ? [] : [folder],
    expectOrder: list(header['expect-order']),
    expectFirst: header['expect-first'],
    expectSeverity: header['expect-severity'],
    facts: header.facts ? (JSON.parse(header.facts) as Record<string, unknown>) : undefined,
    body: lines.slice(i).join('\n'),
  };
}

export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      fs
        .readdirSync(path.join(FIXTURE_DIR, d.name))
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => parseFixture(d.name, f, fs.readFileSync(path.join(FIXTURE_DIR, d.name, f), 'utf8'))),
    );
}
