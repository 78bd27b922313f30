// The shape of src/: no import cycles (type-only ones included), engine folders that depend one way, no unused
// exports. The checker itself is scripts/checkArchitecture.ts (also run by `npm run lint`).
import * as assert from 'assert/strict';
import * as path from 'path';
import { checkArchitecture, findCycles, layerViolations, parseModule, unusedExports } from '../../scripts/checkArchitecture';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function modules(files: Record<string, string>) {
  const exists = (f: string) => f in files;
  return Object.entries(files).map(([file, text]) => parseModule(file, text, exists));
}

describe('architecture', () => {
  it('holds for this repository', function () {
    this.timeout(60_000); // parses every source file: ~2 s, more on a loaded machine
    assert.deepEqual(checkArchitecture(ROOT), []);
  });

  it('finds a cycle made only of type imports', () => {
    const found = findCycles(modules({
      'src/engine/launch/a.ts': "import type { B } from './b';\nexport interface A { b: B }",
      'src/engine/launch/b.ts': "export interface B { a: import('./a').A }",
    }));
    assert.deepEqual(found, [['src/engine/launch/a.ts', 'src/engine/launch/b.ts']]);
  });

  it('finds imports that go up the engine layers or into its root files', () => {
    const found = layerViolations(modules({
      'src/engine/core/errors.ts': "import { Finding } from '../preflight/finding';",
      'src/engine/preflight/finding.ts': "export * from '../engine';",
      'src/engine/engine.ts': "import { Finding } from './preflight/finding';",
    }));
    assert.equal(found.length, 2);
    assert.match(found[0], /'core' is below 'preflight'/);
    assert.match(found[1], /root files/);
  });

  it('finds exports nothing imports, following re-exports and export *', () => {
    const found = unusedExports(modules({
      'src/engine/index.ts': "export { used } from './x';\nexport * from './y';",
      'src/engine/x.ts': 'export function used() {}\nexport function unused() {}',
      'src/engine/y.ts': 'export interface Options { a: number }\nexport function viaStar(o: Options) {}\nexport const notImported = 1;',
      'src/cli/main.ts': "import { used, viaStar } from '../engine';",
    }));
    assert.deepEqual(found, ['src/engine/x.ts#unused', 'src/engine/y.ts#notImported']);
  });
});
