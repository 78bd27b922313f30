import * as assert from 'assert/strict';
import * as fs from 'fs';
import { assertDockerReady, cli, CliResult, collapseQuietly, docker, NO_DOCKERD_IMAGE, RUN, scratchDir, sweep } from './support';

/**
 * Every level a Docker host (issue 10), on the real daemon through the CLI: an image streamed from the host to L3
 * runs there with no registry and is held by no level in between; a level whose dockerd is killed is reported
 * stopped with its reason, its children unreachable, and all come back with their images and containers on start.
 */
describe('every level a Docker host (CLI, real daemon)', function () {
  const a = `${RUN}-ea`;
  const b = `${RUN}-eb`;
  const c = `${RUN}-ec`;
  const probe = `${RUN}-eprobe`;
  // Remembered levels go to this run's own file, not the user's.
  const configDir = scratchDir('nd-config-');
  const nd = (args: string[]): Promise<CliResult> => cli(args, { env: { NESTED_DOCKER_CONFIG_DIR: configDir } });
  const json = async <T>(args: string[]): Promise<T> => {
    const r = await nd([...args, '--json']);
    assert.equal(r.code, 0, `nested-docker ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  interface Level { id: string; state: string; error: string | null; stopReason: string | null; stoppedAt: string | null; remembered: boolean }
  const levels = async () => new Map((await json<Level[]>(['ls'])).map((l) => [l.id, l]));
  const imageTags = async (id: string) => (await json<{ tags: string[] }[]>(['images', id])).flatMap((i) => i.tags);

  before(assertDockerReady);
  after(async () => {
    await collapseQuietly(a);
    sweep();
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('nests three levels', async () => {
    for (const [id, parent] of [[a, 'host'], [b, a], [c, b]]) {
      const r = await nd(['nest', '--parent', parent, '--id', id, '--quiet']);
      assert.equal(r.code, 0, r.stderr);
    }
  });

  it('copies an image from the host to L3 in one stream: it runs there, and L1 and L2 do not hold it', async () => {
    assert.ok(!(await imageTags(c)).includes(NO_DOCKERD_IMAGE), 'L3 starts without it');
    const r = await nd(['image', 'cp', NO_DOCKERD_IMAGE, '--to', c]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /sent \([\d.]+ MB streamed\)/);
    assert.ok((await imageTags(c)).includes(NO_DOCKERD_IMAGE));
    assert.ok(!(await imageTags(a)).includes(NO_DOCKERD_IMAGE), 'no copy left at L1');
    assert.ok(!(await imageTags(b)).includes(NO_DOCKERD_IMAGE), 'no copy left at L2');
    const run = await nd(['exec', c, '--', 'docker', 'run', '--name', probe, NO_DOCKERD_IMAGE, 'echo', 'hello from L3']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /hello from L3/);
    const again = await nd(['image', 'cp', NO_DOCKERD_IMAGE, '--to', c]);
    assert.match(again.stdout, /already there/, 'nothing is sent twice');
  });

  it('lists a level\'s containers, volumes and networks', async () => {
    const ps = await json<{ name: string; state: string }[]>(['ps', c]);
    assert.equal(ps.find((x) => x.name === probe)?.state, 'exited');
    const atB = await json<{ name: string }[]>(['ps', b]);
    assert.ok(!atB.some((x) => x.name.includes(c)), 'a child level is not listed as a plain container');
    const volumes = await json<{ name: string; levelData?: string }[]>(['volumes', b]);
    assert.equal(volumes.find((v) => v.name === `nested-docker-${c}-data`)?.levelData, c);
    const networks = await json<{ name: string; builtin: boolean }[]>(['networks', c]);
    assert.ok(networks.some((n) => n.name === 'bridge' && n.builtin));
    const text = await nd(['images', c]);
    assert.match(text.stdout, /^IMAGE ID\s+TAGS/);
  });

  it('names the problem and the fix for bad input, changing nothing', async () => {
    const missing = await nd(['image', 'cp', `${RUN}-nope:1`, '--to', c]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /image '.*-nope:1' is not on host\n {2}fix: list the images there/);
    const noTarget = await nd(['image', 'cp', NO_DOCKERD_IMAGE]);
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.stderr, /needs a target level\n {2}fix: add --to LEVEL/);
    const noLevel = await nd(['ps', `${RUN}-none`]);
    assert.match(noLevel.stderr, /no level '.*-none'\n {2}fix: run `nested-docker ls`/);
    const host = await nd(['stop', 'host']);
    assert.match(host.stderr, /the host is level 0/);
  });

  it('reports a level whose dockerd was killed as stopped with its reason, and its children as unreachable', async () => {
    docker(['exec', `nested-docker-${a}`, 'sh', '-c', 'kill -9 $(pidof dockerd)']);
    let l = await levels();
    for (let i = 0; i < 50 && l.get(a)?.state !== 'stopped'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      l = await levels();
    }
    assert.equal(l.get(a)?.state, 'stopped');
    assert.match(l.get(a)?.stopReason ?? '', /^exit \d+/);
    assert.ok(l.get(a)?.stoppedAt, 'the time it stopped');
    assert.deepEqual([l.get(b)?.state, l.get(b)?.error, l.get(b)?.remembered], ['unreachable', 'parent L1 stopped', true]);
    assert.deepEqual([l.get(c)?.state, l.get(c)?.error], ['unreachable', 'parent L2 unreachable']);
    const table = await nd(['ls']);
    assert.match(table.stdout, /unreachable \(parent L1 stopped\)/);
    const ps = await nd(['ps', c]);
    assert.match(ps.stderr, /not ready \(unreachable: parent L2 unreachable\)\n {2}fix: start it: nested-docker start/);
  });

  it('starts it again from the CLI, children too, with their images and stopped containers', async () => {
    const started = await json<{ started: string[] }>(['start', a]);
    assert.deepEqual(started.started, [a, b, c], 'the level, then the children that went down with it');
    const l = await levels();
    for (const id of [a, b, c]) assert.equal(l.get(id)?.state, 'ready', `${id} is ready again`);
    assert.ok((await imageTags(c)).includes(NO_DOCKERD_IMAGE), 'L3 kept its image');
    const ps = await json<{ name: string }[]>(['ps', c]);
    assert.ok(ps.some((x) => x.name === probe), 'L3 kept its stopped container');
  });

  it('stops a level deepest first and restarts it', async () => {
    assert.deepEqual((await json<{ stopped: string[] }>(['stop', b])).stopped, [c, b]);
    const l = await levels();
    assert.equal(l.get(b)?.state, 'stopped');
    assert.equal(l.get(c)?.error, 'parent L2 stopped');
    assert.deepEqual((await json<{ restarted: string[] }>(['restart', b])).restarted, [b, c]);
    assert.equal((await levels()).get(c)?.state, 'ready');
  });

  it('lists a level whose container is gone but whose data remains as data only', async () => {
    const r = await nd(['collapse', c]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await levels()).get(c)?.state, 'data-only');
    const start = await nd(['start', c]);
    assert.match(start.stderr, /only its data volume left.*\n {2}fix: re-nest it on the same data: nested-docker nest --parent/);
    const renest = await nd(['nest', '--parent', b, '--id', c, '--quiet']);
    assert.equal(renest.code, 0, renest.stderr);
    assert.ok((await imageTags(c)).includes(NO_DOCKERD_IMAGE), 're-nested on its kept data');
  });
});
