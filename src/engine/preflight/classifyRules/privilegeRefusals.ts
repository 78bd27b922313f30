// A level started without --privileged, told by the calls that need CAP_SYS_ADMIN or CAP_NET_ADMIN and got EPERM
// (dockerd's own mounts, runc's and crun's, iproute2, util-linux, the CNI bridge), or by a device node a privileged
// level would have had. The same calls refused with EACCES are an LSM's doing (security.ts reads those as
// apparmor-denied).
import { LineRule, loggedBelowError } from './types';
import { BWRAP_USERNS_REFUSED } from './userns';

// The process an AppArmor record names (comm=, at most 16 bytes): an engine's, a dind script's, or mount(8)'s.
const ENGINE_COMM = /\bcomm="?(?:dockerd|containerd[\w-]{0,12}|runc(?::\[[\d:A-Z]{1,8}\])?|exe|u?mount|docker[\w-]{0,10}|dind[\w-]{0,10}|buildkit(?:d|-runc)|k3s[\w-]{0,12}|kubelet|rootlesskit|crun|podman|buildah|fuse-overlayfs)"?(?:\s|$)/;

// The kubelet's own refusal of a privileged pod (read twice below).
const KUBELET_REFUSED_PRIVILEGED = /specified privileged container, but is disallowed/i;

// rpc.nfsd without the nfsd filesystem, and Judge0's API without its sandbox script (each read twice below).
const NFSD_FS_MISSING = /\brpc\.nfsd(?:\[\d+\])?: Unable to access \/proc\/fs\/nfsd errno 2\b/i;
const JUDGE0_NO_SANDBOX = /\bNo such file or directory @ rb_sysopen - \/box\/script\.sh\b/;

const warn = (pattern: RegExp): LineRule => ({ id: 'not-privileged', pattern, severity: 'warning' });
const hint = (pattern: RegExp): LineRule => ({ id: 'not-privileged', pattern, severity: 'info' });
// NetBird's client without a firewall to program ("couldn't initialize nftables or iptables clients"): both refused
// it, which in a container is most often NET_ADMIN not given. A hint: a host without either tool says the same.
const NETBIRD_NO_FIREWALL = /\bserver router is not supported: couldn't initialize nftables or iptables clients\b/i;
const TUN_HINT = 'Pass the device in and give the container NET_ADMIN: --device /dev/net/tun --cap-add NET_ADMIN (in compose: devices and cap_add). A user-namespaced runtime (rootless Podman) cannot create the node itself.';

