// Per-template tests for round 23 (session 23), second part: wordings three research helpers read in the programs'
// sources (Docker 1.6-20.10, the kernel's dmesg, runtimes and builders other than dockerd) and found unrecognised.
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeQuiet, describeTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  // Docker's older wordings.
  ['not-privileged', 'nsenter: Unable to unshare namespaces: Operation not permitted', 'runc 1.0-rc1 nsexec "Unable to unshare namespaces"'],
  ['not-privileged', 'time="2024-03-01T10:00:00Z" level=error msg="nsexec-0[4321]: failed to setns into mnt namespace: Operation not permitted"', 'runc 1.0+ "failed to setns into %s namespace"'],
  ['not-privileged', 'nsenter: failed to setns to net: Operation not permitted', 'runc rc2-rc92 "failed to setns to %s"'],
  ['not-privileged', 'FATA[0000] Shutting down daemon due to errors: Unable to start network bridge: operation not permitted', 'Docker 1.6 "Unable to start network bridge: %s"'],
  ['not-privileged', 'time="2015-04-16T10:00:00Z" level=fatal msg="Shutting down daemon due to errors: operation not permitted"', 'Docker 1.6 with the bare EPERM'],
  ['data-root-corrupt', 'level=error msg="Graph migration failed: \\"open /var/lib/docker/graph/8c2e06607696/json: no such file or directory\\". Your old graph data was found to be too inconsistent for upgrading"', 'dockerd 1.10-17.x "Graph migration failed: %q"'],
  ['data-root-corrupt', 'level=error msg="Image stored at \'8c2e06607696\' has wrong id \'2103b00b3fdf\'"', 'dockerd 1.6-1.9 "Image stored at \'%s\' has wrong id \'%s\'"'],
  ['data-root-corrupt', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to get bridge network configurations from store: error while populating kmap: invalid character \'\\x00\' looking for beginning of value', 'libnetwork\'s store "error while populating kmap: %v"'],
  ['vfs-fallback', 'WARN[0000] Graphdriver vfs selected. Your graphdriver directory /var/lib/docker already contains data managed by other graphdrivers: aufs', 'Docker 1.6 "Graphdriver %s selected. Your graphdriver directory %s already contains data …"'],
  ['storage-driver-unsupported', 'level=error msg="devmapper: Udev sync is not supported. This will lead to data loss and unexpected behavior. Install a more recent version of libdevmapper"', 'devicemapper "Udev sync is not supported."'],
  // The kernel.
  ['storage-driver-unsupported', '[12345.678901] overlayfs: workdir and upperdir must reside under the same mount', 'overlayfs "workdir and upperdir must reside under the same mount"'],
  ['storage-driver-unsupported', '[12345.678901] overlay: filesystem on /var/lib/docker/overlay2/3f1c9a/diff is read-only', 'overlayfs 6.7+ "filesystem on %s is read-only"'],
  ['disk-space', '[12345.678901] overlayfs: failed to create directory /var/lib/docker/overlay2/3f1c9a/work/work (errno: 28); mounting read-only', 'overlayfs "failed to create directory %s/%s (errno: %i)" with ENOSPC'],
  ['overlay-on-overlay', '[12345.678901] aufs test_add:281:dockerd[1234]: already stacked, /var/lib/docker/aufs/diff/abc (aufs)', 'aufs "already stacked, %s (%s)"'],
  ['storage-driver-unsupported', '[12345.678901] aufs test_add:264:dockerd[1234]: unsupported filesystem, /var/lib/docker/aufs/diff/abc (btrfs)', 'aufs "unsupported filesystem, %s (%s)" on another filesystem'],
  ['aufs-module-missing', '[12345.678901] aufs: Unknown symbol security_inode_readlink (err -2)', 'the module loader "%s: Unknown symbol %s (err %d)"'],
  ['memory-limit', '[12345.678901] Killed process 23456 (dockerd) total-vm:2437360kB, anon-rss:512000kB, file-rss:0kB, shmem-rss:0kB', 'the OOM killer\'s second line before 5.0, of an engine'],
  ['cgroup-not-mounted', '[12345.678901] cgroup1: Unknown subsys name \'cpuset\'', 'cgroup v1 "Unknown subsys name \'%s\'" (a hint)'],
  ['disk-space', '[12345.678901] device-mapper: thin: 252:4: no free data space available.', 'dm-thin "%s: no free data space available."'],
  ['disk-space', '[12345.678901] XFS (dm-5): metadata I/O error in "xfs_buf_ioend_handle_error+0x269/0xce0 [xfs]" at daddr 0x8 len 8 error 28', 'XFS 5.x "metadata I/O error in … error %d" with ENOSPC'],
  ['disk-space', '[12345.678901] EXT4-fs warning (device dm-3): ext4_dx_add_entry:2516: Directory (ino: 1310721) index full, reach max htree level :2', 'ext4 "Directory (ino: %lu) index full"'],
  // Runtimes and builders.
  ['not-privileged', 'docker: Error response from daemon: OCI runtime create failed: runc create failed: unable to start container process: error during container init: sethostname: operation not permitted: unknown.', 'runc init\'s sethostname SyscallError'],
  ['not-privileged', 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: clone: Operation not permitted: unknown.', 'crun "clone: %m"'],
  ['caps-unavailable', 'error during container init: error creating device nodes: create device inode /dev/fuse: mknodat /proc/thread-self/fd/7/fuse: operation not permitted: unknown.', 'runc 1.4+ "mknodat"'],
  ['not-privileged', 'lxc-start c1 20240301100000.123 ERROR    start - ../src/lxc/start.c:lxc_spawn:1879 - Operation not permitted - Failed to clone a new set of namespaces', 'LXC "%s - Failed to clone a new set of namespaces"'],
  ['apparmor-denied', 'lxc-start c1 20240301100000.123 ERROR    apparmor - ../src/lxc/lsm/apparmor.c:apparmor_process_label_set_at:1223 - Permission denied - Failed to write AppArmor profile "lxc-container-default-cgns" to 9', 'LXC "Failed to write AppArmor profile"'],
  ['caps-unavailable', 'lxc-start c1 … ERROR    conf - ../src/lxc/conf.c:lxc_fill_autodev:1096 - Operation not permitted - Failed to create device node "fuse"', 'LXC "Failed to create device node"'],
  ['not-privileged', '2024-03-01T10:00:00.000000Z ERROR libcontainer::namespaces: failed to unshare namespace err=Nix(EPERM) namespace=LinuxNamespace { typ: Mount, path: None }', 'youki "failed to unshare namespace" err=Nix(EPERM)'],
  ['not-privileged', 'Error: netavark: set sysctl net/ipv4/ip_forward: IO error: Read-only file system (os error 30)', 'netavark "set sysctl %s" with EROFS'],
  ['not-privileged', 'running container: creating container: cannot create sandbox: can\'t run sandbox process in minimal chroot since we don\'t have CAP_SYS_ADMIN', 'gVisor "since we don\'t have CAP_SYS_ADMIN"'],
  ['rootless-prerequisites', 'sysbox-runc: kernel is not configured to allow unprivileged users to create namespaces: /proc/sys/kernel/unprivileged_userns_clone: want 1, have 0', 'sysbox\'s sysctl check'],
  ['rootless-prerequisites', 'Error: cannot set up namespace using "/usr/bin/newuidmap": should have setuid or have filecaps setuid: exit status 1', 'Podman "cannot set up namespace using %q: should have setuid …"'],
  ['rootless-prerequisites', 'OCI runtime create failed: runc create failed: user namespaces aren\'t enabled in the kernel: unknown.', 'runc\'s validation "user namespaces aren\'t enabled in the kernel"'],
  ['not-privileged', 'error building image: error building stage: failed to get filesystem from image: chown /var/spool/mail: operation not permitted', 'kaniko chown refused'],
  ['not-privileged', '2024/03/01 10:00:00 installing: arm64 EPERM opening /proc/sys/fs/binfmt_misc/register check permissions?', 'tonistiigi/binfmt "EPERM opening %s check permissions?"'],
  ['apparmor-denied', '[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: permission denied', 'RootlessKit\'s child refused with EACCES (AppArmor\'s user-namespace restriction)'],
  ['apparmor-denied', 'OCI runtime create failed: write to `/proc/sys/net/ipv4/ip_unprivileged_port_start`: Permission denied: unknown.', 'crun "write to `/proc/sys/%s`: %m" with EACCES'],
  // A review's near-variants.
  ['not-privileged', 'level=error msg="nsexec-0[4321]: failed to join {mnt, pid} namespaces: Operation not permitted"', 'runc 1.3+ "failed to join {%s} namespaces" with ", " between names'],
  ['not-privileged', 'nsexec[4321]: failed to setns into mnt namespace: Operation not permitted', 'runc\'s nsexec before its stage is set'],
  ['rootless-prerequisites', 'nsexec-0[4321]: failed to use newuid map on 4322', 'runc "failed to use newuid map on %d"'],
  ['rootless-prerequisites', 'WARN[0000] /usr/bin/newgidmap should be setgid or have filecaps setgid', 'containers/storage "%s should be setgid or have filecaps setgid"'],
  ['var-lib-docker-shared', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to get bridge network configurations from store: error while populating kmap: timeout', 'libnetwork\'s store locked by another daemon'],
  ['cgroupns-host', '$ docker exec c1 findmnt /sys/fs/cgroup\n/sys/fs/cgroup cgroup2[/docker/0123456789abcdef0123] cgroup2 ro,nosuid', 'findmnt\'s cgroup2 root at the container\'s place'],
  ['cgroupns-host', 'Inside the RUN step, /proc/self/cgroup shows 0::/buildkit/q8x4yrqk5y4wd1f2l3r0ofy8c', 'BuildKit\'s 25-character ids'],
  ['cgroup-not-mounted', 'WARNING: No memory limit support\nWARNING: No swap limit support\nWARNING: No cpu shares support', 'docker info\'s sysinfo warnings for memory and cpu (a hint)'],
  ['apparmor-denied', 'bwrap: setting up uid map: Permission denied', 'bubblewrap\'s id map refused under the user-namespace restriction (a hint)'],
  ['selinux-denied', 'Mar 01 10:00:00 host systemd[1234]: foo.service: Failed to execute /usr/local/bin/foo: Permission denied', 'systemd "Failed to execute %s: %m" (a hint)'],
  ['memory-limit', '<3>[12345.6] Killed process 99 (docker-containe) total-vm:100kB, anon-rss:1kB', 'the OOM killer\'s line with a raw kmsg prefix and a name cut to 15 characters'],
  ['memory-limit', '[1.2] memory: usage 2097148kB, limit 2097152kB, failcnt 4521', 'a memory cgroup within a percent of its limit (a hint)'],
  ['caps-unavailable', 'error during container init: open /proc/sys/kernel/domainname: permission denied: unknown', 'runc\'s init refused a namespaced sysctl with EACCES'],
  ['caps-unavailable', 'Cannot start service api: OCI runtime create failed: process_linux.go:422: setting cgroup config for procHooks process caused: resulting devices cgroup doesn\'t match target mode: unknown', 'runc\'s devices cgroup check where the level\'s runtime keeps it'],
  ['caps-unavailable', "cp: cannot create special file '/opt/unbound/etc/unbound/dev/random': Operation not permitted", 'mknod refused to a program making device nodes (a hint)'],
  ['dood-volume-path', '$ docker run --rm -it -v /var/run/docker.sock:/var/run/docker.sock docker sh\n# touch /tmp/a\n# docker run --rm -v /tmp/a:/tmp/a alpine stat /tmp/a\n  Size: 4096   Blocks: 8   IO Block: 4096   directory', 'a sibling\'s bind after the socket was bound, showing a folder (a hint)'],
];

