// Per-template tests for round 19 (session 20): templates that fresh25's, fresh26's and fresh27's unread halves pointed
// to after their last look, each read in the source of the program that prints it. Each row is built from the format
// strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['cgroup-not-mounted', 'Cannot determine cgroup we are running in: No such file or directory\nFailed to allocate manager object: No such file or directory', 'systemd "Cannot determine cgroup we are running in: %m" with ENOENT (no name=systemd hierarchy)'],
  ['apparmor-denied', 'Error response from daemon: Cannot stop container web: Cannot kill container 0123abcd: rpc error: code = 7 desc = permission denied', 'containerd 0.2\'s gRPC PermissionDenied under Docker\'s "Cannot kill container %s: %v"'],
  ['apparmor-denied', 'Cannot kill container 0123abcd: unknown error after kill: docker-runc did not terminate sucessfully: container_linux.go:393: signaling init process caused "permission denied"', 'runc 1.0-rc "signaling init process caused %q"'],
  ['data-root-corrupt', 'docker: Error response from daemon: exit status 2: "/usr/sbin/zfs zfs snapshot tank/docker/0123abcd@256866051" => cannot open \'tank/docker/0123abcd\': dataset does not exist', 'the zfs graph driver\'s command on a dataset removed outside Docker'],
  ['storage-driver-unsupported', "[25417.589246] overlayfs: filesystem on '/volume1/docker/overlay/upper' not supported", 'fs/overlayfs "filesystem on \'%s\' not supported" (a layer directory, not the upper one)'],
  ['not-privileged', 'dockerd needs to be started with root. To see how to run dockerd in rootless mode with unprivileged user, see the documentation', 'cmd/dockerd\'s older "dockerd needs to be started with root."'],
  ['socket-permission', 'You are not allowed to use Docker. You must be in the "docker-users" group.', 'Docker Desktop for Windows refusing a user outside docker-users'],
  ['daemon-unreachable', 'I/O exception (java.io.IOException) caught when processing request to {}->docker://localhost:2376: com.sun.jna.LastErrorException: [61] Connection refused', 'Apache HttpClient over JNA refused on the daemon\'s port (Spring Boot build-image)'],
  ['daemon-unreachable', 'I/O exception (java.io.IOException) caught when processing request to {}->unix://localhost:80: com.sun.jna.LastErrorException: [2] No such file or directory', 'the same finding no socket'],
  ['daemon-unreachable', 'I/O exception (java.io.IOException) caught when processing request to {s}->https://localhost:2376: Connection refused', 'the same on the TLS port (docker-java maps tcp:// to https://)'],
  ['daemon-unreachable', 'Error: failed to initialize a docker client: Socket not found: /var/run/docker.sock', 'bollard\'s "Socket not found: %s" under a client\'s prefix'],
  // Read from fresh28r's misses after its first look.
  ['storage-driver-unsupported', 'failed to mount /tmp/containerd-mount123: overlay ... err: invalid argument', 'containerd\'s overlay mount error with its options cut out by the reporter'],
  ['storage-driver-unsupported', 'failed to extract layer sha256:0123: failed to convert whiteout file "usr/local/.wh..wh..opq": operation not supported: unknown', 'containerd "failed to convert whiteout file %q: %w" with EOPNOTSUPP (an NFS root)'],
  ['daemon-unreachable', 'container launched: Client(Init(SocketNotFoundError("/var/run/docker.sock")))', 'testcontainers-rs SocketNotFoundError(path)'],
  ['apparmor-denied', 'root@0123456789ab:/# man bash\nman: error while loading shared libraries: libmandb-2.8.3.so: cannot open shared object file: Permission denied', 'ld.so "error while loading shared libraries: %s: cannot open shared object file: %s" with EACCES (a hint)'],
  ['selinux-denied', 'Failed to create /system.slice/docker-0123456789abcdef0123.scope/init.scope control group: Permission denied', 'systemd "Failed to create %s control group: %m" with EACCES (a hint)'],
  // Read from fresh29r's misses after its first look.
  ['rootless-prerequisites', "newgidmap: write to gid_map failed: Operation not permitted\nERROR  : 'newgidmap' execution failed. Check that 'newgidmap' is setuid root or has setcap cap_setgid+eip.", 'Apptainer "\'%s\' execution failed. Check that \'%s\' is setuid root or has setcap %s+eip."'],
  ['socket-permission', 'Docker Desktop - Access Denied', 'Docker Desktop\'s access-denied dialog title'],
  ['daemon-unreachable', '        docker is installed: yes\n        docker is running: no\n        docker is active: no', 'KubeOne\'s "docker is running: no"'],
  ['disk-space', 'npm ERR! code ENOSPC\nnpm ERR! syscall write\nnpm ERR! errno -28', 'npm\'s error summary "npm ERR! code %s" with ENOSPC'],
];

