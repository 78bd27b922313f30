// cgroup v1/v2 set-up inside a level.
import { LineRule, loggedBelowError, TextHit, TextRule } from './types';

// runc/containerd refusing to start a container (the chain the CLI and dockerd print around the cause).
const RUNTIME_FAILED = /OCI runtime (?:create )?failed|oci runtime error|starting container process caused|applying cgroup configuration|unable to apply cgroup configuration|Error response from daemon/i;

// A container started with the host's cgroup namespace on purpose, as the command shown says.
// Docker's flag and API field, dockerd's default (--default-cgroupns-mode, daemon.json), compose's `cgroup: host`,
// Podman's inspect field ("CgroupMode") and containers.conf's `cgroupns = "host"`.
const CGROUPNS_HOST_ASKED = /(?:^|\s)--(?:default-)?cgroupns(?:-mode)?[= ]host\b|\bcgroupnsMode\W+host\b|\bcgroupns_mode\W+host\b|["']default-cgroupns-mode["']\s*:\s*["']host["']|^\s*cgroup:\s*["']?host["']?\s*$|"CgroupMode":\s*"host"|^\s*cgroupns\s*=\s*"host"/i;

export const cgroupRules: LineRule[] = [
  // systemd in a container that never booted as its init (systemctl: "Failed to connect to bus: No such file or
  // directory", CentOS 7's "Failed to get D-Bus connection: …"), and the old recipe that bound the host's
  // /sys/fs/cgroup read-only into it, which systemd 248+ cannot use on cgroup v2 with a private cgroup namespace: hints.
  { id: 'cgroup-v2-nesting', pattern: /Failed to connect to bus: No such file or directory|Failed to get D-Bus connection: (?:No such file or directory|Operation not permitted)/i, severity: 'info' },
  { id: 'cgroup-v2-nesting', pattern: /(?:^|\s|-v[= ]?|--volume[= ]?)\/sys\/fs\/cgroup:\/sys\/fs\/cgroup:ro\b/, severity: 'info' },
  { id: 'cgroup-devices-shared', pattern: /['"]?devices['"]? cgroup should be in its own hierarchy/i },
  // A v1 hierarchy named for devices joined with another controller (a path "/sys/fs/cgroup/cpu,devices/…", or a mount
  // line's options "…,cpu,devices)"): the same condition seen in the level's own paths.
  { id: 'cgroup-devices-shared', pattern: /\/sys\/fs\/cgroup\/(?:[a-z_]+,)+devices\b|\/sys\/fs\/cgroup\/devices,[a-z_]+|^\S+ on \/\S+ type cgroup \((?=[^)\n]*[(,]devices[,)])(?=[^)\n]*[(,](?:cpu|cpuacct|cpuset|memory|blkio|pids|freezer|net_cls|net_prio|hugetlb|perf_event)[,)])/, severity: 'warning' },
  // moby daemon_unix.go "Devices cgroup isn't mounted"; the dind scripts' "'devices' cgroup is not mounted".
  { id: 'cgroup-not-mounted', pattern: /['"]?devices['"]? ['"]?cgroup['"]? (?:isn'?t|is not) mounted/i },
  // containerd's cgroups v1 library without the memory controller (ErrMemoryNotSupported, "cgroups: memory cgroup not
  // supported on this system"; Raspberry Pi kernels without cgroup_enable=memory).
  // Only a hint in dockerd's "OOM monitoring failed" warning: the container runs, without OOM events.
  { id: 'cgroup-not-mounted', pattern: /cgroups: memory cgroup not supported on this system/i, severity: (l) => (/OOM monitor/i.test(l) ? 'info' : undefined) },
  // Greengrass's Lambda launcher, a container runtime of its own that needs v1 hierarchies ("The following cgroup
  // subsystems are not mounted: %s").
  { id: 'cgroup-not-mounted', pattern: /The following cgroup subsystems are not mounted:/i },
  // systemd as a container's init finding no cgroup filesystem it knows at /sys/fs/cgroup (cg_get_root_path →
  // ENOMEDIUM: "Cannot determine cgroup we are running in: No medium found"): /sys/fs/cgroup not given to the container.
  { id: 'cgroup-not-mounted', pattern: /Cannot determine cgroup we are running in: No medium found/i, severity: 'warning' },
  // ENOENT there is a hint: a v1 level without the name=systemd hierarchy (a dind image's setup mounts the controllers
  // only), but as often an old systemd (219, CentOS 7) that cannot read a cgroup v2 host at all.
  { id: 'cgroup-not-mounted', pattern: /Cannot determine cgroup we are running in: (?:No such file or directory|No data available)/i, severity: 'info' },
  // runc finding no cpuset hierarchy where its cgroup path says (a chroot or Android with a partial /sys/fs/cgroup, or
  // cgroups mounted at /cpuset): "openat2 /sys/fs/cgroup/cpuset/docker/cpuset.cpus: no such file or directory",
  // "mkdir /cpuset/docker: no such file or directory".
  { id: 'cgroup-not-mounted', pattern: /\b(?:openat2|open|mkdir) \/(?:sys\/fs\/cgroup\/)?cpuset\/docker\S*: no such file or directory/i, severity: 'warning' },
  // runc/containerd cgroups v1 NewNotFoundError: "mountpoint for %s not found". A missing devices
  // hierarchy, or none at all ("mountpoint for cgroup not found"), stops every run; another
  // controller's absence only drops its limits.
  // A runtime that stops on it ("OCI runtime create failed", "applying cgroup configuration") failed there whatever the controller.
  {
    id: 'cgroup-not-mounted',
    pattern: /mountpoint for \w+ not found/i,
    severity: (l, ctx) => (/mountpoint for (?:devices|cgroup)\b/.test(l) || ctx.level === 'error' || ctx.level === 'fatal' || RUNTIME_FAILED.test(l) ? 'error' : 'info'),
  },
  // runc 1.0-rc92+ libcontainer/cgroups: "no cgroup mount found in mountinfo".
  { id: 'cgroup-not-mounted', pattern: /no cgroup mount found in mountinfo/i },
  // 17.12-18.0x said "cannot found", later "cannot find".
  // A real failure when runc or the CLI reports it; containerd also logs it below error level on
  // healthy levels (metrics and cgroup probes of controllers it does not use): never shown then.
  {
    id: 'cgroup-not-mounted',
    pattern: /cgroups?: cannot f(?:i|ou)nd cgroup mount destination/i,
    severity: (_l, ctx) => (loggedBelowError(ctx) ? null : 'error'),
  },
  { id: 'cgroup-not-mounted', pattern: /failed to find the cgroup root/i },
  // runc ≤1.0-rc's rootfs_linux.go mounting the container's cgroups: a hierarchy it expects (systemd 233's hybrid
  // layout without name=systemd) is not mounted: "mounting \"cgroup\" to rootfs … caused \"no subsystem for mount\"".
  { id: 'cgroup-not-mounted', pattern: /\bno subsystem for mount\b/i },
  // containerd/cgroups v1 ErrMountPointNotExist ("cgroups: cgroup mountpoint does not exist"), also runc
  // ≤1.0-rc's wording, and vishvananda/netns ("cgroup mountpoint not found for %s").
  { id: 'cgroup-not-mounted', pattern: /cgroup mountpoint (?:does not exist|not found for \w+)/i, severity: (_l, ctx) => (loggedBelowError(ctx) ? null : 'error') },
  // runc mounting the container's /sys/fs/cgroup from a v1 hierarchy the level lacks (name=systemd on
  // a host without it): "mounting %q to rootfs at %q caused: stat …: no such file or directory".
  { id: 'cgroup-not-mounted', pattern: /mounting "cgroup" to rootfs (?:"[^"]*" )?at "[^"]*"[^\n]*no such file or directory/i },
  // runc libcontainer/cgroups IsCgroup2UnifiedMode: ≤1.0 panic("cannot statfs cgroup root"); 1.1+ logs "statfs %s: %v;
  // assuming cgroup v1" at warning and goes on: no cgroup filesystem at /sys/fs/cgroup in the level.
  { id: 'cgroup-not-mounted', pattern: /panic: cannot statfs cgroup root/i },
  { id: 'cgroup-not-mounted', pattern: /statfs \/sys\/fs\/cgroup: [^;\n]*; assuming cgroup v1/i, severity: 'warning' },
  { id: 'cgroup-not-mounted', pattern: /mount point \/sys\/fs\/cgroup does not exist|cannot create directory '\/sys\/fs\/cgroup'/i },
  // /sys/fs/cgroup itself missing where a shell or program looked (coreutils "cannot access '%s': %s", Go's "stat %s: %v"):
  // no cgroup filesystem in the level at all.
  { id: 'cgroup-not-mounted', pattern: /(?:cannot access|\bl?stat|\bopen) '?\/sys\/fs\/cgroup\/?'?: no such file or directory/i, severity: 'warning' },
  // A v1 controller's (or name=systemd's) hierarchy missing where a program looked, or mount(8) finding no directory to
  // mount it on: a hint (a tool that expects v1 on a v2 host says the same).
  {
    id: 'cgroup-not-mounted',
    pattern: /(?:cannot access|cannot open|\bl?stat|\bopen) '?\/sys\/fs\/cgroup\/(?:systemd|cpuset|cpu|cpuacct|cpu,cpuacct|memory|blkio|devices|pids|freezer|net_cls|net_prio|hugetlb|perf_event)(?:\/\S*?)?'?: no such file(?: or directory)?|\bmount: \/sys\/fs\/cgroup\/\S+: mount point does not exist/i,
    severity: 'info',
  },
  // systemd as a level's manager writing its controllers on a read-only cgroupfs ("Failed to open cgroup.subtree_control
  // file of %s: %m", "Failed to enable/disable controllers on cgroup %s, ignoring: %m").
  { id: 'cgroup-readonly', pattern: /Failed to open cgroup\.subtree_control file of \S*: Read-only file system|Failed to enable\/disable controllers on cgroup \S+, ignoring: Read-only file system/i, severity: 'warning' },
  // busybox mount(8) remounting a cgroup mount point that /proc/mounts does not list ("can't find %s in %s").
  { id: 'cgroup-not-mounted', pattern: /\bmount: ?can't find \/sys\/fs\/cgroup\S* in \/proc\/mounts/i },
  // runc's v1 cgroup manager creating the container's group under a controller's hierarchy (os.MkdirAll, wrapped
  // "applying cgroup configuration for process caused: %v"): ENOENT, that controller is not mounted in the level.
  {
    id: 'cgroup-not-mounted',
    pattern: /mkdir \/sys\/fs\/cgroup\/(?:cpuset|cpu|cpuacct|cpu,cpuacct|memory|blkio|devices|pids|freezer|net_cls|net_prio|net_cls,net_prio|hugetlb|perf_event|rdma)\/\S*: no such file or directory/i,
  },
  // Printed by daemons that run with some controllers missing; limits degrade, nothing fails yet.
  { id: 'cgroup-not-mounted', pattern: /Unable to find \w+ cgroup in mounts/i, severity: 'info' },
  // runc writes a device rule the parent's devices cgroup (LXC/LXD) does not allow; on v2 the device
  // filter is a BPF program owned by the parent (runc libcontainer/cgroups/devices: "failed to write
  // %q to %q: %w"; BPF_PROG_QUERY/ATTACH on BPF_CGROUP_DEVICE). Before the read-only rules: same lines.
  // A privileged child's allow-all ("a *:* rwm") refused: the level's own device policy is narrower (an LXC container),
  // so it cannot grant --privileged whatever the hierarchy.
  // runc ≤rc5 "failed to write a *:* rwm to devices.allow: …"; 1.0's "failed to write %q to %q: …" and 1.1's "failed to
  // write %q: …" are hints: there the same refusal is as often a devices hierarchy the level may not write (k8s pods).
  {
    id: 'caps-unavailable',
    pattern: /failed to write \\*"?a \*:\* rwm\\*"?(?: to \\*"?\S*devices\.allow\\*"?)?: [^\n]*operation not permitted/i,
    severity: (l) => (/rwm to devices\.allow: /.test(l) ? 'warning' : 'info'),
  },
  { id: 'cgroup-devices-shared', pattern: /devices\.(?:allow|deny)\S*:? operation not permitted/i },
  { id: 'cgroup-devices-shared', pattern: /BPF_CGROUP_DEVICE\b[^\n]{0,300}?(?:operation not permitted|permission denied)/i },
  // runc v1 reads devices.list back after writing its rules and finds the parent's narrower list
  // (opencontainers/cgroups devices/v1.go: "resulting devices cgroup doesn't precisely match target",
  // "… doesn't match target mode").
  { id: 'cgroup-devices-shared', pattern: /resulting devices cgroup doesn'?t (?:precisely )?match target/i },
  // The same where the level's runtime keeps the devices cgroup (OpenVZ/Virtuozzo, an LXC container): it cannot grant it.
  { id: 'caps-unavailable', pattern: /resulting devices cgroup doesn'?t (?:precisely )?match target/i, severity: 'warning' },
  { id: 'cgroup-readonly', pattern: /\/sys\/fs\/cgroup[^\s:]{0,300}:?\s*read-only file system/i },
  // systemd as the level's init (src/core/cgroup.c "Failed to create %s control group: %m").
  { id: 'cgroup-readonly', pattern: /Failed to create \S+ control group: Read-only file system/i },
  // Its own /init.scope's directory absent: no hierarchy for it (cgroup-not-mounted).
  { id: 'cgroup-not-mounted', pattern: /Failed to create \/init\.scope control group: No such file or directory/i, severity: 'warning' },
  // /proc/mounts: the cgroup root (v2) or a v1 controller mounted ro. v1's tmpfs parent is ro on healthy hosts too
  // (systemd remounts it so, the controllers under it rw): that one alone is a hint.
  { id: 'cgroup-readonly', pattern: /^\S+ \/sys\/fs\/cgroup(?:\/[\w,=]+)? (?:cgroup2?|tmpfs) ro[,\s]/, severity: (l) => (/^\S+ \/sys\/fs\/cgroup tmpfs ro[,\s]/.test(l) ? 'info' : undefined) },
  { id: 'cgroup-readonly', pattern: /cgroups? path: mkdir [^:]+: read-only file system/i },
  // runc without write access to the cgroups it would use: "rootless needs no limits + no cgrouppath when
  // no permission is granted for cgroups: %w", "cannot set %s limit: container could not join or create cgroup".
  { id: 'cgroup-readonly', pattern: /no permission is granted for cgroups|container could not join or create cgroup/i },
  // On the devices controller's own files EPERM is first the parent's device policy (cgroup-devices-shared,
  // above): a cgroup the level may not write is only the second reading there. An alias the old dind scripts
  // (wrapdocker) link beside co-mounted hierarchies is cosmetic: coreutils' "failed to create symbolic link %s"
  // there is noise of a working level.
  {
    id: 'cgroup-readonly',
    pattern: /\/sys\/fs\/cgroup\S*:\s*(?:operation not permitted|permission denied)/i,
    // (A program that logged it below error went on without that cgroup, as buildkitd does with its controllers: a hint.)
    severity: (l, ctx) =>
      /^ln: failed to create symbolic link/i.test(l) ? null : loggedBelowError(ctx) ? 'info' : /devices\.(?:allow|deny)\S*:\s*operation not permitted/i.test(l) ? 'warning' : 'error',
  },
  { id: 'cgroup-readonly', pattern: /(?:block device cgroup is write-protected|cannot mount block device cgroup read-only)/i },
  { id: 'cgroup-v2-nesting', pattern: /cannot enter cgroupv2 .* with domain controllers/i },
  // EBUSY/EOPNOTSUPP writing cgroup.subtree_control, in any tool's wording: runc/containerd ("write %s: %w"),
  // the shells' redirections, nsjail ("Couldn't write '%zu' bytes to file %s (fd='%d')" + ": strerror").
  { id: 'cgroup-v2-nesting', pattern: /cgroup\.subtree_control\b[^\n]*?\b(?:device or resource busy|operation not supported)/i },
  // k3s (and k3d's nodes) on v2 checking its own cgroup.controllers: logrus.Fatal("failed to find memory cgroup (v2)")
  // (also cpu, cpuset, pids): the level's group was given no such controller. (On a Raspberry Pi host, the kernel's
  // cmdline disabling memory prints the same.)
  { id: 'cgroup-v2-nesting', pattern: /failed to find (?:memory|cpu|cpuset|pids) cgroup \(v2\)/i },
  // runc/containerd enabling controllers for a child ("failed to write subtree controllers %v to %q: %w").
  { id: 'cgroup-v2-nesting', pattern: /failed to write subtree controllers/i },
  // An entrypoint that must empty the namespace's root cgroup before it can enable controllers (the no-internal-
  // processes rule): "this script needs /sys/fs/cgroup/cgroup.procs to be empty (for writing the top-level …)".
  { id: 'cgroup-v2-nesting', pattern: /needs \/sys\/fs\/cgroup\/cgroup\.procs to be empty/i },
  // runc 1.2+ unable to freeze and kill a container's processes without its own cgroup.
  { id: 'cgroup-v2-nesting', pattern: /possibly due to lack of cgroup \(Hint: enable cgroup v2 delegation\)/i, severity: 'warning' },
  // crun (podman, and Docker with crun as its runtime): "the requested cgroup controller `%s` is not
  // available": the parent did not delegate it (cgroup.subtree_control, systemd Delegate=).
  { id: 'cgroup-v2-nesting', pattern: /the requested cgroup controller [`'"]?\w+[`'"]? is not available/i },
  // The kubelet of a k3s/kind node running in the level, on v2 (pkg/kubelet/cm/cgroup_manager_linux.go:
  // fmt.Errorf("cgroup %q has some missing controllers: %v"), %q of a CgroupName giving ["kubepods"]). Its
  // V(4) trace "The Cgroup %v has some missing controllers: %v" is an existence probe, left alone.
  { id: 'cgroup-v2-nesting', pattern: /\bcgroup \["[^\]]*\] has some missing controllers:/ },
  // Moving a process into a v2 cgroup that has children with controllers (no internal processes) or
  // is threaded: write cgroup.procs → EBUSY / EOPNOTSUPP (runc/containerd "failed to write %d: %w").
  { id: 'cgroup-v2-nesting', pattern: /cgroup\.procs\b[^\n]*?\b(?:device or resource busy|operation not supported)/i },
  // busybox sed of docker:dind's entrypoint writing +controllers to cgroup.subtree_control
  // (docker-library/docker#308, #495): the only "sed: write error" a dind start prints.
  { id: 'cgroup-v2-nesting', pattern: /\bsed: write error\b/i, severity: 'warning' },
  // GNU sed's wording of the same EBUSY (Debian/Ubuntu-based dind images, devcontainers feature).
  { id: 'cgroup-v2-nesting', pattern: /\bsed: couldn't (?:flush stdout|write \d+ items? to stdout): Device or resource busy/i, severity: 'warning' },
  // runc on v2 opening a controller file the parent did not enable in cgroup.subtree_control
  // (e.g. "open /sys/fs/cgroup/foo/cpuset.cpus.effective: no such file or directory"; runc 1.1+ says
  // "openat2 …", and "failed to write %q: write …: %w" when it sets a limit). v1 paths
  // start with the controller's own directory and are left to the not-mounted rules.
  {
    id: 'cgroup-v2-nesting',
    pattern: /(?:open|openat2?|write) \/sys\/fs\/cgroup\/(?!(?:cpuset|cpu|cpuacct|cpu,cpuacct|memory|blkio|devices|pids|freezer|net_cls|net_prio|net_cls,net_prio|hugetlb|perf_event|rdma|misc|systemd|unified)\/)\S*\/(?:cpuset|cpu|io|memory|pids|hugetlb)\.[\w.]+: no such file or directory/i,
    // runc reading memory.events of a container whose start already failed ("unable to get oom kill count"): the group
    // is gone after the real error, not missing a delegated controller.
    severity: (l) => (/unable to get oom kill count/i.test(l) ? null : undefined),
  },
  // moby's create-time check on a kernel without cgroup namespaces ("Your kernel does not support cgroup namespaces.
  // Cgroup namespace setting discarded."): the container asked for a private one and shares the host's.
  { id: 'cgroupns-host', pattern: /Your kernel does not support cgroup namespaces\.\s+Cgroup namespace setting discarded/i },
  // A level started with the host's cgroup namespace, as the command shown says: a hint (many such levels run fine).
  { id: 'cgroupns-host', pattern: CGROUPNS_HOST_ASKED, severity: 'info' },
  // systemd as a level's init ("Failed to create %s control group: %m") on a path that climbs above its namespace's
  // root ("/../../init.scope"): its cgroupfs is the host's tree, not its own namespace's view.
  // The same from a level that sees its own group's host path (/system.slice/docker-<id>.scope, /docker/<id>): it has no
  // cgroup namespace of its own.
  { id: 'cgroupns-host', pattern: /Failed to create \/\.\.(?:\/\.\.)*\/\S* control group|Failed to create \/(?:system\.slice\/docker-[0-9a-f]{12,}\.scope|docker\/[0-9a-f]{12,})\/\S* control group/i, severity: (l) => (/control group: Permission denied/i.test(l) ? 'info' : undefined) },
  // EACCES there, for root in the level's cgroupfs: an LSM's refusal (SELinux's container_manage_cgroup boolean off) or
  // a tree the level's user namespace does not own: a hint.
  { id: 'selinux-denied', pattern: /Failed to create \S+ control group: Permission denied/i, severity: 'info' },
  // On cgroup v2 only the hierarchy's true root lacks cgroup.type; a namespace's root has it. A program in a container
  // (buildkit's entrypoint: "invalid root cgroup type: ") finding none sees the host's root: a hint, as it reads the same
  // on a host.
  { id: 'cgroupns-host', pattern: /\/sys\/fs\/cgroup\/cgroup\.type['"]?: No such file or directory|\binvalid root cgroup type: *$/i, severity: 'info' },
];

// A command that runs in a container (started or entered: docker/podman/nerdctl run or exec, kubectl/oc/crictl/lxc/incus
// exec) and reads what follows it on its line, or a prompt whose host name is a container id (Docker's default). Two
// linear searches, not one pattern with a run of anything between them (quadratic on a long line of commands).
const CONTAINER_COMMAND = /\b(?:(?:docker|podman|nerdctl) (?:container )?(?:run|exec)|(?:kubectl|oc|crictl|lxc|incus) exec)\b/i;
const CONTAINER_PROMPT = /^\s*\S*@[0-9a-f]{12}:[^\n]{0,200}[#$]\s*/i;

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
const V1_SHOWN = /^\s*\d+:[\w,=]+:\/|\s-\s+cgroup\s+cgroup\s|\bCgroup Version:\s*1\b/;
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
const CAT_PROC_CGROUP = /^cat \/proc\/(?:1|self|thread-self)\/cgroup\b/;
const isContainerCgroupRead = (line: string) => readInContainer(line, PROC_CGROUP, CAT_PROC_CGROUP);
const V2_LINE = /^\s*0::(\/\S*)\s*$/;
const V1_LINE = /^\s*\d+:[\w,=]+:\//;
// A process's own cgroup file read at any prompt (`cat /proc/self/cgroup`): "self" is the reader, and 1 is the host's
// init on the host. Either at a container's own place in the host's tree is read from a container that sees that tree.
const CGROUP_FILE_AT_PROMPT = /(?:^|[#$>]\s*)(?:sudo\s+)?cat \/proc\/(?:1|self|thread-self)\/cgroup\s*$/;
// A container id, one a report cut short ("4f1c2d3e…", "4f1c2d3e..."), or the placeholder it put in its place
// ("<container-id>", "{id}", "$CID", "xxxx").
const CONTAINER_ID = String.raw`(?:[0-9a-f]{12,}|[0-9a-f]{4,}(?:\.{3,4}|…)|<[^<>\s/]{1,40}>|\{[^{}\s/]{1,40}\}|\$\{?\w{1,40}\}?|x{4,})`;
// A container's place in a host's v2 tree, by the names Docker (cgroupfs and systemd drivers, rootful or rootless),
// Podman, containerd and nerdctl (a scope, or its namespace's folder), CRI-O, the kubelet, LXC, systemd-nspawn,
// BuildKit's runc worker, ECS, Nomad and GitHub Actions' job containers give it. Segments bounded, each one folder: a run of slashes must not be tried every way.
export const CONTAINER_PLACE = new RegExp(
  String.raw`^\/(?:[\w.@:-]{1,200}\/){0,12}?(?:(?:docker|libpod|cri-containerd|crio|containerd|nerdctl)-${CONTAINER_ID}\.scope|(?:docker|actions_job|default|k8s\.io)\/${CONTAINER_ID}|buildkit\/(?:[0-9a-z]{25}|${CONTAINER_ID})|libpod_parent\/libpod-${CONTAINER_ID}|kubepods[\w.-]{0,100}\/(?:[\w.-]{1,200}\/){0,3}?${CONTAINER_ID}|lxc\.payload\.[\w.-]+|lxc\/[\w.-]+|machine\.slice\/machine-(?!qemu\\x2d)[\w\\.-]+\.scope|ecs\/[0-9a-f]{32}|nomad\.slice\/[0-9a-f]{8}-[0-9a-f-]{27}\.[\w.-]+\.scope)(?:\/|$)`,
);
// Where a container's own processes sit in a private namespace: its root, "/init" (the entrypoint wrapper's), systemd's
// init.scope, slices and units, LXC's attach group.
const OWN_PLACE = /^\/(?:init(?:\.scope)?|\.lxc|system\.slice\/[\w@.\\-]+\.(?:service|scope|socket)|user\.slice(?:\/\S*)?|[\w@.-]+\.slice)?(?:\/|$)/;

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
    if (place || (inContainer && !OWN_PLACE.test(path))) return [{ index: i + 1 + k, severity: sharedSeverity(lines) }];
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

function listsHostTree(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    if (!readInContainer(lines[i], LS_CGROUP, LS_CGROUP_AT_PROMPT)) continue;
    const out = outputOf(lines, i, 30);
    const listing = out.join('\n');
    const groups = new Set(listing.match(HOST_TOP_GROUPS) ?? []);
    if (/\bcgroup\.controllers\b/.test(listing) && groups.size >= 2) {
      return [{ index: i + 1 + out.findIndex((l) => HOST_TOP_GROUP.test(l)), severity: 'warning' }];
    }
  }
  return [];
}

/** A /proc/<pid>/cgroup v1 line whose controller list holds devices plus another controller. */
const DEVICES_SHARED = /^\s*\d+:([a-z_,=]+)(?::|$)/;

// A shell writing controllers into cgroup.subtree_control of a cgroup that still holds processes (cgroup v2's
// no-internal-processes rule: EBUSY, "sh: write error: Resource busy").
const WRITE_BUSY = /\bwrite error: (?:Device or )?[Rr]esource busy\b/;
const SUBTREE_CONTROL = /cgroup\.subtree_control|\bcgroups? v2\b/i;

// The host's cgroup tree bind-mounted read-only (the old systemd-in-Docker recipe): systemd then cannot create its groups
// on cgroup v2. A hint where the same text shows systemd booting (units started: its manager is past its cgroup setup)
// and nothing failing.
const CGROUP_RO_VOLUME = /(?:(?:-v|--volume)[= ]|^\s*-\s+["']?)\/sys\/fs\/cgroup:\/sys\/fs\/cgroup:ro\b/;
const SYSTEMD_BOOTED = /^\s*\[\s*OK\s*\]\s+\w|^\s*Reached target\b/;
const SYSTEMD_FAILED = /\bFailed to (?:create|allocate|mount|set up|start)\b|\[\s*FAILED\s*\]|\[!!!!!!\]/i;

export const cgroupTextRules: TextRule[] = [
  {
    id: 'cgroup-readonly',
    scan(lines) {
      const index = lines.findIndex((l) => CGROUP_RO_VOLUME.test(l));
      if (index < 0) return [];
      // On cgroup v1 the recipe works: a hint there too.
      const booted = lines.some((l) => SYSTEMD_BOOTED.test(l)) && !lines.some((l) => SYSTEMD_FAILED.test(l));
      return [{ index, severity: booted || lines.some((l) => V1_SHOWN.test(l)) ? 'info' : 'warning' }];
    },
  },
  {
    id: 'cgroup-v2-nesting',
    scan(lines) {
      if (!lines.some((l) => SUBTREE_CONTROL.test(l))) return [];
      const index = lines.findIndex((l) => WRITE_BUSY.test(l));
      return index >= 0 ? [{ index, severity: 'warning' }] : [];
    },
  },
  { id: 'cgroupns-host', scan: (lines) => sharesInitCgroupNamespace(lines) },
  { id: 'cgroupns-host', scan: (lines) => initOutsideOwnNamespace(lines) },
  { id: 'cgroupns-host', scan: (lines) => listsHostTree(lines) },
  {
    id: 'cgroup-devices-shared',
    sources: ['proc-cgroup', 'auto'],
    scan(lines) {
      const hits = [];
      for (let i = 0; i < lines.length; i++) {
        const m = DEVICES_SHARED.exec(lines[i]);
        if (m && m[1].split(',').length > 1 && m[1].split(',').includes('devices')) {
          hits.push({ index: i });
        }
      }
      return hits;
    },
  },
];
