// Per-template tests for round 20 (session 21): templates that fresh30r's misses and false alarms pointed to after its
// first look, each read in the source of the program that prints it. Each row is built from the format strings named
// in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'Deployment.apps "jenkins" is invalid: spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy', 'the API server with --allow-privileged=false ("Forbidden: disallowed by cluster policy")'],
  ['not-privileged', 'Deployment.extensions "jenkins" is invalid: spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by policy', 'the same before Kubernetes 1.10 ("disallowed by policy")'],
  ['apparmor-denied', 'chdir("/tmp")                           = 0\npivot_root(".", "old")                  = -1 EACCES (Permission denied)', 'an strace of slirp4netns\' sandbox: pivot_root refused with EACCES'],
  ['stale-pidfile', '$ sudo service docker start\n                                                           [FAILED]\n/var/run/docker.pid still exists...', 'the RHEL/CentOS 6 init script "$pidfile still exists..."'],
  ['socket-permission', 'Error getting docker version. Received permission denied error', 'a script\'s version query refused at the socket (IOTstack\'s menu)'],
  ['data-root-corrupt', 'level=fatal msg="Error starting daemon: error initializing graphdriver: Base Device UUID verification failed. Possibly using a different thin pool then last invocation:exit status 2"', 'devmapper "Base Device UUID verification failed. Possibly using a different thin pool then last invocation:%v"'],
  ['data-root-corrupt', 'Error starting daemon: couldn\'t create plugin manager: failed to restore plugins: error reading /var/lib/docker/plugins/0123456789abcdef/config.json: open /var/lib/docker/plugins/0123456789abcdef/config.json: no such file or directory', 'the plugin manager\'s restore ("failed to restore plugins: error reading %s")'],
  ['kernel-module-missing', 'level=error msg="RunPodSandbox failed" error="failed to create containerd container: failed to mount /var/lib/containerd/tmpmounts/containerd-mount012345: no such device"', 'containerd mount.WithTempMount "failed to mount %s: %w" with ENODEV'],
  ['storage-driver-unsupported', 'ERRO[0000] Error waiting for container: container 0123abcd: driver "btrfs" failed to remove root filesystem: Failed to destroy btrfs snapshot /home/u/.local/share/docker/btrfs/subvolumes for 0123abcd: operation not permitted', 'graphdriver/btrfs "Failed to destroy btrfs snapshot %s for %s: %v" with EPERM (rootless)'],
  ['data-root-corrupt', 'Error response from daemon: container 0123abcd: driver "zfs" failed to remove root filesystem: exit status 1: "/usr/sbin/zfs destroy -r tank/docker/0123abcd" => cannot open \'tank/docker/0123abcd\': dataset does not exist', 'the zfs driver\'s removal failing on a dataset already gone (before 2024)'],
  ['overlay-on-overlay', 'overlay / overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0\noverlay /data/docker/aufs overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0\nError starting daemon: error initializing graphdriver: invalid argument', 'a mount table with the driver\'s directory on overlay, beside the graph driver failing'],
  // Read from fresh28's and fresh29's misses after their third look.
  ['data-root-corrupt', 'level=error msg="failed to pull image x: failed to prepare extraction snapshot \\"extract-1 sha256:0123\\": failed to create snapshot: missing parent \\"default/1013/sha256:4567\\" bucket: not found"', 'containerd "missing parent %q bucket: not found"'],
  ['data-root-corrupt', 'ERROR cluster 48659 refcount=0 reference=1\nERROR cluster 48660 refcount=0 reference=1\nRebuilding refcount structure', 'qemu-img check on a desktop engine\'s Docker.qcow2'],
  ['selinux-denied', 'Error relocating /lib/ld-musl-x86_64.so.1: RELRO protection failed: Permission denied', 'musl "RELRO protection failed: %m" with EACCES'],
  ['selinux-denied', '/bin/sh: error while loading shared libraries: libc.so.6: cannot apply additional memory protection after relocation: Permission denied', 'glibc ld.so "cannot apply additional memory protection after relocation: %s"'],
  ['rootless-prerequisites', 'unable to start unit "docker-<id>.scope" ...: Permission denied', 'runc\'s systemd driver with the properties left out of the report'],
  // Read from fresh30's misses after its second look.
  ['storage-driver-unsupported', 'failed to register layer: lsetxattr security.capability /usr/bin/caddy: operation not supported', 'a layer\'s file capabilities refused by the backing filesystem'],
  ['storage-driver-unsupported', 'lsetxattr("/var/lib/docker/overlay2/0123/diff/bin/ping", "security.capability", "\\x01", 20, 0) = -1 EOPNOTSUPP (Operation not supported)', 'the driver writing a file capability, in an strace on an NFS data root'],
  ['data-root-corrupt', 'Error: Unable to take ownership of thin-pool (docker-thinpool) that already has used data blocks', 'devmapper "Unable to take ownership of thin-pool (%s) that already has used data blocks"'],
  ['storage-driver-unsupported', 'level=error msg="Failed to GetDriver graph" driver=devicemapper error="graphdriver plugins are only supported with experimental mode" home-dir=/var/lib/docker', 'a driver 18.09 no longer builds in, looked for as a plugin'],
  ['data-root-corrupt', 'failed to prepare extraction snapshot "extract-1 sha256:0123": failed to stat parent: stat /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/112/fs: no such file or directory', 'containerd\'s snapshot directory gone under its metadata'],
  ['data-root-corrupt', 'level=fatal msg="Error starting daemon: Error initializing network controller: Error creating default \\"bridge\\" network: failed to allocate gateway (10.2.9.1): No available addresses on this pool"', 'libnetwork\'s store holding the bridge\'s addresses'],
  ['dood-volume-path', 'Error: statfs /var/run/docker.sock: no such file or directory\n##[error]Exit code 125 returned from process: file name \'/usr/bin/docker\', arguments \'create --name job -v "/var/run/docker.sock":"/var/run/docker.sock" image\'', 'podman\'s CLI refusing a bind source its engine cannot find, the bind shown'],
  ['apparmor-denied', 'systemd[89]: systemd-resolved.service: Failed to set up mount namespacing: Permission denied', 'systemd sandboxing a unit in a container, refused with EACCES'],
  ['apparmor-denied', 'systemd-networkd.service: Failed to set up mount namespacing: /run/systemd/unit-root/proc: Permission denied', 'systemd 247+ naming the path it could not mount'],
  ['kernel-module-missing', '[ERROR] Missing system requirements. Run the following commands to\n[ERROR] install the requirements and run this tool again.\nsudo sh -eux <<EOF\nmodprobe ip_tables\nEOF', 'dockerd-rootless-setuptool.sh asking for a module'],
  ['disk-space', '# docker info | grep Space\n Data Space Used: 85.9GB\n Data Space Total: 85.9GB\n Metadata Space Used: 19.5MB\n Metadata Space Total: 5.369GB', 'devicemapper\'s pool full by Used against Total'],
  // Class-level: a full disk in words diskSpace.ts did not read (programs' strings and glibc's and apt's translations).
  ['disk-space', 'tar: ./usr/lib/x: Schreiben nicht möglich: Auf dem Gerät ist kein Speicherplatz mehr verfügbar', 'glibc strerror(ENOSPC) in German'],
  ['disk-space', 'cp: error writing \'x\': Aucun espace disponible sur le périphérique', 'glibc strerror(ENOSPC) in French'],
  ['disk-space', 'write /var/lib/docker/tmp/x: 设备上没有空间', 'glibc strerror(ENOSPC) in Chinese'],
  ['disk-space', 'E: Sie haben nicht genug Platz in /var/cache/apt/archives/.', 'apt "You don\'t have enough free space in %s." in German'],
  ['disk-space', 'Error: Transaction test error:\n  installing package foo-1.0-1.x86_64 needs 54MB more space on the / filesystem', 'rpm RPMPROB_DISKSPACE "installing package %s needs %d%cB more space on the %s filesystem"'],
  ['disk-space', 'BTRFS: error (device dm-0 state A) in __btrfs_free_extent:3092: errno=-28 No space left', 'btrfs "errno=%d %s" with -28'],
  ['disk-space', 'EXT4-fs (sda1): Delayed block allocation failed for inode 12 at logical offset 0 with max blocks 1 with error 28', 'ext4 "Delayed block allocation failed … with error %d" with ENOSPC'],
  ['disk-space', 'device-mapper: thin: 253:2: no free metadata space available.', 'dm-thin "%s: no free metadata space available."'],
  ['disk-space', 'lvm[812]: WARNING: Thin pool vg-docker--thinpool-tpool data is now 96.50% full.', 'dmeventd "WARNING: Thin pool %s data is now %.2f%% full."'],
  ['disk-space', 'Warning  FreeDiskSpaceFailed  kubelet  Failed to garbage collect required amount of images. Attempted to free 388231987 bytes, but only found 0 bytes eligible to free.', 'kubelet image GC failing to free enough'],
  ['disk-space', 'Warning  Evicted  kubelet  The node was low on resource: ephemeral-storage. Threshold quantity: 1Gi, available: 10Mi.', 'kubelet eviction "The node was low on resource: %v."'],
  ['disk-space', 'x/y.js:  write error (disk full?).  Continue? (y/n/^C)', 'Info-ZIP unzip "%s:  write error (disk full?)."'],
  ['disk-space', 'cannot create snapshot \'tank/docker/abc@123\': out of space', 'zfs EZFS_NOSPC "out of space"'],
  // Class-level: cgroup hierarchies missing in more programs' words (cgroupMounts.ts).
  ['cgroup-not-mounted', 'docker: Error response from daemon: NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted.', 'moby verifyPlatformContainerResources refusing --cpus'],
  ['cgroup-not-mounted', 'OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:297: applying cgroup configuration for process caused \\"cgroup: subsystem does not exist\\"": unknown', 'runc errSubsystemDoesNotExist (the devices hierarchy)'],
  ['cgroup-not-mounted', 'Error response from daemon: Cannot pause container 0123: cgroups: freezer cgroup not supported on this system', 'containerd/cgroups ErrFreezerNotSupported'],
  ['cgroup-not-mounted', 'Failed to mount cgroup (type cgroup) on /sys/fs/cgroup/systemd (MS_NOSUID|MS_NODEV|MS_NOEXEC "none,name=systemd"): No such file or directory', 'systemd mount_verbose "Failed to mount %s (type %s) on %s (%s \\"%s\\"): %m"'],
  ['cgroup-not-mounted', 'Couldn\'t determine if we are running in the unified hierarchy: No medium found\nFailed to allocate manager object: No medium found', 'systemd "Couldn\'t determine if we are running in the unified hierarchy: %m"'],
  ['cgroup-not-mounted', 'lxc-start: c1: cgroups/cgfsng.c: cg_init: 3531 No such file or directory - Failed to initialize cgroups', 'LXC cgfsng cg_init "Failed to initialize cgroups"'],
  ['cgroup-not-mounted', 'cgcreate: libcgroup initialization failed: Cgroup is not mounted', 'libcgroup ECGROUPNOTMOUNTED under its tools\' prefix'],
  ['cgroup-not-mounted', 'E0530 19:44:02.573329 2009 kubelet.go:1384] "Failed to start ContainerManager" err="system validation failed - Following Cgroup subsystem not mounted: [memory]"', 'kubelet validateSystemRequirements "%s - Following Cgroup subsystem not mounted: %v"'],
  ['cgroup-not-mounted', 'F0101 00:00:00.000000 1 server.go:274] failed to run Kubelet: failed to find subsystem mount for required subsystem: pids', 'kubelet "failed to find subsystem mount for required subsystem: %v"'],
  ['cgroup-not-mounted', 'level=fatal msg="failed to find memory cgroup, you may need to add \\"cgroup_memory=1 cgroup_enable=memory\\" to your linux cmdline (/boot/cmdline.txt on a Raspberry Pi)"', 'k3s\'s check of the v1 memory controller'],
  ['cgroup-not-mounted', 'Failed to start cAdvisor failed to find supported cgroup mounts for the raw factory', 'cAdvisor raw factory'],
  ['cgroupns-host', 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: cgroup namespaces aren\'t enabled in the kernel: unknown.', 'runc validator "cgroup namespaces aren\'t enabled in the kernel"'],
  ['cgroupns-host', 'INFO: detected cgroup v1\nWARN: cgroupns not enabled! Please use cgroup v2, or cgroup v1 with cgroupns enabled.', 'kind\'s entrypoint on a v1 host without cgroupns'],
  // Class-level: EPERM from the calls a privileged level may make (privilegeRefusals.ts).
  ['not-privileged', 'docker: Error response from daemon: rro is not supported: failed to mount tmpfs on "/tmp/moby-detect-rro123": operation not permitted (kernel is older than 5.12?).', 'moby "rro is not supported: %w (kernel is older than 5.12?)"'],
  ['not-privileged', 'Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/0123/merged: operation not permitted', 'overlay2 "error creating overlay mount to %s: %v" with EPERM'],
  ['not-privileged', 'Error response from daemon: mounting shm tmpfs: operation not permitted', 'moby "mounting shm tmpfs: %s"'],
  ['not-privileged', 'runc run failed: unable to start container process: error during container init: error mounting "proc" to rootfs at "/proc": mount src=proc, dst=/proc, dstFd=/proc/thread-self/fd/8, flags=MS_NOSUID|MS_NODEV|MS_NOEXEC: operation not permitted', 'runc 1.2 mounting proc for a nested container with EPERM'],
  ['not-privileged', 'runc run failed: unable to start container process: error during container init: error preparing rootfs: mount dst=/, flags=MS_REC|MS_SLAVE: operation not permitted', 'runc "error preparing rootfs: %w"'],
  ['not-privileged', 'error jailing process inside rootfs: pivot_root .: operation not permitted', 'runc pivot_root with EPERM'],
  ['not-privileged', 'Error: crun: clone: Operation not permitted: OCI permission denied', 'crun clone of the namespaces'],
  ['not-privileged', 'mount --make-shared /run/netns failed: Operation not permitted', 'iproute2 ip netns add'],
  ['not-privileged', 'failed to create bridge "cni0": could not add "cni0": operation not permitted', 'CNI bridge plugin'],
  ['not-privileged', 'losetup: /var/lib/docker/devicemapper/data: failed to set up loop device: Operation not permitted', 'util-linux losetup'],
  ['not-privileged', 'E1201 kubelet: failed to create kubelet: open /dev/kmsg: no such file or directory', 'kubelet in a node container without /dev/kmsg'],
  // Class-level: SELinux in more words (selinuxWordings.ts).
  ['selinux-denied', 'type=SELINUX_ERR msg=audit(1712345678.123:456): op=security_bounded_transition seresult=denied oldcontext=system_u:system_r:container_runtime_t:s0 newcontext=system_u:system_r:container_t:s0:c1,c2', 'the kernel\'s bounded transition refused'],
  ['selinux-denied', 'Error: lsetxattr(label=system_u:object_r:container_file_t:s0:c12,c34) /home/user/data: permission denied', 'go-selinux "lsetxattr(label=%s) %s: %s"'],
  ['selinux-denied', 'failed to create containerd container: relabel "/var/lib/kubelet/pods/abc/volumes/x" with "system_u:object_r:container_file_t:s0:c1,c2" failed: lsetxattr /var/lib/kubelet/pods/abc/volumes/x: operation not permitted', 'containerd CRI "relabel %q with %q failed: %w"'],
  ['selinux-denied', '*****  Plugin catchall (100. confidence) suggests   **************************\n\nIf you believe that dockerd should be allowed write access on the docker.sock sock_file by default.', 'sealert\'s plugin header'],
  ['selinux-denied', 'Then you must tell SELinux about this by enabling the \'container_manage_cgroup\' boolean.', 'sealert catchall_boolean'],
  ['selinux-denied', '#============= container_t ==============\nallow container_t user_home_t:dir { read write };', 'audit2allow\'s module for a container\'s domain'],
  ['selinux-denied', 'Security Options:\n  seccomp\n   Profile: builtin\n  selinux\n name=selinux\nls: cannot open directory \'/data\': Permission denied', '`docker info` naming SELinux beside a refusal (a hint)'],
  ['selinux-denied', '    volumes:\n      - ./data:/data:Z\nnginx: [emerg] open() "/data/nginx.conf" failed (13: Permission denied)', 'a compose volume relabelled with :Z beside a refusal (a hint)'],
  // Class-level: capabilities, LXC's AppArmor and rootless prerequisites (capsAndRootless.ts).
  ['caps-unavailable', 'Error: crun: prctl drop bounding: Operation not permitted: OCI permission denied', 'crun "prctl drop bounding"'],
  ['caps-unavailable', 'runc run failed: unable to start container process: unable to set keep caps: operation not permitted', 'runc "unable to set keep caps"'],
  ['caps-unavailable', 'lxc-start: c1: caps.c: lxc_caps_down: 104 Operation not permitted - Failed to drop capabilities', 'LXC "Failed to drop capabilities"'],
  ['apparmor-denied', 'lxc-start: c1: lsm/apparmor.c: apparmor_process_label_set: 1123 Failed to change AppArmor profile to lxc-c1_</var/lib/lxc>', 'LXC "Failed to change AppArmor profile to %s"'],
  ['rootless-prerequisites', '[rootlesskit:parent] /proc/sys/kernel/unprivileged_userns_clone needs to be set to 1.', 'RootlessKit warn.go'],
  ['rootless-prerequisites', 'buildkitd: rootless mode requires to be executed as the mapped root in a user namespace; you may use RootlessKit for setting up the namespace', 'buildkitd outside RootlessKit'],
  ['rootless-prerequisites', '[ERROR] XDG_RUNTIME_DIR ("/run/user/1000") is not set, does not exist, or is not writable', 'dockerd-rootless-setuptool.sh XDG_RUNTIME_DIR'],
  ['rootless-prerequisites', 'cannot clone: Operation not permitted\nError: cannot re-exec process', 'Podman\'s rootless re-exec'],
  ['rootless-prerequisites', 'runc run failed: rootless container requires user namespaces', 'runc rootless validation'],
  // Class-level: libnetwork's wrappers, nftables, module loaders (firewallWordings.ts).
  ['iptables-failure', 'Error starting daemon: Error initializing network controller: Error creating default "bridge" network: Unable to enable NAT rule: (iptables failed: exit status 1)', 'libnetwork "Unable to %s %s rule: %s"'],
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: failed to add jump rules to ipv4 NAT table: exit status 4', 'libnetwork "failed to add jump rules to %s NAT table: %w"'],
  ['iptables-failure', 'failed to start daemon: nftables: failed to update nftables:\nadd table ip docker-bridges\nError: Could not process rule: Operation not supported', 'Docker 29\'s nftables backend'],
  ['iptables-failure', 'failed to create FILTER internal chain: (iptables failed: exit status 1)', 'the FILTER internal chain, bare'],
  ['kernel-module-missing', 'Error response from daemon: cannot join secure network: required modules to install IPSEC rules are missing on host', 'swarm\'s encrypted overlay without IPsec modules'],
  ['kernel-module-missing', 'modprobe: can\'t load module ip_tables (kernel/net/ipv4/netfilter/ip_tables.ko): invalid module format', 'busybox modprobe'],
  // Class-level: more clients (clientWordings.ts).
  ['daemon-unreachable', 'Error: connect ENOENT //./pipe/docker_engine', 'Node on a Windows pipe nobody serves'],
  ['daemon-unreachable', 'error during connect: open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.', 'go-winio\'s pipe not found'],
  ['socket-permission', 'docker.errors.DockerException: Error while fetching server API version: (5, \'CreateFile\', \'Access is denied.\')', 'docker-py\'s pipe refusing the user'],
  ['socket-permission', 'Can\'t access docker socket at: unix:///var/run/docker.sock', 'lazydocker after EACCES'],
  ['daemon-unreachable', 'Error: Error pinging Docker server, please make sure that unix:///var/run/docker.sock is reachable and has a \'_ping\' endpoint', 'Terraform\'s docker provider'],
  ['daemon-unreachable', 'Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`', 'podman-remote'],
  ['daemon-unreachable', 'io.netty.channel.unix.Errors$NativeConnectException: connect(..) failed: No such file or directory: /var/run/docker.sock', 'Netty on a missing socket'],
];

