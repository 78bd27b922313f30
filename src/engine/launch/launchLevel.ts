import * as crypto from 'crypto';
import type Dockerode from 'dockerode';
import { capNames, CAPABILITY_NAMES, maskHex, missingCaps } from '../core/capabilities';
import { LevelDirectory, findLevel } from '../levels/discovery';
import { AbortError, NestedDockerError, errorMessage, isAbortError, statusCode, throwIfAborted } from '../core/errors';
import { explainStartFailure } from './failure';
import { hasImage, imageUnavailable, pullImage, seedImage } from './imageTransfer';
import { DEFAULT_IMAGE, FALLBACK_IMAGE, IN_LEVEL_ENTRYPOINT, IN_LEVEL_RELAY_DIR, Labels, containerNameFor, volumeNameFor } from '../levels/labels';
import { hostConfigFor, isCapsError, unknownCapability } from './launchConfig';
import { ancestors, LevelNode } from '../levels/levelNode';
import { waitReady, withDeadline } from './readiness';
import { ensureRelayDir, removeRelaySocket } from '../transport/relayFolder';
import { recentKernelLog } from './kernelLog';
import { classify } from '../preflight/classify';
import { entrypointScript } from './entrypoint';
import { LaunchMode, LevelInfo, NestOptions, NestProgress, UsedMode } from '../core/types';

export interface LaunchContext {
  directory: LevelDirectory;
  /** Host folder for relay sockets; undefined when the host daemon is not on this machine. */
  relayDir?: string;
  /** Daemons (by daemon id) where --privileged was refused, so auto goes straight to capabilities. */
  privilegedRefused: Set<string>;
  /** Capabilities a daemon version does not know (Docker 20.10 predates PERFMON, BPF, CHECKPOINT_RESTORE). */
  unknownCaps: Map<string, Set<string>>;
  log: (line: string) => void;
}

/** Capabilities asked for when the parent's bounding set is unknown: Docker's defaults plus what dockerd needs. */
const CONSERVATIVE_CAPS = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP',
  'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'IPC_LOCK', 'SYS_NICE',
];

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;

function newLevelId(): string {
  return `l${crypto.randomBytes(3).toString('hex')}`;
}

