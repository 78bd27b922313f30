// What the engine gathers about one level before (or after) nesting, and small parsers over it.
// Gathering is someone else's job (it needs a daemon); everything here is pure.
import { SecurityMode } from '../core/finding';

/** The fields of `docker info` (GET /info) the checks read. */
export interface DockerInfoFacts {
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][];
  CgroupVersion?: string;
  CgroupDriver?: string;
  SecurityOptions?: string[];
  Runtimes?: Record<string, unknown>;
  KernelVersion?: string;
  OperatingSystem?: string;
}

export interface LevelFacts {
  /** 0 for the host daemon, 1 for a level created on it, and so on. */
  depth: number;
  mode?: SecurityMode;
  info?: DockerInfoFacts;
  /** /proc/1/cgroup inside the level. */
  procCgroup?: string;
  /** /proc/mounts inside the level. */
  procMounts?: string;
  /** CapBnd / CapEff from /proc/1/status, hex as printed there. */
  capBnd?: string;
  capEff?: string;
  /** /proc/sys/kernel/cap_last_cap; guessed from the kernel version when absent. */
  capLastCap?: number;
  apparmorEnabled?: boolean;
  /** /proc/1/attr/current, e.g. 'docker-default (enforce)' or 'unconfined'. */
  apparmorProfile?: string;
  selinuxEnforcing?: boolean;
  /** `iptables --version`, e.g. 'iptables v1.8.9 (nf_tables)'. */
  iptablesVersion?: string;
  parentIptablesVersion?: string;
  dmesg?: string;
  dmesgRestricted?: boolean;
  daemonLog?: string;
  /** fstype of /var/lib/docker inside the level. */
  varLibDockerFs?: string;
  /** Bind source or volume name behind /var/lib/docker. */
  varLibDockerSource?: string;
  /** How many containers (levels or not) mount that same source. */
  varLibDockerUsers?: number;
  /** The Docker socket of another daemon is mounted into the level (docker-outside-of-docker). */
  socketMounted?: boolean;
  /** cgroup v2 state of the level's root group. */
  cgroupV2?: { controllers?: string; subtreeControl?: string; type?: string };
  /** Free and total bytes of the filesystem under /var/lib/docker. */
  diskFreeBytes?: number;
  diskTotalBytes?: number;
  reachable: boolean;
  reachError?: string;
  pidfileStale?: boolean;
  /** The kernel key quota of the level's root (uid 0 as the level sees it, its dockerd's), from /proc/key-users. */
  keyQuota?: KeyQuota;
}

/** One /proc/key-users row's quota columns: keys and bytes held against the user's maxkeys and maxbytes. */
export interface KeyQuota {
  keys: number;
  maxKeys: number;
  bytes: number;
  maxBytes: number;
}

// "<uid>: <usage> <nkeys>/<nikeys> <qnkeys>/<maxkeys> <qnbytes>/<maxbytes>" (the kernel's proc_key_users_show()).
const KEY_USERS_ROW = /^\s*(\d+):\s+\d+\s+\d+\/\d+\s+(\d+)\/(\d+)\s+(\d+)\/(\d+)\s*$/;

/** The quota row of `uid` in /proc/key-users, or undefined when the file or the row is missing. */
export function parseKeyUsers(text: string | undefined, uid = 0): KeyQuota | undefined {
  for (const line of (text ?? '').split('\n')) {
    const m = KEY_USERS_ROW.exec(line);
    if (m && Number(m[1]) === uid) return { keys: Number(m[2]), maxKeys: Number(m[3]), bytes: Number(m[4]), maxBytes: Number(m[5]) };
  }
  return undefined;
}

export const CAP_SYS_ADMIN = 21;

export function parseCapMask(hex: string | undefined): bigint | undefined {
  const clean = hex?.trim().replace(/^0x/i, '');
  return clean && /^[0-9a-f]+$/i.test(clean) ? BigInt(`0x${clean}`) : undefined;
}

export function hasCap(mask: bigint, cap: number): boolean {
  return ((mask >> BigInt(cap)) & 1n) === 1n;
}

/** Capabilities numbered 0..last that `mask` lacks. */
export function missingCaps(mask: bigint, last: number): number[] {
  const missing: number[] = [];
  for (let cap = 0; cap <= last; cap++) {
    if (!hasCap(mask, cap)) {
      missing.push(cap);
    }
  }
  return missing;
}

/**
 * The last capability a kernel knows: 40 (CHECKPOINT_RESTORE) since 5.9, 39 (BPF) in 5.8,
 * 37 (AUDIT_READ) since 3.16. Unknown versions get 37, which never over-reports.
 */
export function expectedLastCap(kernelVersion: string | undefined): number {
  const m = /^(\d+)\.(\d+)/.exec(kernelVersion ?? '');
  if (!m) {
    return 37;
  }
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major > 5 || (major === 5 && minor >= 9)) {
    return 40;
  }
  if (major === 5 && minor === 8) {
    return 39;
  }
  return 37;
}

/**
 * The highest capability a privileged container inside a level can be given: the kernel's last one, capped by what
 * the level's own Docker asks for. Docker before 23.0 requests only its built-in list, 0..37 (AUDIT_READ); it
 * predates PERFMON, BPF and CHECKPOINT_RESTORE (38-40), so a bounding set without them is still complete for it.
 * Unknown versions keep the kernel's number (never hides a real gap on a newer engine).
 */
export function requestableLastCap(kernelLast: number, dockerVersion: string | undefined): number {
  const major = Number(/^(\d+)\./.exec(dockerVersion ?? '')?.[1]);
  return Number.isFinite(major) && major > 0 && major < 23 ? Math.min(kernelLast, 37) : kernelLast;
}

export interface MountEntry {
  source: string;
  target: string;
  fstype: string;
  options: string[];
  raw: string;
}

export function parseMounts(procMounts: string): MountEntry[] {
  return procMounts
    .split(/\r?\n/)
    .map((raw) => raw.trim())
    .filter((raw) => raw !== '')
    .map((raw) => {
      const [source = '', target = '', fstype = '', options = ''] = raw.split(/\s+/);
      return { source, target, fstype, options: options.split(','), raw };
    });
}

export type IptablesBackend = 'legacy' | 'nf_tables';

export function iptablesBackend(version: string | undefined): IptablesBackend | undefined {
  const m = /\((legacy|nf_tables)\)/.exec(version ?? '');
  return m ? (m[1] as IptablesBackend) : undefined;
}

/** '1', '2', or undefined when neither `docker info` nor /proc/1/cgroup tells. */
export function cgroupVersion(facts: LevelFacts): '1' | '2' | undefined {
  if (facts.info?.CgroupVersion === '1' || facts.info?.CgroupVersion === '2') {
    return facts.info.CgroupVersion;
  }
  const lines = (facts.procCgroup ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    return undefined;
  }
  return lines.every((l) => l.startsWith('0::')) ? '2' : '1';
}
