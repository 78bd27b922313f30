import * as fs from 'fs';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { AbortError, throwIfAborted } from '../core/errors';
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
  const inspect = await container.inspect();
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
      const current = (await container.inspect({ abortSignal: withDeadline(opts.signal, CALL_TIMEOUT_MS) } as never)) as unknown;
      const state = (current as Dockerode.ContainerInspectInfo).State;
      if (!state.Running) throw explainEarlyExit(id, state.ExitCode, await readLogTail(container, 40));
    }
    const relayExpected = !!node.relaySocket;
    // The relay socket appears the moment dockerd listens; the tunnel costs an exec per try, so try it less often.
    const tunnelDue = now - lastTunnelTry > 400 && (!relayExpected || now - started > 3000);
    if ((relayExpected && relaySocketExists(reach, node)) || tunnelDue) {
      lastTunnelTry = now;
      try {
        const client = await reach.levels.connect(node, 2000);
        const info = (await client.info({ abortSignal: withDeadline(opts.signal, CALL_TIMEOUT_MS) } as never)) as unknown as Record<string, unknown>;
        recordDaemonInfo(node.info, info);
        node.info.state = 'ready';
        return node;
      } catch {
        /* not yet */
      }
    }
    if (now - started > timeoutMs) throw timeoutError(id, Math.round(timeoutMs / 1000), await readLogTail(container, 40));
    await sleep(relayExpected ? 20 : 100, opts.signal);
  }
}

function relaySocketExists(reach: { relayDir?: string }, node: LevelNode): boolean {
  return fs.existsSync(path.join(reach.relayDir!, node.relaySocket!));
}

/** Each API call during a nest gets this long before it counts as a wedged daemon. */
const CALL_TIMEOUT_MS = 10_000;

/** The caller's cancel signal, also firing after `ms`. */
export function withDeadline(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

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
