// Per-template tests for round 31 (session 31): wordings the fifty-second to fifty-sixth blind batches (fresh51, fresh52,
// read after several scorings, and fresh53r, fresh54r, fresh55r after one) pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['memory-limit', 'time="2024-01-02T03:04:05Z" level=info msg="libcontainerd: started new containerd process" pid=77\nfatal error: runtime: out of memory', 'Go runtime throw("runtime: out of memory") after dockerd started containerd'],
  [
    'data-root-corrupt',
    'Error: failed to create containerd container: failed to create prepare snapshot dir: failed to create temp dir: stat /srv/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots: no such file or directory',
    'containerd overlayfs snapshotter "failed to create prepare snapshot dir: %w" over the snapshots folder gone',
  ],
  ['api-version-mismatch', '(Status 400: {"message":"client version 1.30 is too old.\n Minimum supported API version is 1.41, please upgrade your client to a newer version"})', 'moby "client version %s is too old. Minimum supported API version is %s" broken after its first sentence'],
  ['daemon-unreachable', 'Error checking TLS connection: dial tcp 192.168.99.101:2376: getsockopt: connection refused', 'Go <1.7 "dial tcp %s: getsockopt: connection refused" on the daemon port'],
  [
    'daemon-unreachable',
    'Daemon not responding yet: dial tcp 192.168.99.101:2376: connectex: A connection attempt failed because the connected party did not properly respond after a period of time',
    'docker-machine "Daemon not responding yet: %s" with Windows\' connectex timeout',
  ],
  ['daemon-unreachable', 'export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://172.18.0.3:2376"\nexport DOCKER_CERT_PATH="tcp://127.0.0.1:40001"', 'a certificate folder given a daemon address'],
  ['cgroup-not-mounted', 'Cannot start container 0a1b2c3d4e5f: [8] System error: no such directory for memory.swappiness.', 'libcontainer cgroups/fs writeFile "no such directory for %s" (no mount for the controller)'],
  ['cgroup-v2-nesting', "bulk starter: mounting subsystem 'cpuset' in '/sys/fs/cgroup/cpuset': operation not permitted", 'Garden "bulk starter: mounting subsystem %q in %q: %s" with EPERM (a v2 host)'],
  ['not-privileged', "bulk starter: mounting subsystem 'cpuset' in '/sys/fs/cgroup/cpuset': operation not permitted", 'the same (no CAP_SYS_ADMIN)'],
  ['storage-driver-unsupported', "[   45.162811] overlayfs: filesystem on '/opt/docker/check-overlayfs-support1234/upper' not supported as upperdir", 'overlayfs "filesystem on %s not supported as upperdir": a second reading beside overlay on overlay (a hint)'],
  ['daemon-unreachable', 'This machine has been allocated an IP address, but Docker Machine could not reach it successfully.', 'libmachine\'s warning after create'],
  ['kernel-module-missing', 'docker: Error response from daemon: OCI runtime create failed: Could not access KVM kernel module: No such file or directory', 'qemu "Could not access KVM kernel module: %m" through a VM runtime'],
  ['cgroupns-host', 'could not read memory usage: open /sys/fs/cgroup/memory.current: no such file or directory', 'Go "open %s: %v" of a usage file only the true v2 root lacks (a hint)'],
  ['cgroup-v2-nesting', "[E][2023-01-02T03:04:05+0000][77] writeBufToFile():96 Couldn't open '/sys/fs/cgroup/NSJAIL.78/cpu.max' for writing: No such file or directory", 'nsjail "Couldn\'t open \'%s\' for writing" of a v2 limit file'],
  ['cgroup-v2-nesting', 'slurmd: error: _init_new_scope_dbus: scope and/or cgroup directory for slurmstepd could not be set.', 'Slurm without a delegated scope for its step daemons'],
  ['not-privileged', 'error: cloning builder process: Operation not permitted', 'Nix "cloning builder process: %s" with EPERM (a hint)'],
];

describeRuleTemplates('round 31 templates', TEMPLATES);

describe('round 31 boundaries', () => {
  it('reads a Go abort for memory as a warning', () => {
    assert.equal(severityOf('fatal error: runtime: out of memory', 'memory-limit'), 'warning');
  });

  it('reads a missing v1 controller file as no undelegated v2 controller', () => {
    assert.ok(!ruleRaises('open /sys/fs/cgroup/cpuset/docker/cpuset.cpus: no such file or directory', 'cgroup-v2-nesting'));
  });

  it("reads Slurm's v2 plugin missing from its build as its own configuration", () => {
    assert.ok(!ruleRaises('slurmd: error: cannot find cgroup plugin for cgroup/v2\nslurmd: error: cannot create cgroup context for cgroup/v2', 'cgroup-v2-nesting'));
  });

  it('keeps overlay on overlay first for an upper refused', () => {
    const found = ids("overlayfs: filesystem on '/var/lib/docker/check-overlayfs-support1/upper' not supported as upperdir");
    assert.deepEqual(found.slice(0, 2), ['overlay-on-overlay', 'storage-driver-unsupported']);
  });

  it("reads Garden's refused v1 mount as no read-only cgroup tree", () => {
    assert.ok(!ruleRaises("bulk starter: mounting subsystem 'memory' in '/sys/fs/cgroup/memory': operation not permitted", 'cgroup-readonly'));
  });

  it('reads a missing folder for a file that is no cgroup controller\'s as no unmounted cgroup', () => {
    assert.ok(!ruleRaises('error: no such directory for config.json', 'cgroup-not-mounted'));
  });

  it('reads a certificate folder that is a path as no unreachable daemon', () => {
    assert.ok(!ruleRaises('export DOCKER_CERT_PATH="/home/dev/.docker/machine/machines/default"', 'daemon-unreachable'));
  });

  it('reads a client version refusal without a number as no API mismatch on its own', () => {
    assert.ok(!ruleRaises('the client version is too old.', 'api-version-mismatch'));
  });

  it('reads a refused dial to a port other than the daemon\'s as no unreachable daemon', () => {
    assert.ok(!ruleRaises('dial tcp 10.1.2.3:5432: getsockopt: connection refused', 'daemon-unreachable'));
  });
});
