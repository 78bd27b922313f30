// The engine's facade: one NestedDockerEngine per host. Every folder below is a layer it composes (see
// docs/architecture.md, "Engine map"); the CLI and the extension reach all of it through ./index.ts.
import type { Readable } from 'stream';
import type Dockerode from 'dockerode';
import { errorMessage, NestedDockerError, printable } from './core/errors';
import {
  CollapseOptions, CopyImagesOptions, CopyResult, LevelInfo, LevelResources, LifecycleOptions, NestOptions,
} from './core/types';
import { HostEntry, hostSpecFor, resolveHost } from './hosts/hostList';
import { copyImages } from './launch/imageCopy';
import { LifecycleContext, restartLevel, startLevel, stopLevel } from './launch/levelLifecycle';
import { KnownLevels } from './levels/knownLevels';
import { LevelContents } from './session/levelContents';
import { dockerConfigDir } from './hosts/dockerContexts';
import { configDir, knownLevelsFile } from './hosts/hostStore';
import { localDaemonCaps } from './hosts/localDaemon';
import { ExposeContext, exposeLevel, ExposeOptions, Exposure, forgetExposure, unexposeLevel } from './launch/expose';
import { launchLevel, LaunchContext } from './launch/launchLevel';
import { LaunchMemory } from './launch/launchPolicy';
import { dockerParentDaemon, localLaunchHost } from './launch/parentDaemon';
import { collapseAll, collapseLevel } from './levels/collapse';
import { DiscoveryOptions, findLevel, LevelDirectory } from './levels/discovery';
import { HOST_LEVEL_ID } from './levels/labels';
import { flatten, LevelNode } from './levels/levelNode';
import { DoctorOptions, DoctorReport, findLeftovers, Leftover, removeStillOrphaned, rollBackInterrupted } from './levels/orphans';
import { SshLevelDirectory } from './levels/sshLevelDirectory';
import { doodPathOf } from './preflight/dood';
import { LevelReport, PreflightOptions, runPreflight } from './preflight/preflight';
import { ExecOptions, ExecSession, startExec } from './session/execSession';
import { daemonLogLines, LogOptions } from './session/logStream';
import { measureTree } from './session/resources';
import { openHostClient } from './transport/dockerClient';
import { defaultHostUrl, HostSpec, parseHostUrl, redactHostUrl } from './transport/hostSpec';
import { defaultRelayDir } from './transport/relayFolder';
import type { SshOptions } from './transport/ssh/sshOptions';

export interface EngineOptions {
  /** DOCKER_HOST-style URL of level 0; default: $DOCKER_HOST, else the local socket. */
  host?: string;
  /** Host folder for the relay sockets (default: a private folder under $XDG_RUNTIME_DIR or the temp dir). */
  relayDir?: string;
  /** Disable the socket relay (every level is then reached by exec tunnel). */
  noRelay?: boolean;
  allowInsecureTcp?: boolean;
  /** A ready-made client for level 0. */
  hostClient?: Dockerode;
  /** Level 0 already resolved (a Docker context with its TLS material); wins over `host`. */
  hostSpec?: HostSpec;
  /** Name of this host as a root of the tree (the hosts list's name); carried on every level. */
  hostName?: string;
  /** Keys, known_hosts and prompts for ssh:// hosts (connected lazily, on the first request). */
  ssh?: SshOptions;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * Capability bounding set of the host daemon, when known better than by reading the local dockerd's status;
   * null means unknown, so auto mode tries --privileged first and falls back when the runtime refuses it.
   */
  hostCapsMask?: bigint | null;
  /** Remember the levels seen in a file shared by the user's processes (default), to show a stopped level's children. */
  rememberLevels?: boolean;
}

