// The probe script's output parsed into LevelFacts: sections, filesystems, disk space, kernel lines, restrictions.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { runChecks } from '../../../src/engine/preflight';
import {
  factsFromSections, fsTypeOf, kernelLinesSince, parseDiskSpace, parseSections, PROBE_SCRIPT,
} from '../../../src/engine/preflight/probe';

/** Trimmed from a real probe of a healthy capabilities-mode level on the test machine (Docker 20.10, cgroup v1). */
const HEALTHY = `
@@nd:dockerd@@
7

@@nd:cgroup@@
9:name=systemd:/
5:devices:/
1:cpu:/
0::/

@@nd:mounts@@
overlay / overlay rw,relatime,lowerdir=/var/lib/docker/overlay2/l/BWZ,upperdir=/var/lib/docker/overlay2/03a/diff 0 0
sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0
/dev/vda /var/lib/docker ext4 rw,relatime,discard 0 0
overlay /var/lib/docker/overlay2/abc/merged overlay rw,relatime 0 0
cgroup_root /sys/fs/cgroup tmpfs rw,nosuid,nodev,noexec,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/devices cgroup rw,relatime,devices 0 0

@@nd:caps@@
CapInh:\t0000000000000000
CapPrm:\t0000003ffeffffff
CapEff:\t0000003ffeffffff
CapBnd:\t0000003ffeffffff

@@nd:lastcap@@
40

@@nd:uname@@
6.18.44-fc-v769

@@nd:apparmor@@

@@nd:profile@@

@@nd:selinux@@

@@nd:iptables@@
iptables v1.8.9 (nf_tables)

@@nd:statfs@@
ext2/ext3 20165638 66053021 4096

@@nd:df@@
Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/vda             264212084  25728360  80662552  24% /usr/sbin/docker-init

@@nd:pidfile@@
7
@@nd:cgroup2@@

@@nd:uptime@@
1352.52 1446.07

@@nd:now@@
1800001352

@@nd:dmesg-restrict@@
1

@@nd:dmesg@@
[ 1100.000000] apparmor="DENIED" operation="mount" profile="old-level" name="/sys/"
[ 1340.100000] docker0: port 1(veth3ffcd6d) entered forwarding state
  continuation of the line above

@@nd:dmesg-rc@@
0

@@nd:end@@
`;

