// Storage drivers, /var/lib/docker and disk space.
import { LineRule, TextRule } from './types';

// An overlay mount that fails with EINVAL has two usual causes: an upper layer on a union
// filesystem (dind without a /var/lib/docker volume) or on one overlay cannot use (nfs, zfs, btrfs,
// xfs without d_type). Both are named, the union one first for a level, at warning because it is a
// guess; context.ts drops it when the text names another backing filesystem.
const OVERLAY_EINVAL: readonly RegExp[] = [
  // moby daemon/graphdriver/overlay(2)/driver.go: "error creating overlay mount to %s: %v".
  /error creating overlay mount to \S+: invalid argument/i,
  /failed to mount overlay: invalid argument/i,
  // containerd mount/mount_linux.go: "mount source: %q, target: %q, fstype: %s, … err: %w".
  /fstype: overlay\b.*\berr: invalid argument/i,
  /failed to mount \S*containerd-mount\d+: invalid argument/i,
  // A directory under a layer's merged view, e.g. "mkdir /var/lib/docker/overlay/<id>-init/merged/dev/shm: invalid argument".
  /\/overlay2?\/[0-9a-f]{12,}[^\s:]*: invalid argument/i,
];

export const storageRules: LineRule[] = [
  // Union filesystems do not stack: overlay(2) over overlayfs or aufs, overlay upperdir on overlay.
  { id: 'overlay-on-overlay', pattern: /'?overlay2?'? is not supported over (?:overlayfs|aufs)/i },
  { id: 'overlay-on-overlay', pattern: /overlayfs: filesystem on .* not supported as upperdir/i },
  { id: 'overlay-on-overlay', pattern: /^\s*Backing Filesystem:\s*(?:overlayfs|aufs)\s*$/i, sources: ['docker-info'] },
  ...OVERLAY_EINVAL.map((pattern): LineRule => ({ id: 'overlay-on-overlay', pattern, severity: 'warning' })),
  ...OVERLAY_EINVAL.map((pattern): LineRule => ({ id: 'storage-driver-unsupported', pattern })),
  // Docker refusing overlay(2) on a filesystem it knows cannot carry it (overlay2/overlay.go).
  { id: 'storage-driver-unsupported', pattern: /'?overlay2?'? is not supported over (?!overlayfs|aufs)\w+/i },
  // moby overlayutils.ErrDTypeNotSupported: "%s: the backing %s filesystem is formatted without d_type support…".
  { id: 'storage-driver-unsupported', pattern: /filesystem is formatted without d_type support/i },
  { id: 'storage-driver-unsupported', pattern: /^\s*Supports d_type:\s*false\s*$/i },
  // Kernel overlayfs refusing its upper layer (fs/overlayfs/super.c). "missing required features"
  // and d_type stop the mount; the others are warnings the kernel prints before it, and also on
  // mounts that then succeed, so alone they are informational.
  { id: 'storage-driver-unsupported', pattern: /overlayfs: upper fs (?:needs to support d_type|missing required features)/i },
  { id: 'storage-driver-unsupported', pattern: /overlayfs: upper fs does not support (?:tmpfile|RENAME_WHITEOUT|xattr)/i, severity: 'info' },
  // "/var/lib/docker contains several valid graphdrivers: …; Please cleanup or explicitly choose storage driver".
  { id: 'storage-driver-unsupported', pattern: /contains several valid graphdrivers/i },
  // graphdriver.ErrPrerequisites; and Docker 24+ refusing a removed driver other than aufs.
  { id: 'storage-driver-unsupported', pattern: /prerequisites for driver not satisfied/i },
  { id: 'storage-driver-unsupported', pattern: /the (?!aufs)\w+ storage-driver has been deprecated and removed/i },
  { id: 'storage-driver-unsupported', pattern: /error initializing graphdriver/i },
  { id: 'storage-driver-unsupported', pattern: /backing file system is unsupported for this graph driver/i },
  { id: 'storage-driver-unsupported', pattern: /failed to mount overlay: invalid argument/i },
  { id: 'storage-driver-unsupported', pattern: /\[graphdriver\] prior storage driver "?\w+"? failed/i },
  // aufs: Docker 0.x loaded the module itself; later daemons refuse a prior aufs store.
  { id: 'aufs-module-missing', pattern: /Unable to load the AUFS module|Kernel does not support AUFS/i },
  { id: 'aufs-module-missing', pattern: /prior storage driver "?aufs"? failed: driver not supported/i },
  { id: 'aufs-module-missing', pattern: /(?:--storage-driver[= ]+|(?:^|\s)-s[= ]?)aufs\b|"storage-driver"\s*:\s*"aufs"/i, severity: 'warning' },
  // Docker 24+ (daemon/graphdriver/driver.go): aufs data or configuration left from an older engine.
  { id: 'aufs-module-missing', pattern: /the aufs storage-driver has been deprecated and removed/i },
  // 17.x-19.x probed aufs before overlay2 and logged this at error level, then used overlay2.
  { id: 'aufs-module-missing', pattern: /AUFS was not found in \/proc\/filesystems/i, severity: 'info' },
  { id: 'vfs-fallback', pattern: /\bStorage Driver:\s*vfs\b/i },
  { id: 'vfs-fallback', pattern: /\bgraphdriver(?:\(s\))?=vfs\b/i },
  // The "Docker daemon" start-up line of 23+: msg="Docker daemon" … storage-driver=vfs version=….
  { id: 'vfs-fallback', pattern: /\bstorage-driver=vfs\b/i },
  { id: 'vfs-fallback', pattern: /using (?:prior )?storage driver:? "?vfs\b/i },
  { id: 'vfs-fallback', pattern: /falling back to vfs/i },
  { id: 'vfs-fallback', pattern: /\/var\/lib\/docker\/vfs\b/ },
  { id: 'var-lib-docker-shared', pattern: /error while opening volume store metadata database: timeout/i },
  { id: 'var-lib-docker-shared', pattern: /(?:-v|--volume)[= ]\/var\/lib\/docker:\/var\/lib\/docker\b/, severity: 'warning' },
  { id: 'disk-space', pattern: /no space left on device/i },
];

// docker info of an overlay driver on a backing filesystem overlay cannot use as upper layer
// (Docker refuses most of these since 1.5-17.06; older engines started and failed at create).
const OVERLAY_DRIVER = /^\s*Storage Driver:\s*overlay2?\s*$/i;
const BAD_BACKING = /^\s*Backing Filesystem:\s*(?:nfs|zfs|btrfs|ecryptfs|tmpfs)\s*$/i;

export const storageTextRules: TextRule[] = [
  {
    id: 'storage-driver-unsupported',
    sources: ['docker-info', 'auto'],
    scan(lines, messages) {
      if (!messages.some((m) => OVERLAY_DRIVER.test(m))) return [];
      const i = messages.findIndex((m) => BAD_BACKING.test(m));
      return i < 0 ? [] : [{ index: i }];
    },
  },
];
