/** `dood` is not nesting: a container with its parent's socket mounted, on the same daemon (docs/dood.md). */
export type LaunchMode = 'auto' | 'privileged' | 'capabilities' | 'sysbox' | 'dood';
export type UsedMode = Exclude<LaunchMode, 'auto'>;
export type TransportKind = 'socket' | 'relay' | 'tunnel' | 'tcp' | 'ssh';
/** `data-only`: the level's container is gone but its data volume remains on the parent (re-nest it, or delete the data). */
export type LevelState = 'ready' | 'starting' | 'unreachable' | 'stopped' | 'lost' | 'data-only';

/** What a level's daemon says about itself. */
export interface DaemonFacts {
  version?: string;
  storageDriver?: string;
  cgroupVersion?: string;
  cgroupDriver?: string;
  kernelVersion?: string;
  operatingSystem?: string;
  securityOptions?: string[];
  runtimes?: string[];
  containers?: number;
  containersRunning?: number;
}

/** One container on a level's daemon that is not itself a level. */
export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  /** Unix seconds. */
  created?: number;
}

/** One image on a level's daemon. */
export interface ImageSummary {
  id: string;
  /** repo:tag references ('<none>:<none>' left out). */
  tags: string[];
  size: number;
  /** Unix seconds. */
  created: number;
  /** Containers on this daemon created from it. */
  containers: number;
}

/** One volume on a level's daemon. */
export interface VolumeSummary {
  name: string;
  driver: string;
  /** Names of the containers that mount it. */
  usedBy: string[];
  /** The child level whose /var/lib/docker this is, when it is one. */
  levelData?: string;
}

/** One network on a level's daemon. */
export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  /** bridge, host and none: the daemon's own, never removable. */
  builtin: boolean;
  /** Names of the containers attached to it. */
  usedBy: string[];
}

export interface LevelInfo {
  id: string;
  /** Name of the host (tree root) this level belongs to, when the engine was given one. */
  host?: string;
  depth: number;
  parentId: string | null;
  state: LevelState;
  mode: UsedMode | 'host';
  transport: TransportKind | null;
  /** Container id on the parent's daemon (null for the host). */
  containerId: string | null;
  containerName: string | null;
  image: string | null;
  volume: string | null;
  /** How to reach this level's daemon from here, when it can be reached without the engine. */
  dockerHost: string | null;
  error?: string;
  version?: string;
  storageDriver?: string;
  cgroupVersion?: string;
  facts?: DaemonFacts;
  containers?: ContainerSummary[];
  /** Listed when discovery is asked for resources (the tree's Images, Volumes and Networks groups). */
  images?: ImageSummary[];
  volumes?: VolumeSummary[];
  networks?: NetworkSummary[];
  /** When a stopped level's container stopped (ISO time), and why (exit code, OOM, its daemon lost with the parent). */
  stoppedAt?: string;
  stopReason?: string;
  /** Set on levels known from an earlier discovery whose parent cannot be reached now: 'parent L1 stopped'. */
  remembered?: boolean;
  /** Where the level's daemon is published over TLS, when it was exposed on request. */
  exposed?: { address: string; port: number };
  /** A DooD level: the id of the level whose daemon it shares (its containers are listed there). */
  sharesDaemonOf?: string;
}

export interface NestProgress {
  step: 'image' | 'seed' | 'volume' | 'create' | 'start' | 'wait' | 'rollback' | 'done';
  message: string;
  /** Bytes done/total while seeding an image. */
  bytes?: number;
  totalBytes?: number;
}

export interface NestOptions {
  parentId?: string;
  id?: string;
  image?: string;
  mode?: LaunchMode;
  /** Extra dockerd arguments for the new level (the seeds' DOCKER_DAEMON_ARGS). */
  daemonArgs?: string[];
  /** Write the daemon log to /var/log/dockerd.log inside the level instead of stdout (the seeds' LOG=file). */
  logToFile?: boolean;
  startTimeoutMs?: number;
  /** Keep the data volume when the nest fails or is cancelled. */
  keepVolumeOnFailure?: boolean;
  /** Skip the wrapper's cgroup preparation (diagnosis and tests of that failure). */
  skipCgroupSetup?: boolean;
  apparmorUnconfined?: boolean;
  /**
   * Run the level under this AppArmor profile (e.g. `docker-default`) even in privileged mode, where Docker would
   * otherwise run it unconfined: for hosts whose policy forbids unconfined containers. dockerd inside is likely to
   * be denied mounts (preflight reports apparmor-denied).
   */
  apparmorProfile?: string;
  /** Make the level's dockerd use the legacy iptables backend (when the parent's rules are legacy ones). */
  iptablesLegacy?: boolean;
  /** Images copied from the host into the new level once it is up (the user's working set). */
  seed?: string[];
  /** Publish the new level's daemon over TLS on this machine (see expose). */
  expose?: { address?: string; port?: number };
  /** DooD mode: `HOST:CONTAINER` ports to publish on the DooD container, and binds (`SOURCE:TARGET`) to mount. */
  doodPorts?: string[];
  doodBinds?: string[];
  signal?: AbortSignal;
  onProgress?: (p: NestProgress) => void;
}

export interface CopyProgress {
  message: string;
  bytes?: number;
  totalBytes?: number;
}

export interface CopyImagesOptions {
  /** Image references or ids on the source level. */
  images: string[];
  /** Source level id (default: the host). */
  from?: string;
  to: string;
  signal?: AbortSignal;
  onProgress?: (p: CopyProgress) => void;
}

/** What a copy did per image: sent in the stream, or already on the target (tagged there when needed). */
export interface CopyResult {
  image: string;
  id: string;
  action: 'sent' | 'present' | 'tagged';
  /** Bytes streamed through this machine for the whole copy (shared by the images sent together). */
  bytes: number;
  /** Copied on the levels' own host (a remote SSH host): no byte came through this machine. */
  onHost?: boolean;
}

export interface LifecycleOptions {
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  startTimeoutMs?: number;
}

export interface CollapseOptions {
  purge?: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

/** CPU and memory of one level's container, as its parent daemon's stats report them (its subtree included). */
export interface ResourceSample {
  /** Percent of one CPU (200 = two CPUs busy), like `docker stats`. */
  cpuPercent: number;
  /** Memory in use, page cache that can be dropped left out (what `docker stats` shows). */
  memoryBytes: number;
  /** The container's memory limit (the machine's memory when it has none). */
  memoryLimitBytes: number;
}

/** The disk of a level's /var/lib/docker (its data volume: image store, containers, its children's volumes). */
export interface DiskUsage {
  usedBytes: number;
  /** Free space on the filesystem that holds the data volume. */
  availableBytes: number;
  /** Size of that filesystem. */
  filesystemBytes: number;
}

/** What one level and everything nested in it use. `own` leaves out its children; `subtree` includes them. */
export interface LevelResources {
  id: string;
  host?: string;
  depth: number;
  subtree: { cpuPercent: number; memoryBytes: number; diskBytes: number | null };
  own: { cpuPercent: number; memoryBytes: number; diskBytes: number | null };
  memoryLimitBytes: number | null;
  diskAvailableBytes: number | null;
  diskFilesystemBytes: number | null;
}
