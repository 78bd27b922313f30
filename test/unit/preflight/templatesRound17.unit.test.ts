// Per-template tests for round 17 (session 18): templates fresh22's misses and alarms pointed to after its second
// look, each read in the source of the program that prints it. Each row is built from the format strings named in it,
// with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { splitLines } from '../../../src/engine/preflight/messages';
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
  ['memory-limit', 'Docker Desktop only has 1987MiB available, less than the required 2200MiB for Kubernetes', 'the same naming Docker Desktop'],
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
  // Read from fresh23r's misses after its first look.
  [
    'dood-volume-path',
    'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/__a/externals/node/bin/node": stat /__a/externals/node/bin/node: no such file or directory: unknown',
    'Azure Pipelines\' agent in a container: its externals bound by path from the host',
  ],
  ['dood-volume-path', '110 90 0:16 /c/Users/dev/Desktop/db/data /data rw,relatime - tmpfs tmpfs rw', 'mountinfo: a user\'s folder bound from the daemon VM\'s tmpfs root'],
  ['daemon-unreachable', 'Docker API responded with status code=BadGateway, response=Bad response from Docker engine', 'Docker Desktop\'s API proxy with no engine behind it (502 "Bad response from Docker engine")'],
  ['daemon-unreachable', 'unable to resolve docker endpoint: parse "tcp://NAME    STATUS    SSH": invalid character " " in host name', 'docker/cli "unable to resolve docker endpoint: %w" over url.Parse of DOCKER_HOST'],
  ['cgroup-not-mounted', 'Cannot determine cgroup we are running in: No medium found\nFailed to allocate manager object: No medium found', 'systemd "Cannot determine cgroup we are running in: %m" with ENOMEDIUM'],
  [
    'caps-unavailable',
    'setting cgroup config for ready process caused \\"failed to write a *:* rwm to devices.allow: write /sys/fs/cgroup/devices/docker/261311e733ab/devices.allow: operation not permitted\\"',
    'runc "failed to write %s to devices.allow" of a privileged child\'s allow-all',
  ],
  [
    'storage-driver-unsupported',
    'docker: Error response from daemon: failed to create stdout log: error creating fifo /mnt/d/docker/containerd/daemon/io.containerd.runtime.v1.linux/moby/ed99/shim.stdout.log: operation not supported: unknown.',
    'containerd fifo "error creating fifo %s: %w" with EOPNOTSUPP (data root on drvfs)',
  ],
  ['kernel-module-missing', 'ERRO[0012] Failed to create testvxlan interface: error creating vxlan interface: operation not supported', 'libnetwork overlay "error creating vxlan interface: %v" with EOPNOTSUPP'],
  [
    'dood-port-conflict',
    'resulted in a `500 Internal Server Error` response: {"message":"driver failed programming external connectivity on endpoint nextcloud-aio-domaincheck (24c0d047eafd1a5bb1896 (truncated...)',
    'moby "driver failed programming external connectivity on endpoint %s (%s): %v" cut before its reason (a hint)',
  ],
  ['cgroup-devices-shared', 'mkdir /sys/fs/cgroup/cpu,cpuacct,devices/docker: read-only file system', 'a v1 hierarchy path naming devices with other controllers'],
  ['cgroup-devices-shared', 'cgroup on /sys/fs/cgroup/cpu type cgroup (rw,nosuid,nodev,noexec,relatime,cpu,devices)', 'a mount line whose options join devices with cpu'],
  ['disk-space', 'write /var/lib/docker/tmp/GetImageBlob123: ENOSPC', 'the errno printed by name'],
  ['disk-space', 'The Docker.raw disk was full, so the engine stopped', 'a VM disk full told in words (a hint)'],
  ['selinux-denied', 'container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \\"setting label: write /proc/self/attr/exec: invalid argument\\""', 'runc "setting label" over go-selinux\'s write of /proc/self/attr/exec'],
  ['cgroup-not-mounted', 'ls: cannot access /sys/fs/cgroup: No such file or directory', 'coreutils "cannot access %s: %s" of /sys/fs/cgroup itself'],
  ['cgroup-not-mounted', 'stat /sys/fs/cgroup/systemd: no such file or directory', 'Go\'s "stat %s: %v" of the name=systemd hierarchy (a hint)'],
  ['cgroup-not-mounted', 'mount: /sys/fs/cgroup/cpu: mount point does not exist.', 'util-linux mount(8) finding no directory for a controller (a hint)'],
  // Read from fresh24r's misses after its first look.
  ['daemon-unreachable', "template: :1:2: executing \"\" at <.LoggingDriver>: reflect: indirection through nil pointer to embedded struct field Info", 'docker/cli <20.10 executing `info --format` over no server answer'],
  ['apparmor-denied', 'unknown error after kill: runc did not terminate successfully: exit status 1: unable to signal init: permission denied', 'runc "unable to signal init: %w" with EACCES (AppArmor 4 signal mediation)'],
  [
    'storage-driver-unsupported',
    "WARN[0001] overlay2 won't work properly because the backing filesystem xfs is not configured to support d_type.",
    'moby 1.13-17.06 "%s won\'t work properly because the backing filesystem %s is not configured to support d_type"',
  ],
  ['cgroup-readonly', 'Failed to open cgroup.subtree_control file of : Read-only file system\n-.slice: Failed to enable/disable controllers on cgroup /, ignoring: Read-only file system', 'systemd "Failed to open cgroup.subtree_control file of %s: %m"'],
  [
    'selinux-denied',
    'type=AVC msg=audit(1600000000.123:45): avc:  denied  { write } for  pid=99 comm="dockerd"\n  name="docker.sock" dev="tmpfs" ino=1 scontext=system_u:system_r:container_t:s0\n  tcontext=system_u:object_r:container_var_run_t:s0 tclass=sock_file permissive=0',
    'an AVC record wrapped over three lines',
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
  it('reads a listing of /sys/fs/cgroup made in a container that shows the host\'s top groups as the host\'s namespace', () => {
    const got = classify('$ docker run --rm alpine ls /sys/fs/cgroup\ncgroup.controllers\ncgroup.procs\ninit.scope\nsystem.slice\nuser.slice');
    assert.equal(got.find((f) => f.id === 'cgroupns-host')?.severity, 'warning');
  });
  it('reads the initial cgroup namespace\'s inode without the command that read it as a hint', () => {
    const got = classify('lrwxrwxrwx 1 root root 0 Jan  1 00:00 cgroup -> cgroup:[4026531835]');
    assert.equal(got.find((f) => f.id === 'cgroupns-host')?.severity, 'info');
  });
  it('keeps a published port refused with its reason an error where a daemon is shared, a hint elsewhere (session 23)', () => {
    const refused = 'driver failed programming external connectivity on endpoint web (abc): Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use';
    const shared = classify(`$ docker run -d -v /var/run/docker.sock:/var/run/docker.sock -p 80:80 web\n${refused}`);
    assert.equal(shared.find((f) => f.id === 'dood-port-conflict')?.severity, 'error');
    assert.equal(classify(refused).find((f) => f.id === 'dood-port-conflict')?.severity, 'info');
  });
  it('leaves /proc/self/attr/exec refused on a line naming AppArmor to AppArmor', () => {
    const got = classify('apparmor failed to apply profile: write /proc/self/attr/exec: permission denied');
    assert.ok(!got.some((f) => f.id === 'selinux-denied'), JSON.stringify(got));
    assert.equal(got[0]?.id, 'apparmor-denied');
  });
  it('reads a wrapped audit record as one, so its fields judge it', () => {
    const text = 'type=AVC msg=audit(1437667604.333:798): apparmor="DENIED" operation="ptrace"\n  profile="/usr/bin/docker" pid=1 comm="ps" requested_mask="trace"\n  denied_mask="trace" peer="unconfined"';
    assert.equal(classify(text).find((f) => f.id === 'apparmor-denied')?.severity, 'info');
  });
  it('keeps a wrapped denial of a container runtime an error', () => {
    const text = 'type=AVC msg=audit(1.2:3): apparmor="DENIED" operation="mount"\n  profile="lxc-container-default-cgns" name="/sys/fs/cgroup/" pid=9 comm="dockerd"\n  fstype="cgroup2" srcname="cgroup2"';
    assert.equal(classify(text).find((f) => f.id === 'apparmor-denied')?.severity, 'error');
  });
  it('keeps the line numbers of a text whose audit record it joined', () => {
    const got = classify('type=AVC msg=audit(1.2:3): apparmor="DENIED" operation="mount"\n  profile="lxc-container-default" pid=9 comm="dockerd"\nmkdir /sys/fs/cgroup/cpuset/docker: no such file or directory');
    assert.equal(got.find((f) => f.id === 'cgroup-not-mounted')?.line, 3);
  });
  it('reads a ptrace denial of a process lister as a hint', () => {
    const got = classify('apparmor="DENIED" operation="ptrace" profile="/usr/bin/docker" pid=2 comm="ps" requested_mask="read" denied_mask="read" peer="docker-default"');
    assert.equal(got.find((f) => f.id === 'apparmor-denied')?.severity, 'info');
  });
  it('reads an mmap_zero denial as a hint', () => {
    const got = classify('avc: denied { mmap_zero } for comm="check" scontext=system_u:system_r:container_runtime_t:s0 tcontext=system_u:system_r:container_runtime_t:s0 tclass=memprotect');
    assert.equal(got.find((f) => f.id === 'selinux-denied')?.severity, 'info');
  });
  // What a review of the round's rules found.
  it('joins no logfmt record onto an audit record, so a benign one hides no denial', () => {
    const text = 'audit: type=1400 audit(1700000000.123:45): apparmor="DENIED" operation="mount" profile="docker-default" name="/sys/fs/cgroup/" pid=12 comm="dockerd" fstype="cgroup2"\nlevel=info msg="skip loading plugin io.containerd.snapshotter.v1.aufs"';
    assert.equal(classify(text).find((f) => f.id === 'apparmor-denied')?.severity, 'error');
  });
  it('keeps a logfmt error after an audit record on its own line', () => {
    const got = classify('[ 12.3] audit: type=1400 audit(1.2:3): apparmor="STATUS" operation="profile_load" profile="unconfined" name="docker-default" pid=1 comm="apparmor_parser"\ntime="2024-01-01T00:00:00Z" level=error msg="failed to mount overlay: permission denied"');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.line, 2);
  });
  it('leaves long key=value lines after an audit record unjoined (and reads them without backtracking for minutes)', () => {
    for (const tail of [`level=debug msg=Calling url=/v1.45/containers/json?${'a=1&'.repeat(2000)}x done"`, `x=${'a=a'.repeat(2000)}"`]) {
      assert.deepEqual(splitLines(`type=AVC msg=audit(1.2:3): apparmor="DENIED"\n${tail}`), ['type=AVC msg=audit(1.2:3): apparmor="DENIED"', tail]);
    }
  });
  it('reads a privileged allow-all refused in runc 1.0 and 1.1\'s wordings as a hint of missing capabilities', () => {
    for (const text of [
      'failed to write "a *:* rwm" to "/sys/fs/cgroup/devices/docker/abc/devices.allow": write /sys/fs/cgroup/devices/docker/abc/devices.allow: operation not permitted',
      'failed to write "a *:* rwm": write /sys/fs/cgroup/devices/docker/abc/devices.allow: operation not permitted',
    ]) {
      assert.equal(classify(text).find((f) => f.id === 'caps-unavailable')?.severity, 'info', text);
    }
  });
  it('reads the memory cgroup missing from containerd\'s OOM monitor as a hint', () => {
    const got = classify('level=error msg="add cg to OOM monitor" error="cgroups: memory cgroup not supported on this system"');
    assert.equal(got.find((f) => f.id === 'cgroup-not-mounted')?.severity, 'info');
  });
  it('names AppArmor first for its profile refused in a JSON record that also names /proc/self/attr/exec', () => {
    const got = classify('{"level":"error","msg":"failed to apply apparmor profile docker-default","error":"write /proc/self/attr/exec: invalid argument"}');
    assert.equal(got[0]?.id, 'apparmor-denied');
    assert.notEqual(got.find((f) => f.id === 'selinux-denied')?.severity, 'warning');
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
  ['Error: ENOSPC: System limit for number of file watchers reached, watch \'/app/src\'\n    at FSWatcher.<computed> (node:internal/fs/watchers:247:19)\n  errno: -28,\n  syscall: \'watch\',\n  code: \'ENOSPC\',', 'Node\'s watcher-limit dump with its code field'],
  ['{"errno":-28,"code":"ENOSPC","syscall":"inotify_add_watch","path":"/app"}', 'the same as a JSON record'],
  ['612 598 0:52 /home/user/.cache /root/.cache rw,nosuid,nodev - tmpfs tmpfs rw', 'a Linux home folder on a tmpfs root (Alpine\'s diskless mode)'],
  ['$ docker run --rm alpine ls /sys/fs/cgroup\ncgroup.controllers\ncgroup.events\ncgroup.procs\ncpu.max\nmemory.max', 'a container\'s own v2 tree'],
  ['$ ls /sys/fs/cgroup\ncgroup.controllers  init.scope  system.slice  user.slice', 'the host\'s tree listed on the host'],
  ['cgroup on /sys/fs/cgroup/devices type cgroup (rw,nosuid,nodev,noexec,relatime,devices)\ncgroup on /sys/fs/cgroup/cpu,cpuacct type cgroup (rw,nosuid,nodev,noexec,relatime,cpu,cpuacct)', 'devices on its own hierarchy, cpu and cpuacct joined'],
  ['Error: ENOSPC: System limit for number of file watchers reached, watch \'/app/src\'', 'Node\'s file-watcher limit, which borrows ENOSPC'],
  ['Make sure there is not enough disk space left? No: check with df first.', 'advice naming disk space (a hint at most)'],
  ['> 11:08:16 Get https://10.0.0.5:5000/v2/: http: server gave HTTP response to HTTPS client', 'a plain-HTTP registry, not the daemon'],
  ['docker.errors.DockerException: Error while fetching server API version: maximum recursion depth exceeded', 'docker-py\'s wrapper over a client library\'s own recursion'],
  ['123 100 8:1 /home/dev/src /src rw,relatime - ext4 /dev/sda1 rw', 'a user\'s folder bound from a disk'],
  ['$ cat /proc/self/cgroup\n12:memory:/docker/0123456789abcdef\n0::/docker/0123456789abcdef', 'a hybrid host, where sharing the namespace was the default'],
]);