describe('preflight probe', () => {
  it('splits the output into named sections, ignoring what precedes the first marker', () => {
    const s = parseSections(`noise\n${HEALTHY}`);
    assert.equal(s.dockerd, '7');
    assert.equal(s.iptables, 'iptables v1.8.9 (nf_tables)');
    assert.equal(s.pidfile, '7');
    assert.equal(s.apparmor, '');
    assert.equal(s.end, '');
    assert.equal(s.noise, undefined);
  });

  it('turns a healthy level\'s sections into facts that runChecks finds nothing wrong with', () => {
    const { facts, extras } = factsFromSections(parseSections(HEALTHY), { dataRoot: '/var/lib/docker', kernelSinceMs: 1800001340_000 - 5_000 });
    assert.equal(extras.dockerdPid, 7);
    assert.equal(facts.capBnd, '0000003ffeffffff');
    assert.equal(facts.capLastCap, 40);
    assert.equal(facts.varLibDockerFs, 'ext4', 'the mount holding /var/lib/docker, not a container layer below it');
    assert.equal(facts.diskFreeBytes, 20165638 * 4096);
    assert.equal(facts.pidfileStale, false);
    assert.equal(facts.apparmorEnabled, false);
    assert.equal(facts.selinuxEnforcing, false);
    assert.equal(facts.dmesgRestricted, false);
    assert.doesNotMatch(facts.dmesg!, /apparmor/, 'kernel lines from before the level started are dropped');
    assert.match(facts.dmesg!, /continuation/);
    // As on the test machine: only the advisory of capabilities mode; the inherited capability gap is info.
    const findings = runChecks({ depth: 1, mode: 'capabilities', reachable: true, ...facts });
    assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => f.id), ['privileged-security']);
    assert.equal(findings.find((f) => f.id === 'caps-unavailable')?.severity, 'info');
  });

  it('reports a stale pid file, read-only cgroups and a union-backed data root', () => {
    const text = HEALTHY.replace('@@nd:pidfile@@\n7', '@@nd:pidfile@@\n41')
      .replace('cgroup /sys/fs/cgroup/devices cgroup rw,', 'cgroup /sys/fs/cgroup/devices cgroup ro,')
      .replace('/dev/vda /var/lib/docker ext4', '/dev/vda /data ext4');
    const { facts } = factsFromSections(parseSections(text), { dataRoot: '/var/lib/docker' });
    assert.equal(facts.pidfileStale, true);
    assert.equal(facts.varLibDockerFs, 'overlay');
    const ids = runChecks({ depth: 1, mode: 'sysbox', reachable: true, ...facts }).map((f) => f.id);
    for (const id of ['stale-pidfile', 'cgroup-readonly', 'overlay-on-overlay']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  });

  it('says so when dmesg is restricted, and when iptables is missing', () => {
    const text = HEALTHY.replace(/@@nd:dmesg@@[\s\S]*@@nd:dmesg-rc@@\n0/, '@@nd:dmesg@@\ndmesg: read kernel buffer failed: Operation not permitted\n@@nd:dmesg-rc@@\n1')
      .replace('iptables v1.8.9 (nf_tables)', '');
    const { facts, extras } = factsFromSections(parseSections(text), { dataRoot: '/var/lib/docker' });
    assert.equal(facts.dmesgRestricted, true);
    assert.equal(facts.dmesg, undefined);
    assert.equal(facts.iptablesVersion, undefined);
    assert.ok(extras.notes.some((n) => /dmesg_restrict=1/.test(n)), extras.notes.join('; '));
    assert.ok(extras.notes.some((n) => /iptables/.test(n)));
  });

  it('reads cgroup v2 delegation and an AppArmor profile', () => {
    const text = HEALTHY.replace('@@nd:cgroup2@@\n', '@@nd:cgroup2@@\ncontrollers=cpu memory pids\nsubtree=\ntype=domain\n')
      .replace('@@nd:apparmor@@\n', '@@nd:apparmor@@\nY\n')
      .replace('@@nd:profile@@\n', '@@nd:profile@@\ndocker-default (enforce)\n');
    const { facts } = factsFromSections(parseSections(text), { dataRoot: '/var/lib/docker' });
    assert.deepEqual(facts.cgroupV2, { controllers: 'cpu memory pids', subtreeControl: '', type: 'domain' });
    assert.equal(facts.apparmorEnabled, true);
    assert.equal(facts.apparmorProfile, 'docker-default (enforce)');
  });

  it('finds the filesystem of a path from /proc/mounts, deepest mount point first', () => {
    const mounts = 'overlay / overlay rw 0 0\n/dev/sda1 /var/lib ext4 rw 0 0\ntmpfs /var/lib/docker-other tmpfs rw 0 0\n';
    assert.equal(fsTypeOf(mounts, '/var/lib/docker'), 'ext4');
    assert.equal(fsTypeOf(mounts, '/srv'), 'overlay');
    assert.equal(fsTypeOf(undefined, '/x'), undefined);
  });

  it('reads disk space from stat -f, else from POSIX df', () => {
    assert.deepEqual(parseDiskSpace('xfs 10 100 4096', undefined), { fsName: 'xfs', free: 40960, total: 409600 });
    assert.deepEqual(parseDiskSpace('', 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 1000 600 400 60% /\n'), { total: 1024000, free: 409600 });
    assert.deepEqual(parseDiskSpace(undefined, undefined), {});
  });

  it('keeps kernel lines since a moment, from stamps in seconds since boot', () => {
    const dmesg = '[  10.0] old\n[ 100.5] new\n  more\n[ 101.0] newer';
    // booted at t=1000 s; keep since t=1100 s (boot+100 s, with 2 s slack)
    assert.equal(kernelLinesSince(dmesg, 200, 1_200_000, 1_100_000), '[ 100.5] new\n  more\n[ 101.0] newer');
  });

  for (const shell of ['dash', 'busybox']) {
    const path = `/usr/bin/${shell}`;
    it(`runs under ${shell} and prints every section`, function () {
      if (!fs.existsSync(path)) this.skip();
      const args = shell === 'busybox' ? ['sh', '-c', PROBE_SCRIPT, 'nd', '/tmp', 'stdout'] : ['-c', PROBE_SCRIPT, 'nd', '/tmp', 'stdout'];
      const out = execFileSync(path, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      const s = parseSections(out);
      for (const k of ['dockerd', 'cgroup', 'mounts', 'caps', 'lastcap', 'uname', 'iptables', 'statfs', 'df', 'pidfile', 'keyusers', 'uptime', 'now', 'dmesg', 'dmesg-rc', 'end']) {
        assert.ok(k in s, `section ${k} missing`);
      }
      assert.match(s.caps, /CapBnd/);
      // This machine's /proc/key-users, read by the script: root's quota row parses.
      assert.ok((factsFromSections(s, { dataRoot: '/tmp' }).facts.keyQuota?.maxKeys ?? 0) > 0, s.keyusers);
    });
  }
});
