// Per-template tests for round 7 (session 8's broad passes over Docker's trackers, CI systems, dev environments and
// Kubernetes/LXC hosts): wordings its new tuning samples showed no rule for. Each row is built from the format string
// named in its last column (runc, RootlessKit, moby's graphdrivers, Debian's docker.io, Go's net/http), not from a
// corpus sample.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // cgroup-not-mounted: runc's probe of /sys/fs/cgroup, a panic before 1.1 and a warning since.
  ['cgroup-not-mounted', 'panic: cannot statfs cgroup root\n\ngoroutine 1 [running]:', 'runc ≤1.0 libcontainer/cgroups/utils.go IsCgroup2UnifiedMode panic("cannot statfs cgroup root")'],
  ['cgroup-not-mounted', 'time="2024-02-01T10:00:00Z" level=warning msg="statfs /sys/fs/cgroup: no such file or directory; assuming cgroup v1"', 'runc 1.1+ IsCgroup2UnifiedMode Logf(level, "statfs %s: %v; assuming cgroup v1", unifiedMountpoint, err)'],
  // rootless-prerequisites: RootlessKit's child and parent.
  ['rootless-prerequisites', '[rootlesskit:child ] error: executing [[ip tuntap add name tap0 mode tap] [ip link set tap0 address 02:50:00:00:00:01]]: exit status 1', 'RootlessKit pkg/child errors.Wrapf(err, "executing %v", cmds) for the vpnkit/slirp tap device'],
  ['rootless-prerequisites', '[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: operation not permitted', 'RootlessKit pkg/parent errors.Wrap(err, "failed to start the child") over Go fork/exec EPERM'],
  ['rootless-prerequisites', '/usr/bin/dockerd-rootless.sh: 232: sysctl: not found', 'dash "%s: %d: %s: not found" for a tool dockerd-rootless.sh calls'],
  ['rootless-prerequisites', '/home/rootless/bin/dockerd-rootless.sh: line 88: nsenter: command not found', 'bash "%s: line %d: %s: command not found" in the same script'],
  // socket-permission, daemon-unreachable: urllib3's ProtocolError over a unix socket, without docker-py's prefix.
  ['socket-permission', "[2020-02-06 13:48:04,579] {taskinstance.py:1058} ERROR - ('Connection aborted.', PermissionError(13, 'Permission denied'))", 'urllib3 ProtocolError("Connection aborted.", err) over connect(2) EACCES (Python OSError repr)'],
  ['daemon-unreachable', "requests.exceptions.ConnectionError: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))", 'urllib3 ProtocolError("Connection aborted.", err) over connect(2) ENOENT on a unix socket path'],
  // storage-driver-unsupported: the fuse-overlayfs graphdriver without its helper.
  ['storage-driver-unsupported', 'time="2021-09-30T13:23:11Z" level=error msg="exec: \\"fuse-overlayfs\\": executable file not found in $PATH" storage-driver=fuse-overlayfs', 'moby graphdriver/fuse-overlayfs Init logging exec.LookPath(binary)\'s error (Go exec "exec: %q: executable file not found in $PATH")'],
  // aufs-module-missing: the distribution package, not the daemon, refusing aufs data.
  ['aufs-module-missing', 'The aufs storage-driver is no longer supported.\nPlease ensure that none of your containers are\nusing the aufs storage driver, remove the directory\n/var/lib/docker/aufs and try again.', 'Debian/Ubuntu docker.io 20.10+ debian/docker.io.preinst'],
  // daemon-unreachable: Go's net/http error on an Engine API URL, without docker/cli's "error during connect" wrapper.
  ['daemon-unreachable', 'Get "http://192.168.59.103:2376/v1.24/containers/json": dial tcp 192.168.59.103:2376: i/o timeout', 'Go 1.14+ net/http url.Error "%s %q: %s" over net.OpError "dial tcp %s: i/o timeout"'],
  ['daemon-unreachable', 'Post http://10.0.0.5:2375/v1.40/containers/create: dial tcp 10.0.0.5:2375: connect: connection refused', 'Go ≤1.13 net/http url.Error "%s %s: %s" (unquoted URL) over "connect: connection refused"'],
];

describeTemplates('round 7 message templates', TEMPLATES);

describeQuiet('round 7 lines that are not these failures', [
  ['time="2024-02-01T10:00:00Z" level=info msg="statfs /sys/fs/cgroup/unified: no such file or directory"', 'a statfs of another cgroup path, not the probe that assumes v1'],
  ['+ ip tuntap add name tap0 mode tap\n+ ip link set tap0 up', 'a shell trace creating the tap device, not RootlessKit failing to'],
  ['time="2021-09-30T13:23:11Z" level=info msg="[graphdriver] using prior storage driver: fuse-overlayfs"', 'fuse-overlayfs in use, its helper found'],
  ["requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))", 'a peer that hung up, not a socket that refused or is missing'],
  ['Get "https://registry-1.docker.io/v2/": dial tcp 54.1.2.3:443: i/o timeout', 'a registry that cannot be reached, not the daemon (no /v1.NN/ Engine API path)'],
]);
