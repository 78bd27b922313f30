// Start, stop and restart levels that already exist: the container goes up again on its parent's daemon, dockerd
// comes up on its kept data, the transport reconnects, and children that went down with it follow, deepest last.
import * as fs from 'fs';
import { NestedDockerError, statusCode, throwIfAborted } from '../core/errors';
import { LifecycleOptions } from '../core/types';
import { findLevel, LevelDirectory } from '../levels/discovery';
import { HOST_LEVEL_ID, IN_LEVEL_RELAY_DIR } from '../levels/labels';
import { endedWithParent } from '../levels/levelState';
import { ancestors, deepestFirst, LevelNode } from '../levels/levelNode';
import { waitReady } from './readiness';
import { ensureRelayDir } from '../transport/relayFolder';

export interface LifecycleContext {
  levels: LevelDirectory;
  relayDir?: string;
  /** A fresh tree (levels only); each step looks again, since starting a level reveals its children. */
  discover(): Promise<LevelNode>;
}

/** Starts a level, first the stopped levels above it, then its children that were running when it went down. */
export async function startLevel(ctx: LifecycleContext, id: string, opts: LifecycleOptions = {}): Promise<string[]> {
  const target = existing(await ctx.discover(), id);
  const chain = [...ancestors(target).reverse().filter((n) => n.info.depth > 0), target].map((n) => n.info.id);
  const started: string[] = [];
  for (const levelId of chain) await startTree(ctx, levelId, opts, started);
  return started;
}

async function startTree(ctx: LifecycleContext, id: string, opts: LifecycleOptions, started: string[]): Promise<void> {
  throwIfAborted(opts.signal);
  const node = existing(await ctx.discover(), id);
  if (node.info.state === 'ready') return;
  // A level that went down by itself stopped at its container's end; one whose daemon hangs, now.
  const wentDownAt = node.info.stoppedAt ?? new Date().toISOString();
  await bringUp(ctx, node, opts);
  started.push(id);
  const fresh = existing(await ctx.discover(), id);
  for (const child of fresh.children) {
    if (child.info.state === 'stopped' && endedWithParent({ FinishedAt: child.info.stoppedAt }, wentDownAt)) {
      await startTree(ctx, child.info.id, opts, started);
    }
  }
}

async function bringUp(ctx: LifecycleContext, node: LevelNode, opts: LifecycleOptions): Promise<void> {
  const id = node.info.id;
  if (!node.container || !node.parent?.client) {
    throw new NestedDockerError(
      `level ${id} cannot be reached to start it (${node.info.error ?? node.info.state})`,
      'start its parent level first',
      'not-ready',
    );
  }
  opts.onProgress?.(`Starting level ${id}`);
  ctx.levels.forget(id);
  if (ctx.relayDir && node.info.depth === 1) await remakeBoundRelayFolder(node);
  if (node.info.state === 'unreachable' || node.info.state === 'starting') {
    // The container runs but its daemon does not answer: a restart brings dockerd up again on the same data.
    await node.container.restart({ t: 10 });
  } else {
    await node.container.start().catch((err) => {
      if (statusCode(err) !== 304) throw err;
    });
  }
  opts.onProgress?.(`Waiting for the daemon of level ${id}`);
  await waitReady({ levels: ctx.levels, relayDir: ctx.relayDir }, node.parent, node.container, id,
    { startTimeoutMs: opts.startTimeoutMs, signal: opts.signal }, node.info.image ?? '');
}

/**
 * A level 1 binds the relay folder it was created with: made again, private, where a reboot or a temp cleaner removed
 * it (Docker refuses to start a container whose bind source is gone). The folder its container names, not today's
 * default (XDG_RUNTIME_DIR may differ), and nothing for a level that binds none.
 */
async function remakeBoundRelayFolder(node: LevelNode): Promise<void> {
  const info = await node.container!.inspect().catch(() => undefined);
  const source = info?.Mounts?.find((m) => m.Destination === IN_LEVEL_RELAY_DIR)?.Source;
  if (source && !fs.existsSync(source)) ensureRelayDir(source);
}

/** Stops a level and everything nested in it, deepest first, each daemon shutting down cleanly on its data. */
export async function stopLevel(ctx: LifecycleContext, id: string, opts: LifecycleOptions = {}): Promise<string[]> {
  const target = existing(await ctx.discover(), id);
  const stopped: string[] = [];
  for (const node of deepestFirst(target)) {
    throwIfAborted(opts.signal);
    if (!node.container || !node.parent?.client || !['ready', 'unreachable', 'starting'].includes(node.info.state)) continue;
    opts.onProgress?.(`Stopping level ${node.info.id}`);
    ctx.levels.forget(node.info.id);
    await node.container.stop({ t: 15 }).catch((err) => {
      if (statusCode(err) !== 304 && statusCode(err) !== 404) throw err;
    });
    stopped.push(node.info.id);
  }
  return stopped;
}

export async function restartLevel(ctx: LifecycleContext, id: string, opts: LifecycleOptions = {}): Promise<string[]> {
  await stopLevel(ctx, id, opts);
  return startLevel(ctx, id, opts);
}

function existing(root: LevelNode, id: string): LevelNode {
  const node = findLevel(root, id);
  if (!node) throw new NestedDockerError(`no level '${id}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
  if (node.info.id === HOST_LEVEL_ID && node.info.depth === 0) {
    throw new NestedDockerError('the host is level 0: its daemon is not a container to start or stop', 'start or stop Docker itself on the host', 'bad-id');
  }
  if (node.info.state === 'data-only') {
    throw new NestedDockerError(
      `level ${node.info.id} has only its data volume left (its container is gone)`,
      `re-nest it on the same data: nested-docker nest --parent ${node.info.parentId} --id ${node.info.id}`,
      'data-only',
    );
  }
  return node;
}
