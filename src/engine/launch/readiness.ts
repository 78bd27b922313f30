import * as fs from 'fs';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { AbortError, throwIfAborted } from '../core/errors';
import { answered, CALL_TIMEOUT_MS, withDeadline } from '../core/deadline';
import { explainEarlyExit, timeoutError } from './failure';
import { containerNameFor, Labels, volumeNameFor } from '../levels/labels';
import { LevelDirectory } from '../levels/discovery';
import { LevelNode, recordDaemonInfo } from '../levels/levelNode';
import { readLogTail } from '../session/logStream';
import { NestOptions } from '../core/types';

/**
 * Waits until a new level's daemon answers: through its relay socket the moment it appears, else through an exec
 * tunnel; a container that exits is reported at once with its log, and every call is bounded.
 */
export async function waitReady(
  reach: { levels: LevelDirectory; relayDir?: string },
  parent: LevelNode,
  container: Dockerode.Container,
  id: string,
  opts: NestOptions,
  image: string,
): Promise<LevelNode> {
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const started = Date.now();
  const daemonOf = parent.info.id;
  const inspectContainer = (): Promise<Dockerode.ContainerInspectInfo> =>
    answered((abortSignal) => container.inspect({ abortSignal }), { call: `an inspect of level ${id}'s container`, daemonOf, signal: opts.signal });
  const inspect = await inspectContainer();
  const node: LevelNode = {
    info: {
      id, host: parent.info.host, depth: parent.info.depth + 1, parentId: parent.info.id, state: 'starting', mode: 'privileged',
      transport: null, containerId: inspect.Id, containerName: containerNameFor(id), image,
      volume: volumeNameFor(id), dockerHost: null,
    },
    parent,
    children: [],
    container,
    relaySocket: inspect.Config.Labels?.[Labels.relaySocket] ?? '',
  };
  let lastTunnelTry = 0;
  let lastInspect = 0;
  for (;;) {
    throwIfAborted(opts.signal);
    const now = Date.now();
    if (now - lastInspect > 200) {
      lastInspect = now;
      const { State: state } = await inspectContainer();
      if (!state.Running) {
        const logTail = await readLogTail(container, 40, withDeadline(opts.signal, CALL_TIMEOUT_MS));
        throw explainEarlyExit(id, state.ExitCode, logTail, state.OOMKilled);
      }
    }
    const relayExpected = !!node.relaySocket;
    // The relay socket appears the moment dockerd listens; the tunnel costs an exec per try, so try it less often.
    const tunnelDue = now - lastTunnelTry > 400 && (!relayExpected || now - started > 3000);
    if ((relayExpected && relaySocketExists(reach, node)) || tunnelDue) {
      lastTunnelTry = now;
      try {
        const client = await reach.levels.connect(node, 2000);
        const info = (await client.info({ abortSignal: withDeadline(opts.signal, INFO_POLL_MS) } as never)) as unknown as Record<string, unknown>;
        recordDaemonInfo(node.info, info);
        node.info.state = 'ready';
        return node;
      } catch {
        /* not yet */
      }
    }
    if (now - started > timeoutMs) {
      throw timeoutError(id, Math.round(timeoutMs / 1000), await readLogTail(container, 40, withDeadline(opts.signal, CALL_TIMEOUT_MS)));
    }
    await sleep(relayExpected ? 20 : 100, opts.signal);
  }
}

function relaySocketExists(reach: { relayDir?: string }, node: LevelNode): boolean {
  return fs.existsSync(path.join(reach.relayDir!, node.relaySocket!));
}

/** A new daemon that takes longer than this over `docker info` is asked again on the next poll. */
const INFO_POLL_MS = 10_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
