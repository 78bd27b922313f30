import * as fs from 'fs';
import type * as http from 'http';
import type Dockerode from 'dockerode';
import { clientForAgent, clientForSocket, pingWithin } from '../transport/dockerClient';
import { errorMessage, NestedDockerError } from '../core/errors';
import { createExecTunnelAgent } from '../transport/execTunnel';
import { HOST_LEVEL_ID, Labels, levelFilter } from './labels';
import { flatten, LevelNode, recordDaemonInfo } from './levelNode';
import { relaySocketPath } from '../transport/relayFolder';
import { ContainerSummary, LevelInfo, TransportKind, UsedMode } from '../core/types';
import { parseCapMask } from '../core/capabilities';

interface Connection {
  containerId: string;
  client: Dockerode;
  transport: TransportKind;
  agent?: http.Agent;
}

export interface DiscoveryOptions {
  /** Include each level's other containers (the tree's leaves). */
  containers?: boolean;
  pingTimeoutMs?: number;
}

/**
 * Rebuilds the tree of levels from the daemons themselves, walking down by labels, so any process (a reloaded
 * VS Code window, the CLI) sees the same tree. Connections to levels are cached so tunnels are reused.
 */
export class LevelDirectory {
  private readonly connections = new Map<string, Connection>();
  /** Name of the host this directory walks (shown on every level it finds). */
  hostName?: string;

  constructor(
    readonly hostClient: Dockerode,
    readonly hostTransport: TransportKind,
    readonly hostDockerHost: string,
    readonly relayDir: string | undefined,
    readonly hostCapsMask?: bigint,
  ) {}

  async discover(opts: DiscoveryOptions = {}): Promise<LevelNode> {
    const root: LevelNode = {
      info: {
        id: HOST_LEVEL_ID, host: this.hostName, depth: 0, parentId: null, state: 'ready', mode: 'host', transport: this.hostTransport,
        containerId: null, containerName: null, image: null, volume: null, dockerHost: this.hostDockerHost,
      },
      client: this.hostClient,
      children: [],
      capsMask: this.hostCapsMask,
    };
    try {
      // A hung daemon or an unreachable address must not hold the whole tree (and every command) hostage.
      await pingWithin(root.client!, opts.pingTimeoutMs ?? 5000);
      await this.describe(root, opts);
    } catch (err) {
      root.info.state = 'unreachable';
      root.info.error = errorMessage(err);
      root.client = undefined;
      return root;
    }
    await this.walk(root, opts);
    return root;
  }

  private async describe(node: LevelNode, opts: DiscoveryOptions): Promise<Dockerode.ContainerInfo[]> {
    const client = node.client!;
    const [info, all] = await Promise.all([
      client.info() as Promise<Record<string, unknown>>,
      client.listContainers({ all: true }),
    ]);
    recordDaemonInfo(node.info, info);
    if (opts.containers !== false) {
      node.info.containers = all.filter((c) => !c.Labels?.[Labels.level]).map(summarize);
    }
    return all.filter((c) => c.Labels?.[Labels.level]);
  }

  private async walk(node: LevelNode, opts: DiscoveryOptions): Promise<void> {
    const levelContainers = await node.client!.listContainers({ all: true, filters: levelFilter() });
    node.children = levelContainers.map((c) => this.childFrom(node, c));
    node.children.sort((a, b) => a.info.id.localeCompare(b.info.id));
    await Promise.all(
      node.children.map(async (child) => {
        if (child.info.mode === 'dood') return shareDaemon(child, node);
        if (child.info.state !== 'starting') return;
        try {
          await this.connect(child, opts.pingTimeoutMs);
          await this.describe(child, opts);
          child.info.state = 'ready';
        } catch (err) {
          child.info.state = 'unreachable';
          child.info.error = errorMessage(err);
          child.client = undefined;
          return;
        }
        await this.walk(child, opts).catch((err) => {
          child.info.state = 'unreachable';
          child.info.error = errorMessage(err);
        });
      }),
    );
  }

