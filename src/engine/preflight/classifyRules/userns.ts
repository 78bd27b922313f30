// Rootless Docker and user namespaces: the id mapping, its helpers, and layers that cannot be unpacked in it.
import { LineRule } from './types';

export const usernsRules: LineRule[] = [
  // RootlessKit (pkg/parent: "failed to setup UID/GID map: newuidmap %d %v failed: %s: %w"). EPERM is a
  // user namespace that cannot map the nested range (caps-unavailable, security.ts); other errors (EINVAL
  // for a range /etc/subuid does not grant, a missing binary) are the host's rootless set-up.
  { id: 'rootless-prerequisites', pattern: /failed to setup UID\/GID map/i, severity: (l) => (/operation not permitted/i.test(l) ? 'warning' : 'error') },
  // shadow newuidmap/newgidmap: "write to %s failed: %s", "%s range [%lu-%lu) -> [%lu-%lu) not allowed".
  { id: 'rootless-prerequisites', pattern: /write to [ug]id_map failed: Invalid argument/i },
  { id: 'rootless-prerequisites', pattern: /new[ug]idmap: [ug]id range \[[^\]]*\) -> \[[^\]]*\) not allowed/i },
  // A helper binary missing: Go exec ("exec: %q: executable file not found in $PATH") from RootlessKit,
  // and contrib/dockerd-rootless(-setuptool).sh ("newuidmap binary not found…", "rootlesskit needs to be
  // installed", ≤20.10 "Either slirp4netns (>= v0.4.0) or vpnkit needs to be installed").
  { id: 'rootless-prerequisites', pattern: /exec: "?(?:newuidmap|newgidmap|slirp4netns|rootlesskit|vpnkit|pasta)"?: executable file not found/i },
  { id: 'rootless-prerequisites', pattern: /new[ug]idmap binary not found|rootlesskit needs to be installed|slirp4netns \(>= v[\d.]+\) or vpnkit needs to be installed/i },
  // moby pkg/idtools: "no subuid ranges found for user %q" (userns-remap, rootless), "Container ID %d
  // cannot be mapped to a host ID"; containers/storage: "potentially insufficient UIDs or GIDs available
  // in user namespace (requested %d:%d for %s): Check /etc/subuid and /etc/subgid…"; runc: "cannot set
  // uid to unmapped user in user namespace".
  { id: 'rootless-prerequisites', pattern: /no sub[ug]id ranges found for (?:user|group)/i },
  { id: 'rootless-prerequisites', pattern: /Container ID \d+ cannot be mapped to a host ID/i },
  { id: 'rootless-prerequisites', pattern: /insufficient UIDs or GIDs available in user namespace/i },
  { id: 'rootless-prerequisites', pattern: /cannot set [ug]id to unmapped user in user namespace/i },
  // Unpacking a layer (moby chrootarchive "Error processing tar file(%v): %s", 23+ "error processing tar
  // file: %w"): lchown to an id the mapping lacks is EINVAL; EPERM on mknod/lchown/setxattr is a user
  // namespace that owns too little (an unprivileged LXC/LXD container, nspawn with private users).
  { id: 'rootless-prerequisites', pattern: /(?:Error processing tar file|failed to register layer|ApplyLayer)[^\n]*\blchown \S+: invalid argument/i },
  { id: 'caps-unavailable', pattern: /(?:Error processing tar file|failed to register layer|ApplyLayer)[^\n]*\boperation not permitted/i },
];