/** The headless core: everything the CLI and the VS Code extension do with levels goes through here. */
export class NestedDockerEngine {
  readonly host: HostSpec;
  readonly relayDir: string | undefined;
  /** Finds and reaches this host's levels (a directory of levels, not a folder). */
  private readonly levels: LevelDirectory;
  private readonly launchMemory = new LaunchMemory();
  private readonly nesting = new Set<string>();
  private readonly log: (line: string) => void;
  private readonly releaseHost: () => void;
  private readonly env: NodeJS.ProcessEnv;
  /** Level 0 is this machine's daemon (ports a level publishes are on this machine). */
  private readonly localHost: boolean;
  private readonly sshConnection?: { resetFailure(): void };

  constructor(opts: EngineOptions = {}) {
    const env = opts.env ?? process.env;
    this.host = opts.hostSpec ?? parseHostUrl(opts.host ?? defaultHostUrl(env), { env, allowInsecureTcp: opts.allowInsecureTcp });
    this.log = opts.log ?? (() => undefined);
    const opened: ReturnType<typeof openHostClient> = opts.hostClient
      ? { client: opts.hostClient, release: () => undefined }
      : openHostClient(this.host, undefined, { env, log: this.log, ...opts.ssh });
    const client = opened.client;
    this.releaseHost = opened.release;
    this.sshConnection = opened.ssh;
    const local = this.host.kind === 'unix' && !opts.hostClient;
    this.env = env;
    this.localHost = local;
    this.relayDir = local && !opts.noRelay && env.NESTED_DOCKER_NO_RELAY !== '1' ? (opts.relayDir ?? defaultRelayDir(env)) : undefined;
    const caps = opts.hostCapsMask !== undefined ? { mask: opts.hostCapsMask ?? undefined } : local ? localDaemonCaps() : undefined;
    const transport = this.host.kind === 'unix' ? 'socket' : this.host.kind;
    const shown = redactHostUrl(this.host.url);
    // Over SSH, levels are reached by their own sockets through the SSH connection when the login allows it
    // (ssh/sshLevelDirectory.ts); --no-relay keeps every level on the exec tunnel there too.
    const direct = opened.ssh && !opts.noRelay && env.NESTED_DOCKER_NO_RELAY !== '1';
    this.levels = direct
      ? new SshLevelDirectory(client, transport, shown, caps?.mask, opened.ssh!)
      : new LevelDirectory(client, transport, shown, this.relayDir, caps?.mask);
    this.levels.hostName = opts.hostName;
    this.levels.known = new KnownLevels(shown, opts.rememberLevels === false ? undefined : knownLevelsFile(env));
  }

  /**
   * Lets the next request try again a connection that failed for a reason the user can change (a declined host key
   * or passphrase): an explicit refresh, never a timer, so a user is not asked again and again.
   */
  retryConnection(): void {
    this.sshConnection?.resetFailure();
  }

  get hostClient(): Dockerode {
    return this.levels.hostClient;
  }

  /** The whole tree, rediscovered from the daemons. */
  tree(opts?: DiscoveryOptions): Promise<LevelNode> {
    return this.levels.discover(opts);
  }

  /** The tree without containers, for work that needs the host daemon: a clear error when it does not answer. */
  private async readyTree(): Promise<LevelNode> {
    const root = await this.tree({ containers: false });
    assertHostReady(root);
    return root;
  }

  async list(opts?: DiscoveryOptions): Promise<LevelInfo[]> {
    return flatten(await this.tree(opts)).map((n) => n.info);
  }

