// What a crash can leave behind, found by the product's own labels and relay folder only: relay sockets without a
// level, level containers that never started or sit on the wrong daemon, data volumes whose level is gone. Nothing
// without the product's labels (or outside its relay folder) is ever looked at, let alone removed.
import type Dockerode from 'dockerode';
import { errorMessage, statusCode } from '../core/errors';
import { relaySocketNames, relaySocketPath, removeRelaySocket, socketListens } from '../transport/relayFolder';
import { Labels, levelFilter } from './labels';
import { flatten, LevelNode } from './levelNode';
import { removeContainer } from '../transport/containerRemoval';

export type LeftoverKind = 'socket' | 'container' | 'volume' | 'level';

export interface Leftover {
  kind: LeftoverKind;
  /** Socket file, container name or volume name. */
  name: string;
  /** Where it is: the id of the level whose daemon holds it, or 'relay folder'. */
  on: string;
  /** The level it belongs to, when its labels or name say so. */
  levelId?: string;
  /**
   * Left by a nest cut off between creating its container and starting it, which had made the level's data volume
   * too (one token on both): neither holds anything, so they are rolled back without asking (rollBackInterrupted).
   */
  interrupted?: boolean;
  reason: string;
}

export interface DoctorOptions {
  /** Also count data volumes whose level is gone as orphans (they are kept on purpose otherwise). */
  volumes?: boolean;
  /** Only objects whose level id starts with this (tests sharing a daemon look at their own only). */
  match?: string;
  /** A level container created this long ago and never started is a nest that was interrupted (default 60 s). */
  minAgeMs?: number;
  now?: number;
}

export interface DoctorReport {
  orphans: Leftover[];
  kept: Leftover[];
  /** Interrupted nests (see Leftover.interrupted) younger than minAgeMs: left alone for now. */
  waiting?: number;
}

const RELAY = 'relay folder';
const SOCKET_SUFFIX = '.sock';

/** Finds what is orphaned (safe to remove) and what is kept (and why), over every daemon of the tree that answers. */
export async function findLeftovers(root: LevelNode, relayDir: string | undefined, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const report: DoctorReport = { orphans: [], kept: [] };
  const mine = (levelId: string | undefined) => !opts.match || (levelId ?? '').startsWith(opts.match);
  for (const node of flatten(root)) {
    if (node.info.state !== 'ready' || !node.client) {
      if (node.parent && node.info.state !== 'stopped' && mine(node.info.id)) {
        report.kept.push({
          kind: 'level', name: node.info.id, on: node.parent.info.id, levelId: node.info.id,
          reason: `its daemon does not answer (${node.info.state}), so what it holds was not checked: resume or collapse it`,
        });
      }
      continue;
    }
    await inspectDaemon(node, node.client, report, opts, mine);
  }
  const dead = await deadSockets(root, relayDir, mine);
  report.orphans.push(...dead);
  const known = claimed(root);
  for (const name of relaySocketNames(relayDir)) {
    const levelId = levelOfSocket(name);
    if (!mine(levelId) || known.has(name) || dead.some((o) => o.name === name)) continue;
    report.kept.push({ kind: 'socket', name, on: RELAY, levelId, reason: 'a daemon still listens on it (a level of another engine, or one being nested)' });
  }
  return report;
}

async function inspectDaemon(
  node: LevelNode,
  client: Dockerode,
  report: DoctorReport,
  opts: DoctorOptions,
  mine: (levelId: string | undefined) => boolean,
): Promise<void> {
  const now = opts.now ?? Date.now();
  const [containers, volumes] = await Promise.all([
    client.listContainers({ all: true, filters: levelFilter() }),
    client.listVolumes({ filters: { label: [`${Labels.managed}=true`] } }),
  ]);
  const levelsHere = new Set<string>();
  const tokenOf = new Map((volumes.Volumes ?? []).map((v) => [v.Name, v.Labels?.[Labels.nest]]));
  // Data volumes made by the nest of a container that never started: they hold nothing.
  const madeByInterrupted = new Set<string>();
  for (const c of containers) {
    const levelId = c.Labels?.[Labels.level];
    levelsHere.add(levelId);
    if (!mine(levelId)) continue;
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    const item = { kind: 'container' as const, name, on: node.info.id, levelId };
    const parent = c.Labels?.[Labels.parent];
    if (parent && parent !== node.info.id) {
      report.orphans.push({ ...item, reason: `labelled as a child of ${parent} but found on ${node.info.id}'s daemon: its parent is gone` });
    } else if (c.State === 'created') {
      // Made with its data volume by one nest (the same token), it holds nothing; a volume it reused (kept by a
      // collapse) or a container recreated by expose (no token) is the user's to start or remove.
      const volume = c.Labels?.[Labels.volume];
      const madeItsVolume = !!volume && !!c.Labels?.[Labels.nest] && tokenOf.get(volume) === c.Labels[Labels.nest];
      if (now - c.Created * 1000 <= (opts.minAgeMs ?? 60_000)) {
        if (madeItsVolume) report.waiting = (report.waiting ?? 0) + 1;
        continue;
      }
      report.orphans.push({ ...item, interrupted: madeItsVolume || undefined, reason: 'created but never started: a nest interrupted before its start (the driving process was killed)' });
      if (madeItsVolume) madeByInterrupted.add(volume);
    } else if (c.State === 'dead') {
      report.orphans.push({ ...item, reason: 'dead: Docker could not finish removing it' });
    } else if (c.State !== 'running' && c.State !== 'created') {
      report.kept.push({ ...item, reason: `a stopped level (${c.Status}): its data is intact; start it again or collapse it` });
    }
  }
  for (const v of volumes.Volumes ?? []) {
    const levelId = v.Labels?.[Labels.level];
    if (!mine(levelId)) continue;
    const item = { kind: 'volume' as const, name: v.Name, on: node.info.id, levelId };
    if (madeByInterrupted.has(v.Name)) {
      report.orphans.push({ ...item, interrupted: true, reason: 'made by a nest interrupted before its container started: it holds nothing' });
      continue;
    }
    if (levelsHere.has(levelId)) continue;
    if (opts.volumes) report.orphans.push({ ...item, reason: `data of level ${levelId}, which is gone (removal asked with volumes)` });
    else report.kept.push({ ...item, reason: `kept on purpose: data of collapsed level ${levelId}; nesting again with id ${levelId} finds its images and containers (remove with the volumes option)` });
  }
}

