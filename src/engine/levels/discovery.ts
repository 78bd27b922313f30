import * as fs from 'fs';
import type * as http from 'http';
import type Dockerode from 'dockerode';
import { clientForAgent, clientForSocket, pingWithin } from '../transport/dockerClient';
import { answered, CALL_TIMEOUT_MS, settledWithin } from '../core/deadline';
import { errorMessage, NestedDockerError } from '../core/errors';
import { createExecTunnelAgent } from '../transport/execTunnel';
import { HOST_LEVEL_ID, Labels, levelFilter } from './labels';
import { flatten, LevelNode, recordDaemonInfo } from './levelNode';
import { relaySocketPath } from '../transport/relayFolder';
import { LevelInfo, TransportKind, UsedMode } from '../core/types';
import { parseCapMask } from '../core/capabilities';
import { DaemonInfoCache } from './daemonInfoCache';
import { KnownLevels } from './knownLevels';
import { finishedAt, stopReason } from './levelState';
import { summarizeContainer, summarizeImages, summarizeNetworks, summarizeVolumes } from './resourceSummaries';

/** What a level's daemon said about the levels below it. */
interface Found {
  levelContainers: Dockerode.ContainerInfo[];
  dataVolumes: Dockerode.VolumeInspectInfo[];
}

interface Connection {
  containerId: string;
  client: Dockerode;
  transport: TransportKind;
  agent?: http.Agent;
}

export interface DiscoveryOptions {
  /** Include each level's other containers (the tree's leaves). */
  containers?: boolean;
  /** Also list each ready level's images, volumes and networks (the tree's groups). */
  resources?: boolean;
  pingTimeoutMs?: number;
}

/**
 * Rebuilds the tree of levels from the daemons themselves, walking down by labels, so any process (a reloaded
 * VS Code window, the CLI) sees the same tree. Connections to levels are cached so tunnels are reused.
 */
/** `docker save` piped into `docker load` on the host that runs both daemons (see SshLevelDirectory). */
export type HostSideCopy = (refs: string[], opts: { signal?: AbortSignal; onTick?: (elapsedMs: number) => void }) => Promise<void>;

