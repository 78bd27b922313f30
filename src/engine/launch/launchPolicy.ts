// The decisions of a launch, as pure functions: which security mode, which capabilities, what to do when the
// parent daemon refuses a create or start, and what to undo after a failure. No Docker calls and no I/O here, so
// test/unit/launch/ drives every branch in milliseconds; launchLevel.ts carries the decisions out.
import { CAPABILITY_NAMES, capNames, missingCaps } from '../core/capabilities';
import { NestedDockerError } from '../core/errors';
import { LaunchMode, UsedMode } from '../core/types';
import { explainStartFailure } from './failure';

/** What the policy knows about the parent level's daemon. */
export interface DaemonProfile {
  /** Identity of that daemon (its level container, or the host's level id). */
  key: string;
  levelId: string;
  depth: number;
  version?: string;
  runtimes?: string[];
  /** Capability bounding set the daemon can grant, when known. */
  capsMask?: bigint;
  /** How the parent level itself was launched ('host' for level 0). */
  mode?: string;
}

/**
 * What earlier launches taught about each daemon, kept for the engine's lifetime: a daemon that refused
 * --privileged is not asked again, and capabilities a daemon version does not know are not offered again.
 */
export class LaunchMemory {
  private readonly privilegedRefused = new Set<string>();
  private readonly unknownCaps = new Map<string, Set<string>>();

  refusedPrivileged(daemon: DaemonProfile): boolean {
    return this.privilegedRefused.has(daemon.key);
  }

  unknownCapsOf(daemon: DaemonProfile): ReadonlySet<string> {
    const learned = this.unknownCaps.get(versionKey(daemon)) ?? new Set<string>();
    // Capabilities newer than Docker 20.10's list: that daemon refuses them by name, so do not offer them at all.
    return olderThan23(daemon.version) ? new Set([...NEWER_CAPS, ...learned]) : learned;
  }

  learn(daemon: DaemonProfile, lesson: Lesson | undefined): void {
    if (lesson?.kind === 'privileged-refused') this.privilegedRefused.add(daemon.key);
    if (lesson?.kind === 'unknown-cap') {
      const known = this.unknownCaps.get(versionKey(daemon)) ?? new Set<string>();
      this.unknownCaps.set(versionKey(daemon), known.add(lesson.cap));
    }
  }
}

export type Lesson = { kind: 'privileged-refused' } | { kind: 'unknown-cap'; cap: string };

const NEWER_CAPS = ['PERFMON', 'BPF', 'CHECKPOINT_RESTORE'];

/** Capabilities asked for when the parent's bounding set is unknown: Docker's defaults plus what dockerd needs. */
const CONSERVATIVE_CAPS = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP',
  'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'IPC_LOCK', 'SYS_NICE',
];

function versionKey(daemon: DaemonProfile): string {
  return daemon.version ?? 'unknown';
}

function majorVersion(version: string | undefined): number {
  return Number((version ?? '').split('.')[0]);
}

function olderThan23(version: string | undefined): boolean {
  const major = majorVersion(version);
  return Number.isFinite(major) && major > 0 && major < 23;
}

/** Docker 20.10 (API 1.41) added cgroup namespaces; older daemons reject the field. */
export function supportsCgroupns(version: string | undefined): boolean {
  const major = majorVersion(version);
  return Number.isFinite(major) && major >= 20;
}

/** The mode to try first: what was asked, or for auto sysbox, else privileged unless it is known to fail. */
export function chooseMode(daemon: DaemonProfile, requested: LaunchMode, memory: LaunchMemory): UsedMode {
  if (requested !== 'auto') return requested;
  if (sysboxUsable(daemon)) return 'sysbox';
  if (memory.refusedPrivileged(daemon)) return 'capabilities';
  // A bounding set that lacks a capability makes --privileged fail ("unable to apply caps"): skip the doomed try.
  if (daemon.capsMask !== undefined && missingCaps(daemon.capsMask, CAPABILITY_NAMES.length - 1).length > 0) {
    return 'capabilities';
  }
  return 'privileged';
}

export const SYSBOX_RUNTIME = 'sysbox-runc';

/** sysbox is picked only where the daemon lists its runtime, and never inside a sysbox level. */
export function sysboxUsable(daemon: DaemonProfile): boolean {
  return !!daemon.runtimes?.includes(SYSBOX_RUNTIME) && daemon.mode !== 'sysbox';
}

/** Why a requested sysbox launch cannot be made here (checked before anything is created), or undefined. */
export function sysboxRefusal(daemon: DaemonProfile, requested: LaunchMode, levelId: string): NestedDockerError | undefined {
  if (requested !== 'sysbox') return undefined;
  if (daemon.mode === 'sysbox') {
    return new NestedDockerError(
      `level ${levelId}: ${daemon.levelId} already runs under sysbox, and sysbox does not run inside sysbox`,
      `nest on ${daemon.levelId} with --mode auto (its daemon runs privileged levels inside the sysbox container), or nest the sysbox level on the host`,
      'sysbox-nested',
    );
  }
  if (!daemon.runtimes?.includes(SYSBOX_RUNTIME)) {
    return new NestedDockerError(
      `level ${levelId}: the daemon of ${daemon.levelId} has no ${SYSBOX_RUNTIME} runtime (it lists ${daemon.runtimes?.join(', ') || 'none'})`,
      'install sysbox on that machine and restart its Docker daemon, or nest with --mode auto',
      'sysbox-missing',
    );
  }
  return undefined;
}

