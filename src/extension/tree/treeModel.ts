// What the levels tree shows, decided without VS Code: rows as plain data that nodes.ts turns into TreeItems.
// Keeping the decisions here (rather than mocking the `vscode` module) lets test/unit/extension/ check the tree on
// builder data in milliseconds; the real-VS-Code suite still checks the rendering end to end.
import type { LevelInfo, LevelNode } from '../../engine';
import { levelContextValue, levelDescription, levelLabel } from './contextValues';
import { GroupKind, groupsOf } from './resourceRows';
import type { Row } from './row';

/** What the tree needs besides the snapshot: the depth limit and the hosts the user added (and may remove). */
export interface TreeOptions {
  maxDepth: number;
  addedHosts: ReadonlySet<string>;
}

/**
 * A child of a level row, in display order: its error first, then nested levels, then its groups (Containers,
 * Images, Volumes, Networks): child levels stay apart from plain containers, so nobody mistakes one for the other.
 */
export type Child =
  | { kind: 'level'; node: LevelNode }
  | { kind: 'group'; group: GroupKind }
  | { kind: 'message'; message: string };

/** With one host, an unreachable one is explained by the welcome view; with several, each is a row with its reason. */
export function visibleRoots(roots: readonly LevelNode[]): LevelNode[] {
  return roots.length > 1 ? [...roots] : roots.filter((r) => r.info.state === 'ready');
}

export function childrenOf(node: LevelNode): Child[] {
  const levels: Child[] = node.children.map((c) => ({ kind: 'level', node: c }));
  const groups: Child[] = groupsOf(node.info).map((group) => ({ kind: 'group', group }));
  const problem: Child[] = node.info.state !== 'ready' && node.info.error && !node.info.remembered ? [{ kind: 'message', message: node.info.error }] : [];
  const hint: Child[] = levels.length === 0 && isReadyHost(node) ? [{ kind: 'message', message: NO_LEVELS_YET }] : [];
  return [...problem, ...levels, ...hint, ...groups];
}

/** The row under a ready host with nothing nested yet: it says what to do, and keeps the host expanded. */
export const NO_LEVELS_YET = 'No levels yet: Nest One Level (+) starts the first one';

/**
 * A ready host is always expandable: a root that first renders without children comes back collapsed once it has
 * some, and the level just nested would then sit hidden under it.
 */
function isReadyHost(node: LevelNode): boolean {
  return node.info.depth === 0 && node.info.state === 'ready';
}

export function levelRow(node: LevelNode, opts: TreeOptions): Row {
  const info = node.info;
  const removable = info.depth === 0 && opts.addedHosts.has(info.host ?? '');
  if (info.sharesDaemonOf) {
    return {
      treeId: `level:${info.host ?? ''}:${info.id}:${info.containerId ?? 'dood'}`,
      label: `DooD ${info.id}`,
      description: `sibling · shares the daemon of ${info.sharesDaemonOf} (socket mounted, not nested)`,
      contextValue: levelContextValue(info, opts.maxDepth),
      icon: { id: 'plug', color: info.state === 'ready' ? 'ready' : 'broken' },
      tooltip: levelTooltip(info),
      expandable: !!info.error,
    };
  }
  return {
    treeId: `level:${info.host ?? ''}:${info.id}:${info.containerId ?? 'host'}`,
    label: levelLabel(info.depth),
    description: info.depth === 0 && info.host ? `${info.host} · ${levelDescription(info)}` : levelDescription(info),
    contextValue: levelContextValue(info, opts.maxDepth) + (removable ? ':removable' : ''),
    icon: {
      id: info.depth === 0 ? 'server' : info.state === 'data-only' ? 'database' : info.state === 'ready' ? 'vm-running' : 'vm-outline',
      color: info.state === 'ready' ? 'ready' : info.state === 'starting' ? 'pending' : info.state === 'data-only' ? undefined : 'broken',
    },
    tooltip: levelTooltip(info),
    expandable: childrenOf(node).length > 0,
  };
}

function levelTooltip(i: LevelInfo): [string, string][] {
  const f = i.facts ?? {};
  const rows: [string, string | undefined][] = [
    ['Level', i.depth === 0 ? `host${i.host ? ` ${i.host}` : ''} (L0)` : `${i.id} (L${i.depth}, on ${i.parentId})`],
    ['State', i.state + (i.error ? ` — ${i.error}` : '')],
    ['Stopped', i.stoppedAt ? `${new Date(i.stoppedAt).toLocaleString()} — ${i.stopReason ?? ''}` : undefined],
    ['Launch mode', i.mode],
    ['Shares the daemon of', i.sharesDaemonOf],
    ['Exposed over TLS', i.exposed ? `${i.exposed.address}:${i.exposed.port} (docker --context nested-docker-${i.id})` : undefined],
    ['Transport', i.transport ?? undefined],
    ['DOCKER_HOST', i.dockerHost ?? (i.depth > 0 ? 'exec tunnel only (use Open Terminal)' : undefined)],
    ['Docker', f.version],
    ['Storage driver', f.storageDriver],
    ['Cgroup', f.cgroupVersion ? `v${f.cgroupVersion} (${f.cgroupDriver ?? '?'})` : undefined],
    ['Kernel', f.kernelVersion],
    ['OS', f.operatingSystem],
    ['Image', i.image ?? undefined],
    ['Data volume', i.volume ?? undefined],
    ['Container', i.containerName ?? undefined],
  ];
  return rows.filter((r): r is [string, string] => !!r[1]);
}

/** A row that explains a problem instead of throwing (a level that cannot be reached, an error). */
export function messageRow(message: string, level: LevelInfo | undefined): Row {
  return {
    treeId: `message:${level?.id ?? 'root'}:${message.slice(0, 40)}`,
    label: message,
    contextValue: 'message',
    icon: { id: 'warning', color: 'broken' },
    tooltip: message,
    expandable: false,
  };
}

/** The path from a visible root down to a level (for reveal); `host` narrows the search to one root. */
export function pathTo(roots: readonly LevelNode[], levelId: string, host?: string): LevelNode[] | undefined {
  const walk = (node: LevelNode): LevelNode[] | undefined => {
    if (node.info.id === levelId) return [node];
    for (const child of node.children) {
      const found = walk(child);
      if (found) return [node, ...found];
    }
    return undefined;
  };
  for (const root of visibleRoots(roots)) {
    if (root.info.state !== 'ready' || (host && root.info.host !== host)) continue;
    const found = walk(root);
    if (found) return found;
  }
  return undefined;
}

/**
 * What the tree would draw from a snapshot, as one string: two snapshots with the same fingerprint render the same
 * rows, so an event-driven refresh that finds one need not redraw (a redraw under the pointer swallows the click on a
 * row's inline button). Clients, containers and parents are how levels are reached, not what is shown.
 */
export function treeFingerprint(roots: readonly LevelNode[]): string {
  return JSON.stringify(roots, (key, value: unknown) =>
    key === 'client' || key === 'container' || key === 'parent' ? undefined : typeof value === 'bigint' ? value.toString(16) : value,
  );
}
