// Capabilities a runtime could not set, LXC's and LXD's own AppArmor errors, and rootless prerequisites, in the words of
// the programs userns.ts and security.ts do not read: crun's and runc's capability steps, LXC, RootlessKit, BuildKit,
// dockerd-rootless-setuptool.sh, Podman's rootless re-exec, runc's rootless validation.
import { LineRule } from './types';

export const capsAndRootlessRules: LineRule[] = [
  // PRoot (udocker's P modes) tracing its child ("proot error: ptrace(TRACEME): %s" with EPERM): Docker's default seccomp
  // profile allows ptrace only with CAP_SYS_PTRACE on older kernels, and an unprivileged container lacks it.
  {
    id: 'not-privileged',
    pattern: /\bproot error: ptrace\(TRACEME\): Operation not permitted/i,
    severity: 'warning',
    hint: 'PRoot needs ptrace, which this container may not use: add the SYS_PTRACE capability (--cap-add SYS_PTRACE) or relax its seccomp profile, or use an execution mode without ptrace (udocker\'s F modes).',
  },
  // User-Mode Linux's start-up check (arch/um start_up.c: "check_ptrace : expected SIGSTOP, got status = %d" after its
  // child's PTRACE_TRACEME failed and it killed itself, status 9, or exited, 256 in old releases; a paste may cut the
  // number): the same missing CAP_SYS_PTRACE or seccomp allowance as PRoot's. Another status is a crash.
  {
    id: 'not-privileged',
    pattern: /\bcheck_ptrace : expected SIGSTOP, got status =(?: (?:9|256))?\s*$/,
    severity: 'warning',
    hint: 'User-Mode Linux needs ptrace, which this container may not use: add the SYS_PTRACE capability (--cap-add SYS_PTRACE, or cap_add: in Compose) or run it privileged.',
  },
  // Singularity/Apptainer's starter asking for capabilities its container was not given ("Requesting capability set 0x%x
  // while permitted capability set is 0x%x"): a capability the level lacks (IPC_LOCK, SYS_ADMIN …), --cap-add or privileged.
  { id: 'caps-unavailable', pattern: /\bRequesting capability set 0x[0-9a-f]+ while permitted capability set is 0x[0-9a-f]+/i, severity: 'warning' },
  // An agent raising ambient capabilities its container does not hold (prctl PR_CAP_AMBIENT_RAISE answers EPERM for a
  // capability outside the permitted and inheritable sets: Dynatrace OneAgent's "Failed to set ambient capabilities, error
  // code: 1, error message: Operation not permitted"): the pod or container was not given them.
  { id: 'caps-unavailable', pattern: /\bFailed to set ambient capabilit(?:y|ies)\b[^\n]{0,80}?Operation not permitted/i, severity: 'warning' },
  // Its starter joining the shared mount namespace of its own helper ("Failed to enter in shared mount namespace: %s")
  // with EACCES: opening another process's /proc/<pid>/ns needs CAP_SYS_PTRACE, which a pod's default set lacks. A hint
  // beside the unprivileged reading.
  {
    id: 'caps-unavailable',
    pattern: /\bFailed to enter in shared mount namespace: Permission denied/i,
    severity: 'info',
    hint: 'Singularity/Apptainer could not open its helper\'s namespaces: that needs the SYS_PTRACE capability. Add it to the container or pod (--cap-add SYS_PTRACE, or the pod\'s securityContext capabilities), or run it privileged.',
  },
  // kube-proxy (or a node agent) setting the host-wide conntrack table from inside a level ("open
  // /proc/sys/net/netfilter/nf_conntrack_max: permission denied", "write /sys/module/nf_conntrack/parameters/hashsize:
  // operation not supported"): the level's runtime (an LXC container's read-only 0444 entry, a container's sysfs) does
  // not let it reach the host's parameters, whatever it was granted. A hint: kind and k3d turn the setting off instead.
  {
    id: 'caps-unavailable',
    pattern: /(?:\/proc\/sys\/net\/netfilter\/nf_conntrack_(?:max|buckets|tcp_timeout_\w+)|\/sys\/module\/nf_conntrack\/parameters\/hashsize):? (?:permission denied|operation not (?:permitted|supported))/i,
    severity: 'info',
  },
  // dockerd with user-namespace remapping refusing a privileged container (daemon_unix.go "privileged mode is
  // incompatible with user namespaces.  You must run the container in the host namespace when running privileged
  // mode"): the level's engine cannot grant what a privileged level asks for (userns_mode host, or a runner without
  // remapping).
  {
    id: 'caps-unavailable',
    pattern: /privileged mode is incompatible with user namespaces/i,
    hint: 'This daemon remaps containers into a user namespace of its own (userns-remap) and refuses privileged ones there. Levels made by Nest one level already run in the host\'s user namespace; start other privileged containers the same way (`docker run --userns=host`, or UsernsMode "host" in the API), or use a daemon without userns-remap.',
  },
  // A daemon running Windows containers refusing --privileged (daemon_windows.go "Windows does not support privileged
  // mode"): Docker Desktop switched to Windows containers, or a Windows server's engine, can never grant it. A hint: the
  // level asked the wrong kind of engine (a Windows CI runner, Desktop's mode), not one short of a privilege.
  {
    id: 'caps-unavailable',
    pattern: /Windows does not support privileged mode/i,
    severity: 'info',
    hint: 'This daemon runs Windows containers, which can never be privileged. In Docker Desktop choose "Switch to Linux containers…" from its tray menu (or point the level at a Linux daemon), then nest again.',
  },
  // crun's capability steps ("prctl drop bounding", "prctl set KEEPCAPS", "prctl reset ambient", "prctl ambient raise")
  // and runc's ("unable to set keep caps", "unable to clear keep caps", "can't apply capabilities" with any errno;
  // "can't raise ambient capability %s: %v" is logged and the container starts without it: a hint).
  // kubelet's container manager refused the kernel flags it sets (vm.overcommit_memory, kernel.panic…) and naming its
  // own way out ("Updating kernel flag failed (Hint: enable KubeletInUserNamespace feature flag to ignore the error)"):
  // a node in a user namespace (rootless, sysbox, an unprivileged LXC) that no privilege inside it can grant.
  { id: 'caps-unavailable', pattern: /\bHint: enable KubeletInUserNamespace feature flag to ignore the error\b/i, severity: 'warning' },
  { id: 'caps-unavailable', pattern: /\bprctl (?:drop bounding|set KEEPCAPS|reset ambient|ambient raise): (?:Operation not permitted|Invalid argument)/i },
  { id: 'caps-unavailable', pattern: /unable to (?:set|clear) keep caps: (?:operation not permitted|invalid argument)/i },
  { id: 'caps-unavailable', pattern: /\bcan't apply capabilities: (?:invalid argument|operation not permitted)/i },
  { id: 'caps-unavailable', pattern: /can't raise ambient capability \S+: /i, severity: 'info' },
  // LXC dropping or setting capabilities for its container ("%s - Failed to drop capabilities", attach.c's "%s - %d -
  // Failed to drop capabilities", "Failed to set capabilities") refused by the level it runs in; its ambient raise is
  // logged at warning and LXC goes on (a hint).
  {
    id: 'caps-unavailable',
    pattern: /Operation not permitted - (?:-?\d+ - )?Failed to (?:drop capabilit(?:y \d+|ies)|set capabilities|set PR_SET_KEEPCAPS|clear ambient capability set)\b/i,
  },
  { id: 'caps-unavailable', pattern: /Operation not permitted - (?:-?\d+ - )?Failed to raise ambient capability \d+/i, severity: 'info' },
  // A container's OOM score set (runc nsexec bails "failed to update /proc/self/oom_score_adj", crun "write to
  // `/proc/self/oom_score_adj`") without CAP_SYS_RESOURCE: the start fails.
  // conmon's own try at its score (at debug: "[conmon:d]: failed to write to /proc/self/oom_score_adj: %s") is one it
  // shrugs off: never shown.
  {
    id: 'caps-unavailable',
    pattern: /(?:failed to update |write to [`'"]?)\/proc\/self\/oom_score_adj[`'"]?: (?:Permission denied|Operation not permitted)/i,
    severity: (_l, ctx) => (ctx.level === 'debug' ? null : undefined),
  },
  // LXC's own AppArmor handling for a container ("Failed to change AppArmor profile to %s", "Failed to load generated
  // AppArmor profile", "Error creating AppArmor namespace") and LXD's and Incus's ("Failed to load apparmor profile: ").
  {
    id: 'apparmor-denied',
    pattern: /Failed to change AppArmor profile to \S+|Failed to load generated AppArmor profile|Error creating AppArmor namespace|Failed to load apparmor profile: /i,
    severity: 'warning',
  },
  // RootlessKit's host checks, printed at every start from the settings alone (pkg/parent/warn.go:
  // "/proc/sys/kernel/unprivileged_userns_clone needs to be set to 1", "/proc/sys/user/max_user_namespaces needs to be set
  // to non-zero": warnings), its child without capabilities ("failed to gain
  // the caps inside the user namespace"), its state directory.
  { id: 'rootless-prerequisites', pattern: /\/proc\/sys\/kernel\/unprivileged_userns_clone needs to be set to 1|\/proc\/sys\/user\/max_user_namespaces needs to be set to non-zero/i, severity: 'warning' },
  { id: 'rootless-prerequisites', pattern: /failed to gain the caps inside the user namespace|no capabilities was gained after reexecuting the child/i },
  { id: 'rootless-prerequisites', pattern: /\$?ROOTLESSKIT_STATE_DIR`? (?:needs to be set|is not set)|another RootlessKit is running with the same state directory/i, severity: 'warning' },
  // buildkitd started rootless outside RootlessKit ("rootless mode requires to be executed as the mapped root in a user
  // namespace"); runc's rootless validation ("rootless container requires user namespaces", "… at least one UID/GID
  // mapping", "cannot set any additional groups in a rootless container").
  { id: 'rootless-prerequisites', pattern: /rootless mode requires to be executed as the mapped root in a user namespace/i },
  { id: 'rootless-prerequisites', pattern: /rootless containers? requires? (?:user namespaces|at least one [UG]ID mapping)|cannot set any additional groups in a rootless container/i },
  // dockerd-rootless-setuptool.sh's checks ("XDG_RUNTIME_DIR (\"%s\") is not set, does not exist, or is not writable",
  // "RootlessKit failed, see the error messages and https://rootlesscontaine.rs/getting-started/common/"); run as root
  // it refuses ("Refusing to install rootless Docker as the root user"): the wrong user, a hint.
  { id: 'rootless-prerequisites', pattern: /XDG_RUNTIME_DIR \("[^"\n]{0,300}"\) is not set, does not exist, or is not writable|RootlessKit failed, see the error messages and https:\/\/rootlesscontaine\.rs/i },
  { id: 'rootless-prerequisites', pattern: /Refusing to install rootless Docker as the root user/i, severity: 'info' },
  // Podman's rootless re-exec (pkg/rootless: "cannot clone: %m", "cannot write setgroups file: %m", "cannot write uid_map:
  // %m") and crun's ("unshare user namespace: %m", "write to `uid_map`: %m").
  {
    id: 'rootless-prerequisites',
    pattern: /\bcannot clone: (?:Operation not permitted|Permission denied|No space left on device)|\bcannot write (?:setgroups file|[ug]id_map): |\bunshare user namespace: (?:Operation not permitted|Permission denied|No space left on device)/i,
  },
  // mmdebstrap's unshare mode for a user without a subordinate range ("W: no entry in /etc/subuid for %s", or the file
  // missing, empty or unreadable, as in most containers), then "invalid idmap".
  { id: 'rootless-prerequisites', pattern: /^\s*W: (?:no entry in \/etc\/sub[ug]id for \S+|\/etc\/sub[ug]id (?:doesn't exist|is empty|is not readable))/, severity: 'warning' },
  // Charliecloud's ch-run unsharing its user and mount namespaces ("can't init user+mount namespaces: %s"): EINVAL on a
  // kernel without unprivileged user namespaces (RHEL 6, CentOS 7 before 7.4), EPERM or ENOSPC where they are off or
  // max_user_namespaces is 0.
  {
    id: 'rootless-prerequisites',
    pattern: /\bcan't init user\+mount namespaces: (?:Invalid argument|Operation not permitted|No space left on device)/i,
    severity: 'warning',
    hint: 'Charliecloud could not create its user namespace. On the host, enable unprivileged user namespaces (user.max_user_namespaces above 0; kernel.unprivileged_userns_clone=1 on Debian and Ubuntu kernels; RHEL and CentOS 7.4 or later with namespace.unpriv_enable=1 on the kernel command line). Inside a container, the runtime\'s seccomp profile refuses them: run it privileged or with a profile that allows unshare.',
  },
  { id: 'rootless-prerequisites', pattern: /write to [`'"](?:\/proc\/\d+\/)?(?:setgroups|[ug]id_map)[`'"]: (?:Operation not permitted|Permission denied|Invalid argument)/i, severity: 'warning' },
  // Buildah's chroot isolation dropping supplementary groups (chroot/run.go "error clearing supplemental groups list: %v"):
  // setgroups(2) is refused in a user namespace with a single mapped ID (no /etc/subuid range for the user): a hint,
  // a seccomp profile refuses it too.
  { id: 'rootless-prerequisites', pattern: /error clearing supplemental groups list: operation not permitted/i, severity: 'info' },
];
