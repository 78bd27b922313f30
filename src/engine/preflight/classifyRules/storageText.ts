// Storage findings read across a whole paste rather than line by line: `docker info`'s driver over its backing
// filesystem, the old engines' bare "driver not supported", vfs named with its cost, minikube's node on zfs.
import { beside, TextHit, TextRule } from './types';

// docker info of an overlay driver on a backing filesystem overlay cannot use as upper layer
// (Docker refuses most of these since 1.5-17.06; older engines started and failed at create). moby's overlay2
// driver refuses aufs, ecryptfs, nfs, overlay and zfs, and btrfs only below kernel 4.7 (overlayfs on btrfs came
// then, and overlay2 checks it before it starts): a running overlay2 on btrfs under a newer kernel, or on tmpfs, is a
// working set-up.
const OVERLAY_DRIVER = /^\s*Storage Driver:\s*overlay2?\s*$/i;
const BAD_BACKING = /^\s*Backing Filesystem:\s*(?:nfs|zfs|ecryptfs)\s*$/i;
const BTRFS_BACKING = /^\s*Backing Filesystem:\s*btrfs\s*$/i;
const KERNEL_VERSION = /^\s*Kernel Version:\s*(\d+)\.(\d+)/i;
const OVERLAY_V1 = /^\s*Storage Driver:\s*overlay\s*$/i;

// The overlay drivers have refused zfs at start since Docker 1.5 (moby#10315, "Blacklist zfs with overlay"): a daemon
// of a later version that reports overlay on zfs runs a build that allows it (OpenZFS 2.2 supports overlayfs, and
// TrueNAS ships such a build), and it works.
const ZFS_BACKING = /^\s*Backing Filesystem:\s*zfs\s*$/i;
const SERVER_VERSION = /^\s*Server Version:\s*(\d+)\.(\d+)/i;

// Fields `docker info` printed only long after 1.5 (d_type since 1.13, native diff 17.x, metacopy 19.03, userxattr 20.10).
const LATER_INFO_FIELD = /^\s*(?:Supports d_type|Native Overlay Diff|Using metacopy|userxattr):/i;

function zfsRefusedAtStart(messages: readonly string[]): boolean {
  const v = messages.map((m) => SERVER_VERSION.exec(m)).find((m) => m);
  if (!v) return messages.some((m) => LATER_INFO_FIELD.test(m));
  return Number(v[1]) > 1 || Number(v[2]) >= 5;
}

/** The kernel predates overlayfs on btrfs; without its version, only the old `overlay` driver is suspect (overlay2 checks it at start). */
function btrfsBeforeOverlaySupport(messages: readonly string[]): boolean {
  const kernel = messages.map((m) => KERNEL_VERSION.exec(m)).find((m) => m);
  if (!kernel) return messages.some((m) => OVERLAY_V1.test(m));
  return Number(kernel[1]) < 4 || (Number(kernel[1]) === 4 && Number(kernel[2]) < 7);
}

// The aufs era: graphdriver.ErrNotSupported ("driver not supported") where the text shows the daemon was on
// aufs (its prior driver, its data directory, `docker info`, a -s aufs flag) is the aufs module missing.
const NOT_SUPPORTED = /error initializing graphdriver: driver not supported|prior storage driver "?\w+"? failed: driver not supported/i;
const OLD_NOT_SUPPORTED = /Error starting daemon: error initializing graphdriver: driver not supported\b/i;
const DRIVER_NAMED = /\b(?:overlay2?|overlayfs|btrfs|zfs|devicemapper|vfs|fuse-overlayfs|xfs|ext4|tmpfs)\b/i;
// A kernel before 4.0 named beside the bare error: the aufs era (overlay2 needs 4.0, Ubuntu 14.04's 3.13 shipped aufs).
const KERNEL_3 = /\bkernel\b[^\n]{0,40}(?<![\d.])3\.\d{1,2}\b|^\s*Kernel Version:\s*3\.\d/i;
const ON_AUFS = /(?:prior storage driver:? "?aufs\b|\/var\/lib\/docker\/aufs\b|Storage Driver:\s*aufs\b|storage-driver=aufs\b|(?:--storage-driver[= ]+|\s-s[= ]?)aufs\b)/i;

// vfs told in prose: a daemon on vfs and what it costs (slow pulls and builds, every layer a full copy). A hint only: the
// text names the driver, not whether it was a fallback or chosen.
const VFS_NAMED = /\b(?:the )?vfs\b(?! *=)/i;
const VFS_COST = /\b(?:(?:painfully |very |really |so )?slow(?:er|ness)?|space[- ]inefficient|inefficient|disk (?:space|usage)|\d+ ?[GT]B\b|full cop(?:y|ies))/i;

// minikube's docker driver on a host engine whose driver is zfs ("docker is currently using the %s storage driver,
// consider switching to overlay2…"): the node container's own dockerd puts overlay2 on that zfs, which zfs before 2.2
// refuses. Where the node's engine then fails to (re)start before minikube says it is done (its RUNTIME_ENABLE exit,
// the node's docker.service failing), a warning.
const MINIKUBE_ON_ZFS = /\bdocker is currently using the zfs storage driver\b/;
const NODE_ENGINE_FAILED = /\bExiting due to RUNTIME_ENABLE\b|\bsystemctl restart docker: Process exited with status [1-9]/;
const MINIKUBE_DONE = /\bDone! kubectl is now configured\b/;
function minikubeNodeOnZfs(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => MINIKUBE_ON_ZFS.test(l));
  if (index < 0) return [];
  for (let i = index + 1; i < lines.length && !MINIKUBE_DONE.test(lines[i]); i++) {
    if (NODE_ENGINE_FAILED.test(lines[i])) return [{ index, severity: 'warning' }];
  }
  return [];
}

export const storageTextRules: TextRule[] = [
  { id: 'storage-driver-unsupported', scan: (lines) => minikubeNodeOnZfs(lines) },
  beside('vfs-fallback', VFS_NAMED, VFS_COST, 'info', 'messages'),
  // Docker ≤17.03's wording ("Error starting daemon: error initializing graphdriver: driver not supported"), or the bare
  // error beside a 3.x kernel, no driver named anywhere: in that era aufs came first where the engine was packaged with
  // it, and a kernel without the module refused the aufs store it had made. A hint beside the storage driver finding.
  {
    id: 'aufs-module-missing',
    scan(_lines, messages) {
      const era = messages.some((m) => KERNEL_3.test(m));
      const index = messages.findIndex((m) => OLD_NOT_SUPPORTED.test(m) || (era && NOT_SUPPORTED.test(m)));
      return index < 0 || messages.some((m) => DRIVER_NAMED.test(m)) ? [] : [{ index, severity: 'info' }];
    },
  },
  {
    id: 'aufs-module-missing',
    scan(_lines, messages) {
      if (!messages.some((m) => ON_AUFS.test(m))) return [];
      const i = messages.findIndex((m) => NOT_SUPPORTED.test(m));
      return i < 0 ? [] : [{ index: i }];
    },
  },
  {
    id: 'storage-driver-unsupported',
    sources: ['docker-info', 'auto'],
    scan(lines, messages) {
      if (!messages.some((m) => OVERLAY_DRIVER.test(m))) return [];
      const btrfsTooOld = btrfsBeforeOverlaySupport(messages);
      const zfsChecked = zfsRefusedAtStart(messages);
      const i = messages.findIndex((m) => (BAD_BACKING.test(m) && !(zfsChecked && ZFS_BACKING.test(m))) || (btrfsTooOld && BTRFS_BACKING.test(m)));
      return i < 0 ? [] : [{ index: i }];
    },
  },
];
