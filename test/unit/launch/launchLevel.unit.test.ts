// The launch sequence against an in-process fake daemon: every fallback, cancel at each step, and the rollback
// of each partially created resource, without Docker (the real-daemon suites in test/integration/ stay).
import * as assert from 'assert/strict';
import type Dockerode from 'dockerode';
import { isAbortError, NestedDockerError } from '../../../src/engine/core/errors';
import type { NestOptions } from '../../../src/engine/core/types';
import { launchLevel, LaunchContext } from '../../../src/engine/launch/launchLevel';
import { LaunchMemory } from '../../../src/engine/launch/launchPolicy';
import { Labels } from '../../../src/engine/levels/labels';
import type { LevelNode } from '../../../src/engine/levels/levelNode';
import { childNode, hostNode } from '../../builders/levels';
import { FakeDaemon, FakeHost, LaunchStep } from './fakeDaemon';

const CAPS_REFUSED = 'OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown';
const RELAY = '/run/user/1000/nested-docker-1000';
/** The bounding set of a host that has every capability up to CHECKPOINT_RESTORE (bit 40). */
const ALL_CAPS = (1n << 41n) - 1n;

interface Rig {
  daemon: FakeDaemon;
  host: FakeHost;
  ctx: LaunchContext;
  logs: string[];
}

/** `relayDir` null: the host daemon is not on this machine, so no level gets a relay socket. */
function rig(memory = new LaunchMemory(), relayDir: string | null = RELAY): Rig {
  const daemon = new FakeDaemon();
  const host = new FakeHost();
  const logs: string[] = [];
  return { daemon, host, logs, ctx: { daemonOf: () => daemon, host, relayDir: relayDir ?? undefined, memory, log: (l) => logs.push(l) } };
}

function root(version = '24.0.7', capsMask: bigint | undefined = ALL_CAPS, runtimes = ['runc']): LevelNode {
  return hostNode({ facts: { version, runtimes } }, { capsMask });
}

const modes = (d: FakeDaemon) => d.creates.map((c) => (c.Labels ?? {})[Labels.mode]);
const capAdd = (c: Dockerode.ContainerCreateOptions) => c.HostConfig?.CapAdd ?? [];
const binds = (c: Dockerode.ContainerCreateOptions) => (c.HostConfig?.Mounts ?? []).filter((m) => m.Type === 'bind');

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected the launch to fail');
}

