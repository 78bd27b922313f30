// The registry of every check id: default severity, title, hint, quick fix and how early it sits
// in a causal chain. Single source of truth for classify(), runChecks() and docs/troubleshooting.md.
import { Finding, QuickFix, Severity } from '../core/finding';

export const CHECK_IDS = [
  'apparmor-denied',
  'selinux-denied',
  'not-privileged',
  'caps-unavailable',
  'rootless-prerequisites',
  'kernel-module-missing',
  'cgroup-not-mounted',
  'cgroup-devices-shared',
  'cgroup-readonly',
  'cgroup-v2-nesting',
  'cgroupns-host',
  'iptables-backend-mismatch',
  'aufs-module-missing',
  'overlay-on-overlay',
  'var-lib-docker-shared',
  'data-root-corrupt',
  'stale-pidfile',
  'init-script-ulimit',
  'disk-space',
  'keyring-quota',
  'storage-driver-unsupported',
  'iptables-failure',
  'vfs-fallback',
  'dood-volume-path',
  'dood-port-conflict',
  'socket-permission',
  'api-version-mismatch',
  'daemon-unreachable',
  'privileged-security',
  'nesting-depth',
  'memory-limit',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export interface CatalogEntry {
  id: CheckId;
  severity: Severity;
  title: string;
  hint: string;
  fix?: QuickFix;
  /**
   * Position in a causal chain: lower ranks cause higher ones (an LSM denial makes a mount fail,
   * which makes the daemon exit, which makes the client unable to connect). Used to put the root
   * cause first.
   */
  rank: number;
}

const FRESH_VOLUME: QuickFix = {
  title: 'Nest again with a fresh /var/lib/docker volume',
  nestOptions: { freshVolume: true },
};
const IPTABLES_LEGACY: QuickFix = {
  title: 'Nest again with the legacy iptables backend',
  nestOptions: { iptablesLegacy: true },
};
const PRIVILEGED_MODE: QuickFix = {
  title: 'Nest again in auto mode (sysbox, privileged, then capabilities)',
  nestOptions: { mode: 'auto' },
};

const entries: CatalogEntry[] = [
  { id: 'apparmor-denied', severity: 'error', rank: 10,
    title: 'AppArmor denied an operation of the nested daemon',
    hint: 'The AppArmor profile applied to the level (usually docker-default) blocks mounts or profile changes that dockerd and runc need. Run the level AppArmor-unconfined, or load a profile that allows them; inside an LXD/LXC container, allow nesting (security.nesting=true, or an lxc.apparmor.profile that permits it).',
    fix: { title: 'Nest again with AppArmor unconfined', nestOptions: { apparmorUnconfined: true } } },
  { id: 'selinux-denied', severity: 'error', rank: 10,
    title: 'SELinux denied an operation of the nested daemon',
    hint: 'An SELinux policy in enforcing mode blocked the access shown. Privileged levels run as spc_t; check the AVC with ausearch/audit2why, relabel the mounted path (:z/:Z), or run the level with label=disable.' },
  { id: 'not-privileged', severity: 'error', rank: 20,
    title: 'The level runs without the privileges dockerd needs',
    hint: 'dockerd must mount filesystems, create cgroups and configure networking. The container was started without --privileged (or an equivalent capability set), so mounts fail with "permission denied".',
    fix: PRIVILEGED_MODE },
  { id: 'caps-unavailable', severity: 'error', rank: 22,
    title: 'The runtime cannot grant every capability a privileged container asks for',
    hint: 'The level\'s capability bounding set is smaller than what the runtime requests (LXC/nspawn hosts, Talos, user namespaces, or an outer engine older than the inner one); an unprivileged LXD container cannot create device nodes either (security.privileged=true, or images without them). Use capabilities mode, which grants exactly what the parent has.',
    fix: { title: 'Nest again in capabilities mode', nestOptions: { mode: 'capabilities' } } },
  { id: 'rootless-prerequisites', severity: 'error', rank: 22,
    title: 'Rootless Docker lacks a user-namespace prerequisite',
    hint: 'Rootless dockerd (and dind-rootless) needs newuidmap/newgidmap (the uidmap package), at least 65536 subordinate ids for its user in /etc/subuid and /etc/subgid, RootlessKit, and a user-mode network (slirp4netns, pasta or vpnkit). Files of an image owned by ids outside the mapped range cannot be unpacked. Install what is missing on the host of that daemon and widen the id range, or run the level rootful.' },
  { id: 'kernel-module-missing', severity: 'warning', rank: 25,
    title: 'A kernel module the daemon needs is not loaded',
    hint: 'Containers cannot load kernel modules: modprobe inside a level always fails, which is harmless when the module is already loaded on the host. Load the module (overlay, ip_tables, iptable_nat, br_netfilter, nf_tables...) on the host kernel.' },
  { id: 'cgroup-not-mounted', severity: 'error', rank: 30,
    title: 'cgroup hierarchies are not mounted in the level',
    hint: 'dockerd and runc need the cgroup filesystems (v1: one per controller plus name=systemd; v2: /sys/fs/cgroup). Mount them (the entrypoint wrapper does) or run the level privileged so /sys/fs/cgroup is writable.' },
  { id: 'cgroup-devices-shared', severity: 'warning', rank: 30,
    title: 'The devices cgroup shares a hierarchy with other controllers',
    hint: 'On cgroup v1 hosts the devices controller must sit alone on its line of /proc/1/cgroup, otherwise nested containers cannot be set up. Remount the controllers one per hierarchy on the host.' },
  { id: 'cgroup-readonly', severity: 'error', rank: 30,
    title: 'The cgroup filesystem is read-only or not writable in the level',
    hint: 'Docker mounts /sys/fs/cgroup read-only in unprivileged containers, and some runtimes (rootless, user namespaces) do not delegate it. The level\'s dockerd cannot create cgroups for its containers.',
    fix: PRIVILEGED_MODE },
  { id: 'cgroup-v2-nesting', severity: 'error', rank: 30,
    title: 'cgroup v2 controllers are not delegated to nested containers',
    hint: 'On cgroup v2 a cgroup with processes cannot enable controllers for its children. The level must move its processes to a child group (e.g. /init) and enable the controllers in cgroup.subtree_control before dockerd starts; the entrypoint wrapper does this. Starting the level with --cgroupns=host also gets past it, but then its dockerd makes its groups at the host\'s root, outside the level\'s limits (cgroupns-host).' },
  { id: 'cgroupns-host', severity: 'warning', rank: 32,
    title: 'The level shares its parent\'s cgroup namespace',
    hint: 'With --cgroupns=host on a cgroup v2 host the level sees the whole host tree and its dockerd creates /docker at the host\'s root, escaping the level\'s limits. Use a private cgroup namespace (the default since Docker 20.10 on cgroup v2).' },
  { id: 'iptables-backend-mismatch', severity: 'warning', rank: 35,
    title: 'iptables backend (legacy vs nf_tables) differs from what the kernel or parent uses',
    hint: 'A level whose iptables uses nf_tables while the host kernel or parent uses the legacy backend (or lacks nf_tables support) fails to create its chains, or its rules are invisible to the parent. Match the parent\'s backend.',
    fix: IPTABLES_LEGACY },
  { id: 'aufs-module-missing', severity: 'error', rank: 35,
    title: 'The aufs storage driver is not available',
    hint: 'aufs is absent from modern kernels and was removed in Docker 24. A /var/lib/docker that already holds aufs data, or an explicit --storage-driver aufs, makes dockerd refuse to start. Start on a fresh volume so overlay2 is chosen.',
    fix: FRESH_VOLUME },
  { id: 'overlay-on-overlay', severity: 'error', rank: 35,
    title: 'The storage driver is stacked on a union filesystem',
    hint: 'overlay2 cannot use an upper directory on overlayfs (nor aufs on aufs): /var/lib/docker must be a volume on a plain filesystem, never the container\'s own root. Otherwise dockerd fails or falls back to vfs.',
    fix: FRESH_VOLUME },
  { id: 'var-lib-docker-shared', severity: 'error', rank: 38,
    title: '/var/lib/docker is used by more than one daemon',
    hint: 'Each daemon needs its own data root: two daemons on one /var/lib/docker lock each other out ("volume store metadata database: timeout") or corrupt images and layers. Give every level its own volume.',
    fix: FRESH_VOLUME },
  { id: 'data-root-corrupt', severity: 'error', rank: 39,
    title: 'The daemon\'s data root is damaged',
    hint: 'Layers, image metadata or a bolt database under /var/lib/docker are missing or unreadable ("layer does not exist", "Key not found in store", a database that does not open, a digest that does not verify). In nested setups the usual cause is a data root shared with another daemon, copied, or cut off mid-write when a level was killed. Start the level on a fresh volume, or remove the damaged images.',
    fix: FRESH_VOLUME },
  { id: 'stale-pidfile', severity: 'error', rank: 38,
    title: 'A stale pid file stops dockerd from starting',
    hint: 'The level was stopped without a clean daemon shutdown, so docker.pid survives (and its PID may now belong to another process). Remove /var/run/docker.pid (and containerd\'s) before starting dockerd; the entrypoint wrapper does.' },
  { id: 'init-script-ulimit', severity: 'error', rank: 38,
    title: 'Docker\'s init script stopped at its ulimit line, before dockerd',
    hint: '`service docker start` runs /etc/init.d/docker, which sets the open-files limit before it starts dockerd. Docker 25 and later lower the hard limit to 524288, which fails with "Invalid argument" in a container whose soft limit is already higher (containerd and Kubernetes nodes often give 1048576); older scripts raise it, which fails with "Operation not permitted" without CAP_SYS_RESOURCE. Either way the script stops and no daemon starts. Start dockerd directly (as docker:dind and the levels of this extension do), remove the ulimit line from /etc/init.d/docker in the image, or lower the soft limit first (ulimit -Sn 524288).' },
  { id: 'disk-space', severity: 'error', rank: 40,
    title: 'No space left for the level\'s data',
    hint: 'The filesystem under /var/lib/docker of the daemon that wrote (inside the level, or a VM, not your shell\'s) is full or out of inodes (df -i). Nested levels multiply image copies, and vfs copies every layer in full. Prune the inner levels or give the volume more room.' },
  { id: 'keyring-quota', severity: 'error', rank: 40,
    title: 'The kernel\'s key quota is used up',
    hint: 'runc gives every container a session keyring, and the kernel counts keys per user id of the host: kernel.keys.maxkeys and maxbytes (200 keys by default), or root_maxkeys and root_maxbytes for the host\'s root. A level in a user namespace (an unprivileged LXC or LXD container, sysbox, userns-remap) runs as an ordinary host uid, so a few hundred containers across its levels use the quota up. Raise the quotas on the host (sysctl kernel.keys.maxkeys and kernel.keys.maxbytes, about 70 bytes per key, and the root_ pair), then start the containers again.' },
  { id: 'storage-driver-unsupported', severity: 'error', rank: 50,
    title: 'The storage driver cannot run on this backing filesystem',
    hint: 'dockerd could not initialise its graph driver: the backing filesystem of /var/lib/docker is unsupported (overlayfs, tmpfs, ecryptfs...), or the previous driver\'s data is incompatible. Start the level on a fresh volume on a plain filesystem.',
    fix: FRESH_VOLUME },
  { id: 'iptables-failure', severity: 'error', rank: 50,
    title: 'dockerd could not program iptables',
    hint: 'Creating Docker\'s chains or rules failed: iptables missing, a kernel without the nat table, a backend mismatch, or chains flushed behind dockerd\'s back (firewalld reload). Fix the cause shown above it, then restart the daemon to recreate its chains.',
    fix: IPTABLES_LEGACY },
  { id: 'vfs-fallback', severity: 'warning', rank: 55,
    title: 'The daemon uses the vfs storage driver',
    hint: 'vfs copies every layer in full: slow, and images take many times their size. It is chosen when overlay2 cannot run, typically because /var/lib/docker is not on its own volume. Give the level a fresh volume on a plain filesystem.',
    fix: FRESH_VOLUME },
  { id: 'dood-volume-path', severity: 'error', rank: 60,
    title: 'Bind-mount source does not exist where the daemon runs',
    hint: 'Bind-mount paths are resolved by the daemon on its own filesystem. With a mounted socket (docker-outside-of-docker) or across levels, a path that exists in your shell may not exist for that daemon, which then fails or mounts an empty directory. Use a path of the daemon\'s host, or a named volume.' },
  { id: 'dood-port-conflict', severity: 'error', rank: 60,
    title: 'A published port is already in use on the daemon\'s host',
    hint: 'Ports are published on the host of the daemon that runs the container. With a mounted socket every sibling publishes on the same host, so fixed ports collide. Publish on a free or random port (-p 0:PORT), or nest a real level instead.' },
  { id: 'socket-permission', severity: 'error', rank: 70,
    title: 'Permission denied on the Docker socket',
    hint: 'The user lacks access to the socket: its group id differs between the container and the host, or an LSM denies the connection. Use a private relay folder, match the socket\'s group id, or connect as root.' },
  { id: 'api-version-mismatch', severity: 'info', rank: 75,
    title: 'The client and the daemon speak different API versions',
    hint: 'A Docker client (the docker CLI in the image, or a library such as docker-py, docker-java or Testcontainers) asked for an API version this daemon does not serve. With a mounted socket the daemon is the host\'s, whatever the image\'s client is; in a level it is that level\'s. Upgrade the client or library. Or pin the version it asks for with DOCKER_API_VERSION where it reads it (the docker CLI and the Go SDK do; other libraries have a setting of their own): the daemon\'s maximum for a client that is too new, its minimum for one that is too old. Docker 25 and later serve older clients again when dockerd starts with DOCKER_MIN_API_VERSION set to their version (not below 1.24).' },
  { id: 'daemon-unreachable', severity: 'error', rank: 80,
    title: 'The Docker daemon cannot be reached',
    hint: 'Nothing answers on the daemon socket or address: the daemon exited (see the findings above this one for why), is still starting, or the client points at the wrong DOCKER_HOST. Read the level\'s daemon log.' },
  { id: 'privileged-security', severity: 'warning', rank: 90,
    title: 'This level can escalate to its host',
    hint: 'A privileged level (or one in capabilities mode with every capability) has the same power over the host kernel as root on the host: do not run untrusted code in it. Sysbox gives dind without that.' },
  { id: 'nesting-depth', severity: 'info', rank: 90,
    title: 'Deep nesting',
    hint: 'Each level adds a dockerd, a copy of every image and a hop to every connection (the exec tunnel roughly doubles per level). The kernel caps nested PID and user namespaces at 32 levels, so a level at depth 32 cannot create containers.' },
  { id: 'memory-limit', severity: 'warning', rank: 40,
    title: 'A level is near its memory limit',
    hint: 'The level and everything nested in it use nearly all the memory its container may have (or the machine has). The kernel will kill processes inside it (dockerd, containerd or your containers) once it is reached. Stop containers inside it, remove levels nested in it, or give it more memory.' },
];

export const CATALOG: Readonly<Record<CheckId, CatalogEntry>> = Object.freeze(
  Object.fromEntries(entries.map((e) => [e.id, e])) as Record<CheckId, CatalogEntry>,
);

export function isCheckId(id: string): id is CheckId {
  return Object.prototype.hasOwnProperty.call(CATALOG, id);
}

export function docsAnchor(id: string): string {
  return `troubleshooting.md#${id}`;
}

/** Rank of an id; ids the catalog does not know (future wrapper warnings) sort with the cgroup ones. */
export function rankOf(id: string): number {
  return isCheckId(id) ? CATALOG[id].rank : 30;
}

export interface FindingOverrides {
  severity?: Severity;
  title?: string;
  hint?: string;
  fix?: QuickFix | null;
  line?: number;
}

/** A finding for `id` with the catalog's defaults, overridden where a check knows better. */
export function makeFinding(id: CheckId, evidence: string, overrides: FindingOverrides = {}): Finding {
  const entry = CATALOG[id];
  const finding: Finding = {
    id,
    severity: overrides.severity ?? entry.severity,
    title: overrides.title ?? entry.title,
    evidence,
    hint: overrides.hint ?? entry.hint,
    docs: docsAnchor(id),
  };
  const fix = overrides.fix === null ? undefined : overrides.fix ?? entry.fix;
  if (fix) {
    finding.fix = fix;
  }
  if (overrides.line !== undefined) {
    finding.line = overrides.line;
  }
  return finding;
}
