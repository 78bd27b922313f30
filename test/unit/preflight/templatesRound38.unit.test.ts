// Per-template tests for round 38 (session 38): wordings the eighty-first blind batch's unread half (fresh80, read after
// its third scoring), the eighty-second batch (fresh81, read after its second), the read halves of the eighty-third to
// eighty-sixth (fresh82r to fresh85r, after their first) and the eighty-third's other half (fresh82, after two) pointed to. Each row is built from
// the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, ruleSeverityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'ERROR: Error response from daemon: {"message":"Forbidden. Reason: [ContainerCreate] SageMaker Studio Docker Usage does not allow privileged mode execution"}', 'SageMaker Studio\'s Docker proxy "does not allow privileged mode execution"'],
  ['storage-driver-unsupported', 'docker: failed to register layer: Error processing tar file(exit status 1): link /bin/[ /bin/lsof: remote I/O error.', 'moby "failed to register layer: %v" over chrootarchive with EREMOTEIO'],
  ['kernel-module-missing', '/dev/mapper/control: open failed: No such device\nFailure to communicate with kernel device-mapper driver.', 'libdevmapper "%s: open failed: %s" with ENODEV (a hint)'],
  ['kernel-module-missing', 'WARNING: Unable to detect the xt_set module as Loaded/Builtin module or lsmod\n\t\txt_set\t\tFAIL', 'calicoctl checksystem "Unable to detect the %s module as Loaded/Builtin module or lsmod"'],
  ['api-version-mismatch', 'level=critical msg="Error creating Docker client" error="docker client factory: client not found for docker version: 1.24"', 'ECS agent sdkclientfactory "docker client factory: client not found for docker version: %v"'],
  ['iptables-failure', "panic: F1205 08:05:15.257193   10542 network_policy_controller.go:413] failed to list rules in filter table INPUT chain due to running [/usr/sbin/iptables -t filter -S INPUT --wait]: exit status 1: iptables v1.8.10 (nf_tables): chain `INPUT' in table `filter' is incompatible, use 'nft' tool.", 'iptables nft.c "chain `%s\' in table `%s\' is incompatible, use \'nft\' tool."'],
  ['api-version-mismatch', 'command failed: docker run --privileged --platform linux/amd64 -d earthly/buildkitd:v0.6.30: exit status 1: "--platform" is only supported on a Docker daemon with experimental features enabled: exit status 1', 'docker CLI "\\"--%s\\" is only supported on a Docker daemon with experimental features enabled" (a hint)'],
  ['data-root-corrupt', 'caused "lstat /mnt/data/docker/overlay2/6888/merged/var: bad message": unknown', 'ext4 EFSBADCRC (EBADMSG, "bad message") under an overlay driver\'s folder'],
  ['data-root-corrupt', 'open /var/lib/docker/overlay2/0a1b/diff/etc/passwd: structure needs cleaning', 'the same with EFSCORRUPTED (EUCLEAN, "structure needs cleaning")'],
  ['daemon-unreachable', 'Failed to restart service.system.docker.service: Unit service.system.docker.service not found.', 'systemctl "Unit %s not found." for the engine\'s unit (a hint)'],
  ['daemon-unreachable', 'Unit docker.service could not be found.', 'systemctl status "Unit %s could not be found." (a hint)'],
  ['apparmor-denied', 'Starting lighttpd: creating new SSL cert... ip: socket: Permission denied', 'busybox/iproute2 "socket: %m" with EACCES (a hint)'],
  ['caps-unavailable', '18:41:59 Error: Unmet bootstrap preconditions for read-only deployment: Failed to set ambient capabilities, error code: 1, error message: Operation not permitted', 'Dynatrace OneAgent "Failed to set ambient capabilities" with EPERM'],
  ['daemon-unreachable', '    Allocation "c81b4c13" status "failed" (1/1 nodes filtered)\n      * Constraint "missing drivers" filtered 1 nodes', 'Nomad "Constraint %q filtered %d nodes" for missing drivers (a hint)'],
  ['socket-permission', "netdata    | 2020-04-26 15:32:19: cgroup-name.sh: WARNING: cannot find the name of docker container '1148729c1ae5'", 'netdata cgroup-name.sh "cannot find the name of docker container %s" (a hint)'],
  ['not-privileged', '+ mount -t tmpfs -o remount,rw,nosuid,nodev,noexec,relatime,size=256M tmpfs /dev/shm\nmount: cannot remount block device tmpfs read-write, is write-protected', 'util-linux before 2.22 "cannot remount %s read-write, is write-protected"'],
  ['not-privileged', 'mount: /src is write-protected, mounting read-only', 'util-linux "%s is write-protected, mounting read-only"'],
  ['not-privileged', 'mount: /sys/fs/cgroup: WARNING: source write-protected, mounted read-only.', 'util-linux 2.30+ "%s: WARNING: source write-protected, mounted read-only."'],
  ['daemon-unreachable', 'Failed to start docker.service: Unit not found.', 'systemd 219 "Failed to %s %s: Unit not found." for the engine\'s unit (a hint)'],
  ['daemon-unreachable', 'Failed to enable unit: Unit file docker.service does not exist.', 'systemctl enable "Unit file %s does not exist." (a hint)'],
  ['daemon-unreachable', '    * Constraint "missing drivers": 1 nodes excluded by filter', 'Nomad "Constraint %q: %d nodes excluded by filter" (a hint)'],
  ['socket-permission', "time=2024-05-01T10:00:00Z level=warning msg=\"cannot find the name of docker container '1148729c1ae5'\"", 'netdata\'s Go resolver "cannot find the name of docker container %s" (a hint)'],
  ['apparmor-denied', 'Cannot open netlink socket: Permission denied', 'iproute2 rtnl_open_byproto perror("Cannot open netlink socket") with EACCES (a hint)'],
  ['api-version-mismatch', 'docker: only supported on a Docker daemon with experimental features enabled.', 'docker CLI 17.0x isSupported "only supported on a Docker daemon with experimental features enabled" (a hint)'],
  ['daemon-unreachable', 'level=warn msg="Unable to get Docker client for version 1.21: version detection check: failed to ping with Docker version: 1.21: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"', 'ECS agent "version detection check: failed to ping with Docker version: %s: %v" (a hint)'],
  ['kernel-module-missing', '/proc/misc: No entry for device-mapper found\nIs device-mapper driver missing from kernel?', 'libdevmapper "%s: No entry for device-mapper found" (a hint)'],
  ['not-privileged', 'RuntimeError: failed to ptrace child, check Yama config (https://www.kernel.org/doc/Documentation/security/Yama.txt, should be at most 1); if running in Docker, must run container with `--cap-add=SYS_PTRACE`', 'DMOJ cptbox "if running in Docker, must run container with `--cap-add=SYS_PTRACE`"'],
  ['not-privileged', 'ptrace: Operation not permitted.', 'gdb "ptrace: %s." with EPERM (a hint)'],
  ['not-privileged', 'Message:      pod with UID "e0a504fe-3c4b-11e8-9fe6-0271e3567779" specified privileged container, but is disallowed', 'kubelet "pod with UID %q specified privileged container, but is disallowed"'],
  ['caps-unavailable', 'Message:      pod with UID "e0a504fe-3c4b-11e8-9fe6-0271e3567779" specified privileged container, but is disallowed', 'the same (the node\'s side, a hint)'],
  ['not-privileged', '++ losetup -f\nlosetup: cannot find an unused loop device: No such device', 'util-linux losetup "cannot find an unused loop device" (a device hint)'],
  ['kernel-module-missing', 'losetup: could not find any free loop device', 'util-linux before 2.21 "could not find any free loop device" (a module hint)'],
  ['apparmor-denied', "$ sudo docker build -t test:1.0.0-alpha .;\nerror checking context: 'can't stat '/media/me/project''.\n$ sudo snap connect docker:removable-media;", 'docker CLI "error checking context: \'can\'t stat \'%s\'\'" on removable media beside the Docker snap (a hint)'],
  ['caps-unavailable', 'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: container_linux.go:425: starting container process caused: process_linux.go:607: container init caused: rootfs_linux.go:72: creating device nodes caused: permission denied: unknown.', 'runc rootfs_linux.go "creating device nodes caused: %v" with EACCES'],
];