/** A sysbox level's container must not take what sysbox exists to avoid: --privileged, the host's network or pids. */
export function sysboxViolations(hc: { Privileged?: boolean; NetworkMode?: string; PidMode?: string }): string[] {
  const out: string[] = [];
  if (hc.Privileged) out.push('--privileged (sysbox gives the level what it needs without it)');
  if (hc.NetworkMode === 'host') out.push('--net=host (a sysbox level must have its own network namespace)');
  if (hc.PidMode === 'host') out.push('--pid=host (a sysbox level must have its own pid namespace)');
  return out;
}

/** Capabilities mode asks for every capability the parent has, less those its daemon version does not know. */
export function capsFor(daemon: DaemonProfile, memory: LaunchMemory): string[] {
  const unknown = memory.unknownCapsOf(daemon);
  const caps = daemon.capsMask !== undefined ? capNames(daemon.capsMask) : CONSERVATIVE_CAPS;
  return caps.filter((c) => !unknown.has(c));
}

export function capsToMask(caps: readonly string[]): bigint {
  let mask = 0n;
  for (const c of caps) {
    const bit = CAPABILITY_NAMES.indexOf(c as (typeof CAPABILITY_NAMES)[number]);
    if (bit >= 0) mask |= 1n << BigInt(bit);
  }
  return mask;
}

/** One try at creating and starting the level container. */
export interface Attempt {
  number: number;
  mode: UsedMode;
  caps?: string[];
  /** Whether the level mounts the relay folder (and gets a relay socket). */
  relay: boolean;
}

export function firstAttempt(daemon: DaemonProfile, requested: LaunchMode, memory: LaunchMemory, relay: boolean): Attempt {
  const mode = chooseMode(daemon, requested, memory);
  return { number: 0, mode, caps: mode === 'capabilities' ? capsFor(daemon, memory) : undefined, relay };
}

/** What to do after the parent refused an attempt: try again differently (and remember why), or give up. */
export type Refusal =
  | { next: 'retry'; attempt: Attempt; lesson?: Lesson; log?: string }
  | { next: 'fail'; error: NestedDockerError };

/** The runtime's refusal when the daemon's own bounding set lacks a capability that --privileged asks for. */
export function isCapsError(message: string): boolean {
  return /unable to apply caps|apply caps:.*not permitted|capset:? operation not permitted/i.test(message);
}

export function unknownCapability(message: string): string | undefined {
  return /unknown capability:?\s*"?(?:CAP_)?([A-Z_]+)/i.exec(message)?.[1]?.toUpperCase();
}

/** A relay folder the parent daemon cannot see (a socket mounted from another machine or VM, a dev container). */
function isBindSourceError(message: string): boolean {
  return /bind source path does not exist|bind mount source path does not exist|invalid mount config/i.test(message);
}

/**
 * Decides after a refused create or start. `memory` must already know the lessons of earlier refusals, so the
 * capabilities of a fallback leave out what this daemon version rejected.
 */
export function afterRefusal(
  message: string,
  attempt: Attempt,
  ctx: { daemon: DaemonProfile; requested: LaunchMode; levelId: string; memory: LaunchMemory },
): Refusal {
  const { daemon, levelId } = ctx;
  const next = { ...attempt, number: attempt.number + 1 };
  if (attempt.relay && daemon.depth === 0 && isBindSourceError(message)) {
    return { next: 'retry', attempt: { ...next, relay: false }, log: `the daemon of ${daemon.levelId} cannot see the relay folder; level ${levelId} will be reached by exec tunnel` };
  }
  const unknown = unknownCapability(message);
  if (attempt.mode === 'capabilities' && unknown && attempt.caps && attempt.number < 8) {
    return { next: 'retry', attempt: { ...next, caps: attempt.caps.filter((c) => c !== unknown) }, lesson: { kind: 'unknown-cap', cap: unknown } };
  }
  if (isCapsError(message) && attempt.mode === 'privileged' && ctx.requested === 'auto' && attempt.number < 5) {
    return {
      next: 'retry',
      attempt: { ...next, mode: 'capabilities', caps: capsFor(daemon, ctx.memory) },
      lesson: { kind: 'privileged-refused' },
      log: `privileged refused on ${daemon.levelId} (${message}); retrying in capabilities mode`,
    };
  }
  if (isCapsError(message)) {
    return {
      next: 'fail',
      error: new NestedDockerError(
        `level ${levelId}: the daemon of ${daemon.levelId} cannot grant every capability that ${attempt.mode} mode asks for: ${message}`,
        'nest with --mode capabilities (or auto, which falls back by itself)',
        'caps-unavailable',
        message,
      ),
    };
  }
  return { next: 'fail', error: explainStartFailure(levelId, message) };
}

/** What a launch has created so far (each is undone by a rollback). */
export interface CreatedSoFar {
  containerId?: string;
  /** The volume, when this launch created it (a kept volume being reused is never deleted). */
  createdVolume?: string;
  relaySocket?: { dir: string; name: string };
}

export type RollbackStep =
  | { undo: 'connection'; levelId: string }
  | { undo: 'container'; id: string }
  | { undo: 'volume'; name: string }
  | { undo: 'relay-socket'; dir: string; name: string };

/** Undo in reverse dependency order: drop the cached connection, then the container, its volume, its socket. */
export function rollbackPlan(levelId: string, created: CreatedSoFar, keepVolume: boolean): RollbackStep[] {
  const steps: RollbackStep[] = [{ undo: 'connection', levelId }];
  if (created.containerId) steps.push({ undo: 'container', id: created.containerId });
  if (created.createdVolume && !keepVolume) steps.push({ undo: 'volume', name: created.createdVolume });
  if (created.relaySocket) steps.push({ undo: 'relay-socket', ...created.relaySocket });
  return steps;
}
