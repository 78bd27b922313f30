// Per-template tests for round 38 (session 38): wordings the eighty-first blind batch's unread half (fresh80, read after
// its third scoring), the eighty-second batch (fresh81, read after its second) and the read halves of the eighty-third,
// eighty-fourth and eighty-fifth (fresh82r, fresh83r and fresh84r, after their first) pointed to. Each row is built from
// the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

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
];

describeRuleTemplates('round 38 templates', TEMPLATES);

describe('round 38 boundaries', () => {
  it('reads libdevmapper refused for lack of privilege as the level\'s, not the kernel\'s', () => {
    const refused = '/dev/mapper/control: open failed: Operation not permitted\nFailure to communicate with kernel device-mapper driver.';
    assert.ok(!ruleRaises(refused, 'kernel-module-missing'));
    assert.equal(severityOf('/dev/mapper/control: open failed: No such device', 'kernel-module-missing'), 'info');
  });

  it('reads a layer refused for another reason as no network share', () => {
    assert.ok(!ruleRaises('failed to register layer: Error processing tar file(exit status 1): write /usr/lib/x.so: no space left on device', 'storage-driver-unsupported'));
    assert.ok(!ruleRaises('i2c i2c-1: remote I/O error', 'storage-driver-unsupported'));
  });

  it('reads iptables-nft refusing a whole table as the backends, one chain as a failure first', () => {
    assert.equal(severityOf("iptables v1.8.4 (nf_tables): table `nat' is incompatible, use 'nft' tool.", 'iptables-backend-mismatch'), 'error');
    assert.ok(!ruleRaises("iptables v1.8.4 (nf_tables): table `nat' is incompatible, use 'nft' tool.", 'iptables-failure'));
    assert.equal(severityOf("ip6tables v1.8.9 (nf_tables): chain `DOCKER-USER' in table `filter' is incompatible, use 'nft' tool.", 'iptables-backend-mismatch'), 'info');
  });

  it('reads another unit missing, ping refused and a bad message outside the data root as nothing', () => {
    assert.ok(!ruleRaises('Unit jlmkr-docker1.service could not be found.', 'daemon-unreachable'));
    assert.ok(!ruleRaises('Failed to start cri-docker.socket.service: Unit cri-docker.socket.service not found.', 'daemon-unreachable'));
    assert.ok(!ruleRaises('ping: socket: Permission denied', 'apparmor-denied'));
    assert.ok(!ruleRaises('failed to bind DHCP server socket: Permission denied', 'apparmor-denied'));
    assert.ok(!ruleRaises('read /home/user/notes.txt: bad message', 'data-root-corrupt'));
  });

  it('reads a disk\'s own node mounted read-only as a hint', () => {
    assert.equal(severityOf('mount: /dev/sdb1 is write-protected, mounting read-only', 'not-privileged'), 'info');
    assert.equal(severityOf('mount: /dev/mmcblk0p1 is write-protected, mounting read-only', 'not-privileged'), 'info');
  });

  it('reads a proxy that allows privileged mode as nothing', () => {
    assert.ok(!ruleRaises('The platform allows privileged mode execution for this domain', 'not-privileged'));
  });
});