  private childFrom(parent: LevelNode, c: Dockerode.ContainerInfo): LevelNode {
    const labels = c.Labels ?? {};
    const running = c.State === 'running';
    const info: LevelInfo = {
      id: labels[Labels.level],
      host: parent.info.host,
      depth: parent.info.depth + 1,
      parentId: parent.info.id,
      state: running ? 'starting' : 'stopped',
      mode: (labels[Labels.mode] as UsedMode) ?? 'privileged',
      transport: null,
      containerId: c.Id,
      containerName: (c.Names?.[0] ?? '').replace(/^\//, ''),
      image: labels[Labels.image] ?? c.Image,
      volume: labels[Labels.volume] ?? null,
      dockerHost: null,
    };
    if (!running) info.error = `container ${c.State}: ${c.Status}`;
    const exposed = /^(.*):(\d+)$/.exec(labels[Labels.exposed] ?? '');
    if (exposed) info.exposed = { address: exposed[1], port: Number(exposed[2]) };
    return {
      info,
      parent,
      children: [],
      container: parent.client!.getContainer(c.Id),
      capsMask: labels[Labels.caps] ? parseCapMask(labels[Labels.caps]) : undefined,
      relaySocket: labels[Labels.relaySocket] ?? '',
    };
  }

  /** Reaches a level's daemon: its relay socket when that answers, else an exec tunnel through its parent. */
  async connect(node: LevelNode, pingTimeoutMs = 5000): Promise<Dockerode> {
    const id = node.info.id;
    const cached = await stillAnswering(this.connections.get(id), node, pingTimeoutMs, () => this.forget(id));
    if (cached) return this.adopt(node, cached);
    const socketName = await this.relaySocketName(node);
    if (this.relayDir && socketName) {
      const socketPath = relaySocketPath(this.relayDir, socketName);
      if (fs.existsSync(socketPath)) {
        const client = clientForSocket(socketPath);
        try {
          await pingWithin(client, Math.min(pingTimeoutMs, 1500));
          return this.adopt(node, this.remember(id, { containerId: node.info.containerId!, client, transport: 'relay' }));
        } catch {
          /* fall through to the tunnel */
        }
      }
    }
    if (!node.container) throw new NestedDockerError(`level ${id} has no container`, undefined, 'lost');
    const agent = createExecTunnelAgent(node.container);
    const client = clientForAgent(agent, `level-${id}`);
    try {
      await pingWithin(client, pingTimeoutMs);
    } catch (err) {
      agent.destroy();
      throw err;
    }
    return this.adopt(node, this.remember(id, { containerId: node.info.containerId!, client, transport: 'tunnel', agent }));
  }

  private async relaySocketName(node: LevelNode): Promise<string | undefined> {
    if (node.relaySocket !== undefined) return node.relaySocket || undefined;
    try {
      const inspect = await node.container!.inspect();
      return inspect.Config.Labels?.[Labels.relaySocket];
    } catch {
      return undefined;
    }
  }

  private adopt(node: LevelNode, conn: Connection): Dockerode {
    node.client = conn.client;
    node.info.transport = conn.transport;
    node.info.dockerHost =
      conn.transport === 'relay' ? `unix://${(conn.client.modem as unknown as { socketPath: string }).socketPath}` : null;
    return conn.client;
  }

  private remember(id: string, conn: Connection): Connection {
    this.forget(id);
    this.connections.set(id, conn);
    return conn;
  }

  forget(id: string): void {
    const conn = this.connections.get(id);
    conn?.agent?.destroy();
    this.connections.delete(id);
  }

  dispose(): void {
    for (const id of [...this.connections.keys()]) this.forget(id);
  }
}

/**
 * A DooD level has no daemon of its own: it is reached as its parent is, its containers are listed at the parent,
 * and it is never walked (walking it would list the parent's levels again).
 */
function shareDaemon(child: LevelNode, parent: LevelNode): void {
  child.info.depth = parent.info.depth;
  child.info.sharesDaemonOf = parent.info.id;
  child.info.volume = null;
  if (child.info.state !== 'starting') return;
  child.info.state = 'ready';
  child.client = parent.client;
  child.info.transport = parent.info.transport;
  child.info.dockerHost = parent.info.dockerHost;
  child.info.version = parent.info.version;
  child.info.facts = parent.info.facts;
}

/**
 * A cached connection, if it is to this very container and still answers a short ping; a dead one is dropped.
 * Reusing it spares a relay or tunnel set-up on every discovery.
 */
export async function stillAnswering<T extends { containerId: string; client: Dockerode }>(
  cached: T | undefined,
  node: LevelNode,
  pingTimeoutMs: number,
  drop: () => void,
): Promise<T | undefined> {
  if (!cached || cached.containerId !== node.info.containerId) return undefined;
  try {
    await pingWithin(cached.client, Math.min(pingTimeoutMs, 3000));
    return cached;
  } catch {
    drop();
    return undefined;
  }
}

function summarize(c: Dockerode.ContainerInfo): ContainerSummary {
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    state: c.State,
    status: c.Status,
  };
}

export function findLevel(root: LevelNode, idOrName: string): LevelNode | undefined {
  const all = flatten(root);
  return (
    all.find((n) => n.info.id === idOrName) ??
    all.find((n) => n.info.containerName === idOrName) ??
    all.find((n) => n.info.containerId?.startsWith(idOrName) && idOrName.length >= 6)
  );
}
