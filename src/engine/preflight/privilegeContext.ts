// Which of two readings of a refused privileged call comes first, from what else the paste shows about the level: a
// level started without --privileged (not-privileged), or a level whose runtime cannot hand out what --privileged asks
// for (caps-unavailable: an LXC or nspawn container, a user namespace, a sandbox runtime).
import { compareSeverity, Finding, Severity } from '../core/finding';
import { makeFinding } from './catalog';
import { MOUNT_RETRIED_READ_ONLY, PRIVILEGED_SELF_CHECK } from './classifyRules/security';

// The not-privileged hint security.ts gives a dind image run or listed without --privileged (the command, or a compose
// file's or pod spec's image line).
const UNPRIVILEGED_LAUNCH = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b|^\s*(?:-\s*)?image:/;

// The level is a container whose runtime keeps capabilities from everything in it, as the paste says: LXC's and
// nspawn's environment (/proc/1/environ, `systemd-detect-virt`, systemd's boot line), Proxmox's unprivileged container,
// a user namespace mapped to a high host id (/proc/self/uid_map), `docker info`'s userns option, gVisor's boot line,
// sysbox's, gVisor's or Kata's runtime in use.
const RESTRICTING_RUNTIME = [
  /(?:^|\s|\^@|\\0)container=(?:lxc|lxc-libvirt|systemd-nspawn)\b/m,
  /\bsystemd-detect-virt\b[^\n]*\n[ \t]*(?:lxc|lxc-libvirt|systemd-nspawn)[ \t]*$/m,
  /\bDetected virtualization (?:lxc|lxc-libvirt|systemd-nspawn)\b/,
  /^[ \t]*unprivileged:[ \t]*1[ \t]*$/m,
  /^[ \t]*0[ \t]+[1-9]\d{4,}[ \t]+\d+[ \t]*$/m,
  /^[ \t]*(?:Security Options:.*\b)?userns[ \t]*$|\bname=userns\b/m,
  // The runtime in use, not one merely installed (`docker info`'s Runtimes list names every one).
  /\bStarting gVisor\b|^[ \t]*Default Runtime:[ \t]*(?:runsc|sysbox-runc|kata\S*)[ \t]*$|--runtime[= ](?:runsc|sysbox-runc|kata\S*)\b|"Runtime":\s*"(?:runsc|sysbox-runc|kata[^"]*)"|\bruntimeClassName:\s*["']?(?:gvisor|runsc|sysbox\S*|kata\S*)\b/m,
];
// The refusals a runtime's missing capabilities explain as well as a missing --privileged: mounts, namespaces, sysctls,
// iptables, the session keyring, each refused with EPERM or EACCES (mount(8) says so as "cannot mount … read-only").
const RUNTIME_REFUSED = /\b(?:mount|mounting|unshare|setns|sysctl|iptables|keyring|session key|remount)\b[^\n]{0,400}?\b(?:operation not permitted|permission denied|read-only file system)\b/i;
const RUNTIME_REFUSAL = new RegExp(`${RUNTIME_REFUSED.source}|${MOUNT_RETRIED_READ_ONLY.source}`, 'i');