/** Socket names of the levels the tree knows, whatever their state (a stopped level's daemon recreates its own). */
function claimed(root: LevelNode): Set<string> {
  return new Set(flatten(root).map((n) => n.relaySocket).filter((s): s is string => !!s));
}

function levelOfSocket(name: string): string | undefined {
  return name.endsWith(SOCKET_SUFFIX) ? name.slice(0, -SOCKET_SUFFIX.length) : undefined;
}

/**
 * Relay sockets no level of the tree claims and nobody listens on: what a killed level (or a killed parent's
 * children, which the tree can no longer see) left in the relay folder.
 */
export async function deadSockets(
  root: LevelNode,
  relayDir: string | undefined,
  mine: (levelId: string | undefined) => boolean = () => true,
): Promise<Leftover[]> {
  if (!relayDir) return [];
  const known = claimed(root);
  const out: Leftover[] = [];
  for (const name of relaySocketNames(relayDir)) {
    const levelId = levelOfSocket(name);
    if (known.has(name) || !mine(levelId)) continue;
    if ((await socketListens(relaySocketPath(relayDir, name))) === 'dead') {
      out.push({ kind: 'socket', name, on: RELAY, levelId, reason: 'nothing listens on it and no level claims it: its level is gone' });
    }
  }
  return out;
}

/** Removes orphans (the product's labelled objects and relay sockets only); resolves with what could not be removed. */
export async function removeLeftovers(
  root: LevelNode,
  relayDir: string | undefined,
  orphans: Leftover[],
): Promise<{ item: Leftover; error: string }[]> {
  const failed: { item: Leftover; error: string }[] = [];
  const daemons = new Map(flatten(root).filter((n) => n.client).map((n) => [n.info.id, n.client!]));
  // Containers first: a volume is free only once the container that used it is gone.
  const order: LeftoverKind[] = ['container', 'socket', 'volume'];
  for (const item of [...orphans].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
    try {
      if (item.kind === 'socket') {
        removeRelaySocket(relayDir, item.name);
        continue;
      }
      const client = daemons.get(item.on);
      if (!client) throw new Error(`the daemon of ${item.on} is not reachable`);
      if (item.kind === 'container') {
        await removeContainer(client.getContainer(item.name));
        if (item.levelId) removeRelaySocket(relayDir, `${item.levelId}${SOCKET_SUFFIX}`);
      } else if (item.kind === 'volume') {
        await client.getVolume(item.name).remove();
      }
    } catch (err) {
      if (statusCode(err) !== 404) failed.push({ item, error: errorMessage(err) });
    }
  }
  return failed;
}

/** Removes those of `orphans` that are still orphaned (found again first); resolves with what could not be removed. */
export async function removeStillOrphaned(
  root: LevelNode,
  relayDir: string | undefined,
  orphans: Leftover[],
  opts?: DoctorOptions,
): Promise<{ item: Leftover; error: string }[]> {
  const still = (await findLeftovers(root, relayDir, opts)).orphans;
  const key = (o: Leftover) => `${o.kind}/${o.on}/${o.name}`;
  const asked = new Set(orphans.map(key));
  return removeLeftovers(root, relayDir, still.filter((o) => asked.has(key(o))));
}

/**
 * Removes what nests cut off between creating their container and starting it left (the extension host reloaded,
 * the CLI was killed), where the nest had made the data volume too: the container and that volume. Only containers
 * created longer ago than `minAgeMs` (more than a start may take), so a nest still running elsewhere is never
 * touched. Resolves with what was removed, and how many younger ones wait.
 */
export async function rollBackInterrupted(
  root: LevelNode,
  relayDir: string | undefined,
  minAgeMs: number,
): Promise<{ removed: Leftover[]; waiting: number }> {
  const report = await findLeftovers(root, relayDir, { minAgeMs });
  const cut = report.orphans.filter((o) => o.interrupted);
  const failed = cut.length ? await removeLeftovers(root, relayDir, cut) : [];
  return { removed: cut.filter((o) => !failed.some((f) => f.item === o)), waiting: report.waiting ?? 0 };
}
