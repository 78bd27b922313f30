// Per-template tests for round 23 (session 23): templates that fresh34r's misses and false alarms pointed to after its
// first look. Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeQuiet, describeTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['apparmor-denied', '$ apptainer run app.sif\nERROR  : Failed to create user namespace: Permission denied', 'Apptainer "Failed to create user namespace: %s" with EACCES'],
  ['apparmor-denied', 'bwrap: Creating new namespace failed: Permission denied', 'bubblewrap "Creating new namespace failed: %s" with EACCES'],
  ['selinux-denied', 'ERROR: executor failed running [/dev/.buildkit_qemu_emulator /bin/sh -c apt-get update]: failed to copy xattrs: failed to set xattr "security.selinux" on /tmp/buildkit-qemu-emulator0123/dev/.buildkit_qemu_emulator: operation not supported', 'BuildKit copying its emulator with the host\'s SELinux label'],
  ['selinux-denied', 'Jan 05 07:49:17 node (k3s)[3475]: k3s-agent.service: Failed at step EXEC spawning /usr/local/bin/k3s: Permission denied', 'systemd "Failed at step EXEC spawning %s: %m" with EACCES (a hint)'],
  ['cgroup-not-mounted', 'Failed to create a containerizer: Could not create DockerContainerizer: Failed to create docker: Failed to find a mounted cgroups hierarchy for the \'cpu\' subsystem; you probably need to mount cgroups manually', 'Mesos "Failed to find a mounted cgroups hierarchy for the \'%s\' subsystem"'],
  ['cgroup-not-mounted', 'time="2026-07-08T19:15:41Z" level=fatal msg="Cgroups v1 not supported"', 'Podman 6 finding no cgroup2 filesystem (a hint)'],
  ['cgroup-not-mounted', 'WARN[0001] Your kernel does not support oom control.\nWARN[0001] Your kernel does not support memory swappiness.\nWARN[0001] Your kernel does not support cgroup cpu shares', 'dockerd\'s sysinfo finding neither the memory nor the cpu controller (a hint)'],
  ['cgroup-not-mounted', 'Generally Necessary:\n- cgroup hierarchy: nonexistent??\n    (see https://github.com/tianon/cgroupfs-mount)', 'check-config.sh "cgroup hierarchy: nonexistent??"'],
  // Class-level: a container's place in the host's tree, in more of the forms reports show it.
  ['cgroupns-host', 'root@abc:/# cat /proc/1/cgroup\n0::/system.slice/docker-4f1c2d3e5a6b....scope', 'a /proc/1/cgroup line whose container id the report cut short'],
  ['cgroupns-host', 'bash-5.1# cat /proc/self/cgroup\n0::/machine.slice/machine-dev.scope/payload', 'a systemd-nspawn container at its machine scope'],
  ['cgroupns-host', 'sh-4.4# cat /proc/1/cgroup\n0::/ecs/9f2c7a1b3d4e4f5a8b6c7d8e9f0a1b2c/9f2c7a1b3d4e4f5a8b6c7d8e9f0a1b2c-1234567890', 'an ECS task\'s container'],
  ['cgroupns-host', '$ cat /proc/self/cgroup\n0::/nomad.slice/0d5c2e1f-1111-2222-3333-444455556666.redis.scope', 'a Nomad allocation\'s task'],
  ['cgroupns-host', '$ cat /proc/$(pgrep -n runc-step)/cgroup\n0::/buildkit/0123456789abcdef0123', 'a BuildKit runc worker\'s step (a hint)'],
  ['cgroupns-host', '$ docker exec dind grep cgroup /proc/self/mountinfo\n640 631 0:27 /docker/0123456789abcdef0123 /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate', 'mountinfo\'s cgroup2 root at the container\'s place, read in it'],
  ['cgroupns-host', 'Inside the dind container /proc/self/cgroup shows 0::/docker/0123456789abcdef0123 instead of 0::/', 'a report quoting the v2 line inline (a hint)'],
  // Read from fresh32's and fresh33's misses after their fourth look.
  ['cgroup-v2-nesting', 'Set hostname to <kind-control-plane>.\nFailed to create /init.scope control group: Operation not supported', 'systemd "Failed to create %s control group: %m" with EOPNOTSUPP'],
  ['dood-port-conflict', 'Error response from daemon: failed to set up container networking:\nfailed to bind host port for 0.0.0.0:55430:172.18.0.3:3000/tcp: address already in use', 'Docker 28.2+ "failed to bind host port for %s: %w"'],
  ['not-privileged', 'mount: block device cgroup is write-protected, mounting read-only\nmount: cannot mount block device cgroup read-only', 'old util-linux retrying the cgroup mount read-only after EACCES'],
  ['overlay-on-overlay', 'ctr: failed to extract layer sha256:0123: failed to convert whiteout file "docker-entrypoint.d/.wh..wh..opq": operation not supported: unknown', 'containerd\'s whiteout refused with EOPNOTSUPP (a hint beside the storage finding)'],
  ['daemon-unreachable', 'ERROR: ping failed with configuration Environment variables, system properties and defaults. Resolved:\ndockerHost=unix:///var/run/docker.sock', 'Testcontainers-java before 1.7 "ping failed with configuration %s"'],
];

