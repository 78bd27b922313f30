import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import {
  assertDockerReady, cli, cliJson, collapseQuietly, docker, leftovers, LevelJson, NO_DOCKERD_IMAGE, relayDir, RUN, sweep,
} from './support';

/** Three levels nested from the CLI on the real daemon, rediscovered, then collapsed: the engine's core promise. */
describe('levels on a real daemon (CLI)', function () {
  const a = `${RUN}-a`;
  const b = `${RUN}-b`;
  const c = `${RUN}-c`;

  before(assertDockerReady);
  after(async () => {
    await collapseQuietly(a);
    sweep();
  });

  it('nests three levels, each on the previous level\'s daemon', async () => {
    const l1 = await cliJson<LevelJson>(['nest', '--id', a, '--json']);
    assert.equal(l1.depth, 1);
    assert.equal(l1.parentId, 'host');
    assert.equal(l1.state, 'ready');
    // L1 starts without the image: it is seeded from the host, and stderr (a pipe here, not a terminal) gets a
    // line per step and a seeding line per ~10 %, not one per chunk.
    const nested = await cli(['nest', '--parent', a, '--id', b, '--json']);
    assert.equal(nested.code, 0, nested.stderr);
    const seedLines = nested.stderr.split('\n').filter((l) => /^Seeding /.test(l));
    assert.ok(seedLines.length >= 1 && seedLines.length <= 11, `seeding lines on a pipe: ${seedLines.length}\n${nested.stderr}`);
    assert.ok(!nested.stderr.includes('\r'), 'no live-line rewrites on a pipe');
    const l2 = JSON.parse(nested.stdout) as LevelJson;
    assert.equal(l2.depth, 2);
    assert.equal(l2.parentId, a);
    // Global flags are accepted after the subcommand as well as before it.
    const l3 = await cliJson<LevelJson>(['nest', '--parent', b, '--id', c, '--json', '--host', 'unix:///var/run/docker.sock']);
    assert.equal(l3.depth, 3);
    assert.equal(l3.parentId, b);
    assert.ok(l3.version, 'the third level reports its daemon version');
  });

  it('runs a container on the third level\'s daemon, seeded through binary-safe exec stdin', async () => {
    const tar = execFileSync('docker', ['save', NO_DOCKERD_IMAGE], { maxBuffer: 64 * 1024 * 1024 });
    const load = await cli(['exec', c, '-i', '--', 'docker', 'load'], { input: tar });
    assert.equal(load.code, 0, load.stderr);
    assert.match(load.stdout, /Loaded image/);
    const run = await cli(['exec', c, '--', 'docker', 'run', '-d', '--name', `${RUN}-probe`, NO_DOCKERD_IMAGE, 'sleep', '600']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('lists depths 1–3 in the right parent chain, all ready, with daemon facts', async () => {
    const levels = await cliJson<LevelJson[]>(['ls', '--json']);
    const byId = new Map(levels.map((l) => [l.id, l]));
    assert.equal(byId.get('host')?.depth, 0);
    for (const [id, depth, parent] of [[a, 1, 'host'], [b, 2, a], [c, 3, b]] as const) {
      const l = byId.get(id);
      assert.ok(l, `level ${id} is listed`);
      assert.equal(l.depth, depth);
      assert.equal(l.parentId, parent);
      assert.equal(l.state, 'ready');
      assert.ok(['privileged', 'capabilities', 'sysbox'].includes(l.mode), `mode ${l.mode}`);
      assert.ok(l.transport === 'relay' || l.transport === 'tunnel');
      assert.match(l.containerId ?? '', /^[0-9a-f]{64}$/);
      assert.ok(l.version && l.storageDriver && l.cgroupVersion, 'daemon facts present');
    }
    const probe = byId.get(c)!.containers.find((x) => x.name === `${RUN}-probe`);
    assert.equal(probe?.state, 'running', 'the fourth container runs on the third level');
  });

  it('prints the same tree from a fresh process', async () => {
    const shape = (levels: LevelJson[]) =>
      levels.filter((l) => l.id === 'host' || l.id.startsWith(RUN))
        .map((l) => ({ id: l.id, depth: l.depth, parentId: l.parentId, state: l.state, mode: l.mode, containerId: l.containerId, transport: l.transport }));
    const first = shape(await cliJson<LevelJson[]>(['ls', '--json']));
    const second = shape(await cliJson<LevelJson[]>(['ls', '--json']));
    assert.deepEqual(second, first);
    assert.equal(first.length, 4);
  });

  it('reaches every depth through the exec tunnel too', async () => {
    const levels = await cliJson<LevelJson[]>(['--no-relay', 'ls', '--json']);
    const deep = levels.find((l) => l.id === c);
    assert.equal(deep?.transport, 'tunnel');
    assert.equal(deep?.state, 'ready');
    const r = await cli(['--no-relay', 'exec', c, '--', 'docker', 'ps', '--format', '{{.Names}}']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${RUN}-probe`));
  });

  it('collapses level 1 with everything in it, keeps its volume, and re-nesting finds its old images', async () => {
    const r = await cli(['collapse', a, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).removed, [c, b, a], 'deepest first');
    const levels = await cliJson<LevelJson[]>(['ls', '--json']);
    // Level 1's kept volume lists it as data only (ready to be nested again); its children's data is inside it.
    assert.deepEqual(levels.filter((l) => [a, b, c].includes(l.id)).map((l) => [l.id, l.state]), [[a, 'data-only']]);
    const left = leftovers(RUN);
    assert.deepEqual(left.containers, []);
    assert.deepEqual(left.sockets, [], 'relay sockets removed');
    assert.deepEqual(left.volumes, [`nested-docker-${a}-data`], 'the data volume is kept');

    await cliJson<LevelJson>(['nest', '--id', a, '--json']);
    const images = await cli(['exec', a, '--', 'docker', 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
    assert.match(images.stdout, /nested-docker\/dind:local/, 'the image seeded before the collapse is still there');
    const volumes = await cli(['exec', a, '--', 'docker', 'volume', 'ls', '--format', '{{.Name}}']);
    assert.match(volumes.stdout, new RegExp(`nested-docker-${b}-data`), 'level 2\'s kept volume lives on inside level 1');
  });

  it('purges: afterwards nothing labelled by the product remains for these levels', async () => {
    const r = await cli(['collapse', a, '--purge']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(leftovers(RUN), { containers: [], volumes: [], sockets: [] });
    if (process.env.CI) {
      // On a CI machine nothing else uses the product: nothing labelled may remain at all.
      assert.deepEqual(leftovers(null), { containers: [], volumes: [], sockets: [] });
    }
    assert.ok(fs.existsSync(relayDir));
    assert.equal((fs.statSync(relayDir).mode & 0o777).toString(8), '700', 'relay folder stays private');
    assert.ok(!docker(['ps', '-a', '--format', '{{.Names}}']).includes(`${RUN}-probe`));
    assert.ok(path.isAbsolute(relayDir));
  });
});
