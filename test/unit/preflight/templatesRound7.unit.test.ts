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
  // not-privileged: the graphdriver's own mount refused.
  ['not-privileged', 'time="2017-04-06T14:21:06Z" level=error msg="[graphdriver] prior storage driver aufs failed: operation not permitted"\nError starting daemon: error initializing graphdriver: operation not permitted', 'moby daemon/graphdriver "[graphdriver] prior storage driver %s failed: %s", "error initializing graphdriver: %v" over EPERM'],
  // daemon-unreachable: TLS spoken to a plain port, and a pod mounting a socket the dind daemon has not made yet.
  ['daemon-unreachable', '* Error pinging Docker server: Get https://10.0.0.7:2376/_ping: tls: oversized record received with length 20527', 'Go crypto/tls "tls: oversized record received with length %d" on the daemon\'s port'],
  ['daemon-unreachable', 'error during connect: Get "https://docker:2375/v1.41/info": tls: first record does not look like a TLS handshake', 'Go crypto/tls "tls: first record does not look like a TLS handshake"'],
  ['daemon-unreachable', 'MountVolume.SetUp failed for volume "docker-socket" : hostPath type check failed: /var/run/dind/docker.sock is not a socket file', 'kubelet pkg/volume/hostpath "hostPath type check failed: %s is not a socket file"'],
  // disk-space: Testcontainers' check of the daemon's disk.
  ['disk-space', 'java.lang.IllegalStateException: Docker environment should have more than 2GB free disk space', 'testcontainers-java DockerClientFactory "Docker environment should have more than 2GB free disk space"'],
  // memory-limit: the kernel's OOM killer, in a level's cgroup or the whole machine.
  ['memory-limit', 'Oct 18 21:32:58 host kernel: dockerd invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=-900', 'linux mm/oom_kill.c dump_header "%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%hd"'],
  ['memory-limit', '[81234.567890] Memory cgroup out of memory: Killed process 4242 (containerd) total-vm:1843200kB, anon-rss:512000kB', 'linux 5.x+ mm/oom_kill.c "%s: Killed process %d (%s) total-vm:%lukB, …" with "Memory cgroup out of memory"'],
  ['memory-limit', 'Memory cgroup out of memory: Kill process 2718 (dockerd) score 1000 or sacrifice child', 'linux ≤4.x mm/oom_kill.c "%s: Kill process %d (%s) score %u or sacrifice child"'],
  ['memory-limit', 'Task in /docker/5d3c2a killed as a result of limit of /docker/5d3c2a', 'linux ≤4.18 mm/memcontrol.c mem_cgroup_print_oom_info "Task in %s killed as a result of limit of %s"'],
  ['memory-limit', '[4650180.470877] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/docker-0a1b.scope,task=java,pid=7134,uid=1000', 'linux 4.19+ mm/oom_kill.c dump_oom_summary "oom-kill:constraint=%s,nodemask=%*pbl" (the whole machine)'],
  // data-root-corrupt: bbolt's reachable-page check on a damaged metadata database.
  ['data-root-corrupt', 'panic: freepages: failed to get all reachable pages (the first key[0]=(hex)636f6e on leaf page(65) needs to be >= the key in the ancestor (736e61). Stack: [25 65])', 'bbolt 1.3.7+ db.go freepages panic(fmt.Sprintf("freepages: failed to get all reachable pages (%v)", e))'],
  // kernel-module-missing: runc mounting a filesystem type the kernel lacks (ENODEV).
  ['kernel-module-missing', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:346: starting container process caused "process_linux.go:449: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"mqueue\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay2/30f4/merged\\\\\\" at \\\\\\"/dev/mqueue\\\\\\" caused \\\\\\"no such device\\\\\\"\\"": unknown.', 'runc ≤1.0 rootfs_linux.go "mounting %q to rootfs %q at %q caused %q" with ENODEV, escaped as the CLI prints it'],
  ['kernel-module-missing', 'runc create failed: unable to start container process: error during container init: error mounting "mqueue" to rootfs at "/dev/mqueue": mount mqueue:/dev/mqueue (via /proc/self/fd/7), flags: 0xe: no such device', 'runc 1.1+ "error mounting %q to rootfs at %q: %w" with ENODEV'],
  ['kernel-module-missing', "mount: unknown filesystem type 'iso9660'", 'util-linux mount(8) "unknown filesystem type \'%s\'" for a filesystem other than overlay'],
  // disk-space: the kubelet evicting a dind pod over its ephemeral storage.
  ['disk-space', "message: 'Pod ephemeral local storage usage exceeds the total limit of containers 20Gi. '", 'kubelet eviction_manager "Pod ephemeral local storage usage exceeds the total limit of containers %s."'],
  ['disk-space', 'I1207 00:37:53.229561     688 eviction_manager.go:340] eviction manager: must evict pod(s) to reclaim ephemeral-storage', 'kubelet eviction_manager "must evict pod(s) to reclaim %v"'],
  // rootless-prerequisites: the older get.docker.com/rootless wording of the requirements check.
  ['rootless-prerequisites', '# Missing system requirements. Please run following commands to\n# install the requirements and run this installer again.', 'docker-install rootless-install.sh (≤20.10) "# Missing system requirements. Please run following commands to"'],
  // data-root-corrupt: overlay2 links that are not links, and a lower layer gone behind mountfrom's re-exec.
  ['data-root-corrupt', '(HTTP code 500) server error - readlink /var/lib/docker/overlay2/l: invalid argument', 'Go os.Readlink "readlink %s: invalid argument" (EINVAL: not a symlink) under overlay2'],
  ['data-root-corrupt', 'ERROR: Cannot create container for service web: error creating overlay mount to /var/lib/docker/overlay2/3f39-init/merged: mountfrom re-exec error: exit status 1: output: no such file or directory', 'moby 1.12-17.x overlay2 over pkg/mount mountfrom "mountfrom re-exec error: %v: output: %v"'],
  // daemon-unreachable: the client's TLS files from a dind certificates volume that is not there.
  ['daemon-unreachable', 'Failed to initialize: unable to resolve docker endpoint: open /certs/client/ca.pem: no such file or directory', 'docker/cli "unable to resolve docker endpoint: %w" over os.Open of DOCKER_CERT_PATH/ca.pem'],
  // storage-driver-unsupported: overlay2 on btrfs where the kernel predates overlayfs on btrfs (4.7).
  ['storage-driver-unsupported', 'Server Version: 1.12.1\nStorage Driver: overlay2\n Backing Filesystem: btrfs\nKernel Version: 4.4.0-31-generic', 'moby graphdriver/overlay2 "\'overlay2\' requires kernel 4.7 to use on %s", as `docker info` of an older engine shows it'],
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
  ['Error response from daemon: Get "https://registry.local:5000/v2/": tls: first record does not look like a TLS handshake', 'a registry speaking plain HTTP, not the daemon (no daemon port, no /_ping)'],
  ['time="2024-01-01T00:00:00Z" level=info msg="OOM killer disabled for container" oom_score_adj=-500', 'the daemon setting an OOM score, no kill'],
  ["mount: /mnt/usb: wrong fs type, bad option, bad superblock on /dev/sdb1, missing codepage or helper program, or other error.", 'a mount with a bad option, not a filesystem the kernel lacks'],
  ['Server Version: 27.3.1\nStorage Driver: overlay2\n Backing Filesystem: btrfs\n Supports d_type: true\nKernel Version: 6.11.5-orbstack', 'overlay2 running on btrfs under a kernel that supports it (4.7+)'],
  ['Storage Driver: overlay2\n Backing Filesystem: tmpfs\n Supports d_type: true', 'overlay2 running on tmpfs, which moby does not refuse'],
  ['Server Version: 27.3.1\nStorage Driver: overlay2\n Backing Filesystem: btrfs\n Supports d_type: true', 'overlay2 running on btrfs, kernel not shown (the driver checked it before it started)'],
  ['Get "https://registry-1.docker.io/v2/": dial tcp 54.1.2.3:443: i/o timeout', 'a registry that cannot be reached, not the daemon (no /v1.NN/ Engine API path)'],
]);