describeTemplates('round 19 message templates', TEMPLATES);

describeQuiet('round 19: no alarm', [
  ['Cannot load builder remote-arm: Cannot connect to the Docker daemon at tcp://10.0.0.5:2375. Is the docker daemon running?', 'buildx ls naming a builder whose endpoint nothing serves, beside a working one'],
  ['time="2024-10-01T00:00:00Z" level=warning msg="Tried to destroy inexistent dataset \\"tank/docker/abc\\"" error="exit status 1: \\"/usr/sbin/zfs destroy -r tank/docker/abc\\" => cannot open \'tank/docker/abc\': dataset does not exist"', 'the zfs driver removing a dataset already gone, at warning (it goes on)'],
  ['$ lxc exec c1 -- cat /proc/1/cgroup\n0::/init.scope', 'systemd as an LXD container\'s init in its own namespace'],
  ['$ docker exec kind-control-plane cat /proc/1/cgroup\n0::/init.scope', 'a kind node\'s systemd in its own namespace'],
  ['$ incus exec c1 -- cat /proc/self/cgroup\n0::/system.slice/incus-agent.service', 'a unit of the container\'s own systemd'],
  ['$ docker exec c1 readlink /proc/1/ns/cgroup\ncgroup:[4026532456]\n$ sudo readlink /proc/4242/ns/cgroup\ncgroup:[4026532456]', 'a container\'s namespace read from inside and from the host by its pid'],
  ['root@0123456789ab:/# readlink /proc/self/ns/cgroup\ncgroup:[4026532456]\n$ docker exec 0123456789ab readlink /proc/1/ns/cgroup\ncgroup:[4026532456]', 'the same namespace read at the container\'s own prompt'],
  ["The command 'docker' could not be found in this WSL 2 distro.\nWe recommend to activate the WSL integration in Docker Desktop settings.", 'Docker Desktop\'s WSL shim in a distro without a docker CLI'],
]);

// Class-level: a cgroup v2 file read inside a container at its place in the host's tree, by more runtimes and prompts.
const CGROUPNS_READINGS: [text: string, what: string][] = [
  ['$ kubectl exec -it dind-0 -- cat /proc/1/cgroup\n0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234_5678.slice/cri-containerd-0123456789abcdef0123.scope', 'kubectl exec reading a pod\'s init (containerd\'s systemd scope)'],
  ['$ crictl exec -it 0123abcd cat /proc/1/cgroup\n0::/kubepods/besteffort/pod1234-5678/0123456789abcdef0123', 'crictl exec on a cgroupfs node'],
  ['/ # cat /proc/self/cgroup\n0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-0123456789abcdef0123.scope', 'rootless Docker\'s scope under the user\'s manager, at a container\'s prompt'],
  ['/ # cat /proc/1/cgroup\n0::/system.slice/docker-<container-id>.scope', 'the scope with the id left out as a placeholder'],
  ['$ sudo cat /proc/1/cgroup\n0::/docker/0123456789abcdef0123', 'init\'s file read with sudo: the host\'s init is never in /docker'],
  ['$ cat /proc/self/cgroup\n0::/actions_job/0123456789abcdef0123456789abcdef', 'a GitHub Actions job container'],
  ['$ readlink /proc/self/ns/cgroup\ncgroup:[4026532456]\n$ docker exec l1 readlink /proc/1/ns/cgroup\ncgroup:[4026532456]', 'a container\'s namespace link the same as the shell\'s that started it'],
];

describe('round 19: cgroup namespace shared, read from /proc', () => {
  for (const [text, what] of CGROUPNS_READINGS) {
    it(what, () => assert.equal(severityOf(text, 'cgroupns-host'), 'warning'));
  }
  it('reads a shared namespace the command asked for (--cgroupns=host) as a hint', () => {
    const text = '$ podman run -it --rm --cgroupns=host alpine\n/ # cat /proc/self/cgroup\n0::/user.slice/user-1001.slice/user@1001.service/user.slice/libpod-0123456789abcdef0123.scope';
    assert.equal(severityOf(text, 'cgroupns-host'), 'info');
  });
  it('reads no shared namespace into a container\'s own link that differs from its shell\'s', () => {
    const text = '$ readlink /proc/self/ns/cgroup\ncgroup:[4026532456]\n$ docker exec l1 readlink /proc/1/ns/cgroup\ncgroup:[4026532999]';
    assert.equal(ruleRaises(text, 'cgroupns-host'), false);
  });
  it('reads no shared namespace into the host\'s own service group', () => {
    assert.equal(ruleRaises('$ cat /proc/self/cgroup\n0::/system.slice/docker.service', 'cgroupns-host'), false);
  });
});

