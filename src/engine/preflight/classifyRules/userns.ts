// Rootless Docker and user namespaces: the id mapping, its helpers, and layers that cannot be unpacked in it.
import { LineRule, TextHit, TextRule } from './types';

/** bubblewrap's clone of a user namespace refused with EPERM, in its 0.3-0.7 and 0.8+ words. */
export const BWRAP_USERNS_REFUSED = /No permissions to creat(?:ing|e a) new namespace, likely because the kernel does not allow non-privileged user namespaces/i;
// bubblewrap's clone(2) with EINVAL ("Creating new namespace failed, likely because the kernel does not support user
// namespaces. bwrap must be installed setuid on such systems."): a kernel built without them.
const BWRAP_NO_USERNS_KERNEL = /Creating new namespace failed, likely because the kernel does not support user namespaces/i;

/** Unpacking a layer whose file is owned by an id the daemon's user namespace does not map (lchown's EINVAL). */
export const LCHOWN_UNMAPPED = /(?:Error processing tar file|processing tar file|failed to register layer|ApplyLayer|failed to extract layer|apply layer error)[^\n]{0,600}?\blchown \S+: invalid argument/i;

/** A process clone or unshare (RootlessKit's child, runc's nsexec), not a file write: its ENOSPC is a namespace limit. */
export const NAMESPACE_CALL = /(?:fork\/exec \/proc\/self\/exe|\b(?:unshare|clone)\b(?:(?!\bwrite\b|https?:|git@|repositor)[^\n]){0,80}?)/;

// runc's systemd driver refused a container's scope, with the properties left out by the report ("unable to start unit
// \"docker-<id>.scope\" ...: Permission denied"); context.ts keeps it a hint where the text shows no rootless daemon.
export const SCOPE_DENIED = /unable to start unit "[^"\n]{0,200}\.scope"[^\n]{0,2000}?: Permission denied/i;

// The user's slice the systemd cgroup driver reads (user.slice/user-<uid>.slice): missing, nothing is delegated.
const USER_SLICE_MISSING = /\/sys\/fs\/cgroup\/user\.slice\/user-\d+\.slice(?:\/user@\d+\.service)?\/cgroup\.(?:controllers|subtree_control): no such file or directory/i;

