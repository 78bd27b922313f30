// Per-template tests for round 11 (session 12): the templates the ninth, tenth and eleventh blind batches' misses
// pointed to once they had been scored (all three then moved to the tuning side), and the pass's hints. Each row is
// built from the format strings named in it, with made-up ids and paths.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // dood-volume-path: Docker ≤1.12 creating a missing -v source on a read-only host root.
  [
    'dood-volume-path',
    'docker: Error response from daemon: mkdir /home/jenkins/workspace: read-only file system.',
    'moby ≤1.12 daemon/volumes: a bare system.MkdirAll error for the bind source',
  ],
  // dood-port-conflict: Docker 0.x restoring a container's published port at start-up.
  [
    'dood-port-conflict',
    '[/var/lib/docker|0a1b2c3d] +job allocate_port(0123456789abcdef)\nlisten tcp 0.0.0.0:49153: bind: address already in use\n[/var/lib/docker|0a1b2c3d] -job allocate_port(0123456789abcdef) = ERR (1)',
    'docker 0.x allocate_port job over the listener\'s "listen tcp %s: bind: address already in use"',
  ],
  // kernel-module-missing: the bridge ioctl answering ENOPKG.
  [
    'kernel-module-missing',
    'failed to start daemon: Error initializing network controller: Error creating default "bridge" network: package not installed',
    'libnetwork bridge driver "Error creating default \\"bridge\\" network: %v" over SIOCBRADDBR ENOPKG',
  ],
  [
    'kernel-module-missing',
    '[0a1b2c3d.init_networkdriver()] creating new bridge for docker0\npackage not installed\n[0a1b2c3d] -job init_networkdriver() = ERR (1)',
    'docker ≤1.x init_networkdriver job printing the errno alone',
  ],
  // The same daemon error on its own cgroup tree is that tree being read-only, not a bind source.
  ['cgroup-readonly', 'Error response from daemon: mkdir /sys/fs/cgroup/cpuset/docker: read-only file system', 'a read-only cgroup tree under the same bare MkdirAll error'],
  // selinux-denied: runtime binaries without their SELinux type.
  [
    'selinux-denied',
    '-rwxr-xr-x. root root system_u:object_r:container_runtime_exec_t:s0 /usr/bin/docker\n-rwxr-xr-x. root root system_u:object_r:bin_t:s0 /usr/bin/dockerd',
    '`ls -Z` of a dockerd labelled bin_t instead of container_runtime_exec_t',
  ],
  // data-root-corrupt: Docker 1.10's layer migration over a graph that lost a layer folder.
  [
    'data-root-corrupt',
    'time="2016-02-09T16:15:21Z" level=error msg="could not calculate checksum for \\"0123456789abcdef0123\\", \\"stat /var/lib/docker/aufs/diff/0123456789abcdef0123: no such file or directory\\""',
    'moby 1.10 migrate/v1 "could not calculate checksum for %q, %q"',
  ],
  // disk-space: devicemapper's docker info with a pool below dm.min_free_space (10 %).
  [
    'disk-space',
    'Storage Driver: devicemapper\n Data Space Used: 10.2 GB\n Data Space Total: 107.4 GB\n Data Space Available: 1.2 GB\n Metadata Space Available: 2.1 GB',
    'moby ≤18.09 devicemapper docker info "Data Space Available" under its 10 % minimum free space',
  ],
  // data-root-corrupt: overlay2 stat-ing a layer folder that is gone; the containerd store missing content.
  [
    'data-root-corrupt',
    'docker: Error response from daemon: lstat /var/lib/docker/overlay2/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef: no such file or directory.',
    'moby graphdriver/overlay2 Get: lstat of the layer directory',
  ],
  [
    'data-root-corrupt',
    'Error response from daemon: NotFound: snapshot sha256:0123456789abcdef does not exist: not found',
    'containerd snapshotter errdefs.NotFound "snapshot %v does not exist" through Docker\'s containerd image store',
  ],
  // not-privileged: BuildKit mounting a snapshot without the mount capability.
  [
    'not-privileged',
    'ERROR: failed to solve: failed to read dockerfile: failed to mount /tmp/buildkit-mount0123: [{Type:bind Source:/var/lib/buildkit/runc-overlayfs/snapshots/snapshots/5 Options:[rbind ro]}]: operation not permitted',
    'buildkit snapshot/localmounter "failed to mount %s: %+v: %w" with EPERM',
  ],
  // dood-volume-path (a hint): a bind mount that shows nothing, told without a word of the shared socket.
  [
    'dood-volume-path',
    'docker run --rm -v /builds/group/project:/workspace alpine ls /workspace\nit returns empty, the volume is not getting mounted',
    'a user\'s account of a -v bind that shows nothing, no socket named',
  ],
  // cgroupns-host: a container left in the host's cgroup namespace, by an old kernel or a host tree mounted in.
  [
    'cgroupns-host',
    'WARNING: Your kernel does not support cgroup namespaces.  Cgroup namespace setting discarded.',
    'moby daemon/daemon_unix.go verifyPlatformContainerSettings on a kernel without cgroup namespaces',
  ],
  ['cgroupns-host', 'Failed to create /../../init.scope control group: Operation not permitted', 'systemd "Failed to create %s control group: %m" above its namespace\'s root'],
  [
    'cgroupns-host',
    '$ docker run --rm alpine readlink /proc/self/ns/cgroup\ncgroup:[4026531835]',
    'a container naming the kernel\'s initial cgroup namespace (PROC_CGROUP_INIT_INO)',
  ],
  // vfs-fallback (a hint): the driver and its cost told in prose.
  ['vfs-fallback', 'The dind sidecar is painfully slow: docker info says it runs the vfs driver, and each build copies every layer.', 'a user\'s account of a daemon on vfs and what it costs'],
  // overlay-on-overlay: containerd unpacking whiteouts onto an overlay root; the same told in prose (a hint).
  [
    'overlay-on-overlay',
    'failed to extract layer sha256:0123: failed to convert whiteout file "usr/share/.wh.doc": operation not permitted: unknown',
    'containerd archive "failed to convert whiteout file %q: %w" with EPERM',
  ],
  ['overlay-on-overlay', 'docker does not work here because it tries to use overlayfs inside overlayfs', 'a user\'s account of overlay stacked on overlay'],
  // socket-permission: the socket refused to docker-py and to Testcontainers-java.
  [
    'socket-permission',
    '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 27, in connect\n    sock.connect(self.unix_socket)\nPermissionError: [Errno 13] Permission denied',
    'docker-py transport/unixconn.py connect() with EACCES',
  ],
  [
    'socket-permission',
    'UnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (ping failed). Root cause ConnectException (connect(..) failed: Permission denied)',
    'testcontainers-java DockerClientProviderStrategy over netty "connect(..) failed: %s"',
  ],
  // dood-port-conflict: rootless Podman's port forwarder.
  ['dood-port-conflict', 'Error response from daemon: rootlessport listen tcp 0.0.0.0:40123: bind: address already in use', 'podman rootlessport "listen tcp %s: bind: …"'],
  // data-root-corrupt: EIO in the data root, URL-encoded by a web UI.
  [
    'data-root-corrupt',
    'error:%20failed%20to%20write%20digest%20data%3A%20sync%20/var/lib/docker/image/btrfs/imagedb/content/sha256/.tmp-0123:%20input/output%20error',
    'moby imagedb write over EIO, as a web UI passed it on',
  ],
  // memory-limit: Bitbucket Pipelines' docker service over its limit.
  ['memory-limit', "Container 'docker' exceeded memory limit.", 'Bitbucket Pipelines killing its docker service'],
];