describeTemplates('classify: round 23 research templates', TEMPLATES);

describeQuiet('classify: round 23 research texts that raise nothing', [
  ['[rootlesskit:child ] failed to mount sysfs, falling back to read-only mount: operation not permitted', 'RootlessKit going on with a read-only sysfs'],
  ['time="2024-03-01T10:00:00Z" level=warning msg="KeyctlJoinSessionKeyring: unable to create session key: function not implemented"', 'runc going on without a session keyring (ENOSYS, a warning)'],
  ['time="2024-03-01T10:00:00Z" level=warning msg="unable to get oom kill count" error="openat2 /sys/fs/cgroup/docker/3f1a/memory.events: no such file or directory"', 'runc\'s OOM count after a failed start'],
  ['level=error msg="Failed to load container mount 0123456789abcdef0123: mount does not exist"', 'a leftover container folder skipped at restore'],
  ['audit: type=1400 audit(1.2:3): avc:  denied  { read } for  pid=2345 comm="sssd" name="passwd" scontext=system_u:system_r:sssd_t:s0 tcontext=system_u:object_r:passwd_file_t:s0 tclass=file permissive=0', 'an SELinux denial of a host service\'s own domain'],
  ['audit: type=1400 apparmor="DENIED" operation="open" profile="snap.lxd.lxc" name="/etc/ssl/openssl.cnf" pid=2345 comm="lxc" requested_mask="r" denied_mask="r"', 'LXD\'s snap client reading its config'],
  ['[12345.678901] Killed process 23456 (java) total-vm:2437360kB, anon-rss:512000kB, file-rss:0kB', 'the OOM killer\'s second line for a workload (a hint)'],
  ['[12345.678901] overlayfs: idmapped layers are currently not supported', 'overlayfs\' idmapped-layers notice'],
  ['lxc-start c1 20240301100000.123 INFO     conf - ../src/lxc/conf.c:mount_entry:2098 - Operation not permitted - Failed to mount "/sys/kernel/security" on "/usr/lib/x86_64-linux-gnu/lxc/rootfs/sys/kernel/security" (optional)', 'LXC\'s optional mount entry at INFO'],
  ['KeyctlJoinSessionKeyring: unable to create session key: function not implemented', 'runc\'s keyring warning without a log level'],
  ['WARN[0000] Udev sync is not supported. This will lead to unexpected behavior, data loss and errors', 'Docker 1.6-1.9\'s udev warning (it goes on)'],
  ['type=AVC msg=audit(1.2:3): avc:  denied  { write } for pid=1 comm="systemd-logind" scontext=system_u:system_r:systemd_logind_t:s0 tcontext=system_u:object_r:var_run_t:s0 tclass=dir permissive=0', 'logind\'s own SELinux denial'],
  ['hostname: sethostname: Operation not permitted', 'busybox hostname in an ordinary container'],
  ['On the host, cat /proc/1234/cgroup gives 0::/system.slice/docker-0123456789abcdef0123.scope which is expected', 'a report quoting the host\'s view'],
  ['level=error msg="Handler for POST /containers/create returned error: driver failed programming external connectivity on endpoint web (abc): Bind for 0.0.0.0:80 failed: port is already allocated"', 'a port a host program holds, with no shared daemon (a hint)'],
]);