export class LevelDirectory {
  private readonly connections = new Map<string, Connection>();
  private readonly daemonInfo = new DaemonInfoCache();
  /** Name of the host this directory walks (shown on every level it finds). */
  hostName?: string;
  /** Children seen earlier, shown under a level that cannot be asked now. */
  known: KnownLevels = new KnownLevels('');

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
    let found: Found;
    try {
      // A hung daemon or an unreachable address must not hold the whole tree (and every command) hostage. The way
      // there (an SSH handshake) has its own deadline and its own, clearer error; the ping's starts after it.
      await this.hostReady();
      await pingWithin(root.client!, opts.pingTimeoutMs ?? 5000);
      found = await this.describe(root, opts);
    } catch (err) {
      root.info.state = 'unreachable';
      root.info.error = explainHostError(err, this.hostDockerHost);
      root.client = undefined;
      return root;
    }
    await this.walk(root, opts, found);
    this.known.remember(root);
    return root;
  }

  /** Resolves once the way to the host's daemon is open (nothing to open for a socket or TCP). */
  protected hostReady(): Promise<unknown> {
    return Promise.resolve();
  }

  /**
   * A level's daemon facts and contents, and what the walk below it needs (its child levels' containers and data
   * volumes), asked in one round so that each level of the tower costs one round trip, not two.
   */
  private async describe(node: LevelNode, opts: DiscoveryOptions): Promise<Found> {
    const client = node.client!;
    // It answered a ping a moment ago; one that stops answering mid-listing must not hold the tree either.
    const [info, all, images, volumes, networks, dataVolumes] = await answered(() => Promise.all([
      this.daemonInfo.get(client),
      client.listContainers({ all: true }),
      opts.resources ? client.listImages() : undefined,
      opts.resources ? client.listVolumes() : undefined,
      opts.resources ? client.listNetworks() : undefined,
      client.listVolumes({ filters: levelFilter() }).then((v) => v.Volumes ?? [], () => []),
    ]), { call: 'a listing of its containers and volumes', daemonOf: node.info.id });
    recordDaemonInfo(node.info, info, all);
    if (opts.containers !== false) {
      node.info.containers = all.filter((c) => !c.Labels?.[Labels.level]).map(summarizeContainer);
    }
    if (images) node.info.images = summarizeImages(images, all);
    if (volumes) node.info.volumes = summarizeVolumes(volumes.Volumes ?? [], all);
    if (networks) node.info.networks = summarizeNetworks(networks, all);
    return { levelContainers: all.filter((c) => c.Labels?.[Labels.level]), dataVolumes };
  }

  private async walk(node: LevelNode, opts: DiscoveryOptions, { levelContainers, dataVolumes }: Found): Promise<void> {
    node.children = levelContainers.map((c) => this.childFrom(node, c));
    const withContainer = new Set(node.children.map((c) => c.info.id));
    for (const v of dataVolumes) {
      const id = v.Labels?.[Labels.level];
      if (id && v.Labels?.[Labels.managed] === 'true' && !withContainer.has(id)) node.children.push(dataOnly(node, id, v.Name));
    }
    node.children.sort((a, b) => a.info.id.localeCompare(b.info.id));
    await Promise.all(
      node.children.map(async (child) => {
        if (child.info.mode === 'dood') return shareDaemon(child, node);
        if (child.info.state === 'stopped') {
          // Its daemon is gone: when it starts again, it is reached (and its facts read) afresh.
          this.forget(child.info.id);
          await this.explainStop(child);
        }
        if (child.info.state !== 'starting') return;
        let found: Found;
        try {
          await this.connect(child, opts.pingTimeoutMs);
          found = await this.describe(child, opts);
          child.info.state = 'ready';
        } catch (err) {
          child.info.state = 'unreachable';
          child.info.error = errorMessage(err);
          child.client = undefined;
          this.attachRemembered(child);
          return;
        }
        await this.walk(child, opts, found).catch((err) => {
          child.info.state = 'unreachable';
          child.info.error = errorMessage(err);
        });
      }),
    );
  }

  /** When and why a stopped level stopped, from its container on the parent; its children come from memory. */
  private async explainStop(node: LevelNode): Promise<void> {
    try {
      const state = (await inspectWithin(node.container!)).State;
      node.info.stoppedAt = finishedAt(state);
      node.info.stopReason = stopReason(state);
      node.info.error = `stopped${node.info.stoppedAt ? ` at ${node.info.stoppedAt}` : ''}: ${node.info.stopReason}`;
    } catch {
      /* keep the listing's status */
    }
    this.attachRemembered(node);
  }

  /** Children an earlier discovery saw under a level that cannot be asked now: shown, marked unreachable. */
  private attachRemembered(node: LevelNode): void {
    const why = `parent L${node.info.depth} ${node.info.state === 'stopped' ? 'stopped' : 'unreachable'}`;
    node.children = this.known.childrenOf(node.info.containerId).map((r) => {
      const child: LevelNode = {
        info: {
          id: r.id, host: node.info.host, depth: node.info.depth + 1, parentId: node.info.id, state: 'unreachable',
          mode: r.mode, transport: null, containerId: r.containerId, containerName: r.containerName, image: r.image,
          volume: r.volume, dockerHost: null, error: why, remembered: true,
        },
        parent: node,
        children: [],
      };
      this.attachRemembered(child);
      return child;
    });
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
    const known = this.connections.get(id);
    if (known?.transport === 'relay' && known.containerId === node.info.containerId) {
      // A relay connection reaches the daemon itself: silence there is the daemon's, and asking through a tunnel
      // would only wait on the same daemon again.
      const answer = await answerWithin(known.client, Math.min(pingTimeoutMs, HUNG_AFTER_MS));
      if (answer === 'ok') return this.adopt(node, known);
      this.forget(id);
      if (answer === 'silent') throw hungDaemon(id);
    }
    const cached = await stillAnswering(this.connections.get(id), node, pingTimeoutMs, () => this.forget(id));
    if (cached) return this.adopt(node, cached);
    const socketName = await this.relaySocketName(node);
    if (this.relayDir && socketName) {
      const socketPath = relaySocketPath(this.relayDir, socketName);
      if (fs.existsSync(socketPath)) {
        const client = clientForSocket(socketPath);
        const answer = await answerWithin(client, Math.min(pingTimeoutMs, HUNG_AFTER_MS));
        if (answer === 'ok') return this.adopt(node, this.remember(id, { containerId: node.info.containerId!, client, transport: 'relay' }));
        // Accepted but silent: the daemon is stopped (SIGSTOP) or hung. Refused: it died; the tunnel says how.
        if (answer === 'silent') throw hungDaemon(id);
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
      const inspect = await inspectWithin(node.container!);
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

  /**
   * A copy run on the host itself between two levels' daemons, when both are reachable there; undefined where the
   * bytes must come through this machine (a local host, where they do not cross a network anyway).
   */
  hostSideCopy(_from: LevelNode, _to: LevelNode): HostSideCopy | undefined {
    return undefined;
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
 * How long a daemon that accepted the connection may take to answer a ping before it counts as stopped or hung.
 * A healthy daemon answers in milliseconds at any depth over the relay (docs/performance.md); this keeps a frozen
 * level's state right within 2 s of the freeze.
 */
const HUNG_AFTER_MS = 1000;

/** 'ok', 'silent' (the request timed out: someone accepted it and never answered) or 'refused'. */
async function answerWithin(client: Dockerode, ms: number): Promise<'ok' | 'silent' | 'refused'> {
  try {
    await pingWithin(client, ms);
    return 'ok';
  } catch (err) {
    const name = (err as { name?: string }).name;
    return name === 'AbortError' || name === 'TimeoutError' || /abort|timed? ?out/i.test(errorMessage(err)) ? 'silent' : 'refused';
  }
}

/** Why level 0 cannot be reached, and what to do about it, for the errors a user can fix. */
function explainHostError(err: unknown, where: string): string {
  const code = (err as { code?: string }).code;
  const either = 'or point --host (in VS Code: the "dind.docker.host" setting) at a daemon you may use';
  if (code === 'EACCES') {
    return `permission denied on ${where}: this user may not use that Docker daemon; fix: add the user to the docker group (sudo usermod -aG docker $USER, then log in again), ${either}`;
  }
  if (code === 'ENOENT') return `no Docker socket at ${where}; fix: start Docker, ${either}`;
  if (code === 'ECONNREFUSED') return `nothing answers at ${where}; fix: start Docker, ${either}`;
  return err instanceof NestedDockerError && err.hint ? `${errorMessage(err)}; fix: ${err.hint}` : errorMessage(err);
}

function hungDaemon(id: string): NestedDockerError {
  return new NestedDockerError(
    `the daemon of level ${id} accepts connections but does not answer within ${HUNG_AFTER_MS / 1000} s: it is stopped (SIGSTOP) or hung`,
    `resume it (kill -CONT the dockerd inside level ${id}), or collapse the level and nest it again`,
    'daemon-hung',
  );
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

/** A container's inspect, settled within `ms` (its request may wait on a tunnel that never opens). */
export function inspectWithin(container: Dockerode.Container, ms = CALL_TIMEOUT_MS): Promise<Dockerode.ContainerInspectInfo> {
  return settledWithin((signal) => container.inspect({ abortSignal: signal }), ms);
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

/** A level whose container is gone but whose data volume is still on the parent: re-nest it, or delete the data. */
function dataOnly(parent: LevelNode, id: string, volume: string): LevelNode {
  return {
    info: {
      id, host: parent.info.host, depth: parent.info.depth + 1, parentId: parent.info.id, state: 'data-only', mode: 'privileged',
      transport: null, containerId: null, containerName: null, image: null, volume, dockerHost: null,
    },
    parent,
    children: [],
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