describeTemplates('round 20 message templates', TEMPLATES);

describeQuiet('round 20: no alarm', [
  ['ERROR: could not resize shared memory segment "/PostgreSQL.1136341590" to 3158016 bytes: No space left on device', 'PostgreSQL\'s dynamic shared memory filling a container\'s /dev/shm'],
  ['ERROR: could not resize shared memory\nsegment "/PostgreSQL.2791547698" to 33554432 bytes: No space left on device (SQLSTATE 53100)', 'the same wrapped at a terminal\'s width'],
  ['overlay /data/docker/aufs overlay rw,relatime,lowerdir=/rofs,upperdir=/cow/up,workdir=/cow/work 0 0', 'a data directory on overlay where nothing failed'],
]);

describeQuiet('round 20: ENOSPC that is no disk, and a healthy node, in any words', [
  ['mq_open: Auf dem Gerät ist kein Speicherplatz mehr verfügbar', 'a message queue limit (fs.mqueue.queues_max) in German'],
  ['inotify_add_watch: Aucun espace disponible sur le périphérique', 'inotify watches used up, in French'],
  ['Normal  NodeHasNoDiskPressure  kubelet  Node n1 status is now: NodeHasNoDiskPressure\nDiskPressure  False  KubeletHasNoDiskPressure  kubelet has no disk pressure', 'a node without disk pressure'],
  ['lvm[812]: WARNING: Thin pool vg-docker--thinpool-tpool metadata is now 81.25% full.', 'a thin pool at 81 % (a hint: autoextend follows)'],
]);

