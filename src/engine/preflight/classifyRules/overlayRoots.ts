// A level's data directory found on an overlay (a container's own root, a live system's): union filesystems do not stack,
// so the driver or snapshotter fails. Read from what the paste shows of the directory's filesystem.
import { TextHit, TextRule } from './types';

// A mount table (/proc/mounts, or `mount`'s "overlay on %s type overlay") showing a docker data directory itself, or a
// driver directory right under it, mounted from an overlay (a live system's root, a container's), beside the graph
// driver failing: the driver's directory sits on overlayfs. Containers' roots (…/merged, …/rootfs) and BuildKit's or
// containerd's temporary mounts are overlays by design and sit deeper.
const DATA_DIR_ON_OVERLAY = /^overlay\s+(?:on\s+)?\/(?:[\w.-]+\/){0,3}docker(?:\/[\w-]+)?\s+(?:type\s+)?overlay\s/;
const GRAPHDRIVER_FAILED = /error initializing graphdriver|prior storage driver "?\w+"? failed/i;

// containerd's btrfs snapshotter probe naming the filesystem under its data root ("path %s (%s) must be a btrfs filesystem
// to be used with the btrfs snapshotter"): "(overlay)" there is a data root on the container's own overlay root, not a
// volume. Logged as "skip loading plugin" (noise messages.ts drops), so read from the raw lines.
const PROBED_ON_OVERLAY = /\bpath \/\S*docker\S* \((?:overlay|aufs)\) must be a btrfs filesystem/;
// (A daemon set to fuse-overlayfs, which runs on an overlay: the layout was chosen. moby's "[graphdriver] trying
// configured driver: %s", "Setting the storage driver from the $DOCKER_DRIVER environment variable (%s)", `docker info`,
// daemon.json, dockerd's -s.)
const FUSE_OVERLAY_DRIVER = /trying configured driver: fuse-overlayfs\b|DOCKER_DRIVER environment variable \(fuse-overlayfs\)|^[ \t]*Storage Driver: fuse-overlayfs\b|\bstorage-driver"?\s*[:= ]\s*"?fuse-overlayfs\b|(?:^|\s)-s\s+fuse-overlayfs\b/m;
// `df -T` of an engine's data directory whose row's type is overlay or aufs, beside the engine's
// overlay driver or snapshotter failing (moby's graphdriver, k3s's "\"overlayfs\" snapshotter cannot be enabled for %q",
// an overlay mount refused other than for want of the module). fuse-overlayfs runs on an overlay: its refusal is not it.
const DF_OF_DATA_DIR = /\bdf\s+(?:-\w+\s+)*-\w*T\w*\s+(?:-\w+\s+)*\/var\/lib\/(?:docker|containerd|rancher|k3s)\b\S*\s*$/;
const DF_OVERLAY_ROW = /^\s*(?:overlay|aufs|none)\s+(?:overlay|aufs)\s+\S+\s+\S+\s+\S+\s+\d+%\s+\/\S*\s*$/;
const DRIVER_FAILED = new RegExp(`${GRAPHDRIVER_FAILED.source}|(?<![\\w-])"?overlayfs"? snapshotter cannot be enabled for|failed to mount overlay: (?![^\\n]*no such device)|error creating overlay mount to`, 'i');
function dfShowsOverlay(messages: readonly string[]): TextHit[] {
  if (!messages.some((m) => DRIVER_FAILED.test(m))) return [];
  for (let i = 0; i < messages.length; i++) {
    if (!DF_OF_DATA_DIR.test(messages[i])) continue;
    for (let j = i + 1; j < Math.min(messages.length, i + 4); j++) if (DF_OVERLAY_ROW.test(messages[j])) return [{ index: j, severity: 'warning' }];
  }
  return [];
}

export const overlayRootRules: TextRule[] = [
  {
    id: 'overlay-on-overlay',
    scan(lines) {
      const index = lines.findIndex((l) => PROBED_ON_OVERLAY.test(l));
      return index >= 0 && !lines.some((l) => FUSE_OVERLAY_DRIVER.test(l)) ? [{ index, severity: 'warning' }] : [];
    },
  },
  {
    id: 'overlay-on-overlay',
    scan(_lines, messages) {
      const index = messages.findIndex((m) => DATA_DIR_ON_OVERLAY.test(m));
      return index >= 0 && messages.some((m) => GRAPHDRIVER_FAILED.test(m)) ? [{ index, severity: 'warning' }] : [];
    },
  },
  { id: 'overlay-on-overlay', scan: (_lines, messages) => dfShowsOverlay(messages) },
];
