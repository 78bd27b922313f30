// Nest one level: the launch sequence (image, volume, create, start, wait) on the parent level's daemon, with
// the decisions taken by launchPolicy.ts and every Docker call made through parentDaemon.ts.
import * as crypto from 'crypto';
import { AbortError, NestedDockerError, errorMessage, isAbortError, printable, throwIfAborted } from '../core/errors';
import { LevelInfo, NestOptions, NestProgress } from '../core/types';
import { findLevel } from '../levels/discovery';
import { DEFAULT_IMAGE, FALLBACK_IMAGE, Labels, containerNameFor, volumeNameFor } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import { makeFinding } from '../preflight/catalog';
import { classify } from '../preflight/classify';
import { DenialFacts, explainDenials } from '../preflight/denials';
import { launchDood } from './dood';
import { entrypointScript } from './entrypoint';
import { levelContainerOptions } from './launchConfig';
import {
  afterRefusal, Attempt, CreatedSoFar, DaemonProfile, firstAttempt, LaunchMemory, rollbackPlan, sysboxRefusal,
} from './launchPolicy';
import { LaunchHost, ParentDaemon } from './parentDaemon';
import { checkNestOptions } from './nestInputs';

export interface LaunchContext {
  /** The daemon a level is created on, for a parent node (dockerode in the engine, a fake in unit tests). */
  daemonOf(parent: LevelNode): ParentDaemon;
  host: LaunchHost;
  /** Host folder for relay sockets; undefined when the host daemon is not on this machine. */
  relayDir?: string;
  memory: LaunchMemory;
  log: (line: string) => void;
  /** Level 0's socket on its own machine (what a DooD level on the host mounts); default /var/run/docker.sock. */
  hostSocket?: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;

function newLevelId(): string {
  return `l${crypto.randomBytes(3).toString('hex')}`;
}

/** Creates a level on `opts.parentId` (default: the host) and waits until its daemon answers; undoes all on failure. */
export async function launchLevel(ctx: LaunchContext, root: LevelNode, opts: NestOptions): Promise<LevelInfo> {
  const report = (p: NestProgress) => opts.onProgress?.(p);
  const parent = resolveParent(root, opts.parentId);
  const id = opts.id ?? newLevelId();
  if (!ID_PATTERN.test(id)) {
    throw new NestedDockerError(`invalid level id '${printable(id)}'`, 'use 2–32 lower-case letters, digits and dashes', 'bad-id');
  }
  checkNestOptions(opts, parent.info.depth);
  const existing = findLevel(root, id);
  // A data-only level is re-nested on its kept volume by nesting its id again on the same parent.
  const renest = existing?.info.state === 'data-only' && existing.parent === parent;
  if (existing && !renest) {
    throw new NestedDockerError(`a level named ${id} already exists`, existing.info.state === 'data-only'
      ? `its data is on ${existing.info.parentId}: re-nest it there (--parent ${existing.info.parentId}), or choose another --id`
      : 'choose another --id', 'bad-id');
  }
  const daemon = ctx.daemonOf(parent);
  if (opts.mode === 'dood') {
    // A level's own dockerd listens on /var/run/docker.sock inside it (resources/entrypoint.sh).
    const socket = parent.info.depth === 0 ? (ctx.hostSocket ?? '/var/run/docker.sock') : '/var/run/docker.sock';
    return launchDood(daemon, parent, id, socket, opts);
  }
  const profile = profileOf(parent);
  const sysboxError = sysboxRefusal(profile, opts.mode ?? 'auto', id);
  if (sysboxError) throw sysboxError;
  const image = opts.image || (await defaultImage(parent, daemon));
  const volume = volumeNameFor(id);
  // Relay only where every level above shares the host's relay folder; otherwise the level is reached by tunnel.
  const relayDir = ctx.relayDir && (parent.info.depth === 0 || !!parent.relaySocket) ? ctx.relayDir : undefined;
  const created: CreatedSoFar = {};
  const startedAt = Date.now();
  const nestToken = crypto.randomBytes(6).toString('hex');

  try {
    await daemon.supplyImage(image, report, opts.signal);
    throwIfAborted(opts.signal);
    report({ step: 'volume', message: `Preparing volume ${volume}` });
    if (await ensureVolume(daemon, volume, id, nestToken)) created.createdVolume = volume;
    throwIfAborted(opts.signal);
    if (relayDir && parent.info.depth === 0) ctx.host.ensureRelayDir(relayDir);
    let attempt = firstAttempt(profile, opts.mode ?? 'auto', ctx.memory, !!relayDir);
    for (;;) {
      throwIfAborted(opts.signal);
      created.relaySocket = attempt.relay && relayDir ? { dir: relayDir, name: `${id}.sock` } : undefined;
      const refused = await createAndStart(daemon, parent, { id, image, volume, nestToken, attempt, created, opts }, report);
      if (refused === undefined) break;
      throwIfAborted(opts.signal);
      const decision = afterRefusal(refused, attempt, { daemon: profile, requested: opts.mode ?? 'auto', levelId: id, memory: ctx.memory });
      if (decision.next === 'fail') throw decision.error;
      ctx.memory.learn(profile, decision.lesson);
      if (decision.log) ctx.log(decision.log);
      if (created.relaySocket && !decision.attempt.relay) ctx.host.removeRelaySocket(created.relaySocket.dir, created.relaySocket.name);
      attempt = decision.attempt;
    }
    report({ step: 'wait', message: `Waiting for the daemon of level ${id}` });
    const node = await daemon.waitReady(created.containerId!, id, image, opts);
    node.info.mode = attempt.mode;
    report({ step: 'done', message: `Level ${id} is ready (${node.info.transport})` });
    return node.info;
  } catch (err) {
    // Facts the diagnosis needs from the level's container, read before the rollback removes it.
    const launched = created.containerId && err instanceof NestedDockerError ? await daemon.containerDenialFacts(created.containerId) : undefined;
    report({ step: 'rollback', message: `Rolling back level ${id}` });
    const left = await rollBack(ctx, daemon, id, created, !!opts.keepVolumeOnFailure);
    // Only the user's cancel reads as one: a call past its deadline aborts its request the same way.
    if (isAbortError(err) && opts.signal?.aborted) {
      throw new AbortError(`nesting level ${id} was cancelled; ${left.length ? leftBehind(left, parent.info.id, id, created) : 'nothing was left behind'}`);
    }
    if (err instanceof NestedDockerError) {
      // A refused image load happened in the parent level: its own facts explain it.
      await diagnose(err, ctx, startedAt, err.code === 'seed-failed' ? await daemon.ownDenialFacts() : launched);
    }
    throw left.length ? withLeftBehind(err, leftBehind(left, parent.info.id, id, created)) : err;
  }
}

/** What a rollback could not remove (its parent stopped answering mid-way), and how the user clears it. */
function leftBehind(left: string[], parentId: string, id: string, created: CreatedSoFar): string {
  const purge = created.createdVolume && left.some((l) => l.startsWith('volume')) ? ' with its data (its volume is new and empty)' : '';
  return `the rollback could not remove ${left.join(' or ')}: once ${parentId} answers, collapse level ${id}${purge} ` +
    `(Remove Level… on it in the Nested Docker view, or \`nested-docker collapse ${id}${purge ? ' --purge' : ''}\`)`;
}

function withLeftBehind(err: unknown, note: string): NestedDockerError {
  const known = err instanceof NestedDockerError ? err : undefined;
  const out = new NestedDockerError(`${errorMessage(err)}; ${note}`, known?.hint, known?.code ?? 'nest-failed', known?.logTail);
  out.findings = known?.findings;
  return out;
}

interface CreateStep {
  id: string;
  image: string;
  volume: string;
  nestToken: string;
  attempt: Attempt;
  created: CreatedSoFar;
  opts: NestOptions;
}

/** One attempt; resolves with the daemon's refusal (its container already removed), or undefined once started. */
async function createAndStart(
  daemon: ParentDaemon,
  parent: LevelNode,
  s: CreateStep,
  report: (p: NestProgress) => void,
): Promise<string | undefined> {
  const { attempt, opts } = s;
  report({ step: 'create', message: `Creating level ${s.id} (${attempt.mode}) on ${parent.info.id}` });
  try {
    s.created.containerId = await daemon.createContainer(levelContainerOptions({
      id: s.id, name: containerNameFor(s.id), image: s.image, depth: parent.info.depth + 1, parentId: parent.info.id,
      parentVersion: parent.info.facts?.version, parentCapsMask: parent.capsMask, mode: attempt.mode, caps: attempt.caps,
      volume: s.volume, nestToken: s.nestToken, relayDir: s.created.relaySocket?.dir, socketName: s.created.relaySocket?.name,
      socketGroup: process.getgid?.(), entrypoint: entrypointScript().toString('utf8'), daemonArgs: opts.daemonArgs,
      logToFile: opts.logToFile, skipCgroupSetup: opts.skipCgroupSetup, iptablesLegacy: opts.iptablesLegacy,
      apparmorUnconfined: opts.apparmorUnconfined, apparmorProfile: opts.apparmorProfile,
    }));
    report({ step: 'start', message: `Starting level ${s.id}` });
    // A wedged runtime must not hang the nest forever: the start shares the level's start timeout.
    await daemon.startContainer(s.created.containerId, opts.startTimeoutMs ?? 60_000, opts.signal);
    return undefined;
  } catch (err) {
    if (s.created.containerId) await daemon.removeContainer(s.created.containerId).catch(() => undefined);
    s.created.containerId = undefined;
    throwIfAborted(opts.signal);
    // A daemon that did not answer refused nothing: another mode would only wait on it again.
    if (err instanceof NestedDockerError && err.code === 'daemon-hung') throw err;
    return errorMessage(err);
  }
}

/** Undoes what the launch made; resolves with what it could not remove (e.g. the parent stopped answering). */
async function rollBack(ctx: LaunchContext, daemon: ParentDaemon, id: string, created: CreatedSoFar, keepVolume: boolean): Promise<string[]> {
  const left: string[] = [];
  for (const step of rollbackPlan(id, created, keepVolume)) {
    switch (step.undo) {
      case 'connection':
        daemon.forgetConnection(step.levelId);
        break;
      case 'container':
        await daemon.removeContainer(step.id).catch((err) => left.push(`container ${containerNameFor(id)} (${errorMessage(err)})`));
        break;
      case 'volume':
        await daemon.removeVolume(step.name).catch((err) => left.push(`volume ${step.name} (${errorMessage(err)})`));
        break;
      case 'relay-socket':
        ctx.host.removeRelaySocket(step.dir, step.name);
        break;
    }
  }
  return left;
}

/** Classifies what a failed nest left as evidence, so the user sees a cause, not just a log. */
async function diagnose(err: NestedDockerError, ctx: LaunchContext, startedAt: number, facts?: DenialFacts): Promise<void> {
  const kernel = ctx.relayDir ? await ctx.host.recentKernelLog(startedAt) : { lines: [] };
  const text = [err.message, err.logTail ?? '', ...kernel.lines].join('\n');
  const found = classify(text);
  // Mounts denied to a level with CAP_SYS_ADMIN under a confining AppArmor label read as "not privileged" in text
  // alone; the facts say AppArmor (quiet audit mode prints no DENIED line).
  // Info findings of the rules are left out here; a possible-cause guess (where no rule explained the failure, or
  // a surer second beside a single rule's cause) is kept, marked as the weak match it is.
  const explained = (facts ? explainDenials(found, text, facts) : found).filter((f) => f.severity !== 'info' || f.confidence !== undefined);
  // The kernel's OOM lines may be hidden (dmesg restricted, a remote host); Docker's own record of the kill is enough,
  // and it goes first, in place of what the text alone suggested of the same cause.
  err.findings = err.code === 'daemon-oom'
    ? [makeFinding('memory-limit', 'docker inspect: State.OOMKilled true for the level\'s container'), ...explained.filter((f) => f.id !== 'memory-limit')]
    : explained;
}

function resolveParent(root: LevelNode, parentId: string | undefined): LevelNode {
  const parent = parentId ? findLevel(root, parentId) : root;
  if (!parent) {
    throw new NestedDockerError(`no level '${printable(parentId ?? '')}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
  }
  if (parent.info.mode === 'dood') {
    throw new NestedDockerError(
      `level ${parent.info.id} is a DooD level: it shares the daemon of ${parent.info.parentId} and has none to nest on`,
      `nest on ${parent.info.parentId} instead`,
      'bad-parent',
    );
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

function profileOf(parent: LevelNode): DaemonProfile {
  const facts = parent.info.facts;
  return {
    key: parent.info.containerId ?? parent.info.id,
    levelId: parent.info.id,
    depth: parent.info.depth,
    version: facts?.version,
    runtimes: facts?.runtimes,
    capsMask: parent.capsMask,
    mode: parent.info.mode,
  };
}

/**
 * A tower uses one image: a nested level gets its parent's image; on the host, the offline-built image when it is
 * there, else the official docker:dind.
 */
async function defaultImage(parent: LevelNode, daemon: ParentDaemon): Promise<string> {
  if (parent.info.image) return parent.info.image;
  return (await daemon.hasImage(DEFAULT_IMAGE)) ? DEFAULT_IMAGE : FALLBACK_IMAGE;
}

/** Creates the level's data volume (true), or reuses the one a collapse kept (false: its images survive). */
async function ensureVolume(daemon: ParentDaemon, volume: string, id: string, nestToken: string): Promise<boolean> {
  const labels = await daemon.volumeLabels(volume);
  if (labels) {
    if (labels[Labels.managed] === 'true') return false;
    throw new NestedDockerError(
      `volume ${volume} exists but was not made by Nested Docker Sessions`,
      'choose another level id with --id; the product never takes over volumes it did not create',
      'volume-conflict',
    );
  }
  await daemon.createVolume(volume, { [Labels.managed]: 'true', [Labels.level]: id, [Labels.nest]: nestToken });
  return true;
}