// minikube's kic driver starts its node container --privileged itself: a refusal in the node's log that minikube quotes
// ("create kic node: … log: …", up to the next command the paste shows) is the runtime's under it (an LXD CI runner,
// rootless Docker or Podman).
const KIC_NODE_LOG = /\bcreat(?:e|ing) kic node\b/;
const NEXT_PASTED_COMMAND = /^\s*(?:\S*@\S*[$#]|[$>])\s+\S|\b(?:docker|podman|nerdctl|kubectl)\s+(?:container\s+)?(?:run|create|exec|logs|apply)\b/;
function refusedInKicNode(messages: readonly string[]): boolean {
  const node = messages.findIndex((m) => KIC_NODE_LOG.test(m));
  if (node < 0) return false;
  for (let i = node; i < messages.length; i++) {
    if (RUNTIME_REFUSAL.test(messages[i])) return true;
    if (i > node && NEXT_PASTED_COMMAND.test(messages[i])) return false;
  }
  return false;
}

const INSIDE_AFTER_LAUNCH = /\b(?:docker|podman|nerdctl|kubectl)\s+(?:container\s+)?(?:exec|logs)\b|\brootlesskit\b|\bnewuidmap\b/;

// A run or create whose options (before the image) hold --privileged. Options that take a value skip it.
const RUN_COMMAND = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\s+([^\n]{0,2000})/;
const VALUED_OPTION = /^(?:-[pvewumhlc]|--(?:name|network|net|mount|env|env-file|volume|publish|user|workdir|entrypoint|hostname|restart|label|add-host|device|cap-add|cap-drop|security-opt|cgroupns|memory|cpus|shm-size|ulimit|log-driver|log-opt|tmpfs|platform|pull|runtime|ipc|pid|uts|userns|dns|gpus|group-add|link|expose|volumes-from|stop-signal|stop-timeout|health-cmd|cidfile|cgroup-parent|storage-opt|sysctl|memory-swap|cpuset-cpus|pids-limit))$/;
function optionsHoldPrivileged(args: string): boolean {
  const tokens = args.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // (Docker before 1.0 also took long options after one dash: `-privileged`.)
    if (t === '--privileged' || t === '--privileged=true' || t === '-privileged' || t === '-privileged=true') return true;
    if (!t.startsWith('-')) return false;
    if (VALUED_OPTION.test(t)) i++;
  }
  return false;
}
// A command line of the paste: at a prompt (`$ `, `user@host:~$ `, `root@id:/# `, busybox's `/ # `), a shell trace's
// `+ `, or a build step running a command; a `# comment` alone is none.
const COMMAND_LINE = /^\s*(?:(?:\S*@\S*[$#]|\/[\w./-]* #|[$>+])\s+\S|Step \d+\/\d+ : RUN\b|#\d+ \[[^\]]*\] RUN\b)/;
const SEEN_COMMAND = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:logs|exec|attach|start)\s+([^\n]{0,2000})/;
const VALUED_SEEN_OPTION = /^(?:-[euw]|--(?:env|user|workdir|tail|since|until|detach-keys|env-file))$/;
/** The container a logs/exec/attach/start command names (its first argument past the options). */
function seenName(line: string): string | undefined {
  const args = SEEN_COMMAND.exec(line)?.[1].trim().split(/\s+/) ?? [];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('-')) return args[i].replace(/^["']|["']$/g, '');
    if (VALUED_SEEN_OPTION.test(args[i])) i++;
  }
  return undefined;
}
const nameOf = (options: string): string | undefined => /(?:^|\s)--name[= ]["']?([\w.-]+)/.exec(options)?.[1];

/**
 * The options of the run or create of the container a refusal (the first message `at` matches) was made in, as the
 * paste shows: the nearest command before it is that container's run or create, or a logs/exec/attach/start of a
 * container the paste ran under that name (or, none having it, ran without a name). Any other command (a build step, a
 * compose service, an exec into another container, a host command) says nothing of it: undefined.
 */
function launchBefore(messages: readonly string[], at: RegExp): string | undefined {
  const index = messages.findIndex((m) => at.test(m));
  for (let i = index - 1; i >= 0; i--) {
    const run = RUN_COMMAND.exec(messages[i]);
    if (run) return run[1];
    if (!COMMAND_LINE.test(messages[i])) continue;
    const name = seenName(messages[i]);
    if (!name) return undefined;
    // The run under that name, or else the last run given no name (the paste then names it by an id or a name it
    // does not show).
    const runs = messages.slice(0, i).map((m) => RUN_COMMAND.exec(m)).filter((r) => r !== null);
    const named = runs.filter((r) => nameOf(r[1]) === name);
    const candidates = named.length > 0 ? named : runs.filter((r) => nameOf(r[1]) === undefined);
    return candidates.length > 0 ? candidates[candidates.length - 1][1] : undefined;
  }
  return undefined;
}

function ranPrivilegedBefore(messages: readonly string[], at: RegExp): boolean {
  const options = launchBefore(messages, at);
  return options !== undefined && optionsHoldPrivileged(options);
}

// A daemon that found no storage driver it could use (moby graphdriver: "error initializing graphdriver: driver not
// supported", also after "prior storage driver %s failed"), started in a container the paste shows run without
// --privileged: overlay's mounts are refused there, and an image that names its driver stops on it (a hint).
const NO_DRIVER = /error initializing graphdriver:[^\n]{0,300}\bdriver not supported\b/i;

// Not the host's own daemon (its journal's "dockerd[pid]:"), nor after a run that reached no daemon at all; the launch a
// command at a prompt, not a run quoted in prose.
const HOST_DAEMON_JOURNAL = /\b(?:dockerd|docker)\[\d+\]:/;
const NO_DAEMON = /Cannot connect to the Docker daemon|Is the docker daemon running\?/i;

function unprivilegedDriverFailure(findings: readonly Finding[], messages: readonly string[]): Finding[] {
  const failed = findings.find((f) => f.id === 'storage-driver-unsupported' && NO_DRIVER.test(f.evidence));
  if (!failed || HOST_DAEMON_JOURNAL.test(failed.evidence) || findings.some((f) => f.id === 'not-privileged')) return [...findings];
  const at = messages.findIndex((m) => NO_DRIVER.test(m));
  let launch = at - 1;
  while (launch >= 0 && !RUN_COMMAND.test(messages[launch])) launch--;
  if (launch < 0 || !COMMAND_LINE.test(messages[launch]) || messages.slice(launch + 1, at).some((m) => NO_DAEMON.test(m))) return [...findings];
  const options = launchBefore(messages, NO_DRIVER);
  if (options === undefined || optionsHoldPrivileged(options)) return [...findings];
  return [...findings, { ...makeFinding('not-privileged', failed.evidence, { severity: 'info' }), line: failed.line }];
}

const stronger = (a: Severity, b: Severity): Severity => (compareSeverity(a, b) >= 0 ? a : b);

// A Kubernetes pod or an OpenShift task (as the paste shows) whose id maps were refused (shadow's newuidmap "write to
// uid_map failed: Operation not permitted", also under RootlessKit): a pod not run privileged has no CAP_SETUID or
// CAP_SETGID for newuidmap (OpenShift's restricted SCC drops them; allowPrivilegeEscalation: false stops the setuid
// bit). Privileges, not a runtime that cannot grant them, are what it lacks; a pod shown privileged, or under a runtime
// that keeps capabilities, stays the runtime's.
const POD_CONTEXT = /\bkubectl (?:exec|logs|debug|run|apply|describe)\b|\boc (?:exec|rsh|logs|run|apply|create|debug)\b|^\[pod\/|\bopenshift\b|\bsecurityContext:|^[ \t]*kind:[ \t]*(?:Pod|Deployment|Job|StatefulSet|DaemonSet|TaskRun|PipelineRun)[ \t]*$|\btekton\b|\bscc\/\w+|\bSecurityContextConstraints\b/im;
// (A manifest's YAML or JSON, inline or flow style.)
const POD_PRIVILEGED = /"?\bprivileged"?[ \t]*:[ \t]*true\b/;
const ID_MAP_REFUSED = /write to [ug]id_map failed: Operation not permitted/i;

function unprivilegedPodIdMaps(findings: readonly Finding[], text: string): Finding[] {
  const caps = findings.find((f) => f.id === 'caps-unavailable' && f.severity !== 'info' && ID_MAP_REFUSED.test(f.evidence));
  if (!caps || findings.some((f) => f.id === 'not-privileged') || !POD_CONTEXT.test(text) || POD_PRIVILEGED.test(text) || RESTRICTING_RUNTIME.some((re) => re.test(text))) {
    return [...findings];
  }
  return [
    ...findings.map((f) => (f === caps ? { ...f, severity: 'info' as Severity } : f)),
    { ...makeFinding('not-privileged', caps.evidence, { severity: caps.severity }), line: caps.line },
  ];
}

/** Re-ranks not-privileged against caps-unavailable where the paste says how the level was started or what runs it. */
export function privilegeFromContext(findings: readonly Finding[], text: string, messages: readonly string[]): Finding[] {
  let out = unprivilegedPodIdMaps(unprivilegedDriverFailure(findings, messages), text);
  // A program's own check failing after the paste started it with --privileged (among the options, before the image):
  // the runtime did not deliver what --privileged promises (an LXC, nspawn or sysbox level without /dev/kmsg or every
  // device, a user namespace).
  if (out.some((f) => f.id === 'not-privileged' && PRIVILEGED_SELF_CHECK.test(f.evidence)) && ranPrivilegedBefore(messages, PRIVILEGED_SELF_CHECK)) {
    out = out.flatMap((f) =>
      f.id === 'not-privileged' && PRIVILEGED_SELF_CHECK.test(f.evidence)
        ? [{ ...makeFinding('caps-unavailable', f.evidence, { severity: f.severity }), line: f.line }, { ...f, severity: 'info' as Severity }]
        : [f],
    );
  }
  const launchHint = out.find((f) => f.id === 'not-privileged' && f.severity === 'info' && UNPRIVILEGED_LAUNCH.test(f.evidence));
  const caps = out.filter((f) => f.id === 'caps-unavailable' && f.severity !== 'info');
  // A dind level shown started without --privileged, and a refusal made inside it afterwards (a command run in it, its
  // log, RootlessKit's id maps): what its runtime "cannot grant" it was never asked for. Not the launch's own failure:
  // a runtime that cannot apply even the default capabilities would not apply more for --privileged.
  if (launchHint && caps.length > 0 && INSIDE_AFTER_LAUNCH.test(text)) {
    const severity = caps.map((f) => f.severity).reduce(stronger);
    return out.map((f) => (f === launchHint ? { ...f, severity } : f.id === 'caps-unavailable' ? { ...f, severity: 'info' as Severity } : f));
  }
  if (launchHint) return out;
  // A level run by a runtime that keeps capabilities (as the paste says), or a mount, namespace or sysctl refused in a
  // container the paste shows started with --privileged (the nearest command before the refusal): the refusals are the
  // runtime's (a rootless or user-namespaced daemon, an LXC or sysbox level), --privileged would not help.
  const ranPrivileged = ranPrivilegedBefore(messages, RUNTIME_REFUSAL) || refusedInKicNode(messages);
  if (!ranPrivileged && !RESTRICTING_RUNTIME.some((re) => re.test(text))) return out;
  const refused = out.filter((f) => f.id === 'not-privileged' && (f.severity !== 'info' || ranPrivileged) && RUNTIME_REFUSAL.test(f.evidence));
  if (refused.length === 0) return out;
  const first = refused[0];
  out = out.map((f) => (refused.includes(f) ? { ...f, severity: 'info' as Severity } : f));
  const existing = out.find((f) => f.id === 'caps-unavailable');
  if (existing) return out.map((f) => (f === existing ? { ...f, severity: stronger(f.severity, first.severity) } : f));
  return [...out, { ...makeFinding('caps-unavailable', first.evidence, { severity: first.severity }), line: first.line }];
}
