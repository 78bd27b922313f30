// A DooD level (docker-outside-of-docker, the seeds' "whale inception" and "think twice"): a container with its
// parent's daemon socket mounted and a docker CLI in it. It is not nesting: it has no daemon of its own, the
// containers it starts run on the parent's daemon, and bind paths and published ports resolve there
// (preflight/dood.ts reports both pitfalls from what was run). Not privileged, no capabilities added.
import type Dockerode from 'dockerode';
import { NestedDockerError } from '../core/errors';
import { LevelInfo, NestOptions } from '../core/types';
import { DEFAULT_IMAGE, FALLBACK_IMAGE, Labels, containerNameFor } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import { ParentDaemon } from './parentDaemon';

/** Where the parent's socket appears inside the DooD container (what the docker CLI there dials by default). */
const DOOD_SOCKET = '/var/run/docker.sock';

/** Keeps the container alive without a daemon: a shell that sleeps and exits on TERM. */
const IDLE_SCRIPT = 'trap "exit 0" TERM INT; while :; do sleep 3600 & wait $!; done';

export interface DoodInputs {
  id: string;
  image: string;
  parent: Pick<LevelInfo, 'id' | 'depth'>;
  /** The parent daemon's socket, as a path on the parent's own filesystem. */
  parentSocket: string;
  /** `HOST:CONTAINER[/proto]` or `ADDRESS:HOST:CONTAINER` publications on the parent. */
  ports?: string[];
  /** `SOURCE:TARGET[:ro]` binds from the parent's filesystem. */
  binds?: string[];
}

/** Parses `[ADDRESS:]HOST:CONTAINER[/proto]` into Docker's ExposedPorts/PortBindings. */
export function portBindingsOf(specs: readonly string[]): { exposed: Record<string, object>; bindings: Record<string, { HostIp: string; HostPort: string }[]> } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const spec of specs) {
    const m = /^(?:(\d+\.\d+\.\d+\.\d+):)?(\d+):(\d+)(\/(?:tcp|udp))?$/.exec(spec);
    if (!m) throw new NestedDockerError(`'${spec}' is not a port to publish`, 'write HOST:CONTAINER, e.g. 8080:8080 (optionally 127.0.0.1:8080:8080)', 'usage');
    const key = `${m[3]}${m[4] ?? '/tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: m[1] ?? '', HostPort: m[2] });
  }
  return { exposed, bindings };
}

export function doodContainerOptions(i: DoodInputs): Dockerode.ContainerCreateOptions {
  const ports = portBindingsOf(i.ports ?? []);
  for (const b of i.binds ?? []) {
    if (!/^\/[^:]*:\/[^:]*(:ro|:rw)?$/.test(b)) throw new NestedDockerError(`'${b}' is not a bind`, 'write SOURCE:TARGET with absolute paths, e.g. /home/me/data:/data', 'usage');
  }
  return {
    name: containerNameFor(i.id),
    Image: i.image,
    Hostname: `dood-${i.id}`.slice(0, 63),
    Entrypoint: ['/bin/sh', '-c', IDLE_SCRIPT],
    Cmd: [],
    Env: [`NESTED_DOCKER_LEVEL=${i.id}`, `DOCKER_HOST=unix://${DOOD_SOCKET}`],
    Labels: {
      [Labels.managed]: 'true',
      [Labels.level]: i.id,
      // Same daemon as its parent, so the same depth: a DooD level is a sibling, not one level deeper.
      [Labels.depth]: String(i.parent.depth),
      [Labels.parent]: i.parent.id,
      [Labels.mode]: 'dood',
      [Labels.image]: i.image,
      [Labels.doodOf]: i.parent.id,
    },
    Tty: false,
    ExposedPorts: ports.exposed,
    HostConfig: {
      Init: true,
      Binds: [`${i.parentSocket}:${DOOD_SOCKET}`, ...(i.binds ?? [])],
      PortBindings: ports.bindings,
    },
  };
}

/** Starts a DooD level on `parent`'s daemon; removes the container again on any failure. */
export async function launchDood(
  daemon: ParentDaemon, parent: LevelNode, id: string, parentSocket: string, opts: NestOptions,
): Promise<LevelInfo> {
  if (parent.info.mode === 'dood') {
    throw new NestedDockerError(`level ${parent.info.id} is a DooD level and has no daemon of its own`, `nest on ${parent.info.parentId} instead`, 'bad-parent');
  }
  const report = opts.onProgress ?? (() => undefined);
  const image = opts.image || parent.info.image || ((await daemon.hasImage(DEFAULT_IMAGE)) ? DEFAULT_IMAGE : FALLBACK_IMAGE);
  await daemon.supplyImage(image, report, opts.signal);
  report({ step: 'create', message: `Creating DooD level ${id} on ${parent.info.id} (same daemon, socket mounted)` });
  const options = doodContainerOptions({ id, image, parent: parent.info, parentSocket, ports: opts.doodPorts, binds: opts.doodBinds });
  const containerId = await daemon.createContainer(options);
  try {
    report({ step: 'start', message: `Starting DooD level ${id}` });
    await daemon.startContainer(containerId, opts.startTimeoutMs ?? 60_000, opts.signal);
  } catch (err) {
    report({ step: 'rollback', message: `Rolling back DooD level ${id}` });
    await daemon.removeContainer(containerId).catch(() => undefined);
    throw err;
  }
  report({ step: 'done', message: `DooD level ${id} is running (it shares the daemon of ${parent.info.id})` });
  return {
    id, host: parent.info.host, depth: parent.info.depth, parentId: parent.info.id, state: 'ready', mode: 'dood',
    transport: parent.info.transport, containerId, containerName: containerNameFor(id), image, volume: null,
    dockerHost: parent.info.dockerHost, sharesDaemonOf: parent.info.id,
  };
}
