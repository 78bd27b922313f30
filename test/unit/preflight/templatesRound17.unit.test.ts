// Per-template tests for round 17 (session 18): templates fresh22's misses and alarms pointed to after its second
// look, each read in the source of the program that prints it. Each row is built from the format strings named in it,
// with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  ['daemon-unreachable', 'Error: unable to determine if image already exists for image "node:12.6-buster-slim"', 'act\'s first releases: "unable to determine if image already exists for image %q" (a hint)'],
  ['daemon-unreachable', "Error: unable to determine if image already exists for image 'node:20' (linux/amd64)", 'the same with its platform, the cause cut'],
  [
    'daemon-unreachable',
    "System.TypeInitializationException : The type initializer for 'DotNet.Testcontainers.Configurations.TestcontainersSettings' threw an exception.\n  ----> System.InvalidOperationException : Sequence contains no elements",
    'Testcontainers for .NET 2.x finding no endpoint in its static constructor',
  ],
  ['memory-limit', 'Exiting due to RSRC_INSUFFICIENT_CONTAINER_MEMORY: docker only has 979MiB available, less than the required 1800MiB for Kubernetes', 'minikube "%s only has %dMiB available, less than the required %dMiB for Kubernetes"'],
  [
    'data-root-corrupt',
    'disk check failed with: Failure("exec: /Applications/Docker.app/Contents/MacOS/qemu-img check /Users/u/Library/Containers/com.docker.docker/Data/com.docker.driver.amd64-linux/Docker.qcow2 > /tmp/x/qemu-img-check.stdout 2> /tmp/x/qemu-img-check.stderr: exit 2")',
    'Docker for Mac\'s diagnostics: qemu-img check of its VM disk exiting 2 (corruption)',
  ],
  ['dood-volume-path', 'dockerd[1]: time="2017-01-22T08:38:55Z" level=fatal msg="can\'t create unix socket /var/run/docker.sock: is a directory"', 'moby "can\'t create unix socket %s: %v" with EISDIR'],
  ['dood-volume-path', '[root@c ~]# ls /run/docker\ndocker/          dockershim.sock  docker.sock/', 'the socket\'s path listed as a folder'],
  ['dood-volume-path', 'drwxr-xr-x 2 root root 40 Jan 22 08:37 /var/run/docker.sock', '`ls -ld` of the socket\'s path with a folder\'s mode'],
  ['dood-volume-path', "sh: 0: Can't open /__w/_temp/8e725f1d-7b7b-42e6-b0ad-103fa9200580.sh", 'a container job\'s step script missing under /__w (runner in a container)'],
  ['dood-volume-path', '/__w/_temp/0a1b2c3d.sh: No such file or directory', 'the same in bash\'s words'],
  [
    'caps-unavailable',
    'OCI runtime create failed: container_linux.go:345: starting container process caused "process_linux.go:430: container init caused \\"rootfs_linux.go:70: creating device nodes caused \\\\\\"open /var/lib/docker/overlay2/abc/merged/dev/tty: no such device or address\\\\\\"\\"": unknown.',
    'runc 1.0 "creating device nodes" refused with ENXIO in an unprivileged LXD container',
  ],
];

describeTemplates('round 17 message templates', TEMPLATES);

describe('round 17: severity from the whole text', () => {
  it('reads the memory cgroup missing from dockerd\'s OOM monitor as a hint', () => {
    const got = classify('dockerd[1]: time="2018-09-25T15:34:01+02:00" level=warning msg="OOM monitoring failed" error="cgroups: memory cgroup not supported on this system"');
    assert.equal(got.find((f) => f.id === 'cgroup-not-mounted')?.severity, 'info');
  });
  it('keeps the memory cgroup missing at a container\'s start an error', () => {
    const got = classify('docker: Error response from daemon: failed to create shim: OCI runtime create failed: cgroups: memory cgroup not supported on this system: unknown.');
    assert.equal(got.find((f) => f.id === 'cgroup-not-mounted')?.severity, 'error');
  });
  it('reads a process\'s own cgroup at a container\'s place in the host\'s v2 tree as the host\'s namespace', () => {
    for (const text of ['$ cat /proc/self/cgroup\n0::/docker/0123456789abcdef0123', '# cat /proc/1/cgroup\n0::/system.slice/docker-0123456789abcdef.scope']) {
      assert.equal(classify(text).find((f) => f.id === 'cgroupns-host')?.severity, 'warning', text);
    }
  });
  it('reads the initial cgroup namespace\'s inode without the command that read it as a hint', () => {
    const got = classify('lrwxrwxrwx 1 root root 0 Jan  1 00:00 cgroup -> cgroup:[4026531835]');
    assert.equal(got.find((f) => f.id === 'cgroupns-host')?.severity, 'info');
  });
  it('keeps overlay2 on zfs an error where docker info names an old daemon', () => {
    const got = classify('Server Version: 1.4.1\nStorage Driver: overlay\n Backing Filesystem: zfs');
    assert.ok(got.some((f) => f.id === 'storage-driver-unsupported' && f.severity === 'error'), JSON.stringify(got));
  });
});

describeQuiet('round 17 lines that are not these failures', [
  [
    'Storage Driver: overlay2\n  Backing Filesystem: zfs\n  Supports d_type: true\n  Using metacopy: false\n  Native Overlay Diff: true\n  userxattr: false',
    'overlay2 running on zfs under a daemon new enough to have refused it at start (OpenZFS 2.2)',
  ],
  [
    'manager.go:1116] Failed to create existing container: failed to identify the read-write layer ID for container "abc". - open /rootfs/var/lib/docker/image/overlayfs/layerdb/mounts/abc/mount-id: no such file or directory',
    'cAdvisor reading layerdb under the containerd image store',
  ],
  ['Error: unable to determine if image already exists for image \'node:20\' (linux/amd64): Error response from daemon: manifest unknown', 'act\'s probe with its cause a registry reply (left to other rules)'],
  ['$ ls -l /var/run/docker.sock\nsrwxr-xr-x 1 root docker 0 Jan 22 08:37 /var/run/docker.sock', 'the socket listed as a socket'],
  ['ls /var/run\ndocker  docker.pid  docker.sock  utmp', 'a folder named docker beside the socket'],
  ['qemu-img check Docker.qcow2: exit 3', 'leaked clusters only'],
  ['/__w/_temp/abc.sh: line 3: npm: command not found', 'a step script that ran and missed a command'],
  ['$ cat /proc/self/cgroup\n0::/user.slice/user-1000.slice/session-2.scope', 'a login shell\'s own cgroup on the host'],
  ['$ cat /proc/self/cgroup\n12:memory:/docker/0123456789abcdef\n0::/docker/0123456789abcdef', 'a hybrid host, where sharing the namespace was the default'],
]);
