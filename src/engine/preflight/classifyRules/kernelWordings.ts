// What the kernel itself prints (dmesg, journalctl -k) when a level's storage, memory or cgroups fail, in the words
// storage.ts, diskSpace*.ts and daemon.ts do not read: overlayfs' and aufs' refusals, device-mapper's thin pool and
// XFS/ext4/loop out of room, the OOM killer's second line, cgroup v1 mounts refused, seccomp's kill record.
import { ENGINE_KILLED, engineComm } from './engines';
import { beside, LineRule, TextRule } from './types';

// The engines' own processes: an OOM kill or a seccomp kill of one of them is the level's failure, another's a hint.
const ENGINE_COMM = engineComm(['unshare']);
const engineProcess = (l: string) => ENGINE_KILLED.test(l) || ENGINE_COMM.test(l);
// The memory cgroup's report of its usage at (within a percent of) its limit with a failure counted.
function atLimit(line: string): 'info' | null {
  const m = /\bmemory: usage (\d+)kB, limit (\d+)kB/.exec(line);
  return m && Number(m[1]) >= 0.99 * Number(m[2]) ? 'info' : null;
}

/**
 * util-linux mount attaching an image file ("%s: failed to setup loop device for %s.", before 2.30 "failed to setup loop
 * device: %m"), or losetup -f finding none ("cannot find an unused loop device", older "could not find any free loop
 * device"): no free loop device in the level (a container gets /dev/loop* only when privileged or passed them) or no
 * loop module; a hint of each (the device's in deviceAccess.ts).
 */
export const LOOP_SETUP_FAILED = /\bfailed to setup loop device(?: for \S+|: (?:No such file or directory|Operation not permitted|Permission denied))|\blosetup: (?:cannot find an unused|could not find any free) loop device/i;