describeRuleTemplates('round 38 templates', TEMPLATES);

describe('round 38 boundaries', () => {
  it('reads libdevmapper refused for lack of privilege as the level\'s, not the kernel\'s', () => {
    const refused = '/dev/mapper/control: open failed: Operation not permitted\nFailure to communicate with kernel device-mapper driver.';
    assert.ok(!ruleRaises(refused, 'kernel-module-missing'));
    assert.equal(ruleSeverityOf('/dev/mapper/control: open failed: No such device', 'kernel-module-missing'), 'info');
  });

  it('reads a layer refused for another reason as no network share', () => {
    assert.ok(!ruleRaises('failed to register layer: Error processing tar file(exit status 1): write /usr/lib/x.so: no space left on device', 'storage-driver-unsupported'));
    assert.ok(!ruleRaises('i2c i2c-1: remote I/O error', 'storage-driver-unsupported'));
  });

  it('reads iptables-nft refusing a whole table as the backends, one chain as a failure first', () => {
    assert.equal(ruleSeverityOf("iptables v1.8.4 (nf_tables): table `nat' is incompatible, use 'nft' tool.", 'iptables-backend-mismatch'), 'error');
    assert.ok(!ruleRaises("iptables v1.8.4 (nf_tables): table `nat' is incompatible, use 'nft' tool.", 'iptables-failure'));
    assert.equal(ruleSeverityOf("ip6tables v1.8.9 (nf_tables): chain `DOCKER-USER' in table `filter' is incompatible, use 'nft' tool.", 'iptables-backend-mismatch'), 'info');
  });

  it('reads another unit missing, ping refused and a bad message outside the data root as nothing', () => {
    assert.ok(!ruleRaises('Unit jlmkr-docker1.service could not be found.', 'daemon-unreachable'));
    assert.ok(!ruleRaises('Unit cri-docker.service could not be found.', 'daemon-unreachable'));
    assert.ok(!ruleRaises('Failed to start cri-docker.service: Unit not found.', 'daemon-unreachable'));
    assert.ok(!ruleRaises('ping: socket: Permission denied', 'apparmor-denied'));
    assert.ok(!ruleRaises('ping6: socket: Permission denied', 'apparmor-denied'));
    assert.ok(!ruleRaises('arping: socket: Permission denied', 'apparmor-denied'));
    assert.ok(!ruleRaises('read /home/user/notes.txt: bad message', 'data-root-corrupt'));
  });

  it('reads socket() refused on the engine\'s socket as both the socket\'s permissions and a security module\'s hint', () => {
    const denied = 'Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json": dial unix /var/run/docker.sock: socket: permission denied';
    assert.ok(ruleRaises(denied, 'socket-permission'));
    assert.equal(ruleSeverityOf(denied, 'apparmor-denied'), 'info');
  });

  it('reads a damaged filesystem under overlay2 as a warning, and not as a second daemon', () => {
    assert.equal(ruleSeverityOf('open /var/lib/docker/overlay2/0a1b/diff/etc/passwd: structure needs cleaning', 'data-root-corrupt'), 'warning');
    assert.equal(ruleSeverityOf('lstat /mnt/data/docker/overlay2/6888/merged/var: bad message', 'data-root-corrupt'), 'warning');
    assert.ok(!ruleRaises('lstat /mnt/data/docker/overlay2/6888/merged/var: bad message', 'var-lib-docker-shared'));
  });

  it('reads iptables-nft refusing one chain below error as a probe\'s answer', () => {
    assert.equal(ruleSeverityOf("level=warning msg=\"iptables v1.8.9 (nf_tables): chain `DOCKER-USER' in table `filter' is incompatible, use 'nft' tool.\"", 'iptables-failure'), 'info');
  });

  it('reads calicoctl\'s optional modules as hints, the data plane\'s as warnings', () => {
    assert.equal(ruleSeverityOf('WARNING: Unable to detect the xt_u32 module as Loaded/Builtin module or lsmod', 'kernel-module-missing'), 'info');
    assert.equal(ruleSeverityOf('WARNING: Unable to detect the ip_set module as Loaded/Builtin module or lsmod', 'kernel-module-missing'), 'warning');
  });

  it('gives the experimental-only flag its own advice', () => {
    const hint = classify('"--squash" is only supported on a Docker daemon with experimental features enabled').find((f) => f.id === 'api-version-mismatch')?.hint ?? '';
    assert.match(hint, /experimental/);
  });

  it('reads a disk\'s own node or an image mounted read-only as a hint', () => {
    assert.equal(ruleSeverityOf('mount: /dev/sdb1 is write-protected, mounting read-only', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('mount: /dev/mmcblk0p1 is write-protected, mounting read-only', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('mount: /dev/loop0 is write-protected, mounting read-only', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('mount: /mnt/iso: WARNING: device write-protected, mounted read-only.', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('mount: /src is write-protected, mounting read-only', 'not-privileged'), 'warning');
  });

  it('reads a policy described in prose as nothing', () => {
    assert.ok(!ruleRaises('Note: the baseline policy does not allow privileged containers; use the privileged namespace.', 'not-privileged'));
  });
});
