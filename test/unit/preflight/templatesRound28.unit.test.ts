// Per-template tests for round 28 (session 28): wordings the forty-fifth blind batch's unread half (fresh44, read after
// three looks), both halves of the forty-sixth (fresh45r after one look, fresh45 after four) and the forty-seventh
// (fresh46, after three) pointed to. Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises } from './templateRows';

const PODMAN_INFO = (controllers: string[]) =>
  ['host:', '  arch: amd64', '  buildahVersion: 1.33.5', '  cgroupControllers:', ...controllers.map((c) => `  - ${c}`), '  cgroupManager: systemd', '  cgroupVersion: v2'].join('\n');

const TEMPLATES: Row[] = [
  [
    'daemon-unreachable',
    'failed to create sandbox: create runtime: create/start VM: POST VM create failed: status 500: {"message":"create or start VM: starting LinuxKit VM: timed out waiting for dockerd: Get \\"http://%2Fvar%2Frun%2Fdocker.sock/_ping\\": context deadline exceeded"}',
    'Docker Sandboxes "timed out waiting for dockerd" with its /_ping past the deadline',
  ],
  ['daemon-unreachable', 'Get "http://%2Fvar%2Frun%2Fdocker.sock/_ping": context deadline exceeded', 'a client\'s /_ping "context deadline exceeded"'],
  ['apparmor-denied', 'root@homekube:~# microk8s.inspect\ncannot change profile for the next exec call: No such file or directory', 'snap-confine "cannot change profile for the next exec call: %s" with ENOENT'],
  ['cgroup-v2-nesting', PODMAN_INFO(['pids']), '`podman info` on v2 whose cgroupControllers lack memory and cpu (a hint)'],
  ['cgroup-v2-nesting', ['  cgroupControllers:', '  cgroupManager: systemd', '  cgroupVersion: v2'].join('\n'), '`podman info` on v2 with an empty cgroupControllers (a hint)'],
  ['cgroup-v2-nesting', '    "cgroupControllers": ["memory", "pids"],\n    "cgroupManager": "systemd",\n    "cgroupVersion": "v2",', '`podman info --format json` on v2 without cpu (a hint)'],
  ['cgroup-v2-nesting', '    "cgroupVersion": "v2",\n    "cgroupControllers": [\n      "memory",\n      "pids"\n    ],', '`podman info --format json`, its array over lines after the version (a hint)'],
  ['dood-volume-path', "ERROR: A compose file doesn't exist after writing stack. Ensure the run_directory and file_paths are correct.", 'Komodo Periphery "A compose file doesn\'t exist after writing stack" (a hint)'],
  ['cgroupns-host', 'Failed to attach 1 to compat systemd cgroup /libpod_parent/libpod-00efc8a8417971d4edccc018bec5ddb3c3229fb45d238f85dff2b69e59784ee7/init.scope: No such file or directory', 'systemd "Failed to attach %d to compat systemd cgroup %s: %m" on Podman\'s cgroupfs host path'],
  ['cgroupns-host', "Failed to attach 1 to compat systemd cgroup '/machine.slice/libpod-0a1b2c3d4e5f60718293a4b5c6d7e8f9.scope/init.scope', ignoring: No such file or directory", 'the same, newer wording, on Podman\'s systemd host path'],
  ['dood-volume-path', 'Error response from daemon: make cli opts(): making volume mountpoint for volume /home/dev/project/init: mkdir /home/dev: permission denied', 'Podman "making volume mountpoint for volume %s: mkdir %s: %w" with EACCES'],
  ['apparmor-denied', 'ERROR: oci runtime error: rootfs_linux.go:53: mounting "/proc" to rootfs "/var/lib/docker/vfs/dir/d841f24cbf26" caused "permission denied"', 'runc 1.0-rc1 "mounting %q to rootfs %q caused %q" with EACCES'],
  ['caps-unavailable', 'ERROR: oci runtime error: rootfs_linux.go:53: mounting "/sys" to rootfs "/var/lib/docker/aufs/mnt/d841f24cbf26" caused "operation not permitted"', 'the same with EPERM: the runtime\'s reading'],
  ['not-privileged', 'ERROR: oci runtime error: rootfs_linux.go:53: mounting "/proc" to rootfs "/var/lib/docker/aufs/mnt/d841f24cbf26" caused "permission denied"', 'the same: a level started without --privileged, the other reading'],
  ['cgroup-readonly', 'error running container: error from /usr/bin/crun creating container for [/bin/sh -c echo hello]: creating cgroup directory `/sys/fs/cgroup/pids/buildah-buildah2937778511`: No such file or directory', 'crun "creating cgroup directory `%s`" in a v1 controller with ENOENT'],
  ['cgroup-v2-nesting', 'failed to create containerd task: OCI runtime create failed: writing file `/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.subtree_control`: No such file or directory: unknown', 'crun "writing file `%s`" of cgroup.subtree_control with ENOENT'],
  ['caps-unavailable', 'root@node:~# echo 1> /proc/sys/vm/overcommit_memory\n-bash: /proc/sys/vm/overcommit_memory: Permission denied', 'bash\'s redirection to /proc/sys refused with EACCES (a hint)'],
  ['caps-unavailable', '# echo 1 > /proc/sys/net/ipv4/ip_forward\nsh: 1: cannot create /proc/sys/net/ipv4/ip_forward: Permission denied', 'dash "cannot create %s: Permission denied" at a root prompt (a hint)'],
  ['caps-unavailable', 'root@ct:~# echo 1 > /proc/sys/vm/overcommit_memory\nzsh: permission denied: /proc/sys/vm/overcommit_memory', 'zsh "permission denied: %s" at a root prompt (a hint)'],
  ['apparmor-denied', 'crun: `/proc/thread-self/attr/apparmor/exec`: OCI runtime error:\nunable to assign security attribute', 'crun naming its AppArmor exec attribute, its error after'],
  [
    'dood-volume-path',
    '        SET DOCKER_HOST=tcp://192.168.99.100:2376\n        SET DOCKER_MACHINE_NAME=box\n{"errorMessage":"Cannot find module \'/var/task/app\'","errorType":"Error"}',
    'a Lambda runtime finding no handler at /var/task beside a docker-machine client (a hint)',
  ],
  [
    'dood-volume-path',
    "Mounting /Volumes/Disk/lambda/hello-world as /var/task:ro,delegated inside runtime container\nUnable to import module 'app': Error",
    'SAM CLI "Mounting %s as /var/task:ro,delegated inside runtime container", then no module (a hint)',
  ],
  ['dood-port-conflict', 'stderr:\nError response from daemon: Address already in use\nError: failed to start containers: minikube', 'the daemon\'s bare EADDRINUSE starting a container (a hint)'],
  ['dood-port-conflict', 'docker: Error response from daemon: Address already in use.', 'the same behind docker run\'s prefix (a hint)'],
  ['dood-volume-path', "Mounting /Users/dev/hello as /var/task:ro,delegated, inside runtime container\nUnable to import module 'app': No module named 'app'", 'SAM CLI\'s later "…:ro,delegated, inside runtime container", the handler\'s own module missing (a hint)'],
  ['cgroup-readonly', 'Error: creating cgroup directory `/sys/fs/cgroup/net_cls,net_prio/buildah-buildah42`: No such file or directory', 'crun "creating cgroup directory `%s`" under a co-mounted v1 controller'],
  [
    'rootless-prerequisites',
    'docker: Error response from daemon: driver failed programming external connectivity on endpoint web (fb78): fork/exec /home/student/bin/rootlesskit-docker-proxy: no such file or directory.',
    'rootless dockerd "fork/exec %s/rootlesskit-docker-proxy: no such file or directory"',
  ],
  ['rootless-prerequisites', ' $ dockerd-rootless-setuptool.sh install\ndockerd-rootless-setuptool.sh: command not found', 'the rootless extras\' setup tool not installed'],
  ['rootless-prerequisites', '[INFO] systemd not detected, dockerd-rootless.sh needs to be started manually:', 'the rootless installer without a systemd user session (a hint)'],
  [
    'rootless-prerequisites',
    'ERROR: for app  Cannot start service app: driver failed programming external connectivity on endpoint app_1 (490b): Error starting userland proxy: cannot expose slirp4net port: error reply: map[desc:bad request: add_hostfwd: slirp_add_hostfwd failed]',
    'RootlessKit "cannot expose slirp4net port" with slirp_add_hostfwd failed (a hint)',
  ],
  [
    'data-root-corrupt',
    [
      'Jan 10 10:07:42 host dockerd[28614]: created by github.com/containerd/containerd/metadata/plugin.init.1.func1 in goroutine 48',
      'Jan 10 10:07:42 host dockerd[28519]: time="2025-01-10T10:07:42.850030681Z" level=error msg="containerd did not exit successfully" error="signal: aborted (core dumped)" module=libcontainerd',
      'Jan 10 10:07:48 host dockerd[28519]: failed to start containerd: timeout waiting for containerd to start',
    ].join('\n'),
    'containerd crashing in its metadata plugin\'s goroutine at start (a hint)',
  ],
];

