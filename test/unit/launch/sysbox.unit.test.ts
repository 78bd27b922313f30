// sysbox decisions as data (sysbox-runc cannot be installed on the test machine: docs/sysbox.md says what ran).
import * as assert from 'assert/strict';
import { hostConfigFor } from '../../../src/engine/launch/launchConfig';
import { chooseMode, DaemonProfile, LaunchMemory, sysboxRefusal, sysboxUsable, sysboxViolations } from '../../../src/engine/launch/launchPolicy';

const daemon = (over: Partial<DaemonProfile> = {}): DaemonProfile => ({ key: 'host', levelId: 'host', depth: 0, version: '24.0.7', mode: 'host', ...over });
const withSysbox = { runtimes: ['io.containerd.runc.v2', 'runc', 'sysbox-runc'] };

describe('sysbox decisions', () => {
  it('auto picks sysbox only where the daemon lists sysbox-runc, and never inside a sysbox level', () => {
    const memory = new LaunchMemory();
    assert.equal(chooseMode(daemon(withSysbox), 'auto', memory), 'sysbox');
    assert.equal(chooseMode(daemon({ runtimes: ['runc', 'io.containerd.runc.v2'] }), 'auto', memory), 'privileged');
    assert.equal(chooseMode(daemon({ runtimes: undefined }), 'auto', memory), 'privileged');
    assert.equal(chooseMode(daemon({ ...withSysbox, mode: 'sysbox', levelId: 'l1', depth: 1 }), 'auto', memory), 'privileged');
    assert.equal(sysboxUsable(daemon(withSysbox)), true);
    assert.equal(sysboxUsable(daemon({ ...withSysbox, mode: 'sysbox' })), false);
  });

  it('refuses a sysbox level where the runtime is absent, and inside a sysbox level, naming the fix', () => {
    const missing = sysboxRefusal(daemon({ runtimes: ['runc'] }), 'sysbox', 'l1');
    assert.equal(missing?.code, 'sysbox-missing');
    assert.match(missing!.message, /has no sysbox-runc runtime \(it lists runc\)/);
    assert.match(missing!.hint!, /install sysbox.*or nest with --mode auto/);
    const nested = sysboxRefusal(daemon({ ...withSysbox, mode: 'sysbox', levelId: 'l1' }), 'sysbox', 'l2');
    assert.equal(nested?.code, 'sysbox-nested');
    assert.match(nested!.message, /sysbox does not run inside sysbox/);
    assert.equal(sysboxRefusal(daemon(withSysbox), 'sysbox', 'l1'), undefined);
    assert.equal(sysboxRefusal(daemon({ runtimes: [] }), 'privileged', 'l1'), undefined, 'only a sysbox request is checked');
  });

  it('launches without --privileged, on its own network and pid namespaces', () => {
    const hc = hostConfigFor({ mode: 'sysbox', volume: 'v', relayTarget: '/r' });
    assert.equal(hc.Runtime, 'sysbox-runc');
    assert.equal(hc.Privileged, undefined);
    assert.equal(hc.NetworkMode, undefined);
    assert.equal(hc.PidMode, undefined);
    assert.deepEqual(sysboxViolations(hc), []);
    assert.deepEqual(sysboxViolations({ Privileged: true, NetworkMode: 'host', PidMode: 'host' }).map((v) => v.split(' ')[0]), ['--privileged', '--net=host', '--pid=host']);
  });
});
