// The per-level explorer's rows (Containers, Images, Volumes, Networks), decided without VS Code like treeModel.ts.
import type { ContainerSummary, ImageSummary, LevelInfo, NetworkSummary, VolumeSummary } from '../../engine';
import { containerContextValue } from './contextValues';
import type { Row } from './row';

export type GroupKind = 'containers' | 'images' | 'volumes' | 'networks';

export type ResourceItem =
  | { kind: 'container'; container: ContainerSummary }
  | { kind: 'image'; image: ImageSummary }
  | { kind: 'volume'; volume: VolumeSummary }
  | { kind: 'network'; network: NetworkSummary };

const GROUPS: Record<GroupKind, { label: string; icon: string }> = {
  containers: { label: 'Containers', icon: 'package' },
  images: { label: 'Images', icon: 'layers' },
  volumes: { label: 'Volumes', icon: 'database' },
  networks: { label: 'Networks', icon: 'type-hierarchy' },
};

/** The groups a ready level shows, in order; Images, Volumes and Networks only when discovery listed them. */
export function groupsOf(level: LevelInfo): GroupKind[] {
  if (level.state !== 'ready') return [];
  const out: GroupKind[] = [];
  if (level.containers) out.push('containers');
  if (level.images) out.push('images');
  if (level.volumes) out.push('volumes');
  if (level.networks) out.push('networks');
  return out;
}

export function itemsOf(level: LevelInfo, group: GroupKind): ResourceItem[] {
  switch (group) {
    case 'containers': return (level.containers ?? []).map((container) => ({ kind: 'container', container }));
    case 'images': return (level.images ?? []).map((image) => ({ kind: 'image', image }));
    case 'volumes': return (level.volumes ?? []).map((volume) => ({ kind: 'volume', volume }));
    case 'networks': return (level.networks ?? []).map((network) => ({ kind: 'network', network }));
  }
}

export function groupRow(level: LevelInfo, group: GroupKind): Row {
  const items = itemsOf(level, group);
  const running = group === 'containers' ? (level.containers ?? []).filter((c) => c.state === 'running').length : undefined;
  return {
    // An empty group has an id of its own: VS Code keeps an id's "nothing to open" state, so the first container run
    // into an empty level would otherwise sit in a closed group instead of showing.
    treeId: `group:${level.host ?? ''}:${level.id}:${level.containerId ?? 'host'}:${group}${items.length ? '' : ':empty'}`,
    label: GROUPS[group].label,
    description: running !== undefined ? `${running} running · ${items.length}` : String(items.length),
    contextValue: `group:${group}`,
    icon: { id: GROUPS[group].icon },
    tooltip: `${GROUPS[group].label} on ${level.depth === 0 ? 'the host' : `level ${level.id} (L${level.depth})`}`,
    expandable: items.length > 0,
    collapsed: group !== 'containers',
  };
}

export function resourceRow(item: ResourceItem, level: LevelInfo): Row {
  const at = `${level.host ?? ''}:${level.id}`;
  switch (item.kind) {
    case 'container': {
      const c = item.container;
      return {
        treeId: `container:${at}:${c.id}`,
        label: c.name,
        description: `${c.image} · ${c.status}`,
        contextValue: containerContextValue(c.state),
        icon: { id: c.state === 'running' ? 'debug-start' : 'debug-stop', color: c.state === 'running' ? 'ready' : undefined },
        tooltip: `${c.name} (${c.id.slice(0, 12)}) on ${level.id}\n${c.image}\n${c.status}`,
        expandable: false,
      };
    }
    case 'image': {
      const i = item.image;
      const shortId = i.id.replace(/^sha256:/, '').slice(0, 12);
      return {
        treeId: `image:${at}:${i.id}`,
        label: i.tags[0] ?? `<none> ${shortId}`,
        description: [mb(i.size), i.tags.length > 1 ? `+${i.tags.length - 1} tags` : undefined, i.containers ? `${i.containers} container(s)` : undefined]
          .filter(Boolean).join(' · '),
        contextValue: 'image',
        icon: { id: 'layers' },
        tooltip: `${i.tags.join('\n') || '<untagged>'}\n${shortId} · ${mb(i.size)}`,
        expandable: false,
      };
    }
    case 'volume': {
      const v = item.volume;
      const state = v.levelData ? 'leveldata' : v.usedBy.length ? 'inuse' : 'unused';
      return {
        treeId: `volume:${at}:${v.name}`,
        label: v.name,
        description: v.levelData ? `data of level ${v.levelData}` : v.usedBy.length ? `in use by ${v.usedBy.join(', ')}` : v.driver,
        contextValue: `volume:${state}`,
        icon: { id: 'database', color: v.usedBy.length ? 'ready' : undefined },
        tooltip: `${v.name} (${v.driver})${v.usedBy.length ? `\nused by ${v.usedBy.join(', ')}` : ''}`,
        expandable: false,
      };
    }
    case 'network': {
      const n = item.network;
      const state = n.builtin ? 'builtin' : n.usedBy.length ? 'inuse' : 'unused';
      return {
        treeId: `network:${at}:${n.id}`,
        label: n.name,
        description: [n.driver, n.scope, n.usedBy.length ? `${n.usedBy.length} attached` : undefined].filter(Boolean).join(' · '),
        contextValue: `network:${state}`,
        icon: { id: 'type-hierarchy' },
        tooltip: `${n.name} (${n.id.slice(0, 12)}) · ${n.driver}${n.usedBy.length ? `\nattached: ${n.usedBy.join(', ')}` : ''}`,
        expandable: false,
      };
    }
  }
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
