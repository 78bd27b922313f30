// Builders for the engine's level data: a valid default for every field, so a test names only what it is about.
import type Dockerode from 'dockerode';
import type { ContainerSummary, ImageSummary, LevelInfo, NetworkSummary, VolumeSummary } from '../../src/engine/core/types';
import type { LevelNode } from '../../src/engine/levels/levelNode';

/** A ready level L1 on the host, reached by relay. */
export function levelInfo(over: Partial<LevelInfo> = {}): LevelInfo {
  return {
    id: 'l1', depth: 1, parentId: 'host', state: 'ready', mode: 'capabilities', transport: 'relay', containerId: 'c-l1',
    containerName: 'nested-docker-l1', image: 'nested-docker/dind:local', volume: 'nested-docker-l1-data', dockerHost: null,
    ...over,
  };
}

/** The host (level 0) as discovery reports it when its daemon answers. */
export function hostInfo(over: Partial<LevelInfo> = {}): LevelInfo {
  return levelInfo({
    id: 'host', depth: 0, parentId: null, mode: 'host', transport: 'socket', containerId: null, containerName: null,
    image: null, volume: null, dockerHost: 'unix:///var/run/docker.sock', ...over,
  });
}

/** A client stand-in: launch and tree code only check that a ready level has one; fakes do the calls. */
const STUB_CLIENT = {} as Dockerode;

/** The host's node, ready, with `children` attached under it. */
export function hostNode(over: Partial<LevelInfo> = {}, extra: Partial<LevelNode> = {}): LevelNode {
  const info = hostInfo(over);
  return { info, client: info.state === 'ready' ? STUB_CLIENT : undefined, children: [], ...extra };
}

/** A level node attached under `parent` (depth, parent id and host follow from it). */
export function childNode(parent: LevelNode, over: Partial<LevelInfo> = {}, extra: Partial<LevelNode> = {}): LevelNode {
  const id = over.id ?? `l${parent.info.depth + 1}`;
  const info = levelInfo({
    id, depth: parent.info.depth + 1, parentId: parent.info.id, host: parent.info.host, containerId: `c-${id}`,
    containerName: `nested-docker-${id}`, volume: `nested-docker-${id}-data`, ...over,
  });
  const node: LevelNode = { info, parent, children: [], client: info.state === 'ready' ? STUB_CLIENT : undefined, relaySocket: `${id}.sock`, ...extra };
  parent.children.push(node);
  return node;
}

export function containerSummary(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return { id: '0123456789abcdef', name: 'web', image: 'nginx:alpine', state: 'running', status: 'Up 2 minutes', ...over };
}

export function imageSummary(over: Partial<ImageSummary> = {}): ImageSummary {
  return { id: 'sha256:0123456789abcdef0123', tags: ['alpine:3'], size: 7.8e6, created: 1_700_000_000, containers: 1, ...over };
}

export function volumeSummary(over: Partial<VolumeSummary> = {}): VolumeSummary {
  return { name: 'data', driver: 'local', usedBy: [], ...over };
}

export function networkSummary(over: Partial<NetworkSummary> = {}): NetworkSummary {
  return { id: 'n1', name: 'bridge', driver: 'bridge', scope: 'local', builtin: true, usedBy: [], ...over };
}
