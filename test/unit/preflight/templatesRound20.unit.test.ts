// Per-template tests for round 20 (session 21): templates that fresh30r's misses and false alarms pointed to after its
// first look, each read in the source of the program that prints it. Each row is built from the format strings named
// in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'Deployment.apps "jenkins" is invalid: spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy', 'the API server with --allow-privileged=false ("Forbidden: disallowed by cluster policy")'],
  ['not-privileged', 'Deployment.extensions "jenkins" is invalid: spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by policy', 'the same before Kubernetes 1.10 ("disallowed by policy")'],
  ['apparmor-denied', 'chdir("/tmp")                           = 0\npivot_root(".", "old")                  = -1 EACCES (Permission denied)', 'an strace of slirp4netns\' sandbox: pivot_root refused with EACCES'],
  ['stale-pidfile', '$ sudo service docker start\n                                                           [FAILED]\n/var/run/docker.pid still exists...', 'the RHEL/CentOS 6 init script "$pidfile still exists..."'],
  ['socket-permission', 'Error getting docker version. Received permission denied error', 'a script\'s version query refused at the socket (IOTstack\'s menu)'],
  ['data-root-corrupt', 'level=fatal msg="Error starting daemon: error initializing graphdriver: Base Device UUID verification failed. Possibly using a different thin pool then last invocation:exit status 2"', 'devmapper "Base Device UUID verification failed. Possibly using a different thin pool then last invocation:%v"'],
  ['data-root-corrupt', 'Error starting daemon: couldn\'t create plugin manager: failed to restore plugins: error reading /var/lib/docker/plugins/0123456789abcdef/config.json: open /var/lib/docker/plugins/0123456789abcdef/config.json: no such file or directory', 'the plugin manager\'s restore ("failed to restore plugins: error reading %s")'],
  ['kernel-module-missing', 'level=error msg="RunPodSandbox failed" error="failed to create containerd container: failed to mount /var/lib/containerd/tmpmounts/containerd-mount012345: no such device"', 'containerd mount.WithTempMount "failed to mount %s: %w" with ENODEV'],
  ['storage-driver-unsupported', 'ERRO[0000] Error waiting for container: container 0123abcd: driver "btrfs" failed to remove root filesystem: Failed to destroy btrfs snapshot /home/u/.local/share/docker/btrfs/subvolumes for 0123abcd: operation not permitted', 'graphdriver/btrfs "Failed to destroy btrfs snapshot %s for %s: %v" with EPERM (rootless)'],
  ['data-root-corrupt', 'Error response from daemon: container 0123abcd: driver "zfs" failed to remove root filesystem: exit status 1: "/usr/sbin/zfs destroy -r tank/docker/0123abcd" => cannot open \'tank/docker/0123abcd\': dataset does not exist', 'the zfs driver\'s removal failing on a dataset already gone (before 2024)'],
  ['overlay-on-overlay', 'overlay / overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0\noverlay /data/docker/aufs overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0\nError starting daemon: error initializing graphdriver: invalid argument', 'a mount table with the driver\'s directory on overlay, beside the graph driver failing'],
];

describeTemplates('round 20 message templates', TEMPLATES);

describeQuiet('round 20: no alarm', [
  ['ERROR: could not resize shared memory segment "/PostgreSQL.1136341590" to 3158016 bytes: No space left on device', 'PostgreSQL\'s dynamic shared memory filling a container\'s /dev/shm'],
  ['ERROR: could not resize shared memory\nsegment "/PostgreSQL.2791547698" to 33554432 bytes: No space left on device (SQLSTATE 53100)', 'the same wrapped at a terminal\'s width'],
  ['overlay /data/docker/aufs overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0', 'a data directory on overlay where nothing failed'],
]);

describe('round 20: severities', () => {
  it('keeps a destroyed btrfs snapshot without its errno a hint', () => {
    assert.equal(severityOf('driver "btrfs" failed to remove root filesystem: Failed to destroy btrfs snapshot /h', 'storage-driver-unsupported'), 'info');
  });
  it('names the aufs module beside the bare "driver not supported" only where a 3.x kernel is named', () => {
    const text = 'I updated the kernel from 3.13 to 4.x and docker would not start: error initializing graphdriver: driver not supported';
    assert.ok(ids(text).slice(0, 2).includes('aufs-module-missing'));
    assert.ok(!ruleRaises('error initializing graphdriver: driver not supported', 'aufs-module-missing'));
  });
  it('does not read a container\'s own overlay root in the mount table as the driver on overlay', () => {
    const text = 'overlay /var/lib/docker/overlay2/0123456789abcdef/merged overlay rw,relatime,lowerdir=/a,upperdir=/b,workdir=/c 0 0\nerror initializing graphdriver: driver not supported';
    assert.ok(!ruleRaises(text, 'overlay-on-overlay'));
  });
  it('keeps a tmpmount\'s ENXIO (a device, not a filesystem) out of kernel modules', () => {
    assert.equal(severityOf('failed to mount /var/lib/containerd/tmpmounts/containerd-mount1: no such device or address', 'kernel-module-missing'), undefined);
  });
});