  async level(id: string, opts?: DiscoveryOptions): Promise<LevelNode> {
    const root = await this.tree(opts);
    if (id !== root.info.id) assertHostReady(root);
    const node = findLevel(root, id);
    if (!node) throw new NestedDockerError(`no level '${printable(id)}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
    return node;
  }

  /** Whether a nest on this parent (a level id; the host by default) is under way: one at a time per parent. */
  isNesting(parentId: string = HOST_LEVEL_ID): boolean {
    return this.nesting.has(parentId);
  }

  async nest(opts: NestOptions = {}): Promise<LevelInfo> {
    // Claimed before the first await, so two nests started together on one parent cannot both pass the check.
    const parentKey = opts.parentId ?? HOST_LEVEL_ID;
    if (this.nesting.has(parentKey)) {
      throw new NestedDockerError(`a level is already being nested on ${parentKey}`, 'wait for it to finish', 'busy');
    }
    this.nesting.add(parentKey);
    try {
      const root = await this.readyTree();
      if (opts.seed?.length) await this.checkSeedImages(opts.seed);
      const ctx: LaunchContext = {
        daemonOf: (parent) => dockerParentDaemon(parent, this.levels, this.relayDir),
        host: localLaunchHost,
        relayDir: this.relayDir,
        memory: this.launchMemory,
        log: this.log,
        hostSocket: this.host.kind === 'unix' ? this.host.socketPath : undefined,
      };
      const level = await launchLevel(ctx, root, opts);
      if (opts.seed?.length) await this.seedNewLevel(level.id, opts);
      if (!opts.expose) return level;
      const exposure = await this.exposeNode(level.id, { ...opts.expose, startTimeoutMs: opts.startTimeoutMs, onProgress: (message) => opts.onProgress?.({ step: 'start', message }) });
      return { ...level, exposed: { address: exposure.address, port: exposure.port } };
    } finally {
      this.nesting.delete(parentKey);
    }
  }

  /** The user's working set, copied from the host into a level that just came up. */
  private async seedNewLevel(id: string, opts: NestOptions): Promise<void> {
    try {
      await this.copyImages({
        images: opts.seed!, to: id, signal: opts.signal,
        onProgress: (p) => opts.onProgress?.({ step: 'seed', message: p.message, bytes: p.bytes, totalBytes: p.totalBytes }),
      });
    } catch (err) {
      if (!(err instanceof NestedDockerError)) throw err;
      throw new NestedDockerError(`level ${id} is up, but seeding it failed: ${err.message}`, err.hint ?? `copy again with: nested-docker image cp IMAGE --to ${id}`, err.code);
    }
  }

  /** Checks that every image to seed is on the host before anything is created (nothing half-made on a typo). */
  async checkSeedImages(images: string[]): Promise<void> {
    const missing: string[] = [];
    for (const image of images) {
      try {
        await this.hostClient.getImage(image).inspect();
      } catch {
        missing.push(image);
      }
    }
    if (missing.length) {
      throw new NestedDockerError(`image${missing.length > 1 ? 's' : ''} to seed not on the host: ${missing.join(', ')}`,
        'pull, build or load them on the host first, or leave them out of the seed list (dind.levels.seedImages, --seed)', 'no-image');
    }
  }

  /** Streams images from one level's daemon straight into another's (nothing kept at the levels in between). */
  async copyImages(opts: CopyImagesOptions): Promise<CopyResult[]> {
    return copyImages(await this.tree({ containers: false }), opts, this.levels);
  }

  private lifecycle(): LifecycleContext {
    return { levels: this.levels, relayDir: this.relayDir, discover: () => this.tree({ containers: false }) };
  }

  /** Starts a stopped level (and the stopped levels above it); children that went down with it follow. */
  startLevel(id: string, opts?: LifecycleOptions): Promise<string[]> {
    return startLevel(this.lifecycle(), id, opts);
  }

  stopLevel(id: string, opts?: LifecycleOptions): Promise<string[]> {
    return stopLevel(this.lifecycle(), id, opts);
  }

  restartLevel(id: string, opts?: LifecycleOptions): Promise<string[]> {
    return restartLevel(this.lifecycle(), id, opts);
  }

  /** Deletes the kept data volume of a level whose container is gone ("data only"). */
  async deleteLevelData(id: string): Promise<string> {
    const node = await this.level(id, { containers: false });
    if (node.info.state !== 'data-only' || !node.parent?.client || !node.info.volume) {
      throw new NestedDockerError(`level ${node.info.id} is ${node.info.state}, not data only`, 'collapse it with purge to delete it with its data', 'bad-id');
    }
    await node.parent.client.getVolume(node.info.volume).remove();
    return node.info.volume;
  }

  /** The containers, images, volumes and networks of a ready level. */
  async contents(levelId: string): Promise<LevelContents> {
    const node = await this.level(levelId, { containers: false });
    if (!node.client || node.info.state !== 'ready') throw notReady(node);
    return new LevelContents(node.info, node.client);
  }

  async collapse(id: string, opts?: CollapseOptions): Promise<string[]> {
    return this.forgetExposures(await collapseLevel(this.levels, this.relayDir, await this.tree({ containers: false }), id, opts));
  }

  async collapseAll(opts?: CollapseOptions): Promise<string[]> {
    return this.forgetExposures(await collapseAll(this.levels, this.relayDir, await this.readyTree(), opts));
  }

  /**
   * Publishes a level's daemon over TLS on this machine (127.0.0.1 unless another address is named), with a Docker
   * context for it; the level is recreated on its kept volume. Never a plain TCP listener.
   */
  async expose(id: string, opts: ExposeOptions = {}): Promise<Exposure> {
    if (this.nesting.has(id)) throw new NestedDockerError(`a level is being nested on ${id}`, 'wait for it to finish', 'busy');
    this.nesting.add(id);
    try {
      return await this.exposeNode(id, opts);
    } finally {
      this.nesting.delete(id);
    }
  }

  /** Closes an exposed level's TLS listener and removes its certificates and context; false when it was not exposed. */
  async unexpose(id: string, opts: ExposeOptions = {}): Promise<boolean> {
    return unexposeLevel(this.exposeContext(), await this.level(id, { containers: false }), opts);
  }

  private async exposeNode(id: string, opts: ExposeOptions): Promise<Exposure> {
    return exposeLevel(this.exposeContext(), await this.level(id, { containers: false }), opts);
  }

  private exposeContext(): ExposeContext {
    return {
      levels: this.levels, relayDir: this.relayDir, localHost: this.localHost, stateDir: configDir(this.env),
      dockerConfigDir: dockerConfigDir(this.env), log: this.log,
    };
  }

  /** Where a path inside a DooD level's container is on its parent's filesystem (what `-v` there must name). */
  async doodPath(levelId: string, p: string): Promise<{ path: string; via: 'mount' | 'layer' }> {
    return doodPathOf(await this.level(levelId, { containers: false }), p);
  }

  /** A collapsed level takes its exposure with it: certificates and context go too. */
  private forgetExposures(removed: string[]): string[] {
    for (const id of removed) forgetExposure(this.exposeContext(), id);
    return removed;
  }

  /** What a crash left behind (orphans, safe to remove) and what is kept on purpose, with the reason for each. */
  async leftovers(opts?: DoctorOptions): Promise<DoctorReport> {
    return findLeftovers(await this.readyTree(), this.relayDir, opts);
  }

  /** Rolls back nests cut off between creating and starting their container, older than `minAgeMs` (orphans.ts). */
  async rollBackInterruptedNests(minAgeMs: number): Promise<{ removed: Leftover[]; waiting: number }> {
    const root = await this.tree({ containers: false });
    return root.info.state === 'ready' ? rollBackInterrupted(root, this.relayDir, minAgeMs) : { removed: [], waiting: 0 };
  }

  /** Removes orphans found by leftovers() (found again first: only what is still orphaned goes); returns failures. */
  async removeLeftovers(orphans: Leftover[], opts?: DoctorOptions): Promise<{ item: Leftover; error: string }[]> {
    return removeStillOrphaned(await this.readyTree(), this.relayDir, orphans, opts);
  }

  /**
   * Runs a process inside a level (where `docker` talks to that level's daemon), or inside one of the level's
   * containers when `containerId` is given.
   */
  async exec(levelId: string, opts: ExecOptions & { containerId?: string }): Promise<ExecSession> {
    const node = await this.level(levelId, { containers: false });
    if (opts.containerId) {
      if (!node.client) throw notReady(node);
      return startExec(node.client.getContainer(opts.containerId), opts);
    }
    if (!node.container) {
      throw new NestedDockerError('the host is not a container', 'open a host terminal, or exec into a level', 'bad-id');
    }
    return startExec(node.container, opts);
  }

  /** The daemon log of a level as a stream of lines. */
  async daemonLog(levelId: string, opts?: LogOptions): Promise<Readable> {
    const node = await this.level(levelId, { containers: false });
    if (!node.container) {
      throw new NestedDockerError('the host daemon log is not kept by Docker', 'read it with journalctl -u docker', 'bad-id');
    }
    return daemonLogLines(node.container, opts);
  }

  /**
   * CPU, memory and disk of every level, own and summed over its subtree: one stats reading per level from its
   * parent daemon (about a second, all levels at once) and, with `disk`, a `du` of /var/lib/docker inside each.
   */
  async resources(opts: { disk?: boolean } = {}): Promise<{ root: LevelNode; resources: LevelResources[] }> {
    const root = await this.readyTree();
    return { root, resources: await measureTree(root, opts) };
  }

  /** Preflight findings of one level (id or container name), or of every level when no id is given. */
  preflight(levelId?: string, opts?: PreflightOptions): Promise<LevelReport[]> {
    return runPreflight(this, levelId, opts);
  }

  dispose(): void {
    this.levels.dispose();
    this.releaseHost();
  }
}

function assertHostReady(root: LevelNode): void {
  if (root.info.state === 'ready') return;
  throw new NestedDockerError(
    `the host daemon does not answer: ${root.info.error}`,
    'start Docker (or check DOCKER_HOST / --host); nothing was changed',
    'daemon-unreachable',
  );
}

function notReady(node: LevelNode): NestedDockerError {
  const fix = node.info.state === 'data-only'
    ? `re-nest it on its data: nested-docker nest --parent ${node.info.parentId} --id ${node.info.id}`
    : node.info.state === 'stopped' || node.info.state === 'unreachable'
      ? `start it: nested-docker start ${node.info.id} (or Start Level in the tree)`
      : 'wait for it, or collapse and re-nest it';
  return new NestedDockerError(`level ${node.info.id} is not ready (${node.info.state}${node.info.error ? `: ${node.info.error}` : ''})`, fix, 'not-ready');
}

/** An engine whose level 0 is this host; the extension makes one per tree root. Nothing connects until used. */
export function engineFor(host: HostEntry | string | undefined, opts: Omit<EngineOptions, 'host' | 'hostSpec'> = {}): NestedDockerEngine {
  const entry = typeof host === 'object' ? host : resolveHost(host, { env: opts.env });
  return new NestedDockerEngine({ ...opts, hostSpec: hostSpecFor(entry, opts) });
}

export interface HostProbe {
  reachable: boolean;
  version?: string;
  error?: string;
  ms: number;
}

/** Asks a host's daemon for its version within `timeoutMs`; never prompts (an unknown SSH key is an error here). */
export async function probeHost(
  entry: HostEntry,
  opts: { env?: NodeJS.ProcessEnv; ssh?: SshOptions; allowInsecureTcp?: boolean; timeoutMs?: number } = {},
): Promise<HostProbe> {
  const started = Date.now();
  let engine: NestedDockerEngine | undefined;
  try {
    engine = engineFor(entry, { env: opts.env, ssh: opts.ssh, allowInsecureTcp: opts.allowInsecureTcp, noRelay: true, hostCapsMask: null });
    const v = (await engine.hostClient.version({ abortSignal: AbortSignal.timeout(opts.timeoutMs ?? 8000) } as never)) as unknown as { Version?: string };
    return { reachable: true, version: v.Version, ms: Date.now() - started };
  } catch (err) {
    return { reachable: false, error: errorMessage(err), ms: Date.now() - started };
  } finally {
    engine?.dispose();
  }
}