describeTemplates('round 11 message templates', TEMPLATES);

describeQuiet('round 11 lines that are not these failures', [
  [
    '[root@instance /]# systemctl start logid\nSystem has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down',
    'a test container\'s own service without systemd (Molecule): not a daemon problem',
  ],
  ['listen tcp 0.0.0.0:8080: bind: address already in use', 'an application in a container failing to listen: not a published port'],
  ['-rwxr-xr-x. root root system_u:object_r:container_runtime_exec_t:s0 /usr/bin/dockerd', 'a correctly labelled dockerd'],
  [
    'Storage Driver: devicemapper\n Data Space Used: 10.2 GB\n Data Space Total: 107.4 GB\n Data Space Available: 97.2 GB',
    'a devicemapper pool with most of its space free',
  ],
  ['/usr/local/bin/start.sh: line 12: /proc/sys/fs/file-max: Read-only file system', "an application's start script raising file-max in an unprivileged container"],
  ['docker run --rm -v /srv/data:/data alpine ls /data\nNo such file or directory', 'a bind mount and a missing file: a hint at most, never an alarm'],
  ['The vfs driver is slow; we use overlay2 everywhere and our builds are fast.', 'a remark on vfs: a hint at most, never an alarm'],
  ['Mount a volume at /var/lib/docker so the inner daemon does not run overlay on overlay.', 'advice about overlay on overlay: a hint at most, never an alarm'],
  ['Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    open("/etc/shadow")\nPermissionError: [Errno 13] Permission denied', "a Python program's own EACCES, not docker-py's socket"],
  [
    '$ readlink /proc/1/ns/cgroup\ncgroup:[4026531835]\n$ docker run --rm alpine readlink /proc/self/ns/cgroup\ncgroup:[4026532712]',
    "the host's own PID 1 in the initial cgroup namespace, its container in a private one",
  ],
]);
