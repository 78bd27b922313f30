// Storage drivers and /var/lib/docker (disk space: diskSpace.ts; readings across a whole paste: storageText.ts).
import { hintBelowError, LineRule, loggedBelowError } from './types';

// An overlay mount that fails with EINVAL has two usual causes: an upper layer on a union
// filesystem (dind without a /var/lib/docker volume) or on one overlay cannot use (nfs, zfs, btrfs,
// xfs without d_type). Both are named, the union one first for a level, at warning because it is a
// guess; context.ts drops it when the text names another backing filesystem.
const OVERLAY_EINVAL: readonly RegExp[] = [
  // moby daemon/graphdriver/overlay(2)/driver.go: "error creating overlay mount to %s: %v".
  /error creating overlay mount to \S+: invalid argument/i,
  /failed to mount overlay: invalid argument/i,
  // aufs over aufs in the aufs era (moby ≤20.10 graphdriver/aufs: "error creating aufs mount to %s: %v").
  /error creating aufs mount to \S+: invalid argument/i,
  // Docker 0.7-0.9 graph.go: "Driver %s failed to get image rootfs %s: %s" (an aufs data root on the container's own aufs).
  /Driver (?:aufs|overlay2?) failed to (?:get|create) image rootfs [0-9a-f]+: invalid argument/i,
  // containerd mount/mount_linux.go: "mount source: %q, target: %q, fstype: %s, … err: %w".
  /fstype: overlay\b.*\berr: invalid argument/i,
  // containerd 1.2-1.6's shim printing the mount struct ("failed to mount rootfs component %v: %w" → "&{overlay overlay
  // [workdir=…]}: …"; 1.7 prints the mount's fields, read above). Mount options hold no "}".
  /failed to mount rootfs component &?\{overlay overlay\b[^}\n]*\}: invalid argument/i,
  /failed to mount \S*containerd-mount\d+: invalid argument/i,
  // The same with its mount options cut out by the reporter ("failed to mount /tmp/containerd-mount…: overlay … err: …").
  /failed to mount \S*containerd-mount[^\s/]{0,20}:? [^\n]{0,400}?\boverlay\b[^\n]{0,400}?\berr: invalid argument/i,
  // A directory under a layer's merged view, e.g. "mkdir /var/lib/docker/overlay/<id>-init/merged/dev/shm: invalid argument".
  // (Not an unmount's: umount2(2) answers EINVAL for a view no longer mounted, logged as "error unmounting %s: %v".)
  // (Bounded: an unbounded look-behind and hex run backtracked quadratically on a long path-like token.)
  /(?<!\bunmounting \S{0,400})\/overlay2?\/[0-9a-f]{12}[^\s:]{0,400}: invalid argument/i,
];

/** aufs asked for by name (a flag, daemon.json): context.ts lets a daemon that came up on it off. */
export const AUFS_CHOSEN = /(?:--storage-driver[= ]+|(?:^|\s)-s[= ]?)aufs\b|"storage-driver"\s*:\s*"aufs"/i;

