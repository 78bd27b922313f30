// The one shell script preflight runs inside a level, and pure parsers from its output to LevelFacts.
// One exec per level: every exec through a tunnel costs a round trip per hop, so the script prints every
// fact at once, each section after a marker line, and never fails (a missing tool leaves its section empty).
import { LevelFacts, parseKeyUsers, parseMounts } from './facts';

const MARKER = /^@@nd:([a-z0-9-]+)@@$/;

/**
 * Run as `sh -c PROBE_SCRIPT nd-preflight DATA_ROOT LOG_KIND`. POSIX sh only (dash, busybox ash), no pidof
 * (absent from slim images): dockerd is found by scanning /proc. Facts are read from dockerd's own /proc entry
 * when it runs (its caps and cgroup are what its containers inherit), else from pid 1.
 */
export const PROBE_SCRIPT = `
m() { printf '\\n@@nd:%s@@\\n' "$1"; }
root=\${1:-/var/lib/docker}
# Nested levels' dockerds are visible here too, each in its own pid namespace: take the one in ours.
ns=$(readlink /proc/self/ns/pid 2>/dev/null)
d=''
for p in /proc/[0-9]*; do
  if [ "$(cat "$p/comm" 2>/dev/null)" = dockerd ] && [ "$(readlink "$p/ns/pid" 2>/dev/null)" = "$ns" ]; then
    d=\${p#/proc/}; break
  fi
done
m dockerd; echo "$d"
m cgroup; cat "/proc/\${d:-1}/cgroup" 2>/dev/null
m mounts; cat "/proc/\${d:-1}/mounts" 2>/dev/null
m caps; grep '^Cap' "/proc/\${d:-1}/status" 2>/dev/null
m lastcap; cat /proc/sys/kernel/cap_last_cap 2>/dev/null
m uname; uname -r 2>/dev/null
m apparmor; cat /sys/module/apparmor/parameters/enabled 2>/dev/null
m profile; cat /proc/1/attr/current 2>/dev/null
m selinux; cat /sys/fs/selinux/enforce 2>/dev/null
m iptables; command -v iptables >/dev/null 2>&1 && iptables --version 2>&1
m statfs; stat -f -c '%T %a %b %S' "$root" 2>/dev/null
m df; df -Pk "$root" 2>/dev/null
m pidfile; cat /var/run/docker.pid 2>/dev/null || cat /run/docker.pid 2>/dev/null
m keyusers; cat /proc/key-users 2>/dev/null
m cgroup2
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  echo "controllers=$(cat /sys/fs/cgroup/cgroup.controllers 2>/dev/null)"
  echo "subtree=$(cat /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null)"
  echo "type=$(cat /sys/fs/cgroup/cgroup.type 2>/dev/null)"
fi
m uptime; cat /proc/uptime 2>/dev/null
m now; date +%s 2>/dev/null
m dmesg-restrict; cat /proc/sys/kernel/dmesg_restrict 2>/dev/null
out=$(dmesg 2>&1); rc=$?
m dmesg; printf '%s\\n' "$out" | tail -n 400
m dmesg-rc; echo "$rc"
if [ "\${2:-}" = file ]; then m logfile; tail -n 200 /var/log/dockerd.log 2>&1; fi
m end
`;

export type ProbeSections = Record<string, string>;

/** Splits the probe's output at its marker lines; text before the first marker is dropped. */
export function parseSections(output: string): ProbeSections {
  const sections: ProbeSections = {};
  let name: string | undefined;
  let lines: string[] = [];
  const close = () => {
    if (name !== undefined) sections[name] = lines.join('\n').replace(/\s+$/, '');
  };
  for (const line of output.split(/\r?\n/)) {
    const m = MARKER.exec(line);
    if (m) {
      close();
      name = m[1];
      lines = [];
    } else if (name !== undefined) {
      lines.push(line);
    }
  }
  close();
  return sections;
}

/** The filesystem type of the mount that holds `path` (the deepest mount point above it, the last one mounted wins). */
export function fsTypeOf(procMounts: string | undefined, path: string): string | undefined {
  if (!procMounts) return undefined;
  let best: { len: number; fstype: string } | undefined;
  for (const m of parseMounts(procMounts)) {
    const target = m.target === '/' ? '/' : m.target.replace(/\/+$/, '');
    const holds = target === '/' || path === target || path.startsWith(`${target}/`);
    if (holds && (!best || target.length >= best.len)) best = { len: target.length, fstype: m.fstype };
  }
  return best?.fstype;
}

/** Free and total bytes from `stat -f -c '%T %a %b %S'` (preferred) or `df -Pk`. */
export function parseDiskSpace(statfs: string | undefined, df: string | undefined): { free?: number; total?: number; fsName?: string } {
  const s = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(statfs ?? '');
  if (s) {
    const block = Number(s[4]);
    return { fsName: s[1] === '?' ? undefined : s[1], free: Number(s[2]) * block, total: Number(s[3]) * block };
  }
  // POSIX df -P: "Filesystem 1024-blocks Used Available Capacity Mounted on"
  const row = (df ?? '').split(/\r?\n/).slice(1).find((l) => /\d+\s+\d+\s+\d+\s+\d+%/.test(l));
  const d = row ? /(\d+)\s+(\d+)\s+(\d+)\s+\d+%/.exec(row) : null;
  return d ? { total: Number(d[1]) * 1024, free: Number(d[3]) * 1024 } : {};
}

