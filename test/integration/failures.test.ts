import * as assert from 'assert/strict';
import { NestedDockerEngine } from '../../src/engine/engine';
import { missingCaps, CAPABILITY_NAMES } from '../../src/engine/core/capabilities';
import { localDaemonCaps } from '../../src/engine/hosts/localDaemon';
import { isAbortError, NestedDockerError } from '../../src/engine/core/errors';
import { assertDockerReady, cli, cliJson, collapseQuietly, docker, IMAGE, leftovers, LevelJson, NO_DOCKERD_IMAGE, relayDir, RUN, sweep } from './support';

const nothingLeft = (id: string) => {
  const left = leftovers(id);
  assert.deepEqual(left, { containers: [], volumes: [], sockets: [] }, `nothing of ${id} is left behind`);
};

describe('bad input and broken levels (real daemon)', function () {
  before(assertDockerReady);
  after(sweep);

  it('a nonexistent image fails naming the image and the fix, leaving nothing', async () => {
    const id = `${RUN}-noimg`;
    const r = await cli(['nest', '--id', id, '--image', `nested-docker/missing-${RUN}:1`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /image 'nested-docker\/missing-[^']+' is not on the host daemon/);
    assert.match(r.stderr, /fix: .*npm run image:local/);
    nothingLeft(id);
  });

  it('an image without dockerd fails saying so, leaving nothing', async () => {
    const id = `${RUN}-nodockerd`;
    const r = await cli(['nest', '--id', id, '--image', NO_DOCKERD_IMAGE]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /the image has no dockerd/);
    assert.match(r.stderr, /fix: use an image that contains Docker Engine/);
    nothingLeft(id);
  });

  it('invalid daemon arguments fail quoting dockerd, leaving nothing', async () => {
    const id = `${RUN}-badargs`;
    const r = await cli(['nest', '--id', id, '--daemon-arg', '--no-such-dockerd-flag']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /dockerd rejected its arguments: .*no-such-dockerd-flag/);
    assert.match(r.stderr, /fix: fix the extra daemon arguments/);
    nothingLeft(id);
  });

  it('an invalid level id, mode or parent is refused before anything is created', async () => {
    const bad = await cli(['nest', '--id', 'Bad_Id!']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid level id/);
    const mode = await cli(['nest', '--mode', 'turbo']);
    assert.equal(mode.code, 2);
    assert.match(mode.stderr, /unknown mode 'turbo'.*\n.*fix: use one of auto, privileged, capabilities, sysbox/);
    const parent = await cli(['nest', '--parent', `${RUN}-nobody`]);
    assert.match(parent.stderr, /no level '.*-nobody'/);
  });

  it('reports a level whose dockerd was killed from outside as not ready, promptly and without hanging', async () => {
    const id = `${RUN}-kill`;
    await cliJson<LevelJson>(['nest', '--id', id, '--json']);
    try {
      const kill = await cli(['exec', id, '--', 'sh', '-c', 'kill -9 $(pidof dockerd)']);
      // The level's entrypoint ends its container once dockerd dies, which can SIGKILL this shell (137) before it exits.
      assert.ok(kill.code === 0 || kill.code === 137, `exit ${kill.code}: ${kill.stderr}`);
      let state = 'ready';
      for (let i = 0; i < 20 && state === 'ready'; i++) {
        const levels = await cliJson<LevelJson[]>(['ls', '--json']);
        state = levels.find((l) => l.id === id)?.state ?? 'gone';
        if (state === 'ready') await new Promise((r) => setTimeout(r, 250));
      }
      assert.notEqual(state, 'ready');
      const r = await cli(['exec', id, '--', 'docker', 'info'], { timeoutMs: 30000 });
      assert.notEqual(r.code, 0, 'exec into a dead level fails instead of hanging');
    } finally {
      await collapseQuietly(id);
    }
    nothingLeft(id);
  });

  it('a nest cut off between creating its container and starting it: shown as never started, then rolled back with the volume it made', async () => {
    // What a reload mid-nest leaves, made by hand with the labels a nest gives: a level container never started and
    // the data volume that nest made (its token); beside it, a kept volume of another nest and a user's own container.
    const id = `${RUN}-cut`;
    const kept = `${RUN}-keptdata`;
    const token = `tok${RUN}`;
    const label = (k: string, v: string) => ['--label', `nested-docker.${k}=${v}`];
    docker(['volume', 'create', ...label('managed', 'true'), ...label('level', id), ...label('nest', token), `nested-docker-${id}-data`]);
    docker(['volume', 'create', ...label('managed', 'true'), ...label('level', kept), ...label('nest', 'older'), `nested-docker-${kept}-data`]);
    docker(['create', '--name', `nested-docker-${id}`, ...label('managed', 'true'), ...label('level', id), ...label('parent', 'host'), ...label('depth', '1'),
      ...label('volume', `nested-docker-${id}-data`), ...label('nest', token), '-v', `nested-docker-${id}-data:/var/lib/docker`, IMAGE]);
    const user = `user-${RUN}-cut`;
    docker(['create', '--name', user, IMAGE]);
    const engine = new NestedDockerEngine({ relayDir });
    try {
      const shown = (await engine.tree({ containers: false })).children.find((c) => c.info.id === id);
      assert.equal(shown?.info.state, 'stopped');
      assert.equal(shown?.info.stopReason, 'never started: created, then cut off before its start');
      assert.deepEqual(await engine.rollBackInterruptedNests(60_000), { removed: [], waiting: 1 }, 'younger than a start may take: left alone');
      const { removed } = await engine.rollBackInterruptedNests(0);
      assert.deepEqual(removed.map((o) => `${o.kind} ${o.name}`).sort(), [`container nested-docker-${id}`, `volume nested-docker-${id}-data`]);
      nothingLeft(id);
      assert.deepEqual(leftovers(kept).volumes, [`nested-docker-${kept}-data`], 'a kept volume of another nest stays');
      assert.equal(docker(['ps', '-a', '-q', '--filter', `name=^${user}$`]).length > 0, true, "the user's own container stays");
    } finally {
      engine.dispose();
      docker(['rm', '-f', user]);
      docker(['volume', 'rm', '-f', `nested-docker-${kept}-data`]);
    }
  });

  it('cancelling a nest rolls everything back', async () => {
    const id = `${RUN}-cancel`;
    const engine = new NestedDockerEngine({ relayDir });
    const controller = new AbortController();
    try {
      await assert.rejects(
        engine.nest({
          id,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.step === 'wait') controller.abort();
          },
        }),
        (err: unknown) => isAbortError(err),
      );
    } finally {
      engine.dispose();
    }
    nothingLeft(id);
  });

  it('a level the kernel OOM-kills while it starts fails as that, names memory-limit first, and leaves nothing', async () => {
    // Levels get no memory limit from the product; the test gives its own level one as it starts (its entrypoint is
    // still small then), so that dockerd outgrows it like on a machine out of memory.
    const id = `${RUN}-oom`;
    const engine = new NestedDockerEngine({ relayDir });
    try {
      const err = await engine
        .nest({
          id,
          onProgress: (p) => {
            if (p.step === 'wait') docker(['update', '--memory', '12m', '--memory-swap', '12m', `nested-docker-${id}`]);
          },
        })
        .then(() => assert.fail('the nest should have failed'), (e: unknown) => e as NestedDockerError);
      assert.equal(err.code, 'daemon-oom', err.message);
      assert.match(err.message, /killed for lack of memory \(OOM-killed\) while starting/);
      assert.equal(err.findings?.[0]?.id, 'memory-limit');
    } finally {
      engine.dispose();
    }
    nothingLeft(id);
  });

  it('--mode privileged where the host cannot grant every capability fails clearly; auto falls back', async () => {
    const caps = localDaemonCaps();
    const limited = caps ? missingCaps(caps.mask, Math.min(caps.lastCap, CAPABILITY_NAMES.length - 1)).length > 0 : false;
    const id = `${RUN}-priv`;
    const r = await cli(['nest', '--id', id, '--mode', 'privileged', '--json']);
    if (limited) {
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /cannot grant every capability/);
      assert.match(r.stderr, /fix: nest with --mode capabilities/);
      nothingLeft(id);
      const auto = await cliJson<LevelJson>(['nest', '--id', id, '--json']);
      assert.equal(auto.mode, 'capabilities', 'auto records the mode it fell back to');
    } else {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).mode, 'privileged');
    }
    await collapseQuietly(id);
    nothingLeft(id);
  });
});

describe('auto mode fallback when the host\'s limits are unknown (real daemon)', function () {
  before(assertDockerReady);
  after(sweep);

  it('tries --privileged, and on "unable to apply caps" retries in capabilities mode', async function () {
    const caps = localDaemonCaps();
    const limited = caps ? missingCaps(caps.mask, Math.min(caps.lastCap, CAPABILITY_NAMES.length - 1)).length > 0 : false;
    const id = `${RUN}-fallback`;
    const engine = new NestedDockerEngine({ relayDir, hostCapsMask: null });
    const steps: string[] = [];
    try {
      const level = await engine.nest({ id, onProgress: (p) => steps.push(p.message) });
      assert.equal(level.state, 'ready');
      if (limited) {
        assert.equal(level.mode, 'capabilities');
        assert.ok(steps.some((m) => /\(privileged\)/.test(m)), 'privileged was tried first');
        assert.ok(steps.some((m) => /\(capabilities\)/.test(m)), 'then capabilities');
      } else {
        assert.equal(level.mode, 'privileged');
      }
      await engine.collapse(id, { purge: true });
    } finally {
      engine.dispose();
      await collapseQuietly(id);
    }
    nothingLeft(id);
  });
});
