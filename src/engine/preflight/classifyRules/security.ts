// LSM denials, missing privileges and capabilities.
import { sysctlRefused } from './sysctlRefusals';
import { engineComm } from './engines';
import { LineRule, loggedBelowError, TextHit, TextRule } from './types';

// EPERM/EACCES writing a process's own id map (security rules below name two causes for it).
const UID_MAP_REFUSED = /\/proc\/self\/[ug]id_map\b[^\n]{0,80}?(?:operation not permitted|permission denied)|(?:operation not permitted|permission denied)[^\n]{0,80}?\/proc\/self\/[ug]id_map\b/i;

// runc ≥1.1 "unable to signal init: %w"; runc 1.0-rc's container_linux.go "signaling init process caused \"permission
// denied\""; containerd 0.2's gRPC reply to Docker 1.11-17.x ("Cannot kill container %s: rpc error: code = 7 desc =
// permission denied": code 7 is PermissionDenied, the same EACCES).
const SIGNAL_INIT_REFUSED = /unable to signal init: permission denied|signaling init process caused \\?"permission denied|Cannot kill container \S+: rpc error: code = (?:7|PermissionDenied) desc = permission denied/i;

/** util-linux mount(8) retrying read-only after EACCES/EROFS: "mount: %s: cannot mount %s read-only." */
export const MOUNT_RETRIED_READ_ONLY = /\bmount: [^\n]{0,400}?\bcannot mount (?:block device )?\S{1,300} read-only/i;

/** A program's own check that it runs privileged, saying it does not (Rancher 2.5+'s, others'). */
export const PRIVILEGED_SELF_CHECK = /\bmust be (?:ran|run|started|launched) with (?:the )?--privileged\b|\brequires (?:the )?--privileged (?:flag|mode)\b/i;

// Source and target domains no container, engine or init runs in (a target such as container_runtime_t or spc_t makes
// it a container's business whoever asked), and a command no engine's.
const CONTAINER_SIDE_DOMAIN =
  /^(?:container_\w+|docker_\w*|dockerd_t|svirt_\w+|spc_t|rke_\w+|k3s_\w+|kubelet_t|kubernetes_\w+|crio_\w+|podman_\w+|lxc_\w+|virtd_lxc_t|init_t|initrc_t|kernel_t|iptables_t|insmod_t|ifconfig_t|mount_t|unconfined_\w+|unlabeled_t|system_dbusd_t|systemd_machined_t|systemd_nspawn_t|control_t|sandbox_\w+)$/;
const CONTAINER_SIDE_TARGET = /container|docker|svirt|spc_t|kube|k3s|rke/;
const ENGINE_COMM = engineComm();
const ENGINE_PATH = /\b(?:name|path)="?[^"\s]*(?:docker|containerd|containers|podman|\.sock\b)/;
function hostServiceDomain(line: string): boolean {
  const source = /\bscontext=\w+:\w+:(\w+)/.exec(line)?.[1];
  const target = /\btcontext=\w+:\w+:(\w+)/.exec(line)?.[1] ?? '';
  return !!source && !CONTAINER_SIDE_DOMAIN.test(source) && !CONTAINER_SIDE_TARGET.test(target) && !ENGINE_COMM.test(line) && !ENGINE_PATH.test(line);
}

