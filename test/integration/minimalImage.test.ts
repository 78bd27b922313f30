import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { assertDockerReady, cliJson, collapseQuietly, docker, IMAGE, LevelJson, ROOT, RUN, sweep } from './support';

const MINIMAL = 'nested-docker/dind:minimal';

/** The docker-from-scratch image: at most 60 % of the full local image, and it nests two levels deep. */
describe('minimal image (real daemon)', function () {
  const a = `${RUN}-ma`;
  const b = `${RUN}-mb`;

  before(function () {
    assertDockerReady();
    // Built once (idempotent): the script is the recipe under test.
    execFileSync('bash', [path.join(ROOT, 'scripts', 'build-minimal-image.sh'), '--quiet'], { stdio: 'inherit' });
  });
  after(async () => {
    await collapseQuietly(a);
    sweep();
  });

  it('is at most 60 % of the full local image', () => {
    const size = (ref: string) => Number(docker(['image', 'inspect', '-f', '{{.Size}}', ref]).trim());
    const ratio = size(MINIMAL) / size(IMAGE);
    assert.ok(ratio <= 0.6, `minimal ${size(MINIMAL)} B is ${(ratio * 100).toFixed(0)} % of ${size(IMAGE)} B`);
  });

  it('nests two levels deep (the second seeded from the first)', async () => {
    const l1 = await cliJson<LevelJson>(['nest', '--id', a, '--image', MINIMAL, '--json', '--quiet']);
    assert.equal(l1.state, 'ready');
    const l2 = await cliJson<LevelJson>(['nest', '--parent', a, '--id', b, '--json', '--quiet']);
    assert.equal(l2.state, 'ready');
    assert.equal(l2.depth, 2);
    assert.ok(l2.version, 'the level-2 daemon answers');
    const images = (await cliJson<LevelJson[]>(['ls', '--json'])).find((l) => l.id === b);
    assert.equal((images as unknown as { image: string }).image, MINIMAL, 'a tower uses one image');
  });
});
