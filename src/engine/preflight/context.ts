// Severity from the whole text, for findings whose cost depends on the setting they appear in.
// A finding's severity says how sure the product is and what it costs the user: the same
// "Storage Driver: vfs" is the expected state of rootless dind and a slow, fixable fallback in a
// privileged level whose /var/lib/docker sits on the container's own overlay root.
import { compareSeverity, Finding, Severity } from '../core/finding';
import { privilegeFromContext } from './privilegeContext';
import { UNIXCONN_CONNECT } from './classifyRules/daemon';
import { ENGINE_UNIT_KILLED, OOM_KILL } from './classifyRules/memoryLimit';
import { ENGINE_PROCESS } from './classifyRules/engines';
import { FORCE_V1_ASKED, NAMED_V1_REFUSED } from './classifyRules/cgroupMounts';
import { AUFS_CHOSEN } from './classifyRules/storage';
import { LCHOWN_UNMAPPED, SCOPE_DENIED } from './classifyRules/userns';
import { stripPrefixes } from './normalize';

// Rootless dockerd (dockerd-rootless.sh, docker:dind-rootless): `docker info` says "rootless" under
// Security Options (20.10+), "Cgroup Driver: none" (no cgroup delegation on v1), its socket and data
// root live under the user's runtime and home directories, and RootlessKit logs its own lines.
const ROOTLESS = [
  /^[ \t]*(?:Security Options:.*\b)?rootless[ \t]*$/im,
  /\bdockerd-rootless(?:\.sh|-setuptool\.sh)?\b|\brootlesskit\b|\bdind-rootless\b/i,
  /^[ \t]*Cgroup Driver:[ \t]*none[ \t]*$/im,
  /unix:\/\/\/run\/user\/\d+\/docker\.sock|\/home\/[^/\s]+\/\.local\/share\/docker\b/,
];

