// Findings from what levels use: a level near its memory limit, a data volume's filesystem nearly full.
import type { Finding } from '../core/finding';
import type { LevelResources } from '../core/types';
import { makeFinding } from './catalog';

/** Reported from this share of the memory limit and of the data volume's filesystem. */
const NEAR_FULL = 0.9;

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** The findings of one level's figures (its subtree's memory against its limit; its filesystem's free space). */
export function resourceFindings(r: LevelResources): Finding[] {
  const out: Finding[] = [];
  const name = r.depth === 0 ? 'host' : `L${r.depth} ${r.id}`;
  const limit = r.memoryLimitBytes;
  if (limit && r.subtree.memoryBytes >= NEAR_FULL * limit) {
    const pct = Math.round((100 * r.subtree.memoryBytes) / limit);
    out.push(makeFinding('memory-limit', `${name} uses ${formatBytes(r.subtree.memoryBytes)} of ${formatBytes(limit)} (${pct} %)`, {
      severity: pct >= 98 ? 'error' : 'warning',
    }));
  }
  const fs = r.diskFilesystemBytes;
  if (fs && r.diskAvailableBytes !== null && r.diskAvailableBytes <= (1 - NEAR_FULL) * fs) {
    out.push(makeFinding('disk-space', `${formatBytes(r.diskAvailableBytes)} free of ${formatBytes(fs)} under /var/lib/docker of ${name}`, {
      severity: r.diskAvailableBytes <= 0.02 * fs ? 'error' : 'warning',
    }));
  }
  return out;
}
