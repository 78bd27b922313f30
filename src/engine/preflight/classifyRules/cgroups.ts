// cgroup v1/v2 set-up inside a level.
import { CGROUPNS_HOST_ASKED, V1_SHOWN } from './cgroupNamespaceReads';
import { beside, LineRule, loggedBelowError, TextRule } from './types';

// runc/containerd refusing to start a container (the chain the CLI and dockerd print around the cause).
const RUNTIME_FAILED = /OCI runtime (?:create )?failed|oci runtime error|starting container process caused|applying cgroup configuration|unable to apply cgroup configuration|Error response from daemon/i;

// Garden (Concourse's worker runtime) mounting the v1 hierarchies it wants ("bulk starter: mounting subsystem '%s' in
// '%s': %s") refused with EPERM: on a cgroup v2 host, where those hierarchies cannot be had that way, or in a container
// without CAP_SYS_ADMIN. Both readings, never a read-only tree (nothing was written).
const V1_MOUNT_REFUSED = /\bmounting subsystem '\w+' in '\/sys\/fs\/cgroup\/[^']*': operation not permitted/i;

// mkdir (Go's "mkdir %s: %v", coreutils' "cannot create directory '%s': %s") of a v1 controller's folder itself.
const CONTROLLER_FOLDER_REFUSED =
  /(?:\bmkdir|cannot create directory)\s+['‘"]?\/sys\/fs\/cgroup\/(?:pids|memory|cpu|cpuacct|cpuset|blkio|devices|freezer|net_cls|net_prio|perf_event|hugetlb)['’"]?:?\s*read-only file system/i;

const SYSTEMD_ENODATA = /Cannot determine cgroup we are running in: No data available/i;
// A cgroup v2 host in the same paste: a lone "0::/…" line of /proc/<pid>/cgroup, a cgroup2 mount, the boot option.
const CGROUP_V2_SHOWN = /^\s*0::\/\S*\s*$|\bcgroup2\b|\bsystemd\.unified_cgroup_hierarchy=(?:1|yes|true)\b|^\s*Cgroup Version: 2\s*$/i;
const OLD_SYSTEMD_ON_V2 =
  'systemd in the container found no line for its own hierarchy in /proc/self/cgroup. On a cgroup v2 (unified) host that is a systemd older than 233, which cannot run there: use an image with a newer systemd, or boot the host with systemd.unified_cgroup_hierarchy=0 to give it cgroup v1. On a v1 host, give the container the name=systemd hierarchy (mount /sys/fs/cgroup from the host, or create /sys/fs/cgroup/systemd).';

// systemd as a level's init refused its control group with EACCES ("Failed to create %s control group: %m"): read two
// ways below.
const SYSTEMD_CGROUP_EACCES = /Failed to create \S+ control group: Permission denied/i;

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
  // ENODATA is no line for systemd's hierarchy in /proc/self/cgroup: a v1 level without name=systemd, or a unified
  // hierarchy that systemd before 233 cannot run on (only "0::/…" there): a hint, a warning beside v2's evidence
  // (textRules below).
  { id: 'cgroup-v2-nesting', pattern: SYSTEMD_ENODATA, severity: 'info', hint: OLD_SYSTEMD_ON_V2 },
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
  // (systemd's aliases for co-mounted v1 controllers, "Failed to create symlink /sys/fs/cgroup/cpu: %m" in mount-setup.c,
  // are logged and passed over since v240: on a read-only tree boot goes on, so a hint; a group it cannot create is the
  // error. Before v240 the same failure stopped it, "Failed to mount cgroup hierarchies": cgroupTextRules.)
  { id: 'cgroup-readonly', pattern: /\/sys\/fs\/cgroup[^\s:]{0,300}:?\s*read-only file system/i, severity: (l) => (/Failed to create symlink \/sys\/fs\/cgroup\//i.test(l) ? 'info' : undefined) },
  // A v1 controller's own folder refused with EROFS (mkdir answers EEXIST first where it exists): that hierarchy is not
  // mounted on the read-only tmpfs either, as on a kernel without the controller (pids before 4.3). Second to the
  // read-only tree, which a read-write mount lets the program fill.
  { id: 'cgroup-not-mounted', pattern: CONTROLLER_FOLDER_REFUSED, severity: 'warning' },
  // LXC's cgfs driver finding no hierarchy it may write to ("Could not find writable mount point for cgroup hierarchy %d
  // while trying to create cgroup."): an unprivileged container's user given no delegated group, or a read-only tree.
  { id: 'cgroup-readonly', pattern: /Could not find writable mount point for cgroup hierarchy \d+/i, severity: 'warning' },
  // systemd as the level's init (src/core/cgroup.c "Failed to create %s control group: %m").
  { id: 'cgroup-readonly', pattern: /Failed to create \S+ control group: Read-only file system/i },
  // Its own /init.scope's directory absent: no hierarchy for it (cgroup-not-mounted).
  { id: 'cgroup-not-mounted', pattern: /Failed to create \/init\.scope control group: No such file or directory/i, severity: 'warning' },
  // /proc/mounts: the cgroup root (v2) or a v1 controller mounted ro. v1's tmpfs parent is ro on healthy hosts too
  // (systemd remounts it so, the controllers under it rw): that one alone is a hint.
  { id: 'cgroup-readonly', pattern: /^\S+ \/sys\/fs\/cgroup(?:\/[\w,=]+)? (?:cgroup2?|tmpfs) ro[,\s]/, severity: (l) => (/^\S+ \/sys\/fs\/cgroup tmpfs ro[,\s]/.test(l) ? 'info' : undefined) },
  { id: 'cgroup-readonly', pattern: /cgroups? path: mkdir [^:]+: read-only file system/i },
  // crun creating its group in a v1 controller ("creating cgroup directory `%s`"), a build's buildah-* group or a
  // container's, with ENOENT: the level's hierarchy is a read-only view of its own group where the path crun read from
  // /proc/self/cgroup does not exist (a pod not run privileged).
  {
    id: 'cgroup-readonly',
    pattern: /creating cgroup directory [`'"]?\/sys\/fs\/cgroup\/(?:cpuset|cpu|cpuacct|cpu,cpuacct|cpuacct,cpu|memory|blkio|pids|freezer|net_cls|net_prio|net_cls,net_prio|net_prio,net_cls|hugetlb|perf_event|devices|rdma|misc|systemd|name=systemd)\/\S*?[`'"]?: No such file or directory/i,
    severity: 'warning',
  },
  // Docker 1.9 placing itself in its "docker-daemon" group (libcontainer's fs manager) at a mount it found at /sys/fs:
  // the level's cgroup tree read-only, or not where it looked.
  { id: 'cgroup-readonly', pattern: /\bmkdir \/sys\/fs\/docker[\w-]*: read-only file system/i, severity: 'warning' },
  // runc without write access to the cgroups it would use: "rootless needs no limits + no cgrouppath when
  // no permission is granted for cgroups: %w", "cannot set %s limit: container could not join or create cgroup".
  { id: 'cgroup-readonly', pattern: /no permission is granted for cgroups|container could not join or create cgroup/i },
  // On the devices controller's own files EPERM is first the parent's device policy (cgroup-devices-shared,
  // above): a cgroup the level may not write is only the second reading there. An alias the old dind scripts
  // (wrapdocker) link beside co-mounted hierarchies is cosmetic: coreutils' "failed to create symbolic link %s"
  // there is noise of a working level.
  { id: 'cgroup-v2-nesting', pattern: V1_MOUNT_REFUSED, severity: 'warning' },
  { id: 'not-privileged', pattern: V1_MOUNT_REFUSED, severity: 'warning' },
  {
    id: 'cgroup-readonly',
    pattern: /\/sys\/fs\/cgroup\S*:\s*(?:operation not permitted|permission denied)/i,
    // (A program that logged it below error went on without that cgroup, as buildkitd does with its controllers: a hint.)
    severity: (l, ctx) =>
      /^ln: failed to create symbolic link/i.test(l) || V1_MOUNT_REFUSED.test(l) ? null : loggedBelowError(ctx) ? 'info' : /devices\.(?:allow|deny)\S*:\s*operation not permitted/i.test(l) ? 'warning' : 'error',
  },
  // A unified hierarchy's limit file refused with EACCES (not EROFS): a group owned by another user, not delegated to the
  // program that would set its limit (go-judge's "open /sys/fs/cgroup/…/memory.max: permission denied"). A second
  // reading beside the read-only one above.
  {
    id: 'cgroup-v2-nesting',
    pattern: /\/sys\/fs\/cgroup\/\S*\b(?:memory\.(?:max|high|low|min|swap\.max)|cpu\.(?:max|weight)|pids\.max|io\.(?:max|weight))\b\S*:\s*permission denied/i,
    severity: (_l, ctx) => (loggedBelowError(ctx) ? 'info' : 'warning'),
  },
  { id: 'cgroup-readonly', pattern: /(?:block device cgroup is write-protected|cannot mount block device cgroup read-only)/i },
  { id: 'cgroup-v2-nesting', pattern: /cannot enter cgroupv2 .* with domain controllers/i },
  // EBUSY/EOPNOTSUPP writing cgroup.subtree_control, in any tool's wording: runc/containerd ("write %s: %w"),
  // the shells' redirections, nsjail ("Couldn't write '%zu' bytes to file %s (fd='%d')" + ": strerror").
  { id: 'cgroup-v2-nesting', pattern: /cgroup\.subtree_control\b[^\n]*?\b(?:device or resource busy|operation not supported)/i },
  // ENOENT writing it (crun's "writing file `%s`", runc's "write %s"): a controller it enables that the parent's
  // cgroup.controllers lacks, one not delegated (a user's manager without hugetlb or cpuset). Opening it is another thing.
  // (gVisor's runsc says "cannot set up cgroup for root": its sandbox's parent group, such as system.slice, not yet made on
  // the host, a runsc bug rather than a level's delegation: a hint.)
  {
    id: 'cgroup-v2-nesting',
    pattern: /(?:writing file|\bwrite) [`'"]?\S*\/cgroup\.subtree_control[`'"]?: No such file or directory/i,
    severity: (l) => (/cannot set up cgroup for root\b/i.test(l) ? 'info' : 'warning'),
  },
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
  // libnvidia-container before 1.8 looking for the v1 devices hierarchy on a unified host ("cgroup subsystem devices not
  // found"): a v2 host its hook cannot handle (a hint; upgrading the toolkit is the fix).
  { id: 'cgroup-v2-nesting', pattern: /nvidia-container-cli: container error: cgroup subsystem devices not found/i, severity: 'info' },
  // crun enabling a controller for its group ("controller `%s` is not available under %s/cgroup.controllers"): the
  // same parent that does not have it to hand down.
  { id: 'cgroup-v2-nesting', pattern: /\bcontroller [`'"]?\w+[`'"]? is not available under \S*cgroup\.controllers/i, severity: 'warning' },
  // The kubelet of a k3s/kind node running in the level, on v2 (pkg/kubelet/cm/cgroup_manager_linux.go:
  // fmt.Errorf("cgroup %q has some missing controllers: %v"), %q of a CgroupName giving ["kubepods"]). Its
  // V(4) trace "The Cgroup %v has some missing controllers: %v" is an existence probe, left alone.
  { id: 'cgroup-v2-nesting', pattern: /\bcgroup \["[^\]]*\] has some missing controllers:/ },
  // cgroup.type read back as an invalid group or a threaded root ("domain invalid", "domain threaded"): a nested runtime
  // cannot create domain children there. "domain threaded" is also a threaded subtree made on purpose: a hint.
  { id: 'cgroup-v2-nesting', pattern: /^\s*domain (?:invalid|threaded)\s*$/, severity: (l) => (/threaded/.test(l) ? 'info' : 'warning') },
  // Moving a process into a v2 cgroup that has children with controllers (no internal processes) or
  // is threaded: write cgroup.procs → EBUSY / EOPNOTSUPP (runc/containerd "failed to write %d: %w").
  { id: 'cgroup-v2-nesting', pattern: /cgroup\.procs\b[^\n]*?\b(?:device or resource busy|operation not supported)/i },
  // busybox sed of docker:dind's entrypoint writing +controllers to cgroup.subtree_control
  // (docker-library/docker#308, #495): the only "sed: write error" a dind start prints.
  { id: 'cgroup-v2-nesting', pattern: /\bsed: write error\b/i, severity: 'warning' },
  // GNU sed's wording of the same EBUSY (Debian/Ubuntu-based dind images, devcontainers feature).
  { id: 'cgroup-v2-nesting', pattern: /\bsed: couldn't (?:flush stdout|write \d+ items? to stdout): Device or resource busy/i, severity: 'warning' },
  // kind's and minikube's node entrypoint in a user namespace on v2 ("ERROR: UserNS: %s controller needs to be
  // delegated" for cpu, memory, pids): the user's systemd manager hands its services too few controllers.
  { id: 'cgroup-v2-nesting', pattern: /\bUserNS: \w+ controller needs to be delegated\b/i },
  // LXC's cgfsng enabling controllers for its payload ("Could not enable \"%s\" controllers in the unified cgroup %d")
  // with EBUSY: the group it was given holds processes of its own (no internal processes on v2).
  { id: 'cgroup-v2-nesting', pattern: /Device or resource busy - Could not enable "[^"\n]*" controllers in the\s+unified cgroup/i, severity: 'warning' },
  // systemd moving a unit's process into its group ("%s: Failed to attach to cgroup %s: %m", then "Failed at step CGROUP
  // spawning %s: %m") with EBUSY: the same rule, a delegated group (nspawn's, a container's) with processes and
  // controllers enabled below it.
  { id: 'cgroup-v2-nesting', pattern: /Failed to attach to cgroup \S+: Device or resource busy|Failed at step CGROUP spawning \S+: Device or resource busy/i, severity: 'warning' },
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
  // The same from a level that sees its own group's host path (/system.slice/docker-<id>.scope, /docker/<id>, Podman's
  // /machine.slice/libpod-<id>.scope and cgroupfs /libpod_parent/libpod-<id>): it has no cgroup namespace of its own.
  // Also systemd's v1 fallback ("Failed to attach %d to compat systemd cgroup %s: %m", newer "… '%s', ignoring: %m")
  // on such a path: the named hierarchy mounted in the level is its own subtree, the path it read is the host's.
  { id: 'cgroupns-host', pattern: /Failed to (?:create|attach \d+ to compat systemd cgroup) '?\/\.\.(?:\/\.\.)*\/[^\s']*(?: control group|'?(?:, ignoring)?: No such file)|Failed to (?:create|attach \d+ to compat systemd cgroup) '?\/(?:system\.slice\/docker-[0-9a-f]{12,}\.scope|docker\/[0-9a-f]{12,}|machine\.slice\/libpod-[0-9a-f]{12,}\.scope|libpod_parent\/libpod-[0-9a-f]{12,})\/[^\s']*(?: control group|'?(?:, ignoring)?: No such file)/i, severity: (l) => (/control group: Permission denied/i.test(l) ? 'info' : undefined) },
  // EACCES there, for root in the level's cgroupfs: an LSM's refusal (SELinux's container_manage_cgroup boolean off) or
  // a tree the level's user namespace does not own: a hint.
  { id: 'selinux-denied', pattern: SYSTEMD_CGROUP_EACCES, severity: 'info' },
  // The tree not writable by the level's user is the other hint: rootless Podman's cgroupfs manager on v1, an
  // unprivileged pod's systemd.
  { id: 'cgroup-readonly', pattern: SYSTEMD_CGROUP_EACCES, severity: 'info' },
  // On cgroup v2 only the hierarchy's true root lacks cgroup.type; a namespace's root has it. A program in a container
  // (buildkit's entrypoint: "invalid root cgroup type: ") finding none sees the host's root: a hint, as it reads the same
  // on a host.
  { id: 'cgroupns-host', pattern: /\/sys\/fs\/cgroup\/cgroup\.type['"]?: No such file or directory|\binvalid root cgroup type: *$/i, severity: 'info' },
  // The same for the usage files a v2 group has and the true root has not (memory.current, cpu.stat's siblings): a
  // container's agent reading them at /sys/fs/cgroup itself sits at the host's root. A hint.
  { id: 'cgroupns-host', pattern: /\bopen \/sys\/fs\/cgroup\/(?:memory\.(?:current|max|peak|swap\.current)|cpu\.max|pids\.(?:current|max)): no such file or directory/i, severity: 'info' },
  // A v2 limit file missing in a group a tool made for itself (nsjail "Couldn't open '%s' for writing", Go's "open %s"):
  // the parent did not enable that controller in cgroup.subtree_control. (A v1 controller's folder in the path is v1.)
  {
    id: 'cgroup-v2-nesting',
    pattern: /(?:\bopen|Couldn't open) ['"]?\/sys\/fs\/cgroup\/(?!(?:cpuset|cpu|cpuacct|cpu,cpuacct|memory|blkio|pids|devices|freezer|net_cls|net_prio|perf_event|hugetlb|systemd|unified|rdma|misc)\/)[^\s'"]+\/(?:cpu\.max|cpu\.weight|memory\.max|memory\.high|memory\.swap\.max|pids\.max|io\.max|io\.weight|cpuset\.cpus|cpuset\.mems)['"]?(?: for writing)?: No such file or directory/i,
    severity: 'warning',
  },
  // Slurm's slurmd without a delegated scope for its step daemons ("cannot initialize cgroup directory for stepds", after
  // "_init_new_scope_dbus: scope and/or cgroup directory for slurmstepd could not be set"): a pod or container on a cgroup
  // v2 host with no systemd to delegate one. (Its v2 plugin missing from the build is the image's configuration.)
  { id: 'cgroup-v2-nesting', pattern: /\bcannot initialize cgroup directory for stepds\b|\bscope and\/or cgroup directory for slurmstepd could not be set\b/i, severity: 'warning' },
];

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
// (Or `systemctl` answering with its unit table: the manager is up; or systemd's "Welcome to %s!" banner, told from a
// motd's by its "systemd %s running in system mode" line, with nothing failing after it: a refused cgroup set-up prints
// its failure right below the banner.)
const SYSTEMD_BOOTED = /^\s*\[\s*OK\s*\]\s+\w|^\s*Reached target\b|^\s*UNIT\s+LOAD\s+ACTIVE\s+SUB\s+DESCRIPTION\s*$/;
const SYSTEMD_WELCOME = /^\s*Welcome to .{1,80}!\s*$/;
const SYSTEMD_STARTING = /\bsystemd \d+(?:\.\d+)?\S* running in system mode\b/;
const SYSTEMD_FAILED = /\bFailed to (?:create|allocate|mount|set up|start)\b|\[\s*FAILED\s*\]|\[!!!!!!\]/i;
// (Or the runtime not finding the command it was given, runc's "exec: %q: stat %s: no such file or directory" or
// "executable file not found in $PATH": the container never reached systemd, so the tree did not stop it.)
const COMMAND_NOT_FOUND = /\bexec: \\?"[^"\\\n]+\\?": (?:stat \S+: no such file or directory|executable file not found in \$PATH)/;

// systemd 219-239 returning that symlink's failure from its cgroup set-up, then freezing ("Failed to mount cgroup
// hierarchies, freezing."): the read-only tree stopped it.
const ALIAS_REFUSED = /Failed to create symlink \/sys\/fs\/cgroup\/\S+: Read-only file system/i;
const CGROUP_SETUP_FROZE = /Failed to mount cgroup hierarchies\b/i;

export const cgroupTextRules: TextRule[] = [
  beside('cgroup-v2-nesting', SYSTEMD_ENODATA, CGROUP_V2_SHOWN, 'warning'),
  beside('cgroup-readonly', ALIAS_REFUSED, CGROUP_SETUP_FROZE, 'error'),
  {
    id: 'cgroup-readonly',
    scan(lines) {
      const index = lines.findIndex((l) => CGROUP_RO_VOLUME.test(l));
      if (index < 0) return [];
      // On cgroup v1 the recipe works: a hint there too.
      const welcomed = lines.some((l) => SYSTEMD_WELCOME.test(l)) && lines.some((l) => SYSTEMD_STARTING.test(l));
      const booted = (welcomed || lines.some((l) => SYSTEMD_BOOTED.test(l))) && !lines.some((l) => SYSTEMD_FAILED.test(l));
      const notRun = lines.some((l) => COMMAND_NOT_FOUND.test(l));
      return [{ index, severity: booted || notRun || lines.some((l) => V1_SHOWN.test(l)) ? 'info' : 'warning' }];
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
