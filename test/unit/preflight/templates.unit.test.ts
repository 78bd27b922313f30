// One line per message template of the software that reports each cause, built from the format
// string (placeholders filled with realistic values) and wrapped the way users paste it. The comment
// of each row names the repository and file the template comes from. These are not corpus samples:
// they make rules follow the sources' wordings across versions rather than one report's.
import * as assert from 'node:assert/strict';
import { describeQuiet, describeTemplates, ids, Row } from './templateRows';


const TEMPLATES: Row[] = [
  // apparmor-denied
  ['apparmor-denied', 'audit: type=1400 audit(1700000000.123:45): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/sys/kernel/security/" pid=311 comm="mount" fstype="securityfs" srcname="securityfs"', 'kernel security/apparmor/lib.c audit format'],
  ['apparmor-denied', 'docker: Error response from daemon: AppArmor enabled on system but the docker-default profile could not be loaded: running `/sbin/apparmor_parser apparmor_parser -Kr /var/lib/docker/tmp/docker-default123` failed with output: apparmor_parser: Unable to replace "docker-default".  Permission denied; attempted to load a profile while confined?', 'moby daemon/apparmor_default.go + pkg/aaparser'],
  ['apparmor-denied', 'Error response from daemon: Could not check if docker-default AppArmor profile was loaded: open /sys/kernel/security/apparmor/profiles: permission denied', 'moby daemon/apparmor_default.go'],
  ['apparmor-denied', "Error loading docker apparmor profile: exit status 243 (apparmor_parser: Unable to replace \"docker-default\".  Permission denied)", 'moby 1.x daemon/execdriver/native/apparmor.go'],
  ['apparmor-denied', 'time="2026-01-10T10:00:00Z" level=error msg="Failed to load default apparmor profile" error="running \'apparmor_parser -Kr /tmp/docker-default\' failed with output: apparmor_parser: Access denied. You need policy admin privileges to manage profiles.\\n\\nerror: exit status 243"', 'moby daemon/daemon.go (25+), moby/profiles apparmor.go'],
  ['apparmor-denied', 'container_linux.go:380: starting container process caused: apparmor failed to apply profile: write /proc/self/attr/exec: no such file or directory: unknown', 'runc libcontainer/apparmor/apparmor_linux.go'],
  ['apparmor-denied', 'runc create failed: unable to start container process: error during container init: unable to apply apparmor profile: apparmor failed to apply profile: write /proc/thread-self/attr/apparmor/exec: permission denied', 'runc 1.1+ libcontainer/apparmor'],
  ['apparmor-denied', 'OCI runtime create failed: apparmor: config provided but apparmor not supported: unknown', 'runc libcontainer/apparmor (ErrApparmorNotEnabled)'],
  // selinux-denied
  ['selinux-denied', 'type=AVC msg=audit(1700000000.511:932): avc:  denied  { write } for  pid=4410 comm="dockerd" name="docker" dev="dm-0" ino=1234 scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:container_var_lib_t:s0 tclass=dir permissive=0', 'kernel security/selinux/avc.c + auditd'],
  ['selinux-denied', 'SELinux is preventing /usr/bin/dockerd from write access on the directory docker.', 'setroubleshoot'],
  ['selinux-denied', 'runc create failed: unable to start container process: error during container init: write /proc/self/attr/keycreate: permission denied', 'runc via go-selinux SetKeyLabel'],
  ['selinux-denied', 'docker: Error response from daemon: SELinux relabeling of /home is not allowed.', 'moby volume/mounts/linux_parser.go'],
  // not-privileged
  ['not-privileged', 'mount: permission denied (are you root?)', 'busybox mount'],
  ['not-privileged', 'mount: /sys/kernel/security: permission denied.', 'util-linux mount ≤2.38'],
  ['not-privileged', 'mount: /sys/kernel/security: mount failed: Operation not permitted.', 'util-linux mount 2.39+ (new mount API)'],
  ['not-privileged', 'mount: /sys/fs/cgroup/init: must be superuser to use mount.', 'util-linux mount 2.39+'],
  ['not-privileged', 'mount: only root can do that', 'util-linux mount (older)'],
  ['not-privileged', 'Could not mount /sys/kernel/security.', 'moby hack/dind, docker-library dind'],
  ['not-privileged', 'iptables v1.8.10 (legacy): can\'t initialize iptables table `nat\': Permission denied (you must be root)', 'iptables xshared.c'],
  ['not-privileged', 'time="2026-01-10T10:00:00Z" level=error msg="Failed to create bridge docker0 via netlink" error="operation not permitted"', 'moby libnetwork drivers/bridge/setup_device.go'],
  ['not-privileged', 'failed to start daemon: Error initializing network controller: Error creating default "bridge" network: operation not permitted', 'moby daemon/daemon_unix.go'],
  ['not-privileged', 'nsexec-1[42]: failed to unshare remaining namespaces (except cgroupns): Operation not permitted', 'runc libcontainer/nsenter/nsexec.c bail()'],
  ['not-privileged', 'unshare: unshare failed: Operation not permitted', 'util-linux unshare'],
  ['not-privileged', '[rootlesskit:child ] error: failed to share mount point: /: permission denied', 'rootlesskit pkg/child'],
  // caps-unavailable
  ['caps-unavailable', 'container_linux.go:247: starting container process caused "apply caps: operation not permitted"', 'runc rc libcontainer/init_linux.go'],
  ['caps-unavailable', 'OCI runtime create failed: container_linux.go:349: starting container process caused "unable to apply caps: operation not permitted": unknown', 'runc 1.0 libcontainer/init_linux.go'],
  ['caps-unavailable', 'runc create failed: unable to start container process: error during container init: unable to apply caps: can\'t apply capabilities: operation not permitted', 'runc 1.2+ libcontainer/capabilities'],
  ['caps-unavailable', 'time="2026-01-10T10:00:00Z" level=warning msg="ignoring unknown or unavailable capabilities: [CAP_BPF CAP_CHECKPOINT_RESTORE CAP_PERFMON]"', 'runc libcontainer/capabilities/capabilities.go'],
  ['caps-unavailable', 'docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_FOO".', 'moby oci/caps/utils.go'],
  ['caps-unavailable', 'Error response from daemon: invalid CapAdd: capability not supported by your kernel or not available in the current environment: "CAP_PERFMON"', 'moby oci/caps/utils.go'],
  // kernel-module-missing
  ['kernel-module-missing', 'iptables v1.8.9 (legacy): can\'t initialize iptables table `nat\': Table does not exist (do you need to insmod?)', 'iptables libiptc / xshared.c'],
  ['kernel-module-missing', "Warning: Extension MASQUERADE revision 0 not supported, missing kernel module?", 'iptables libxtables'],
  ['kernel-module-missing', 'time="2026-01-10T10:00:00Z" level=error msg="failed to mount overlay: no such device" storage-driver=overlay2', 'moby graphdriver/overlayutils'],
  ['kernel-module-missing', 'mount: /tmp/ovl/merged: unknown filesystem type \'overlay\'.', 'util-linux mount'],
  ['kernel-module-missing', "ERRO[0000] 'overlay' not found as a supported filesystem on this host. Please ensure kernel is new enough and has overlay support loaded.", 'moby graphdriver/overlay (17.x)'],
  ['kernel-module-missing', 'failed to start daemon: Error initializing network controller: error creating default "bridge" network: failed to register "bridge" driver: operation not supported', 'moby libnetwork drivers/bridge'],
  // cgroup-not-mounted
  ['cgroup-not-mounted', 'failed to start daemon: Devices cgroup isn\'t mounted', 'moby daemon/daemon_unix.go'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:345: starting container process caused "process_linux.go:297: applying cgroup configuration for process caused \\"mountpoint for devices not found\\"": unknown.', 'runc libcontainer/cgroups NotFoundError'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: OCI runtime create failed: runc create failed: mountpoint for cgroup not found: unknown.', 'runc libcontainer/cgroups NotFoundError("cgroup")'],
  ['cgroup-not-mounted', 'runc run failed: unable to start container process: error during container init: no cgroup mount found in mountinfo', 'runc 1.0-rc92+ libcontainer/cgroups/utils.go'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: cgroups: cannot find cgroup mount destination: unknown.', 'containerd/cgroups ErrNoCgroupMountDestination'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: cgroups: cannot found cgroup mount destination: unknown.', 'containerd/cgroups 17.12-18.0x spelling'],
  // cgroup-devices-shared
  ['cgroup-devices-shared', 'failed to write "a *:* rwm" to "/sys/fs/cgroup/devices/docker/abc/devices.allow": write /sys/fs/cgroup/devices/docker/abc/devices.allow: operation not permitted', 'runc libcontainer/cgroups/devices'],
  ['cgroup-devices-shared', '9:cpu,cpuacct,devices:/docker/abc', '/proc/self/cgroup (v1, devices sharing a hierarchy)'],
  // cgroup-readonly
  ['cgroup-readonly', 'mkdir: can\'t create directory \'/sys/fs/cgroup/init\': Read-only file system', 'docker-library dind entrypoint (busybox mkdir)'],
  ['cgroup-readonly', 'runc create failed: unable to start container process: unable to apply cgroup configuration: mkdir /sys/fs/cgroup/docker: read-only file system', 'runc libcontainer/cgroups/fs2'],
  ['cgroup-readonly', 'Failed to create /init.scope control group: Read-only file system', 'systemd src/core/cgroup.c'],
  // cgroup-v2-nesting
  ['cgroup-v2-nesting', 'runc run failed: unable to start container process: unable to apply cgroup configuration: cannot enter cgroupv2 "/sys/fs/cgroup/docker" with domain controllers -- it is in threaded mode', 'runc libcontainer/cgroups/fs2/create.go'],
  ['cgroup-v2-nesting', 'cannot enter cgroupv2 "/sys/fs/cgroup/docker/abc" with domain controllers -- it is in an invalid state', 'runc libcontainer/cgroups/fs2/create.go'],
  ['cgroup-v2-nesting', 'failed to write subtree controllers [cpuset cpu io memory pids] to "/sys/fs/cgroup/cgroup.subtree_control": write /sys/fs/cgroup/cgroup.subtree_control: device or resource busy', 'containerd/cgroups v2 manager.go'],
  ['cgroup-v2-nesting', 'sed: write error', 'busybox sed in docker-library dind entrypoint'],
  // iptables-backend-mismatch
  ['iptables-backend-mismatch', 'iptables v1.8.7 (nf_tables):  CHAIN_ADD failed (No such file or directory): chain PREROUTING', 'iptables nft.c'],
  ['iptables-backend-mismatch', 'iptables/1.8.10 Failed to initialize nft: Protocol not supported', 'iptables nft.c'],
  ['iptables-backend-mismatch', '# Warning: iptables-legacy tables present, use iptables-legacy to see them', 'iptables nft-shared.c'],
  ['iptables-backend-mismatch', "iptables v1.8.7 (nf_tables): table `nat' is incompatible, use 'nft' tool.", 'iptables nft.c'],
  // aufs-module-missing
  ['aufs-module-missing', 'time="2026-01-10T10:00:00Z" level=error msg="[graphdriver] prior storage driver aufs failed: driver not supported"', 'moby daemon/graphdriver/driver.go'],
  ['aufs-module-missing', 'failed to start daemon: error initializing graphdriver: [graphdriver] ERROR: the aufs storage-driver has been deprecated and removed; visit https://docs.docker.com/go/storage-driver/ for more information', 'moby 24+ daemon/graphdriver/driver.go'],
  // overlay-on-overlay
  ['overlay-on-overlay', "ERRO[0000] 'overlay2' is not supported over overlayfs", 'moby graphdriver/overlay2 (17.x-20.10)'],
  ['overlay-on-overlay', 'ERRO[0000] AUFS is not supported over aufs', 'moby graphdriver/aufs'],
  ['overlay-on-overlay', '[ 3402.118210] overlayfs: filesystem on \'/var/lib/docker/overlay2/abc/diff\' not supported as upperdir', 'kernel fs/overlayfs/super.c'],
  ['overlay-on-overlay', '[ 3402.118210] overlayfs: maximum fs stacking depth exceeded', 'kernel fs/overlayfs/super.c'],
  // var-lib-docker-shared
  ['var-lib-docker-shared', 'Error starting daemon: error while opening volume store metadata database: timeout', 'moby volume/store/store.go (17.x-21.x)'],
  ['var-lib-docker-shared', 'failed to start daemon: error while opening volume store metadata database (/var/lib/docker/volumes/metadata.db): timeout', 'moby volume/service/store.go (22+)'],
  ['var-lib-docker-shared', 'Error starting daemon: Error initializing network controller: error obtaining controller instance: timeout', 'moby daemon_unix.go + libkv boltdb lock timeout'],
  ['var-lib-docker-shared', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: boltdb file /var/lib/docker/network/files/local-kv.db is already open', 'moby libnetwork/internal/kvstore/boltdb (25+)'],
  ['var-lib-docker-shared', 'time="2026-01-10T10:00:10Z" level=warning msg="waiting for response from boltdb open" plugin=bolt', 'containerd plugins/metadata/plugin.go'],
  ['var-lib-docker-shared', '[ 812.551200] overlayfs: upperdir is in-use as upperdir/workdir of another mount, accessing files from both mounts will result in undefined behavior.', 'kernel fs/overlayfs/super.c'],
  // stale-pidfile
  ['stale-pidfile', 'Error starting daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid', 'moby pkg/pidfile (≤23)'],
  ['stale-pidfile', 'failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID 57 is still running', 'moby cmd/dockerd/daemon.go (24+)'],
  ['stale-pidfile', 'Aug 26 10:49:25 host dockerd[245]: failed to start daemon, ensure docker is not running or delete /var/ru>', 'same, cut by systemctl\'s pager'],
  // disk-space
  ['disk-space', 'failed to register layer: Error processing tar file(exit status 1): write /usr/lib/libLLVM.so.15: no space left on device', 'moby pkg/chrootarchive'],
  ['disk-space', 'ERROR: failed to solve: failed to copy: write /var/lib/docker/buildkit/content/ingest/abc/data: no space left on device', 'buildkit'],
  ['disk-space', 'mkdir /var/lib/docker/tmp/docker-import-123: disk quota exceeded', 'EDQUOT from the data root'],
  ['disk-space', 'devmapper: Thin Pool has 162 free data blocks which is less than minimum required 163840 free data blocks. Create more free space in thin pool or use dm.min_free_space option to change behavior', 'moby graphdriver/devmapper/deviceset.go'],
  // storage-driver-unsupported
  ['storage-driver-unsupported', 'Error starting daemon: error initializing graphdriver: backing file system is unsupported for this graph driver', 'moby graphdriver ErrIncompatibleFS'],
  ['storage-driver-unsupported', 'FATA[0000] Error starting daemon: error intializing graphdriver: driver not supported', 'moby ≤1.6 daemon/daemon.go (typo)'],
  ['storage-driver-unsupported', 'failed to start daemon: error initializing graphdriver: driver not supported: overlay2', 'moby layer/layer_store.go (23+)'],
  ['storage-driver-unsupported', 'failed to start daemon: error initializing graphdriver: no supported storage driver found', 'moby daemon/graphdriver/driver.go'],
  ['storage-driver-unsupported', "ERRO[0000] 'overlay2' is not supported over btrfs", 'moby graphdriver/overlay2'],
  ['storage-driver-unsupported', "ERRO[0000] 'overlay2' requires kernel 4.7 to use on btrfs", 'moby graphdriver/overlay2 (17.x)'],
  ['storage-driver-unsupported', 'failed to start daemon: error initializing graphdriver: overlay2: the backing xfs filesystem is formatted without d_type support, which leads to incorrect behavior. Reformat the filesystem with ftype=1 to enable d_type support.', 'moby overlayutils.ErrDTypeNotSupported'],
  ['storage-driver-unsupported', 'time="2026-01-10T10:00:00Z" level=warning msg="Preferred snapshotter not available in containerd" message="/var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.overlayfs does not support d_type. If the backing filesystem is xfs, please reformat with ftype=1 to enable d_type support"', 'containerd overlay/overlayutils/check.go'],
  ['storage-driver-unsupported', '/var/lib/docker contains several valid graphdrivers: overlay2, vfs; cleanup or explicitly choose storage driver (-s <DRIVER>)', 'moby daemon/graphdriver/driver.go'],
  // iptables-failure
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables: No chain/target/match by that name.\n (exit status 1)', 'moby libnetwork/iptables'],
  ['iptables-failure', 'Error initializing network controller: Error creating default "bridge" network: Failed to program NAT chain: iptables failed: iptables --wait -t nat -I DOCKER -i docker0 -j RETURN: (exit status 4)', 'moby libnetwork drivers/bridge/setup_ip_tables.go'],
  ['iptables-failure', 'Failed to Setup IP tables: Unable to enable SKIP DNAT rule:  (iptables failed: iptables --wait -t nat -I DOCKER -i br-abc -j RETURN: iptables: No chain/target/match by that name.', 'moby libnetwork drivers/bridge/setup_ip_tables.go'],
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: internal error while initialising nftables: netlink receive: operation not supported', 'moby 28+ libnetwork/internal/nftables'],
  ['iptables-failure', 'time="2026-01-10T10:00:00Z" level=warning msg="failed to find iptables" error="exec: \\"iptables\\": executable file not found in $PATH"', 'moby libnetwork/iptables'],
  // vfs-fallback
  ['vfs-fallback', ' Storage Driver: vfs', 'docker info'],
  ['vfs-fallback', ' Storage Driver: native', 'docker info, Docker 29 containerd image store'],
  ['vfs-fallback', 'time="2026-01-10T10:00:01Z" level=info msg="Docker daemon" commit=abc containerd-snapshotter=true storage-driver=native version=29.0.0', 'moby daemon/daemon.go start-up line'],
  ['vfs-fallback', 'INFO[0000] [graphdriver] using prior storage driver: vfs', 'moby daemon/graphdriver/driver.go'],
  // dood-volume-path
  ['dood-volume-path', 'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /builds/group/project/data.', 'moby volume/mounts/linux_parser.go'],
  ['dood-volume-path', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:345: starting container process caused "process_linux.go:424: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"/src/app.conf\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay2/abc/merged\\\\\\" at \\\\\\"/etc/app.conf\\\\\\" caused \\\\\\"not a directory\\\\\\"\\"": unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type.', 'moby daemon/start.go'],
  ['dood-volume-path', 'docker: Error response from daemon: Mounts denied: \nThe path /work/app is not shared from the host and is not known to Docker.', 'Docker Desktop file sharing'],
  // dood-port-conflict
  ['dood-port-conflict', 'docker: Error response from daemon: driver failed programming external connectivity on endpoint web (abc): Bind for 0.0.0.0:8080 failed: port is already allocated.', 'moby libnetwork portallocator'],
  ['dood-port-conflict', 'Error response from daemon: driver failed programming external connectivity on endpoint web (abc): Error starting userland proxy: listen tcp6 [::]:8080: bind: address already in use', 'moby libnetwork portmapper (userland proxy)'],
  ['dood-port-conflict', 'Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web (abc): failed to bind host port 0.0.0.0:8080/tcp: address already in use', 'moby 28+ libnetwork portmappers'],
  // socket-permission
  ['socket-permission', 'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Post http://%2Fvar%2Frun%2Fdocker.sock/v1.40/containers/create: dial unix /var/run/docker.sock: connect: permission denied', 'moby client/hijack.go (≤23)'],
  ['socket-permission', 'permission denied while trying to connect to the docker API at unix:///var/run/docker.sock', 'moby client/errors.go (28+)'],
  ['socket-permission', "docker.errors.DockerException: Error while fetching server API version: ('Connection aborted.', PermissionError(13, 'Permission denied'))", 'docker-py api/client.py'],
  ['socket-permission', 'Error: connect EACCES /var/run/docker.sock', 'Node net (dockerode)'],
  // daemon-unreachable
  ['daemon-unreachable', 'Cannot connect to the Docker daemon at tcp://docker:2375. Is the docker daemon running?', 'moby client/errors.go'],
  ['daemon-unreachable', 'Cannot connect to the Docker daemon. Is the docker daemon running on this host?', 'moby client (1.x)'],
  ['daemon-unreachable', 'failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory', 'moby client/errors.go (28+)'],
  ['daemon-unreachable', 'error during connect: Get "https://docker:2376/v1.24/version": http: server gave HTTP response to HTTPS client', 'docker/cli + Go net/http'],
  ['daemon-unreachable', 'Error response from daemon: Client sent an HTTP request to an HTTPS server.', 'Go net/http server on the TLS port'],
  ['daemon-unreachable', 'Post "http://docker:2375/v1.41/build": dial tcp 172.17.0.3:2375: connect: connection refused', 'Go net dialer'],
  ['daemon-unreachable', 'Error: connect ENOENT /var/run/docker.sock', 'Node net (dockerode)'],
  ['daemon-unreachable', 'java.lang.IllegalStateException: Could not find a valid Docker environment. Please see logs and check configuration', 'Testcontainers DockerClientProviderStrategy'],
];

describeTemplates('source templates, one line each', TEMPLATES);

describe('root cause first in mixed texts', () => {
  it('missing module → iptables fails → daemon exits → client cannot connect', () => {
    const text = [
      'time="2026-01-10T10:00:00Z" level=warning msg="Running modprobe bridge br_netfilter failed with message: modprobe: FATAL: Module bridge not found in directory /lib/modules/6.8.0\\n, error: exit status 1"',
      'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables v1.8.10 (legacy): can\'t initialize iptables table `nat\': Table does not exist (do you need to insmod?)',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ].join('\n');
    // The legacy backend lacking the table is also read as a backend mismatch (a warning, second).
    assert.deepEqual(ids(text).slice(0, 4), ['kernel-module-missing', 'iptables-backend-mismatch', 'iptables-failure', 'daemon-unreachable']);
  });

  it('AppArmor denial → mount fails → daemon exits', () => {
    const text = [
      'Could not mount /sys/kernel/security.',
      'audit: type=1400 audit(1700000000.1:2): apparmor="DENIED" operation="mount" profile="docker-default" name="/sys/kernel/security/" pid=9 comm="mount"',
      'failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory',
    ].join('\n');
    assert.deepEqual(ids(text), ['apparmor-denied', 'not-privileged', 'daemon-unreachable']);
  });

  it('stale pid file before the client symptom', () => {
    const text = ['failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID 57 is still running', 'error during connect: Get "http://docker:2375/_ping": dial tcp: lookup docker: no such host'].join('\n');
    assert.deepEqual(ids(text), ['stale-pidfile', 'daemon-unreachable']);
  });

  it('a shared data root names the lock, not the start failure', () => {
    const text = 'failed to start daemon: error while opening volume store metadata database (/var/lib/docker/volumes/metadata.db): timeout';
    assert.equal(ids(text)[0], 'var-lib-docker-shared');
  });

  it('socket permission through docker-py wins over the generic API-version failure', () => {
    const text = "Error while fetching server API version: ('Connection aborted.', PermissionError(13, 'Permission denied'))";
    assert.equal(ids(text)[0], 'socket-permission');
  });
});

describeQuiet('healthy lines of recent daemons stay quiet', [
    ['time="2026-01-10T10:00:00Z" level=warning msg="ip6tables is enabled, but cannot set up ip6tables chains" error="failed to create NAT chain DOCKER: iptables failed: ip6tables --wait -t nat -N DOCKER: ip6tables v1.8.10 (legacy): can\'t initialize ip6tables table `nat\': Table does not exist (do you need to insmod?)\\nPerhaps ip6tables or your kernel needs to be upgraded.\\n (exit status 3)"', 'moby 27+ libnetwork drivers/bridge (IPv6 off in a level without ip6_tables)'],
    ['time="2026-01-10T10:00:01Z" level=info msg="Docker daemon" commit=abc containerd-snapshotter=true storage-driver=overlayfs version=29.0.0', 'moby daemon.go, Docker 29 healthy'],
    ['mount: /sys/kernel/security: mounted.', 'not a failure'],
    ['WARNING: bridge-nf-call-iptables is disabled', 'docker info on healthy hosts'],
    ['time="2026-01-10T10:00:00Z" level=info msg="Default bridge (docker0) is assigned with an IP address 172.17.0.0/16. Daemon option --bip can be used to set a preferred IP address"', 'moby daemon_unix.go'],
]);
