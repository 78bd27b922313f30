// A level sharing its host's cgroup namespace on cgroup v2, read from what users paste from inside it: /proc/<pid>/cgroup,
// the namespace link, a listing of /sys/fs/cgroup. Shared by cgroupNamespaceViews.ts (systemd-cgls, lsns, inspect,
// mountinfo) through readInContainer, commandOutputLine, sharedSeverity and CONTAINER_PLACE.
import { TextHit, TextRule } from './types';

// A container started with the host's cgroup namespace on purpose, as the command shown says.
// Docker's flag and API field, dockerd's default (--default-cgroupns-mode, daemon.json), compose's `cgroup: host`,
// Podman's inspect field ("CgroupMode") and containers.conf's `cgroupns = "host"`.
export const CGROUPNS_HOST_ASKED = /(?:^|\s)--(?:default-)?cgroupns(?:-mode)?[= ]host\b|\bcgroupnsMode\W+host\b|\bcgroupns_mode\W+host\b|["']default-cgroupns-mode["']\s*:\s*["']host["']|^\s*cgroup:\s*["']?host["']?\s*$|"CgroupMode":\s*"host"|^\s*cgroupns\s*=\s*"host"/i;

// A command that runs in a container (started or entered: docker/podman/nerdctl run or exec, kubectl/oc/crictl/lxc/incus
// exec) and reads what follows it on its line, or a prompt whose host name is a container id (Docker's default). Two
// linear searches, not one pattern with a run of anything between them (quadratic on a long line of commands).
const CONTAINER_COMMAND = /\b(?:(?:docker|podman|nerdctl) (?:container )?(?:run|exec)|(?:kubectl|oc|crictl|lxc|incus) exec)\b/i;
// Also busybox's own prompt (`/ # `, a root shell at a path: docker:dind's and Alpine images' `sh` without a profile; an
// Alpine host's profile names the host), and a Deployment's pod ("dind-7d9f6c8b5f-x2k4p": replica-set hash, pod suffix).
const CONTAINER_PROMPT = /^\s*(?:\S*@(?:[0-9a-f]{12}|[a-z0-9-]{1,60}-[b-df-hj-np-tv-z2-9]{6,10}-[b-df-hj-np-tv-z2-9]{5}):[^\n]{0,200}[#$]\s*|\/[\w./-]{0,200} # )/i;

/** Does a container command on this line read `what` (after the command), or a container's prompt run it? */
export function readInContainer(line: string, what: RegExp, atPrompt?: RegExp): boolean {
  const command = CONTAINER_COMMAND.exec(line);
  if (command && what.test(line.slice(command.index + command[0].length))) return true;
  const prompt = atPrompt && CONTAINER_PROMPT.exec(line);
  return !!prompt && atPrompt!.test(line.slice(prompt[0].length));
}

// The kernel's initial cgroup namespace has a fixed inode (PROC_CGROUP_INIT_INO, 0xEFFFFFFB): a container's
// /proc/<pid>/ns/cgroup naming it shares the host's namespace. Only a container's (after a docker run or exec): the
// host's own PID 1 shows it too.
const NS_READ = /\/proc\/(?:\d+|self|thread-self)\/ns\/cgroup\b/;
const isContainerNsRead = (line: string) => readInContainer(line, NS_READ);
const INIT_CGROUP_NS = /\bcgroup:\[4026531835\]/;

const NEXT_COMMAND = /^\s*(?:\S*[$#>]\s|docker\b)/;

/** The output of the command on line i: the lines after it up to the next prompt, at most max - 1 of them. */
function outputOf(lines: readonly string[], i: number, max: number): string[] {
  const out: string[] = [];
  for (let j = i + 1; j < Math.min(lines.length, i + max) && !NEXT_COMMAND.test(lines[j]); j++) out.push(lines[j]);
  return out;
}

/** Index of the first output line `isOutput` accepts, of a command line `isCommand` accepts (at most max - 1 lines), or -1. */
export function commandOutputLine(lines: readonly string[], isCommand: (line: string) => boolean, max: number, isOutput: (line: string) => boolean): number {
  for (let i = 0; i < lines.length; i++) {
    if (!isCommand(lines[i])) continue;
    const k = outputOf(lines, i, max).findIndex(isOutput);
    if (k >= 0) return i + 1 + k;
  }
  return -1;
}

// cgroup v1 shown in the same text (a /proc/<pid>/cgroup v1 line, a v1 mount, docker info): sharing the namespace was
// the default there and costs nothing, so a shared one is only a hint. So is one the command shown asked for.
export const V1_SHOWN = /^\s*\d+:[\w,=]+:\/|\s-\s+cgroup\s+cgroup\s|\bCgroup Version:\s*1\b/;
export const sharedSeverity = (lines: readonly string[]) =>
  lines.some((l) => V1_SHOWN.test(l) || CGROUPNS_HOST_ASKED.test(l)) ? 'info' : 'warning';

function sharesInitCgroupNamespace(lines: readonly string[]): TextHit[] {
  const severity = sharedSeverity(lines);
  const read = commandOutputLine(lines, isContainerNsRead, 4, (l) => INIT_CGROUP_NS.test(l));
  if (read >= 0) return [{ index: read, severity }];
  const same = sameNamespaceAsReader(lines);
  if (same >= 0) return [{ index: same, severity }];
  // Without the command that shows where it was read, a hint: the host's own processes show that inode too.
  const bare = lines.findIndex((l) => INIT_CGROUP_NS.test(l));
  return bare >= 0 ? [{ index: bare, severity: 'info' }] : [];
}

// The shell's own namespace link ("cgroup:[4026532456]" of /proc/self or /proc/1, at a prompt that is not a container's),
// read again from a container started or entered from it: the same inode says the container shares that shell's cgroup
// namespace (a level's, when the shell is in one). A numbered process's link may be the container's own, read from outside.
const CGROUP_NS = /\bcgroup:\[(\d+)\]/;
const OWN_NS_READ = /\/proc\/(?:1|self|thread-self)\/ns\/cgroup\b/;

function sameNamespaceAsReader(lines: readonly string[]): number {
  const outside = new Set<string>();
  const inside: { inode: string; index: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A command's line, not a listing's (`ls -l` repeats the path beside the link it reads).
    if (!NS_READ.test(lines[i]) || CGROUP_NS.test(lines[i])) continue;
    const out = outputOf(lines, i, 4);
    const k = out.findIndex((l) => CGROUP_NS.test(l));
    if (k < 0) continue;
    const inode = CGROUP_NS.exec(out[k])![1];
    if (isContainerNsRead(lines[i])) inside.push({ inode, index: i + 1 + k });
    else if (OWN_NS_READ.test(lines[i]) && !CONTAINER_PROMPT.test(lines[i])) outside.add(inode);
  }
  return inside.find((r) => outside.has(r.inode))?.index ?? -1;
}

// The same read from /proc/1/cgroup (or self) inside a container on a cgroup v2 host, as the live check does
// (checks/cgroups.ts): in a private namespace its init sits at "/" (or "/init", systemd's "/init.scope", LXC's attach
// group "/.lxc", a unit of the container's own systemd), in the host's at its own place in the host's tree
// ("0::/docker/<id>", "0::/system.slice/docker-<id>.scope", "0::/kubepods/…"). Inside a container: after a container
// command, or at a shell whose host name is a container id. A v1 line beside it is a cgroup v1 or hybrid host, where
// sharing the namespace was the default and costs nothing.
const PROC_CGROUP = /\/proc\/(?:1|self|thread-self)\/cgroup\b/;
const CAT_PROC_CGROUP = /^(?:cat|head|tail|grep\s+\S+) \/proc\/(?:1|self|thread-self)\/cgroup\b/;
const isContainerCgroupRead = (line: string) => readInContainer(line, PROC_CGROUP, CAT_PROC_CGROUP);
const V2_LINE = /^\s*0::(\/\S*)\s*$/;
const V1_LINE = /^\s*\d+:[\w,=]+:\//;
// A process's own cgroup file read at any prompt (`cat /proc/self/cgroup`, or head, tail, `grep 0::`): "self" is the reader, and 1 is the host's
// init on the host. Either at a container's own place in the host's tree is read from a container that sees that tree.
const CGROUP_FILE_AT_PROMPT = /(?:^|[#$>]\s*)(?:sudo\s+)?(?:cat|head|tail|grep\s+\S+) \/proc\/(?:1|self|thread-self)\/cgroup\s*$/;
// A container id, one a report cut short ("4f1c2d3e…", "4f1c2d3e..."), or the placeholder it put in its place
// ("<container-id>", "{id}", "$CID", "xxxx").
const CONTAINER_ID = String.raw`(?:[0-9a-f]{12,}|[0-9a-f]{4,}(?:\.{3,4}|…)|<[^<>\s/]{1,40}>|\{[^{}\s/]{1,40}\}|\$\{?\w{1,40}\}?|x{4,})`;
// A container's place in a host's v2 tree, by the names Docker (cgroupfs and systemd drivers, rootful or rootless),
// Podman, containerd and nerdctl (a scope, or its namespace's folder), CRI-O (a scope, or cgroupfs' "crio-<id>"), the
// kubelet, LXC, systemd-nspawn (a machine scope, or its template service), BuildKit's runc worker, ECS, Nomad and GitHub
// Actions' job containers give it; and a full 64-digit container id as a folder of its own (any --cgroup-parent). Segments bounded, each one folder: a run of slashes must not be tried every way.
export const CONTAINER_PLACE = new RegExp(
  String.raw`^\/(?:[\w.@:-]{1,200}\/){0,12}?(?:(?:docker|libpod|cri-containerd|crio|containerd|nerdctl)-${CONTAINER_ID}\.scope|crio-${CONTAINER_ID}|[0-9a-f]{64}|(?:docker|actions_job|default|k8s\.io)\/${CONTAINER_ID}|buildkit\/(?:[0-9a-z]{25}|${CONTAINER_ID})|libpod_parent\/libpod-${CONTAINER_ID}|kubepods[\w.-]{0,100}\/(?:[\w.-]{1,200}\/){0,3}?${CONTAINER_ID}|lxc\.payload\.[\w.-]+|lxc\/[\w.-]+|machine\.slice\/(?:machine-(?!qemu\\x2d)[\w\\.-]+\.scope|systemd-nspawn@[\w\\.-]+\.service)|ecs\/[0-9a-f]{32}|nomad\.slice\/[0-9a-f]{8}-[0-9a-f-]{27}\.[\w.-]+\.scope)(?:\/|$)`,
);
// Where a container's own processes sit in a private namespace: its root, "/init" (the entrypoint wrapper's), systemd's
// init.scope, slices and units, LXC's attach group.
const OWN_PLACE = /^\/(?:init(?:\.scope)?|\.lxc|system\.slice\/[\w@.\\-]+\.(?:service|scope|socket)|user\.slice(?:\/\S*)?|[\w@.-]+\.slice)?(?:\/|$)/;

const HOST_SHELL = /\bnsenter1?\b|--pid[= ]host\b/;

function initOutsideOwnNamespace(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    const inContainer = isContainerCgroupRead(lines[i]);
    if (!inContainer && !CGROUP_FILE_AT_PROMPT.test(lines[i])) continue;
    const out = outputOf(lines, i, 20);
    if (out.some((l) => V1_LINE.test(l))) continue;
    const k = out.findIndex((l) => V2_LINE.test(l));
    const path = k >= 0 ? V2_LINE.exec(out[k])![1] : undefined;
    if (!path) continue;
    const place = CONTAINER_PLACE.test(path);
    // (A shell entered into the host's namespaces on purpose, Docker Desktop's nsenter1 or a --pid=host container, reads
    // the file from the VM's side: a hint.)
    if (place || (inContainer && !OWN_PLACE.test(path))) return [{ index: i + 1 + k, severity: lines.some((l) => HOST_SHELL.test(l)) ? 'info' : sharedSeverity(lines) }];
  }
  // Without the command that read it, a v2-only file at a container's place is a hint: the host reading a container
  // process's file shows the same line.
  if (lines.some((l) => V1_LINE.test(l))) return [];
  const bare = lines.findIndex((l) => V2_LINE.test(l) && CONTAINER_PLACE.test(V2_LINE.exec(l)![1]));
  return bare >= 0 ? [{ index: bare, severity: 'info' }] : [];
}

// A listing of /sys/fs/cgroup made inside a container (after a container command, or at a shell whose host name is a
// container id) that shows the host's own top-level groups on v2 (init.scope, system.slice, user.slice beside
// cgroup.controllers): the container sees the host's tree, not a namespace of its own.
const LS_CGROUP = /\bls\b[^\n]*?\/sys\/fs\/cgroup\/?(?:\s|$)/;
const LS_CGROUP_AT_PROMPT = /^ls\b[^\n]*?\/sys\/fs\/cgroup\/?\s*$/;
const HOST_TOP_GROUP = /\b(?:init\.scope|system\.slice|user\.slice)\b/;
const HOST_TOP_GROUPS = new RegExp(HOST_TOP_GROUP.source, 'g');
const KUBEPODS = /(?:^|\s)kubepods(?:\.slice)?(?=\s|\/|$)/m;
export const NODE_CONTAINER = /\b(?:kind|k3d)-[\w-]+|[\w-]+-(?:control-plane|worker\d*)\b|\bminikube\b/;

function listsHostTree(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    if (!readInContainer(lines[i], LS_CGROUP, LS_CGROUP_AT_PROMPT)) continue;
    const out = outputOf(lines, i, 30);
    const listing = out.join('\n');
    const groups = new Set(listing.match(HOST_TOP_GROUPS) ?? []);
    // The kubelet's pods folder alone is enough, except in a Kubernetes node container (kind, k3d, minikube), whose own
    // kubelet makes one in its private namespace.
    if (/\bcgroup\.controllers\b/.test(listing) && (groups.size >= 2 || (KUBEPODS.test(listing) && !NODE_CONTAINER.test(lines[i])))) {
      return [{ index: i + 1 + Math.max(0, out.findIndex((l) => HOST_TOP_GROUP.test(l) || KUBEPODS.test(l))), severity: 'warning' }];
    }
  }
  return [];
}

export const cgroupNamespaceReadRules: TextRule[] = [
  { id: 'cgroupns-host', scan: (lines) => sharesInitCgroupNamespace(lines) },
  { id: 'cgroupns-host', scan: (lines) => initOutsideOwnNamespace(lines) },
  { id: 'cgroupns-host', scan: (lines) => listsHostTree(lines) },
];