export const storageRules: LineRule[] = [
  // Union filesystems do not stack: overlay(2) over overlayfs or aufs, overlay upperdir on overlay.
  // moby graphdriver (1.x-20.10): "'overlay' is not supported over %s", "'overlay2' …", "AUFS is not supported over %s".
  { id: 'overlay-on-overlay', pattern: /'?(?:overlay2?|aufs)'? is not supported (?:over )?(?:overlayfs|aufs)\b/i },
  // Kernel (fs/overlayfs/super.c): an overlay whose layers already sit on overlays nested too deep.
  { id: 'overlay-on-overlay', pattern: /overlayfs: maximum fs stacking depth exceeded/i },
  // containerd's archive unpacking a layer's whiteouts as 0/0 character devices ("failed to convert whiteout file %q:
  // %w"): EPERM where the snapshot folder sits on an overlay root (a privileged level's /var/lib/containerd not on a volume).
  { id: 'overlay-on-overlay', pattern: /failed to convert whiteout file \S+:?\s*operation not permitted/i, severity: 'warning' },
  // EOPNOTSUPP there is a filesystem without device nodes (storage, below), most often the level's own overlay root.
  { id: 'overlay-on-overlay', pattern: /failed to convert whiteout file \S+:?\s*operation not supported/i, severity: 'info' },
  // The same mknod refused with EOPNOTSUPP: a backing filesystem without device nodes (an NFS root, some FUSE mounts).
  { id: 'storage-driver-unsupported', pattern: /failed to convert whiteout file \S+:?\s*operation not supported/i },
  // The same told in prose ("overlayfs inside overlayfs", "overlay on top of overlay"): a hint only.
  { id: 'overlay-on-overlay', pattern: /\boverlay(?:fs|2)? (?:inside|on top of|on|over|within|in) (?:an(?:other)? |the )?overlay(?:fs|2)?\b/i, severity: 'info' },
  // fs/overlayfs/super.c: pr_err("overlayfs: filesystem on '%s' not supported as upperdir") (≤4.x, then through
  // pr_fmt), and since the fs_context conversion (6.5+) invalfc(fc, "filesystem on %s not supported as upperdir"),
  // which dmesg and mount(8) ("fsconfig() failed: overlay: …") show with the filesystem's name, "overlay:".
  { id: 'overlay-on-overlay', pattern: /overlay(?:fs)?: filesystem on .* not supported as upperdir/i },
  // The kernel refuses as upper any filesystem without what overlayfs needs there (d_type, xattrs, RENAME_WHITEOUT,
  // O_TMPFILE: zfs before 2.2, fuse, NFS, a damaged or remounted flash partition), overlay the likeliest: a second reading.
  { id: 'storage-driver-unsupported', pattern: /overlay(?:fs)?: filesystem on .* not supported as upperdir/i, severity: 'info' },
  // The same file's check of every layer directory (ovl_mount_dir_noesc, ovl_lower_dir: "filesystem on '%s' not
  // supported", no "as upperdir"): a backing filesystem whose dentries overlayfs refuses (automounts, a vendor's ext4).
  { id: 'storage-driver-unsupported', pattern: /overlay(?:fs)?: filesystem on '?\S+?'? not supported\s*$/i },
  // A data root inside the container's own overlay root: overlayfs refuses to rename a directory that
  // lives in a lower layer (EXDEV), so dockerd's renames of /var/lib/docker/* fail (moby daemon.go
  // "failed to rename %s for background deletion: %s. Deleting synchronously" at warning, then a fatal
  // "rename /var/lib/docker/runtimes /var/lib/docker/runtimes-old: invalid cross-device link").
  {
    id: 'overlay-on-overlay',
    pattern: /rename \S*\/docker\/\S+ \S+: invalid cross-device link/i,
    severity: (l, ctx) => (loggedBelowError(ctx) || /background deletion/i.test(l) ? 'warning' : 'error'),
  },
  // A package manager inside a container renaming into a directory of a lower layer (dpkg "unable to install new version
  // of '%.255s': %s"): overlayfs without redirect_dir answers EXDEV, which the daemon's driver on this backing filesystem
  // (a rootless overlay2 on tmpfs, an old kernel's overlay) leaves to the program. A hint: the daemon itself is healthy.
  { id: 'storage-driver-unsupported', pattern: /unable to install new version of '[^'\n]{1,300}': Invalid cross-device link/i, severity: 'info' },
  { id: 'overlay-on-overlay', pattern: /^\s*Backing Filesystem:\s*(?:overlayfs|aufs)\s*$/i, sources: ['docker-info'] },
  ...OVERLAY_EINVAL.map((pattern): LineRule => ({ id: 'overlay-on-overlay', pattern, severity: 'warning' })),
  ...OVERLAY_EINVAL.map((pattern): LineRule => ({ id: 'storage-driver-unsupported', pattern })),
  // Docker refusing overlay(2) on a filesystem it knows cannot carry it (overlay2/overlay.go).
  { id: 'storage-driver-unsupported', pattern: /'?(?:overlay2?|aufs)'? is not supported over (?!overlayfs|aufs)\w+/i },
  { id: 'storage-driver-unsupported', pattern: /'overlay2' requires kernel [\d.]+ to use on \w+/i },
  // moby overlayutils.ErrDTypeNotSupported: "%s: the backing %s filesystem is formatted without d_type support…".
  { id: 'storage-driver-unsupported', pattern: /filesystem is formatted without d_type support/i },
  // Its first wording, a warning from 1.13 to 17.06 (moby#27433): "%s won't work properly because the backing filesystem
  // %s is not configured to support d_type".
  { id: 'storage-driver-unsupported', pattern: /won't work properly because the backing filesystem \w+ is not configured to support d_type/i, severity: 'warning' },
  // containerd's overlayfs snapshotter (Docker 29's default image store): "%s does not support d_type. …".
  { id: 'storage-driver-unsupported', pattern: /\S does not support d_type\b/i },
  // containerd's overlay check (snapshots/overlay/overlayutils): "%q snapshotter cannot be enabled for %q,
  // try using %q or %q: %w" (k3s, and containerd-based levels, fail on it); and Docker's containerd store
  // asked for a graph driver's name ("snapshotter not loaded: overlay2: invalid argument").
  { id: 'storage-driver-unsupported', pattern: /snapshotter cannot be enabled for \S+, try (?:using )?"?fuse-overlayfs/i },
  { id: 'storage-driver-unsupported', pattern: /snapshotter not loaded: \w+: invalid argument/i, severity: 'warning' },
  // Extracting a layer refused with EOPNOTSUPP ("failed to register layer: operation not supported"): the data root's
  // filesystem lacks what layers need (whiteouts, xattrs), an overlay root (OpenWrt) most often: hints.
  { id: 'overlay-on-overlay', pattern: /failed to register layer: operation not supported\s*$/i, severity: 'info' },
  // Buildah's RUN step finding no shell ("process exited with error: fork/exec %s: %v"): if the image has one, the step's
  // root came up empty, as an overlay on the container's own overlay root does. A hint: an image without one reads the same.
  {
    id: 'overlay-on-overlay',
    pattern: /process exited with error: fork\/exec \/bin\/(?:ba)?sh: no such file or directory/i,
    severity: 'info',
    hint: 'The build step found no /bin/sh. If the image has one, its root was mounted empty, which is what Buildah or Podman storage on the container\'s own overlay root does. Give /var/lib/containers its own volume (or tmpfs), or set the storage driver to vfs.',
  },
  { id: 'storage-driver-unsupported', pattern: /failed to register layer: operation not supported\s*$/i, severity: 'info' },
  // Docker 29 with the containerd store and a driver named in daemon.json that containerd does not offer
  // (daemon/daemon.go "configured driver %q not available: %w"): the daemon stops rather than fall back.
  { id: 'storage-driver-unsupported', pattern: /\bconfigured driver "\w+" not available\b/i },
  { id: 'storage-driver-unsupported', pattern: /^\s*Supports d_type:\s*false\s*$/i },
  // Kernel overlayfs refusing its upper layer (fs/overlayfs/super.c). "missing required features"
  // and d_type stop the mount; the others are warnings the kernel prints before it, and also on
  // mounts that then succeed, so alone they are informational.
  { id: 'storage-driver-unsupported', pattern: /overlayfs: upper fs (?:needs to support d_type|missing required features)/i },
  { id: 'storage-driver-unsupported', pattern: /overlayfs: upper fs does not support (?:tmpfile|RENAME_WHITEOUT|xattr|file handles)/i, severity: 'info' },
  // "/var/lib/docker contains several valid graphdrivers: …; Please cleanup or explicitly choose storage driver".
  { id: 'storage-driver-unsupported', pattern: /contains (?:several valid|other) graphdrivers/i },
  // moby daemon_unix.go: ≤19.03 refused to start ("SELinux is not supported with the %v graph driver on this
  // kernel. Either boot into a newer kernel or disable selinux…"), 20.10+ only warns and runs unlabelled.
  // Not an SELinux denial: the driver and kernel disagree.
  {
    id: 'storage-driver-unsupported',
    pattern: /SELinux is not supported with the \S+ graph driver/i,
    severity: (l, ctx) => (/Either boot into a newer kernel|Error starting daemon|failed to start daemon/i.test(l) || ctx.level === 'error' || ctx.level === 'fatal' ? 'error' : 'info'),
  },
  // graphdriver.ErrPrerequisites; and Docker 24+ refusing a removed driver other than aufs.
  { id: 'storage-driver-unsupported', pattern: /prerequisites for driver not satisfied/i },
  { id: 'storage-driver-unsupported', pattern: /the (?!aufs)\w+ storage-driver has been deprecated and removed/i },
  // moby graphdriver/fuse-overlayfs Init: exec.LookPath("fuse-overlayfs") failing (Go exec: "exec: %q: executable file
  // not found in $PATH"), logged before ErrNotSupported: the driver the level asked for has no helper binary.
  { id: 'storage-driver-unsupported', pattern: /exec: "?fuse-overlayfs"?: executable file not found/i },
  // Docker ≤1.6 spelt it "error intializing graphdriver".
  { id: 'storage-driver-unsupported', pattern: /error in(?:i)?tializing graphdriver/i },
  // graphdriver.New when no driver initialises (17.x+): "no supported storage driver found".
  // 1.x said "No supported storage backend found".
  { id: 'storage-driver-unsupported', pattern: /no supported storage (?:driver|backend) found/i },
  // Rootless dockerd refusing overlay2 under SELinux (overlay2/overlay.go).
  { id: 'storage-driver-unsupported', pattern: /overlay is not supported for Rootless with SELinux/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /backing file system is unsupported for this graph driver/i },
  // containers/storage's overlay driver names the backing filesystem when its test mount fails ("kernel does not support
  // overlay fs: 'overlay' is not supported over %s at %q"): over extfs or xfs, which overlay runs on, the kernel refused
  // the mount itself (an unprivileged container, a rootless user on a kernel before 5.11). A hint, read beside the
  // driver's own verdict above (the usual way out, vfs or fuse-overlayfs, is the same).
  { id: 'not-privileged', pattern: /'overlay' is not supported over (?:extfs|xfs) at /i, severity: 'info' },
  // The union drivers' ErrIncompatibleFS names no filesystem; in a level the usual one is the container's own union root.
  { id: 'overlay-on-overlay', pattern: /backing file system is unsupported for this graph driver/i, severity: 'warning' },
  // Unpacking a layer on a backing filesystem overlay cannot use (zfs before 2.2 under an LXC container): EINVAL from
  // unlinkat while applying the layer's whiteouts.
  { id: 'storage-driver-unsupported', pattern: /(?:failed to register layer|ApplyLayer|processing tar file|failed to extract layer|apply layer error)[^\n]{0,2000}?: unlinkat \S+: invalid argument/i, severity: 'warning' },
  // The same unpacking answered with EREMOTEIO ("link /bin/[ /bin/lsof: remote I/O error"): the data root sits on a network
  // share (Azure Files, SMB, NFS) that refuses what layers need, such as hard links, or on a SAN or iSCSI disk whose
  // target reported a critical error (dmesg's "critical target error").
  { id: 'storage-driver-unsupported', pattern: /(?:failed to register layer|ApplyLayer|processing tar file|failed to extract layer|apply layer error)[^\n]{0,2000}?: remote I\/O error/i, severity: 'warning' },
  // Overlay on xfs formatted without d_type (ftype=0) does not see its whiteouts: a directory emptied in a lower layer
  // cannot be removed in a later build step (busybox "rm: can't remove '%s': %s", coreutils "rm: cannot remove %s: %s").
  // A hint: two jobs cleaning one folder, or a file still open, say the same on any filesystem.
  { id: 'storage-driver-unsupported', pattern: /\brm: (?:can't|cannot) remove ['‘][^'’]+['’]: Directory not empty/i, severity: 'info' },
  // The same from a Go program removing a tree (os.RemoveAll: "unlinkat %s: directory not empty"; kaniko between stages).
  { id: 'storage-driver-unsupported', pattern: /\bunlinkat \S+: directory not empty/i, severity: 'info' },
  // devicemapper's loopback set-up in a level with no free /dev/loopN ("There are no more loopback devices available."),
  // the bolt volume database refused mmap by a shared folder (vboxsf, 9p: "error while opening volume store metadata
  // database: invalid argument"), and the daemon stopping on a bare EINVAL (a data root on ecryptfs or a shared
  // folder; a hint, as the line names no filesystem).
  { id: 'storage-driver-unsupported', pattern: /There are no more loopback devices? available/i, severity: 'warning' },
  // containerd's fifo package making a container's stdio fifos under the daemon's state, on a filesystem that holds no
  // fifos (WSL's drvfs under /mnt/<drive>, 9p, vboxsf): "error creating fifo %s: %w" with EOPNOTSUPP. The data root was
  // moved onto it.
  { id: 'storage-driver-unsupported', pattern: /error creating fifo \S+: operation not supported/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /error while opening volume store metadata database: invalid argument/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /(?:Error starting daemon|failed to start daemon): invalid argument\s*$|^FATA\[\d+\] invalid argument\s*$/i, severity: 'info' },
  // The overlay probe refused (a host folder of Docker Desktop, fuse, a user namespace): overlay2 is
  // skipped and the daemon goes on with the next driver, usually vfs.
  { id: 'storage-driver-unsupported', pattern: /failed to mount overlay: (?:operation not permitted|permission denied)/i, severity: 'warning' },
  // devicemapper cannot get a loop device or a thin pool inside a level (moby graphdriver/devmapper,
  // pkg/loopback: "There are no more loopback devices available.", "loopback attach failed",
  // "Error running deviceCreate (%s) %s", libdevmapper "dm_task_run failed").
  { id: 'storage-driver-unsupported', pattern: /There are no more loopback devices available|loopback attach failed|Error running deviceCreate|dm_task_run failed/i },
  // In a container a free loop device is rarely the lack: /dev/loop-control and the loop devices are not in an
  // unprivileged container's device list, so devicemapper's loopback finds none (a hint beside the storage reading).
  { id: 'not-privileged', pattern: /There are no more loopback devices? available/i, severity: 'info' },
  // zfs driver without the zfs device, tools or dataset in the level (graphdriver/zfs: "Failed to open
  // /dev/zfs", "Failed to find zfs dataset mounted on '%s' in /proc/mounts"), btrfs driver where the data
  // root cannot take subvolumes ("Failed to create btrfs subvolume: %v", "… snapshot: %v").
  // (A daemon choosing its driver probes zfs and logs the same at debug level, then takes another: a hint there.)
  { id: 'storage-driver-unsupported', pattern: /Failed to open \/dev\/zfs|exec: "zfs": executable file not found|Failed to find zfs dataset mounted on/i, severity: hintBelowError },
  // The same zfs seen by other programs in the level: libzfs's tools without the device ("/dev/zfs and /proc/self/mounts
  // are required."), and a node's kubelet whose cAdvisor finds no block device behind its root, only a dataset's name
  // ("cannot find filesystem info for device %q", pool/dataset): a node or level on a zfs-backed root (hints).
  { id: 'storage-driver-unsupported', pattern: /\/dev\/zfs and \/proc\/self\/mounts are required/i, severity: 'info' },
  { id: 'storage-driver-unsupported', pattern: /cannot find filesystem info for device \\*"[\w.-]+\/[^"\\/\s][^"\\\s]*\\*"/i, severity: 'info' },
  // The zfs driver running `zfs snapshot|clone|mount …` on a layer's dataset that is gone ("exit status 1: \"zfs …\" =>
  // cannot open '%s': dataset does not exist"): removed outside Docker (an auto-snapshot cleaner, a pool re-created).
  // Not `destroy`: since 2024 Remove logs "Tried to destroy inexistent dataset" at warning and goes on.
  { id: 'data-root-corrupt', pattern: /\bzfs (?:snapshot|clone|mount|get|set|create)\b[^\n]{0,400}=> cannot open '[^']+': dataset does not exist/i, severity: hintBelowError },
  // Before that, the removal itself failed on it and left the container Dead (the client's "driver \"zfs\" failed to
  // remove root filesystem: … zfs destroy -r … => cannot open '%s': dataset does not exist").
  { id: 'data-root-corrupt', pattern: /failed to remove root filesystem:[^\n]{0,200}\bzfs destroy\b[^\n]{0,400}=> cannot open '[^']+': dataset does not exist/i, severity: (_l, ctx) => (loggedBelowError(ctx) ? 'info' : 'warning') },
  { id: 'storage-driver-unsupported', pattern: /Failed to create btrfs (?:subvolume|snapshot):(?! read-only file system)/i },
  // The same refused with EROFS: the driver works, the btrfs under it went read-only, as btrfs does when a transaction
  // aborts, most often out of (metadata) space. A hint.
  { id: 'disk-space', pattern: /Failed to create btrfs (?:subvolume|snapshot): read-only file system/i, severity: 'info' },
  // A layer's file capabilities refused by the backing filesystem (an NFS or CIFS data root, a kernel built without
  // ext4's security xattrs): the archive's "lsetxattr security.capability %s: operation not supported", or an strace of
  // the driver writing it ("lsetxattr(\"/var/lib/docker/…\", \"security.capability\", …) = -1 EOPNOTSUPP"; the read
  // side's EOPNOTSUPP has been ignored since 2023: no xattr to copy).
  { id: 'storage-driver-unsupported', pattern: /\blsetxattr security\.capability \S+: operation not supported/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /\bl?setxattr\("\/var\/lib\/docker\/[^"\n]{0,300}", "(?:\\\s*)?security\.capability"[^\n]{0,100}= -1 EOPNOTSUPP/i, severity: 'warning' },
  // devicemapper refusing a direct-lvm pool that holds data its data root has no metadata for ("Unable to take ownership
  // of thin-pool (%s) that already has used data blocks": /var/lib/docker wiped or replaced, the pool kept), and a driver
  // this dockerd does not build in looked for as a plugin ("graphdriver plugins are only supported with experimental
  // mode": the configured storage-driver name is the thing to change).
  { id: 'data-root-corrupt', pattern: /Unable to take ownership of thin-pool \([^)\n]{0,200}\) that already has used data blocks/i },
  {
    id: 'storage-driver-unsupported',
    pattern: /graphdriver plugins are only supported with experimental mode/i,
    hint: 'This dockerd does not include the storage driver it was told to use (aufs and overlay were removed in Docker 24, devicemapper in 25, or the name is misspelt), so it looked for a plugin. Configure one it has, such as overlay2: "storage-driver" in its daemon.json, or --storage-driver among its arguments.',
  },
  // Rootless dockerd on a btrfs home picks the btrfs driver, and an unprivileged user may not delete subvolumes
  // (user_subvol_rm_allowed unset): "Failed to destroy btrfs snapshot %s for %s: %v" with EPERM; a hint where the
  // errno is not shown (a journal or a terminal cut the line).
  { id: 'storage-driver-unsupported', pattern: /Failed to destroy btrfs snapshot\b/i, severity: (l) => (/: operation not permitted/i.test(l) ? 'warning' : 'info') },
  // The same EPERM from a root dockerd in a level whose runtime withholds CAP_SYS_ADMIN (an unprivileged LXC container,
  // CircleCI 1.0's build machines): BTRFS_IOC_SNAP_DESTROY needs it unless the filesystem allows users to remove
  // subvolumes (moby falls back to rmdir where quotas are off, which kernels from 4.18 allow an unprivileged user).
  {
    id: 'caps-unavailable',
    pattern: /Failed to destroy btrfs snapshot\b[^\n]{0,300}: operation not permitted/i,
    severity: 'warning',
    hint: 'The level may not delete btrfs subvolumes: it lacks CAP_SYS_ADMIN (an unprivileged LXC or LXD container, a user namespace), the btrfs is not mounted with user_subvol_rm_allowed, and its kernel is older than 4.18 or btrfs quotas are on. Make the level privileged, mount the filesystem with user_subvol_rm_allowed, or give the nested daemon a volume on ext4 or xfs and the overlay2 driver.',
  },
  // overlay2's size option on a backing filesystem without project quotas (overlay2/overlay.go).
  { id: 'storage-driver-unsupported', pattern: /overlay2\.size not supported\. Filesystem does not support Project Quota|overlay2\.size only supported for backingFS XFS|--storage-opt is supported only for overlay over xfs with 'pquota' mount option/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /\[graphdriver\] prior storage driver "?\w+"? failed/i },
  // sysbox-mgr's docker-store volume manager refuses a backing filesystem it cannot shift or overlay on ("host dir for
  // docker store (%s) can't be on %v", behind runc's "failed to setup docker volume manager").
  { id: 'storage-driver-unsupported', pattern: /host dir for docker store \S+ can't be on/i },
  // aufs: Docker 0.x loaded the module itself; later daemons refuse a prior aufs store.
  { id: 'aufs-module-missing', pattern: /Unable to load the AUFS module|Kernel does not support AUFS/i },
  // Docker 1.6's only word of a fallback to vfs ("Graphdriver %s selected. Your graphdriver directory %s already contains
  // data managed by other graphdrivers: %s"); devicemapper refusing a static libdevmapper ("Udev sync is not supported.
  // This will lead to …", an old dind image's binary: from 1.12 it refuses the driver; 1.6-1.9 warned and went on, a hint).
  { id: 'vfs-fallback', pattern: /Graphdriver vfs selected\. Your graphdriver directory \S+ already contains data managed by other graphdrivers/i, severity: 'warning' },
  { id: 'storage-driver-unsupported', pattern: /\bUdev sync is not supported\. This will lead to (?:data loss|unexpected behavior)/i, severity: (l) => (/unexpected behavior, data loss and errors/i.test(l) ? 'info' : 'warning') },
  // A set-up script loading the module itself (e.g. a Proxmox LXC helper's "Failed to load 'aufs' module").
  { id: 'aufs-module-missing', pattern: /\bFailed to load '?aufs'? (?:kernel )?module\b/i },
  { id: 'aufs-module-missing', pattern: /prior storage driver "?aufs"? failed: driver not supported/i },
  // get.docker.com's install script on a kernel without linux-image-extra (an OpenVZ or a CI job's kernel): "Warning:
  // current kernel is not supported by the linux-image-extra-virtual package.  We have no AUFS support." The daemon
  // then picks another driver: a hint.
  { id: 'aufs-module-missing', pattern: /\bWe have no AUFS support\b/, severity: 'info' },
  { id: 'aufs-module-missing', pattern: AUFS_CHOSEN, severity: 'warning' },
  // Debian/Ubuntu's docker.io (20.10+) preinst refusing to upgrade over aufs data: "The aufs storage-driver is no
  // longer supported. Please ensure that none of your containers are using the aufs storage driver, remove the
  // directory /var/lib/docker/aufs and try again."
  { id: 'aufs-module-missing', pattern: /The aufs storage-driver is no longer supported/i },
  // Docker 24+ (daemon/graphdriver/driver.go): aufs data or configuration left from an older engine.
  { id: 'aufs-module-missing', pattern: /the aufs storage-driver has been deprecated and removed/i },
  // Docker 23 refusing a prior aufs (or other deprecated) store: "prior storage driver %s is deprecated and
  // will be removed in a future release; update the the daemon configuration and explicitly choose…".
  { id: 'aufs-module-missing', pattern: /prior storage driver "?aufs"? is deprecated/i },
  // 17.x-19.x probed aufs before overlay2 and logged this at error level, then used overlay2.
  { id: 'aufs-module-missing', pattern: /AUFS was not found in \/proc\/filesystems/i, severity: 'info' },
  // Docker 29's containerd image store falls back from the overlayfs snapshotter to "native", its vfs:
  // `docker info` "Storage Driver: native", the "Docker daemon" line's storage-driver=native, and
  // daemon.go's Warn("Preferred snapshotter not available in containerd").
  { id: 'vfs-fallback', pattern: /\bStorage Driver:\s*(?:vfs|native)\b/i },
  { id: 'vfs-fallback', pattern: /\bstorage-driver=native\b/i },
  { id: 'vfs-fallback', pattern: /Preferred snapshotter not available in containerd/i },
  { id: 'vfs-fallback', pattern: /\bgraphdriver(?:\(s\))?=vfs\b/i },
  // kubeadm's system verification of the node's engine ("DOCKER_GRAPH_DRIVER: %s", and its refusal "unsupported graph
  // driver: %s"): vfs is the fallback. (Other drivers it refuses are its own allow-list's verdict, which has changed
  // across releases: early ones refused overlay2.)
  { id: 'vfs-fallback', pattern: /^\s*DOCKER_GRAPH_DRIVER: vfs\s*$|\bunsupported graph driver: vfs\b/ },
  // The "Docker daemon" start-up line of 23+: msg="Docker daemon" … storage-driver=vfs version=….
  { id: 'vfs-fallback', pattern: /\bstorage-driver=vfs\b/i },
  { id: 'vfs-fallback', pattern: /using (?:prior )?storage driver:? "?vfs\b|\busing "?vfs"? storage driver\b/i },
  { id: 'vfs-fallback', pattern: /falling back to vfs/i },
  // (Docker ≤1.6 kept every volume under vfs/dir whatever its driver: `docker inspect`'s "Volumes" map of a container path
  // to one is no word of the storage driver.)
  { id: 'vfs-fallback', pattern: /(?<!"[^"\n]*": ")\/var\/lib\/docker\/vfs\b/ },
  // buildkitd's "auto" snapshotter choosing "native" (its copying vfs) where overlayfs failed its probe ("auto
  // snapshotter: using native"): every build step copies whole layers. A hint: rootless buildkitd on an old kernel
  // gets it by design.
  { id: 'vfs-fallback', pattern: /\bauto snapshotter: using native\b|\bauto snapshotter: fuse-overlayfs is not available for \S+, falling back to native\b/i, severity: 'info' },
  // bolt lock timeouts on the data root's databases: the volume store ("error while opening volume
  // store metadata database: %w", 22+ "… (%s): %w" with the path), libnetwork's local-kv.db (libkv
  // bolt timeout: "error obtaining controller instance: timeout"; 25+ "boltdb file %s is already
  // open"), and containerd's meta.db ("waiting for response from boltdb open", plugin=bolt).
  { id: 'var-lib-docker-shared', pattern: /error while opening volume store metadata database(?: \([^)]*\))?: timeout/i },
  { id: 'var-lib-docker-shared', pattern: /error obtaining controller instance: timeout\s*$/i },
  { id: 'var-lib-docker-shared', pattern: /boltdb file \S+ is already open/i },
  { id: 'var-lib-docker-shared', pattern: /waiting for response from boltdb open/i, severity: 'warning' },
  // Kernel overlayfs: a layer's upper or work directory mounted twice (fs/overlayfs/super.c ovl_report_in_use). With the
  // index feature on, the second mount is refused ("%s is in-use as upperdir/workdir of another mount, mount with '-o
  // index=off' to override exclusive upperdir protection."): two daemons on one data root. Without it the kernel only
  // warns ("… accessing files from both mounts will result in undefined behavior.", 4.13's "upperdir is in-use by another
  // mount, …"), which Docker's own remounts printed on healthy hosts (moby#34672: safe to ignore): a hint.
  {
    id: 'var-lib-docker-shared',
    pattern: /overlayfs: (?:upperdir|workdir) is in-use (?:by another mount|as upperdir\/workdir of another mount)/i,
    severity: (l) => (/will result in undefined behavior/i.test(l) ? 'info' : 'warning'),
  },
  // (A container's merged root under it is a path translated for a sibling, dood-volume-path in daemon.ts.)
  { id: 'var-lib-docker-shared', pattern: /(?:-v|--volume)[= ]\/var\/lib\/docker(?!\/overlay2?\/[\w-]+\/merged\b|\/aufs\/mnt\/[\w-]+)(?:\/[\w.-]+)*:\/var\/lib\/docker\b/, severity: 'warning' },
  // BuildKit's daemon finding its state directory locked by another ("could not lock %s, another instance running?"):
  // two daemons on one data root.
  { id: 'var-lib-docker-shared', pattern: /could not lock \S+\.lock, another instance running\?/i, severity: 'warning' },
];