export const privilegeRefusalRules: LineRule[] = [
  {
    id: 'not-privileged',
    pattern: NETBIRD_NO_FIREWALL,
    severity: 'info',
    hint: 'NetBird could program neither nftables nor iptables. In a container it needs NET_ADMIN, SYS_ADMIN and SYS_RESOURCE (--cap-add for each, or cap_add: in Compose; the last two for its eBPF proxy); on a host, install nftables or iptables.',
  },
  // An agent image checking its own launch flags (Dynatrace OneAgent: "Container was launched without --%s parameter",
  // "Dynatrace OneAgent requires parameters: --privileged set to 'true' and --pid, --net, --ipc set to 'host'"): the pod
  // or container lacks the privilege or host namespaces it needs.
  {
    id: 'not-privileged',
    pattern: /\bContainer was launched without --(?:privileged|ipc|pid|net) parameter\b|\brequires parameters: --privileged set to 'true'/i,
    severity: 'warning',
    hint: 'Start the agent with --privileged=true --pid=host --net=host --ipc=host (in a pod: privileged, hostPID, hostNetwork and hostIPC); --privileged alone does not give it the host\'s namespaces.',
  },
  // Home Assistant's Supervisor checking its own container ("Supervisor does not run in Privileged mode. Hassio runs with
  // limited functionality!"): the host's start script (old HassOS, a hand-made run) left --privileged out.
  warn(/\bSupervisor does not run in Privileged mode\b/i),
  // NFS servers in a container: nfs-ganesha's VFS looking an export up by handle ("Could not get handle for path %s, error
  // Operation not permitted": name_to_handle_at refused by the runtime's seccomp profile or an LSM, and
  // open_by_handle_at needs CAP_DAC_READ_SEARCH besides), and knfsd's rpc.nfsd after its own mount of the nfsd
  // filesystem failed ("Unable to access /proc/fs/nfsd errno 2", also as "rpc.nfsd[pid]:" in syslog): only a privileged
  // container may mount it, and a host without the nfsd module fails the same way (hints of both).
  warn(/\bCould not get handle for path \S+, error Operation not permitted\b/i),
  hint(NFSD_FS_MISSING),
  { id: 'kernel-module-missing', pattern: NFSD_FS_MISSING, severity: 'info' },
  // ZFS's tools in a container without the pool's control node (libzfs on ENOENT: "/dev/zfs and /proc/self/mounts are
  // required.", as cAdvisor's stat of a ZFS-backed data root shows it): the device was not passed in, nor the container
  // run privileged. A hint: the tool may only be probing.
  hint(/\/dev\/zfs and \/proc\/self\/mounts are required\b/i),
  // An eBPF agent's tracepoints refused (libbpf: "tracepoint '%s' perf_event_open() failed: %s" with EACCES): above
  // perf_event_paranoid 2 (Ubuntu's 4) only CAP_PERFMON or CAP_SYS_ADMIN may open perf events, which a least-privileged
  // pod (Falco's, Tetragon's) may lack.
  {
    id: 'not-privileged',
    pattern: /\blibbpf: [^\n]{0,300}?\bperf_event_open\(\) failed: Permission denied/i,
    severity: 'warning',
    hint: 'The agent may not open perf events: give its container CAP_PERFMON (CAP_SYS_ADMIN on kernels before 5.8) besides CAP_BPF, or run it privileged; or lower kernel.perf_event_paranoid on the host.',
  },
  // Falco's modern probe loading its BPF object ("libpman: failed to load BPF object (errno: %d | message: %s)") with
  // EPERM: without CAP_SYS_ADMIN (CAP_BPF and CAP_PERFMON on 5.8+) the kernel refuses the program.
  {
    id: 'not-privileged',
    pattern: /\blibpman: failed to load BPF object \(errno: 1 \| message: Operation not permitted\)/i,
    severity: 'warning',
    hint: 'The agent may not load BPF programs: give its container --cap-add BPF --cap-add PERFMON --cap-add SYS_RESOURCE --cap-add SYS_PTRACE (SYS_ADMIN where the runtime does not know BPF and PERFMON), or run it privileged.',
  },
  // The Galaxy image's start script without its privileges ("Disable Galaxy Interactive Environments. Start with
  // --privileged to enable IE's."): Galaxy runs on, its Docker-backed tools off. A hint.
  hint(/\bStart with --privileged to enable IE's\b/i),
  // dockur's QEMU images (Windows, macOS in a container) after their own mknod of the tun node was refused ("TUN device
  // missing. Please add the following setting to your container: --cap-add NET_ADMIN"): the container may not create the
  // node (CAP_MKNOD dropped, as pods often do, or a user-namespaced runtime such as rootless Podman), so the device must
  // be passed in.
  {
    id: 'not-privileged',
    pattern: /\bTUN device missing\. Please add the following setting to your container\b/i,
    severity: 'warning',
    hint: TUN_HINT,
  },
  // UERANSIM's UE opening its tunnel ("TUN allocation failure [Open failure /dev/net/tun]"): no device passed in, or no
  // NET_ADMIN to attach it.
  { id: 'not-privileged', pattern: /\bTUN allocation failure \[Open failure \/dev\/net\/tun\]/i, severity: 'warning', hint: TUN_HINT },
  // ns-3's raw-socket helper ("CreateSocket(): Unable to open raw socket", then errno 1): the container lacks NET_RAW
  // (rootless Podman and hardened runtimes drop it). A hint: the errno is on the next line.
  hint(/\bCreateSocket\(\): Unable to open raw socket\b/),
  // debootstrap mounting proc in its target ("W: Failure trying to run: chroot %s mount -t proc proc /proc"): a container
  // without CAP_SYS_ADMIN (or under the default AppArmor profile) may not mount proc. A hint: the log it names says more.
  hint(/\bFailure trying to run: chroot "?\S+"? mount -t proc proc \/proc\b/i),
  // Judge0's API answering every submission "No such file or directory @ rb_sysopen - /box/script.sh" (Internal Error):
  // isolate never created the sandbox it writes into, as on a worker that is not privileged (swarm services cannot be)
  // or on a cgroup v2 host Judge0 1.13 does not support. A hint of each.
  hint(JUDGE0_NO_SANDBOX),
  { id: 'cgroup-v2-nesting', pattern: JUDGE0_NO_SANDBOX, severity: 'info' },
  // dockerd: the read-only-recursive probe ("rro is not supported: failed to mount tmpfs on %q: %w (kernel is older
  // than 5.12?)", an EPERM behind a misleading guess), a container's overlay root ("error creating overlay mount to %s:
  // %v"; context.ts drops it for rootless daemons) and its /dev/shm ("mounting shm tmpfs: %s"), a sandbox's namespace
  // file ("bind-mount %s -> %s: %v"); the data root's propagation at start is only logged (dockerd goes on): a hint.
  warn(/failed to mount tmpfs on "[^"]*": operation not permitted/i),
  warn(/error creating overlay mount to \S+: operation not permitted/i),
  warn(/mounting shm tmpfs: operation not permitted/i),
  warn(/\bbind-mount \S+ -> \S*\/netns\/[^\s/:]+: operation not permitted/i),
  hint(/could not setup daemon root propagation to shared: mount [^\n]{0,400}: operation not permitted/i),
  // util-linux mount(8) retrying read-only after mount(2) answered EROFS or EACCES (≤2.21 "block device %s is
  // write-protected, mounting read-only" and "cannot remount %s read-write, is write-protected", 2.22-2.29 "%s is …",
  // 2.30+ "<target>: WARNING: device|source write-protected, mounted read-only."). In a container EACCES is a security
  // module (the default AppArmor profile) refusing the mount; a missing CAP_SYS_ADMIN answers EPERM, not retried. A
  // hint for a real block device or image, and for the new form's target outside the kernel's filesystems.
  {
    id: 'not-privileged',
    pattern: /\bmount: (?:block device )?\S{1,300} is write-protected, mounting read-only|\bmount: cannot remount (?:block device )?\S{1,300} read-write, is write-protected|\bmount: \S{1,300}: WARNING: (?:device|source) write-protected, mounted read-only/i,
    severity: (l) => {
      if (/: WARNING: (?:device|source) write-protected/i.test(l)) return /\bmount: \/(?:sys|proc|dev|run)\b/.test(l) ? 'warning' : 'info';
      return /\/dev\/(?:sd[a-z]|[hxv]d[a-z]|mmcblk\d|nvme\d|sr\d|scd\d|cdrom|dvd|loop\d|mapper\/|dm-\d|md\d|nbd\d)|\.iso\b/i.test(l) ? 'info' : 'warning';
    },
  },
  // Nix's build sandbox cloning its builder into new namespaces ("cloning builder process: %s"), refused in a container
  // that may not make them: a hint.
  hint(/\bcloning builder process: Operation not permitted/i),
  // bubblewrap's user namespace refused with EPERM (its text blames the kernel; in a container it is seccomp): a hint.
  hint(BWRAP_USERNS_REFUSED),
  // Run as an ordinary user on a host, the same clone asks for a user namespace the kernel may forbid (Debian's
  // kernel.unprivileged_userns_clone=0, user.max_user_namespaces=0, Ubuntu's AppArmor restriction): a second hint.
  {
    id: 'rootless-prerequisites',
    pattern: /\bcloning builder process: Operation not permitted/i,
    severity: 'info',
    hint: 'Outside a container, Nix\'s build sandbox needs unprivileged user namespaces: allow them (sysctl kernel.unprivileged_userns_clone=1 on Debian, a non-zero user.max_user_namespaces, or an AppArmor profile for nix on Ubuntu 24.04+), or build with sandbox = false.',
  },
  // runc: proc or sysfs for a nested container (also read as caps-unavailable, the LXC/nspawn case), the rootfs's
  // propagation ("error preparing rootfs: %w"), pivot_root, and nsexec joining a namespace ("failed to setns(%#x) into %s
  // namespace (with path %s): %s").
  warn(/mounting \\*"(?:sysfs|proc)\\*" to rootfs (?:"[^"]*" )?at [^\n]{0,400}operation not permitted/i),
  warn(/error preparing rootfs: mount (?:src=[^,\n]*, )?(?:dst=\/|:\/), flags[=:] ?[^\n]{0,400}: operation not permitted/i),
  warn(/error jailing process inside rootfs: pivot_root \S+: operation not permitted/i),
  warn(/failed to setns\([^)\n]*\) into \w+ namespace[^\n]{0,400}: Operation not permitted/i),
  // crun's crun_make_error texts: clone of the namespaces, pivot_root, the mount tree made private, a namespace joined by
  // path, proc or sysfs through the new mount API or the bind fallback.
  warn(/\bcrun: (?:clone|pivot_root): Operation not permitted/i),
  warn(/\bcrun: (?:mount `MS_REC \| MS_PRIVATE`|make `[^`]*` private[^:\n]*|setns `[^`]*`|fsmount `(?:proc|sysfs)`|bind mount `\/sys` from the host): Operation not permitted/i),
  // iproute2's `ip netns add` ("mount --make-shared %s failed: %s", "Failed to create a new network namespace \"%s\":
  // %s"), busybox ip/ifconfig ioctls, libnetwork's bridge ("failed to add IPv4 address %s to bridge: %v", "Failed to set
  // link up for %s: %v"), the CNI bridge plugin ("failed to create bridge %q: could not add %q: %v").
  warn(/mount --make-shared \S+ failed: Operation not permitted|Failed to create a new network namespace "[^"]*": Operation not permitted/i),
  // iproute2 binding the namespace file ("Bind %s -> %s failed: %s"), as the CNI and `ip netns` do.
  warn(/\bBind \/proc\/(?:self|\d+)\/ns\/net -> \S+ failed: Operation not permitted/i),
  // busybox's ip/ifconfig ioctls refused: a VPN's or an app's own container as often as a level's (a hint).
  hint(/\b(?:ip|ifconfig): (?:ioctl 0x[0-9a-f]+ failed|SIOCS\w+): Operation not permitted/i),
  warn(/failed to add IPv4 address \S+ to bridge: operation not permitted|Failed to set link up for \S+: operation not permitted/i),
  warn(/failed to create bridge "[^"]+": could not add "[^"]+": operation not permitted/i),
  // AppArmor refusing a mount under the default profile Docker, containerd's CRI or Podman gives a container only when it
  // is not privileged (a privileged one runs unconfined): whatever the denial, the level was started without privileges.
  // Not from a live level's kernel log, which is the whole host's (any container's denial shows there; the live checks
  // read the level's privileges from its own facts).
  // Only an engine's own mount (dockerd, containerd, runc, the dind scripts, mount(8)): systemd's unit sandboxing or
  // bubblewrap in an ordinary container are refused the same way and need no privileges of a level.
  {
    id: 'not-privileged',
    pattern: /apparmor="DENIED" operation="(?:mount|remount|umount|pivotroot)"[^\n]{0,400}?\bprofile="?(?:docker-default|cri-containerd\.apparmor\.d|containers-default-[\w.-]{1,40})"?(?:\s|$)/i,
    severity: (l) => (ENGINE_COMM.test(l) ? 'warning' : null),
    sources: ['daemon-log', 'cli-error'],
  },
  // runc's device filter on cgroup v2 (cgroups/devices "bpf_prog_query(BPF_CGROUP_DEVICE) failed: %w", "failed to call
  // BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, …): %w"): runc skips these errors in a user namespace, and Docker's seccomp
  // allows bpf only with CAP_SYS_ADMIN, so EPERM is often a level without privileges whose cgroup is writable; a kernel
  // without the BPF device cgroup or a VM that blocks bpf() says the same: a hint.
  hint(/\b(?:bpf_prog_query|BPF_PROG_ATTACH) ?\(BPF_CGROUP_DEVICE\b[^\n]{0,200}?: operation not permitted/i),
  // dockerd's nftables firewall backend (Docker 28+: "running nft: %s %w", libnftables "failed to apply commands")
  // refused its table: nft's "Could not process rule: Operation not permitted" without CAP_NET_ADMIN.
  warn(/(?:running nft:|libnftables: failed to apply commands)[^\n]{0,400}?Could not process rule: Operation not permitted/i),
  // containerd's mounts refused: 2.2+'s full record ("mount source: %q, target: %q, fstype: %s, flags: %d, data: %q,
  // err: %w") and older bare errno for a temporary mount or the shim's rootfs ("failed to mount rootfs component: %w").
  warn(/\bmount source: "[^"\n]{0,400}", target: "[^"\n]{0,400}", fstype: [\w.-]{1,40}, flags: \d+, data: "[^"\n]{0,4096}", err: operation not permitted/i),
  warn(/failed to mount \S{0,300}\/tmpmounts\/containerd-mount\d+: operation not permitted|failed to mount rootfs component: operation not permitted/i),
  // Podman's rootless re-exec refused its user namespace ("cannot clone: %m" then "cannot re-exec process"): Docker's
  // seccomp allows a clone with namespace flags only with CAP_SYS_ADMIN; a host's unprivileged_userns_clone=0 says the
  // same (rootless-prerequisites reads that): a hint.
  hint(/^\s*cannot clone: Operation not permitted\s*$/i),
  // Podman's network namespace (containers/common netns "mount --make-rshared %s failed: %q", "unshare network
  // namespace: %w") and containers/storage's private mount ("failed to make mount private: %w"), flannel's vxlan device.
  warn(/mount --make-rshared \S+ failed: "?operation not permitted|unshare network namespace: operation not permitted/i),
  warn(/failed to make mount private: [^\n]{0,400}?operation not permitted/i),
  warn(/failed to create vxlan device: operation not permitted/i),
  // crun's session keyring ("create keyring `%s`", 2025+ "join keyctl `%s`"), as runc's "could not create session key".
  warn(/(?:create keyring|join keyctl) `[^`\n]{1,200}`: Operation not permitted/i),
  // systemd 254+ as a level's init mounting its API filesystems ("Failed to mount %s (type %s) on %s (%s \"%s\"): %m").
  warn(/\bFailed to mount \S+ \(type \S+\) on \/\S* \([^\n]{0,300}\): Operation not permitted/i),
  // docker stack deploy dropping the compose file's privileged (cli "Ignoring unsupported options: %s"): the service
  // then runs without it.
  warn(/Ignoring unsupported options: [^\n]{0,200}\bprivileged\b/i),
  // Devices only --privileged passes through: a loop device (util-linux losetup "failed to set up loop device: %m"),
  // /dev/fuse (fuse-overlayfs), hints (an image build or an AppImage hits them in its own container too); kubelet's
  // /dev/kmsg in a node container ("failed to create kubelet: open /dev/kmsg: no such file or directory"; LXC hosts lack
  // it too, a warning).
  hint(/failed to set up loop device: Operation not permitted/i),
  hint(/failed to open \/dev\/fuse: Operation not permitted/i),
  // libfuse finding no /dev/fuse ("fuse: device not found, try 'modprobe fuse' first"): on a host the node is static and
  // the module loads on open, so a container without the device (not privileged, no --device /dev/fuse) is the usual
  // cause; fuse-overlayfs under a nested Podman or Buildah prints it.
  // An AppImage run in a build step prints it too: a warning only where an engine's mount program asked (a hint else).
  { id: 'not-privileged', pattern: /fuse: device not found, try 'modprobe fuse' first/i, severity: (l) => (/fuse-overlayfs|mount program/i.test(l) ? 'warning' : 'info') },
  // Buildah and Podman's RUN step refused a mount namespace ("error creating new mount namespace for %v: %w"): an
  // outer container that may not unshare (errno sometimes cut by a wrapped paste).
  warn(/(?:error )?creating new mount namespace for [^\n]{0,400}?: operation(?: not permitted)?\s*$/i),
  // A sandbox that traces its children (DMOJ's cptbox: "failed to ptrace child, … if running in Docker, must run container
  // with `--cap-add=SYS_PTRACE`"; gdb's bare "ptrace: Operation not permitted.", a hint: Yama's ptrace_scope says the same).
  warn(/\bmust run (?:the )?container with [`'"]?--cap-add[= ]SYS_PTRACE/i),
  hint(/^\s*ptrace: Operation not permitted\.?\s*$/i),
  // The kubelet started with --allow-privileged=false refusing the pod ("pod with UID %q specified privileged container,
  // but is disallowed"): the node's policy; that the node will not grant it at all is the second reading.
  { id: 'not-privileged', pattern: KUBELET_REFUSED_PRIVILEGED },
  { id: 'caps-unavailable', pattern: KUBELET_REFUSED_PRIVILEGED, severity: 'info' },
  warn(/failed to create kubelet: open \/dev\/kmsg: no such file or directory/i),
  // The same node with /dev/kmsg bound but no device access (an LXC level refuses it too).
  warn(/failed to create kubelet: open \/dev\/kmsg: operation not permitted/i),
  // Hints: util-linux nsenter ("reassociate to namespace '%s' failed: %m", often a user without sudo), umount
  // ("must be superuser to unmount"), systemd's sandboxing of a unit ("Failed at step NAMESPACE spawning %s: %m").
  // (util-linux 2.40+ joining through a pidfd says it in the plural, naming none: "reassociate to namespaces failed".)
  hint(/reassociate to namespaces? (?:'[^']+' )?failed: Operation not permitted/i),
  // Opening another process's namespace file (util-linux "cannot open %s", busybox "can't open '%s'") is a ptrace access
  // check: EACCES without CAP_SYS_PTRACE, a pod or container run unprivileged that reaches for the host's init.
  hint(/\bnsenter: (?:cannot|can't) open '?\/proc\/\d+\/ns\/\w+'?: Permission denied/i),
  hint(/\bumount: \S+: must be superuser to unmount/i),
  hint(/Failed at step NAMESPACE spawning \S+: Operation not permitted/i),
  // Portage's sandboxes (pid-, ipc-, network-sandbox: process.py "Unable to unshare: %s" with the errno's name): the
  // outer container's seccomp profile or missing CAP_SYS_ADMIN refuses unshare(2).
  hint(/\bUnable to unshare: EPERM\b/),
  // containers/storage applying a layer in its chroot (chrootarchive's mountError "remount %s, flags: %#x: %w": the
  // propagation change to private, MS_PRIVATE|MS_REC, before it binds the layer): a job container without
  // CAP_SYS_ADMIN may not make it.
  warn(/\bremount \/\S*, flags: 0x[0-9a-f]+: (?:permission denied|operation not permitted)/i),
  // keyctl missing for runc's session keyring (ENOSYS) at an error (runc before 1.0-rc6 failed on it; later ones only
  // warn, "KeyctlJoinSessionKeyring: …"): the level's runtime filters the system call (LXC or Proxmox without its keyctl
  // feature, a sandbox kernel), and no launch flag of this daemon gives it back. Not where runc only warned.
  {
    id: 'caps-unavailable',
    pattern: /(?:could not |unable to |join session keyring: )create session key: function not implemented/i,
    severity: (l, ctx) => (loggedBelowError(ctx) || /KeyctlJoinSessionKeyring:/.test(l) ? null : 'warning'),
  },
];
