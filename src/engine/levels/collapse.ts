import type Dockerode from 'dockerode';
import { LevelDirectory, findLevel } from './discovery';
import { Labels } from './labels';
import { NestedDockerError, printable, statusCode, throwIfAborted } from '../core/errors';
import { deepestFirst, LevelNode } from './levelNode';
import { removeRelayDirIfEmpty, removeRelaySocket } from '../transport/relayFolder';
import { deadSockets } from './orphans';
import { CollapseOptions } from '../core/types';
import { removeContainer } from '../transport/containerRemoval';
import { answered } from '../core/deadline';

/**
 * Collapses a level and everything nested in it, deepest first, so each daemon is still up while its children are
 * removed. Data volumes stay (a re-nest with the same id finds its images) unless purge is asked.
 */
export async function collapseLevel(
  levels: LevelDirectory,
  relayDir: string | undefined,
  root: LevelNode,
  id: string,
  opts: CollapseOptions = {},
): Promise<string[]> {
  const target = findLevel(root, id);
  if (!target) throw new NestedDockerError(`no level '${printable(id)}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
  if (!target.parent) {
    throw new NestedDockerError('the host is level 0 and cannot be collapsed', 'collapse one of its levels, or --all', 'bad-id');
  }
  const removed = await removeSubtree(levels, relayDir, target, opts);
  await sweepDeadSockets(root, relayDir);
  return removed;
}

export async function collapseAll(
  levels: LevelDirectory,
  relayDir: string | undefined,
  root: LevelNode,
  opts: CollapseOptions = {},
): Promise<string[]> {
  const removed: string[] = [];
  for (const child of root.children) removed.push(...(await removeSubtree(levels, relayDir, child, opts)));
  // Even with no level left to collapse, the sockets of levels that died with a killed parent go.
  await sweepDeadSockets(root, relayDir);
  return removed;
}

async function removeSubtree(levels: LevelDirectory, relayDir: string | undefined, target: LevelNode, opts: CollapseOptions): Promise<string[]> {
  const removed: string[] = [];
  for (const node of deepestFirst(target)) {
    throwIfAborted(opts.signal);
    await removeOne(levels, relayDir, node, opts);
    removed.push(node.info.id);
  }
  return removed;
}

/**
 * The levels under a killed parent died with it, unseen by discovery (their daemon was the parent's); their relay
 * sockets would stay in the folder for good. Removed when nothing listens on them and no known level claims them; the
 * folder itself goes when that leaves it empty and no level container remains.
 */
async function sweepDeadSockets(root: LevelNode, relayDir: string | undefined): Promise<void> {
  for (const dead of await deadSockets(root, relayDir)) removeRelaySocket(relayDir, dead.name);
  // With no level container left on the host daemon, whatever its state (a stopped level 1 still binds the folder and
  // must find it when started; one another window is creating right now is listed too), the folder goes as well.
  if (relayDir && root.client && (await levelContainerCount(root.client)) === 0) removeRelayDirIfEmpty(relayDir);
}

async function levelContainerCount(client: Dockerode): Promise<number> {
  const listed = await client.listContainers({ all: true, filters: { label: [Labels.level] } }).catch(() => undefined);
  return listed ? listed.length : Number.POSITIVE_INFINITY;
}

async function removeOne(
  levels: LevelDirectory,
  relayDir: string | undefined,
  node: LevelNode,
  opts: CollapseOptions,
): Promise<void> {
  const parent = node.parent!;
  // A level whose parent daemon is gone went down with it; only its socket is left to remove.
  if (!parent.client || !node.container) {
    removeRelaySocket(relayDir, node.relaySocket);
    // A data-only level (container gone, volume kept on purpose): purging it is what deletes that data.
    if (parent.client && opts.purge && node.info.state === 'data-only' && node.info.volume) {
      opts.onProgress?.(`Purging volume ${node.info.volume}`);
      await purgeVolume(parent, node.info.volume);
    }
    return;
  }
  opts.onProgress?.(`Collapsing level ${node.info.id}`);
  levels.forget(node.info.id);
  try {
    // A graceful stop lets dockerd close its data cleanly, since the volume may be used again. Each call is bounded
    // (core/deadline.ts): a parent that stops answering fails the collapse, naming the call, instead of hanging it.
    const container = node.container;
    const daemonOf = parent.info.id;
    await answered((abortSignal) => container.stop({ t: 10, abortSignal }), { call: `the stop of level ${node.info.id}'s container`, daemonOf }).catch((err) => {
      if (statusCode(err) !== 304 && statusCode(err) !== 404) throw err;
    });
    await answered((abortSignal) => removeContainer(container, {}, abortSignal), { call: `the removal of level ${node.info.id}'s container`, daemonOf });
  } catch (err) {
    if (statusCode(err) !== 404) throw err;
  }
  removeRelaySocket(relayDir, node.relaySocket);
  if (opts.purge && node.info.volume) {
    opts.onProgress?.(`Purging volume ${node.info.volume}`);
    await purgeVolume(parent, node.info.volume);
  }
}

function purgeVolume(parent: LevelNode, volume: string): Promise<void> {
  const client = parent.client!;
  return answered((abortSignal) => client.getVolume(volume).remove({ abortSignal }), { call: `the removal of volume ${volume}`, daemonOf: parent.info.id })
    .catch((err) => {
      if (statusCode(err) !== 404) throw err;
    });
}
