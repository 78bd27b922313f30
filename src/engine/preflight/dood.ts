// The two DooD pitfalls of the seeds, found in what was actually run from a DooD level: a bind source that exists
// only inside the DooD container (the daemon resolves it on its own filesystem and mounts something else, often
// an empty folder it just made), and a port already taken at the parent. The analysis is pure (unit-tested);
// gatherDood() reads the observations from the parent's daemon and two small execs.
import * as fs from 'fs';
import type Dockerode from 'dockerode';
import { NestedDockerError } from '../core/errors';
import { Finding } from '../core/finding';
import { Labels } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import { runCapture } from '../session/execSession';
import { portIsFree } from '../transport/ports';
import { makeFinding } from './catalog';

export interface MountSpec {
  source: string;
  destination: string;
}

/** Where a path inside the DooD container is on the parent's filesystem: under one of its mounts, else in its layer. */
export function parentSidePath(mounts: readonly MountSpec[], mergedDir: string | undefined, p: string): { path: string; via: 'mount' | 'layer' } | undefined {
  const clean = p.replace(/\/+$/, '') || '/';
  const covering = mounts
    .filter((m) => clean === m.destination || clean.startsWith(m.destination.endsWith('/') ? m.destination : `${m.destination}/`))
    .sort((a, b) => b.destination.length - a.destination.length)[0];
  if (covering) return { path: covering.source + clean.slice(covering.destination.length), via: 'mount' };
  return mergedDir ? { path: mergedDir + (clean === '/' ? '' : clean), via: 'layer' } : undefined;
}

/** A container run on the shared daemon after the DooD level started. */
export interface RunContainer {
  name: string;
  binds: MountSpec[];
  /** The daemon's start error (State.Error), when its start failed. */
  error?: string;
}

export interface DoodObservation {
  doodId: string;
  parentId: string;
  doodMounts: MountSpec[];
  mergedDir?: string;
  containers: RunContainer[];
  /** Bind sources that exist (a file, or a folder with something in it) inside the DooD container. */
  presentInDood: ReadonlySet<string>;
  /** Bind sources that are missing or an empty folder on the parent's filesystem. */
  emptyAtParent: ReadonlySet<string>;
  /** Published ports on the parent, and which container holds each. */
  published: ReadonlyMap<number, string>;
  /** The first free port at the parent from a taken one (checked on this machine when it is the parent). */
  freePort: (taken: number) => number | undefined;
}

const PORT_TAKEN = /Bind for (?:\[?[0-9a-f.:]*\]?):(\d+) failed: port is already allocated|listen tcp\d? [0-9a-f.:[\]]*:(\d+): bind: address already in use/i;

export function doodFindings(o: DoodObservation): Finding[] {
  const out: Finding[] = [];
  for (const c of o.containers) {
    for (const b of c.binds) {
      // The socket mount is the DooD level's own; every other mount or its layer may hold the path the user meant.
      const translated = parentSidePath(o.doodMounts.filter((m) => m.destination !== '/var/run/docker.sock'), o.mergedDir, b.source);
      if (!translated || translated.path === b.source) continue;
      if (translated.via === 'layer' && !(o.presentInDood.has(b.source) && o.emptyAtParent.has(b.source))) continue;
      const layerNote = translated.via === 'layer' ? ' (the DooD container\'s own layer: it goes with the container, so mount a folder into the DooD level instead)' : '';
      out.push(makeFinding('dood-volume-path',
        `container ${c.name} (run from DooD level ${o.doodId}) mounts ${b.source} of ${o.parentId}, not the ${b.source} of ${o.doodId}; ` +
        `that one is ${translated.path} on ${o.parentId}${layerNote}: use -v ${translated.path}:${b.destination}`));
    }
    const m = c.error ? PORT_TAKEN.exec(c.error) : null;
    if (m) {
      const port = Number(m[1] ?? m[2]);
      const holder = o.published.get(port);
      const free = o.freePort(port);
      out.push(makeFinding('dood-port-conflict',
        `container ${c.name} (run from DooD level ${o.doodId}) could not publish port ${port}: ports are published where the daemon runs, on ${o.parentId}` +
        `${holder ? `, already by ${holder}` : ''}${free ? `; port ${free} is free there: use -p ${free}:<container port>` : ''}`));
    }
  }
  return out;
}