export async function launchLevel(ctx: LaunchContext, root: LevelNode, opts: NestOptions): Promise<LevelInfo> {
  const report = (p: NestProgress) => opts.onProgress?.(p);
  const parent = resolveParent(root, opts.parentId);
  const id = opts.id ?? newLevelId();
  if (!ID_PATTERN.test(id)) {
    throw new NestedDockerError(`invalid level id '${id}'`, 'use 2–32 lower-case letters, digits and dashes', 'bad-id');
  }
  if (findLevel(root, id)) throw new NestedDockerError(`a level named ${id} already exists`, 'choose another --id', 'bad-id');
  const image = opts.image || (await defaultImage(parent));
  const client = parent.client!;
  const depth = parent.info.depth + 1;
  const name = containerNameFor(id);
  const volume = volumeNameFor(id);
  // Relay only where every level above shares the host's relay folder; otherwise the level is reached by tunnel.
  let relayDir = ctx.relayDir && (depth === 1 || !!parent.relaySocket) ? ctx.relayDir : undefined;
  let socketName = relayDir ? `${id}.sock` : undefined;
  let container: Dockerode.Container | undefined;
  let createdVolume = false;
  const startedAt = Date.now();

  try {
    await ensureImage(parent, image, report, opts.signal);
    report({ step: 'volume', message: `Preparing volume ${volume}` });
    createdVolume = await ensureVolume(client, volume, id);
    if (ctx.relayDir && depth === 1) ensureRelayDir(ctx.relayDir);
    let mode = chooseMode(parent, opts.mode ?? 'auto', ctx);
    let caps = mode === 'capabilities' ? capsFor(parent, ctx) : undefined;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(opts.signal);
      report({ step: 'create', message: `Creating level ${id} (${mode}) on ${parent.info.id}` });
      try {
        container = await createLevelContainer(client, {
          id, name, image, depth, parent, mode, caps, volume, socketName, relayDir, opts,
        });
        report({ step: 'start', message: `Starting level ${id}` });
        // A wedged runtime must not hang the nest forever: the start shares the level's start timeout.
        await container.start({ abortSignal: withDeadline(opts.signal, opts.startTimeoutMs ?? 60_000) } as never);
        break;
      } catch (err) {
        const msg = errorMessage(err);
        if (container) await removeQuietly(container);
        container = undefined;
        throwIfAborted(opts.signal);
        // A unix socket mounted from another machine or VM (a dev container): the daemon cannot see the relay folder.
        if (relayDir && depth === 1 && /bind source path does not exist|bind mount source path does not exist|invalid mount config/i.test(msg)) {
          ctx.log(`the daemon of ${parent.info.id} cannot see ${relayDir}; level ${id} will be reached by exec tunnel`);
          removeRelaySocket(relayDir, socketName);
          relayDir = undefined;
          socketName = undefined;
          continue;
        }
        const unknown = unknownCapability(msg);
        if (mode === 'capabilities' && unknown && caps && attempt < 8) {
          const known = ctx.unknownCaps.get(versionKey(parent)) ?? new Set<string>();
          ctx.unknownCaps.set(versionKey(parent), known.add(unknown));
          caps = caps.filter((c) => c !== unknown);
          continue;
        }
        if (isCapsError(msg) && mode === 'privileged' && (opts.mode ?? 'auto') === 'auto' && attempt < 5) {
          ctx.privilegedRefused.add(daemonKey(parent));
          ctx.log(`privileged refused on ${parent.info.id} (${msg}); retrying in capabilities mode`);
          mode = 'capabilities';
          caps = capsFor(parent, ctx);
          continue;
        }
        if (isCapsError(msg)) {
          throw new NestedDockerError(
            `level ${id}: the daemon of ${parent.info.id} cannot grant every capability that ${mode} mode asks for: ${msg}`,
            'nest with --mode capabilities (or auto, which falls back by itself)',
            'caps-unavailable',
            msg,
          );
        }
        throw explainStartFailure(id, msg);
      }
    }
    report({ step: 'wait', message: `Waiting for the daemon of level ${id}` });
    const node = await waitReady(ctx, parent, container, id, opts, image);
    node.info.mode = mode;
    report({ step: 'done', message: `Level ${id} is ready (${node.info.transport})` });
    return node.info;
  } catch (err) {
    report({ step: 'rollback', message: `Rolling back level ${id}` });
    ctx.directory.forget(id);
    if (container) await removeQuietly(container);
    if (createdVolume && !opts.keepVolumeOnFailure) await client.getVolume(volume).remove().catch(() => undefined);
    removeRelaySocket(relayDir, socketName);
    if (isAbortError(err)) throw new AbortError(`nesting level ${id} was cancelled; nothing was left behind`);
    if (err instanceof NestedDockerError) await diagnose(err, ctx, startedAt);
    throw err;
  }
}

/** Classifies what a failed nest left as evidence, so the user sees a cause, not just a log. */
async function diagnose(err: NestedDockerError, ctx: LaunchContext, startedAt: number): Promise<void> {
  const kernel = ctx.relayDir ? await recentKernelLog(startedAt) : { lines: [], restricted: true };
  const text = [err.message, err.logTail ?? '', ...kernel.lines].join('\n');
  err.findings = classify(text).filter((f) => f.severity !== 'info');
}

