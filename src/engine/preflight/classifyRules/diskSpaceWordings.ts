// A full disk in words diskSpace.ts does not read: glibc's and apt's translations, the kernel's filesystems and
// dm-thin, rpm's transaction check, kubelet, and programs users run in a level that name their own full disk.
import { LineRule } from './types';

// glibc's strerror(ENOSPC) and strerror(EDQUOT) in the locales users paste from (po/*.po, libc-l10n 2.36).
const ENOSPC_TRANSLATED = new RegExp(
  [
    'Auf dem Gerät ist kein Speicherplatz mehr verfügbar',
    'Aucun espace disponible sur le périphérique',
    'No queda espacio en el dispositivo',
    'Spazio esaurito sul device',
    'Não há espaço disponível no dispositivo',
    'Sem espaço livre no dispositivo',
    'No resta espai al dispositiu',
    'Geen ruimte meer over op apparaat',
    'Ikke mere plads på enheden',
    'Ikke mer plass på enheten',
    'Laitteella ei ole tilaa jäljellä',
    'Brak miejsca na urządzeniu',
    'Na zařízení není volné místo',
    'Nincs több hely a lemezen',
    'Aygıt üzerinde boş yer yok',
    'На устройстве не осталось свободного места',
    'Недостатньо місця на пристрої',
    'Няма свободно място на устройството',
    'デバイスに空き領域がありません',
    '设备上没有空间',
    '裝置上已無多餘空間',
    '장치에 남은 공간이 없음',
    'Không có đủ chỗ trống trên thiết bị',
    'Enheten är full',
  ].join('|'),
  'i',
);
const EDQUOT_TRANSLATED =
  /Der zugewiesene Plattenplatz \(Quota\) ist überschritten|Débordement du quota d'espace disque|Se ha excedido la cuota de disco|Quota disco superata|Cota da disco excedida|Превышена дисковая квота|ディスク使用量制限を超過しました|超出磁盘限额|Diskkvot överskriden|Przekroczony limit dyskowy/i;
// apt's "You don't have enough free space in %s." (apt-private/private-install.cc) in its translations (apt 2.6).
const APT_TRANSLATED =
  /Sie haben nicht genug Platz in \/|Pas assez d'espace disponible sur \/|No tiene suficiente espacio libre en \/|Spazio libero in \/\S* insufficiente|Você não possui espaço (?:livre )?suficiente em \/|Недостаточно свободного места в \/|に充分な空きスペースがありません|上没有足够的可用空间/i;
// ENOSPC from a kernel limit, not a disk, in any language: inotify watches, a v1 cpuset, namespaces, /dev/shm, message
// queues, SysV IPC, epoll watches; the paths and calls stay English.
const LIMIT_CONTEXT = /inotify|fsnotify|\/sys\/fs\/cgroup\/|\bcpuset\.|\b(?:unshare|clone)\b|\/dev\/shm\/|\bmq_open\b|\b(?:semget|shmget|msgget)\b|\bepoll_ctl\b/i;
const notALimit = (l: string) => (LIMIT_CONTEXT.test(l) ? null : undefined);

