// Per-template tests for round 9 (session 10): the templates the seventh blind batch's misses pointed to once it had
// been scored (it then moved to the tuning side), and mount(2)'s EACCES read as an LSM's refusal. Each row is built
// from the format strings named in it, with made-up ids and paths.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // daemon-unreachable: a gRPC client of containerd that found no one on its socket.
  ['daemon-unreachable', 'cannot pull image: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: no such file or directory"', 'grpc-go status "code = Unavailable desc = connection error: desc = %q" over "transport: Error while dialing %v"'],
  ['daemon-unreachable', 'E0101 00:00:00.000000 1 remote_runtime.go:116] "RunPodSandbox from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: connection refused\\""', 'the kubelet quoting the same status (grpc-go 1.5x "Error while dialing: %v"), escaped'],
  // data-root-corrupt: the aufs driver's parents file missing.
  ['data-root-corrupt', 'Jan 01 00:00:00 host docker[343]: 2014/01/01 00:00:00 initapi: open /var/lib/docker/aufs/layers/0123456789abcdef0123456789abcdef: no such file or directory', 'moby ≤20.10 graphdriver/aufs getParentIds os.Open(path.Join(root, "layers", id)) ENOENT, as Docker 0.7 stopped in initapi'],
  // storage-driver-unsupported: Docker 0.7's graph refusing an aufs root on aufs.
  ['storage-driver-unsupported', 'Error pulling image (precise) from stackbrew/ubuntu, Driver aufs failed to get image rootfs 0123456789abcdef0123: invalid argument', 'Docker 0.7-0.9 graph.go "Driver %s failed to get image rootfs %s: %s" with EINVAL'],
  // cgroup-not-mounted: busybox remounting a cgroup mount point that is not there, runc v1 creating a group under a missing controller.
  ['cgroup-not-mounted', 'mount: can\'t find /sys/fs/cgroup in /proc/mounts', 'busybox util-linux/mount.c bb_error_msg_and_die("can\'t find %s in %s", …, "/proc/mounts") on a remount'],
  ['cgroup-not-mounted', 'container_linux.go:367: starting container process caused: process_linux.go:340: applying cgroup configuration for process caused: mkdir /sys/fs/cgroup/blkio/buildkit: no such file or directory', 'runc libcontainer/cgroups/fs os.MkdirAll of a v1 controller path ENOENT, wrapped "applying cgroup configuration for process caused: %v"'],
  // cgroup-v2-nesting: k3s finding no controller in its group.
  ['cgroup-v2-nesting', 'time="2024-01-01T00:00:00Z" level=fatal msg="failed to find memory cgroup (v2)"', 'k3s pkg/cgroups logrus.Fatal("failed to find memory cgroup (v2)")'],
  ['cgroup-v2-nesting', 'level=fatal msg="failed to find cpuset cgroup (v2)"', 'the same check for cpuset'],
  // caps-unavailable: setcap refused in a build.
  ['caps-unavailable', "Failed to set capabilities on file `/usr/sbin/apache2' (Operation not permitted)", 'libcap progs/setcap.c "Failed to set capabilities on file `%s\' (%s)" with EPERM'],
  // apparmor-denied: mount(2) refused with EACCES, as programs that print the errno as is show it.
  ['apparmor-denied', '[rootlesskit:child ] error: failed to share mount point: /: permission denied', 'RootlessKit pkg/child "failed to share mount point: %s: %w" over mount(2) EACCES'],
  ['apparmor-denied', 'systemd[1]: Failed to mount tmpfs at /run/lock: Permission denied', 'systemd src/shared/mount-setup.c "Failed to mount %s at %s: %m" with EACCES'],
  ['apparmor-denied', '2026/01/01 00:00:00 mount helper error: fusermount3: mount failed: Permission denied', 'libfuse util/fusermount.c "%s: mount failed: %s" with EACCES (sysbox-fs under Ubuntu\'s fusermount3 profile)'],
];

describeTemplates('round 9 message templates', TEMPLATES);

describeQuiet('round 9 lines that are not these failures', [
  [
    "2024-01-01 00:00:00 WARNING: COMMAND_FAILED: '/usr/sbin/iptables -w10 -t filter -X DOCKER-ISOLATION-STAGE-2' failed: iptables: No chain/target/match by that name.",
    "firewalld (\"COMMAND_FAILED: '%s' failed: %s\") relaying dockerd's clean-up of a chain that is not there yet",
  ],
  [
    "2024-01-01 00:00:00 WARNING: COMMAND_FAILED: '/usr/sbin/iptables -w10 -t nat -D PREROUTING -m addrtype --dst-type LOCAL -j DOCKER' failed: iptables v1.8.5 (legacy): Couldn't load target `DOCKER':No such file or directory",
    'the same for a jump rule to a chain not made yet: libxtables names the chain as a target it cannot load',
  ],
  [
    "2024-01-01 00:00:00 WARNING: COMMAND_FAILED: '/usr/sbin/iptables -w10 -D FORWARD -i docker0 -o docker0 -j DROP' failed: iptables: Bad rule (does a matching rule exist in that chain?).",
    'the same for a rule deleted before it is inserted',
  ],
  [
    'time="2024-01-01T00:00:00Z" level=warning msg="grpc: addrConn.createTransport failed to connect to {unix:///var/run/docker/containerd/containerd.sock 0  <nil>}. Err :connection error: desc = \\"transport: Error while dialing dial unix /var/run/docker/containerd/containerd.sock: connect: no such file or directory\\". Reconnecting..." module=grpc',
    "grpc-go's reconnect warning while dockerd's own containerd starts: no status code, a healthy start",
  ],
]);
