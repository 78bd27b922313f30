import type Dockerode from 'dockerode';
import { DaemonFacts, LevelInfo } from '../core/types';

/** A level as the engine holds it: what the tree shows, plus how to reach it. */
export interface LevelNode {
  info: LevelInfo;
  /** Client of this level's own daemon (when reachable). */
  client?: Dockerode;
  /** The level's container, on its parent's daemon (absent for the host). */
  container?: Dockerode.Container;
  parent?: LevelNode;
  children: LevelNode[];
  /** Capability bounding set this level's daemon can grant to its children, when known. */
  capsMask?: bigint;
  /** Relay socket file name from the level's labels ('' when the level has none). */
  relaySocket?: string;
}

/** Records what a level's daemon said about itself (`docker info`), with the facts the tree shows at a glance. */
/** A daemon's facts from its `docker info`; its container counts from a fresh listing where there is one. */
export function recordDaemonInfo(level: LevelInfo, info: Record<string, unknown>, containers?: Dockerode.ContainerInfo[]): void {
  level.facts = factsFromInfo(info);
  if (containers) {
    level.facts.containers = containers.length;
    level.facts.containersRunning = containers.filter((c) => c.State === 'running').length;
  }
  level.version = level.facts.version;
  level.storageDriver = level.facts.storageDriver;
  level.cgroupVersion = level.facts.cgroupVersion;
}

function factsFromInfo(info: Record<string, unknown>): DaemonFacts {
  const runtimes = info.Runtimes && typeof info.Runtimes === 'object' ? Object.keys(info.Runtimes) : undefined;
  return {
    version: info.ServerVersion as string | undefined,
    storageDriver: info.Driver as string | undefined,
    cgroupVersion: info.CgroupVersion as string | undefined,
    cgroupDriver: info.CgroupDriver as string | undefined,
    kernelVersion: info.KernelVersion as string | undefined,
    operatingSystem: info.OperatingSystem as string | undefined,
    securityOptions: info.SecurityOptions as string[] | undefined,
    runtimes,
    containers: info.Containers as number | undefined,
    containersRunning: info.ContainersRunning as number | undefined,
  };
}

export function flatten(root: LevelNode): LevelNode[] {
  const out: LevelNode[] = [];
  const walk = (n: LevelNode) => {
    out.push(n);
    for (const c of n.children) walk(c);
  };
  walk(root);
  return out;
}

/** The subtree under (and including) a node, deepest levels first: the order in which levels can be collapsed. */
export function deepestFirst(node: LevelNode): LevelNode[] {
  return flatten(node).sort((a, b) => b.info.depth - a.info.depth);
}

export function ancestors(node: LevelNode): LevelNode[] {
  const out: LevelNode[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
}