function resolveParent(root: LevelNode, parentId: string | undefined): LevelNode {
  const parent = parentId ? findLevel(root, parentId) : root;
  if (!parent) {
    throw new NestedDockerError(`no level '${parentId}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
  }
  if (parent.info.state !== 'ready' || !parent.client) {
    throw new NestedDockerError(
      `level ${parent.info.id} is not ready (${parent.info.state}${parent.info.error ? `: ${parent.info.error}` : ''})`,
      'nest on a ready level; collapse and re-nest this one if its daemon died',
      'not-ready',
    );
  }
  return parent;
}

async function ensureImage(
  parent: LevelNode,
  image: string,
  report: (p: NestProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  report({ step: 'image', message: `Checking image ${image} on ${parent.info.id}` });
  if (await hasImage(parent.client!, image)) return;
  for (const source of ancestors(parent)) {
    if (!source.client || !(await hasImage(source.client, image))) continue;
    report({ step: 'seed', message: `Seeding ${image} from ${source.info.id} into ${parent.info.id}`, bytes: 0 });
    await seedImage(source.client, parent.client!, image, (p) =>
      report({
        step: 'seed',
        message: `Seeding ${image} into ${parent.info.id}: ${mb(p.bytes)}${p.totalBytes ? ` of ~${mb(p.totalBytes)}` : ''}`,
        bytes: p.bytes,
        totalBytes: p.totalBytes,
      }), signal);
    return;
  }
  try {
    report({ step: 'image', message: `Pulling ${image} on ${parent.info.id}` });
    await pullImage(parent.client!, image, (m) => report({ step: 'image', message: `Pulling ${image}: ${m}` }), signal);
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw imageUnavailable(image, err);
  }
}

/**
 * A tower uses one image: a nested level gets its parent's image; on the host, the offline-built image when it is
 * there, else the official docker:dind.
 */
async function defaultImage(parent: LevelNode): Promise<string> {
  if (parent.info.image) return parent.info.image;
  return (await hasImage(parent.client!, DEFAULT_IMAGE)) ? DEFAULT_IMAGE : FALLBACK_IMAGE;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Creates the level's data volume, or reuses the one a collapse kept (its images survive). */
async function ensureVolume(client: Dockerode, volume: string, id: string): Promise<boolean> {
  try {
    const existing = await client.getVolume(volume).inspect();
    if (existing.Labels?.[Labels.managed] !== 'true') {
      throw new NestedDockerError(
        `volume ${volume} exists but was not made by Nested Docker Sessions`,
        'choose another level id with --id; the product never takes over volumes it did not create',
        'volume-conflict',
      );
    }
    return false;
  } catch (err) {
    if (statusCode(err) !== 404) throw err;
  }
  await client.createVolume({ Name: volume, Labels: { [Labels.managed]: 'true', [Labels.level]: id } });
  return true;
}

function daemonKey(node: LevelNode): string {
  return node.info.containerId ?? node.info.id;
}

function chooseMode(parent: LevelNode, requested: LaunchMode, ctx: LaunchContext): UsedMode {
  if (requested !== 'auto') return requested;
  if (parent.info.facts?.runtimes?.includes('sysbox-runc')) return 'sysbox';
  if (ctx.privilegedRefused.has(daemonKey(parent))) return 'capabilities';
  // A bounding set that lacks a capability makes --privileged fail ("unable to apply caps"): skip the doomed try.
  if (parent.capsMask !== undefined && missingCaps(parent.capsMask, CAPABILITY_NAMES.length - 1).length > 0) {
    return 'capabilities';
  }
  return 'privileged';
}

/** Capabilities newer than Docker 20.10's list: that daemon refuses them by name, so do not offer them at all. */
const NEWER_CAPS = ['PERFMON', 'BPF', 'CHECKPOINT_RESTORE'];

function capsFor(parent: LevelNode, ctx: LaunchContext): string[] {
  const major = Number((parent.info.facts?.version ?? '').split('.')[0]);
  if (Number.isFinite(major) && major > 0 && major < 23 && !ctx.unknownCaps.has(versionKey(parent))) {
    ctx.unknownCaps.set(versionKey(parent), new Set(NEWER_CAPS));
  }
  const unknown = ctx.unknownCaps.get(versionKey(parent));
  const caps = parent.capsMask !== undefined ? capNames(parent.capsMask) : CONSERVATIVE_CAPS;
  return unknown ? caps.filter((c) => !unknown.has(c)) : caps;
}

function versionKey(node: LevelNode): string {
  return node.info.facts?.version ?? 'unknown';
}

interface CreateInputs {
  id: string;
  name: string;
  image: string;
  depth: number;
  parent: LevelNode;
  mode: UsedMode;
  caps?: string[];
  volume: string;
  socketName?: string;
  relayDir?: string;
  opts: NestOptions;
}

async function createLevelContainer(client: Dockerode, i: CreateInputs): Promise<Dockerode.Container> {
  // The parent daemon resolves the bind source in its own filesystem: the host folder at depth 1, then the
  // same folder as mounted inside the parent level.
  const relaySource = i.relayDir ? (i.depth === 1 ? i.relayDir : IN_LEVEL_RELAY_DIR) : undefined;
  const grantedMask = i.mode === 'capabilities' && i.caps ? capsToMask(i.caps) : i.parent.capsMask;
  const labels: Record<string, string> = {
    [Labels.managed]: 'true',
    [Labels.level]: i.id,
    [Labels.depth]: String(i.depth),
    [Labels.parent]: i.parent.info.id,
    [Labels.mode]: i.mode,
    [Labels.image]: i.image,
    [Labels.volume]: i.volume,
    [Labels.log]: i.opts.logToFile ? 'file' : 'stdout',
  };
  if (grantedMask !== undefined) labels[Labels.caps] = maskHex(grantedMask);
  if (i.socketName) labels[Labels.relaySocket] = i.socketName;
  const env = [
    `NESTED_DOCKER_LEVEL=${i.id}`,
    `NESTED_DOCKER_LOG=${i.opts.logToFile ? 'file' : 'stdout'}`,
  ];
  if (i.socketName) {
    env.push(`NESTED_DOCKER_RELAY_SOCKET=${IN_LEVEL_RELAY_DIR}/${i.socketName}`);
    const gid = process.getgid?.();
    if (gid !== undefined) env.push(`NESTED_DOCKER_SOCKET_GROUP=${gid}`);
  }
  if (i.opts.skipCgroupSetup) env.push('NESTED_DOCKER_SKIP_CGROUP=1');
  if (i.opts.iptablesLegacy) env.push('NESTED_DOCKER_IPTABLES=legacy');
  const container = await client.createContainer({
    name: i.name,
    Image: i.image,
    Hostname: `l${i.depth}-${i.id}`.slice(0, 63),
    // The wrapper travels as the shell's argument: no extra upload round trip, and it survives `docker restart`.
    Entrypoint: ['/bin/sh', '-c', entrypointScript().toString('utf8'), IN_LEVEL_ENTRYPOINT],
    Cmd: i.opts.daemonArgs ?? [],
    Env: env,
    Labels: labels,
    Tty: false,
    HostConfig: hostConfigFor({
      mode: i.mode,
      caps: i.caps,
      apparmorUnconfined: i.opts.apparmorUnconfined,
      volume: i.volume,
      relaySource,
      relayTarget: IN_LEVEL_RELAY_DIR,
      privateCgroupns: supportsCgroupns(i.parent),
    }),
  });
  return container;
}

/** Docker 20.10 (API 1.41) added cgroup namespaces; older daemons reject the field. */
function supportsCgroupns(parent: LevelNode): boolean {
  const major = Number((parent.info.facts?.version ?? '').split('.')[0]);
  return Number.isFinite(major) && major >= 20;
}

function capsToMask(caps: string[]): bigint {
  let mask = 0n;
  for (const c of caps) {
    const bit = CAPABILITY_NAMES.indexOf(c as (typeof CAPABILITY_NAMES)[number]);
    if (bit >= 0) mask |= 1n << BigInt(bit);
  }
  return mask;
}

async function removeQuietly(container: Dockerode.Container): Promise<void> {
  await container.remove({ force: true, v: false }).catch(() => undefined);
}
