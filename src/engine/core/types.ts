export type LaunchMode = 'auto' | 'privileged' | 'capabilities' | 'sysbox';
export type UsedMode = Exclude<LaunchMode, 'auto'>;
export type TransportKind = 'socket' | 'relay' | 'tunnel' | 'tcp' | 'ssh';
export type LevelState = 'ready' | 'starting' | 'unreachable' | 'stopped' | 'lost';

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
  /** Make the level's dockerd use the legacy iptables backend (when the parent's rules are legacy ones). */
  iptablesLegacy?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: NestProgress) => void;
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