// vfs chosen on purpose: --storage-driver/-s vfs, "storage-driver": "vfs" in daemon.json, or the
// DOCKER_DRIVER variable of GitLab's dind service.
const CHOSEN = /(?:--storage-driver[= ]+|\s-s\s+|"storage-driver"\s*:\s*"|DOCKER_DRIVER[=:]\s*)vfs\b/i;

// Filesystems overlay cannot use as its upper layer, where vfs is the right driver rather than a
// fixable dind mistake (Docker refuses overlay2 on them: moby daemon/graphdriver/overlay2/overlay.go
// "'overlay2' is not supported over %s"; `docker info` "Backing Filesystem: …").
const NO_OVERLAY_FS = /is not supported over (?:nfs|zfs|btrfs|ecryptfs|tmpfs)|^[ \t]*Backing Filesystem:[ \t]*(?:nfs|zfs|btrfs|ecryptfs|tmpfs|fuse\S*)[ \t]*$/im;

// The daemon did not start: a storage error is then the failure itself, not a probe before vfs.
const DID_NOT_START = /error initializing graphdriver|Error starting daemon|failed to start daemon/i;
// The daemon came up: probes it logged on the way (a missing iptables with --iptables=false) did not stop it.
export const DAEMON_UP = /Daemon has completed initialization|API listen on /i;

// The daemon answered and refused the client's API version (moby api/server/middleware/version.go: "client version %s is
// too old. Minimum supported API version is %s, …", "… is too new. Maximum supported API version is %s"; Docker ≤1.12
// "client is newer than server (client API version: %s, server API version: %s)"): a client wrapper's "could not find a
// valid Docker environment" around it is an old client, not a daemon out of reach.
const DAEMON_ANSWERED = /client version \S+ is too (?:old|new)\. (?:Minimum|Maximum) supported API version is|client is newer than server \(client API version:/i;
// A system proxy that took the client's connection to the socket (Java's "Malformed reply from SOCKS server", a SOCKS
// handshake refused): the daemon may be fine; the proxy's bypass list is the fix, so a hint.
const PROXY_IN_THE_WAY = /Malformed reply from SOCKS server|\bSOCKS[45]? ?:? (?:server )?(?:connection|handshake|authentication) failed\b/i;

// A rule added by hand (a script's trace or a prompt) on Docker's own chains, and iptables's bare "No chain/target/match"
// after it: those chains exist only while a daemon manages iptables (Docker not installed or not started yet, or
// "iptables": false), so the user's rule, not the daemon's, failed. A hint.
const HAND_RULE_ON_DOCKER_CHAIN = /^[ \t]*(?:\+{1,3} |[$#] |\S{1,100}[#$] |\[[^\]\n]{1,100}\][#$] )(?:sudo )?ip6?tables (?:(?:-w|--wait)(?: \d+)? )?(?:-t \w+ )?-[AIC] DOCKER(?:-USER)?\s/;
const BARE_NO_CHAIN = /^ip6?tables: No chain\/target\/match by that name\.?$/;
// Go's "http: server gave HTTP response to HTTPS client" alone on its line, below the chain that named its URL (the CLI
// prints "Error response from daemon: Get \"https://…/v2/\":" and each hop on its own line). The nearest hop above decides:
// an Engine API path or port is the daemon's; a registry's /v2/ or port 5000, or any hop of a chain the daemon answered,
// is not.
const HTTP_CROSSED_TAIL = /^\W*(?:\S+: )?http: server gave HTTP response to HTTPS client/i;
const HOP_URL = /https?:\/\/[^\s"]+/i;
const ENGINE_API_URL = /https?:\/\/[^\s"/]+?(?::237[56]\b|\/v1\.\d+\/|\/_ping\b)/i;
const REGISTRY_URL = /https?:\/\/[^\s"]+?(?::5000\b|\/v2\/)/i;
const DAEMON_ANSWERED_CHAIN = /\bError response from daemon\b/i;
const CHAIN_WINDOW = 3;
// The xtables lock held while a syslog/journald line's own program (a host firewall unit: firewall-start, ufw, a VPN's
// script) waits for it: that program lost a race to whoever held it (often dockerd at boot), Docker's rules are not the
// ones that failed. A hint; the engine's own lines (dockerd, containerd) and Docker's error chains keep the warning.
const XTABLES_LOCK_HELD = /Another app is currently holding the xtables lock/i;
const SYSLOG_PROGRAM = /^(?:\w{3} {1,2}\d{1,2} [\d:]{8}(?:\.\d+)?|\d{4}-\d\d-\d\dT\S+) \S+ ([\w.@-]+)\[\d+\]: /;
// Kubernetes' network agents losing the race leave a nested cluster's service or pod rules out: not a hint.
const CLUSTER_NETWORK_AGENT = /^(?:kube-proxy|kube-router|flanneld|calico-node|calico-felix|cilium-agent|weaver?|kube-ovn\S*|antrea-agent)$/i;
const otherProgramWaited = (evidence: string) => {
  const program = SYSLOG_PROGRAM.exec(evidence.trimStart())?.[1];
  return program !== undefined && !ENGINE_PROCESS.test(program) && !CLUSTER_NETWORK_AGENT.test(program);
};
// Where a paste shows no engine or network manager at work (no daemon, no daemon's API error, none of Docker's chains,
// nor another manager of iptables), iptables' bare "No chain/target/match" is a script's own rule (a VPN or router
// image deleting rules that are not there yet, as it starts): a hint.
const DAEMON_ON_IPTABLES = /\bdockerd\b|[Dd]ocker daemon|Error response from daemon|\bDOCKER(?:-USER|-ISOLATION\S*)?\b|\bdocker0\b|iptables failed|\blibnetwork\b|\bkube-proxy\b|\bkubelet\b|\bnetavark\b|\bCNI-|\bfirewalld\b|\bk3s\b/;
// systemd killing a unit whose stop ran past its timeout ("State 'stop-sigterm' timed out. Killing."): SIGKILL by
// request, not the OOM killer.
const STOP_TIMED_OUT = /State 'stop-sigterm' timed out\. Killing\b/i;

// A level in a user namespace (sysbox, an unprivileged LXD container) whose daemon got its storage driver going (moby
// overlay2 "Not using native diff for overlay2, this may cause degraded performance for building images: running in
// a user namespace"): the dind script's refused securityfs mount is expected there, not a missing --privileged.
const USERNS_DAEMON = /Not using native diff for overlay2[^\n]*running in a user namespace/i;
// The image's own mount program broken (musl's "Error relocating /bin/mount: …: symbol not found", glibc's "symbol
// lookup error" or a missing shared library): its refused securityfs mount says nothing about the launch's privileges.
const MOUNT_BINARY_BROKEN = /Error relocating \S*\/mount: |\bmount: (?:symbol lookup error|error while loading shared libraries)\b|\bError loading shared library \S+: [^\n]{0,200}\(needed by \S*\/mount\)/i;
// The dind script's own securityfs lines (not a mount of the daemon's).
const SECURITYFS_WARNING = /Could not mount \/sys\/kernel\/security|AppArmor detection and --privileged mode might break/i;
const SECURITYFS_MOUNT = new RegExp(String.raw`${SECURITYFS_WARNING.source}|\bmount:? [^\n]*\bpermission denied\b`, 'i');

// A bind whose source is missing (moby "bind source path does not exist", runc's "not a directory" when Docker made a
// folder where a file was meant): on one host, a folder the user has not created yet; DooD's path on another host only
// where the text shows a second host: a shared socket, a dind service or remote daemon, Docker Desktop's or WSL's paths.
const MISSING_BIND = /bind (?:mount )?source path does not exist|invalid bind mount source, source path not found|Are you trying to mount a directory onto a file|\bnot a directory\b|^Error: statfs \/\S{1,300}: no such file or directory/i;
// A daemon other clients share: a mounted socket, a dind service, a remote daemon, a sibling container.
const SHARED_DAEMON_WORDS = String.raw`docker\.sock|\bdind\b|DOCKER_HOST|setup_remote_docker|remote (?:docker|daemon|engine)|docker-(?:outside-of|from|in)-docker|sibling`;
const SHARED_DAEMON = new RegExp(`${SHARED_DAEMON_WORDS}|\\bDooD\\b`, 'i');
// A second host of any kind: a shared daemon, Docker Desktop's or WSL's paths, a CI runner's.
const SECOND_HOST = new RegExp(
  String.raw`${SHARED_DAEMON_WORDS}|Docker Desktop|\/Users\/|\/mnt\/[a-z]\/|\bwsl\b|\bJenkins\b|\bdevcontainer|\bcodespace|\bgitlab\b|\bCircleCI\b|\bpipelines?\b|\brunner\b`,
  'i',
);

// `CapEff:` of the level with every capability (37-41 bits set), or a paste that started the container with
// --privileged: a mount refused there is not a missing privilege but an LSM, a user namespace (sysbox) or a runtime's
// own policy.
const FULL_CAPS = /^[ \t]*CapEff:[ \t]*0*(?:1f|3f|7f|ff|1ff)f{8}[ \t]*$/im;
const MOUNT_EVIDENCE = /\b(?:re)?mount(?:ing)?\b[^\n]{0,400}?\b(?:permission denied|operation not permitted)\b/i;
// The same where the paste shows the container started with --privileged.
const RUN_PRIVILEGED = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b[^\n]{0,500}\s--privileged(?:=true)?(?=\s|$)/;
// A daemon that remaps containers into a user namespace of its own (daemon.json "userns-remap", its "dockremap" user,
// `docker info`'s "userns" security option).
const USERNS_REMAP = /\buserns-remap\b|\bdockremap\b|^[ \t]*userns[ \t]*$/im;

// An OOM kill in a memory cgroup (memcontrol.c's trace and record, the constraint) of a workload's own process (java,
// node, a compiler) is that container at the limit its owner set: a hint. Not so where the whole machine ran out
// (CONSTRAINT_NONE, the global "Out of memory: Killed process"), where an engine process was killed, or where the limit
// hit is an ancestor of the killed task's cgroup (a level's limit, hit by what is nested in it).
const MEMCG_OOM = /\bmem_cgroup_oom|\bMemory cgroup out of memory\b|\bconstraint=CONSTRAINT_MEMCG\b|\bkilled as a result of limit of \//i;
const MACHINE_OOM = /\bconstraint=CONSTRAINT_NONE\b|(?<!Memory cgroup )\bOut of memory: Kill/;
const OOM_PROCESS = /\b([^\s\]]+) invoked oom-killer\b|\bKill(?:ed)? process \d+ \(([^)\s]{1,64})\)|\btask=([^,\s]+)/gi;
const LIMIT_AND_TASK = /\boom_memcg=([^,\s]+),task_memcg=([^,\s]+)|\bTask in (\S+) killed as a result of limit of (\S+)/g;

function workloadAtOwnLimit(text: string): boolean {
  if (!MEMCG_OOM.test(text) || MACHINE_OOM.test(text)) return false;
  const names = [...text.matchAll(OOM_PROCESS)].map((m) => m[1] ?? m[2] ?? m[3]);
  if (names.length === 0 || names.some((n) => ENGINE_PROCESS.test(n))) return false;
  const nested = [...text.matchAll(LIMIT_AND_TASK)].some((m) => {
    const [limit, task] = m[1] ? [m[1], m[2]] : [m[4], m[3]];
    return task !== limit && task.startsWith(`${limit.replace(/\/$/, '')}/`);
  });
  return !nested;
}

const STORAGE_PROBES = new Set(['overlay-on-overlay', 'storage-driver-unsupported']);
// The same probe read as a level without CAP_SYS_ADMIN (security.ts).
const FUSE_OVERLAY = /^[ \t]*(?:Storage Driver|graphDriverName):[ \t]*fuse-overlayfs[ \t]*$|\bmount_program\b[^\n]{0,300}\n[^\n]{0,300}fuse-overlayfs|^[ \t]*(?:Executable|Path):[ \t]*\S{0,300}\/fuse-overlayfs[ \t]*$/im;
const BACKING_OVERLAY = /Backing Filesystem:\s*(?:overlayfs|overlay)\b/i;
const PLACEHOLDER_PATH = /(?:^|[\s'"=])\/path\/to\/[\w.-]+/;
const OVERLAY_EPERM = /failed to mount overlay: operation not permitted|error creating overlay mount to \S+: operation not permitted/i;

/** How costly running on vfs is here: info where it is the expected driver, warning after a fallback. */
function vfsSeverity(text: string): Severity {
  if (CHOSEN.test(text) || NO_OVERLAY_FS.test(text) || ROOTLESS.some((re) => re.test(text))) return 'info';
  return 'warning';
}

const weaker = (a: Severity, b: Severity): Severity => (compareSeverity(a, b) <= 0 ? a : b);

// cAdvisor (a monitoring container, cadvisor.go "Failed to create a Container Manager: %v") that cannot read its host's
// cgroup layout: an old image on a cgroup v2 host, not the level's engine. A hint.
const CADVISOR = /\bcadvisor\.go:\d+\]|Failed to create a Container Manager:/i;
// systemd as a level's init mounting only the named v1 hierarchy refused ("Failed to mount cgroup at /sys/fs/cgroup/
// systemd: Operation not permitted") while its other API filesystems mounted: the host has no name=systemd hierarchy
// to hand down (an LXD host on pure cgroup v2, a host booted without systemd), not a level without privileges.
const NAMED_SYSTEMD_REFUSED = /Failed to mount cgroup (?:at|\(type cgroup\) on) \/sys\/fs\/cgroup\/systemd\b[^\n]{0,300}: Operation not permitted/i;
// An SELinux denial record in the paste, and AppArmor named nowhere: an EACCES the rules read as either LSM's is
// SELinux's (hosts run one of the two), so the AppArmor reading of it is only a hint.
const SELINUX_DENIAL = /\bavc:\s+denied\b(?![^\n]*\bpermissive=1\b)|SELinux is preventing/i;
// Only where the paste shows a level whose runtime mounted the rest for systemd without refusing it: an LXC, LXD or
// Incus container (their consoles), nspawn, or a launch with --privileged. Under Docker or Podman without it, runc
// mounted /proc, /sys and the cgroup tree before systemd ran, so a lone refusal there says nothing about privileges.
const SYSTEM_CONTAINER = /\blxc console\b|\/var\/log\/(?:lxd|incus)\/|\bDetected virtualization (?:lxc|lxc-libvirt|systemd-nspawn)\b|(?:^|\s)container=(?:lxc|systemd-nspawn)\b|--privileged\b(?!=false)|^[ \t]*privileged:[ \t]*true[ \t]*$/m;
const OTHER_MOUNT_REFUSED = /Failed to mount (?!cgroup\b)\S+ (?:at|\(type \S+\) on) \/\S*[^\n]{0,300}: (?:Operation not permitted|Permission denied)/i;

const IPTABLES_REFUSED = /can't initialize ip6?tables table [`']\w+': Permission denied|Could not fetch rule set generation id: Permission denied/i;
// docker:dind-rootless run without --privileged, which its image asks for (RootlessKit needs it to set up its
// namespaces): there a refusal is that missing flag's.
const ROOTLESS_DIND_UNPRIVILEGED = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b(?![^\n]*--privileged)[^\n]{0,2000}?\bdind-rootless\b/;
// A rootless daemon's data root is its user's (~/.local/share/docker); root's own refused is a data-root setting.
const ROOT_DATA_ROOT_REFUSED = /mkdir \/var\/lib\/docker: permission denied/i;

// containers/storage naming a backing filesystem overlay runs on (its test mount was refused): no overlay under the driver.
const OVERLAY_CAPABLE_FS = /is not supported over (?:extfs|xfs) at /i;
// dockerd's supervisor killing a containerd that did not answer in time (moby libcontainerd/supervisor "killing and
// restarting containerd"): the "signal: killed" it logs for that containerd right after is its own SIGKILL, not the OOM
// killer's. A later kill with no such line before it is still read.
const CONTAINERD_RESTARTED = /\bkilling and restarting containerd\b/i;
const CONTAINERD_EXIT = /containerd did not exit successfully/i;
const RESTART_WINDOW = 10;
// A Java client that could not load its native socket library (JNA's UnsatisfiedLinkError, macOS refusing the unsigned
// library it extracted, in dyld's older and newer words): Testcontainers' own verdict that no environment answered is
// then the client's failure, the daemon never asked. Only that verdict is made a hint; another strategy's refused
// address in the same paste stays what it is.
const CLIENT_LIBRARY_FAILED = /\bUnsatisfiedLinkError\b[^\n]{0,300}\bjna|\bjna\w*\.tmp'? \(?code signature in\b|Could not initialize class com\.sun\.jna\.Native\b/i;
const CLIENT_VERDICT = /Could not find a valid Docker environment|Previous attempts to find a Docker environment failed/i;
// mmdebstrap's chroot set-up refused mounting /proc or /sys, then bind-mounting it instead and going on ("since mounting
// %s normally failed, %s is now bind-mounted instead"): the refusal cost nothing, so only a hint of missing privileges.
// Only a refusal of that very folder (a chroot's /proc or /sys, nothing below it) logged before the fallback line.
const BIND_MOUNTED_INSTEAD = /\bsince mounting (\/proc|\/sys) normally failed, \1 is now bind-mounted instead\b/;
const PSEUDO_FS_MOUNT_REFUSED = /\bmount: \S*(\/proc|\/sys): (?:permission denied|Operation not permitted)/i;
// getsebool showing the boolean a systemd level needs switched on ("container_manage_cgroup --> on"): a cgroup refused
// beside it is not that boolean's refusal.
const CGROUP_BOOLEAN_ON = /^\s*container_manage_cgroup --> on\s*$/;
const CGROUP_REFUSED = /control group: Permission denied/i;
// The two readings docker-py's unix transport frame hints at (UNIXCONN_CONNECT, daemon.ts).
const SOCKET_READINGS = new Set(['daemon-unreachable', 'socket-permission']);
// cAdvisor's /validate page judging its own cgroup mounts ("Cgroup mount setup: [Supported and recommended]"): the ro
// rows it lists under "Cgroup mounts:" are its documented read-only view of the host's /sys, not a level's tree.
const CADVISOR_MOUNTS_OK = /^\s*Cgroup mount setup: \[Supported/;
const MOUNT_ROW = /^\s*\S+ \/sys\/fs\/cgroup\S* cgroup2? ro,/;

/**
 * Hits another line explains away (dropped) or makes a hint, judged before each id keeps one hit, so a real hit of the
 * same id is not lost behind them.
 */
export function hitsInContext(found: readonly Finding[], lines: readonly string[]): Finding[] {
  const restartedBefore = (line: number | undefined) =>
    line !== undefined && lines.slice(Math.max(0, line - 1 - RESTART_WINDOW), line - 1).some((l) => CONTAINERD_RESTARTED.test(l));
  const clientLibraryFailed = lines.some((l) => CLIENT_LIBRARY_FAILED.test(l));
  const fallbacks = lines.flatMap((l, i) => {
    const folder = BIND_MOUNTED_INSTEAD.exec(l)?.[1];
    return folder ? [{ folder, line: i + 1 }] : [];
  });
  const boundInstead = (f: Finding) => {
    const folder = PSEUDO_FS_MOUNT_REFUSED.exec(f.evidence)?.[1];
    return folder !== undefined && f.line !== undefined && fallbacks.some((b) => b.folder === folder && f.line! < b.line);
  };
  const booleanOn = lines.some((l) => CGROUP_BOOLEAN_ON.test(l));
  const cadvisorMountsOk = lines.some((l) => CADVISOR_MOUNTS_OK.test(l));
  const mountBroken = lines.some((l) => MOUNT_BINARY_BROKEN.test(l));
  // Per hit, before duplicates merge: a later line of the same id (the daemon's own) keeps its severity.
  const afterHandRule = (f: Finding) => f.line !== undefined && f.line >= 2 && HAND_RULE_ON_DOCKER_CHAIN.test(lines[f.line - 2]);
  const noDaemonOnIptables = !lines.some((l) => DAEMON_ON_IPTABLES.test(l));
  const registryAbove = (f: Finding) => {
    if (f.line === undefined) return false;
    const chain = lines.slice(Math.max(0, f.line - 1 - CHAIN_WINDOW), f.line - 1);
    const hop = [...chain].reverse().find((l) => HOP_URL.test(l));
    if (hop === undefined || ENGINE_API_URL.test(hop)) return false;
    return REGISTRY_URL.test(hop) || chain.slice(0, chain.indexOf(hop) + 1).some((l) => DAEMON_ANSWERED_CHAIN.test(l));
  };
  return found
    .filter((f) => !(f.id === 'daemon-unreachable' && HTTP_CROSSED_TAIL.test(stripPrefixes(f.evidence)) && registryAbove(f)))
    .map((f) => (f.id === 'iptables-failure' && XTABLES_LOCK_HELD.test(f.evidence) && otherProgramWaited(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f))
    .filter((f) => !(f.id === 'overlay-on-overlay' && OVERLAY_CAPABLE_FS.test(f.evidence)))
    .filter((f) => !(f.id === 'memory-limit' && CONTAINERD_EXIT.test(f.evidence) && restartedBefore(f.line)))
    .filter((f) => !(booleanOn && f.id === 'selinux-denied' && CGROUP_REFUSED.test(f.evidence)))
    .filter((f) => !(cadvisorMountsOk && f.id === 'cgroup-readonly' && MOUNT_ROW.test(f.evidence)))
    .map((f) => (clientLibraryFailed && f.id === 'daemon-unreachable' && CLIENT_VERDICT.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f))
    .map((f) => (f.id === 'not-privileged' && boundInstead(f) ? { ...f, severity: weaker(f.severity, 'info') } : f))
    .map((f) => (mountBroken && f.id === 'not-privileged' && SECURITYFS_WARNING.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f))
    .map((f) => (f.id === 'iptables-failure' && BARE_NO_CHAIN.test(stripPrefixes(f.evidence)) && (afterHandRule(f) || noDaemonOnIptables) ? { ...f, severity: 'info' } : f));
}

/** Adjusts the severities that depend on more than one line. `messages` are the unwrapped lines. */
export function severityFromContext(findings: readonly Finding[], messages: readonly string[]): Finding[] {
  const text = messages.join('\n');
  let out = [...findings];
  if (out.some((f) => f.id === 'vfs-fallback')) {
    const vfs = vfsSeverity(text);
    out = out.map((f) => (f.id === 'vfs-fallback' && f.severity !== 'info' ? { ...f, severity: vfs } : f));
    // A daemon that runs on vfs logged its failed overlay probes on the way: they explain the vfs
    // finding and cost no more than it (nothing where vfs is expected, a fallback where it is not).
    if (!DID_NOT_START.test(text)) {
      out = out.map((f) => (STORAGE_PROBES.has(f.id) ? { ...f, severity: weaker(f.severity, vfs) } : f));
    }
  }
  // A daemon that came up (or a rootless one, which falls back to fuse-overlayfs by design) logged an
  // overlay probe it then did without: the guesses about it are only informational.
  const rootless = ROOTLESS.some((re) => re.test(text));
  if (!DID_NOT_START.test(text) && (rootless || DAEMON_UP.test(text))) {
    out = out.map((f) => (STORAGE_PROBES.has(f.id) && (f.severity === 'warning' || rootless) ? { ...f, severity: 'info' } : f));
  }
  if (!rootless) out = out.map((f) => (f.id === 'rootless-prerequisites' && SCOPE_DENIED.test(f.evidence) && f.severity === 'warning' ? { ...f, severity: 'info' } : f));
  if (rootless) {
    // A rootless daemon's overlay probe is refused by the kernel (before 5.11), not for want of --privileged.
    out = out.filter((f) => !(f.id === 'not-privileged' && OVERLAY_EPERM.test(f.evidence)));
    // Its own network namespace's iptables refused is the kernel's (a netfilter module a user namespace cannot load)
    // or the set-up's: --privileged is no fix for a rootless daemon on a host, and its runtime's capabilities are not
    // asked (docker:dind-rootless shown run without --privileged aside).
    if (!ROOTLESS_DIND_UNPRIVILEGED.test(text)) {
      out = out.map((f) => ((f.id === 'not-privileged' || f.id === 'caps-unavailable') && IPTABLES_REFUSED.test(f.evidence) ? { ...f, severity: 'info' } : f));
    }
    out = out.filter((f) => !(f.id === 'not-privileged' && ROOT_DATA_ROOT_REFUSED.test(f.evidence)));
  } else if (!DID_NOT_START.test(text) && DAEMON_UP.test(text)) {
    out = out.map((f) => (f.id === 'not-privileged' && OVERLAY_EPERM.test(f.evidence) ? { ...f, severity: 'info' } : f));
  }
  // An unmapped owner under a rootless or userns-remap daemon is its subordinate range, not a container's id map.
  if (rootless || USERNS_REMAP.test(text)) out = out.filter((f) => !(f.id === 'caps-unavailable' && LCHOWN_UNMAPPED.test(f.evidence)));
  // The overlay-on-overlay guess for an EINVAL overlay mount is dropped when the text names a
  // backing filesystem that explains it instead.
  if (NO_OVERLAY_FS.test(text) || /Supports d_type:\s*false|without d_type support/i.test(text)) {
    out = out.filter((f) => !(f.id === 'overlay-on-overlay' && f.severity === 'warning'));
  }
  // fuse-overlayfs (Podman's mount_program, Docker's fuse-overlayfs driver) runs in user space on an overlay backing
  // filesystem by design: `Backing Filesystem: overlayfs` under it is the working set-up, not a stacked kernel overlay.
  if (out.some((f) => f.id === 'overlay-on-overlay') && FUSE_OVERLAY.test(text)) out = out.filter((f) => !(f.id === 'overlay-on-overlay' && BACKING_OVERLAY.test(f.evidence)));
  if (USERNS_DAEMON.test(text) && !DID_NOT_START.test(text)) {
    out = out.map((f) => (f.id === 'not-privileged' && SECURITYFS_MOUNT.test(f.evidence) ? { ...f, severity: 'info' } : f));
  }
  // A daemon that came up on aufs (the aufs era, boot2docker) chose it and has it.
  if (DAEMON_UP.test(text) && !DID_NOT_START.test(text)) {
    out = out.map((f) => (f.id === 'aufs-module-missing' && AUFS_CHOSEN.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f));
  }
  if (FULL_CAPS.test(text) || RUN_PRIVILEGED.test(text)) {
    out = out.map((f) => (f.id === 'not-privileged' && MOUNT_EVIDENCE.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f));
  }
  if (STOP_TIMED_OUT.test(text)) out = out.filter((f) => !(f.id === 'memory-limit' && ENGINE_UNIT_KILLED.test(f.evidence)));
  if (DAEMON_ANSWERED.test(text)) out = out.filter((f) => f.id !== 'daemon-unreachable');
  // docker-py's connect frame hints at both socket readings; the exception's own line, read above info, says which.
  const socketSaid = out.some((f) => SOCKET_READINGS.has(f.id) && f.severity !== 'info');
  if (socketSaid) out = out.filter((f) => !(SOCKET_READINGS.has(f.id) && f.severity === 'info' && UNIXCONN_CONNECT.test(f.evidence)));
  // crun's named v1 hierarchy refused although asked for with its annotation: privileged or not, the host lacks it.
  if (FORCE_V1_ASKED.test(text)) {
    out = out.map((f) => ((f.id === 'not-privileged' || f.id === 'cgroup-readonly') && NAMED_V1_REFUSED.test(f.evidence) ? { ...f, severity: 'info' } : f));
  }
  if (PROXY_IN_THE_WAY.test(text)) out = out.map((f) => (f.id === 'daemon-unreachable' ? { ...f, severity: weaker(f.severity, 'info') } : f));
  // A bind whose source is a documentation placeholder copied as is (/path/to/…): the command's mistake, a hint.
  if (PLACEHOLDER_PATH.test(text)) out = out.map((f) => (f.id === 'dood-volume-path' ? { ...f, severity: weaker(f.severity, 'info') } : f));
  if (!SECOND_HOST.test(text)) {
    out = out.map((f) => (f.id === 'dood-volume-path' && MISSING_BIND.test(f.evidence) ? { ...f, severity: 'info' } : f));
  }
  // A published port taken on a daemon's host that only this client uses is the workload's clash with another program
  // there (a host's web or DNS server): a hint. Only with a shared daemon (a mounted socket, a dind service, a remote
  // daemon) do siblings collide, the nesting mistake the finding is about.
  if (!SHARED_DAEMON.test(text)) out = out.map((f) => (f.id === 'dood-port-conflict' ? { ...f, severity: weaker(f.severity, 'info') } : f));
  if (DAEMON_UP.test(text)) {
    out = out.map((f) => (f.id === 'iptables-failure' && /failed to find iptables/i.test(f.evidence) ? { ...f, severity: 'info' } : f));
  }
  if (SELINUX_DENIAL.test(text) && !/apparmor/i.test(text)) {
    out = out.map((f) => (f.id === 'apparmor-denied' ? { ...f, severity: weaker(f.severity, 'info') } : f));
  }
  out = out.map((f) => (f.id === 'cgroup-not-mounted' && CADVISOR.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f));
  if (NAMED_SYSTEMD_REFUSED.test(text) && !OTHER_MOUNT_REFUSED.test(text) && SYSTEM_CONTAINER.test(text)) {
    out = out.map((f) => {
      if (!NAMED_SYSTEMD_REFUSED.test(f.evidence)) return f;
      if (f.id === 'cgroup-not-mounted') return { ...f, severity: 'error' };
      return f.id === 'not-privileged' || f.id === 'cgroup-readonly' ? { ...f, severity: weaker(f.severity, 'info') } : f;
    });
  }
  if (workloadAtOwnLimit(text)) {
    out = out.map((f) => (f.id === 'memory-limit' && OOM_KILL.test(f.evidence) ? { ...f, severity: weaker(f.severity, 'info') } : f));
  }
  return privilegeFromContext(out, text, messages);
}