describe('round 19: SELinux labels listed beside a refusal', () => {
  it('reads a bind-mounted folder whose `ls -Z` shows a host type, refused in the container, as a hint', () => {
    const text = "$ ls -Z /srv/data\nunconfined_u:object_r:user_home_t:s0 file.txt\n$ docker run -v /srv/data:/data alpine cat /data/file.txt\ncat: can't open '/data/file.txt': Permission denied";
    assert.equal(severityOf(text, 'selinux-denied'), 'info');
  });
  it('reads a listing with container_file_t as no SELinux refusal', () => {
    const text = "$ ls -Z /srv/data\nsystem_u:object_r:container_file_t:s0 file.txt\ncat: can't open '/data/file.txt': Permission denied";
    assert.equal(ruleRaises(text, 'selinux-denied'), false);
  });
});

describe('round 19: hints from the whole text', () => {
  const roVolume = '$ docker run --tty --privileged --volume /sys/fs/cgroup:/sys/fs/cgroup:ro robertdebock/debian\nWelcome to Debian GNU/Linux 12 (bookworm)!';
  it('reads a read-only cgroup volume as a hint where systemd is shown starting units', () => {
    assert.equal(severityOf(roVolume + '\n[  OK  ] Created slice system-modprobe.slice - Slice /system/modprobe.', 'cgroup-readonly'), 'info');
  });
  it('keeps a read-only cgroup volume a warning where systemd fails', () => {
    assert.equal(severityOf(roVolume + '\nFailed to create /init.scope control group: Read-only file system\nFailed to allocate manager object: Read-only file system', 'cgroup-readonly'), 'error');
  });
  it('reads a shared cgroup namespace as a hint where the text shows cgroup v1', () => {
    const text = '$ docker run --rm fedora readlink /proc/self/ns/cgroup\ncgroup:[4026531835]\n$ docker run --rm fedora grep cgroup /proc/self/mountinfo\n741 740 0:29 /docker/0123456789ab /sys/fs/cgroup/systemd ro,nosuid - cgroup cgroup rw,xattr,name=systemd';
    assert.equal(severityOf(text, 'cgroupns-host'), 'info');
  });
  it('reads an SELinux denial of the kernel\'s own domain as a hint', () => {
    const text = 'audit: type=1400 audit(1648446800.796:86): avc:  denied  { bpf } for  pid=1 comm="systemd" capability=39  scontext=system_u:system_r:kernel_t:s0 tcontext=system_u:system_r:kernel_t:s0 tclass=capability2 permissive=0';
    assert.equal(severityOf(text, 'selinux-denied'), 'info');
  });
  it('keeps a container domain\'s denial an error', () => {
    const text = 'audit: type=1400 audit(1648446800.796:86): avc:  denied  { write } for  pid=9 comm="dockerd" scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:var_lib_t:s0 tclass=dir permissive=0';
    assert.equal(severityOf(text, 'selinux-denied'), 'error');
  });
});

describe('round 19: what stays loud', () => {
  it('keeps the default builder unreachable an error: it is the current context\'s own daemon', () => {
    assert.equal(severityOf('Cannot load builder default: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'daemon-unreachable'), 'error');
  });
  it('reads a shared namespace the command asked for as a hint, by its namespace link too', () => {
    const text = '$ readlink /proc/self/ns/cgroup\ncgroup:[4026531835]\n$ docker run --rm --cgroupns=host alpine readlink /proc/self/ns/cgroup\ncgroup:[4026531835]';
    assert.equal(severityOf(text, 'cgroupns-host'), 'info');
  });
  it('keeps a failing command\'s own "Cannot connect" an error', () => {
    assert.equal(severityOf('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'daemon-unreachable'), 'error');
  });
  it('keeps an overlay upper directory on a filesystem overlayfs refuses an overlay-on-overlay error', () => {
    assert.equal(ids("overlayfs: filesystem on '/var/lib/docker/overlay2/x/diff' not supported as upperdir")[0], 'overlay-on-overlay');
  });
  it('keeps systemd\'s other cgroup errors out of the rule (the fallback model may still guess it)', () => {
    assert.equal(ruleRaises('Cannot determine cgroup we are running in: Permission denied', 'cgroup-not-mounted'), false);
  });
});
