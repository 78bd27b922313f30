// A level without a cgroup namespace of its own, seen through tools other than /proc/<pid>/cgroup (cgroups.ts): the
// header of systemd-cgls, util-linux's lsns, a `docker inspect --format` of the mode, and `docker info` of a cgroup v2
// daemon that does not list the cgroupns security option.
import { commandOutputLine, CONTAINER_PLACE, NODE_CONTAINER, readInContainer, sharedSeverity } from './cgroupNamespaceReads';
import { TextHit, TextRule } from './types';

// systemd-cgls prints the group it shows ("CGroup %s:", before 2023 "Control group %s:"), read from /proc/1/cgroup: in a
// private namespace "/", in the host's the container's own place. Run in the container (after a container command or
// at a container's prompt) it is the container's view; the header alone may be the host showing that group.
const CGLS = /\bsystemd-cgls\b/;
const CGLS_AT_PROMPT = /^systemd-cgls\b(?:\s+-{1,2}[\w-]+)*\s*$/;
const CGLS_HEADER = /^\s*(?:CGroup|Control group) (\/\S*):\s*$/;

// (A systemd-cgls given a group to show prints that group as its header: nothing to read there.)
const CGLS_WITH_PATH = /\bsystemd-cgls\b[^\n]{0,200}\s\/\S/;

