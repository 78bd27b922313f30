// What the Nesting Map draws, decided without VS Code: the snapshot of every host's tree becomes nested boxes (one
// tower per host), each with its facts, containers as chips, the actions it offers and its figures. The webview
// (media/map/map.js) only lays these out; test/unit/extension/ checks them on builder data.
import { flatten, formatBytes, resourceFindings } from '../../engine';
import type { LevelInfo, LevelNode, LevelResources } from '../../engine';
import { levelLabel } from '../tree/contextValues';

/** What a box's buttons and keys ask for; each is one of the tree's commands (see NestingMapPanel.ACTION_COMMANDS). */
export type MapAction = 'nest' | 'openTerminal' | 'showDaemonLog' | 'copyDockerHost' | 'preflight' | 'remove';

export interface MapChip {
  id: string;
  name: string;
  image: string;
  running: boolean;
  status: string;
}

export interface MapBox {
  /** Stable across snapshots (host and level id), so focus and selection survive a redraw. */
  key: string;
  host: string;
  id: string;
  depth: number;
  /** "Host local", "L2 · lc43c9". */
  title: string;
  /** "Inner-inner (L2)". */
  kind: string;
  state: LevelInfo['state'];
  tone: 'ready' | 'broken' | 'pending';
  /** Short facts under the title: mode, transport, Docker version, cgroup version. */
  facts: string[];
  /** One line of figures (subtree), when known. */
  usage?: string;
  /** Memory used / limit of the subtree, 0..1, for the gauge. */
  memoryShare?: number;
  error?: string;
  containers: MapChip[];
  actions: MapAction[];
  /** Key/value rows of the details pane. */
  details: [string, string][];
  /** Findings shown in the details pane (resources now; preflight ones when the panel has them). */
  findings: { severity: string; id: string; title: string; evidence: string }[];
  children: MapBox[];
}

export interface MapState {
  towers: MapBox[];
  /** Why there is nothing to draw, when there is nothing. */
  empty?: string;
  /** The number of nested levels (not hosts) across every tower. */
  levelCount: number;
}

export interface MapOptions {
  maxDepth: number;
  /** The host folder of the relay sockets, per host name, where the level has one. */
  relayDirs?: ReadonlyMap<string, string>;
  /** The figures of each level, keyed by boxKey(). */
  resources?: ReadonlyMap<string, LevelResources>;
}

export function boxKey(host: string | undefined, id: string): string {
  return `${host ?? ''}/${id}`;
}

/** The short name of a level: the same words in terminal titles, the status bar and the map. */
export function shortLevelName(info: Pick<LevelInfo, 'depth' | 'id' | 'host'>): string {
  return info.depth === 0 ? `Host${info.host ? ` ${info.host}` : ''}` : `L${info.depth} · ${info.id}`;
}

export function mapState(roots: readonly LevelNode[], opts: MapOptions): MapState {
  const towers = roots.map((r) => box(r, opts));
  const levelCount = roots.reduce((n, r) => n + flatten(r).length - 1, 0);
  const ready = roots.some((r) => r.info.state === 'ready');
  const empty = roots.length === 0 ? 'No Docker host is configured.' : !ready ? 'No Docker daemon answers: start Docker, or set "dind.docker.host".' : undefined;
  return { towers, levelCount, ...(empty ? { empty } : {}) };
}

function box(node: LevelNode, opts: MapOptions): MapBox {
  const i = node.info;
  const host = i.host ?? '';
  const r = opts.resources?.get(boxKey(i.host, i.id));
  const facts = [
    i.depth > 0 ? i.mode : undefined,
    i.transport ?? undefined,
    i.version ? `Docker ${i.version}` : undefined,
    i.cgroupVersion ? `cgroup v${i.cgroupVersion}` : undefined,
  ].filter((f): f is string => !!f);
  return {
    key: boxKey(i.host, i.id),
    host,
    id: i.id,
    depth: i.depth,
    title: shortLevelName(i),
    kind: levelLabel(i.depth),
    state: i.state,
    tone: i.state === 'ready' ? 'ready' : i.state === 'starting' ? 'pending' : 'broken',
    facts,
    ...(r ? usage(r) : {}),
    ...(i.error ? { error: i.error } : {}),
    containers: (i.containers ?? []).map((c) => ({ id: c.id, name: c.name, image: c.image, running: c.state === 'running', status: c.status })),
    actions: actionsOf(i, opts.maxDepth),
    details: detailsOf(node, opts, r),
    findings: r ? resourceFindings(r).map((f) => ({ severity: f.severity, id: f.id, title: f.title, evidence: f.evidence })) : [],
    children: node.children.map((c) => box(c, opts)),
  };
}

