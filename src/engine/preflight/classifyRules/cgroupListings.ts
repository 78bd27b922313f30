// Listings of cgroup files pasted from a level. First, /sys/fs/cgroup listed from inside a level (`ls -la /sys/fs/cgroup`,
// `find /sys/fs/cgroup -type d`) that shows no cgroup filesystem at all: an empty directory, or only a cgroup manager's own folders (cgmanager's
// "cgmanager", "cgmanager.lower"). Nothing in the level can create a cgroup there, so no engine can run.
import { TextHit, TextRule } from './types';

// The command, at a shell prompt or in a CI step's echo ("running ls -lah /sys/fs/cgroup/").
const LISTED = /(?:^|[\s$#>])(?:ls(?: -[a-zA-Z]+)*|find) \/sys\/fs\/cgroup\/?(?: -type d| -maxdepth \d+)*\s*$/;
// `ls -l`'s rows ("dr-xr-xr-x 2 root root 0 Sep 17 20:22 ."), and its "total N" head.
const LONG_ROW = /^\s*[dlcbps-][rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+(\S+)\s*$/;
const TOTAL = /^\s*total \d+\s*$/;
// A find row: the path itself, or an entry below it.
const FIND_ROW = /^\s*\/sys\/fs\/cgroup(?:\/([^/\s]+)\S*)?\s*$/;
// Entries a mounted cgroup filesystem has (v1 hierarchies and their symlinks, the named and unified ones, v2's interface
// files and systemd's groups): one of them and the directory is not empty of cgroups.
const CGROUP_ENTRY = /^(?:cgroup\.[\w.]+|(?:cpuset|cpu|cpuacct|memory|blkio|pids|freezer|net_cls|net_prio|hugetlb|perf_event|devices|rdma|misc|io|systemd|unified|elogind|openrc|name=\w+)(?:[,.][\w.,=]*)?|[\w@:.\\-]+\.(?:slice|scope))$/;

const MANAGER_FOLDER = /^cgmanager(?:\.lower)?$/;

function emptyCgroupListing(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    if (!LISTED.test(lines[i])) continue;
    const names: string[] = [];
    let first = -1;
    let long = false;
    for (let j = i + 1; j < Math.min(lines.length, i + 200); j++) {
      if (first < 0 && TOTAL.test(lines[j])) continue;
      const longRow = LONG_ROW.exec(lines[j]);
      const row = longRow ?? FIND_ROW.exec(lines[j]);
      if (!row) break;
      if (first < 0) first = j;
      long ||= longRow !== null;
      if (row[1] !== undefined && row[1] !== '.' && row[1] !== '..') names.push(row[1]);
    }
    // `ls -l` lists v2's interface files, so only "." and ".." is empty. `find -type d` prints a private v2 namespace's
    // root alone, or with the groups its programs made (docker:dind's "init", dockerd's "docker"): only a cgroup
    // manager's own folders and nothing else say nothing is mounted.
    const empty = long ? names.length === 0 : names.length > 0 && names.every((n) => MANAGER_FOLDER.test(n));
    if (first >= 0 && empty && !names.some((n) => CGROUP_ENTRY.test(n))) return [{ index: first, severity: 'warning' }];
  }
  return [];
}

// A user's systemd manager's cgroup.controllers read (`cat /sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/
// cgroup.controllers`) listing controllers without cpuset or cpu: systemd delegates only memory and pids (before 244,
// and cpu/io/cpuset only where Delegate= says) to a user's manager, so a rootless engine's containers cannot get them.
// A hint: most containers run without those limits.
const USER_CONTROLLERS_READ = /\buser@(?:\d+|\$\(id -u\)|\$UID|\$\{UID\})\.service\/cgroup\.controllers\s*$/;
const CONTROLLER_LIST = /^\s*((?:(?:cpuset|cpu|io|memory|pids|hugetlb|rdma|misc)\s+)*(?:cpuset|cpu|io|memory|pids|hugetlb|rdma|misc))\s*$/;
function userControllersShort(lines: readonly string[]): TextHit[] {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!USER_CONTROLLERS_READ.test(lines[i])) continue;
    const list = CONTROLLER_LIST.exec(lines[i + 1]);
    if (!list) continue;
    const names = list[1].split(/\s+/);
    if (!names.includes('cpuset') || !names.includes('cpu')) return [{ index: i + 1, severity: 'info' }];
  }
  return [];
}

// `podman info` on cgroup v2 whose cgroupControllers (what its cgroup may hand to containers) lack memory or cpu: a rootless
// user's systemd manager got no delegation for them, so kind, minikube's kic node and any limit fail there. Rootful
// engines list every controller; on v1 the list is always empty. A hint, as above.
// (Read on trimmed lines: YAML's list, a one-line array, or `--format json`'s array over lines, cgroupVersion before or
// after it; a view with the list's dashes stripped lists bare names.)
const PODMAN_CONTROLLERS = /^"?cgroupControllers"?:(.*)$/;
const LIST_ITEM = /^(?:-\s*)?"?(cpuset|cpu|io|memory|pids|hugetlb|rdma|misc)"?,?$/;
const PODMAN_V2 = /^"?cgroupVersion"?:\s*"?v2"?,?$/;
function podmanControllersShort(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    const head = PODMAN_CONTROLLERS.exec(lines[i].trim());
    if (!head) continue;
    const rest = head[1].trim().replace(/,$/, '');
    const names: string[] = [];
    let j = i + 1;
    if (rest.startsWith('[') && rest.endsWith(']')) {
      names.push(...rest.slice(1, -1).split(',').map((n) => n.trim().replace(/^"|"$/g, '')).filter(Boolean));
    } else if (rest === '' || rest === '[') {
      for (let item; j < Math.min(lines.length, i + 20) && (item = LIST_ITEM.exec(lines[j].trim())); j++) names.push(item[1]);
    } else continue;
    const v2 = lines.slice(Math.max(0, i - 40), j + 40).some((l) => PODMAN_V2.test(l.trim()));
    if (v2 && (!names.includes('memory') || !names.includes('cpu'))) return [{ index: i, severity: 'info' }];
  }
  return [];
}

export const cgroupListingRules: TextRule[] = [
  { id: 'cgroup-not-mounted', sources: ['proc-cgroup', 'auto'], scan: (lines) => emptyCgroupListing(lines) },
  { id: 'cgroup-v2-nesting', sources: ['proc-cgroup', 'auto'], scan: (lines) => userControllersShort(lines) },
  { id: 'cgroup-v2-nesting', sources: ['docker-info', 'auto'], scan: (lines) => podmanControllersShort(lines) },
];
