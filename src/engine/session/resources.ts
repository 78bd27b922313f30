// What each level uses: CPU and memory from its container's stats on the parent daemon, disk from inside the level.
// A level's container is a cgroup that holds everything nested in it (its children run under its daemon, in its
// cgroup), and its data volume holds its children's volumes, so a level's own figures are its subtree's minus its
// children's. The arithmetic is pure (unit-tested); the Docker calls are the few functions at the end.
import type Dockerode from 'dockerode';
import type { DiskUsage, LevelResources, ResourceSample } from '../core/types';
import { flatten, LevelNode } from '../levels/levelNode';
import { onJsonLines } from '../transport/streamFrames';
import { runCapture } from './execSession';

/** The part of Docker's stats JSON this reads (both cgroup v1 and v2 shapes). */
export interface DockerStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

/** CPU % and memory the way `docker stats` computes them; undefined when the container is not running. */
export function statsSample(raw: DockerStats): ResourceSample | undefined {
  const mem = raw.memory_stats;
  if (!mem?.usage) return undefined;
  const cpu = raw.cpu_stats;
  const pre = raw.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const cpus = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = pre?.system_cpu_usage && systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  // Page cache that can be dropped is not "used" (v1: total_inactive_file, v2: inactive_file), as in the Docker CLI.
  const s = mem.stats ?? {};
  const inactive = s.total_inactive_file ?? s.inactive_file ?? 0;
  const memoryBytes = inactive < mem.usage ? mem.usage - inactive : mem.usage;
  return { cpuPercent, memoryBytes, memoryLimitBytes: mem.limit ?? 0 };
}

/** The command that measures a level's /var/lib/docker from inside it; parseDiskReport reads its output. */
const DISK_COMMAND = ['/bin/sh', '-c', 'du -skx /var/lib/docker 2>/dev/null; df -kP /var/lib/docker'];

/** `du -sk` then `df -kP` output → used and free bytes; undefined when either is missing. */
export function parseDiskReport(text: string): DiskUsage | undefined {
  const du = /^(\d+)\s+\/var\/lib\/docker\s*$/m.exec(text);
  // df -P: Filesystem 1024-blocks Used Available Capacity Mounted-on
  const df = /^\S+\s+(\d+)\s+\d+\s+(\d+)\s+\d+%\s+\S+\s*$/m.exec(text);
  if (!du || !df) return undefined;
  return { usedBytes: Number(du[1]) * 1024, availableBytes: Number(df[2]) * 1024, filesystemBytes: Number(df[1]) * 1024 };
}

/**
 * Every level's own and subtree figures, in tree order. The host's subtree is the sum of its levels (its own use is
 * not a container's, so it is not measured). A level without a sample counts as zero in its parent's `own`.
 */
export function levelResources(
  root: LevelNode,
  samples: ReadonlyMap<string, ResourceSample>,
  disks: ReadonlyMap<string, DiskUsage> = new Map(),
): LevelResources[] {
  const out: LevelResources[] = [];
  const sub = (n: LevelNode): { cpu: number; mem: number; disk: number | null } => {
    if (n.info.depth === 0) {
      const kids = n.children.map(sub);
      const disk = kids.some((k) => k.disk === null) ? null : kids.reduce((a, k) => a + (k.disk ?? 0), 0);
      return { cpu: kids.reduce((a, k) => a + k.cpu, 0), mem: kids.reduce((a, k) => a + k.mem, 0), disk };
    }
    const s = samples.get(n.info.id);
    return { cpu: s?.cpuPercent ?? 0, mem: s?.memoryBytes ?? 0, disk: disks.get(n.info.id)?.usedBytes ?? null };
  };
  for (const n of flatten(root)) {
    const mine = sub(n);
    const kids = n.children.map(sub);
    const sum = (f: (k: { cpu: number; mem: number }) => number) => kids.reduce((a, k) => a + f(k), 0);
    const kidsDisk = kids.some((k) => k.disk === null) ? null : kids.reduce((a, k) => a + (k.disk ?? 0), 0);
    const limit = samples.get(n.info.id)?.memoryLimitBytes;
    out.push({
      id: n.info.id,
      host: n.info.host,
      depth: n.info.depth,
      subtree: { cpuPercent: mine.cpu, memoryBytes: mine.mem, diskBytes: mine.disk },
      own: {
        cpuPercent: Math.max(0, mine.cpu - sum((k) => k.cpu)),
        memoryBytes: Math.max(0, mine.mem - sum((k) => k.mem)),
        diskBytes: mine.disk === null || kidsDisk === null ? null : Math.max(0, mine.disk - kidsDisk),
      },
      memoryLimitBytes: limit ?? null,
      diskAvailableBytes: disks.get(n.info.id)?.availableBytes ?? null,
      diskFilesystemBytes: disks.get(n.info.id)?.filesystemBytes ?? null,
    });
  }
  return out;
}

/** One stats reading of a level's container (Docker takes two samples a second apart for the CPU figure). */
async function sampleContainer(container: Dockerode.Container): Promise<ResourceSample | undefined> {
  return statsSample((await container.stats({ stream: false })) as unknown as DockerStats);
}

/** What /var/lib/docker inside a level uses, measured from inside it; undefined when it cannot be measured. */
export async function measureDisk(container: Dockerode.Container): Promise<DiskUsage | undefined> {
  const r = await runCapture(container, DISK_COMMAND);
  return parseDiskReport(r.stdout);
}

/** Follows a level's stats stream (a reading a second) until the returned function is called or the level stops. */
export async function followContainerStats(
  container: Dockerode.Container,
  onSample: (s: ResourceSample) => void,
  onEnd: () => void,
): Promise<() => void> {
  const stream = (await container.stats({ stream: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  onJsonLines(stream, (value) => {
    const sample = statsSample(value as DockerStats);
    if (sample) onSample(sample);
  });
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      onEnd();
    }
  };
  stream.on('end', end);
  stream.on('error', end);
  return () => {
    ended = true;
    stream.destroy();
  };
}

/** One stats reading (and, with `disk`, one `du`/`df`) of every running level of a tree, summed over subtrees. */
export async function measureTree(root: LevelNode, opts: { disk?: boolean } = {}): Promise<LevelResources[]> {
  const samples = new Map<string, ResourceSample>();
  const disks = new Map<string, DiskUsage>();
  const running = flatten(root).filter((n) => n.container && n.info.state !== 'stopped');
  await Promise.all(
    running.map(async (n) => {
      const [sample, disk] = await Promise.all([
        sampleContainer(n.container!).catch(() => undefined),
        opts.disk ? measureDisk(n.container!).catch(() => undefined) : undefined,
      ]);
      if (sample) samples.set(n.info.id, sample);
      if (disk) disks.set(n.info.id, disk);
    }),
  );
  return levelResources(root, samples, disks);
}
