// The launch decisions as data: mode choice, capability sets per daemon version, refusals, rollback plans.
import * as assert from 'assert/strict';
import { levelContainerOptions } from '../../../src/engine/launch/launchConfig';
import {
  afterRefusal, Attempt, capsFor, chooseMode, DaemonProfile, LaunchMemory, rollbackPlan, supportsCgroupns,
} from '../../../src/engine/launch/launchPolicy';
import { Labels } from '../../../src/engine/levels/labels';

const ALL_CAPS = (1n << 41n) - 1n;
const daemon = (over: Partial<DaemonProfile> = {}): DaemonProfile => ({ key: 'host', levelId: 'host', depth: 0, version: '24.0.7', ...over });
const attempt = (over: Partial<Attempt> = {}): Attempt => ({ number: 0, mode: 'privileged', relay: false, ...over });

describe('launch policy', () => {
  it('chooses the mode: as asked, else sysbox, else privileged unless it is known to fail', () => {
    const memory = new LaunchMemory();
    assert.equal(chooseMode(daemon(), 'capabilities', memory), 'capabilities');
    assert.equal(chooseMode(daemon({ runtimes: ['sysbox-runc'] }), 'auto', memory), 'sysbox');
    assert.equal(chooseMode(daemon({ capsMask: ALL_CAPS }), 'auto', memory), 'privileged');
    assert.equal(chooseMode(daemon(), 'auto', memory), 'privileged', 'an unknown bounding set is tried');
    assert.equal(chooseMode(daemon({ capsMask: ALL_CAPS >> 1n }), 'auto', memory), 'capabilities');
    memory.learn(daemon(), { kind: 'privileged-refused' });
    assert.equal(chooseMode(daemon({ capsMask: ALL_CAPS }), 'auto', memory), 'capabilities');
    assert.equal(chooseMode(daemon({ key: 'other' }), 'auto', memory), 'privileged', 'per daemon');
  });

  it('asks for the parent\'s capabilities less what its daemon version does not know', () => {
    const memory = new LaunchMemory();
    assert.ok(capsFor(daemon(), memory).includes('SYS_ADMIN'), 'unknown bounding set: a conservative list');
    assert.ok(!capsFor(daemon(), memory).includes('SYS_MODULE'));
    assert.equal(capsFor(daemon({ capsMask: ALL_CAPS }), memory).length, 41);
    assert.equal(capsFor(daemon({ capsMask: ALL_CAPS, version: '20.10.24' }), memory).length, 38, 'Docker 20.10 predates three');
    memory.learn(daemon(), { kind: 'unknown-cap', cap: 'BPF' });
    assert.ok(!capsFor(daemon({ capsMask: ALL_CAPS }), memory).includes('BPF'));
    assert.ok(capsFor(daemon({ capsMask: ALL_CAPS, version: '25.0.1' }), memory).includes('BPF'), 'per version');
  });

  it('decides after a refusal: relay off, capability dropped, fallback, or a failure that names the fix', () => {
    const ctx = { daemon: daemon(), requested: 'auto' as const, levelId: 'l1', memory: new LaunchMemory() };
    const bind = afterRefusal('bind source path does not exist: /x', attempt({ relay: true }), ctx);
    assert.ok(bind.next === 'retry' && !bind.attempt.relay && bind.attempt.number === 1);
    const nested = afterRefusal('bind source path does not exist: /x', attempt({ relay: true }), { ...ctx, daemon: daemon({ depth: 1 }) });
    assert.equal(nested.next, 'fail', 'below the host the relay path is the parent\'s own');
    const cap = afterRefusal('unknown capability: "CAP_BPF"', attempt({ mode: 'capabilities', caps: ['BPF', 'SYS_ADMIN'] }), ctx);
    assert.ok(cap.next === 'retry' && cap.lesson?.kind === 'unknown-cap');
    assert.deepEqual(cap.next === 'retry' && cap.attempt.caps, ['SYS_ADMIN']);
    assert.equal(afterRefusal('unknown capability: "CAP_BPF"', attempt({ mode: 'capabilities', caps: ['BPF'], number: 8 }), ctx).next, 'fail', 'bounded');
    const fallback = afterRefusal('unable to apply caps: operation not permitted', attempt(), ctx);
    assert.ok(fallback.next === 'retry' && fallback.attempt.mode === 'capabilities' && fallback.lesson?.kind === 'privileged-refused');
    const explicit = afterRefusal('unable to apply caps: operation not permitted', attempt(), { ...ctx, requested: 'privileged' });
    assert.ok(explicit.next === 'fail' && explicit.error.code === 'caps-unavailable');
    const other = afterRefusal('no space left on device', attempt(), ctx);
    assert.ok(other.next === 'fail' && other.error.code === 'start-failed');
  });

  it('plans a rollback of exactly what was created', () => {
    assert.deepEqual(rollbackPlan('l1', {}, false), [{ undo: 'connection', levelId: 'l1' }]);
    assert.deepEqual(rollbackPlan('l1', { containerId: 'c', createdVolume: 'v', relaySocket: { dir: '/r', name: 'l1.sock' } }, false), [
      { undo: 'connection', levelId: 'l1' },
      { undo: 'container', id: 'c' },
      { undo: 'volume', name: 'v' },
      { undo: 'relay-socket', dir: '/r', name: 'l1.sock' },
    ]);
    assert.ok(!rollbackPlan('l1', { createdVolume: 'v' }, true).some((s) => s.undo === 'volume'), 'kept on request');
  });

  it('builds the level container: labels, env and the cgroup namespace where the daemon has it', () => {
    assert.equal(supportsCgroupns('19.03.15'), false);
    assert.equal(supportsCgroupns('20.10.24'), true);
    const o = levelContainerOptions({
      id: 'l2', name: 'nested-docker-l2', image: 'img', depth: 2, parentId: 'l1', parentVersion: '24.0.7', mode: 'capabilities',
      caps: ['SYS_ADMIN'], volume: 'vol', relayDir: '/host/relay', socketName: 'l2.sock', socketGroup: 1000, entrypoint: 'exec dockerd',
      logToFile: true,
    });
    assert.equal(o.Labels?.[Labels.caps], '0000000000200000');
    assert.equal(o.Labels?.[Labels.log], 'file');
    assert.ok(o.Env?.includes('NESTED_DOCKER_SOCKET_GROUP=1000'));
    assert.equal(o.HostConfig?.Mounts?.find((m) => m.Type === 'bind')?.Source, '/nested-docker/relay');
    assert.equal((o.HostConfig as { CgroupnsMode?: string }).CgroupnsMode, 'private');
  });
});