export const diskSpaceWordingRules: LineRule[] = [
  // Home Assistant's Supervisor installing an image the engine then says it does not have (older "Can't install %s -> %s",
  // current "Can't install %s: %s", over docker-py's "404 Client Error[ for <url>]: Not Found (\"no such image: …"):
  // docker-py's pull drains the stream without raising its error events, so the pull failed silently, most often because
  // the disk under the data root ran full (the maintainers' first question); a hint, DNS or the registry read the same.
  {
    id: 'disk-space',
    pattern: /\bCan't install \S+(?: ->|:) 404 Client Error\b[^\n]{0,300}?\("?no such image:/i,
    severity: 'info',
    hint: 'The image\'s pull failed and the Supervisor did not say why. Pull it by hand on the host (docker pull <image>) to see the error: most often a full disk under the Docker data root (df -h /var/lib/docker, or /mnt/data/docker on Home Assistant OS); otherwise the host\'s DNS or the registry.',
  },
  // SteamCMD's app state 0x202 after an update ("Error! App '%s' state is 0x202 after update job."): its flag for not
  // enough disk space where the app installs (a game server's folder on the container's own layer, not its volume). A hint.
  { id: 'disk-space', pattern: /\bError! App '\d+' state is 0x202 after update job/i, severity: 'info' },
  { id: 'disk-space', pattern: ENOSPC_TRANSLATED, severity: notALimit },
  { id: 'disk-space', pattern: EDQUOT_TRANSLATED, severity: (l) => (/session key|keyring/i.test(l) ? null : undefined) },
  { id: 'disk-space', pattern: APT_TRANSLATED },
  // rpm's transaction check (lib/rpmprob.c RPMPROB_DISKSPACE, RPMPROB_DISKNODES) under dnf's "Transaction test error".
  { id: 'disk-space', pattern: /installing package \S+ needs \d+[KMG]?B? more (?:space|inodes) on the \S+ filesystem/i },
  // btrfs forced read-only or aborting a transaction on ENOSPC (fs/btrfs: "errno=%d %s" with -28 "No space left",
  // "Transaction aborted (error %d)"), ext4's delayed allocation failing with 28.
  { id: 'disk-space', pattern: /\berrno=-28 No space left\b|\bTransaction aborted \(error -28\)/i },
  { id: 'disk-space', pattern: /Delayed block allocation failed for inode \d+ [^\n]{0,200}with error 28\b/i },
  // dm-thin's pool out of metadata ("no free metadata space available"); its low-water mark ("reached low water mark for
  // data device", where lvm's autoextend starts) and lvm's dmeventd ("WARNING: Thin pool %s data|metadata is now %.2f%%
  // full.") below 95 % are hints, 95 % and over a warning.
  { id: 'disk-space', pattern: /no free metadata space available/i, severity: 'warning' },
  { id: 'disk-space', pattern: /reached low water mark for data device/i, severity: 'info' },
  {
    id: 'disk-space',
    pattern: /WARNING: Thin pool \S+ (?:data|metadata) is now (\d+)(?:\.\d+)?% full/i,
    severity: (l) => (Number(/is now (\d+)/.exec(l)?.[1] ?? 0) >= 95 ? 'warning' : 'info'),
  },
  // kubelet's image garbage collection over its high threshold (a hint: it usually frees enough) or failing to free
  // enough, and eviction for the node's disk or inodes ("The node was low on resource: %v." with ephemeral-storage or
  // inodes; memory and pids are not disk), its DiskPressure condition and event (not "has no disk pressure").
  // (Before 1.8 the kubelet named the device and mount instead: "Disk usage on %q (%s) is at %d%% which is over the high
  // threshold (%d%%). Trying to free %d bytes".)
  { id: 'disk-space', pattern: /Disk usage on (?:image filesystem|"[^"\n]+" \([^)\n]*\)) is (?:at \d+% which is )?over the high threshold/i, severity: 'info' },
  // Eviction for the node's memory: the pod (a dind sidecar without a memory request first) killed for the node's sake.
  { id: 'memory-limit', pattern: /The node was low on resource: memory\b/i, severity: 'warning' },
  // InnoDB unable to map its buffer pool ("Fatal error: cannot allocate memory for the buffer pool"): the database's own
  // setting against the memory its container or the daemon's VM has (a hint).
  { id: 'memory-limit', pattern: /\bInnoDB: Fatal error: cannot allocate memory for the buffer pool\b/i, severity: 'info' },
  // Kubernetes' release tooling checking its build step's room ("Checking for at least %d GB on %s: FAILED").
  { id: 'disk-space', pattern: /\bChecking for at least \d+ ?GB on \/\S*: FAILED\b/i, severity: 'warning' },
  { id: 'disk-space', pattern: /failed to garbage collect required amount of images/i, severity: 'warning' },
  { id: 'disk-space', pattern: /The node was low on resource: (?:ephemeral-storage|inodes|nodefs|imagefs)\b/i, severity: 'warning' },
  { id: 'disk-space', pattern: /\bkubelet has disk pressure\b|\bNodeHasDiskPressure\b|\bKubeletHasDiskPressure\b/, severity: 'warning' },
  // CI agents' own disk monitors: Jenkins' node monitor ("Disk space is below threshold of {2}. Only {0} out of {3} left
  // on {1}.", before 2023 "Disk space is too low. Only {0}GB left on {1}.", "Making {0} offline temporarily due to the
  // lack of disk space"), Azure Pipelines' agent ("Free disk space on {0} is lower than {1}%", "Low disk space on {0}
  // drive, less than 100 MB is available.").
  { id: 'disk-space', pattern: /Disk space is (?:below threshold of \S+ \S+\.|too low\.) Only \S+ ?\S* (?:out of \S+ \S+ )?left on \S|offline temporarily due to the lack of disk space/i, severity: 'warning' },
  { id: 'disk-space', pattern: /Free disk space on \S+ is lower than \d+%|Low disk space on \S+ drive, less than \d+ MB is available/i, severity: 'warning' },
  // lvs with a thin pool (attr twi-) at 100 % of its data or metadata: devicemapper's pool full.
  { id: 'disk-space', pattern: /^\s*\S+\s+\S+\s+twi-[\w-]{6,7}\s+\d+(?:[.,]\d+)?[kmgtpe]\s+(?:100[.,]00\s|\d+(?:[.,]\d+)?\s+100[.,]00(?:\s|$))/i, severity: 'warning' },
  // Programs in a level naming their own full disk: Info-ZIP's "%s:  write error (disk full?).", zfs's EZFS_NOSPC
  // ("cannot create '%s': out of space"), Erlang's {error,enospc}, Windows' STG_E_MEDIUMFULL / ERROR_DISK_FULL codes.
  { id: 'disk-space', pattern: /write error \(disk full\?\)/i, severity: 'warning' },
  { id: 'disk-space', pattern: /\bcannot (?:create|receive|clone|rename)(?: snapshot)? '[^']+': out of space\b/i },
  { id: 'disk-space', pattern: /\{error,\s*enospc\}/i, severity: (l) => (LIMIT_CONTEXT.test(l) ? null : 'warning') },
  { id: 'disk-space', pattern: /\bSTG_E_MEDIUMFULL\b|\b0x80070070\b/i, severity: 'warning' },
  // Docker Desktop's engine writing its containerd store (/var/lib/desktop-containerd) with EIO: the VM's disk image
  // could not grow on a full host disk (a failing disk says the same: a hint).
  { id: 'disk-space', pattern: /\bwrite \/var\/lib\/desktop-containerd\/\S+: input\/output error/i, severity: 'info' },
  // MongoDB's MMAPv1 journal preallocation (mongod "Insufficient free space for journal files", exception 15926
  // "Insufficient free space for journals, terminating"): the volume under /data/db has less room than the ~3 GB it
  // preallocates (--smallfiles asks less). A hint, like the other databases' below.
  { id: 'disk-space', pattern: /\bInsufficient free space for journal(?: file)?s\b/, severity: 'info' },
  // Databases and runtimes in a container whose data may sit on the level's data root (or a volume beside it): hints.
  // Elasticsearch's flood stage ("flood stage disk watermark [%s] exceeded on %s", the read-only-allow-delete block),
  // RabbitMQ's disk alarm, MySQL's ER_DISK_FULL ("Disk full (%s); waiting for someone to free some space..."),
  // PostgreSQL's short write ("could not extend file \"%s\": wrote only %d of %d bytes"), HotSpot's hsperfdata file.
  {
    id: 'disk-space',
    pattern:
      /flood stage disk watermark \[[^\]]*\] exceeded|disk usage exceeded flood-stage watermark|\bdisk resource limit alarm set on node\b|Free disk space is insufficient\. Free bytes|Disk full \([^)]*\); waiting for someone to free some space|could not extend file "[^"]*": wrote only \d+ of \d+ bytes|Insufficient space for shared memory file/i,
    severity: 'info',
  },
  // Python's tempfile finding no folder it can write a probe file in ("No usable temporary directory found in %s"): a full
  // disk (its ENOSPC is swallowed per folder), unless /tmp is read-only or not writable for the user: a hint.
  {
    id: 'disk-space',
    pattern: /\bNo usable temporary directory found in \[/,
    severity: 'info',
    hint: 'Python could not write a file in any temporary folder. Free space on the filesystem that holds /tmp (docker system df, then prune what you no longer need); if there is space, check that /tmp is writable and not mounted read-only.',
  },
];