const hostPlaceHeader = (l: string) => CGLS_HEADER.test(l) && CONTAINER_PLACE.test(CGLS_HEADER.exec(l)![1]);
// Or its tree from "/" drawing the container's own scope (named after the id its prompt shows) among the host's groups,
// or the kubelet's pods outside a Kubernetes node container (kind, k3d, minikube make their own).
const KUBEPODS_ROW = /^[\s│├└─|`-]*kubepods(?:\.slice)?\b/;
const PROMPT_ID = /^\s*\S*@([0-9a-f]{12}):/i;

function cglsHostPlace(lines: readonly string[]): TextHit[] {
  const inContainer = (l: string) => readInContainer(l, CGLS, CGLS_AT_PROMPT) && !CGLS_WITH_PATH.test(l);
  const read = commandOutputLine(lines, inContainer, 4, hostPlaceHeader);
  if (read >= 0) return [{ index: read, severity: sharedSeverity(lines) }];
  const ownScope = (id: string) => new RegExp(`(?:docker|libpod|cri-containerd|crio)-${id}[0-9a-f]*\\.scope\\b`);
  for (let i = 0; i < lines.length; i++) {
    if (!inContainer(lines[i])) continue;
    const id = PROMPT_ID.exec(lines[i])?.[1];
    const row = commandOutputLine(lines.slice(i, i + 60), (l) => l === lines[i], 60, (l) => (!!id && ownScope(id).test(l)) || (KUBEPODS_ROW.test(l) && !NODE_CONTAINER.test(lines[i])));
    if (row >= 0) return [{ index: i + row, severity: sharedSeverity(lines) }];
  }
  if (lines.some((l) => CGLS_WITH_PATH.test(l))) return [];
  const bare = lines.findIndex(hostPlaceHeader);
  return bare >= 0 ? [{ index: bare, severity: 'info' }] : [];
}

// lsns prints the namespace's inode bare ("4026531835 cgroup  7  1 root …"): the kernel's initial cgroup namespace
// (PROC_CGROUP_INIT_INO), listed from inside a container, is the host's.
const LSNS = /\blsns\b/;
// Listed through the host's pid namespace or nsenter: the host's own namespaces.
const HOST_VIEW = /--pid[= ]host\b|\bhostPID\b|\bnsenter\b/;
const INIT_CGROUP_ROW = /^\s*4026531835\s+cgroup\s+\d+\s/;

// `stat -L -c %i /proc/self/ns/cgroup` prints the same inode alone.
const STAT_NS = /\bstat\b[^\n]{0,100}\/proc\/(?:\d+|self|thread-self)\/ns\/cgroup\b/;

function lsnsInitNamespace(lines: readonly string[]): TextHit[] {
  const inContainer = (l: string) => readInContainer(l, LSNS, /^lsns\b/) && !HOST_VIEW.test(l);
  const row = commandOutputLine(lines, inContainer, 12, (l) => INIT_CGROUP_ROW.test(l));
  if (row >= 0) return [{ index: row, severity: sharedSeverity(lines) }];
  const stat = commandOutputLine(lines, (l) => readInContainer(l, STAT_NS, /^stat\b/) && !HOST_VIEW.test(l), 3, (l) => /^\s*4026531835\s*$/.test(l));
  return stat >= 0 ? [{ index: stat, severity: sharedSeverity(lines) }] : [];
}

// `docker inspect --format '{{.HostConfig.CgroupnsMode}}' …` (Podman's `.HostConfig.CgroupMode`) answering "host": asked
// for, as --cgroupns=host (a hint).
const INSPECT_CGROUPNS = /\binspect\b[^\n]{0,200}\.HostConfig\.Cgroup(?:ns)?Mode\b/;

function inspectedHostMode(lines: readonly string[]): TextHit[] {
  const answer = commandOutputLine(lines, (l) => INSPECT_CGROUPNS.test(l), 3, (l) => /^\s*host\s*$/.test(l));
  return answer >= 0 ? [{ index: answer, severity: 'info' }] : [];
}

// `docker info` of a cgroup v2 daemon whose whole Security Options block (up to the next top-level key) has no cgroupns:
// Docker 20.10+ lists it when containers get a private namespace by default (daemon.json default-cgroupns-mode). A hint.
const SECURITY_OPTIONS = /^\s*Security Options:\s*$/;
const TOP_KEY = /^ ?[A-Z][\w ]{2,30}:/;

// (Docker's own: Podman's Docker-compatible API never lists cgroupns, nor a containerd version.)
function infoWithoutCgroupns(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => /^\s*Cgroup Version:\s*2\s*$/.test(l)) || !lines.some((l) => /^\s*containerd version:\s*\S/.test(l))) return [];
  const start = lines.findIndex((l) => SECURITY_OPTIONS.test(l));
  if (start < 0) return [];
  const block: string[] = [];
  for (let j = start + 1; j < Math.min(lines.length, start + 15); j++) {
    if (TOP_KEY.test(lines[j]) && !/^\s*Profile:/.test(lines[j])) {
      return block.some((l) => /^\s*cgroupns\s*$/.test(l)) || block.length === 0 ? [] : [{ index: start, severity: 'info' }];
    }
    block.push(lines[j]);
  }
  return [];
}

// /proc/<pid>/mountinfo's cgroup2 line ("… 0:27 /docker/<id> /sys/fs/cgroup … - cgroup2 cgroup …"): the root field is the
// mount's root as seen from the reader's cgroup namespace, so a container's place there is read from the host's
// namespace; in a container's own it is "/". Read after a container command or at a container's prompt, a container's
// view; bare, a hint (the host reading a bound tree shows it too).
const MOUNTINFO_CGROUP2 = /^\s*\d+ \d+ \d+:\d+ (\/\S*) \/\S* \S+(?: [\w:.-]+){0,8} - cgroup2 /;
const MOUNTINFO_READ = /\/proc\/(?:1|self|thread-self)\/mountinfo\b|\bfindmnt\b/;
const MOUNTINFO_AT_PROMPT = /^(?:cat|grep\b[^\n]*?) \/proc\/(?:1|self|thread-self)\/mountinfo\b|^findmnt\b/;
// findmnt shows the same root after the source ("/sys/fs/cgroup cgroup2[/docker/<id>] cgroup2 …").
const FINDMNT_CGROUP2 = /^\s*\/sys\/fs\/cgroup\S*\s+\S*\[(\/[^\]\s]+)\]\s+cgroup2\b/;
const mountRootAtPlace = (l: string) => {
  const root = MOUNTINFO_CGROUP2.exec(l)?.[1] ?? FINDMNT_CGROUP2.exec(l)?.[1];
  return !!root && CONTAINER_PLACE.test(root);
};

function mountinfoHostPlace(lines: readonly string[]): TextHit[] {
  const inContainer = (l: string) => readInContainer(l, MOUNTINFO_READ, MOUNTINFO_AT_PROMPT);
  const read = commandOutputLine(lines, inContainer, 40, mountRootAtPlace);
  if (read >= 0) return [{ index: read, severity: sharedSeverity(lines) }];
  const bare = lines.findIndex(mountRootAtPlace);
  return bare >= 0 ? [{ index: bare, severity: 'info' }] : [];
}

// A report quoting a v2 /proc/<pid>/cgroup line inline ("…/proc/self/cgroup shows 0::/docker/<id>"), not as a paste of
// the file: a container's place in the host's tree, seen from where the report read it: a hint. A v1 line anywhere
// (sharing was v1's default) keeps it quiet.
const INLINE_V2_LINE = /(?:^|[\s`'"(])0::(\/[^\s`'")]+)/;
// (A report saying it read the line on the host, as it should read there.)
const HOST_SIDE_QUOTE = /\b(?:on|from) the host\b|\bhost's view\b/i;
function quotesHostPlace(lines: readonly string[]): TextHit[] {
  if (lines.some((l) => /^\s*\d+:[\w,=]+:\//.test(l) || /(?:^|[\s`'"(])\d+:[a-z_,=]+:\/\S/.test(l))) return [];
  const index = lines.findIndex((l) => {
    const m = INLINE_V2_LINE.exec(l);
    return !!m && !/^\s*0::/.test(l) && !HOST_SIDE_QUOTE.test(l) && CONTAINER_PLACE.test(m[1]);
  });
  return index >= 0 ? [{ index, severity: 'info' }] : [];
}

// A privileged Kubernetes container (a pod spec's securityContext) beside cgroup v2: containerd's CRI (1.5+) and CRI-O give
// privileged containers no cgroup namespace there, so a dind pod sees the node's tree. A hint: the paste does not show
// the runtime.
const POD_PRIVILEGED = /^\s*privileged:\s*true\s*$/;
const POD_CONTEXT = /\bsecurityContext:|\bkind:\s*(?:Pod|Deployment|StatefulSet|DaemonSet|Job)\b|\bkubectl\b/;
const V2_SHOWN = /^\s*cgroup2fs\s*$|\bCgroup Version:\s*2\b|^\s*cgroup2? on \/sys\/fs\/cgroup type cgroup2\b|^\s*0::\//;
function privilegedPodOnV2(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => POD_PRIVILEGED.test(l));
  if (index < 0 || !lines.some((l) => POD_CONTEXT.test(l)) || !lines.some((l) => V2_SHOWN.test(l))) return [];
  return [{ index, severity: 'info' }];
}

// A container's own group repeated below itself ("/docker/<id>/docker/<id>/system.slice/…", or systemd's
// "docker-<id>.scope" twice): systemd (or another cgroup manager) in the container read its place from /proc/self/cgroup
// in the host's namespace and made it again under the subtree mounted as its /sys/fs/cgroup. Only a shared cgroup
// namespace does that; a level nested in a level shows two different ids. A hint: on a cgroup v1 host such a container
// often works all the same (kind nodes, systemd images), so the doubled path says why, not that it failed.
const OWN_GROUP_TWICE = /\/(?:docker\/|docker-)([0-9a-f]{64})(?:\.scope)?\/(?:[\w.-]+\/)?(?:docker\/|docker-)\1\b/;
function ownGroupTwice(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => OWN_GROUP_TWICE.test(l));
  return index >= 0 ? [{ index, severity: 'info' }] : [];
}

export const cgroupNamespaceViewRules: TextRule[] = [
  { id: 'cgroupns-host', scan: (lines) => ownGroupTwice(lines) },
  { id: 'cgroupns-host', scan: (lines) => mountinfoHostPlace(lines) },
  { id: 'cgroupns-host', scan: (lines) => quotesHostPlace(lines) },
  { id: 'cgroupns-host', scan: (lines) => cglsHostPlace(lines) },
  { id: 'cgroupns-host', scan: (lines) => lsnsInitNamespace(lines) },
  { id: 'cgroupns-host', scan: (lines) => inspectedHostMode(lines) },
  { id: 'cgroupns-host', scan: (lines) => infoWithoutCgroupns(lines) },
  { id: 'cgroupns-host', scan: (lines) => privilegedPodOnV2(lines) },
];