const LVM_TARGET_MISSING = /\bRequired device-mapper target\(s\) not detected in your kernel\b/i;
const INSERT_REFUSED = /modprobe: ERROR: could not insert '[^']+': Operation not permitted/i;
const ENGINE_MODPROBE = /\bRunning modprobe\b|\bexit status \d+: modprobe:/i;
const IPTABLES_TABLE_REFUSED = /^ip6?tables(?:-restore)?(?: v[\d.]+)?[^\n]{0,100}?(?:can't initialize|Table does not exist|unable to initialize)/i;
const USER_NAMESPACED = /\brootless|\bpodman\b|\/run\/user\/\d+\/|\bsysbox\b|\blx[cd]\b/i;
const MODULE_HINT = 'Without CAP_SYS_MODULE a container cannot load modules: load it on the host (modprobe <name>, and list it in /etc/modules-load.d to keep it), or run the container with --cap-add SYS_MODULE and /lib/modules mounted read-only.';
const DM_CONTROL_REFUSED = /\/dev\/mapper\/control: open failed: (?:Operation not permitted|Permission denied)\b/i;

export const kernelWordingRules: LineRule[] = [
  // Debian's nfs-kernel-server init script in an NFS server image ("Not starting NFS kernel daemon: no support in current
  // kernel."): /proc/filesystems lists no nfsd, so the host has not loaded it; a container shares the host's kernel.
  { id: 'kernel-module-missing', pattern: /\bNot starting NFS kernel daemon: no support in current kernel\b/i, severity: 'warning' },
  // LVM without the device-mapper target a volume needs ("%s: Required device-mapper target(s) not detected in your
  // kernel.", after its own modprobe failed): a pod cannot load dm_thin_pool and the like; the host must. A hint here; a
  // warning below unless the paste shows the control node refused (then it is the level's access, deviceAccess.ts).
  { id: 'kernel-module-missing', pattern: LVM_TARGET_MISSING, severity: 'info' },
  // binhex's VPN images at start ("Unable to load iptable_mangle module, you will not be able to connect to the
  // applications Web UI …"): the module is the host's to load; a hint, the image runs on without it.
  { id: 'kernel-module-missing', pattern: /\bUnable to load \w+ module, you will not be able to\b/i, severity: 'info' },
  // Portworx's container without its kernel module ("Kernel Driver error detected... please load the correct PX kernel
  // module and restart"): it builds the module from the host's headers, which it could not find or fetch.
  { id: 'kernel-module-missing', pattern: /\bplease load the correct PX kernel module\b/i, severity: 'warning' },
  // An image's start-up script asking for a module the container cannot load itself (jitsi's jibri: "Please load
  // snd-aloop module on the docker host."): a level shares its host's kernel, so the host must load it.
  { id: 'kernel-module-missing', pattern: /\bPlease load [\w-]+ (?:kernel )?module on the (?:docker )?host\b/i, severity: 'warning' },
  // binfmt_misc for foreign-architecture emulation: multiarch/qemu-user-static's register.sh (and its copies) finding none
  // ("No binfmt support in the kernel."), Debian's update-binfmts unable to load it ("Couldn't load the binfmt_misc
  // module.", a hint: a container cannot modprobe, and the host may have it loaded yet unmounted there).
  { id: 'kernel-module-missing', pattern: /^\s*No binfmt support in the kernel\b/, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /update-binfmts: warning: Couldn't load the binfmt_misc module/i, severity: 'info' },
  // No loop module: one of util-linux's two readings (LOOP_SETUP_FAILED, below).
  { id: 'kernel-module-missing', pattern: LOOP_SETUP_FAILED, severity: 'info' },
  // libdevmapper finding no device-mapper driver ("/dev/mapper/control: open failed: No such device", ENODEV: dm_mod is
  // not in the kernel a level shares; EPERM there is an unprivileged level, security.ts): a hint, since the daemon itself
  // may run on another driver and only a tool inside needs it.
  // (Its other wording, from the control node's number looked up in /proc/misc: "/proc/misc: No entry for device-mapper
  // found".)
  { id: 'kernel-module-missing', pattern: /\/dev\/mapper\/control: open failed: No such device\b|\/proc\/misc: No entry for device-mapper found/i, severity: 'info' },
  // overlayfs: the work directory not created ("failed to create directory %s/%s (errno: %i); mounting read-only": ENOSPC
  // is a full disk, other errnos a backing filesystem or a user namespace that refuses it, a hint); upper and work on
  // different mounts; a read-only upper (≤6.6 "upper fs is r/o, try multi-lower layers mount", 6.7+ "filesystem on %s is
  // read-only" from the new mount API).
  { id: 'disk-space', pattern: /\boverlay(?:fs)?: failed to create directory \S+ \(errno: 28\); mounting read-only/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /\boverlay(?:fs)?: failed to create directory \S+ \(errno: (?!28\))\d+\); mounting read-only/i, severity: 'info' },
  { id: 'storage-driver-unsupported', pattern: /\boverlay(?:fs)?: (?:workdir and upperdir must reside under the same mount|upper fs is r\/o, try multi-lower layers mount|filesystem on \S+ is read-only)/i, severity: 'warning' },
  // aufs' branch checks (fs/aufs/branch.c test_add: "already stacked, %s (%s)", "unsupported filesystem, %s (%s)"): a
  // branch on aufs or overlay is the data root on the level's own union filesystem; another filesystem aufs refuses.
  { id: 'overlay-on-overlay', pattern: /\baufs test_add:\d+:[^\n]{0,100}: (?:already stacked, \S+ \(\w+\)|unsupported filesystem, \S+ \((?:aufs|overlay)\))/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /\baufs test_add:\d+:[^\n]{0,100}: unsupported filesystem, \S+ \((?!aufs\)|overlay\))\w+\)/i, severity: 'warning' },
  // The module loader refusing an aufs built for another kernel ("%s: Unknown symbol %s (err %d)", "disagrees about
  // version of symbol %s").
  { id: 'aufs-module-missing', pattern: /\baufs: (?:Unknown symbol \S+ \(err -?\d+\)|disagrees about version of symbol)/i, severity: 'warning' },
  // apt unable to find the running kernel's linux-image-extra package ("E: Unable to locate package %s", Ansible's apt
  // module "No package matching '%s' is available"), where Ubuntu kept aufs (the Docker 1.x installers' `apt-get install
  // linux-image-extra-$(uname -r)`): a cloud or OpenVZ kernel without it, so no aufs. A hint: overlay2 does without it.
  {
    id: 'aufs-module-missing',
    pattern: /\bUnable to locate package linux-image-extra-\d\S*|\bNo package matching 'linux-image-extra-\d/,
    severity: 'info',
    hint: 'apt found no linux-image-extra package for the running kernel, where Ubuntu kept the aufs module that old Docker installers asked for (a cloud, OpenVZ or custom kernel has none; from Ubuntu 18.04 the package is linux-modules-extra). Docker does without aufs: its overlay2 storage driver needs only the kernel\'s overlay module.',
  },
  // qemu without /dev/kvm ("Could not access KVM kernel module: %m", "failed to initialize KVM: %s"), as Kata's and
  // other VM runtimes' sandboxes report it: the kvm module not loaded, or a cloud VM without nested virtualisation.
  { id: 'kernel-module-missing', pattern: /\bCould not access KVM kernel module: No such file or directory\b/i, severity: 'warning' },
  // Singularity/Apptainer mounting its image ("Failed to mount squashfs image in (read only): %s") with ENODEV: the kernel
  // under the container has no squashfs.
  { id: 'kernel-module-missing', pattern: /Failed to mount squashfs image in \(read only\): No such device/i, severity: 'warning' },
  // Singularity 3's image mount ("%s filesystem seems not enabled and/or supported by your kernel"): the same, told.
  { id: 'kernel-module-missing', pattern: /system seems not enabled and\/or supported by your kernel\b/i, severity: 'warning' },
  // Libreswan's pluto: its own test for XFRM ("no XFRM kernel support detected, missing %s"), and its guess after binding
  // the XFRM netlink socket failed ("Failed to bind bcast socket in init_netlink() - Perhaps kernel was not compiled with
  // CONFIG_XFRM"), a hint: the socket opened, so the errno decides (EPERM is a container without NET_ADMIN, below).
  { id: 'kernel-module-missing', pattern: /\bno XFRM kernel support detected, missing \S+/i, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /\bPerhaps kernel was not compiled with CONFIG_XFRM\b/i, severity: 'info' },
  {
    id: 'not-privileged',
    pattern: /\bPerhaps kernel was not compiled with CONFIG_XFRM\. Errno 1: Operation not permitted/i,
    severity: 'warning',
    hint: 'Joining the kernel\'s XFRM netlink groups needs CAP_NET_ADMIN: run the IPsec container with --cap-add NET_ADMIN (in compose: cap_add), or privileged.',
  },
  // free5GC's UPF opening gtp5g ("open Gtp5g: version mismatch: …"): the host's module is too old for the UPF.
  {
    id: 'kernel-module-missing',
    pattern: /\bopen Gtp5g: version mismatch\b/i,
    severity: 'warning',
    hint: 'Build and load on the host the gtp5g release the UPF names (the log gives the range); a container cannot replace the host\'s module.',
  },
  // PacketRusher's gNB ("Unable to create Kernel GTP interface: operation not supported"): no gtp5g module on the host
  // its daemon runs on (a desktop engine's VM has none).
  { id: 'kernel-module-missing', pattern: /\bUnable to create Kernel GTP interface: operation not supported/i, severity: 'warning' },
  // wg-easy after wg-quick failed ("This usually means that your host's kernel does not support WireGuard!"): printed
  // after any failure to add the interface, a container without NET_ADMIN's too, so a hint.
  { id: 'kernel-module-missing', pattern: /\byour host's kernel does not support WireGuard\b/i, severity: 'info' },
  // sysctl on MPLS' global keys (BusyBox "sysctl: error: 'net.mpls/platform_labels' is an unknown key", old procps
  // "error: \"net.mpls.platform_labels\" is an unknown key", procps-ng "cannot stat /proc/sys/net/mpls/platform_labels"):
  // they are per network namespace, so a container lacks them only where the host has not loaded mpls_router. (A
  // per-interface key, net.mpls.conf.<if>, is missing too while that interface is not there yet: a hint.)
  {
    id: 'kernel-module-missing',
    pattern: /\bsysctl: (?:error: )?["']{0,2}net\.mpls[./](?:platform_labels|ip_ttl_propagate|default_ttl)\b|\bsysctl: cannot stat \/proc\/sys\/net\/mpls\/(?:platform_labels|ip_ttl_propagate|default_ttl)\b/i,
    severity: 'warning',
    hint: 'The kernel has no MPLS sysctls: load mpls_router (and mpls_iptunnel) on the host running the daemon (modprobe there, or list them in /etc/modules-load.d); a container cannot load them.',
  },
  { id: 'kernel-module-missing', pattern: /\bsysctl: (?:error: )?["']{0,2}net\.mpls[./]conf[./]\S+ is an unknown key|\bsysctl: cannot stat \/proc\/sys\/net\/mpls\/conf\//i, severity: 'info' },
  // A build step loading a module ("The command '/bin/sh -c modprobe %s' returned a non-zero code", BuildKit's "process
  // \"/bin/sh -c modprobe %s\" did not complete successfully"): a container shares the host's kernel and cannot load one.
  {
    id: 'kernel-module-missing',
    pattern: /\bThe command '\/bin\/sh -c modprobe [\w-]+' returned a non-zero code|\bprocess "\/bin\/sh -c modprobe [\w-]+" did not complete successfully/,
    severity: 'info',
    hint: 'An image build cannot load kernel modules: containers share the host\'s kernel. Load the module on the host that runs the daemon and remove the modprobe step from the Dockerfile.',
  },
  // Falco's driver loader with no module for the running kernel ("Download failed, consider compiling your own
  // falco-probe|falco module and loading it …"; 0.28+ "Consider compiling your own falco driver …", falcoctl "Consider
  // compiling your own driver …"), and DKMS failing to build one ("Error! Bad return status for module build on kernel:
  // %s"): the module the tool needs is missing. Hints: the tool's problem more often than the engine's.
  { id: 'kernel-module-missing', pattern: /\b[Cc]onsider compiling your own (?:falco(?:-probe| module| driver)|driver)\b|Error! Bad return status for module build on kernel:/, severity: 'info' },
  // DKMS without the running kernel's headers ("Your kernel headers for kernel %s cannot be found at …"), and libscap
  // finding no driver device ("error opening device %s. Make sure you have root credentials and that the %s module is
  // loaded."): the agent's module was never built or loaded. Hints: a container that lacks the host's /lib/modules or
  // /usr/src says the same, and the tuning side labels Falco without its driver both ways.
  { id: 'kernel-module-missing', pattern: /\bYour kernel headers for kernel \S+ cannot be found\b|\bMake sure you have root credentials and that the \w+ module is loaded\b/, severity: 'info' },
  // A module-building image (Portworx's px-fuse) finding no headers for the running kernel: apt's "Unable to locate
  // package linux-headers-%s", Portworx's "Failed to install/locate kernel headers for %s". Hints, as above.
  { id: 'kernel-module-missing', pattern: /\bE: Unable to locate package linux-headers-\d\S*|\bFailed to install\/locate kernel headers for \S+/, severity: 'info' },
  // The OOM killer's second line before 5.0 ("Killed process %d (%s) total-vm:…"), and the memory cgroup at its limit
  // ("memory: usage %llukB, limit %llukB, failcnt %lu"): an engine's process killed is the level's memory, another's a
  // hint (a workload in its own limit).
  { id: 'memory-limit', pattern: /(?<![Oo]ut of memory: )\bKilled process \d+ \([^)]+\),? total-vm:\d+kB/, severity: (l) => (engineProcess(l) ? 'warning' : 'info') },
  { id: 'memory-limit', pattern: /\bmemory: usage \d+kB, limit \d+kB, failcnt [1-9]\d*/i, severity: atLimit },
  // cgroup v1 mounts refused (5.1+: "Unknown subsys name '%s'", "Disabled controller '%s'" from the fs context, as
  // "cgroup1:" or "cgroup:"): a controller the kernel lacks, bound to cgroup v2, or disabled by cgroup_no_v1=; a
  // level's setup that mounts every hierarchy tries them all: a hint.
  { id: 'cgroup-not-mounted', pattern: /\bcgroup1?: (?:Unknown subsys name|Disabled controller) '\w+'/i, severity: 'info' },
  // device-mapper's thin pool out of room ("%s: no free data space available.", metadata "unable to allocate new metadata
  // block", "metadata operation '%s' failed: error = -28") and its read-only mode after one (a hint: errors get it too).
  { id: 'disk-space', pattern: /device-mapper: thin: \S+ no free data space available|device-mapper: space map metadata: unable to allocate new metadata block|device-mapper: thin: \S+ metadata operation '\w+' failed: error = -28/i, severity: 'warning' },
  { id: 'disk-space', pattern: /device-mapper: thin: \S+ switching pool to read-only mode/i, severity: 'info' },
  // XFS's metadata writes failing with ENOSPC (5.x: "metadata I/O error in \"%pS\" at daddr 0x%llx len %d error %d", 4.x
  // "metadata I/O error: block 0x%llx (\"%s\") error %d numblks %d"): a thin-provisioned device under it out of room.
  { id: 'disk-space', pattern: /\bXFS \([^)]+\): metadata I\/O error(?: in "[^"]*" at daddr \S+ len \d+|: block \S+ \("[^"]*"\)) error 28\b/i, severity: 'warning' },
  // ext4's directory index full (ENOSPC with blocks free: "Directory (ino: %lu) index full, reach max htree level :%d",
  // older "Directory index full!"): a folder with too many entries (overlay2's l/ of links, a huge build context).
  { id: 'disk-space', pattern: /\bext4_dx_add_entry:\d+: Directory (?:\(ino: \d+\) )?index full/i, severity: 'warning', hint: 'ext4 refused a new entry in a directory whose index is full (ENOSPC although blocks are free): remove entries from that directory (old images and build caches under the data root), or enable the large_dir feature (tune2fs -O large_dir) on the filesystem.' },
  // The loop device under devicemapper's loop-lvm failing to write its sparse file: the filesystem holding it is full.
  { id: 'disk-space', pattern: /\bloop\d*: Write error at byte offset \d+, length \d+/i, severity: 'info' },
  // seccomp's kill record (type=1326, sig=31) of an engine's process or an unshare under docker-default: the default
  // profile refused a namespace call a level needs. A hint: seccomp logs other programs' kills too.
  { id: 'not-privileged', pattern: /\btype=(?:1326|SECCOMP)\b[^\n]{0,400}\bsig=31\b/, severity: (l) => (engineProcess(l) || /\bsubj=docker-default\b/.test(l) ? 'info' : null) },
];