describeRuleTemplates('round 28 templates', TEMPLATES);

describe('round 28 context', () => {
  it('reads a podman info with every controller, or on cgroup v1, as no missing delegation', () => {
    assert.ok(!ruleRaises(PODMAN_INFO(['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids']), 'cgroup-v2-nesting'));
    assert.ok(!ruleRaises('  cgroupControllers: []\n  cgroupManager: cgroupfs\n  cgroupVersion: v1', 'cgroup-v2-nesting'));
    assert.ok(!ruleRaises(['  cgroupControllers:', '  - cpu', '  - io', '  - memory', '  - pids', '  cgroupManager: systemd', '  cgroupVersion: v2'].join('\n'), 'cgroup-v2-nesting'));
    assert.ok(!ruleRaises(['cgroupControllers:', 'cpu', 'memory', 'pids', 'cgroupVersion: v2'].join('\n'), 'cgroup-v2-nesting'));
  });

  it('reads a long run of spaces after the key in linear time', () => {
    const start = Date.now();
    ruleRaises(`cgroupControllers:${' '.repeat(50_000)}x`, 'cgroup-v2-nesting');
    assert.ok(Date.now() - start < 5000);
  });
});

describe('round 28 false alarms and ranks', () => {
  it('reads systemd answering systemctl beside a read-only cgroup bind as a working setup', () => {
    const text = [
      '$ sudo docker run -e container=docker -ti --rm --tmpfs /run -v /sys/fs/cgroup:/sys/fs/cgroup:ro debian:stretch /sbin/init',
      '$ sudo docker exec -i elegant_heisenberg systemctl',
      'UNIT                              LOAD   ACTIVE SUB       DESCRIPTION',
      '-.mount                           loaded active mounted   Root Mount',
    ].join('\n');
    assert.deepEqual(classify(text).filter((f) => f.severity !== 'info').map((f) => f.id), []);
  });

  it("reads Docker 0.x's -privileged as --privileged: a mount refused there is not a missing flag first", () => {
    const text = 'sudo docker run -privileged -t -i dind\nmount: block device cgroup is write-protected, mounting read-only\nmount: cannot mount block device cgroup read-only';
    const found = classify(text);
    assert.notEqual(found[0]?.id, 'not-privileged');
    assert.equal(found.find((f) => f.id === 'not-privileged')?.severity ?? 'info', 'info');
  });
});

describe('round 28 context (the hints need their company)', () => {
  it('reads a missing module alone, or a metadata frame without a crash, as nothing of these', () => {
    assert.ok(!ruleRaises("Unable to import module 'app': No module named 'app'", 'dood-volume-path'));
    assert.ok(!ruleRaises("Mounting /Users/dev/hello as /var/task:ro,delegated, inside runtime container\nUnable to import module 'app': No module named 'requests'", 'dood-volume-path'));
    assert.ok(!ruleRaises('user@host:~$ sudo echo 3 > /proc/sys/vm/drop_caches\n-bash: /proc/sys/vm/drop_caches: Permission denied', 'caps-unavailable'));
    assert.ok(!ruleRaises('created by github.com/containerd/containerd/metadata/plugin.init.1.func1 in goroutine 48', 'data-root-corrupt'));
  });
});

describe('round 28 quiet', () => {
  it("reads a daemon's zfs probe at debug level, before it takes another driver, as a hint", () => {
    const text = 'DEBU[0001] [zfs] zfs command is not available: exec: "zfs": executable file not found in $PATH\nDEBU[0001] devicemapper: driver version is 4.34.0';
    assert.deepEqual(classify(text).filter((f) => f.severity !== 'info').map((f) => f.id), []);
  });
});