const STAMP = /^\[\s*(\d+(?:\.\d+)?)\]/;

/**
 * Kernel lines printed since `sinceMs` (wall clock), from `dmesg` output stamped in seconds since boot. The ring
 * buffer is machine-wide, so a level's report keeps only what happened since the level started. Unstamped lines
 * (continuations) follow the line before them.
 */
export function kernelLinesSince(dmesg: string, uptimeSeconds: number, nowMs: number, sinceMs: number): string {
  const bootMs = nowMs - uptimeSeconds * 1000;
  const sinceBoot = (sinceMs - bootMs) / 1000 - 2; // slack for clock skew between the daemon and this machine
  const out: string[] = [];
  let keep = false;
  for (const line of dmesg.split(/\r?\n/)) {
    const m = STAMP.exec(line);
    if (m) keep = Number(m[1]) >= sinceBoot;
    if (keep && line.trim() !== '') out.push(line);
  }
  return out.join('\n');
}

/** What the probe says beyond LevelFacts: the dockerd pid and what could not be read. */
export interface ProbeExtras {
  dockerdPid?: number;
  kernel?: string;
  notes: string[];
}

export interface ProbeContext {
  /** Path of the daemon's data root (DockerRootDir), for the filesystem lookup. */
  dataRoot: string;
  /** Keep only kernel lines since this moment (ms); undefined keeps the whole tail. */
  kernelSinceMs?: number;
  nowMs?: number;
}

/** The facts a probe's sections hold (the same sections are built from local /proc for a local host daemon). */
export function factsFromSections(s: ProbeSections, ctx: ProbeContext): { facts: Partial<LevelFacts>; extras: ProbeExtras } {
  const facts: Partial<LevelFacts> = {};
  const notes: string[] = [];
  const extras: ProbeExtras = { notes };
  const text = (k: string) => (s[k] !== undefined && s[k].trim() !== '' ? s[k] : undefined);
  const pid = Number(text('dockerd'));
  if (Number.isInteger(pid) && pid > 0) extras.dockerdPid = pid;
  facts.procCgroup = text('cgroup');
  facts.procMounts = text('mounts');
  facts.capBnd = /^CapBnd:\s*([0-9a-f]+)/im.exec(s.caps ?? '')?.[1];
  facts.capEff = /^CapEff:\s*([0-9a-f]+)/im.exec(s.caps ?? '')?.[1];
  const last = Number(text('lastcap'));
  if (text('lastcap') && Number.isInteger(last)) facts.capLastCap = last;
  extras.kernel = text('uname')?.trim();
  // The module parameter exists only where AppArmor is built in; absent means disabled.
  facts.apparmorEnabled = /^Y/i.test(text('apparmor') ?? '');
  facts.apparmorProfile = text('profile')?.replace(/\0/g, '').trim() || undefined;
  const selinux = text('selinux')?.trim();
  facts.selinuxEnforcing = selinux === '1';
  facts.iptablesVersion = /iptables v\S+(?: \([^)]+\))?/.exec(s.iptables ?? '')?.[0];
  if (!facts.iptablesVersion) notes.push('iptables is not installed here (or printed no version)');
  const disk = parseDiskSpace(s.statfs, s.df);
  facts.diskFreeBytes = disk.free;
  facts.diskTotalBytes = disk.total;
  facts.varLibDockerFs = fsTypeOf(facts.procMounts, ctx.dataRoot) ?? disk.fsName;
  const pidInFile = Number(text('pidfile'));
  if (text('pidfile') && Number.isInteger(pidInFile) && pidInFile > 0) {
    // A pid file that names anything but the running dockerd survived an unclean stop.
    facts.pidfileStale = pidInFile !== extras.dockerdPid;
  }
  facts.keyQuota = parseKeyUsers(text('keyusers'));
  const v2 = text('cgroup2');
  if (v2) {
    const field = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(v2)?.[1];
    facts.cgroupV2 = { controllers: field('controllers'), subtreeControl: field('subtree'), type: field('type') || undefined };
  }
  const rc = Number(s['dmesg-rc'] ?? '1');
  if (s.dmesg !== undefined && rc === 0) {
    const uptime = Number((s.uptime ?? '').split(/\s+/)[0]);
    // The level's own clock, not this machine's: the CLI may run elsewhere (SSH, TCP).
    const now = Number(text('now')) * 1000 || ctx.nowMs || Date.now();
    facts.dmesg = ctx.kernelSinceMs !== undefined && Number.isFinite(uptime) && uptime > 0
      ? kernelLinesSince(s.dmesg, uptime, now, ctx.kernelSinceMs)
      : s.dmesg;
    facts.dmesgRestricted = false;
  } else if (s['dmesg-rc'] !== undefined) {
    facts.dmesgRestricted = true;
    const restrict = text('dmesg-restrict')?.trim();
    notes.push(`the kernel log is hidden here${restrict === '1' ? ' (kernel.dmesg_restrict=1 and no CAP_SYSLOG)' : ''}: kernel evidence (LSM denials, module errors) is not checked`);
  }
  if (!facts.procMounts) notes.push('/proc of the level could not be read');
  return { facts, extras };
}
