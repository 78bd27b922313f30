// Levels remembered from earlier discoveries: a stopped level's daemon cannot be asked for its children, so they are
// shown from here as "unreachable (parent L1 stopped)" instead of vanishing. Keyed by the parent's container id
// (unique on a daemon), per host; the file is shared by every process of the user (CLI, extension).
import * as fs from 'fs';
import * as path from 'path';
import { UsedMode } from '../core/types';
import { flatten, LevelNode } from './levelNode';

export interface RememberedLevel {
  id: string;
  containerId: string;
  containerName: string | null;
  image: string | null;
  volume: string | null;
  mode: UsedMode;
}

type HostMemory = Record<string, RememberedLevel[]>;

interface KnownLevelsFile {
  version: 1;
  hosts: Record<string, HostMemory>;
}

export class KnownLevels {
  private memory: HostMemory = {};

  /** `file` undefined keeps the memory in this process only. */
  constructor(private readonly hostKey: string, private readonly file?: string) {}

  childrenOf(parentContainerId: string | null): RememberedLevel[] {
    if (!parentContainerId) return [];
    return this.load()[parentContainerId] ?? [];
  }

  /** Records the children of every level that answered, and forgets levels no longer found at all. */
  remember(root: LevelNode): void {
    const before = this.load();
    const next: HostMemory = {};
    const seen = new Set(flatten(root).map((n) => n.info.containerId).filter((id): id is string => !!id));
    for (const [key, children] of Object.entries(before)) if (seen.has(key)) next[key] = children;
    for (const node of flatten(root)) {
      if (node.info.depth === 0 || node.info.state !== 'ready' || !node.info.containerId) continue;
      next[node.info.containerId] = node.children
        .filter((c) => c.info.containerId && c.info.state !== 'data-only' && !c.info.remembered)
        .map((c) => ({
          id: c.info.id, containerId: c.info.containerId!, containerName: c.info.containerName, image: c.info.image,
          volume: c.info.volume, mode: c.info.mode === 'host' ? 'privileged' : c.info.mode,
        }));
      if (next[node.info.containerId].length === 0) delete next[node.info.containerId];
    }
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    this.memory = next;
    this.save(next);
  }

  private load(): HostMemory {
    if (!this.file) return this.memory;
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as KnownLevelsFile;
      return parsed.hosts?.[this.hostKey] ?? {};
    } catch {
      return this.memory;
    }
  }

  private save(memory: HostMemory): void {
    if (!this.file) return;
    try {
      let all: KnownLevelsFile = { version: 1, hosts: {} };
      try {
        all = JSON.parse(fs.readFileSync(this.file, 'utf8')) as KnownLevelsFile;
      } catch {
        /* first write */
      }
      all.hosts = { ...all.hosts, [this.hostKey]: memory };
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // Written whole then renamed, so a process reading it never sees half a file.
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(all, null, 1), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch {
      /* a cache: a failed write only means a stopped level's children are not shown */
    }
  }
}