/** The same offers as the tree's menus (package.json `view/item/context`), so a box and a row agree. */
export function actionsOf(i: LevelInfo, maxDepth: number): MapAction[] {
  const out: MapAction[] = [];
  const ready = i.state === 'ready';
  if (ready && i.depth < maxDepth) out.push('nest');
  if (ready && i.depth > 0) out.push('openTerminal');
  if (i.depth > 0) out.push('showDaemonLog');
  if (ready) out.push('copyDockerHost');
  out.push('preflight');
  if (i.depth > 0) out.push('remove');
  return out;
}

function usage(r: LevelResources): Pick<MapBox, 'usage' | 'memoryShare'> {
  const s = r.subtree;
  const parts = [`CPU ${s.cpuPercent.toFixed(1)} %`, `mem ${formatBytes(s.memoryBytes)}${r.memoryLimitBytes ? ` / ${formatBytes(r.memoryLimitBytes)}` : ''}`];
  if (s.diskBytes !== null) parts.push(`disk ${formatBytes(s.diskBytes)}`);
  return { usage: parts.join(' · '), ...(r.memoryLimitBytes ? { memoryShare: Math.min(1, s.memoryBytes / r.memoryLimitBytes) } : {}) };
}

function detailsOf(node: LevelNode, opts: MapOptions, r: LevelResources | undefined): [string, string][] {
  const i = node.info;
  const f = i.facts ?? {};
  const relayDir = opts.relayDirs?.get(i.host ?? '');
  // Only a level this engine reaches by relay has its socket in this engine's folder (the CLI may use another one).
  const relay = i.transport === 'relay' && node.relaySocket && relayDir ? `${relayDir}/${node.relaySocket}` : undefined;
  const dockerHost = i.dockerHost ?? (relay ? `unix://${relay}` : undefined);
  const rows: [string, string | undefined][] = [
    ['Level', i.depth === 0 ? `host ${i.host ?? ''} (L0)`.replace('  ', ' ') : `${i.id} (L${i.depth}, on ${i.parentId})`],
    ['State', i.state + (i.error ? ` — ${i.error}` : '')],
    ['Launch mode', i.depth > 0 ? i.mode : undefined],
    ['Image', i.image ?? undefined],
    ['Container', i.containerName ?? undefined],
    ['Data volume', i.volume ?? undefined],
    ['Transport', i.transport ?? undefined],
    ['Relay socket', relay],
    ['DOCKER_HOST', dockerHost ? `export DOCKER_HOST=${dockerHost}` : i.depth > 0 ? 'exec tunnel only (use Open Terminal)' : undefined],
    ['Docker', f.version],
    ['Storage driver', f.storageDriver],
    ['Cgroup', f.cgroupVersion ? `v${f.cgroupVersion} (${f.cgroupDriver ?? '?'})` : undefined],
    ['Kernel', f.kernelVersion],
    ['OS', f.operatingSystem],
    ['Containers', f.containers !== undefined ? `${f.containersRunning ?? 0} running of ${f.containers}` : undefined],
    ['CPU (own / with nested)', r ? `${r.own.cpuPercent.toFixed(1)} % / ${r.subtree.cpuPercent.toFixed(1)} %` : undefined],
    ['Memory (own / with nested)', r ? `${formatBytes(r.own.memoryBytes)} / ${formatBytes(r.subtree.memoryBytes)}${r.memoryLimitBytes ? ` of ${formatBytes(r.memoryLimitBytes)}` : ''}` : undefined],
    ['Disk (own / with nested)', r && r.subtree.diskBytes !== null ? `${r.own.diskBytes === null ? '?' : formatBytes(r.own.diskBytes)} / ${formatBytes(r.subtree.diskBytes)}${r.diskAvailableBytes !== null ? `, ${formatBytes(r.diskAvailableBytes)} free` : ''}` : undefined],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}
