import { flatten, followContainerStats, levelResources, measureDisk } from '../../engine';
import type { DiskUsage, LevelNode, LevelResources, ResourceSample } from '../../engine';
import type { EngineService } from '../engineService';
import type { Logger } from '../logger';
import { Disposable } from '../util/lifecycle';
import { boxKey } from './mapModel';

/** How often the figures may redraw the map (stats arrive every second per level), and disk is measured again. */
const REDRAW_MS = 2000;
const DISK_EVERY_MS = 60_000;

/**
 * Follows one stats stream per running level of the snapshot it is given (the parent daemon's stats of the level's
 * container), closing the streams of levels that are gone or no longer shown; measures each level's disk when it
 * is first seen and then at most once a minute. `follow([])` closes everything.
 */
export class ResourceMonitor extends Disposable {
  private readonly streams = new Map<string, (() => void) | 'opening'>();
  private readonly samples = new Map<string, ResourceSample>();
  private readonly disks = new Map<string, { usage: DiskUsage; at: number }>();
  private readonly measuring = new Set<string>();
  private roots: LevelNode[] = [];
  private redraw: NodeJS.Timeout | undefined;

  constructor(private readonly engines: EngineService, private readonly log: Logger, private readonly onChange: () => void) {
    super();
    this._register({
      dispose: () => {
        clearTimeout(this.redraw);
        this.closeAll();
      },
    });
  }

  follow(roots: LevelNode[]): void {
    this.roots = roots;
    const wanted = new Map<string, LevelNode>();
    for (const n of roots.flatMap((r) => flatten(r))) {
      if (n.container && n.info.state !== 'stopped') wanted.set(`${boxKey(n.info.host, n.info.id)}:${n.info.containerId ?? ''}`, n);
    }
    for (const [key, stop] of this.streams) {
      if (wanted.has(key)) continue;
      if (stop !== 'opening') stop();
      this.streams.delete(key);
      this.samples.delete(key.slice(0, key.lastIndexOf(':')));
    }
    for (const [key, node] of wanted) {
      if (!this.streams.has(key)) void this.open(key, node);
      void this.measure(node);
    }
  }

  /** The figures of every level now, keyed by boxKey. */
  current(): Map<string, LevelResources> {
    const out = new Map<string, LevelResources>();
    for (const root of this.roots) {
      const host = root.info.host;
      const samples = new Map<string, ResourceSample>();
      const disks = new Map<string, DiskUsage>();
      for (const n of flatten(root)) {
        const k = boxKey(host, n.info.id);
        const s = this.samples.get(k);
        if (s) samples.set(n.info.id, s);
        const d = this.disks.get(k);
        if (d) disks.set(n.info.id, d.usage);
      }
      if (samples.size === 0) continue;
      for (const r of levelResources(root, samples, disks)) out.set(boxKey(host, r.id), r);
    }
    return out;
  }

  /** The relay folder of each host that has one (for the details pane's socket path). */
  relayDirs(roots: LevelNode[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of roots) {
      if (r.info.state !== 'ready') continue;
      const dir = this.engines.get(r.info.host).relayDir;
      if (dir) out.set(r.info.host ?? '', dir);
    }
    return out;
  }

  private async open(key: string, node: LevelNode): Promise<void> {
    this.streams.set(key, 'opening');
    const sampleKey = boxKey(node.info.host, node.info.id);
    try {
      const stop = await followContainerStats(
        node.container!,
        (s) => {
          this.samples.set(sampleKey, s);
          this.changed();
        },
        () => {
          if (this.streams.get(key) !== 'opening') this.streams.delete(key);
        },
      );
      if (this.isDisposed || this.streams.get(key) !== 'opening') stop();
      else this.streams.set(key, stop);
    } catch (err) {
      if (this.streams.get(key) === 'opening') this.streams.delete(key);
      this.log.debug(`no stats for ${node.info.id}: ${String(err)}`, 'resources');
    }
  }

  private async measure(node: LevelNode): Promise<void> {
    const k = boxKey(node.info.host, node.info.id);
    const last = this.disks.get(k);
    if ((last && Date.now() - last.at < DISK_EVERY_MS) || this.measuring.has(k)) return;
    // Claimed before the await, so overlapping snapshots do not start a second du.
    this.measuring.add(k);
    try {
      const usage = await measureDisk(node.container!);
      if (usage) {
        this.disks.set(k, { usage, at: Date.now() });
        this.changed();
      }
    } catch (err) {
      this.log.debug(`no disk figure for ${node.info.id}: ${String(err)}`, 'resources');
    } finally {
      this.measuring.delete(k);
    }
  }

  private changed(): void {
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.onChange();
    }, REDRAW_MS);
  }

  private closeAll(): void {
    for (const stop of this.streams.values()) if (stop !== 'opening') stop();
    this.streams.clear();
  }
}
