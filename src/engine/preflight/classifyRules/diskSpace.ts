// Disk space: the data root's filesystem full or nearly, in every program's words, and ENOSPC that is no disk.
import { LineRule, TextHit, TextRule } from './types';
import { NAMESPACE_CALL } from './userns';

const NAMESPACE_ENOSPC = new RegExp(`${NAMESPACE_CALL.source}: no space`, 'i');
// A container's /dev/shm (64 MB unless --shm-size says more) full: PostgreSQL's dynamic shared memory ("could not resize
// shared memory segment \"%s\" to %zu bytes: No space left on device"), a write under /dev/shm/. The app's tmpfs.
const SHM_ENOSPC = /could not resize shared memory segment|^segment "\/PostgreSQL\.\d+" to \d+ bytes|(?<![^\s"'=])\/dev\/shm\/[^\s:]*: no space/i;
// ENOSPC from a kernel table, not a disk: mount(2) past fs.mount-max (mount propagation multiplying a level's mounts: a
// bind's "flags: 0x…", overlay2's "error creating overlay mount to %s", moby's "mounting shm tmpfs", runc's /dev/shm), a
// cgroup's device programs (BPF_PROG_ATTACH), SysV IPC (PostgreSQL's semget/shmget, whose HINT says it is no disk), a
// netlink table ("RTNETLINK answers").
const KERNEL_TABLE_ENOSPC = /\bflags: 0x[0-9a-f]+: no space|error creating overlay mount to \S+: no space|mounting shm tmpfs: no space|mounting \\*"\/dev\/shm\\*" to rootfs|BPF_PROG_ATTACH|could not create (?:semaphores|shared memory segment)|RTNETLINK answers: No space/i;

export const diskSpaceRules: LineRule[] = [
  // An empty v1 cpuset (cpuset.mems/cpus not inherited by a nested cgroup) refuses tasks with ENOSPC:
  // not a full disk.
  // ENOSPC that is no disk: a container's /dev/shm full (SHM_ENOSPC); inotify watches exhausted (fs.inotify.max_user_watches: "inotify_add_watch",
  // fsnotify "failed to create/add watch") is another limit, not the data root.
  // Nor are namespaces used up (clone/unshare of a user namespace past user.max_user_namespaces: userns.ts).
  // (A journal cut at its width may end the line in "…on devic".)
  // A scanner's own temporary copy of an image (Trivy's fanal-*/trivy-* folders under $TMPDIR) filling: the client's
  // disk, not the daemon's data root: a hint.
  {
    id: 'disk-space',
    pattern: /no space left on devic/i,
    severity: (l) => (/\/sys\/fs\/cgroup\/|\bcpuset\.(?:mems|cpus)\b|inotify|\bfsnotify\b|\badd watch\b/i.test(l) || NAMESPACE_ENOSPC.test(l) || SHM_ENOSPC.test(l) || KERNEL_TABLE_ENOSPC.test(l) ? null : /[\\/](?:fanal|trivy)-[\w-]+[\\/]/.test(l) ? 'info' : 'error'),
  },
  // The GitHub Actions runner's own warning (actions/runner: "You are running out of disk space. The
  // runner will stop working when the machine runs out of disk space. Free space left: %s MB").
  { id: 'disk-space', pattern: /You are running out of disk space\. The runner will stop working/i, severity: 'warning' },
  // Testcontainers' start-up check of the daemon's own disk (DockerClientFactory: "Docker environment should have more
  // than 2GB free disk space"): the daemon's VM or level, not the host the tests run on. Its list of checks marks each
  // one passed (✔ with either variation selector, or "?"/"??" where the log lost the glyph) or failed (✘), after the
  // logger's prefix or bare, and a failure
  // also throws with the sentence bare.
  {
    id: 'disk-space',
    pattern: /Docker environment should have more than \d+ ?[GM]B free disk space/i,
    severity: (l) => (/(?:^|\s)(?:✔|√|\?{1,2})[\uFE0E\uFE0F]?\s+Docker environment/.test(l) ? null : 'warning'),
  },
  // EDQUOT (quota on the data root's filesystem), devicemapper's thin pool (deviceset.go: "Thin Pool has %v free data
  // blocks which is less than minimum required %v free data blocks", and the same of its "free metadata blocks"),
  // kubelet's DiskPressure taint.
  // Not a full kernel keyring: runc's "create session key: disk quota exceeded" is kernel.keys.maxkeys (below).
  { id: 'disk-space', pattern: /\bdisk quota exceeded\b/i, severity: (l) => (/session key|keyring|keyctl/i.test(l) ? null : 'error') },
  // runc's session keyring refused with EDQUOT: "could not create session key: %v" (before 1.0), "join session keyring:
  // create session key: %w" (1.0), "unable to join session keyring: unable to create session key: %w" (1.1+).
  // crun says it its own way ("create keyring `%s`: %m", "join keyctl `%s`: %m" since 1.22): the same kernel key quota,
  // its keyring per container.
  { id: 'keyring-quota', pattern: /\bcreate session key: disk quota exceeded\b|\b(?:create keyring|join keyctl) [`'"]?[^`'"\s]+[`'"]?: Disk quota exceeded/i },
  { id: 'disk-space', pattern: /Thin Pool has \d+ free (?:data|metadata) blocks which is less than minimum required/i },
  // dm-thin refusing work once its pool went read-only or failed ("unable to service pool target messages in READ_ONLY or
  // FAIL mode"): what a pool out of data or metadata space turns into.
  { id: 'disk-space', pattern: /unable to service pool target messages in READ_ONLY or FAIL mode/i, severity: 'warning' },
  // Other wordings of a full disk: apt ("You don't have enough free space in %s."), rpm ("At least %dMB more
  // space needed on the %s filesystem."), Windows ("There is not enough space on the disk."), the kernel's
  // dm-thin pool behind devicemapper ("switching pool to out-of-data-space (error|queue IO) mode").
  { id: 'disk-space', pattern: /You don't have enough free space in \/|more space needed on the \S+ filesystem|There is not enough space on the disk|switching pool to out-of-data-space/i },
  // A `df`/`df -i` row with nothing (or a few kilobytes or megabytes: df rounds Use% up) available, at 100 % (snaps, boot partitions, live and optical images, ISO and
  // AppImage mounts, Docker Desktop's cli-tools image in WSL are read-only and always full; /run, /dev and the kernel's filesystems are not where data goes).
  {
    id: 'disk-space',
    pattern:
      /^\S+\s+\d+(?:[.,]\d+)?[KMGTP]?i?\s+\d+(?:[.,]\d+)?[KMGTP]?i?\s+(?:0|\d{1,3}(?:[.,]\d+)?[KkM]i?)\s+100%\s+\/(?!snap\/|var\/lib\/snapd\/|boot\b|media\/|mnt\/(?:cdrom|iso|dvd|wsl\/docker-desktop\/cli-tools)|cdrom\b|rofs\b|tmp\/\.mount_|run\b|dev\b|proc\b|sys\b)\S*\s*$/,
    severity: 'warning',
  },
  // The same row at 95-99 % on the root, the data root or a dev container's workspace: little room left, a hint.
  {
    id: 'disk-space',
    pattern: /^\S+\s+\d+(?:[.,]\d+)?[KMGTP]?i?\s+\d+(?:[.,]\d+)?[KMGTP]?i?\s+\d+(?:[.,]\d+)?[KMGTP]?i?\s+9[5-9]%\s+\/(?:var(?:\/lib\/docker)?|workspaces?)?\s*$/,
    severity: 'info',
  },
  // macOS's df (Capacity, then inode columns) of the volume holding a desktop engine's VM disk (Docker Desktop's,
  // OrbStack's, Colima's): it rounds Capacity up, so 100 % may leave a few GiB the growing disk image cannot use.
  {
    id: 'disk-space',
    pattern: /^\/dev\/disk\d+s\d+\s+\d+(?:[.,]\d+)?(?:[KMGTP]i?|Bi)?\s+\d+(?:[.,]\d+)?(?:[KMGTP]i?|Bi)?\s+\d+(?:[.,]\d+)?(?:[KMGTP]i?|Bi)?\s+(?:9[5-9]|100)%\s+\S+\s+\S+\s+\d+%\s+\/(?:System\/Volumes\/Data)?\s*$/,
    severity: (l) => (/\s100%\s/.test(l) ? 'warning' : 'info'),
  },
  // LVM with no extents left for the devicemapper thin pool ("Volume group \"%s\" has insufficient free space (%u
  // extents): %u required."), and a build's own check of the room it has ("There is not enough space available in the
  // docker container").
  { id: 'disk-space', pattern: /Volume group "[^"]+" has insufficient free space|There is not enough space available in the docker container/i, severity: 'warning' },
  // Buildkite's elastic stack checking the agent's disk before a job ("Not enough disk space free, cutoff is %d",
  // "Not enough inodes free, cutoff is %d").
  { id: 'disk-space', pattern: /Not enough (?:disk space|inodes) free, cutoff is \d+/i, severity: 'warning' },
  // minikube's check of the daemon's /var ("%s is nearly out of disk space, which may cause deployments to fail! (%d%% of
  // capacity)", "%s is out of disk space! (/var is at %d%% of capacity)").
  { id: 'disk-space', pattern: /\bis (?:nearly )?out of disk space(?:, which may cause deployments to fail)?! \(/i, severity: 'warning' },
  { id: 'disk-space', pattern: /\bnode had (?:condition: \[)?DiskPressure\b|node\.kubernetes\.io\/disk-pressure/i, severity: 'warning' },
  // The errno's name alone (Go's syscall.ENOSPC printed by name, a tool's "ENOSPC" code), except Node's file-watcher
  // limit, which borrows it ("ENOSPC: System limit for number of file watchers reached").
  // Printed as an error's value (": ENOSPC", "(ENOSPC)"), not a record's code field, which Node's watcher dump also has.
  { id: 'disk-space', pattern: /(?::\s*|\()ENOSPC\b(?!['"])/, severity: (l) => (/file watchers|inotify|\bwatch\b|\/sys\/fs\/cgroup\/|\bcpuset\.|\b(?:unshare|clone)\b/i.test(l) ? null : 'warning') },
  // npm's error summary ("npm ERR! code ENOSPC", npm 10's "npm error code ENOSPC"): a write of the install failed.
  { id: 'disk-space', pattern: /\bnpm (?:ERR!|error) code ENOSPC\b/, severity: 'warning' },
  // A disk full told in words (a user's, a tool's, a VM disk's): a hint, the words name no filesystem.
  {
    id: 'disk-space',
    pattern: /\b(?:the )?disk (?:is|was|got|became) (?:completely |almost |nearly )?full\b|\bnot enough (?:free )?disk space\b|\b(?:low on|out of|running out of|ran out of) (?:free )?disk(?: space)?\b|\bDocker\.(?:raw|qcow2|vhdx) (?:is|was|got) (?:completely )?full\b|\bdisk usage (?:is )?(?:at )?(?:9\d|100) ?%/i,
    severity: 'info',
  },
];

// devicemapper's `docker info` (Docker ≤18.09): the driver refuses new devices once a pool's free space falls below
// dm.min_free_space, 10 % by default ("Thin Pool has %v free data blocks which is less than minimum required"). A
// loop-lvm pool's "Available" is also capped by the free space of the filesystem under its sparse file: low there with
// the pool itself mostly empty (and over 1 GB left) is that disk getting small, a hint.
const DM_SPACE = /^\s*(Data|Metadata) Space (Available|Total|Used):\s*([\d.]+)\s*([kKMGTP]?i?B)\s*$/;
const DM_MIN_FREE = 0.1;
const DM_LOW_BYTES = 1e9;
const UNIT_POWER: Record<string, number> = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4, PB: 5, EB: 6 };

function bytes(amount: string, unit: string): number {
  const power = UNIT_POWER[unit.toUpperCase().replace('I', '')] ?? 0;
  return Number(amount) * (unit.toLowerCase().includes('i') ? 1024 : 1000) ** power;
}

interface PoolSpace {
  available?: number;
  total?: number;
  used?: number;
  index?: number;
  usedIndex?: number;
}

function thinPoolNearlyFull(messages: readonly string[]): TextHit[] {
  const seen = new Map<string, PoolSpace>();
  messages.forEach((m, index) => {
    const hit = DM_SPACE.exec(m);
    if (!hit) return;
    const pool = seen.get(hit[1]) ?? {};
    const amount = bytes(hit[3], hit[4]);
    if (hit[2] === 'Available') Object.assign(pool, { available: amount, index });
    else if (hit[2] === 'Total') pool.total = amount;
    else Object.assign(pool, { used: amount, usedIndex: index });
    seen.set(hit[1], pool);
  });
  // Each pool judged on its own (data and metadata fill apart); the most pressing one speaks.
  const hits: TextHit[] = [];
  for (const p of seen.values()) {
    // `docker info | grep Space` without the Available line: the pool full by Used against Total.
    if (p.available === undefined && p.used !== undefined && p.total && p.total - p.used < p.total * DM_MIN_FREE) {
      hits.push({ index: p.usedIndex ?? 0, severity: 'warning' });
      continue;
    }
    if (p.index === undefined || p.available === undefined || !p.total || p.available >= p.total * DM_MIN_FREE) continue;
    const poolRoomy = p.used !== undefined && p.total - p.used >= p.total * DM_MIN_FREE && p.available >= DM_LOW_BYTES;
    hits.push({ index: p.index, severity: poolRoomy ? 'info' : 'warning' });
  }
  return hits.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1)).slice(0, 1);
}

// `btrfs filesystem usage`: btrfs hands out space in chunks, so it returns ENOSPC with gigabytes "free" once every byte
// of the devices is allocated and the metadata chunks are nearly used up (a new metadata chunk has nowhere to go). Nearly
// is measured against the global reserve (carved out of metadata, 512 MiB at most): less than four reserves left.
const BTRFS_SIZE = /^\s*Device size:\s+([\d.]+)([KMGTPE]?i?B)\s*$/;
const BTRFS_UNALLOCATED = /^\s*Device unallocated:\s+([\d.]+)([KMGTPE]?i?B)\s*$/;
const BTRFS_METADATA = /^\s*Metadata,[\w-]+: Size:([\d.]+)([KMGTPE]?i?B), Used:([\d.]+)([KMGTPE]?i?B)/;
const BTRFS_RESERVE = /^\s*Global reserve:\s+([\d.]+)([KMGTPE]?i?B)\b/;
const BTRFS_UNALLOCATED_FLOOR = 1024 ** 3;
const BTRFS_DEFAULT_RESERVE = 512 * 1024 ** 2;
const BTRFS_RESERVES_LEFT = 4;

function btrfsAllocatedOut(messages: readonly string[]): TextHit[] {
  const find = (re: RegExp) => messages.map((m, index) => ({ hit: re.exec(m), index })).find((x) => x.hit);
  const size = find(BTRFS_SIZE);
  const unallocated = find(BTRFS_UNALLOCATED);
  const metadata = find(BTRFS_METADATA);
  if (!size?.hit || !unallocated?.hit || !metadata?.hit) return [];
  const reserveHit = find(BTRFS_RESERVE)?.hit;
  const reserve = reserveHit ? bytes(reserveHit[1], reserveHit[2]) : BTRFS_DEFAULT_RESERVE;
  const left = bytes(unallocated.hit[1], unallocated.hit[2]);
  const metadataFree = bytes(metadata.hit[1], metadata.hit[2]) - bytes(metadata.hit[3], metadata.hit[4]);
  if (left >= BTRFS_UNALLOCATED_FLOOR || left >= bytes(size.hit[1], size.hit[2]) * 0.01 || metadataFree >= BTRFS_RESERVES_LEFT * reserve) return [];
  return [{ index: unallocated.index, severity: 'warning' }];
}

// CasaOS' bug-report form ("- Disk Total: %d" then "- Disk Used: %d", in MB): the system disk it keeps Docker's data on,
// full where what is left is under 2 GB or 2 % of it (whichever is less: a large disk may keep gigabytes free).
const CASAOS_NAMED = /\bCasaOS\b/i;
const CASAOS_DISK_TOTAL = /^\s*-\s*Disk Total:\s*(\d+)\s*$/;
const CASAOS_DISK_USED = /^\s*-\s*Disk Used:\s*(\d+)\s*$/;
const CASAOS_FREE_FLOOR_MB = 2048;
function casaosDiskFull(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => CASAOS_NAMED.test(l))) return [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const total = Number(CASAOS_DISK_TOTAL.exec(lines[i])?.[1]);
    const used = Number(CASAOS_DISK_USED.exec(lines[i + 1])?.[1]);
    if (total > 0 && used >= 0 && total - used <= Math.min(CASAOS_FREE_FLOOR_MB, 0.02 * total)) return [{ index: i + 1, severity: 'warning' }];
  }
  return [];
}

export const diskSpaceTextRules: TextRule[] = [
  { id: 'disk-space', scan: (lines) => casaosDiskFull(lines) },
  { id: 'disk-space', scan: (_lines, messages) => thinPoolNearlyFull(messages) },
  { id: 'disk-space', scan: (_lines, messages) => btrfsAllocatedOut(messages) },
];
