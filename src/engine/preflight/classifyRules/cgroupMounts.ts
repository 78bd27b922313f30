// cgroup hierarchies missing where a program looked for them, in the words of the programs cgroups.ts does not read:
// dockerd's per-container warnings, runc and containerd's cgroup packages, systemd as a level's init, LXC, libcgroup,
// kubelet, cAdvisor and k3s; and a level that cannot have a cgroup namespace of its own.
import { LineRule, TextHit, TextRule } from './types';

// runc writing the devices controller's own files (devices.allow, devices.deny) under another controller's v1 hierarchy
// ("/sys/fs/cgroup/cpuset/…/devices.deny"): devices is mounted together with it in the level.
const DEVICES_FILE_ELSEWHERE = /\/sys\/fs\/cgroup\/(?:cpuset|cpu|cpuacct|memory|blkio|pids|freezer|net_cls|net_prio|hugetlb|perf_event)\/(?:(?!\.\.|\/sys\/fs\/cgroup\/)[^\s:"'\\,]){0,400}?\/devices\.(?:allow|deny)\b/;

// A v1 hierarchy holding devices and another controller in the kernel's mount tables (/proc/mounts: "cgroup /sys/fs/cgroup
// cgroup rw,…,cpu,…,devices 0 0"; mountinfo: "… - cgroup cgroup rw,…,devices,…"), or by its joint name in a listing
// (ls /sys/fs/cgroup, libcgroup's lscgroup "cpu,cpuacct,devices:/docker/…" and lssubsys), or a /proc/<pid>/cgroup row
// ("1:cpuset,cpu,…,devices,…:/docker/…"), also quoted inside a log message with its newlines escaped.
const V1_CONTROLLER = String.raw`(?:cpuset|cpu|cpuacct|memory|blkio|pids|freezer|net_cls|net_prio|hugetlb|perf_event)`;
const MOUNT_TABLE_CGROUP = /^\S+ \/\S* cgroup (\S+) \d+ \d+\s*$|^\d+ \d+ \d+:\d+ \S+ \/\S* \S+(?: [\w:.-]+){0,8} - cgroup \S+ (\S+)\s*$/;
const JOINT_DEVICES = new RegExp(String.raw`(?:^|[\s>])(?:\d+:)?(?:(?:${V1_CONTROLLER},)+devices(?:,${V1_CONTROLLER})*|devices(?:,${V1_CONTROLLER})+)(?=[\s:/]|$)`);
const ONE_V1_CONTROLLER = new RegExp(`^${V1_CONTROLLER}$`);
function mountsDevicesWithOthers(line: string): 'warning' | null {
  const m = MOUNT_TABLE_CGROUP.exec(line);
  const options = (m?.[1] ?? m?.[2] ?? '').split(',');
  return options.includes('devices') && options.some((o) => ONE_V1_CONTROLLER.test(o)) ? 'warning' : null;
}

export const cgroupMountRules: LineRule[] = [
  // Datadog's docker_daemon check finding no docker group under the hierarchies the agent was given ("Cannot find Docker
  // cgroup directory. Be sure your system is supported."): the host's /sys/fs/cgroup not mounted into the agent, or a
  // kernel without them. A hint.
  {
    id: 'cgroup-not-mounted',
    pattern: /\bCannot find Docker cgroup directory\. Be sure your system is supported/i,
    severity: 'info',
    hint: 'The agent found no docker group under the cgroup hierarchies it can see: mount the host\'s /sys/fs/cgroup into the agent container at /host/sys/fs/cgroup (read-only is enough) and check that the host mounts the controllers Docker uses.',
  },
  { id: 'cgroup-devices-shared', pattern: DEVICES_FILE_ELSEWHERE, severity: 'warning' },
  { id: 'cgroup-devices-shared', pattern: MOUNT_TABLE_CGROUP, severity: mountsDevicesWithOthers },
  { id: 'cgroup-devices-shared', pattern: JOINT_DEVICES, severity: 'warning' },
  // cgroup filesystems missing where a runtime looks: crun's ("statfs `/sys/fs/cgroup`: %m", "invalid file system type
  // on `/sys/fs/cgroup`", quoted '…' before 1.8.6), kubeadm's system validation ("cannot get a cgroup mount point: %w",
  // "missing required cgroups: %s": see cgroupMountTextRules), systemd-cgls ("No cgroup
  // filesystem mounted on /sys/fs/cgroup"), systemd-nspawn's probe ("Failed to determine whether the unified cgroups
  // hierarchy is used: %m").
  { id: 'cgroup-not-mounted', pattern: /\bstatfs [`']\/sys\/fs\/cgroup[`']: No such file or directory|invalid file system type on [`']\/sys\/fs\/cgroup[`']/i },
  { id: 'cgroup-not-mounted', pattern: /cannot get a cgroup mount point: |No cgroup filesystem mounted on \/sys\/fs\/cgroup|Failed to determine whether the unified cgroups hierarchy is used: /i },
  // moby daemon_unix.go verifyPlatformContainerResources: "Your kernel does not support %s or the cgroup is not mounted.
  // %s discarded." (the container runs without the limit, as on a Raspberry Pi booted without the memory controller: a
  // hint; the swap one is swapaccount off, as on most Ubuntu and Raspberry Pi hosts: nothing), and the run refused ("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup
  // is not mounted").
  {
    id: 'cgroup-not-mounted',
    // (The run's refusal also where a paste cut it before "or the cgroup…": it names no other cause.)
    pattern: /your kernel does not support [^.\n]{1,60} or the cgroup is not mounted|NanoCPUs can not be set, as your kernel does not support CPU\b/i,
    severity: (l) => (/NanoCPUs can not be set/i.test(l) ? 'error' : /\b(?:swap|kernel memory) limit\b/i.test(l) ? null : 'info'),
  },
  // runc/opencontainers cgroups errSubsystemDoesNotExist (the devices hierarchy is required), containerd/cgroups
  // ErrFreezerNotSupported and ErrDevicesRequired.
  { id: 'cgroup-not-mounted', pattern: /\bcgroup: subsystem does not exist\b/i },
  // ansible-test's probe for its systemd test containers (check_systemd_cgroup_v1.sh: no name=systemd line in
  // /proc/1/cgroup, or its folder missing under /sys/fs/cgroup/systemd): "No systemd cgroup v1 hierarchy found".
  { id: 'cgroup-not-mounted', pattern: /\bNo systemd cgroup v1 hierarchy found\b/, severity: 'warning' },
  // Docker 1.6-1.8's libcontainer writing a limit into a controller it found no mount for (cgroups/fs writeFile with an
  // empty dir: "no such directory for %s", e.g. memory.swappiness, cpu.shares).
  { id: 'cgroup-not-mounted', pattern: /\bno such directory for (?:memory|cpu|cpuset|cpuacct|blkio|pids|devices|freezer|hugetlb|net_cls|net_prio)\.\w+/i, severity: 'warning' },
  { id: 'cgroup-not-mounted', pattern: /\bcgroups: freezer cgroup not supported on this system\b|\bdevices subsystem is required\b/i, severity: 'warning' },
  // systemd as a level's init: mounting its hierarchy ("Failed to mount %s at %s: %m" before 240, mount_verbose's
  // "Failed to mount %s (type %s) on %s (%s \"%s\"): %m" since) and finding none ("No control group support available,
  // not creating root group.", "Cannot find cgroup mount point: %m", "Couldn't determine if we are running in the unified
  // hierarchy: %m"). Its "Cannot determine cgroup we are running in" and "Failed to create %s control group" are in
  // cgroups.ts.
  { id: 'cgroup-not-mounted', pattern: /Failed to mount cgroup2? (?:at|\(type cgroup2?\) on) \/sys\/fs\/cgroup\b[^\n]{0,400}: (?:No such file or directory|Operation not permitted|Permission denied)/i, severity: 'warning' },
  { id: 'cgroup-not-mounted', pattern: /Failed to mount tmpfs (?:at|\(type tmpfs\) on) \/sys\/fs\/cgroup\b[^\n]*: (?:Operation not permitted|Permission denied)/i, severity: 'warning' },
  {
    id: 'cgroup-not-mounted',
    pattern: /No control group support available, not creating root group|Cannot find cgroup mount point: |Couldn't determine (?:if we are running in the unified hierarchy|whether we are in all unified mode): /i,
    severity: 'warning',
  },
  // LXC's cgroup driver at start (cgfsng.c: "Failed to initialize cgroups" on stderr's "cg_init: %d " and the log
  // file's "cg_init:%d - ", "No unified cgroup hierarchy mounted on the host", "No %s controller mountpoint found");
  // "Failed to find hierarchy for controller \"%s\"" is a running container's monitor answering a query (a hint).
  {
    id: 'cgroup-not-mounted',
    pattern: /\bcg_init:\s?\d+ (?:- )?[^\n]{0,80}?Failed to initialize cgroups|No unified cgroup hierarchy mounted on the host|No \w+ controller mountpoint found/i,
    severity: 'warning',
  },
  { id: 'cgroup-not-mounted', pattern: /Failed to find hierarchy for controller "\w+"/i, severity: 'info' },
  // libcgroup's ECGROUPNOTMOUNTED and ECGROUPSUBSYSNOTMOUNTED under its tools' "libcgroup initialization failed: %s".
  { id: 'cgroup-not-mounted', pattern: /libcgroup initialization failed[:,] (?:Cgroup is not mounted|Cgroup one of the needed subsystems is not mounted)/i },
  // Its cgconfig service mounting the hierarchies at boot ("Error: cannot mount %s to %s: %s") with ENOENT: a controller
  // the running kernel lacks fails the whole configuration, and the engine started after it finds none. (EBUSY is a
  // hierarchy mounted already.)
  { id: 'cgroup-not-mounted', pattern: /\bError: cannot mount [\w,=]+ to \/\S+: No such file or directory/i, severity: 'warning' },
  // kubelet in a level: "failed to find subsystem mount for required subsystem: %v", "%s - Following Cgroup subsystem not
  // mounted: %v", "cgroup %q has some missing paths: %v" (%q of a CgroupName slice prints ["kubepods" "burstable"]; not
  // the V(4) trace "The Cgroup %v has some missing paths").
  { id: 'cgroup-not-mounted', pattern: /failed to find subsystem mount for required subsystem|Following Cgroup subsystem not mounted: \[/i },
  { id: 'cgroup-not-mounted', pattern: /\bcgroup (?:\[[^\]\n]{0,200}\]|\\?"[^"\\\n]{0,200}\\?") has some missing paths\b/i, severity: (l) => (/\bThe cgroup\b/i.test(l) ? null : 'warning') },
  // cAdvisor ("failed to find supported cgroup mounts for the raw factory", "failed to find cgroup mounts"), k3s's check
  // of v1 controllers ("failed to find memory cgroup, you may need to add \"cgroup_memory=1 cgroup_enable=memory\"…";
  // k3s logs the cpuset one and runs on: a hint).
  { id: 'cgroup-not-mounted', pattern: /failed to find supported cgroup mounts for the raw factory|\bfailed to find cgroup mounts\b/i },
  {
    id: 'cgroup-not-mounted',
    pattern: /failed to find (?:memory|cpuset) cgroup, you may need to add "cgroup_(?:memory|enable)/i,
    severity: (l) => (/\bcpuset cgroup\b/i.test(l) ? 'info' : 'error'),
  },
  // No private cgroup namespace to be had: runc's validator ("cgroup namespaces aren't enabled in the kernel"); kind's
  // entrypoint on a v1 host ("WARN: cgroupns not enabled! Please use cgroup v2, or cgroup v1 with cgroupns enabled."),
  // which then goes on with its fallback, working clusters print it too: a hint.
  { id: 'cgroupns-host', pattern: /cgroup namespaces aren't enabled in the kernel/i, severity: 'warning' },
  // BuildKit's entrypoint on cgroup v2 giving up its own namespace ("skipping cgroup namespace setup, unable to remount
  // /sys/fs/cgroup"), and LXC mounting the unified hierarchy without one ("Mounting the unified cgroup hierarchy without
  // cgroup namespace support is currently not supported").
  { id: 'cgroupns-host', pattern: /skipping cgroup namespace setup, unable to remount \/sys\/fs\/cgroup|(?:Force-)?[Mm]ounting the unified cgroup hierarchy without cgroup namespace support is currently not supported/i, severity: 'warning' },
  // A Raspberry Pi's kernel command line (its firmware's console=serial0) without cgroup_enable=memory: its kernels
  // ship the memory controller disabled, so engines find no memory cgroup: a hint.
  { id: 'cgroup-not-mounted', pattern: /^(?=[^\n]{0,600}\bconsole=serial0\b)(?![^\n]{0,1000}\bcgroup_enable=memory\b)[^\n]{0,600}\broot=\S/, severity: 'info' },
  { id: 'cgroupns-host', pattern: /\bcgroupns not enabled! Please use cgroup v2/i, severity: 'info' },
  // Mesos' Docker containerizer ("Failed to find a mounted cgroups hierarchy for the '%s' subsystem; you probably need to
  // mount cgroups manually").
  { id: 'cgroup-not-mounted', pattern: /Failed to find a mounted cgroups hierarchy for the '?\w+'? subsystem|you probably need to mount cgroups manually/i },
  // Podman 6 and later, which run on cgroup v2 only, finding no cgroup2 filesystem at /sys/fs/cgroup ("Cgroups v1 not
  // supported"): a level whose init never mounted it, or a host on cgroup v1: a hint.
  { id: 'cgroup-not-mounted', pattern: /\bCgroups v1 not supported\b/, severity: 'info' },
  // systemd as a level's init creating its group (src/core/cgroup.c "Failed to create %s control group: %m") with
  // EOPNOTSUPP: cgroup v2 refusing a child where the level's group cannot have one (threaded, or domain invalid).
  { id: 'cgroup-v2-nesting', pattern: /Failed to create \S+ control group: Operation not supported/i, severity: 'warning' },
  // A v1 controller mounted by hand (util-linux: "%s already mounted or mount point busy", EBUSY): on a v2 host the
  // controller is bound to the unified hierarchy and cannot join a v1 one (on v1 it may just be mounted already): a hint.
  {
    id: 'cgroup-v2-nesting',
    pattern: /\bmount: \/sys\/fs\/cgroup\/(?!systemd:)[\w,]+: \S+ already mounted or mount point busy/i,
    severity: 'info',
    hint: 'A cgroup v1 controller cannot be mounted while the cgroup v2 hierarchy holds it. Use the program\'s cgroup v2 mode if it has one, or boot the host with systemd.unified_cgroup_hierarchy=0 for a v1-only program.',
  },
  // /sys/fs/cgroup itself missing or not a cgroup filesystem: runc's securejoin fallback ("falling back to securejoin:
  // openat2 /sys/fs/cgroup: no such file or directory", a warning it goes on after), crun finding no 0:: line in
  // /proc/<pid>/cgroup ("cannot find cgroup2 for the current process", "… for the process `%d`"), systemd finding another
  // filesystem there ("Unknown filesystem type %llx mounted on /sys/fs/cgroup", "No filesystem is currently mounted on
  // /sys/fs/cgroup"), LXC's cgfsng ("Failed to open /sys/fs/cgroup"), libcgroup's cgsnapshot ("ERROR: %s hierarchy not
  // mounted"), the kubelet's cAdvisor watching a v1 hierarchy by its other name ("inotify_add_watch
  // /sys/fs/cgroup/cpuacct,cpu: no such file or directory"); `mountpoint`'s answer is a hint.
  { id: 'cgroup-not-mounted', pattern: /falling back to securejoin: (?:openat2|statfs) \/sys\/fs\/cgroup: no such file or directory/i, severity: 'info' },
  { id: 'cgroup-not-mounted', pattern: /cannot find cgroup2 for the (?:current process|process `?\d+`?)/i, severity: 'warning' },
  // (systemd logs both at debug level just before it mounts cgroup2 itself on every boot: hints.)
  { id: 'cgroup-not-mounted', pattern: /Unknown filesystem type [0-9a-f]+ mounted on \/sys\/fs\/cgroup\b|No filesystem is currently mounted on \/sys\/fs\/cgroup\b/i, severity: 'info' },
  { id: 'cgroup-not-mounted', pattern: /No such file or directory - Failed to open \/sys\/fs\/cgroup\b|\bERROR: \w+ hierarchy not mounted\b|inotify_add_watch \/sys\/fs\/cgroup\/(?:cpu|cpuacct|cpuset|memory|blkio|pids|devices|freezer|net_cls|net_prio|hugetlb|perf_event)(?:,\w+)*: no such file or directory/i, severity: 'warning' },
  { id: 'cgroup-not-mounted', pattern: /^\s*\/sys\/fs\/cgroup is not a mountpoint\s*$/i, severity: 'info' },
  // systemd before 240 joining controllers into one hierarchy (system.conf "JoinControllers=cpu,cpuacct,devices"): the
  // devices controller shares it.
  { id: 'cgroup-devices-shared', pattern: /^\s*JoinControllers=(?:\S+\s+)*(?:[\w]+,)+devices\b|^\s*JoinControllers=(?:\S+\s+)*devices,\w/, severity: 'warning' },
  // systemd checking its API mount ("Mount point '%s' not writable after mounting, undoing: %m"); OpenRC finding
  // /sys/fs/cgroup not writable ("No permission to apply cgroup settings", printed in every unprivileged Alpine container
  // that runs OpenRC, where nothing else needs it: a hint).
  { id: 'cgroup-readonly', pattern: /Mount point '\/sys\/fs\/cgroup[^']*' not writable after mounting/i, severity: 'warning' },
  { id: 'cgroup-readonly', pattern: /^\s*\*?\s*No permission to apply cgroup settings/i, severity: 'info' },
  // A kernel without cgroups at all (no /proc/<pid>/cgroup: CONFIG_CGROUPS off, an embedded build), and k3s's check of
  // the v1 controllers it needs ("%s cgroup controller not found"). Only the reader's own file or init's says so; another
  // process's may have exited (a hint), and PID 0 never has one (an agent's bug, as Tetragon's procfs walk logs it).
  {
    id: 'cgroup-not-mounted',
    pattern: /\bopen \/proc\/(?:self|\d+)\/cgroup: no such file or directory/i,
    severity: (l) => (/\/proc\/0\/cgroup\b/.test(l) ? null : /\/proc\/(?:self|1)\/cgroup\b/.test(l) ? 'warning' : 'info'),
  },
  { id: 'cgroup-not-mounted', pattern: /\b(?:pids|cpu|cpuset|memory|devices|freezer|cpuacct) cgroup controller not found\b/i, severity: 'warning' },
  // containerd's cgroups v1 library looking up a hierarchy its path names ("unable to find %q in controller set"):
  // name=systemd absent on a host booted without systemd (upstart, OpenRC) stops every container. Another controller
  // there is a kernel built without it (net_prio on Raspberry Pi kernels), no mount to make.
  { id: 'cgroup-not-mounted', pattern: /unable to find \\*"systemd\\*" in controller set/i },
];

// moby contrib/check-config.sh, finding no cgroup hierarchy ("cgroup hierarchy: nonexistent??"): before 20.10 it also said
// so on every cgroup v2 host (it knew v1 only), so beside cgroup v2 a hint.
const CHECK_CONFIG_NONE = /\bcgroup hierarchy: nonexistent\b/i;
const CGROUP_V2_SHOWN = /\bcgroups? ?v2\b|\bcgroup2\b|\bCgroup Version:\s*2\b|\bunified cgroup hierarchy\b/i;
function checkConfigFoundNone(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => CHECK_CONFIG_NONE.test(l));
  return index < 0 ? [] : [{ index, severity: lines.some((l) => CGROUP_V2_SHOWN.test(l)) ? 'info' : 'warning' }];
}

// dockerd's sysinfo (v1) finding neither memory nor cpu controller files ("Your kernel does not support oom control",
// "… cgroup cpu shares"): files every mounted memory and cpu hierarchy has, so their hierarchies are not mounted where the
// daemon runs (or the kernel lacks them: an OpenVZ container, an old Docker on a cgroup v2 host): a hint. Either alone,
// or the optional files (swap, kernel memory, cfs, rt), is a kernel's configuration.
// `docker info` prints the same result as warnings ("WARNING: No memory limit support", "… No cpu shares support"); on
// cgroup v2 those are controllers not delegated (cgroup-v2-nesting), not hierarchies missing.
const NO_MEMORY_CGROUP = /Your kernel does not support (?:cgroup memory limit|oom control|memory reservation)\b|\bWARNING: No (?:memory limit|oom kill disable) support\b/i;
const NO_CPU_CGROUP = /Your kernel does not support cgroup cpu shares\b|\bWARNING: No cpu shares support\b/i;
function sysinfoFoundNoControllers(_lines: readonly string[], messages: readonly string[]): TextHit[] {
  // (Nor where the client reached no daemon: docker info then prints its warnings for an empty answer.)
  if (messages.some((m) => /\bCgroup Version:\s*2\b|Cannot connect to the Docker daemon|\berror during connect\b/i.test(m))) return [];
  const memory = messages.findIndex((m) => NO_MEMORY_CGROUP.test(m));
  return memory >= 0 && messages.some((m) => NO_CPU_CGROUP.test(m)) ? [{ index: memory, severity: 'info' }] : [];
}

// kubeadm's system validation ("missing required cgroups: %s"): on v1 (its list without v2's CGROUPS_IO) a hierarchy not
// mounted; on v2 a controller the level was not given. Not freezer (its probe makes a directory, so a read-only tree
// fails it) and not memory alone (a Raspberry Pi's kernel ships it disabled): those are hints.
// Its table alone (kubeadm 1.8+ prints "CGROUPS_MEMORY: missing" before the summary, or without one) says the same.
const KUBEADM_MISSING = /\bmissing required cgroups: ([\w, ]{1,200})/i;
// (Rows of optional controllers, hugetlb, blkio, io and the rest, say "missing" too, as a warning kubeadm goes on after.)
const KUBEADM_ROW_MISSING = /^\s*CGROUPS_(CPU|CPUACCT|CPUSET|DEVICES|FREEZER|MEMORY|PIDS): missing\s*$/;
function kubeadmMissingCgroups(lines: readonly string[], version: 'v1' | 'v2'): TextHit[] {
  const summary = lines.findIndex((l) => KUBEADM_MISSING.test(l));
  const rows = lines.flatMap((l, i) => (KUBEADM_ROW_MISSING.test(l) ? [i] : []));
  const index = summary >= 0 ? summary : rows.length > 0 ? rows[0] : -1;
  if (index < 0 || lines.some((l) => /^\s*CGROUPS_IO:/.test(l)) !== (version === 'v2')) return [];
  const listed = summary >= 0 ? KUBEADM_MISSING.exec(lines[summary])![1].split(/[,\s]+/) : rows.map((i) => KUBEADM_ROW_MISSING.exec(lines[i])![1].toLowerCase());
  const missing = listed.filter((c) => c && c !== 'freezer');
  return [{ index, severity: missing.length === 0 || missing.every((c) => c === 'memory') ? 'info' : 'warning' }];
}

// The kernel's /proc/cgroups table ("#subsys_name hierarchy num_cgroups enabled", one row per controller): devices on the
// same v1 hierarchy number as another controller is mounted with it (0 is cgroup v2 or not mounted, never shared).
const PROC_CGROUPS_ROW = /^\s*(cpuset|cpu|cpuacct|io|memory|devices|freezer|net_cls|perf_event|net_prio|hugetlb|pids|rdma|misc|blkio|debug|ns)\s+(\d+)\s+\d+\s+[01]\b/;

// crun's `run.oci.systemd.force_cgroup_v1` annotation mounts the host's named v1 hierarchy (name=systemd) for an old
// systemd on a v2 host; refused there ("mount `cgroup` to `/sys/fs/cgroup/systemd`: Operation not permitted") whether
// privileged or not where the host has no such hierarchy: it has to be mounted on the host first.
export const FORCE_V1_ASKED = /\brun\.oci\.systemd\.force_cgroup_v1\b/;
// (crun 1.8+ prints the target relative to the rootfs, without its leading slash; 0.x quoted with ''.)
export const NAMED_V1_REFUSED = /\bmount [`']?cgroup[`']? to [`']?\/?sys\/fs\/cgroup\/systemd[`']?: Operation not permitted/i;
function forcedV1WithoutHierarchy(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => FORCE_V1_ASKED.test(l))) return [];
  const index = lines.findIndex((l) => NAMED_V1_REFUSED.test(l));
  return index >= 0 ? [{ index, severity: 'warning' }] : [];
}

// isolate (IOI's sandbox, Judge0's and CMS's) making its box's group under a v1 controller's hierarchy ("Failed to create
// control group %s: %m" with ENOENT), or nsjail its jail's (cgroup.cc "mkdir('%s', 0700) failed" under the path its
// --cgroup_*_mount options name, v1's by default): the hierarchy is not there. Beside a listing of other v1 controllers it is that
// controller not mounted (a kernel booted without it); otherwise a cgroup v2 host is as likely (isolate before 2.0 knows
// only v1 paths, nsjail without --use_cgroupv2 too), so both as hints.
const ISOLATE_GROUP_MISSING = /\b(?:Failed to create control group \/sys\/fs\/cgroup\/(\w+)\/box-\d+\/?: |mkdir\('\/sys\/fs\/cgroup\/(\w+)\/[^'\s]*NSJAIL\.\d+', 0\d+\) failed: )No such file or directory/i;
const V1_CONTROLLER_LISTED = /^(?:[dl][rwx-]{9}\S*\s+\d+\s+\S+\s+\S+\s+\d+\s+\w{3}\s+\d+\s+[\d:]+\s+)?(cpu,cpuacct|blkio|cpuset|devices|freezer|perf_event|net_cls,net_prio|hugetlb|pids|memory)(?:\s+->\s+\S+)?\s*$/;
// nsjail makes its jail's group under a parent group that must exist beforehand (--cgroup_*_parent, NSJAIL by default).
const NSJAIL_HINT = (controller: string) =>
  `nsjail creates each jail's group under a parent group that must already exist: create it first (mkdir /sys/fs/cgroup/${controller}/NSJAIL, or the folder its --cgroup_${controller}_parent option names). If the host runs cgroup v2 only, there is no /sys/fs/cgroup/${controller}: run nsjail with --use_cgroupv2.`;
function isolateGroupMissing(lines: readonly string[], id: 'cgroup-not-mounted' | 'cgroup-v2-nesting'): TextHit[] {
  const index = lines.findIndex((l) => ISOLATE_GROUP_MISSING.test(l));
  if (index < 0) return [];
  const found = ISOLATE_GROUP_MISSING.exec(lines[index])!;
  const controller = found[1] ?? found[2];
  const hint = found[2] ? NSJAIL_HINT(controller) : undefined;
  const listed = lines.map((l) => V1_CONTROLLER_LISTED.exec(l.trim())?.[1]).filter((c): c is string => c !== undefined);
  // Other v1 controllers listed, that one not among them.
  if (listed.length > 0 && !listed.some((c) => c.split(',').includes(controller))) {
    return id === 'cgroup-not-mounted' ? [{ index, severity: 'warning', hint }] : [];
  }
  return [{ index, severity: 'info', hint }];
}

export const cgroupMountTextRules: TextRule[] = [
  { id: 'cgroup-not-mounted', scan: (lines) => isolateGroupMissing(lines, 'cgroup-not-mounted') },
  { id: 'cgroup-v2-nesting', scan: (lines) => isolateGroupMissing(lines, 'cgroup-v2-nesting') },
  { id: 'cgroup-not-mounted', scan: (lines) => forcedV1WithoutHierarchy(lines) },
  { id: 'cgroup-not-mounted', scan: (lines) => checkConfigFoundNone(lines) },
  { id: 'cgroup-not-mounted', scan: sysinfoFoundNoControllers },
  { id: 'cgroup-not-mounted', scan: (lines) => kubeadmMissingCgroups(lines, 'v1') },
  { id: 'cgroup-v2-nesting', scan: (lines) => kubeadmMissingCgroups(lines, 'v2') },
  {
    id: 'cgroup-devices-shared',
    sources: ['proc-cgroup', 'auto'],
    scan(lines) {
      const header = lines.findIndex((l) => /^\W{0,3}#subsys_name\s+hierarchy\b/.test(l));
      if (header < 0) return [];
      const rows = new Map<string, { hierarchy: string; index: number }>();
      // The table's rows up to the first line that is not one.
      for (let i = header + 1; i < Math.min(lines.length, header + 30); i++) {
        const m = PROC_CGROUPS_ROW.exec(lines[i]);
        if (!m) break;
        rows.set(m[1], { hierarchy: m[2], index: i });
      }
      const devices = rows.get('devices');
      if (!devices || devices.hierarchy === '0') return [];
      const shared = [...rows].some(([name, row]) => name !== 'devices' && row.hierarchy === devices.hierarchy);
      return shared ? [{ index: devices.index, severity: 'warning' }] : [];
    },
  },
];
