import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { assertDockerReady, cli, cliJson, collapseQuietly, docker, LevelJson, RUN, scratchDir, sweep } from './support';

/**
 * The product's default relay folder (nested-docker-<uid> in the runtime folder, here a scratch one) on a real daemon: kept while a
 * stopped level still binds it, made again (private) when that level starts after a reboot or a temp cleaner removed
 * it, and removed with the last level, so nothing stays behind.
 */
describe('relay folder on a real daemon', function () {
  const a = `${RUN}-ra`;
  const b = `${RUN}-rb`;
  const scratch = scratchDir('nd-relayfolder-');
  // The product's default folder, in a runtime folder of this test's own (NESTED_DOCKER_RELAY_DIR unset).
  const env = { XDG_RUNTIME_DIR: scratch, NESTED_DOCKER_RELAY_DIR: '' };
  const folder = path.join(scratch, `nested-docker-${process.getuid?.() ?? 'user'}`);
  const run = (args: string[]) => cli(args, { env });

  before(assertDockerReady);
  after(async () => {
    await collapseQuietly(a);
    await collapseQuietly(b);
    sweep();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the folder while a stopped level binds it, and makes it again, private, when that level starts', async () => {
    for (const id of [a, b]) {
      const nested = await run(['nest', '--id', id, '--quiet']);
      assert.equal(nested.code, 0, nested.stderr);
    }
    assert.equal((await run(['stop', b])).code, 0);
    const collapsed = await run(['collapse', a, '--purge', '--quiet']);
    assert.equal(collapsed.code, 0, collapsed.stderr);
    assert.ok(fs.existsSync(folder), 'a stopped level still binds the folder, so it stays');

    fs.rmSync(folder, { recursive: true, force: true });
    const started = await run(['start', b]);
    assert.equal(started.code, 0, started.stderr);
    assert.equal(fs.statSync(folder).mode & 0o777, 0o700, 'made again with the private mode, not by Docker as 0755');
    const listed = await cliJson<LevelJson[]>(['ls', '--json']);
    assert.equal(listed.find((l) => l.id === b)?.state, 'ready');
    assert.ok(fs.existsSync(path.join(folder, `${b}.sock`)), 'the started level\'s socket is in the folder again');
  });

  it('removes the folder with the last level container, unless another level remains on the daemon', async () => {
    const collapsed = await run(['collapse', b, '--purge', '--quiet']);
    assert.equal(collapsed.code, 0, collapsed.stderr);
    // Another level on this daemon (a user's own, on this machine) may bind the folder too: then it is kept.
    const others = docker(['ps', '-a', '--filter', 'label=nested-docker.level', '--format', '{{.Names}}']).split('\n').filter(Boolean);
    assert.equal(fs.existsSync(folder), others.length > 0, `relay folder after the last collapse, other level containers: ${others.join(', ') || 'none'}`);
  });
});
