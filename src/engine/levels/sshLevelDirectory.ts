import * as http from 'http';
import type Dockerode from 'dockerode';
import { CALL_TIMEOUT_MS, settledWithin } from '../core/deadline';
import { clientForAgent } from '../transport/dockerClient';
import { connectionOpener } from '../transport/openWithin';
import { HostSideCopy, inspectWithin, LevelDirectory, stillAnswering } from './discovery';
import { LevelNode } from './levelNode';
import { TransportKind } from '../core/types';
import type { SshConnection } from '../transport/ssh/sshConnection';

interface Direct {
  containerId: string;
  /** The level's filesystem as seen from the remote host: /proc/<pid>/root, nested through each parent. */
  procRoot: string;
  /** The level's daemon socket on the remote host. */
  socketPath: string;
  client: Dockerode;
  agent: http.Agent;
}

/** Inside the level, /var/run is a symlink to /run: name the real folder, or an absolute link would escape. */
const SOCKETS = ['run/docker.sock', 'var/run/docker.sock'];

/**
 * Levels of a host reached over SSH. The exec tunnel costs a docker exec and a dial-stdio process per depth on
 * every byte; when the SSH login may read other processes' roots (root, the usual Docker host login), a level's
 * own daemon socket is reachable directly by stream-local forwarding to /proc/<pid>/root/run/docker.sock of its
 * container (for depth 2, through /proc of depth 1), on the same SSH connection. The level's answer is checked
 * (its daemon names itself after the level) before it is trusted; anything else falls back to the tunnel.
 */
export class SshLevelDirectory extends LevelDirectory {
  private readonly direct = new Map<string, Direct>();
  private privileged?: Promise<boolean>;

  constructor(
    hostClient: Dockerode,
    hostTransport: TransportKind,
    hostDockerHost: string,
    hostCapsMask: bigint | undefined,
    private readonly ssh: SshConnection,
  ) {
    super(hostClient, hostTransport, hostDockerHost, undefined, hostCapsMask);
  }

  /** The SSH handshake, under its own deadline (which a user's answer to a prompt pauses). */
  protected override hostReady(): Promise<unknown> {
    return this.ssh.ready();
  }

  override async connect(node: LevelNode, pingTimeoutMs = 5000): Promise<Dockerode> {
    try {
      const client = await this.connectDirect(node, pingTimeoutMs);
      if (client) return client;
    } catch {
      /* the tunnel below always works */
    }
    return super.connect(node, pingTimeoutMs);
  }

  private async connectDirect(node: LevelNode, pingTimeoutMs: number): Promise<Dockerode | undefined> {
    const id = node.info.id;
    const cached = await stillAnswering(this.direct.get(id), node, pingTimeoutMs, () => this.dropDirect(id));
    if (cached) return this.adoptDirect(node, cached);
    if (!node.container || !node.info.containerId || !(await this.mayReadProcRoots())) return undefined;
    // A nested level is reachable this way only through its parent's filesystem, found the same way.
    const parentRoot = node.info.depth === 1 ? '' : this.direct.get(node.parent?.info.id ?? '')?.procRoot;
    if (parentRoot === undefined) return undefined;
    const pid = (await inspectWithin(node.container, pingTimeoutMs)).State.Pid;
    if (!pid) return undefined;
    const procRoot = `${parentRoot}/proc/${pid}/root`;
    const expectedName = `l${node.info.depth}-${id}`.slice(0, 63);
    for (const socket of SOCKETS) {
      const agent = this.agentFor(`${procRoot}/${socket}`);
      const client = clientForAgent(agent, `level-${id}`);
      try {
        const info = (await client.info({ abortSignal: AbortSignal.timeout(pingTimeoutMs) } as never)) as unknown as { Name?: string };
        if (info.Name === expectedName) {
          const entry: Direct = { containerId: node.info.containerId, procRoot, socketPath: `${procRoot}/${socket}`, client, agent };
          super.forget(id); // a tunnel opened before this daemon listened is no longer needed
          this.direct.set(id, entry);
          return this.adoptDirect(node, entry);
        }
      } catch {
        /* not listening yet, or not there */
      }
      agent.destroy();
    }
    return undefined;
  }

  /** Both levels' sockets are on the remote host: `docker save | docker load` runs there, the bytes stay there. */
  override hostSideCopy(from: LevelNode, to: LevelNode): HostSideCopy | undefined {
    const fromDocker = this.dockerArgsOnHost(from);
    const toDocker = this.dockerArgsOnHost(to);
    if (!fromDocker || !toDocker) return undefined;
    return async (refs, opts) => {
      await this.ssh.pipeImages({ fromDocker, toDocker, refs, ...opts });
    };
  }

  private dockerArgsOnHost(node: LevelNode): string[] | undefined {
    if (node.info.depth === 0) return this.ssh.hostDockerArgs();
    const direct = this.direct.get(node.info.id);
    return direct && direct.containerId === node.info.containerId ? ['-H', `unix://${direct.socketPath}`] : undefined;
  }

  /** Asked once per engine: only a root login can open another user's /proc/<pid>/root. */
  private mayReadProcRoots(): Promise<boolean> {
    this.privileged ??= settledWithin(() => this.ssh.run('id -u'), CALL_TIMEOUT_MS).then((r) => r.code === 0 && r.stdout.trim() === '0', () => false);
    return this.privileged;
  }

  private agentFor(socketPath: string): http.Agent {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4 });
    (agent as unknown as { createConnection: unknown }).createConnection = connectionOpener(
      () => this.ssh.openSocket(socketPath),
      `an SSH channel to ${socketPath}`,
      () => this.ssh.ready(),
    );
    return agent;
  }

  private adoptDirect(node: LevelNode, entry: Direct): Dockerode {
    node.client = entry.client;
    node.info.transport = 'ssh';
    node.info.dockerHost = null;
    return entry.client;
  }

  private dropDirect(id: string): void {
    this.direct.get(id)?.agent.destroy();
    this.direct.delete(id);
  }

  override forget(id: string): void {
    this.dropDirect(id);
    super.forget(id);
  }

  override dispose(): void {
    for (const id of [...this.direct.keys()]) this.dropDirect(id);
    super.dispose();
  }
}