export const usernsRules: LineRule[] = [
  { id: 'rootless-prerequisites', pattern: BWRAP_NO_USERNS_KERNEL, severity: 'warning' },
  // The rootless setup tools (dockerd-rootless-setuptool.sh, containerd-rootless-setuptool.sh) where the user has no
  // systemd manager of their own ("[ERROR] Needs systemd (systemctl --user)").
  { id: 'rootless-prerequisites', pattern: /\bNeeds systemd \(systemctl --user\)/i, severity: 'warning' },
  // The systemd cgroup driver looking for the user's slice (runc/libcontainer reading "cgroup.controllers" of
  // user.slice/user-<uid>.slice): no systemd user session made it, so nothing is delegated to a rootless daemon
  // started by sudo or su.
  { id: 'rootless-prerequisites', pattern: USER_SLICE_MISSING, severity: 'warning' },
  // (The same is cgroup v2 delegation missing: nothing of the tree is the user's; a WSL distro whose tree moved.)
  { id: 'cgroup-v2-nesting', pattern: USER_SLICE_MISSING, severity: 'info' },
  // RootlessKit (pkg/parent: "failed to setup UID/GID map: newuidmap %d %v failed: %s: %w"). EPERM is a
  // user namespace that cannot map the nested range (caps-unavailable, security.ts); other errors (EINVAL
  // for a range /etc/subuid does not grant, a missing binary) are the host's rootless set-up.
  { id: 'rootless-prerequisites', pattern: /failed to setup UID\/GID map/i, severity: (l) => (/operation not permitted/i.test(l) ? 'warning' : 'error') },
  // shadow newuidmap/newgidmap: "write to %s failed: %s", "%s range [%lu-%lu) -> [%lu-%lu) not allowed".
  { id: 'rootless-prerequisites', pattern: /write to [ug]id_map failed: Invalid argument/i },
  // bubblewrap's clone of a user namespace refused with EPERM ("No permissions to creating new namespace, likely because
  // the kernel does not allow non-privileged user namespaces", "… to create a new namespace …" since 0.8): in a container,
  // Docker's seccomp profile refusing the clone without CAP_SYS_ADMIN (privilegeRefusals.ts); on a host that forbids
  // them, this second hint.
  { id: 'rootless-prerequisites', pattern: BWRAP_USERNS_REFUSED, severity: 'info' },
  { id: 'rootless-prerequisites', pattern: /new[ug]idmap: [ug]id range \[[^\]]*\) -> \[[^\]]*\) not allowed/i },
  // Apptainer/Singularity's starter after the helper failed ("'%s' execution failed. Check that '%s' is setuid root or
  // has setcap %s+eip."): the tool installed without its setuid bit or file capabilities.
  { id: 'rootless-prerequisites', pattern: /'new[ug]idmap' execution failed\. Check that 'new[ug]idmap' is setuid root or has setcap/i },
  // A helper binary missing: Go exec ("exec: %q: executable file not found in $PATH") from RootlessKit,
  // and contrib/dockerd-rootless(-setuptool).sh ("newuidmap binary not found…", "rootlesskit needs to be
  // installed", ≤20.10 "Either slirp4netns (>= v0.4.0) or vpnkit needs to be installed").
  { id: 'rootless-prerequisites', pattern: /exec: "?(?:newuidmap|newgidmap|slirp4netns|rootlesskit|vpnkit|pasta)"?: executable file not found/i },
  // kind's rootless provider (pkg/cluster/internal/providers: "running kind with rootless provider requires cgroup v2"
  // and "… requires setting systemd property \"Delegate=yes\"", the user's slice not delegating its controllers).
  { id: 'rootless-prerequisites', pattern: /rootless provider requires (?:cgroup v2|setting systemd property)/i },
  // Delegate=yes is the user slice's controllers handed down: their delegation, which cgroup-v2-nesting names too.
  { id: 'cgroup-v2-nesting', pattern: /rootless provider requires setting systemd property \\?"?Delegate=yes/i, severity: 'warning' },
  // `rpm -V` of shadow-utils flagging newuidmap/newgidmap's file capabilities changed (the ninth column, "P"): a copy or an
  // image layer dropped their cap_setuid/cap_setgid, so rootless engines cannot map their ranges.
  {
    id: 'rootless-prerequisites',
    pattern: /^\s*[.SM5DLUGT?]{8}P\s+(?:[cdglr]\s+)?\/usr\/bin\/new[ug]idmap\s*$/,
    severity: 'warning',
    hint: 'newuidmap and newgidmap lost the file capabilities they need (cap_setuid, cap_setgid). Restore them: rpm --setcaps shadow-utils, or reinstall shadow-utils (getcap /usr/bin/newuidmap should then list them).',
  },
  { id: 'rootless-prerequisites', pattern: /new[ug]idmap binary not found|rootlesskit needs to be installed|slirp4netns \(>= v[\d.]+\) or vpnkit needs to be installed/i },
  // RootlessKit's slirp4netns port driver finding slirp4netns' API socket gone ("cannot expose slirp4net port: %w" over a
  // refused or missing unix dial): the user-mode network of a rootless or user-namespaced daemon died, not a port's holder.
  // (Its API refusing one forward, "error reply: … slirp_add_hostfwd failed", is a hint below.)
  {
    id: 'rootless-prerequisites',
    pattern: /\bcannot expose slirp4net(?:ns)? port: dial unix \S+: connect: (?:connection refused|no such file or directory)/i,
    severity: 'warning',
    hint: 'slirp4netns, the rootless daemon\'s user-mode network, is gone, so no port can be published. Restart the rootless daemon (systemctl --user restart docker), or switch RootlessKit to its builtin port driver (DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=builtin).',
  },
  // RootlessKit's network and port drivers: the user-mode network needs /dev/net/tun ("failed to setup
  // network %+v: %w"), and ports below net.ipv4.ip_unprivileged_port_start need the sysctl or a capability
  // ("cannot expose privileged port %d, you can add 'net.ipv4.ip_unprivileged_port_start=%d' to …");
  // dockerd-rootless.sh: "XDG_RUNTIME_DIR needs to be set and writable".
  // slirp4netns says it with perror ("open(\"/dev/net/tun\"): %m"). A VPN program in a container opening the device for
  // itself says the same: without a user-mode network named on the line, a hint.
  { id: 'rootless-prerequisites', pattern: /\[rootlesskit:parent\] error: failed to setup network/i },
  { id: 'rootless-prerequisites', pattern: /open(?: |\(\\*")\/dev\/net\/tun(?:\\*"\))?: (?:no such file or directory|permission denied|operation not permitted)/i, severity: (l) => (/rootless|slirp4netns|vpnkit|pasta|lxc-user-nic/i.test(l) ? 'error' : 'info') },
  // The same ENOENT from slirp4netns on a host (an appliance or board kernel built without CONFIG_TUN has no device
  // node to pass): the tun module is the other reading, a hint.
  {
    id: 'kernel-module-missing',
    pattern: /slirp4netns\b[^\n]*open\(\\*"\/dev\/net\/tun\\*"\): no such file or directory/i,
    severity: 'info',
    hint: 'slirp4netns found no /dev/net/tun. Inside a container, pass the device in (--device /dev/net/tun); on a host, load the tun module (modprobe tun, or install the kernel\'s tun package) and try again.',
  },
  // Podman's rootless network helper failing with nothing after it ("Error: slirp4netns failed": before 1.x printed its
  // output, an old slirp4netns, or a missing one, as packaged with distributions' first rootless Podman).
  { id: 'rootless-prerequisites', pattern: /^\s*Error: (?:\/usr\/bin\/)?slirp4netns failed\s*$/, severity: 'warning' },
  // mkosi's sandbox refused a user namespace ("mkosi was forbidden to unshare namespaces." then "This probably means your
  // distribution has restricted unprivileged user namespaces."): the sysctls or, on Ubuntu 23.10+, AppArmor's
  // restriction (a hint of that).
  { id: 'rootless-prerequisites', pattern: /\bwas forbidden to unshare namespaces\b/i, severity: 'warning' },
  { id: 'apparmor-denied', pattern: /\byour distribution has restricted unprivileged user namespaces\b/i, severity: 'info' },
  // RootlessKit's child running its network driver's commands ("executing %v": `ip tuntap add name tap0 mode
  // tap`, …): no TUN/TAP device for the user-mode network in the level.
  { id: 'rootless-prerequisites', pattern: /executing \[\[ip tuntap add name \S+ mode tap\]/i },
  // RootlessKit's parent cannot clone its child into a new user namespace ("failed to start the child: %w"):
  // unprivileged user namespaces refused where it runs (a seccomp profile or a sysctl), or EINVAL from clone(2) (a
  // chroot, the nesting limit of user namespaces); a warning because an unprivileged level (not-privileged,
  // security.ts, which also matches EPERM) is the other reading. Runners quote it without RootlessKit's prefix.
  { id: 'rootless-prerequisites', pattern: /(?:\[rootlesskit:parent\] error: |\b)failed to start the child: fork\/exec \/proc\/self\/exe: (?:operation not permitted|invalid argument)/i, severity: 'warning' },
  // contrib/dockerd-rootless-setuptool.sh when the user's docker.service it installed does not come up ("Failed to
  // start docker.service. Run `journalctl -n 20 --no-pager --user --unit docker.service` to show the error log."):
  // the journal names the cause; a missing prerequisite is the usual one.
  { id: 'rootless-prerequisites', pattern: /Failed to start docker\.service\. Run `journalctl [^`]*--user --unit docker\.service` to show the error log/i, severity: 'warning' },
  { id: 'rootless-prerequisites', pattern: /cannot expose privileged port \d+, you can add 'net\.ipv4\.ip_unprivileged_port_start/i },
  // slirp4netns refusing RootlessKit's port forward ("cannot expose slirp4net port: error reply: … add_hostfwd:
  // slirp_add_hostfwd failed"): the rootless network cannot bind that host port (a privileged one, or one taken). A hint.
  { id: 'rootless-prerequisites', pattern: /cannot expose slirp4net(?:ns)? port: error reply: [^\n]{0,200}slirp_add_hostfwd failed/i, severity: 'info' },
  // Parts of the rootless install missing: the port helper the daemon execs for a published port (Docker before 28:
  // "fork/exec %s/rootlesskit-docker-proxy: no such file or directory", or not in $PATH), the extras' scripts.
  {
    id: 'rootless-prerequisites',
    pattern: /fork\/exec \S*\/rootlesskit-docker-proxy: no such file or directory|exec: \\?"rootlesskit-docker-proxy\\?": executable file not found|\bdockerd-rootless(?:-setuptool)?\.sh: (?:command )?not found\b/i,
    severity: 'warning',
  },
  // The rootless installer without a systemd user session (no `systemd --user`, no D-Bus for the login): no unit is set
  // up and the daemon must be started by hand, so it is not running after the login ends. A hint.
  { id: 'rootless-prerequisites', pattern: /\bsystemd not detected, dockerd-rootless\.sh needs to be (?:started|stopped) manually/i, severity: 'info' },
  { id: 'rootless-prerequisites', pattern: /XDG_RUNTIME_DIR needs to be set and writable/i },
  // docker:dind-rootless's entrypoint (docker-library/docker dockerd-entrypoint.sh): "error: attempting to
  // run rootless dockerd but missing 'rootlesskit' / necessary entries in /etc/subuid… / need writable HOME
  // … / need 'kernel.unprivileged_userns_clone' … / need 'user.max_user_namespaces' …".
  { id: 'rootless-prerequisites', pattern: /attempting to run rootless dockerd but (?:missing|need)\b/i },
  // Podman and Buildah's re-exec into a user namespace (pkg/unshare: "user namespaces are not enabled in %s" after
  // clone's EINVAL, "failed to reexec: %v"): user.max_user_namespaces at 0 (Bottlerocket's default), or the clone
  // refused, by EACCES, by Ubuntu 24.04's AppArmor restriction of unprivileged user namespaces (a hint of that, below).
  { id: 'rootless-prerequisites', pattern: /user namespaces are not enabled in \/proc\/sys\/user\/max_user_namespaces/i },
  { id: 'apparmor-denied', pattern: /\bfailed to reexec: Permission denied\b/i, severity: 'info' },
  // contrib/dockerd-rootless-setuptool.sh's check ("Missing system requirements. Run the following commands to"),
  // and get.docker.com/rootless's older wording ("# Missing system requirements. Please run following commands to").
  { id: 'rootless-prerequisites', pattern: /Missing system requirements\. (?:Please )?Run (?:the )?following commands to/i },
  // A tool dockerd-rootless.sh calls (sysctl, ip, nsenter) missing from the image: dash's "%s: %d: %s: not found",
  // bash's "%s: line %d: %s: command not found".
  { id: 'rootless-prerequisites', pattern: /dockerd-rootless(?:-setuptool)?\.sh: (?:line )?\d+: \S+: (?:command )?not found/i },
  // ENOSPC from clone/unshare(CLONE_NEWUSER) is no disk: user.max_user_namespaces is 0 or used up (RootlessKit
  // "failed to start the child: fork/exec /proc/self/exe: no space left on device", runc nsexec "failed to unshare …").
  { id: 'rootless-prerequisites', pattern: new RegExp(`${NAMESPACE_CALL.source}: no space left on device`, 'i') },
  // moby pkg/idtools: "no subuid ranges found for user %q" (userns-remap, rootless), "Container ID %d
  // cannot be mapped to a host ID"; containers/storage: "potentially insufficient UIDs or GIDs available
  // in user namespace (requested %d:%d for %s): Check /etc/subuid and /etc/subgid…"; runc: "cannot set
  // uid to unmapped user in user namespace".
  { id: 'rootless-prerequisites', pattern: /no sub[ug]id ranges found for (?:user|group)/i },
  // Go readers of the id maps (Docker Desktop for Linux's VM, containers/storage, moby's idtools): "retrieving subordinate
  // UID range: no range for %s found in /etc/subuid", "encountered malformed /etc/subuid entry on line %d", and the file
  // missing ("opening /etc/subuid: open /etc/subuid: no such file or directory").
  { id: 'rootless-prerequisites', pattern: /retrieving subordinate [UG]ID range|malformed \/etc\/sub[ug]id entry|\bopen \/etc\/sub[ug]id: no such file or directory/i },
  // Podman and Buildah's user namespace set up through shadow's tools (containers/storage pkg/unshare "cannot set up
  // namespace using %q: %w"): newuidmap without its setuid bit or file capabilities, or no range for the user; beside
  // newuidmap's own EPERM (caps-unavailable where the level is already a user namespace) the rootless reading.
  { id: 'rootless-prerequisites', pattern: /cannot set up namespace using "?\S*new[ug]idmap\b/i, severity: 'warning' },
  // RootlessKit's dynamic subid source asks shadow's getsubids ("subid-source:dynamic: failed to get subuids by the UID
  // %d"), whose own refusal is "Error fetching ranges": the user has no subordinate range in /etc/subuid (or nss).
  { id: 'rootless-prerequisites', pattern: /subid-source:dynamic: failed to get sub[ug]ids by the|getsubids\b[^\n]{0,200}Error fetching ranges/i, severity: 'warning' },
  { id: 'rootless-prerequisites', pattern: /Container ID \d+ cannot be mapped to a host ID/i },
  { id: 'rootless-prerequisites', pattern: /insufficient UIDs or GIDs available in user namespace/i },
  // runc ≤1.1 "cannot set uid to unmapped user in user namespace", 1.2+ "cannot setuid to unmapped uid %d in user namespace".
  { id: 'rootless-prerequisites', pattern: /cannot set ?[ug]id to unmapped (?:user|[ug]id \d+) in user namespace/i },
  // moby: "a subdirectory in your graphroot path (%s) restricts access to the remapped root uid/gid…",
  // "error creating ID mappings: %w"; runc's systemd driver for rootless containers: "failed to connect
  // to dbus (hint: for rootless containers, maybe you need to install dbus-user-session package…)".
  { id: 'rootless-prerequisites', pattern: /restricts access to the remapped root uid\/gid|error creating ID mappings:/i },
  { id: 'rootless-prerequisites', pattern: /for rootless containers, maybe you need to install dbus-user-session/i },
  // runc's systemd cgroup driver asking the system manager for a scope ("unable to start unit %q (properties %+v): %w"):
  // polkit answers a user's process with "Interactive authentication required" (or the bus with "Permission denied" for
  // a scope in user.slice), and systemd's private socket resets (a hint: it also resets for a moment while systemd
  // re-executes on a rootful host)
  // its connection (rootless runc needs the user's own manager, reached through a dbus user session).
  { id: 'rootless-prerequisites', pattern: /unable to start unit "[^"\n]{0,200}"[^\n]{0,2000}?\): Interactive authentication required/i },
  // The same answer with the unit cut off by a terminal's wrapping (runc's error ends ": unknown" through containerd) and
  // in crun's words ("sd-bus call: %s" while creating the container's scope): a rootless runtime without a user session.
  {
    id: 'rootless-prerequisites',
    pattern: /\bInteractive authentication required\.?: unknown\b|\bsd-bus call: Interactive authentication required\b/i,
    severity: 'warning',
    hint: 'The rootless runtime asked systemd for the container\'s scope over the system bus, which needs the user\'s own session. Log in with a real session (not su or sudo), or run `loginctl enable-linger <user>` with XDG_RUNTIME_DIR and DBUS_SESSION_BUS_ADDRESS set (install dbus-user-session); or switch the runtime to the cgroupfs cgroup manager.',
  },
  { id: 'rootless-prerequisites', pattern: /Value:"user\.slice"[^\n]{0,2000}?\): Permission denied/i },
  { id: 'rootless-prerequisites', pattern: /read unix @->\/run\/systemd\/private: read: connection reset by peer/i, severity: 'info' },
  // The same refusal with the properties left out by the report ("unable to start unit \"docker-<id>.scope\" ...:
  // Permission denied"): a container's scope asked of a bus that refuses the caller; context.ts keeps it a hint where
  // the text shows no rootless daemon (a rootful one is refused by the bus's policy or SELinux).
  { id: 'rootless-prerequisites', pattern: SCOPE_DENIED, severity: 'warning' },
  // Unpacking a layer (moby chrootarchive "Error processing tar file(%v): %s", 23+ "error processing tar
  // file: %w"; containerd "failed to extract layer %s: %w", "apply layer error for %q: %w"): lchown to an id the mapping lacks is EINVAL; EPERM on mknod/lchown/setxattr is a user
  // namespace that owns too little (an unprivileged LXC/LXD container, nspawn with private users).
  // The same EINVAL is a rootless daemon's too-small subordinate range or a user-namespaced container's id map (an
  // unprivileged LXC/LXD or Proxmox container, sysbox): both named, the container's second (context.ts drops it where the
  // text shows a rootless daemon).
  { id: 'rootless-prerequisites', pattern: LCHOWN_UNMAPPED },
  // apt dropping privileges to _apt, whose group is nogroup (65534: "E: setgroups 65534 failed - setgroups (22: Invalid
  // argument)", then setegid) in a user namespace that maps no id 65534: fewer than 65,535 ids, as nested Podman's
  // default 1001:64535 in Che's developer image.
  {
    id: 'rootless-prerequisites',
    pattern: /\bset(?:groups|egid) 65534 failed - set\w+ \(22: Invalid argument\)/i,
    severity: 'warning',
    hint: 'The user namespace maps too few ids for 65534 (nogroup, apt\'s sandbox group). Give the user a subordinate range of at least 65,536 in /etc/subuid and /etc/subgid (then restart the engine; podman system migrate for Podman), or let apt run as root in the build (APT::Sandbox::User "root";).',
  },
  {
    id: 'caps-unavailable',
    pattern: LCHOWN_UNMAPPED,
    severity: 'warning',
    hint: 'A file of the image is owned by an id the daemon\'s user namespace does not map. In an unprivileged LXC, LXD or Proxmox container, give the container a wider id map (LXD security.idmap.size or raw.idmap, Proxmox lxc.idmap with matching /etc/subuid and /etc/subgid entries) or make it privileged.',
  },
  { id: 'caps-unavailable', pattern: /(?:Error processing tar file|processing tar file|failed to register layer|ApplyLayer|failed to extract layer|apply layer error)[^\n]{0,2000}?\boperation not permitted/i },
  // runc creating /dev nodes (1.2+ "create device inode %s: %w", "open new %c device inode %s: %w"; older
  // "mknod %s: %w") where the level may not (LXC/LXD and nspawn user namespaces, a device cgroup it does not own).
  { id: 'caps-unavailable', pattern: /(?:create|open new \w) device inode \S+: operation not permitted|\bmknod(?:at)? \S+: operation not permitted/i },
  // coreutils' mknod(1) quoting its operand ("mknod: %s: %s"; before 8.25, and busybox, unquoted), as a package's
  // post-install script or an image's entrypoint makes a device node: Docker grants CAP_MKNOD by default, so EPERM says a
  // user namespace or an LXC container, unless the image's USER is not root (a hint).
  { id: 'caps-unavailable', pattern: /\bmknod: (?:['‘"][^'’"\n]{1,300}['’"]|\/[^\s:]{1,300}): Operation not permitted/i, severity: 'info' },
  // moby's overlay whiteout, a 0/0 character device made while unpacking a layer (pkg/archive "failed to mknod('%s',
  // S_IFCHR, 0): %w"): refused in a user namespace (an unprivileged LXD/Incus container, whose mknod interception does
  // not reach a snap's dockerd).
  { id: 'caps-unavailable', pattern: /failed to mknod\('[^']*', S_IFCHR, 0\): operation not permitted/i, severity: 'warning' },
  // runc 1.0's "creating device nodes" where it may not mknod binds each node over a file it creates, then opens it:
  // ENXIO means the level's own /dev node is no device it may use (an unprivileged LXD or nspawn container).
  { id: 'caps-unavailable', pattern: /creating device nodes caused[^\n]{0,20}open \S+\/dev\/\S+: no such device or address/i, severity: 'warning' },
  // The same step refused outright ("creating device nodes caused: permission denied"): a privileged container's host
  // devices in a level whose user namespace may neither make nor bind them (sysbox, an unprivileged LXD container).
  { id: 'caps-unavailable', pattern: /creating device nodes caused:? \\*"?(?:permission denied|operation not permitted)/i, severity: 'warning' },
  // libcap's setcap (a build step giving a binary file capabilities): "Failed to set capabilities on file `%s' (%s)";
  // EPERM where the daemon's user namespace or bounding set lacks CAP_SETFCAP.
  { id: 'caps-unavailable', pattern: /Failed to set capabilities on file \S+ \(Operation not permitted\)/i, severity: 'warning' },
  // runc raising a hard rlimit above the level's without CAP_SYS_RESOURCE ("error setting rlimit type %v: %w").
  { id: 'caps-unavailable', pattern: /error setting rlimit type \d+: operation not permitted/i },
];

// shadow's newuidmap/newgidmap need the setuid bit or file capabilities: an `ls -l` row without the bit ("-rwxr-xr-x"),
// with getcap or getfattr of the same binaries shown printing no capability, is a helper that cannot map ids.
const HELPER_WITHOUT_SETUID = /^-rw[x-](?:[r-][w-][xs-]){2}[.+]?\s+\d+\s+\S+\s+\S+\s+\S+\s+.+?\s(?:\S*\/)?new[ug]idmap\s*$/;
const CAPS_ASKED = /\b(?:getcap|getfattr)\b[^\n]*\bnew[ug]idmap\b/;
const CAPS_SHOWN = /\bcap_setuid\b|\bsecurity\.capability\b/i;
function idMapHelpersWithoutPrivilege(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => CAPS_ASKED.test(l)) || lines.some((l) => CAPS_SHOWN.test(l))) return [];
  const index = lines.findIndex((l) => HELPER_WITHOUT_SETUID.test(l));
  return index >= 0 ? [{ index, severity: 'warning' }] : [];
}