describe('launchLevel over a fake daemon', () => {
  it('launches privileged on a daemon that grants everything: image, volume, container, relay socket', async () => {
    const r = rig();
    const info = await launchLevel(r.ctx, root(), { id: 'l1' });
    assert.equal(info.mode, 'privileged');
    assert.deepEqual(modes(r.daemon), ['privileged']);
    assert.equal(r.daemon.creates[0].HostConfig?.Privileged, true);
    assert.deepEqual(binds(r.daemon.creates[0]).map((m) => m.Source), [RELAY]);
    assert.equal((r.daemon.creates[0].Labels ?? {})[Labels.relaySocket], 'l1.sock');
    assert.deepEqual([...r.daemon.volumes.keys()], ['nested-docker-l1-data']);
    assert.deepEqual(r.host.relayDirs, [RELAY]);
    // The nest's token, on the volume it made and on the container: how a nest cut off before its start is told apart.
    const token = (r.daemon.creates[0].Labels ?? {})[Labels.nest];
    assert.match(token, /^[0-9a-f]{12}$/);
    assert.equal(r.daemon.volumes.get('nested-docker-l1-data')?.[Labels.nest], token);
  });

  it('falls back to capabilities when privileged is refused, and goes straight there next time', async () => {
    const r = rig();
    r.daemon.refuse = (call, o) => (call === 'start' && o.HostConfig?.Privileged ? CAPS_REFUSED : undefined);
    // An unknown bounding set (a socket from elsewhere): auto tries privileged first.
    const info = await launchLevel(r.ctx, root('24.0.7', undefined), { id: 'l1' });
    assert.equal(info.mode, 'capabilities');
    assert.deepEqual(modes(r.daemon), ['privileged', 'capabilities']);
    assert.equal(r.daemon.containers.size, 1, 'the refused container was removed');
    assert.ok(r.logs.some((l) => /privileged refused on host/.test(l)));
    assert.ok(capAdd(r.daemon.creates[1]).includes('SYS_ADMIN'));

    await launchLevel(r.ctx, root('24.0.7', undefined), { id: 'l2' });
    assert.deepEqual(modes(r.daemon), ['privileged', 'capabilities', 'capabilities'], 'the refusal was remembered');
  });

  it('does not fall back when privileged was asked for explicitly, and says how to fix it', async () => {
    const r = rig();
    r.daemon.refuse = (call) => (call === 'start' ? CAPS_REFUSED : undefined);
    r.host.kernelLines = ['[ 12.3] audit: apparmor="DENIED" operation="capable"'];
    const err = await rejection(launchLevel(r.ctx, root('24.0.7', undefined), { id: 'l1', mode: 'privileged' }));
    assert.ok(err instanceof NestedDockerError);
    assert.equal(err.code, 'caps-unavailable');
    assert.match(err.hint!, /--mode capabilities/);
    assert.ok(err.findings?.some((f) => f.id === 'caps-unavailable'), 'the failure is diagnosed');
    assert.deepEqual(r.daemon.leftovers(), []);
  });

  it('skips privileged where the bounding set lacks a capability, and asks only for what the parent has', async () => {
    const r = rig();
    const withoutSysModule = ALL_CAPS & ~(1n << 16n);
    await launchLevel(r.ctx, root('24.0.7', withoutSysModule), { id: 'l1' });
    assert.deepEqual(modes(r.daemon), ['capabilities']);
    assert.ok(!capAdd(r.daemon.creates[0]).includes('SYS_MODULE'));
    assert.ok(capAdd(r.daemon.creates[0]).includes('CHECKPOINT_RESTORE'), 'a current daemon gets the newest capabilities');
  });

  it('chooses sysbox where the daemon has sysbox-runc', async () => {
    const r = rig();
    await launchLevel(r.ctx, root('24.0.7', ALL_CAPS, ['runc', 'sysbox-runc']), { id: 'l1' });
    assert.equal(r.daemon.creates[0].HostConfig?.Runtime, 'sysbox-runc');
  });

  it('never offers Docker 20.10 the capabilities it predates', async () => {
    const r = rig();
    await launchLevel(r.ctx, root('20.10.24', ALL_CAPS & ~(1n << 16n)), { id: 'l1' });
    assert.equal(r.daemon.creates.length, 1);
    for (const cap of ['PERFMON', 'BPF', 'CHECKPOINT_RESTORE']) assert.ok(!capAdd(r.daemon.creates[0]).includes(cap), cap);
  });

  it('drops a capability the daemon does not know, and remembers it for that daemon version', async () => {
    const r = rig();
    r.daemon.refuse = (call, o) =>
      call === 'create' && capAdd(o).includes('CHECKPOINT_RESTORE') ? 'invalid CapAdd: unknown capability: "CAP_CHECKPOINT_RESTORE"' : undefined;
    await launchLevel(r.ctx, root('24.0.7', ALL_CAPS & ~(1n << 16n)), { id: 'l1' });
    assert.equal(r.daemon.creates.length, 2);
    assert.ok(!capAdd(r.daemon.creates[1]).includes('CHECKPOINT_RESTORE'));
    await launchLevel(r.ctx, root('24.0.7', ALL_CAPS & ~(1n << 16n)), { id: 'l2' });
    assert.equal(r.daemon.creates.length, 3, 'the next launch on that version asks once');
  });

  it('reaches the level by tunnel when the parent daemon cannot see the relay folder', async () => {
    const r = rig();
    r.daemon.refuse = (call, o) =>
      call === 'create' && binds(o).length ? `invalid mount config for type "bind": bind source path does not exist: ${RELAY}` : undefined;
    await launchLevel(r.ctx, root(), { id: 'l1' });
    assert.equal(r.daemon.creates.length, 2);
    assert.deepEqual(binds(r.daemon.creates[1]), []);
    assert.equal((r.daemon.creates[1].Labels ?? {})[Labels.relaySocket], undefined);
    assert.deepEqual(r.host.removedSockets, [`${RELAY}/l1.sock`]);
    assert.ok(r.logs.some((l) => /exec tunnel/.test(l)));
  });

  it('fails a bind source error that is not about the relay folder, removing what it made', async () => {
    const r = rig(new LaunchMemory(), null);
    r.daemon.refuse = (call) => (call === 'create' ? 'invalid mount config for type "bind": bind source path does not exist: /data' : undefined);
    const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1' }));
    assert.equal((err as NestedDockerError).code, 'start-failed');
    assert.equal(r.daemon.creates.length, 1);
    assert.deepEqual(r.daemon.leftovers(), []);
  });

  it('nests below a level with its parent image and mounts the relay as the parent sees it', async () => {
    const r = rig();
    const host = root();
    const l1 = childNode(host, { id: 'l1', image: 'docker:dind', facts: { version: '24.0.7' } }, { capsMask: ALL_CAPS });
    const info = await launchLevel(r.ctx, host, { id: 'l2', parentId: 'l1' });
    assert.equal(info.id, 'l2');
    assert.equal(r.daemon.creates[0].Image, 'docker:dind');
    assert.deepEqual(binds(r.daemon.creates[0]).map((m) => m.Source), ['/nested-docker/relay']);
    assert.deepEqual(r.host.relayDirs, [], 'the host folder is prepared by depth 1 only');
    assert.equal(l1.children.length, 0);
  });

  for (const step of ['image', 'volume', 'create', 'start', 'wait'] as LaunchStep[]) {
    it(`cancelled during the ${step} step, leaves nothing behind`, async () => {
      const r = rig();
      const controller = new AbortController();
      r.daemon.onStep = (s) => {
        if (s === step) controller.abort();
      };
      const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1', signal: controller.signal }));
      assert.ok(isAbortError(err), String(err));
      assert.match(err.message, /nesting level l1 was cancelled; nothing was left behind/);
      assert.deepEqual(r.daemon.leftovers(), []);
      assert.deepEqual(r.daemon.forgotten, ['l1']);
      if (step !== 'image' && step !== 'volume') assert.deepEqual(r.host.removedSockets, [`${RELAY}/l1.sock`]);
    });
  }

  it('rolls back the container and the volume it created when the daemon never answers', async () => {
    const r = rig();
    r.daemon.ready = () => {
      throw new NestedDockerError('level l1: its daemon did not answer within 60 s', 'raise the start timeout', 'start-timeout', 'failed to start daemon: error initializing graphdriver: driver not supported');
    };
    const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1' }));
    assert.equal((err as NestedDockerError).code, 'start-timeout');
    assert.ok((err as NestedDockerError).findings!.length > 0, 'the log tail is diagnosed');
    assert.deepEqual(r.daemon.leftovers(), []);
    assert.deepEqual(r.host.removedSockets, [`${RELAY}/l1.sock`]);
  });

  it('says what a rollback could not remove when the parent stops answering mid-nest, and how to clear it', async () => {
    const r = rig();
    r.daemon.ready = () => {
      r.daemon.gone = true; // the machine under the parent went down while the level started
      throw new NestedDockerError('level l1: its container exited (code 143) before its daemon answered', 'nest again', 'daemon-stopped', 'Starting up');
    };
    const err = (await rejection(launchLevel(r.ctx, root(), { id: 'l1' }))) as NestedDockerError;
    assert.equal(err.code, 'daemon-stopped', 'the cause keeps its code');
    assert.match(err.message, /^level l1: its container exited \(code 143\)/);
    assert.match(err.message, /the rollback could not remove container nested-docker-l1 \(connect ECONNREFUSED[^)]*\) or volume nested-docker-l1-data/);
    assert.match(err.message, /once host answers, collapse level l1 with its data .*Remove Level… .*`nested-docker collapse l1 --purge`/);
    assert.deepEqual(r.daemon.leftovers(), ['container nested-docker-l1', 'volume nested-docker-l1-data'], 'what the message names is what is there');
  });

  it('never advises purging a kept volume the nest reused, when only its container is left', async () => {
    const r = rig();
    r.daemon.volumes.set('nested-docker-l1-data', { [Labels.managed]: 'true', [Labels.level]: 'l1' });
    r.daemon.ready = () => {
      r.daemon.gone = true;
      throw new NestedDockerError('level l1: its daemon did not answer within 60 s', undefined, 'start-timeout');
    };
    const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1' }));
    assert.match(err.message, /could not remove container nested-docker-l1 \(/);
    assert.doesNotMatch(err.message, /volume nested-docker-l1-data|--purge|with its data/);
  });

  it('fails a start the daemon never answers as that, without trying another mode on the same daemon', async () => {
    const r = rig(new LaunchMemory(), null);
    r.daemon.startContainer = async () => {
      throw new NestedDockerError('the daemon of host did not answer the start of container c1 within 60 s', 'check it', 'daemon-hung');
    };
    const err = (await rejection(launchLevel(r.ctx, root('24.0.7', undefined), { id: 'l1' }))) as NestedDockerError;
    assert.equal(err.code, 'daemon-hung');
    assert.match(err.message, /did not answer the start of container c1 within 60 s/);
    assert.deepEqual(modes(r.daemon), ['privileged'], 'no capabilities retry on a daemon that does not answer');
    assert.deepEqual(r.daemon.leftovers(), []);
  });

  it('reads a call aborted by its own deadline as that failure, not as the user\'s cancel', async () => {
    const r = rig();
    r.daemon.ready = () => {
      throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    };
    const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1', signal: new AbortController().signal }));
    assert.doesNotMatch(err.message, /cancelled/);
    assert.deepEqual(r.daemon.leftovers(), [], 'rolled back all the same');
  });

  it('names apparmor-denied, not not-privileged, when a level with every capability is denied mounts under docker-default', async () => {
    // The texts of a privileged level launched with the docker-default profile on the Debian 12 VM host, whose
    // kernel (quiet audit mode) printed no DENIED line: only the container's label tells the cause.
    const r = rig();
    r.daemon.containerFacts = { apparmorProfile: 'docker-default', apparmorEnabled: true, sysAdmin: true };
    r.daemon.ready = () => {
      throw new NestedDockerError('level l1: its container exited (code 1) before its daemon answered', undefined, 'daemon-exited',
        'level=error msg="failed to mount overlay: permission denied" storage-driver=overlay2\nfailed to start daemon: error initializing graphdriver: permission denied');
    };
    const err = (await rejection(launchLevel(r.ctx, root(), { id: 'l1', apparmorProfile: 'docker-default' }))) as NestedDockerError;
    assert.deepEqual(r.daemon.factsRead, ['c1'], 'facts read while the container still existed');
    assert.equal(err.findings?.[0].id, 'apparmor-denied');
    assert.match(err.findings![0].evidence, /failed to mount overlay: permission denied.*docker-default/);
    assert.ok(!err.findings!.some((f) => f.id === 'not-privileged'));
    assert.deepEqual(r.daemon.leftovers(), []);
    assert.deepEqual(r.daemon.creates[0].HostConfig?.SecurityOpt, ['apparmor=docker-default']);
  });

  it('names memory-limit first for a level the kernel OOM-killed while it started, even with the kernel log hidden', async () => {
    const r = rig();
    r.daemon.ready = () => {
      throw new NestedDockerError('level l1: its container exited (code 137) before its daemon answered: it was killed for lack of memory (OOM-killed) while starting',
        'free memory', 'daemon-oom', 'level=info msg="Loading containers: start."');
    };
    const err = (await rejection(launchLevel(r.ctx, root(), { id: 'l1' }))) as NestedDockerError;
    assert.equal(err.code, 'daemon-oom');
    assert.equal(err.findings?.[0].id, 'memory-limit');
    assert.match(err.findings![0].evidence, /OOMKilled/);
    assert.deepEqual(r.daemon.leftovers(), [], 'rolled back');
  });

  it('explains a refused image load from the parent level\'s own facts', async () => {
    const r = rig();
    r.daemon.ownFacts = { apparmorProfile: 'docker-default (enforce)', apparmorEnabled: true, sysAdmin: true };
    const refused = 'Error processing tar file(exit status 1): remount /, flags: 0x84000: permission denied';
    r.daemon.supplyError = new NestedDockerError(`could not load img into l1: ${refused}`, undefined, 'seed-failed', refused);
    const err = (await rejection(launchLevel(r.ctx, root(), { id: 'l2', image: 'img' }))) as NestedDockerError;
    assert.equal(err.code, 'seed-failed');
    // The rules' reading; the possible-cause model may add a weak guess (info, with a confidence) after it.
    assert.deepEqual(err.findings?.filter((f) => f.confidence === undefined).map((f) => f.id), ['apparmor-denied']);
    assert.equal(err.findings?.[0].id, 'apparmor-denied');
    assert.deepEqual(r.daemon.factsRead, [], 'no level container existed yet');
  });

  it('refuses a malformed AppArmor profile, or one asked for with unconfined, before touching the daemon', async () => {
    for (const opts of [{ apparmorProfile: 'docker default' }, { apparmorProfile: 'x;rm' }, { apparmorProfile: 'docker-default', apparmorUnconfined: true }]) {
      const r = rig();
      const err = (await rejection(launchLevel(r.ctx, root(), { id: 'l1', ...opts }))) as NestedDockerError;
      assert.equal(err.code, 'bad-apparmor-profile', JSON.stringify(opts));
      assert.match(err.hint ?? '', /profile/);
      assert.deepEqual(r.daemon.creates, []);
    }
  });

  it('keeps the volume when asked to, and never deletes a kept volume it reuses', async () => {
    const failing = (r: Rig) => (r.daemon.refuse = (call) => (call === 'start' ? 'exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown' : undefined));
    const kept = rig();
    failing(kept);
    const err = await rejection(launchLevel(kept.ctx, root(), { id: 'l1', keepVolumeOnFailure: true } as NestOptions));
    assert.equal((err as NestedDockerError).code, 'no-dockerd');
    assert.deepEqual(kept.daemon.leftovers(), ['volume nested-docker-l1-data']);

    const reused = rig();
    failing(reused);
    reused.daemon.volumes.set('nested-docker-l1-data', { [Labels.managed]: 'true', [Labels.level]: 'l1' });
    await rejection(launchLevel(reused.ctx, root(), { id: 'l1' }));
    assert.deepEqual(reused.daemon.leftovers(), ['volume nested-docker-l1-data'], 'a collapse kept it: its images survive');
  });

  it('refuses a volume it did not make, and touches nothing', async () => {
    const r = rig();
    r.daemon.volumes.set('nested-docker-l1-data', { owner: 'someone' });
    const err = await rejection(launchLevel(r.ctx, root(), { id: 'l1' }));
    assert.equal((err as NestedDockerError).code, 'volume-conflict');
    assert.deepEqual(r.daemon.volumes.get('nested-docker-l1-data'), { owner: 'someone' });
    assert.equal(r.daemon.creates.length, 0);
  });

  it('refuses bad ids, taken ids and parents that are not ready, before touching the daemon', async () => {
    const r = rig();
    const host = root();
    childNode(host, { id: 'l1' });
    childNode(host, { id: 'down', state: 'unreachable', error: 'no answer' });
    const codes = await Promise.all([
      rejection(launchLevel(r.ctx, host, { id: 'Bad_Id' })),
      rejection(launchLevel(r.ctx, host, { id: 'l1' })),
      rejection(launchLevel(r.ctx, host, { parentId: 'down' })),
      rejection(launchLevel(r.ctx, host, { parentId: 'nope' })),
    ]);
    assert.deepEqual(codes.map((e) => (e as NestedDockerError).code), ['bad-id', 'bad-id', 'not-ready', 'no-level']);
    assert.equal(r.daemon.creates.length + r.daemon.volumes.size, 0);
  });

  it('re-nests a data-only level on its parent (its kept volume reused), but not under another parent', async () => {
    const r = rig();
    const host = root();
    const l1 = childNode(host, { id: 'l1' });
    childNode(host, { id: 'old', state: 'data-only', containerId: null });
    r.daemon.volumes.set('nested-docker-old-data', { [Labels.managed]: 'true', [Labels.level]: 'old' });
    const elsewhere = await rejection(launchLevel(r.ctx, host, { id: 'old', parentId: l1.info.id }));
    assert.match((elsewhere as NestedDockerError).hint ?? '', /its data is on host: re-nest it there/);
    const level = await launchLevel(r.ctx, host, { id: 'old' });
    assert.equal(level.id, 'old');
    assert.equal(r.daemon.creates.length, 1);
    assert.equal(r.daemon.volumes.size, 1, 'the kept volume is reused, no new one made');
  });
});