describe('classify: round 23 research severities', () => {
  it('keeps a denial that names a container\'s domain as target an error', () => {
    const text = 'avc:  denied  { setsched } for pid=762 comm="rtkit-daemon" scontext=system_u:system_r:rtkit_daemon_t:s0 tcontext=unconfined_u:unconfined_r:spc_t:s0 tclass=process permissive=0';
    assert.equal(severityOf(text, 'selinux-denied'), 'error');
  });
  it('keeps an engine helper\'s SELinux denial on the data root, a podman socket\'s, and a port with a shared daemon loud', () => {
    assert.equal(severityOf('avc:  denied  { write } for pid=1 comm="mount" name="docker" scontext=system_u:system_r:mount_t:s0 tcontext=system_u:object_r:var_lib_t:s0 tclass=dir permissive=0', 'selinux-denied'), 'error');
    assert.equal(severityOf('avc:  denied  { connectto } for pid=3 comm="runner" path="/run/user/1005/podman/podman.sock" scontext=system_u:system_r:runner_t:s0 tcontext=unconfined_u:unconfined_r:unconfined_t:s0 tclass=unix_stream_socket permissive=0', 'selinux-denied'), 'error');
    assert.equal(severityOf('$ docker run -v /var/run/docker.sock:/var/run/docker.sock ci\nBind for 0.0.0.0:8080 failed: port is already allocated', 'dood-port-conflict'), 'error');
  });
  it('reads no missing cgroups in docker info\'s warnings for an empty answer', () => {
    const text = '$ docker info\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\nWARNING: No memory limit support\nWARNING: No cpu shares support';
    assert.ok(!ruleRaises(text, 'cgroup-not-mounted'));
  });
  it('keeps an engine\'s keyring refused with EPERM an error', () => {
    assert.equal(severityOf('level=error msg="unable to join session keyring: unable to create session key: operation not permitted"', 'not-privileged'), 'error');
  });
});
