// Per-template tests for the second round of source templates: wordings that real reports use and the
// first rules did not follow (runc's older quoting, openat2, kernel features missing in a VM, rootless
// and user-namespace set-up, a damaged data root). Each row is built from the format string named in
// its last column, not from a corpus sample.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row } from './templateRows';


const TEMPLATES: Row[] = [
  ['cgroup-not-mounted', 'docker: Error response from daemon: cgroups: cgroup mountpoint does not exist: unknown.', 'containerd/cgroups v1 errors.go ErrMountPointNotExist'],
  ['cgroup-not-mounted', 'OCI runtime create failed: container_linux.go:348: starting container process caused "process_linux.go:297: applying cgroup configuration for process caused \\"cgroup mountpoint does not exist\\"": unknown', 'runc ≤1.0-rc libcontainer/cgroups'],
  ['cgroup-not-mounted', 'runc create failed: unable to start container process: error during container init: error mounting "cgroup" to rootfs at "/sys/fs/cgroup": stat /sys/fs/cgroup/systemd: no such file or directory: unknown', 'runc libcontainer/rootfs_linux.go "error mounting %q to rootfs at %q: %w"'],
  ['cgroup-v2-nesting', 'error setting cgroup config for procHooks process: openat2 /sys/fs/cgroup/docker/4f1c/cpu.weight: no such file or directory: unknown', 'runc 1.1+ cgroups/fscommon (openat2)'],
  ['cgroup-v2-nesting', 'error setting cgroup config for procHooks process: failed to write "max": write /sys/fs/cgroup/docker/4f1c/pids.max: no such file or directory: unknown', 'runc cgroups/fscommon WriteFile "failed to write %q: %w"'],
  ['not-privileged', 'mount: /sys/kernel/security: cannot mount none read-only.', 'util-linux mount (read-only retry after EACCES)'],
  ['cgroup-v2-nesting', 'unable to apply cgroup configuration: failed to write 4242: write /sys/fs/cgroup/docker/4f1c/cgroup.procs: device or resource busy', 'runc cgroups/fs2 WriteCgroupProc'],
  ['apparmor-denied', 'docker: Error response from daemon: Cannot start container 4f1c: [8] System error: write /proc/self/attr/apparmor/exec: permission denied.', 'runc libcontainer/apparmor (attr/apparmor/exec)'],
  ['apparmor-denied', 'OCI runtime create failed: container_linux.go:345: starting container process caused "process_linux.go:430: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"proc\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay2/4f1c/merged\\\\\\" at \\\\\\"/proc\\\\\\" caused \\\\\\"permission denied\\\\\\"\\"": unknown', 'runc ≤1.0 rootfs_linux.go "mounting %q to rootfs %q at %q caused %q"'],
  ['caps-unavailable', 'runc create failed: unable to start container process: error during container init: error mounting "proc" to rootfs at "/proc": mount proc:/proc (via /proc/self/fd/7), flags: 0xe: operation not permitted', 'runc 1.1+ rootfs_linux.go'],
  ['caps-unavailable', 'crun: capset: Operation not permitted: OCI runtime attempted to invoke a command that was not found', 'crun src/libcrun/linux.c'],
  ['caps-unavailable', 'failed to register layer: Error processing tar file(exit status 1): operation not permitted', 'moby pkg/chrootarchive "Error processing tar file(%v): %s"'],
  ['selinux-denied', "Error response from daemon: error setting label on mount source '/srv/data': relabel failed /srv/data: operation not supported", 'moby volume/mounts/mounts.go + go-selinux'],
  ['not-privileged', "sysctl: error setting key 'net.ipv4.ip_forward': Read-only file system", 'procps/busybox sysctl'],
  ['not-privileged', 'RTNETLINK answers: Operation not permitted', 'iproute2 lib/libnetlink.c'],
  ['kernel-module-missing', 'Error response from daemon: failed to create endpoint web on network bridge: failed to add the host (veth0a1b2c3) <=> sandbox (veth4d5e6f7) pair interfaces: operation not supported.', 'moby libnetwork drivers/bridge'],
  ['kernel-module-missing', 'time="2026-01-10T10:00:00Z" level=error msg="Failed to create bridge docker0 via netlink" error="operation not supported"', 'moby libnetwork drivers/bridge/setup_device.go'],
  ['not-privileged', 'Error creating: admission webhook "validation.gatekeeper.sh" denied the request: [psp-privileged-container] Privileged container is not allowed: dind', 'gatekeeper-library psp-privileged-container'],
  ['apparmor-denied', 'container init caused: write sysctl key net.ipv4.ip_unprivileged_port_start: open /proc/sys/net/ipv4/ip_unprivileged_port_start: permission denied: unknown', 'runc libcontainer/init_linux.go "write sysctl key %s: %w"'],
  ['caps-unavailable', 'container init caused: write sysctl key net.ipv4.ip_unprivileged_port_start: open /proc/sys/net/ipv4/ip_unprivileged_port_start: permission denied: unknown', 'runc libcontainer/init_linux.go "write sysctl key %s: %w"'],
  ['dood-port-conflict', 'Error response from daemon: driver failed programming external connectivity on endpoint web (4f1c): Error starting userland proxy: Bind for 0.0.0.0:80: unexpected error (Failure EADDRINUSE)', 'Docker Desktop vpnkit forwarder'],
  ['daemon-unreachable', 'error during connect: Get "https://docker:2376/v1.24/version": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'Go crypto/x509 on the dind TLS port'],
  ['socket-permission', 'FATA[0000] Get http:///var/run/docker.sock/v1.18/version: dial unix /var/run/docker.sock: permission denied. Are you trying to connect to a TLS-enabled daemon without TLS?', 'docker ≤1.8 client + Go ≤1.4 net'],
  ['daemon-unreachable', 'An error occurred trying to connect: Get http://%2Fvar%2Frun%2Fdocker.sock/v1.24/info: read unix @->/var/run/docker.sock: read: connection reset by peer', 'docker/cli 1.12-1.13'],
  ['daemon-unreachable', "The command 'docker' could not be found in this WSL 2 distro. We recommend to activate the WSL integration in Docker Desktop settings.", 'Docker Desktop WSL 2 shim'],
  ['iptables-failure', 'iptables: Another app is currently holding the xtables lock. Perhaps you want to use the -w option?', 'iptables iptables/xshared.c'],
  ['daemon-unreachable', 'error during connect: Get "http://docker:2375/v1.24/info": dial tcp: lookup docker on 10.0.0.2:53: no such host', 'docker/cli + Go net (GitLab service name)'],
  ['daemon-unreachable', 'Get http://docker:2375/v1.39/info: dial tcp: lookup docker on 169.254.169.254:53: no such host', 'docker/cli 18.x + Go net'],
  ['storage-driver-unsupported', 'time="2026-01-10T10:00:00Z" level=error msg="failed to mount overlay: operation not permitted" storage-driver=overlay2', 'moby graphdriver/overlayutils "failed to mount overlay: %w"'],
  ['storage-driver-unsupported', 'Error starting daemon: error initializing graphdriver: There are no more loopback devices available.', 'moby pkg/loopback ErrAttachLoopbackDevice'],
  ['storage-driver-unsupported', 'Error starting daemon: error initializing graphdriver: devicemapper: Error running deviceCreate (CreatePool) dm_task_run failed', 'moby graphdriver/devmapper'],
  ['storage-driver-unsupported', 'Error starting daemon: error initializing graphdriver: Failed to open /dev/zfs: No such file or directory', 'moby graphdriver/zfs'],
  ['storage-driver-unsupported', 'level=fatal msg="Failed to retrieve agent config: \\"overlayfs\\" snapshotter cannot be enabled for \\"/var/lib/rancher/k3s/agent/containerd\\", try using \\"fuse-overlayfs\\" or \\"native\\": failed to mount overlay: invalid argument"', 'containerd snapshots/overlay/overlayutils (via k3s)'],
  ['storage-driver-unsupported', 'failed to stat snapshot sha256:6abe10f2: InvalidArgument: snapshotter not loaded: overlay2: invalid argument', 'containerd snapshotter service (Docker containerd store)'],
  ['overlay-on-overlay', 'Error response from daemon: error creating aufs mount to /var/lib/docker/aufs/mnt/4f1c-init: invalid argument', 'moby ≤20.10 graphdriver/aufs "error creating aufs mount to %s: %v"'],
  ['aufs-module-missing', 'failed to start daemon: error initializing graphdriver: prior storage driver aufs is deprecated and will be removed in a future release; update the the daemon configuration and explicitly choose this storage driver to continue using it', 'moby 23 daemon/graphdriver/driver.go'],
  ['dood-volume-path', "docker: Error response from daemon: error while creating mount source path '/workspace/data': mkdir /workspace: read-only file system.", 'moby volume/mounts "error while creating mount source path \'%s\': %w"'],
  ['rootless-prerequisites', '[rootlesskit:parent] error: failed to setup UID/GID map: newuidmap 3326 [0 1000 1 1 100000 65536] failed: newuidmap: write to uid_map failed: Invalid argument', 'rootlesskit pkg/parent + shadow newuidmap'],
  ['rootless-prerequisites', '[rootlesskit:parent] error: failed to setup UID/GID map: newuidmap 3326 [0 1000 1 1 100000 65536] failed: : exec: "newuidmap": executable file not found in $PATH', 'rootlesskit pkg/parent + Go os/exec'],
  ['rootless-prerequisites', 'newuidmap: uid range [1-65537) -> [100000-165537) not allowed', 'shadow src/newuidmap.c'],
  ['rootless-prerequisites', '[ERROR] newuidmap binary not found. Please install with a package manager.', 'moby contrib/dockerd-rootless-setuptool.sh'],
  ['rootless-prerequisites', 'Either slirp4netns (>= v0.4.0) or vpnkit needs to be installed', 'moby ≤20.10 contrib/dockerd-rootless.sh'],
  ['rootless-prerequisites', 'Error starting daemon: Can\'t create ID mappings: No subuid ranges found for user "dockremap"', 'moby pkg/idtools'],
  ['rootless-prerequisites', 'failed to register layer: Error processing tar file(exit status 1): Container ID 1000000 cannot be mapped to a host ID', 'moby pkg/idtools'],
  ['rootless-prerequisites', 'processing tar file(potentially insufficient UIDs or GIDs available in user namespace (requested 0:42 for /etc/gshadow): Check /etc/subuid and /etc/subgid: lchown /etc/gshadow: invalid argument)', 'containers/storage pkg/archive'],
  ['rootless-prerequisites', 'OCI runtime create failed: container_linux.go:380: starting container process caused: setup user: cannot set uid to unmapped user in user namespace: unknown', 'runc libcontainer/init_linux.go'],
  ['rootless-prerequisites', 'runc run failed: unable to start container process: error during container init: cannot setuid to unmapped uid 1000 in user namespace', 'runc 1.2+ libcontainer/init_linux.go'],
  ['rootless-prerequisites', 'failed to start daemon: a subdirectory in your graphroot path (/var/lib/docker) restricts access to the remapped root uid/gid; please fix by allowing \'o+x\' permissions on existing directories', 'moby daemon/daemon_unix.go'],
  ['rootless-prerequisites', 'unable to start unit: failed to connect to dbus (hint: for rootless containers, maybe you need to install dbus-user-session package, see https://github.com/opencontainers/runc/blob/master/docs/cgroup-v2.md): dbus: couldn\'t determine address of session bus', 'runc libcontainer/cgroups/systemd'],
  ['caps-unavailable', 'runc create failed: unable to start container process: error during container init: error setting up /dev: create device inode /dev/fuse: operation not permitted', 'runc 1.2+ libcontainer/rootfs_linux.go'],
  ['caps-unavailable', 'container_linux.go:247: starting container process caused "process_linux.go:359: container init caused \\"rootfs_linux.go:54: mounting \\\\\\"/dev/fuse\\\\\\" caused \\\\\\"mknod /dev/fuse: operation not permitted\\\\\\"\\""', 'runc rc libcontainer/rootfs_linux.go createDeviceNode'],
  ['caps-unavailable', 'OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting rlimit type 7: operation not permitted: unknown', 'runc libcontainer/init_linux.go'],
  ['cgroup-readonly', 'runc run failed: unable to start container process: unable to apply cgroup configuration: rootless needs no limits + no cgrouppath when no permission is granted for cgroups: mkdir /sys/fs/cgroup/cpuset/docker: permission denied', 'runc libcontainer/cgroups/fs'],
  ['cgroup-readonly', 'docker: Error response from daemon: OCI runtime create failed: cannot set pids limit: container could not join or create cgroup: unknown.', 'runc libcontainer/cgroups (rootless)'],
  ['rootless-prerequisites', '[rootlesskit:parent] error: failed to setup network &{logWriter:0xc000 binary:slirp4netns mtu:65520}: setting up tap tap0: executing [[nsenter -t 41 -n -m -U --preserve-credentials ip tuntap add name tap0 mode tap]]: exit status 1', 'rootlesskit pkg/parent "failed to setup network %+v: %w"'],
  ['rootless-prerequisites', "docker: Error response from daemon: driver failed programming external connectivity on endpoint web (4f1c): Error starting userland proxy: error while calling PortManager.AddPort(): cannot expose privileged port 80, you can add 'net.ipv4.ip_unprivileged_port_start=80' to /etc/sysctl.conf (currently 1024), or set CAP_NET_BIND_SERVICE on rootlesskit binary", 'rootlesskit pkg/port/builtin'],
  ['rootless-prerequisites', 'XDG_RUNTIME_DIR needs to be set and writable', 'moby contrib/dockerd-rootless.sh'],
  ['kernel-module-missing', 'failed to start daemon: Error initializing network controller: error creating default "bridge" network: cannot restrict inter-container communication or run without the userland proxy: stat /proc/sys/net/bridge/bridge-nf-call-iptables: no such file or directory: set environment variable DOCKER_IGNORE_BR_NETFILTER_ERROR=1 to ignore', 'moby 27+ libnetwork drivers/bridge'],
  ['storage-driver-unsupported', "Error starting daemon: error initializing graphdriver: Failed to find zfs dataset mounted on '/var/lib/docker' in /proc/mounts", 'moby graphdriver/zfs'],
  ['storage-driver-unsupported', 'Error response from daemon: Failed to create btrfs snapshot: inappropriate ioctl for device', 'moby graphdriver/btrfs'],
  ['storage-driver-unsupported', 'failed to start daemon: error initializing graphdriver: Storage option overlay2.size not supported. Filesystem does not support Project Quota: Failed to set quota limit for projid 1 on /var/lib/docker/overlay2/backingFsBlockDev: function not implemented', 'moby graphdriver/overlay2/overlay.go'],
  ['caps-unavailable', 'failed to extract layer sha256:4f1c: mount callback failed on /var/lib/containerd/tmpmounts/containerd-mount42: mknod /dev/null: operation not permitted', 'containerd diff/apply "failed to extract layer %s: %w"'],
  ['data-root-corrupt', 'Error response from daemon: could not verify layer data for: sha256:4f1c. This may be because internal files in the layer store were modified. Re-pulling or rebuilding this image may resolve the issue', 'moby layer/layer_store.go'],
  ['data-root-corrupt', 'time="2026-01-10T10:00:00Z" level=error msg="failed to read cache ID" error="open /var/lib/docker/image/overlay2/layerdb/sha256/4f1c/cache-id: no such file or directory"', 'moby layer/migration + layer_store'],
  ['caps-unavailable', 'runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/dev": mount tmpfs:/dev (via /proc/self/fd/7), flags: 0x1000002: operation not permitted', 'runc rootfs_linux.go (the /dev tmpfs)'],
  ['daemon-unreachable', "$ sudo systemctl start docker\nSystem has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down", 'systemd systemctl (no systemd as PID 1)'],
  ['iptables-backend-mismatch', "iptables v1.8.10 (legacy): can't initialize iptables table `nat': Table does not exist (do you need to insmod?)", 'iptables ≥1.8 xshared.c (legacy backend named)'],
  ['not-privileged', 'Could not make a tmpfs mount. Did you use --privileged?', 'jpetazzo/dind wrapdocker'],
  ['aufs-module-missing', 'INFO[0000] [graphdriver] using prior storage driver "aufs"\nFATA[0000] Error starting daemon: error initializing graphdriver: driver not supported', 'moby ≤17.x graphdriver (ErrNotSupported on a prior aufs store)'],
  ['data-root-corrupt', 'panic: invalid freelist page: 48, page type is leaf', 'go.etcd.io/bbolt freelist.go'],
  ['data-root-corrupt', 'Jan 01 10:00:00 host dockerd[2784]: panic: assertion failed: write: circular dependency occurred', 'boltdb/bbolt node.go'],
  ['data-root-corrupt', 'docker: Error response from daemon: layer does not exist.', 'moby layer/layer.go ErrLayerDoesNotExist'],
  ['data-root-corrupt', 'docker: Error response from daemon: internal failure while setting the bit: Key not found in store.', 'libnetwork bitseq + kvstore ErrKeyNotFound'],
  ['data-root-corrupt', 'failed to start daemon: failed to open boltdb /var/lib/docker/network/files/local-kv.db: invalid database', 'go.etcd.io/bbolt ErrInvalid'],
  ['data-root-corrupt', 'Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/4f1c/merged: no such file or directory', 'moby graphdriver/overlay2 (a lower layer gone)'],
  ['data-root-corrupt', 'Error response from daemon: open /var/lib/docker/image/overlay2/layerdb/sha256/4f1c/diff: no such file or directory', 'moby layer/filestore.go'],
  ['data-root-corrupt', 'Error response from daemon: invalid checksum digest format', 'opencontainers/go-digest ErrDigestInvalidFormat'],
  ['var-lib-docker-shared', 'lstat /var/lib/docker/overlay2/5c4ebc6a04348b0b3596c9f662597f0a/merged/etc: object is remote', 'kernel overlayfs EREMOTE'],
];

describeTemplates('more message templates (one per source wording)', TEMPLATES);

describe('the second reading of a damaged data root', () => {
  it('names the damage as an error and a shared data root, its usual cause, as a warning', () => {
    const f = classify('docker: Error response from daemon: layer does not exist.');
    assert.deepEqual(f.map((x) => [x.id, x.severity]), [['var-lib-docker-shared', 'warning'], ['data-root-corrupt', 'error']]);
  });
});

describeQuiet('quiet where the same words are not a failure', [
    ['iptables: Another app is currently holding the xtables lock; still 4s 0us time ahead to have a chance to grab the lock...', 'iptables -w waiting'],
    ['time="2026-01-10T10:00:00Z" level=debug msg="Key not found in store"', 'libkv lookups at debug level'],
    ['time="2026-01-10T10:00:00Z" level=warning msg="xtables contention detected while running [--wait -t raw -C PREROUTING -d 172.18.0.3 ! -i br-4f1c -j DROP]: Waited for 3.07 seconds and received \\"\\""', 'moby 28+ libnetwork/iptables timing'],
    ['write /sys/fs/cgroup/cpuset/docker/cpuset.mems: no space left on device', 'an empty v1 cpuset is not a full disk'],
    ['WARNING: Your kernel does not support cgroup swap limit capabilities', 'docker info on cgroup v1 hosts'],
    ['time="2026-01-10T10:00:00Z" level=warning msg="could not create bridge network for id 4f1c bridge name docker0 while booting up from persistent state: Failed to Setup IP tables: Unable to enable SKIP DNAT rule:  (iptables failed: iptables --wait -t nat -I DOCKER -i docker0 -j RETURN: iptables: No chain/target/match by that name.\\n (exit status 1))"', 'moby daemon restoring a network at warning level'],
    ['time="2026-01-10T10:00:00Z" level=warning msg="Running iptables --wait -t nat -L -n failed with message: `iptables: No chain/target/match by that name.`, error: exit status 1"', 'libnetwork probing a chain at warning level'],
]);

describe('DooD symptoms in the words users write them', () => {
  it('an empty bind mount next to a mounted host socket is the daemon-side path', () => {
    const text = 'I am mounting the host docker socket into my Jenkins agent.\nRunning docker run -v $(pwd):/src alpine ls /src, the directory is empty.';
    assert.deepEqual(classify(text).map((f) => [f.id, f.severity]), [['dood-volume-path', 'warning']]);
  });

  it('stays quiet about empty folders without a shared socket', () => {
    assert.deepEqual(ids('After the build the output directory is empty.'), []);
  });
});