describeQuiet('round 20: look-alikes of the class-level rules', [
  [' ! run Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.', 'a limit discarded on a Raspberry Pi, the container running'],
  ['I1201 00:00:00.000000 1 cgroup_manager_linux.go:294] The Cgroup [kubepods burstable] has some missing paths: [/sys/fs/cgroup/pids/kubepods/burstable]', 'kubelet\'s V(4) existence probe'],
  ['mount: /sys/fs/cgroup/devices: cgroup already mounted on /sys/fs/cgroup/devices.', 'cgroupfs-mount finding a hierarchy already there'],
  ['time="2024-01-01T00:00:00Z" level=info msg="Loading containers: done."\nINFO: detected cgroup v2', 'kind\'s entrypoint on v2'],
]);

// What a review of the round's rules found: look-alikes on working set-ups kept quiet, and real wordings read.
describeQuiet('round 20: what a review kept quiet', [
  ['SELinux status:                 enabled\nCurrent mode:                   permissive\nMode from config file:          enforcing\ncat: can\'t open \'/app/x\': Permission denied', 'sestatus after setenforce 0 beside a refusal'],
  ['audit: type=1401 audit(1.2:3): op=security_bounded_transition seresult=denied oldcontext=system_u:system_r:install_t:s0 newcontext=system_u:system_r:mount_t:s0', 'a bounded transition of an installer, not a container'],
  ['Error: relabel failed "/mnt/nfs/data": operation not supported', 'a relabel on a filesystem without labels'],
  ['runc exec failed: unable to start container process: calling thread is not the thread group leader', 'go-selinux\'s thread check'],
  ['WARN: cgroupns not enabled! Please use cgroup v2, or cgroup v1 with cgroupns enabled.\nINFO: fix cgroup mounts for all subsystems', 'kind\'s fallback on a v1 host'],
  ['level=warning msg="failed to find cpuset cgroup, you may need to add \\"cgroup_enable=cpuset\\" to your linux cmdline (/boot/cmdline.txt on a Raspberry Pi)"', 'k3s\'s cpuset warning'],
  ['lxc 20230101120000.000 WARN     cgfsng - cgroups/cgfsng.c:cgfsng_get_cgroup_do:2231 - Failed to find hierarchy for controller "hugetlb"', 'LXC\'s monitor answering a query'],
  ['device-mapper: thin: 253:2: reached low water mark for data device: sending event.', 'dm-thin\'s low-water mark (lvm autoextends)'],
  ['fusermount: failed to open /dev/fuse: Operation not permitted', 'an app\'s own FUSE mount'],
  ['losetup: /work/disk.img: failed to set up loop device: Operation not permitted', 'an image build\'s loop device'],
  ['ip: ioctl 0x8914 failed: Operation not permitted', 'a VPN container\'s ip'],
  ['audit: type=1400 audit(1642988274.227:4): avc:  denied  { relabelfrom } for  pid=360538 comm="mv" name="10-aws.conflist" dev="tmpfs" ino=5 scontext=system_u:system_r:container_t:s0:c180,c205 tcontext=system_u:object_r:any_t:s0:c180,c205 tclass=file permissive=0', 'mv refused relabelfrom while keeping a file\'s context'],
  ['modprobe ip_tables\nip_tables loaded', 'a script loading a module, no installer asking for it'],
  ['insmod: ERROR: could not insert module br_netfilter.ko: File exists', 'insmod of a module already loaded'],
  ['time="2024-01-01T00:00:00Z" level=info msg="failed to create DOCKER-USER ipv6 chain: iptables failed"', 'the IPv6 user chain on a host without ip6tables'],
  ['could not create nat/DOCKER chain: iptables: Chain already exists.', 'a chain already made'],
  ['runc[12]: can\'t raise ambient capability CAP_NET_BIND_SERVICE: operation not permitted', 'an ambient capability runc goes on without'],
  ['lxc-start: c1: caps.c: lxc_ambient_caps_up: 1 Operation not permitted - Failed to raise ambient capability 12', 'LXC\'s ambient raise, logged at warning'],
  ['modprobe overlay\nmodprobe br_netfilter\ncurl -fsSL https://get.docker.com/rootless | sh\n[INFO] Installed docker.service successfully.', 'kubeadm\'s prerequisite modules beside a working rootless install'],
  ['$ podman run -v /home/me/data:/data alpine\nError: statfs /home/me/data: no such file or directory', 'a local podman bind of a folder that does not exist'],
  ['docker: Error response from daemon: OCI runtime create failed: runc create failed: unable to start unit "docker-abc.scope" (properties [Name:Description]): Permission denied: unknown.', 'a rootful daemon\'s scope refused (not a rootless prerequisite)'],
  ['WARNING: Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.', 'swapaccount off'],
]);