/** The parent-side path of a path inside a DooD level's container (`nested-docker dood-path`), or why there is none. */
export async function doodPathOf(node: LevelNode, p: string): Promise<{ path: string; via: 'mount' | 'layer' }> {
  if (node.info.mode !== 'dood' || !node.container) {
    throw new NestedDockerError(`level ${node.info.id} is not a DooD level`, 'give the id of a level nested with --mode dood', 'bad-id');
  }
  if (!p.startsWith('/')) throw new NestedDockerError(`'${p}' is not an absolute path`, 'give the path as the DooD container sees it, e.g. /data', 'usage');
  const found = await parentPathOf(node, p);
  if (!found) throw new NestedDockerError(`the daemon of ${node.info.parentId} does not say where the container's files are`, 'mount the folder into the DooD level (nest --bind SOURCE:TARGET)', 'unknown-path');
  return found;
}

/** Where a path inside the DooD container is on its parent, when the parent's daemon says. */
async function parentPathOf(node: LevelNode, p: string): Promise<{ path: string; via: 'mount' | 'layer' } | undefined> {
  const self = await node.container!.inspect();
  const mounts = (self.Mounts ?? []).map((m) => ({ source: m.Source, destination: m.Destination }));
  return parentSidePath(mounts, (self.GraphDriver?.Data as Record<string, string> | undefined)?.MergedDir, p);
}

/** Reads what was run from a DooD level on its parent's daemon and reports the pitfalls. */
export async function gatherDood(node: LevelNode, localHost: boolean): Promise<Finding[]> {
  const parent = node.parent!;
  const client = parent.client!;
  const self = await node.container!.inspect();
  const since = Date.parse(self.State.StartedAt) / 1000 - 1;
  const all = await client.listContainers({ all: true });
  const published = new Map<number, string>();
  for (const c of all) for (const p of c.Ports ?? []) if (p.PublicPort) published.set(p.PublicPort, (c.Names?.[0] ?? c.Id).replace(/^\//, ''));
  const run = all.filter((c) => c.Id !== self.Id && !c.Labels?.[Labels.level] && c.Created >= since).slice(0, 50);
  const containers: RunContainer[] = [];
  for (const c of run) {
    const i = await client.getContainer(c.Id).inspect();
    containers.push({
      name: i.Name.replace(/^\//, ''),
      binds: (i.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => ({ source: m.Source, destination: m.Destination })),
      error: i.State.Error || undefined,
    });
  }
  const sources = [...new Set(containers.flatMap((c) => c.binds.map((b) => b.source)))];
  const presentInDood = new Set(await presentIn(node.container!, sources));
  const atParent = parent.container ? await presentIn(parent.container, sources) : localHost ? sources.filter(presentLocally) : sources;
  const emptyAtParent = new Set(sources.filter((s) => !atParent.includes(s)));
  const doodMounts = (self.Mounts ?? []).map((m) => ({ source: m.Source, destination: m.Destination }));
  const mergedDir = (self.GraphDriver?.Data as Record<string, string> | undefined)?.MergedDir;
  const free = new Map<number, number | undefined>();
  if (localHost && !parent.container) {
    for (const p of published.keys()) free.set(p, await firstFreeLocal(p, published));
  }
  return doodFindings({
    doodId: node.info.id, parentId: parent.info.id, doodMounts, mergedDir, containers, presentInDood, emptyAtParent, published,
    freePort: (taken) => (free.has(taken) ? free.get(taken) : firstUnpublished(taken, published)),
  });
}

const PRESENT = 'for p do if [ -f "$p" ] || [ -n "$(ls -A "$p" 2>/dev/null)" ]; then echo "$p"; fi; done';

async function presentIn(container: Dockerode.Container, paths: string[]): Promise<string[]> {
  if (!paths.length) return [];
  const r = await runCapture(container, ['sh', '-c', PRESENT, 'nd-dood', ...paths]);
  return r.stdout.split('\n').filter(Boolean);
}

function presentLocally(p: string): boolean {
  try {
    return fs.statSync(p).isFile() || fs.readdirSync(p).length > 0;
  } catch {
    return false;
  }
}

function firstUnpublished(port: number, published: ReadonlyMap<number, string>): number | undefined {
  for (let p = port + 1; p < Math.min(port + 200, 65536); p++) if (!published.has(p)) return p;
  return undefined;
}

async function firstFreeLocal(port: number, published: ReadonlyMap<number, string>): Promise<number | undefined> {
  for (let p = port + 1; p < Math.min(port + 200, 65536); p++) {
    if (!published.has(p) && (await portIsFree('0.0.0.0', p))) return p;
  }
  return undefined;
}