describeTemplates('classify: round 23 templates', TEMPLATES);

describeQuiet('classify: round 23 texts that raise nothing', [
  ['[  185.043591] audit: type=1400 audit(1698061446.955:204): apparmor="DENIED" operation="capable" profile="snap.microk8s.daemon-cluster-agent" pid=7284 comm="sed" capability=4  capname="fsetid"', 'a CAP_FSETID denial (the kernel clears setuid bits instead)'],
  ['I used cgroups v2 on Ubuntu 20.04 and ran contrib/check-config.sh:\n- cgroup hierarchy: nonexistent??', 'check-config.sh before 20.10 on a cgroup v2 host'],
  ['WARN[0000] Your kernel does not support cgroup cfs period\nWARN[0000] Your kernel does not support cgroup cfs quotas', 'a kernel without CFS bandwidth control'],
  ['WARN[0000] Your kernel does not support oom control\nWARN[0000] Your kernel does not support kernel memory limit', 'the memory controller\'s files alone'],
  ['root@abc:/# cat /proc/self/mountinfo | grep cgroup\n640 631 0:27 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate', 'mountinfo\'s cgroup2 root at "/" (a namespace of its own)'],
  ['The cgroup file shows 0::/ and 0::/init.scope in the level', 'a report quoting a private namespace\'s lines'],
]);

describe('classify: round 23 severities', () => {
  it('keeps an unprivileged level\'s EPERM for a user namespace not-privileged, not AppArmor', () => {
    const text = 'ERROR  : Failed to create user namespace: Operation not permitted';
    // (The words-only model may still offer a weak guess; no rule reads AppArmor into EPERM.)
    assert.ok(!ruleRaises(text, 'apparmor-denied'));
  });
  it('makes the findings of a few wordings hints only', () => {
    assert.equal(severityOf('level=fatal msg="Cgroups v1 not supported"', 'cgroup-not-mounted'), 'info');
    assert.equal(severityOf('k3s.service: Failed at step EXEC spawning /usr/local/bin/k3s: Permission denied', 'selinux-denied'), 'info');
    assert.equal(severityOf('WARN Your kernel does not support oom control\nWARN Your kernel does not support cgroup cpu shares', 'cgroup-not-mounted'), 'info');
    assert.equal(severityOf('Cgroup Version: 2\n- cgroup hierarchy: nonexistent??', 'cgroup-not-mounted'), 'info');
    assert.equal(severityOf('- cgroup hierarchy: nonexistent??', 'cgroup-not-mounted'), 'warning');
  });
  it('keeps the quoted line and a bare mountinfo line hints, and quiet beside a v1 line', () => {
    assert.equal(severityOf('it shows 0::/system.slice/docker-0123456789abcdef0123.scope', 'cgroupns-host'), 'info');
    assert.equal(severityOf('640 631 0:27 /docker/0123456789abcdef0123 /sys/fs/cgroup ro,relatime - cgroup2 cgroup rw', 'cgroupns-host'), 'info');
    assert.ok(!ruleRaises('it shows 12:memory:/docker/0123456789abcdef and 0::/docker/0123456789abcdef0123', 'cgroupns-host'));
  });
  it('keeps other AppArmor capability denials errors', () => {
    const text = 'audit: type=1400 apparmor="DENIED" operation="capable" profile="docker-default" pid=9 comm="dockerd" capability=21 capname="sys_admin"';
    assert.equal(severityOf(text, 'apparmor-denied'), 'error');
  });
});