describe('round 20: severities', () => {
  it('reads a wrapper\'s inner refusal as the socket\'s, not a daemon that is down', () => {
    const text = 'Error: Error pinging Docker server, please make sure that unix:///var/run/docker.sock is reachable: permission denied while trying to connect to the Docker daemon socket';
    assert.ok(ruleRaises(text, 'socket-permission'));
    assert.ok(!classify(text).some((f) => f.id === 'daemon-unreachable' && f.severity !== 'info'));
    assert.ok(ruleRaises('Error: connect EACCES //./pipe/docker_engine', 'socket-permission'));
    assert.ok(!ruleRaises('docker.errors.DockerException: Error while fetching server API version: (5, \'CreateFile\', \'Access is denied.\')', 'daemon-unreachable'));
  });
  it('says what to change for a driver this dockerd does not have, and offers no fresh volume', () => {
    const [f] = classify('level=error msg="Failed to GetDriver graph" driver=devicemapper error="graphdriver plugins are only supported with experimental mode" home-dir=/var/lib/docker');
    assert.equal(f.id, 'storage-driver-unsupported');
    assert.match(f.hint, /Configure one it has, such as overlay2/);
    assert.equal(f.fix, undefined);
    assert.ok(classify('Error starting daemon: error initializing graphdriver: driver not supported').some((x) => x.id === 'storage-driver-unsupported' && x.fix !== undefined));
  });
  it('keeps a refused OOM score an error: runc and crun stop the start', () => {
    assert.equal(severityOf('nsexec[1]: failed to update /proc/self/oom_score_adj: Permission denied', 'caps-unavailable'), 'error');
  });
  it('reads LXC\'s log file wording, kubelet\'s bracketed cgroup names and containerd\'s devices requirement', () => {
    assert.ok(ruleRaises('lxc-start c1 20230101120000.000 ERROR    cgfsng - cgroups/cgfsng.c:cg_init:3531 - No such file or directory - Failed to initialize cgroups', 'cgroup-not-mounted'));
    assert.ok(ruleRaises('E1201 kubelet.go:1400] "Failed to start ContainerManager" err="cgroup [\\"kubepods\\" \\"burstable\\"] has some missing paths: [/sys/fs/cgroup/pids/kubepods/burstable]"', 'cgroup-not-mounted'));
    assert.ok(ruleRaises('failed to load cgroup: devices subsystem is required', 'cgroup-not-mounted'));
  });
  it('reads `mount`\'s wording of a data directory on overlay and no aufs era in a 5.3 kernel', () => {
    assert.ok(ruleRaises('overlay on /var/lib/docker type overlay (rw,relatime,lowerdir=/rofs)\nError starting daemon: error initializing graphdriver: invalid argument', 'overlay-on-overlay'));
    assert.ok(!ruleRaises('overlay /var/lib/docker/tmp/buildkit-mount123 overlay ro,lowerdir=/a 0 0\n[graphdriver] prior storage driver aufs failed: driver not supported', 'overlay-on-overlay'));
    assert.ok(!ruleRaises('failed to register layer: lsetxattr security.capability /usr/bin/ping: operation not supported', 'selinux-denied'));
    assert.ok(!ruleRaises('lgetxattr("/var/lib/docker/vfs/dir/0123/bin/ping", "security.capability", 0x0, 0) = -1 EOPNOTSUPP (Operation not supported)', 'storage-driver-unsupported'));
    assert.ok(!ruleRaises('Kernel Version: 5.3.18-lp152.19-default\nfailed to start daemon: error initializing graphdriver: driver not supported', 'aufs-module-missing'));
  });
  it('keeps a bind of a documentation placeholder (/path/to/…) a hint', () => {
    const text = 'docker: Error response from daemon: Mounts denied:\nThe paths /path/to/projects and /path/to/samples\nare not shared from OS X and are not known to Docker.';
    assert.equal(severityOf(text, 'dood-volume-path'), 'info');
    assert.equal(severityOf('docker: Error response from daemon: Mounts denied:\nThe path /Users/me/projects is not shared from the host and is not known to Docker.', 'dood-volume-path'), 'error');
  });
  it('reads an overlay backing filesystem under fuse-overlayfs as the working set-up, under overlay2 as stacked', () => {
    const podman = '$ podman info | grep overlay\ngraphDriverName: overlay\n  overlay.mount_program:\n    Executable: /usr/bin/fuse-overlayfs\n  Backing Filesystem: overlayfs';
    assert.ok(!ruleRaises(podman, 'overlay-on-overlay'));
    assert.ok(!ruleRaises(' Storage Driver: fuse-overlayfs\n  Backing Filesystem: overlayfs', 'overlay-on-overlay'));
    assert.equal(severityOf(' Storage Driver: overlay2\n  Backing Filesystem: overlayfs', 'overlay-on-overlay'), 'error');
  });
  it('keeps a destroyed btrfs snapshot without its errno a hint', () => {
    assert.equal(severityOf('driver "btrfs" failed to remove root filesystem: Failed to destroy btrfs snapshot /h', 'storage-driver-unsupported'), 'info');
  });
  it('names the aufs module beside the bare "driver not supported" only where a 3.x kernel is named', () => {
    const text = 'I updated the kernel from 3.13 to 4.x and docker would not start: error initializing graphdriver: driver not supported';
    assert.ok(ids(text).slice(0, 2).includes('aufs-module-missing'));
    assert.ok(!ruleRaises('error initializing graphdriver: driver not supported', 'aufs-module-missing'));
  });
  it('does not read a container\'s own overlay root in the mount table as the driver on overlay', () => {
    const text = 'overlay /var/lib/docker/overlay2/0123456789abcdef/merged overlay rw,relatime,lowerdir=/a,upperdir=/b,workdir=/c 0 0\nerror initializing graphdriver: driver not supported';
    assert.ok(!ruleRaises(text, 'overlay-on-overlay'));
  });
  it('keeps a tmpmount\'s ENXIO (a device, not a filesystem) out of kernel modules', () => {
    // (No rule: the fallback model may still guess it, an info hint marked as a guess.)
    assert.ok(!ruleRaises('failed to mount /var/lib/containerd/tmpmounts/containerd-mount1: no such device or address', 'kernel-module-missing'));
  });
});