// A root shell in the level (a `root@…#` prompt, or `# ` alone) writing a kernel setting and refused with EACCES, in the
// shells' words (bash "-bash: %s: Permission denied", "bash: line N: …", dash "sh: 1: cannot create %s: Permission
// denied", zsh "zsh: permission denied: %s"): /proc/sys belongs to the host's root, outside the level's user namespace
// (LXD, an unprivileged LXC). A user's `sudo echo … >` is refused the same way on any host, hence the root prompt; a
// container without --privileged sees /proc/sys read-only instead (EROFS). A hint.
const ROOT_WRITES_SYSCTL = /^\s*(?:\S+@\S+[^$#\n]*#|#)\s+(?:echo|printf)\b[^\n]*>\s*\/proc\/sys\//;
const SHELL_REFUSED_SYSCTL = /^\s*(?:-?\S*(?:bash|sh|zsh)(?:: line \d+|: \d+)?: (?:cannot create )?\/proc\/sys\/\S+: Permission denied|zsh: permission denied: \/proc\/sys\/\S+)\s*$/i;
function rootRefusedSysctl(lines: readonly string[]): TextHit[] {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!ROOT_WRITES_SYSCTL.test(lines[i])) continue;
    const refused = lines.slice(i + 1, i + 3).findIndex((l) => SHELL_REFUSED_SYSCTL.test(l));
    if (refused >= 0) return [{ index: i + 1 + refused, severity: 'info' }];
  }
  return [];
}

