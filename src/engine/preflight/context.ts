// Severity from the whole text, for findings whose cost depends on the setting they appear in.
// A finding's severity says how sure the product is and what it costs the user: the same
// "Storage Driver: vfs" is the expected state of rootless dind and a slow, fixable fallback in a
// privileged level whose /var/lib/docker sits on the container's own overlay root.
import { Finding } from './finding';

// Rootless dockerd (dockerd-rootless.sh, docker:dind-rootless): `docker info` says "rootless" under
// Security Options (20.10+), "Cgroup Driver: none" (no cgroup delegation on v1), its socket and data
// root live under the user's runtime and home directories, and RootlessKit logs its own lines.
const ROOTLESS = [
  /^\s*(?:Security Options:.*\b)?rootless\s*$/im,
  /\bdockerd-rootless(?:\.sh|-setuptool\.sh)?\b|\brootlesskit\b|\bdind-rootless\b/i,
  /^\s*Cgroup Driver:\s*none\s*$/im,
  /unix:\/\/\/run\/user\/\d+\/docker\.sock|\/home\/[^/\s]+\/\.local\/share\/docker\b/,
];

// vfs chosen on purpose: --storage-driver/-s vfs, "storage-driver": "vfs" in daemon.json, or the
// DOCKER_DRIVER variable of GitLab's dind service.
const CHOSEN = /(?:--storage-driver[= ]+|\s-s\s+|"storage-driver"\s*:\s*"|DOCKER_DRIVER[=:]\s*)vfs\b/i;

// Backing filesystems overlay cannot use as its upper layer but that are not a fixable dind mistake
// (Docker itself refuses overlay2 on them: moby daemon/graphdriver/overlay2/overlay.go).
const NO_OVERLAY_FS = /^\s*Backing Filesystem:\s*(?:nfs|zfs|ecryptfs|btrfs|tmpfs|fuse\S*)\s*$/im;

// The daemon tried overlay(2) first and gave up: a fallback the user can undo with a real volume.
const FELL_BACK = /falling back to vfs|prior storage driver "?overlay2?"? failed|'overlay2?' is not supported over (?:overlayfs|aufs)|overlay2?: .*\bnot supported\b/i;
const FALLBACK_CAUSES = new Set(['overlay-on-overlay', 'storage-driver-unsupported']);

function vfsSeverity(findings: readonly Finding[], text: string): Finding['severity'] {
  if (FELL_BACK.test(text) || findings.some((f) => FALLBACK_CAUSES.has(f.id))) return 'warning';
  if (CHOSEN.test(text) || NO_OVERLAY_FS.test(text) || ROOTLESS.some((re) => re.test(text))) return 'info';
  return 'warning';
}

/** Adjusts the severities that depend on more than one line. `messages` are the unwrapped lines. */
export function severityFromContext(findings: readonly Finding[], messages: readonly string[]): Finding[] {
  if (!findings.some((f) => f.id === 'vfs-fallback')) return [...findings];
  const text = messages.join('\n');
  const vfs = vfsSeverity(findings, text);
  return findings.map((f) => (f.id === 'vfs-fallback' && f.severity !== 'info' ? { ...f, severity: vfs } : f));
}
