// runChecks over hand-built facts: each check, ordering, dedup with log findings, disabled ids.
import * as assert from 'node:assert/strict';
import { LevelFacts, runChecks } from '../../../src/engine/preflight';
import { KERNEL_NAMESPACE_DEPTH_LIMIT, NESTING_INFO_DEPTH, NESTING_WARNING_DEPTH } from '../../../src/engine/preflight/checks/daemon';

const FULL_CAPS = '000001ffffffffff'; // 0..40, a 5.9+ kernel
const DOCKER_DEFAULT_CAPS = '00000000a80425fb'; // no CAP_SYS_ADMIN

/** A level that works: privileged, overlay2 on its own ext4 volume, cgroup v1 done right. */
function healthy(over: Partial<LevelFacts> = {}): LevelFacts {
  return {
    depth: 1,
    mode: 'sysbox',
    info: { ServerVersion: '20.10.24', Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']], CgroupVersion: '1', KernelVersion: '6.1.0' },
    procCgroup: '5:devices:/\n3:cpu,cpuacct:/\n1:name=systemd:/\n0::/\n',
    procMounts: 'overlay / overlay rw,relatime 0 0\ncgroup /sys/fs/cgroup/devices cgroup rw,nosuid,nodev,noexec,relatime,devices 0 0\n/dev/sda1 /var/lib/docker ext4 rw,relatime 0 0\n',
    capBnd: FULL_CAPS,
    capEff: FULL_CAPS,
    iptablesVersion: 'iptables v1.8.9 (nf_tables)',
    parentIptablesVersion: 'iptables v1.8.9 (nf_tables)',
    varLibDockerFs: 'ext4',
    varLibDockerSource: 'nested-docker-l1-data',
    varLibDockerUsers: 1,
    diskFreeBytes: 50 * 1024 ** 3,
    diskTotalBytes: 100 * 1024 ** 3,
    reachable: true,
    ...over,
  };
}

const ids = (facts: LevelFacts, disabled?: string[]) => runChecks(facts, { disabled }).map((f) => f.id);
const one = (facts: LevelFacts, id: string) => runChecks(facts).find((f) => f.id === id);

describe('runChecks', () => {
  it('finds nothing wrong with a healthy level, or with the host itself', () => {
    assert.deepEqual(ids(healthy()), []);
    assert.deepEqual(ids({ depth: 0, reachable: true }), []);
  });

  describe('security', () => {
    it('flags a level without CAP_SYS_ADMIN as not privileged, with a quick fix', () => {
      const f = one(healthy({ mode: undefined, capEff: DOCKER_DEFAULT_CAPS, capBnd: DOCKER_DEFAULT_CAPS }), 'not-privileged')!;
      assert.equal(f.severity, 'error');
      assert.match(f.evidence, /a80425fb/);
      assert.equal(f.fix?.nestOptions.mode, 'auto');
    });

    it('flags a privileged level whose bounding set lacks capabilities the kernel has and its Docker asks for', () => {
      const docker24 = { ServerVersion: '24.0.7', Driver: 'overlay2', CgroupVersion: '2', KernelVersion: '6.1.0' };
      const f = one(healthy({ mode: 'privileged', capBnd: '0000003fffffffff', capEff: '0000003fffffffff', info: docker24 }), 'caps-unavailable')!;
      assert.match(f.evidence, /lacks capabilities 38, 39, 40/);
      assert.deepEqual(f.fix?.nestOptions, { mode: 'capabilities' });
      // /proc/1/status and cap_last_cap of the test machine, where `docker run --privileged` fails
      const captured = one(healthy({ depth: 0, capBnd: '000001fffeffffff', capEff: '000001ffffffffff', capLastCap: 40 }), 'caps-unavailable')!;
      assert.match(captured.evidence, /lacks capabilities 24 of 0\.\.37/); // what dockerd 20.10 asks for
      // On the host it is a fact the product works around (auto launches in capabilities mode): info, no fix.
      assert.equal(captured.severity, 'info');
      assert.equal(captured.fix, undefined);
      assert.equal(f.severity, 'warning', 'a privileged level with an incomplete set stays a warning');
      // cap_last_cap, when gathered, beats the guess from the kernel version
      assert.equal(one(healthy({ mode: 'privileged', capBnd: '0000003fffffffff', capLastCap: 37 }), 'caps-unavailable'), undefined);
      // a 4.x kernel knows 0..37 only
      assert.equal(one(healthy({ mode: 'privileged', capBnd: '0000003fffffffff', info: { KernelVersion: '4.19.0' } }), 'caps-unavailable'), undefined);
    });

    it('raises no capability warning on a healthy privileged level whose Docker 20.10 never asks for 38-40', () => {
      // Captured on the VM host (Debian 12, kernel 6.1, cap_last_cap 40, dockerd 20.10.24): a privileged level's
      // dockerd has CapBnd/CapEff 0000003fffffffff, and `docker run --privileged` inside it works.
      const vmLevel = healthy({
        mode: 'privileged', capBnd: '0000003fffffffff', capEff: '0000003fffffffff', capLastCap: 40,
        info: { ServerVersion: '20.10.24+dfsg1', Driver: 'overlay2', CgroupVersion: '2', KernelVersion: '6.1.0-50-amd64' },
      });
      assert.equal(one(vmLevel, 'caps-unavailable'), undefined);
      // the same level missing a capability that Docker 20.10 does ask for (SYS_RESOURCE, 24) is still reported
      const gap = one({ ...vmLevel, capBnd: '0000003ffeffffff' }, 'caps-unavailable')!;
      assert.match(gap.evidence, /lacks capabilities 24 of 0\.\.37/);
      assert.equal(gap.severity, 'warning');
    });

    it('warns that privileged and full-capabilities levels can escalate, naming the mode', () => {
      const priv = one(healthy({ mode: 'privileged' }), 'privileged-security')!;
      assert.equal(priv.severity, 'warning');
      assert.match(priv.title, /privileged mode/);
      const caps = one(healthy({ mode: 'capabilities' }), 'privileged-security')!;
      assert.match(caps.title, /capabilities mode/);
      assert.equal(one(healthy({ mode: 'sysbox' }), 'privileged-security'), undefined);
      assert.equal(one(healthy({ mode: 'privileged', depth: 0 }), 'privileged-security'), undefined);
      assert.equal(one(healthy({ mode: 'capabilities', capBnd: DOCKER_DEFAULT_CAPS, capEff: FULL_CAPS }), 'privileged-security'), undefined);
    });

    it('warns when AppArmor confines a level, and offers to nest unconfined', () => {
      const f = one(healthy({ mode: 'capabilities', apparmorEnabled: true, apparmorProfile: 'docker-default (enforce)' }), 'apparmor-denied')!;
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.fix?.nestOptions, { apparmorUnconfined: true });
      assert.equal(one(healthy({ apparmorEnabled: true, apparmorProfile: 'unconfined' }), 'apparmor-denied'), undefined);
    });

    it('warns about enforcing SELinux only for levels without a privileged label', () => {
      assert.ok(one(healthy({ mode: 'capabilities', selinuxEnforcing: true }), 'selinux-denied'));
      assert.equal(one(healthy({ mode: 'privileged', selinuxEnforcing: true }), 'selinux-denied'), undefined);
    });
  });

  describe('cgroups', () => {
    it('flags devices sharing a hierarchy in /proc/1/cgroup', () => {
      const f = one(healthy({ procCgroup: '4:cpu,devices:/\n0::/\n' }), 'cgroup-devices-shared')!;
      assert.equal(f.evidence, '4:cpu,devices:/');
    });

    it('flags missing and read-only cgroup mounts', () => {
      assert.ok(one(healthy({ procMounts: '/dev/sda1 /var/lib/docker ext4 rw 0 0\n' }), 'cgroup-not-mounted'));
      const ro = one(healthy({ procMounts: 'cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime 0 0\n' }), 'cgroup-readonly')!;
      assert.equal(ro.evidence, 'cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime 0 0');
    });

    it('checks cgroup v2 delegation and the cgroup namespace', () => {
      const v2 = { info: { CgroupVersion: '2' }, procCgroup: '0::/\n' };
      assert.equal(one(healthy({ ...v2, cgroupV2: { controllers: 'cpu memory pids', subtreeControl: '' } }), 'cgroup-v2-nesting')?.severity, 'warning');
      assert.equal(one(healthy({ ...v2, cgroupV2: { type: 'threaded' } }), 'cgroup-v2-nesting')?.severity, 'error');
      assert.equal(one(healthy({ ...v2, cgroupV2: { controllers: 'cpu memory', subtreeControl: 'cpu memory', type: 'domain' } }), 'cgroup-v2-nesting'), undefined);
      assert.ok(one(healthy({ info: { CgroupVersion: '2' }, procCgroup: '0::/system.slice/docker-4f1c.scope\n' }), 'cgroupns-host'));
      assert.equal(one(healthy({ info: { CgroupVersion: '2' }, procCgroup: '0::/init\n' }), 'cgroupns-host'), undefined);
    });
  });

  describe('storage', () => {
    it('flags vfs, union-backed and shared data roots, each with the fresh-volume fix', () => {
      for (const [over, id] of [
        [{ info: { Driver: 'vfs' } }, 'vfs-fallback'],
        [{ varLibDockerFs: 'overlay' }, 'overlay-on-overlay'],
        [{ varLibDockerUsers: 2 }, 'var-lib-docker-shared'],
        [{ varLibDockerSource: '/var/lib/docker' }, 'var-lib-docker-shared'],
      ] as const) {
        const f = one(healthy(over as Partial<LevelFacts>), id);
        assert.ok(f, id);
        assert.equal(f.fix?.nestOptions.freshVolume, true);
      }
    });

    it('warns about devicemapper in a nested level and about low disk space', () => {
      assert.equal(one(healthy({ info: { Driver: 'devicemapper' } }), 'storage-driver-unsupported')?.severity, 'warning');
      assert.equal(one(healthy({ diskFreeBytes: 512 * 1024 ** 2 }), 'disk-space')?.severity, 'warning');
      assert.equal(one(healthy({ diskFreeBytes: 0 }), 'disk-space')?.severity, 'error');
    });
  });

  describe('network', () => {
    it('flags an iptables backend that differs from the parent\'s, fixing towards the parent', () => {
      const toLegacy = one(healthy({ parentIptablesVersion: 'iptables v1.8.5 (legacy)' }), 'iptables-backend-mismatch')!;
      assert.deepEqual(toLegacy.fix?.nestOptions, { iptablesLegacy: true });
      const toNft = one(healthy({ iptablesVersion: 'iptables v1.8.10 (legacy)' }), 'iptables-backend-mismatch')!;
      assert.deepEqual(toNft.fix?.nestOptions, { iptablesLegacy: false });
    });
  });

  describe('daemon', () => {
    it('reports an unreachable daemon after the cause its error names', () => {
      const reachError = 'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json": dial unix /var/run/docker.sock: connect: permission denied';
      const findings = runChecks(healthy({ reachable: false, reachError }));
      assert.deepEqual(findings.map((f) => f.id), ['socket-permission', 'daemon-unreachable']);
      assert.equal(findings[1].evidence, reachError);
      assert.equal(one(healthy({ reachable: false }), 'daemon-unreachable')?.evidence, 'the daemon did not answer a ping');
    });

    it('reads the daemon log and dmesg with classify, root cause first', () => {
      const findings = runChecks(healthy({
        reachable: false,
        daemonLog: 'time="2023-05-05T12:31:24.062889666Z" level=info msg="Starting up"\nfailed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid\n',
      }));
      assert.deepEqual(findings.map((f) => f.id), ['stale-pidfile', 'daemon-unreachable']);
      assert.equal(findings[0].line, 2);
    });

    it('leaves out a log\'s past connection failures once the daemon answers, and dockerd\'s own kill of containerd', () => {
      // A busy machine: dockerd gave up on its containerd, killed it and started it again; the level came up.
      const daemonLog = [
        'time="2026-12-06T16:57:34.348635700Z" level=error msg="failed connecting to containerd" error="failed to dial \\"/var/run/docker/containerd/containerd.sock\\": connection error: desc = \\"transport: error while dialing: dial unix /var/run/docker/containerd/containerd.sock: connect: connection refused\\"" module=libcontainerd',
        'time="2026-12-06T16:57:34.452197101Z" level=info msg="killing and restarting containerd" module=libcontainerd pid=61',
        'time="2026-12-06T16:57:34.554554778Z" level=error msg="containerd did not exit successfully" error="signal: killed" module=libcontainerd',
        'time="2026-12-06T16:57:39.102655930Z" level=info msg="API listen on /var/run/docker.sock"',
      ].join('\n');
      assert.deepEqual(runChecks(healthy({ daemonLog })).map((f) => f.id), []);
      // The same log of a daemon that does not answer still says so, after what the log names.
      assert.ok(one(healthy({ daemonLog, reachable: false }), 'daemon-unreachable'));
      // A failure logged after the daemon last came up is today's, and stays.
      const after = `${daemonLog}\ntime="2026-12-06T17:10:00.000000000Z" level=error msg="failed connecting to containerd" error="failed to dial \\"/var/run/docker/containerd/containerd.sock\\": connection error: desc = \\"transport: error while dialing: dial unix /var/run/docker/containerd/containerd.sock: connect: connection refused\\"" module=libcontainerd`;
      assert.ok(one(healthy({ daemonLog: after }), 'daemon-unreachable'));
      // Without dockerd's own kill, a killed containerd is still read as a possible memory limit.
      const killed = daemonLog.split('\n').filter((l) => !/killing and restarting/.test(l)).join('\n');
      assert.equal(one(healthy({ daemonLog: killed }), 'memory-limit')?.severity, 'info');
    });

    it('keeps one finding per id, the most severe, when facts and logs agree', () => {
      const findings = runChecks(healthy({
        mode: 'capabilities',
        apparmorEnabled: true,
        apparmorProfile: 'docker-default (enforce)',
        dmesg: '[65608.775072] audit: type=1400 audit(1602564380.386:31): apparmor="DENIED" operation="change_onexec" profile="/usr/bin/dockerd" pid=19306 comm="runc:[2:INIT]" target="docker-default"',
      }));
      const apparmor = findings.filter((f) => f.id === 'apparmor-denied');
      assert.equal(apparmor.length, 1);
      assert.equal(apparmor[0].severity, 'error');
      assert.equal(findings[0].id, 'apparmor-denied');
    });

    it('reports a stale pid file and a mounted socket', () => {
      assert.ok(one(healthy({ pidfileStale: true }), 'stale-pidfile'));
      assert.equal(one(healthy({ socketMounted: true }), 'dood-volume-path')?.severity, 'info');
    });

    it('grades nesting depth: info, then warning, then error at the kernel limit', () => {
      assert.equal(one(healthy({ depth: NESTING_INFO_DEPTH - 1 }), 'nesting-depth'), undefined);
      assert.equal(one(healthy({ depth: NESTING_INFO_DEPTH }), 'nesting-depth')?.severity, 'info');
      assert.equal(one(healthy({ depth: NESTING_WARNING_DEPTH }), 'nesting-depth')?.severity, 'warning');
      assert.equal(one(healthy({ depth: KERNEL_NAMESPACE_DEPTH_LIMIT }), 'nesting-depth')?.severity, 'error');
    });
  });

  it('leaves out disabled ids', () => {
    const facts = healthy({ mode: 'privileged', info: { Driver: 'vfs' } });
    assert.deepEqual(ids(facts).sort(), ['privileged-security', 'vfs-fallback']);
    assert.deepEqual(ids(facts, ['privileged-security']), ['vfs-fallback']);
  });

  it('orders root causes first: LSM, then storage, then reachability, then advisories', () => {
    const findings = runChecks(healthy({
      mode: 'privileged',
      depth: NESTING_WARNING_DEPTH,
      reachable: false,
      varLibDockerFs: 'overlay',
      dmesg: 'type=AVC msg=audit(1503978775.261:360): avc:  denied  { write } for  pid=4546 comm="touch" name="xxx" dev="sdb5" ino=6947856 scontext=system_u:system_r:container_t:s0:c159,c177 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0',
    }));
    assert.deepEqual(findings.map((f) => f.id), ['selinux-denied', 'overlay-on-overlay', 'daemon-unreachable', 'privileged-security', 'nesting-depth']);
  });
});
