// What a level's daemon holds, as the tree and `nested-docker ps|images|volumes|networks` show it: plain data made
// from one listing each, with "in use" worked out from the container list (no extra call per object).
import type Dockerode from 'dockerode';
import { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../core/types';
import { Labels } from './labels';

export const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

export function summarizeContainer(c: Dockerode.ContainerInfo): ContainerSummary {
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    state: c.State,
    status: c.Status,
    created: c.Created,
  };
}

export function summarizeImages(images: Dockerode.ImageInfo[], containers: Dockerode.ContainerInfo[]): ImageSummary[] {
  const uses = new Map<string, number>();
  for (const c of containers) uses.set(c.ImageID, (uses.get(c.ImageID) ?? 0) + 1);
  return images
    .map((i) => ({
      id: i.Id,
      tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size,
      created: i.Created,
      containers: uses.get(i.Id) ?? 0,
    }))
    // Tagged images by tag, then the untagged ones.
    .sort((a, b) => Number(!a.tags.length) - Number(!b.tags.length) || (a.tags[0] ?? a.id).localeCompare(b.tags[0] ?? b.id));
}

interface VolumeListing {
  Name: string;
  Driver: string;
  Labels?: Record<string, string> | null;
}

export function summarizeVolumes(volumes: VolumeListing[], containers: Dockerode.ContainerInfo[]): VolumeSummary[] {
  const users = new Map<string, string[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      users.set(m.Name, [...(users.get(m.Name) ?? []), containerName(c)]);
    }
  }
  return volumes
    .map((v) => ({
      name: v.Name,
      driver: v.Driver,
      usedBy: users.get(v.Name) ?? [],
      levelData: v.Labels?.[Labels.managed] === 'true' ? v.Labels?.[Labels.level] : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function summarizeNetworks(networks: Dockerode.NetworkInspectInfo[], containers: Dockerode.ContainerInfo[]): NetworkSummary[] {
  const users = new Map<string, string[]>();
  for (const c of containers) {
    if (c.State !== 'running') continue;
    for (const name of Object.keys(c.NetworkSettings?.Networks ?? {})) users.set(name, [...(users.get(name) ?? []), containerName(c)]);
  }
  return networks
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      builtin: BUILTIN_NETWORKS.has(n.Name),
      usedBy: users.get(n.Name) ?? [],
    }))
    .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name));
}

function containerName(c: Dockerode.ContainerInfo): string {
  return (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
}