// A prestart hook (nvidia-container-cli's) writing the container's devices.allow refused under a rootless daemon: it runs
// containers with no cgroups of their own on v1 (the user's session group, "/sys/fs/cgroup/devices/user.slice/…"), so
// the device rules a hook or a runtime wants cannot be written; --privileged is no fix there.
const DEVICES_ALLOW_DENIED = /devices\.allow: permission denied/i;
const SESSION_DEVICES_GROUP = /\/sys\/fs\/cgroup\/devices\/user\.slice\//;
const ROOTLESS_SOCKET = /unix:\/\/\/run\/user\/\d+\/docker\.sock|\bdockerd-rootless/;
function devicesRefusedRootless(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => DEVICES_ALLOW_DENIED.test(l));
  if (index < 0) return [];
  return SESSION_DEVICES_GROUP.test(lines[index]) || lines.some((l) => ROOTLESS_SOCKET.test(l)) ? [{ index, severity: 'error' }] : [];
}

export const usernsTextRules: TextRule[] = [
  { id: 'rootless-prerequisites', scan: (lines) => idMapHelpersWithoutPrivilege(lines) },
  { id: 'rootless-prerequisites', scan: (lines) => devicesRefusedRootless(lines) },
  { id: 'caps-unavailable', scan: (lines) => rootRefusedSysctl(lines) },
];