export const kernelWordingTextRules: TextRule[] = [
  // kmod refused inserting a module ("modprobe: ERROR: could not insert '%s': Operation not permitted") by a tool's own
  // modprobe: a container without CAP_SYS_MODULE, beside the module the host lacks (network.ts). A hint; not dockerd's
  // modprobe, an exec wrapper's (kube-proxy, CNI) or iptables' (the next line its table refused): a healthy level prints
  // those and the host has the module or must load it; nor where the paste is rootless, Podman's, sysbox's or LXC's (no
  // privilege lets a user namespace load a module).
  {
    id: 'not-privileged',
    scan(_lines, messages) {
      if (messages.some((m) => USER_NAMESPACED.test(m))) return [];
      const ownInsert = (m: string, i: number) => INSERT_REFUSED.test(m) && !ENGINE_MODPROBE.test(m) && !IPTABLES_TABLE_REFUSED.test(messages[i + 1] ?? '');
      const index = messages.findIndex(ownInsert);
      return index >= 0 ? [{ index, severity: 'info', hint: MODULE_HINT }] : [];
    },
  },
  // A kernel whose modules are compressed (`modinfo`'s "filename: ….ko.xz" or ".ko.zst") beside a kmod built without that
  // compression (`kmod --version`'s feature line "-XZ" or "-ZSTD"): the level's modprobe cannot load any of them.
  beside('kernel-module-missing', /^\s*filename:\s+\S+\.ko\.xz\s*$/, /^\s*(?:[+-][A-Z0-9]+\s+)*-XZ\b/, 'warning'),
  beside('kernel-module-missing', /^\s*filename:\s+\S+\.ko\.zst\s*$/, /^\s*(?:[+-][A-Z0-9]+\s+)*-ZSTD\b/, 'warning'),
  // LVM's missing target (above) is the kernel's only where the control node itself answered.
  {
    id: 'kernel-module-missing',
    scan(_lines, messages) {
      if (messages.some((m) => DM_CONTROL_REFUSED.test(m))) return [];
      const index = messages.findIndex((m) => LVM_TARGET_MISSING.test(m));
      return index >= 0 ? [{ index, severity: 'warning' }] : [];
    },
  },
];