export const securityRules: LineRule[] = [
  // runc 1.2+ reopens sysctl files through /proc/thread-self/fd; LXC's AppArmor profile denies it
  // (runc libcontainer: "open sysctl %s file: %w" wrapping "reopen fd %d: %w"; opencontainers/runc#4968).
  { id: 'apparmor-denied', pattern: /open sysctl \S+ file: reopen fd \d+: permission denied/i },
  // The same quoted with its parts in another order ("permission denied: open sysctl %s file"), and runc's pivot_root
  // refused with EACCES ("error jailing process inside rootfs: pivot_root .: permission denied": an LSM, as Ubuntu
  // 24.04's profile for LXD's nested containers; a missing capability is EPERM).
  { id: 'apparmor-denied', pattern: /permission denied: open sysctl \S+ file\b/i, severity: 'warning' },
  { id: 'apparmor-denied', pattern: /error jailing process inside rootfs: pivot_root \S+: permission denied/i, severity: 'warning' },
  // The same refusal in an strace (slirp4netns' sandbox, a runtime): `pivot_root(".", "old") = -1 EACCES`.
  { id: 'apparmor-denied', pattern: /\bpivot_root\([^()\n]*\)\s*= -1 EACCES\b/, severity: 'warning' },
  // systemd sandboxing a unit inside a container (ProtectSystem=, PrivateTmp=: "Failed to set up mount namespacing: %m",
  // "Failed at step NAMESPACE spawning %s: %m") with EACCES: the container's AppArmor profile refusing its remounts.
  { id: 'apparmor-denied', pattern: /Failed to set up mount namespacing: (?:\/\S{0,300}: )?Permission denied|Failed at step NAMESPACE spawning \S+: Permission denied/i, severity: 'warning' },
  // Unpacking a layer, root refused a symlink or folder with EACCES (not EPERM, a capability's): an LSM's profile, a hint.
  { id: 'apparmor-denied', pattern: /failed to register layer: (?:symlink|mkdir|link) \S+(?: \S+)?: permission denied/i, severity: 'info' },
  // runc writing a sysctl Docker 20.10+ sets by default (net.ipv4.ip_unprivileged_port_start): "write
  // sysctl key %s: %w". EACCES is an LSM (LXC/LXD's AppArmor profile), EPERM/EROFS a namespace the level
  // does not own (caps-unavailable, below).
  { id: 'apparmor-denied', pattern: /write sysctl key \S+: open \/proc\/sys\/\S+: permission denied/i, severity: 'warning' },
  // crun's own wording of the same write ("write to `/proc/sys/%s`: %m"); EPERM/EROFS there is a level without privileges.
  { id: 'apparmor-denied', pattern: /write to [`'"]\/proc\/sys\/[^`'"\n]+[`'"]: Permission denied/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /write to [`'"]\/proc\/sys\/[^`'"\n]+[`'"]: (?:Permission denied|Operation not permitted|Read-only file system)/i, severity: 'info' },
  // The AppArmor-only attribute files runc and Docker 1.x write to switch profiles.
  { id: 'apparmor-denied', pattern: /\/proc\/(?:self|thread-self|\d+)(?:\/task\/\d+)?\/attr\/apparmor\/(?:exec|current)\b[^\n]*(?:permission denied|no such file or directory|invalid argument)/i },
  // crun naming the file alone, its error after ("`/proc/thread-self/attr/apparmor/exec`: OCI runtime error" / "unable to
  // assign security attribute"): a profile the confining one does not let it change to.
  { id: 'apparmor-denied', pattern: /\/attr\/apparmor\/exec[`'"]?:\s*(?:OCI runtime error\b|unable to assign security attribute)/i, severity: 'warning' },
  // runc signalling a container's init refused with EACCES ("unable to signal init: %w"): kill(2) says EPERM for want
  // of rights, so EACCES is an LSM's: AppArmor 4's signal mediation between runc's profile and the container's, or SELinux.
  { id: 'apparmor-denied', pattern: SIGNAL_INIT_REFUSED, severity: 'warning' },
  { id: 'selinux-denied', pattern: SIGNAL_INIT_REFUSED, severity: 'info' },
  // The dynamic loader refused a library (ld.so "error while loading shared libraries: %s: cannot open shared object
  // file: %s" with EACCES): for root in a container an LSM's, a host profile attaching to a privileged level's binary.
  { id: 'apparmor-denied', pattern: /error while loading shared libraries: \S+: cannot open shared object file: Permission denied/i, severity: 'info' },
  // The same refusal inside a container, as nginx reports it ("kill(%P, %d) failed" with errno 13): AppArmor's signal
  // mediation between profiles the runtime stacked.
  { id: 'apparmor-denied', pattern: /\bkill\(\d+, \d+\) failed \(13: Permission denied\)/i, severity: 'warning' },
  // "avc:  denied" (two spaces in auditd, one in the kernel ring). AppArmor records also say
  // type=AVC, but never "avc: denied". permissive=1 means the access was only logged; mmap_zero (memprotect) is a
  // program probing mmap_min_addr, never a container's access: audit noise. So is crun's read of its shared
  // .empty-directory (refused, it masks paths with tmpfs mounts instead), and the kernel's own domain (kernel_t: kernel
  // threads, PID 1 before its policy loads), never a container's or an engine's: a hint.
  // A copying tool (mv, cp, tar, install; not rsync -X, which fails on it) refused relabelfrom while preserving a file's context goes on without it:
  // a hint, like mmap_zero probes and the kernel's own domain.
  // A host service's own domain (sssd_t, httpd_t, NetworkManager_t …) refused, by a process that is no engine's, is that
  // service's business, as a host program's AppArmor profile is (apparmorNoise.ts): a hint.
  {
    id: 'selinux-denied',
    pattern: /\bavc:\s+denied\b/i,
    severity: (l) =>
      /\{\s*mmap_zero\s*\}|name="?\.empty-directory\b|\bscontext=\w+:\w+:kernel_t:|\{\s*relabelfrom\s*\}[^\n]{0,200}\bcomm="(?:mv|cp|tar|install)"/.test(l) || hostServiceDomain(l)
        ? 'info'
        : /permissive=1/.test(l)
          ? 'warning'
          : 'error',
  },
  { id: 'selinux-denied', pattern: /SELinux is preventing/i },
  // runc labelling the session keyring (go-selinux SetKeyLabel writes /proc/self/attr/keycreate: only SELinux uses it).
  { id: 'selinux-denied', pattern: /\/proc\/self\/attr\/keycreate\b[^\n]*(?:permission denied|invalid argument)/i },
  // The process label written before exec (go-selinux SetExecLabel: /proc/self/attr/exec, runc's "setting label"); AppArmor
  // kernels without the attr/apparmor/ folder take their "exec <profile>" there too, so a line naming AppArmor is its.
  // Without a word of SELinux's (a label) on the line, a hint: the AppArmor reading may sit in another field.
  { id: 'selinux-denied', pattern: /\/proc\/(?:self|thread-self|\d+)(?:\/task\/\d+)?\/attr\/exec\b[^\n]*(?:permission denied|invalid argument)/i, severity: (l) => (/apparmor/i.test(l) ? null : /selinux|label/i.test(l) ? 'warning' : 'info') },
  // moby volume/mounts: ":z"/":Z" asked on a path Docker refuses to relabel ("SELinux relabeling of %s is not allowed"):
  // the daemon's rule, not the policy's; drop the option on that path. A hint.
  { id: 'selinux-denied', pattern: /SELinux relabeling of \S+ is not allowed/i, severity: 'info' },
  // `ls -Z` of the runtime's binaries labelled bin_t instead of container_runtime_exec_t (docker_exec_t): a package
  // update without a relabel, and the daemon's containers then fail their exec under enforcing SELinux (moby #30097).
  { id: 'selinux-denied', pattern: /\bsystem_u:object_r:bin_t:s0\s+\S*\/(?:dockerd|docker-runc|docker-containerd(?:-shim)?|runc|containerd(?:-shim\S*)?)\s*$/, severity: 'warning' },
  // moby volume/mounts/mounts.go: "error setting label on mount source '%s': %w" (go-selinux "relabel failed %s: %w").
  { id: 'selinux-denied', pattern: /error setting label on mount source/i },
  // runc labelling the process or a file (libcontainer: "can't set process label: %w", go-selinux
  // "failed to set file label on %s"): refused by the policy or where SELinux is half there.
  { id: 'selinux-denied', pattern: /can't set process label:|failed to set file label on \S+/i },
  // runc: "apply caps: %v" (rc), "unable to apply caps: %w" (1.0-1.1), "can't apply capabilities: %w" (1.2+).
  { id: 'caps-unavailable', pattern: /\b(?:apply caps|apply capabilities)\b[^\n]*\boperation not permitted/i },
  // runc 1.1+ drops capabilities the level cannot grant and says so (libcontainer/capabilities); only the newest (BPF,
  // PERFMON, CHECKPOINT_RESTORE: a kernel before 5.8/5.9 has none of them) is every --privileged start there: a hint.
  { id: 'caps-unavailable', pattern: /ignoring unknown or unavailable capabilities/i, severity: (l) => (/capabilities: \[(?:\s*CAP_(?:BPF|PERFMON|CHECKPOINT_RESTORE)\b)+\s*\]/.test(l) ? 'info' : 'warning') },
  // crun (src/libcrun/linux.c: crun_make_error (err, errno, "capset")).
  { id: 'caps-unavailable', pattern: /\bcapset\b[^\n]*operation not permitted/i },
  // A capability the outer runtime does not know or cannot grant: runc libcontainer/capabilities
  // ("unknown capability %q"), moby oci/caps ("unknown capability: %q", "invalid %s: capability not
  // supported by your kernel or not available in the current environment: %q").
  // Docker ≤17.x validated --cap-add/--cap-drop itself: "Unknown capability to add: %q", "Unknown capability drop: %q".
  { id: 'caps-unavailable', pattern: /\bunknown capability(?::| drop:| to add:)? "?CAP_\w+/i },
  { id: 'caps-unavailable', pattern: /capability not supported by your kernel or not available in the current environment/i },
  // shadow's newuidmap/newgidmap ("write to %s failed: %s"): the level is already in a user namespace
  // that cannot map the nested range (rootless dind on a rootless or LXC host).
  { id: 'caps-unavailable', pattern: /write to [ug]id_map failed: Operation not permitted/i },
  // runc's parent reading its child's pid after the child died setting up (nsexec "can't get final child's PID from
  // pipe: EOF"): a level without a capability runc's init needs (CAP_SYS_RESOURCE for its OOM score, k0s's docs) or a
  // user namespace it cannot nest in.
  { id: 'caps-unavailable', pattern: /can't get final child's PID from pipe: EOF/i, severity: 'warning' },
  // runc ≤1.0-rc3 reading its child's stdio links (libcontainer/process_linux.go "getting pipe fds for pid %d",
  // now "error getting pipe fds for pid %d: %w") in a user-namespaced level (unprivileged LXC): the child is
  // not dumpable there, so readlink /proc/<pid>/fd/N is refused. Newer runc ignores the permission error.
  { id: 'caps-unavailable', pattern: /getting pipe fds for pid \d+\b[^\n]*readlink \/proc\/\d+\/fd\/\d+: (?:permission denied|operation not permitted)/i },
  // runc mounting the container's sysfs/proc where the level's user namespace does not own the
  // network or pid namespace (nspawn, LXC): libcontainer/rootfs_linux.go "error mounting %q to rootfs
  // at %q: %w" (1.1+), "mounting %q to rootfs at %q caused %q" (older).
  // EACCES instead of EPERM is an LSM refusing the mount (LXC/LXD's AppArmor profile without security.nesting).
  // (runc 1.0-rc1's "mounting %q to rootfs %q caused %q" names the destination, "/proc", and no "at".)
  { id: 'caps-unavailable', pattern: /mounting "(?:sysfs|proc|mqueue|tmpfs|devpts|shm|cgroup2?|\/proc|\/sys)" to rootfs (?:"[^"]*" )?(?:at |caused ).*(?:operation not permitted|permission denied)/i },
  { id: 'apparmor-denied', pattern: /mounting "(?:sysfs|proc|mqueue|tmpfs|devpts|shm|cgroup2?|\/proc|\/sys)" to rootfs (?:"[^"]*" )?(?:at |caused ).*permission denied/i, severity: 'warning' },
  // The older wordings (runc before 1.0-rc93, "mounting %q to rootfs %q at %q caused %q"; rc93 to 1.0, "mounting %q to
  // rootfs at %q caused: %v") read as runc 1.1+'s is: its "mount %s:%s …: permission denied" tail is mount(8)'s refusal
  // below, a level without nesting (LXD's security.nesting, Proxmox's nesting feature) reported both ways.
  { id: 'not-privileged', pattern: /mounting "(?:sysfs|proc|mqueue|tmpfs|devpts|shm|\/proc|\/sys)" to rootfs (?:"[^"]*" )?(?:at [^\n]{0,400}?)?caused:? "?permission denied/i },
  // The cgroup filesystem refused with EPERM: a level whose /sys/fs/cgroup is a read-only or borrowed view (runc before
  // 1.0.0-rc93 had no bind-mount fallback for it), the other reading of that line.
  { id: 'cgroup-readonly', pattern: /mounting "cgroup2?" to rootfs (?:"[^"]*" )?at "?\/sys\/fs\/cgroup"?[: ].*operation not permitted/i, severity: 'warning' },
  // The same EACCES from mount(2) where a program prints its errno as is: RootlessKit ("failed to share mount point:
  // %s: %w"), systemd ("Failed to mount %s at %s: %m"), fusermount3 ("mount failed: %s", sysbox-fs's FUSE mounts under
  // Ubuntu's fusermount3 profile). A missing capability is EPERM. (mount(8)'s "permission denied" is its own wording
  // of either errno, and busybox's "(are you root?)" too: the not-privileged rules read those.)
  // util-linux unshare making its new mount namespace private ("cannot change root filesystem propagation: %m"): it got
  // that far, so the namespace itself was allowed; EACCES on the propagation change is docker-default's mount rule.
  { id: 'apparmor-denied', pattern: /failed to share mount point: \S+: permission denied|\bFailed to mount [\w-]+ at \/\S*: Permission denied|\bfusermount3?: mount failed: Permission denied|\bcannot change root filesystem propagation: Permission denied/i, severity: 'warning' },
  // Go's mount errors print the errno as is (moby/sys/mount "mount %s:%s, flags: %#x: %v", used by containers/storage
  // and the graphdrivers; runc 1.1+ "mount %s:%s (via /proc/self/fd/%d), flags: %#x: %w", the target alone for a
  // propagation change): EACCES there is an LSM's
  // refusal, while a missing CAP_SYS_ADMIN is EPERM (the not-privileged rule below reads both).
  { id: 'apparmor-denied', pattern: /\bmount (?:[^\s:]+:)?[^\s,]+(?: \(via \/proc\/self\/fd\/\d+\))?, flags: 0x[0-9a-f]+(?:, data: [^\n]*?)?: permission denied/i, severity: 'warning' },
  { id: 'caps-unavailable', pattern: /write sysctl key \S+: open \/proc\/sys\/\S+: (?:permission denied|operation not permitted|read-only file system)/i },
  // crun mounting the container's proc/sysfs (src/libcrun/linux.c: crun_make_error (err, saved_errno, "mount `%s` to
  // `%s`", source, target)). EPERM there is the kernel refusing a fresh proc/sysfs over a level whose own /proc or
  // /sys carries the outer engine's masks (a level started without --privileged or unmask=/proc), or a level whose
  // user namespace does not own the pid/net namespace (nspawn, LXC): both readings, the common one first.
  { id: 'not-privileged', pattern: /\bmount [`'](?:proc|sysfs|mqueue)[`'] to [`'][^`'\n]*[`']: Operation not permitted/i },
  { id: 'caps-unavailable', pattern: /\bmount [`'](?:proc|sysfs|mqueue)[`'] to [`'][^`'\n]*[`']: Operation not permitted/i, severity: 'warning' },
  // iptables without CAP_NET_ADMIN over its network namespace (iptables/nft.c, xshared.c:
  // "Permission denied (you must be root)").
  // "you must be root" also means a level started without --privileged: both are named, the common
  // one first (rank), the capability one as the less likely reading.
  { id: 'not-privileged', pattern: /(?:Permission denied|Operation not permitted) \(you must be root\)/i },
  { id: 'caps-unavailable', pattern: /(?:Permission denied|Operation not permitted) \(you must be root\)/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /Could not mount \/sys\/kernel\/security/i },
  // The dind scripts' next line after that failed securityfs mount (docker-library dind, moby hack/dind).
  { id: 'not-privileged', pattern: /AppArmor detection and --privileged mode might break/i },
  // dockerd started by a user that is not root in the level (moby daemon/command: "dockerd needs to be
  // started with root privileges. To run dockerd in rootless mode…"; Docker 1.x "The Docker daemon needs
  // to be run as root").
  // cmd/dockerd: "dockerd needs to be started with root privileges." (earlier "… with root."), Docker 1.x's "… run as root".
  { id: 'not-privileged', pattern: /dockerd needs to be started with root\b|Docker daemon needs to be run as root/i },
  // jpetazzo/dind's wrapdocker and its descendants: "Could not make a tmpfs mount. Did you use --privileged?" (Docker
  // 0.x's single-dash "-privileged" in the first versions). Printed after any failed mount, privileged or not: a hint,
  // the mount's own error names the cause.
  { id: 'not-privileged', pattern: /Did you use --?privileged\?/i, severity: 'info' },
  // util-linux ≤2.38 "mount: %s: permission denied.", busybox "mount: permission denied (are you root?)".
  // BuildKit/img in an unprivileged container tries to unmask procfs for its process sandbox and goes on without it
  // ("Process sandbox is not available, consider unmasking procfs: %v"): a benign warning, never shown.
  { id: 'not-privileged', pattern: /\bmount:? [^\n]{0,400}?\bpermission denied\b/i, severity: (l) => (/Process sandbox is not available/i.test(l) ? null : undefined) },
  // (The gaps in these mount(8) patterns are bounded: an unbounded run before a second phrase is quadratic on a long line.)
  // util-linux 2.39+ (new mount API: "mount: %s: mount failed: Operation not permitted.", "must be
  // superuser to use mount"), older "only root can do that" / "only root can use \"--%s\" option".
  // (RootlessKit's child mounting sysfs goes on read-only: "failed to mount sysfs, falling back to read-only mount: %v".)
  { id: 'not-privileged', pattern: /\bmount: [^\n]{0,400}?\boperation not permitted\b/i, severity: (l) => (/\bfalling back to read-only mount\b/i.test(l) ? 'info' : undefined) },
  // A program's own remount (bind, read-only) refused with EPERM ("remount %s …: operation not permitted"): no
  // CAP_SYS_ADMIN where it runs (a runtime that no longer grants it by default, a level without --privileged).
  { id: 'not-privileged', pattern: /\bremount\b[^\n:;]{0,200}?: operation not permitted\b/i, severity: 'warning' },
  // moby graphdriver: "[graphdriver] prior storage driver %s failed: %s" and "error initializing graphdriver: %v" with
  // EPERM: the driver's mount(2) refused, no CAP_SYS_ADMIN in the level (the driver itself is fine).
  { id: 'not-privileged', pattern: /(?:prior storage driver \S+ failed|error in(?:i)?tializing graphdriver): operation not permitted/i },
  // The same with EACCES: an LSM refusing the driver's mount (LXD's AppArmor profile without nesting), or no privilege.
  { id: 'not-privileged', pattern: /(?:prior storage driver \S+ failed|error in(?:i)?tializing graphdriver): permission denied\s*$/i },
  { id: 'apparmor-denied', pattern: /(?:prior storage driver \S+ failed|error in(?:i)?tializing graphdriver): permission denied\s*$/i, severity: 'warning' },
  { id: 'not-privileged', pattern: MOUNT_RETRIED_READ_ONLY },
  { id: 'not-privileged', pattern: /\bmount: (?:[^\n]{0,400}?: )?(?:must be superuser to use mount|only root can (?:do that|use))/i },
  // systemd as the level's init mounting its API filesystems (src/shared/mount-setup.c: log_full_errno(priority,
  // errno, "Failed to mount %s at %s: %m", p->type, p->where), then "Failed to mount API filesystems"): EPERM
  // in a container started without --privileged/CAP_SYS_ADMIN, EACCES where an LSM refuses it too.
  { id: 'not-privileged', pattern: /\bFailed to mount [\w-]+ at \/\S*: (?:Operation not permitted|Permission denied)/ },
  // libnetwork creating docker0 without CAP_NET_ADMIN ("Failed to create bridge %s via netlink").
  { id: 'not-privileged', pattern: /Failed to create bridge \S+ via netlink: operation not permitted/i },
  { id: 'not-privileged', pattern: /Error creating default "bridge" network: (?:operation not permitted|permission denied)/i },
  // libnetwork creating a container's veth pair without CAP_NET_ADMIN ("failed to add the host (%s) <=>
  // sandbox (%s) pair interfaces: %v"); EOPNOTSUPP there is the veth module (network.ts).
  { id: 'not-privileged', pattern: /failed to add the host \(\S+\) <=> sandbox \(\S+\) pair interfaces: (?:operation not permitted|permission denied)/i },
  // iptables without CAP_NET_ADMIN, in the wordings without "(you must be root)": legacy "can't initialize
  // iptables table `%s': %s", nft "Could not fetch rule set generation id: %s".
  { id: 'not-privileged', pattern: /can't initialize ip6?tables table [`']\w+': (?:Permission denied|Operation not permitted)|Could not fetch rule set generation id: (?:Permission denied|Operation not permitted)/i },
  // The sysvinit/OpenRC docker scripts raise ulimit -n/-u before dockerd: "ulimit: error setting limit
  // (Operation not permitted)" (dash) / "cannot modify limit: …" (bash) without CAP_SYS_RESOURCE. A hint
  // only: a runtime with a lower hard limit refuses it to privileged levels too.
  { id: 'not-privileged', pattern: /ulimit: (?:[^\n]*: )?(?:error setting limit|cannot modify limit):? \(?Operation not permitted/i, severity: 'info' },
  // /proc/sys is read-only in an unprivileged container, whatever writes to it: runc ("open …"), libnetwork
  // ("Enabling IP forwarding failed: %v", 25+ "failed to set IP forwarding '%s' = '%c': %w"), echo/sh ("write …").
  // Daemons, dind scripts and kubelets write net.*, kernel.* and vm.* keys; fs.* (file-max, inotify, aio) is raised by
  // applications' own start scripts in any unprivileged container: a hint there, not a level that cannot nest.
  // dockerd's bridge driver only warns when it cannot turn off router advertisements on its bridge ("unable to disable
  // IPv6 router advertisement", level=warning) and goes on: a hint in an nspawn or LXC level.
  {
    id: 'not-privileged',
    pattern: /\/proc\/sys\/\S+:? read-only file system/i,
    severity: (l) => (/\/proc\/sys\/fs\/|unable to disable IPv6 router advertisement/i.test(l) ? 'info' : 'error'),
  },
  // BuildKit (and containerd's mount helpers) mounting a snapshot into a temporary folder ("failed to mount %s: %+v:
  // %w") with EPERM: the builder's container lacks the mount capability.
  { id: 'not-privileged', pattern: /failed to mount \/tmp\/(?:buildkit|containerd)-mount\d+: .*: operation not permitted/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /(?:Enabling IP forwarding failed|failed to set IP forwarding|cannot switch-on IP forwarding)\b[^\n]*(?:permission denied|operation not permitted)/i },
  sysctlRefused,
  // iproute2 netlink requests ("RTNETLINK answers: Operation not permitted") without CAP_NET_ADMIN.
  { id: 'not-privileged', pattern: /RTNETLINK answers: Operation not permitted/i },
  // Docker mounts /sys/fs/cgroup read-only in every container it does not run privileged: a read-only
  // cgroup tree (cgroup-readonly, cgroups.ts) is also the sign of a level started without --privileged.
  // Only a hint: LXC and nspawn hosts give privileged levels a read-only tree too.
  { id: 'not-privileged', pattern: /\/sys\/fs\/cgroup[^\s:]{0,300}:?\s*read-only file system/i, severity: 'info' },
  // Indirect signs of an unprivileged launch: the default seccomp profile refusing keyctl (runc
  // libcontainer/keys/keyctl.go "could not create session key: %w"), and runc or RootlessKit
  // re-executing itself into new namespaces ("fork/exec /proc/self/exe: operation not permitted").
  // runc ≤1.0 wrapped it as "join session keyring: create session key: %w". EDQUOT (a full keyring, "disk
  // quota exceeded") is the host's kernel.keys.maxkeys, no privilege at all.
  // runc 1.1+ says "unable to join session keyring: unable to create session key: %w".
  // ENOSYS (no keyctl at all) is not Docker's seccomp profile, which answers EPERM: privilegeRefusals.ts reads it as the
  // level's runtime filtering the call, and a kernel built without key retention (CONFIG_KEYS, some board kernels) says the
  // same: a hint.
  { id: 'not-privileged', pattern: /(?:could not |unable to |join session keyring: )create session key: (?:operation not permitted|permission denied)/i },
  {
    id: 'kernel-module-missing',
    pattern: /(?:could not |unable to |join session keyring: )create session key: function not implemented/i,
    severity: 'info',
    hint: 'keyctl(2) is not there for runc: either the level\'s runtime filters it (an LXC or Proxmox container without its keyctl feature) or the kernel was built without key retention (CONFIG_KEYS, missing on some board kernels). Enable the container\'s keyctl feature, or use a kernel with CONFIG_KEYS.',
  },
  { id: 'not-privileged', pattern: /fork\/exec \/proc\/self\/exe: operation not permitted/i },
  // A process in the level writing its own /proc/self/uid_map after unshare(CLONE_NEWUSER) (bitbake, bubblewrap,
  // buildah): EPERM there is an unprivileged level, or Ubuntu 23.10+'s AppArmor restriction of unprivileged user
  // namespaces (kernel.apparmor_restrict_unprivileged_userns) applied to the container: both named, as hints.
  { id: 'not-privileged', pattern: UID_MAP_REFUSED, severity: 'info' },
  { id: 'apparmor-denied', pattern: UID_MAP_REFUSED, severity: 'info' },
  // A sandbox's clone(2) of new namespaces refused (nsjail "clone(flags=CLONE_NEWNS|…) failed. …: Operation not permitted").
  { id: 'not-privileged', pattern: /\bclone\(flags=CLONE_NEW[^)]*\) failed\b[^\n]*: Operation not permitted/i, severity: 'warning' },
  // overlay2's probe mount refused with EPERM (moby graphdriver/overlay2 "failed to mount overlay: %v"): a level without
  // CAP_SYS_ADMIN, next to the storage finding it also is. context.ts drops it for rootless daemons (the kernel's own
  // limit before 5.11) and makes it a hint when the daemon came up anyway.
  { id: 'not-privileged', pattern: /failed to mount overlay: operation not permitted/i, severity: 'warning' },
  // RootlessKit (dind-rootless needs --privileged too): "failed to share mount point: %s"; util-linux unshare.
  { id: 'not-privileged', pattern: /failed to share mount point: \S+: (?:permission denied|operation not permitted)/i },
  { id: 'not-privileged', pattern: /\bunshare(?: failed)?: (?:Operation not permitted|Permission denied)/i },
  // containers/storage's unshare package (buildah, podman, werf): "Error during unshare(%s): %v".
  { id: 'not-privileged', pattern: /Error during unshare\([^)]*\): (?:Operation not permitted|Permission denied)/i },
  // runc nsexec: bail("failed to unshare %s") / bail("failed to unshare namespaces") → "…: Operation not permitted".
  { id: 'not-privileged', pattern: /\bfailed to unshare\b[^:\n]*: (?:Operation not permitted|Permission denied)/i },
  // What needs a level's devices or CAP_SYS_ADMIN, refused in one started without --privileged: devicemapper's control
  // node ("/dev/mapper/control: open failed: Operation not permitted"), an overlay for a container's root
  // ("failed to create overlay fs for container … operation not permitted"), Singularity/Apptainer's namespaces
  // ("Could not virtualize file system namespace", "Failed to create container namespaces": hints, an unprivileged
  // user namespace setting says the same).
  { id: 'not-privileged', pattern: /\/dev\/mapper\/control: open failed: Operation not permitted/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /failed to create overlay fs for container\b[^\n]{0,300}?operation not permitted/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /Could not virtualize file system namespace: Operation not permitted|Failed to create container namespaces\s*$/i, severity: 'info' },
  // containerd 0.2 (Docker 1.11-1.12) lowering a shim's OOM score stops on EACCES ("write /proc/%d/oom_score_adj:
  // permission denied") in a level started without privileges; later daemons only warn, and rootless ones always do.
  {
    id: 'not-privileged',
    pattern: /\bwrite \/proc\/\d+\/oom_score_adj: permission denied/i,
    severity: (_l, ctx) => (loggedBelowError(ctx) ? null : 'warning'),
  },
  // A Docker authorization plugin refusing it, as Bitbucket Pipelines' does ("authorization denied by plugin
  // pipelines: --privileged=true is not allowed").
  { id: 'not-privileged', pattern: /authorization denied by plugin \S+: --privileged=true is not allowed/i },
  // A program that checks for itself and says so (Rancher 2.5+: "Rancher must be ran with the --privileged flag when
  // running outside of Kubernetes"; others "must be run with --privileged", "requires --privileged").
  // An error where the line reports one; images print the same words in banners and READMEs: a hint there.
  {
    id: 'not-privileged',
    pattern: PRIVILEGED_SELF_CHECK,
    severity: (l, ctx) => (ctx.level === 'error' || ctx.level === 'fatal' || /\b(?:ERROR|FATA|FATAL)\b/.test(l) ? 'error' : 'info'),
  },
  // runc 1.0.0 reading the device program systemd attached to the cgroup ("cannot fetch program from id: get program by
  // id: %w") refused with EACCES: an LSM's bpf class (SELinux's policy on Fedora 34 denied prog_run), not capabilities.
  { id: 'selinux-denied', pattern: /get program by id: permission denied/i, severity: 'warning' },
];

// RancherOS's dockerlaunch (the docker-from-scratch entrypoint some dind plugins used) logs each mount it makes
// ("Mounting %s %s %s %s") and dies on the first refusal with the bare errno ("operation not permitted"): a level
// started without the privileges to mount /dev, /proc or /run.
const LAUNCH_MOUNT = /\bMounting \S+ \/\S* \w+\b/;
const BARE_EPERM = /^\s*operation not permitted\s*$/i;

// A dind image started without --privileged (sysbox needs none): a hint that explains a daemon that never came
// up. Shell continuations ("\\", PowerShell's "`") are joined first so a flag on the next line still counts.
const RUN = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b/;
const DIND_IMAGE = /\s[\w./-]*(?::[\w.-]*dind[\w.-]*|\/[\w.-]*dind[\w.-]*(?::\S+)?)(?=\s|$)/;
const PRIVILEGED = /--privileged\b(?!=false)|--runtime[= ]sysbox/;
const YAML_DIND = /^\s*(?:-\s*)?image:\s*["']?[\w./-]*(?::[\w.-]*dind|\/[\w.-]*dind)[\w.:-]*["']?\s*$/;
const YAML_PRIVILEGED = /\bprivileged["']?:\s*["']?true\b|--privileged\b|runtime(?:ClassName)?:\s*["']?sysbox/i;

// A daemon launched by a `docker build` step (the classic builder's "Step N[/M] : RUN", BuildKit's "#N [stage] RUN") that
// failed within that step: a build step never runs privileged (BuildKit only with RUN --security=insecure and the
// security.insecure entitlement), so its mounts, modules and iptables are refused. The launch is dockerd (or Docker
// 1.x's `docker -d` / `docker daemon`, or the init script) as a command, not a file named after it or its --version.
const BUILD_STEP = /^\s*(?:Step \d+(?:\/\d+)? : RUN|#\d+ \[[^\]\n]*\] RUN)\b/;
const LAUNCHES_DAEMON =
  /(?:\bRUN\s+|[;&|(]\s*|\b(?:nohup|exec|sudo)\s+)(?:\S*\/)?(?:dockerd|docker\s+(?:-d|daemon))(?![\w-])(?!\s+(?:--version|-v)\b)|\bservice docker start\b/;
const INSECURE_STEP = /\bRUN\s+--security=insecure\b/;
const STEP_OVER = /^\s*(?:Step \d+(?:\/\d+)? : |#\d+ (?:\[|DONE\b)|Successfully (?:built|tagged)\b|\S*@\S*[$#]\s|[$>]\s)/;
const DAEMON_FAILED = /\bError starting daemon\b|\bfailed to start daemon\b/i;
function daemonFailedInBuildStep(messages: readonly string[]): TextHit[] {
  const failed = messages.findIndex((m) => DAEMON_FAILED.test(m));
  for (let i = failed - 1; i >= 0; i--) {
    if (BUILD_STEP.test(messages[i])) {
      return LAUNCHES_DAEMON.test(messages[i]) && !INSECURE_STEP.test(messages[i]) ? [{ index: i, severity: 'warning' }] : [];
    }
    if (STEP_OVER.test(messages[i])) return [];
  }
  return [];
}

// kind's and minikube's node entrypoint warning that the level has no /dev/kmsg: a LXC/LXD-style container host (Crostini,
// Proxmox CT), whose bounding set refuses a "privileged" container's mounts.
const NO_KMSG = /\/dev\/kmsg does not exist/i;
const MOUNT_REFUSED = /\bmount:? [^\n]{0,400}?\b(?:permission denied|operation not permitted)\b/i;

export const securityTextRules: TextRule[] = [
  {
    id: 'caps-unavailable',
    scan(lines) {
      // The entrypoint's own mounts follow its warning within a few lines; a refusal elsewhere in the log is another's.
      const k = lines.findIndex((l) => NO_KMSG.test(l));
      if (k < 0) return [];
      const i = lines.findIndex((l, n) => n > k && n <= k + 8 && MOUNT_REFUSED.test(l));
      return i < 0 ? [] : [{ index: i, severity: 'warning' }];
    },
  },
  {
    id: 'not-privileged',
    scan(lines, messages) {
      for (let i = 1; i < messages.length; i++) {
        if (BARE_EPERM.test(messages[i]) && LAUNCH_MOUNT.test(messages[i - 1])) return [{ index: i }];
      }
      return [];
    },
  },
  {
    id: 'not-privileged',
    scan(lines) {
      const hits: TextHit[] = [];
      for (let i = 0; i < lines.length; i++) {
        let cmd = lines[i];
        for (let j = i; /[\\`]\s*$/.test(lines[j]) && j + 1 < lines.length; j++) cmd = cmd.replace(/[\\`]\s*$/, ' ') + lines[j + 1];
        if (RUN.test(cmd) && DIND_IMAGE.test(cmd) && !PRIVILEGED.test(cmd)) hits.push({ index: i, severity: 'info' });
      }
      return hits.slice(0, 1);
    },
  },
  {
    // The same in a compose file or a pod spec: a dind image and no `privileged: true` anywhere in the text.
    id: 'not-privileged',
    scan(lines) {
      const i = lines.findIndex((l) => YAML_DIND.test(l));
      return i < 0 || lines.some((l) => YAML_PRIVILEGED.test(l)) ? [] : [{ index: i, severity: 'info' }];
    },
  },
  { id: 'not-privileged', scan: (_lines, messages) => daemonFailedInBuildStep(messages) },
];