// The narrow interface between a launch and Docker: the few calls made on the parent level's daemon and on this
// machine. launchLevel.ts sees only these, so unit tests run it against an in-process fake (test/unit/launch/).
import type Dockerode from 'dockerode';
import { statusCode } from '../core/errors';
import { NestOptions, NestProgress } from '../core/types';
import { LevelDirectory } from '../levels/discovery';
import { LevelNode } from '../levels/levelNode';
import { DenialFacts } from '../preflight/denials';
import { CAP_SYS_ADMIN, hasCap, parseCapMask } from '../preflight/facts';
import { gatherNodeFacts } from '../preflight/gatherFacts';
import { ensureRelayDir, removeRelaySocket } from '../transport/relayFolder';
import { ensureImage, hasImage } from './imageTransfer';
import { recentKernelLog } from './kernelLog';
import { waitReady } from './readiness';
import { removeContainer } from '../transport/containerRemoval';
import { answered, CALL_TIMEOUT_MS } from '../core/deadline';

/** The calls a launch makes on the daemon it creates the level on. */
export interface ParentDaemon {
  hasImage(ref: string): Promise<boolean>;
  /** Brings the image onto this daemon: seeded from the nearest level above that has it, else pulled. */
  supplyImage(ref: string, report: (p: NestProgress) => void, signal?: AbortSignal): Promise<void>;
  /** The labels of a volume, or undefined when there is no such volume. */
  volumeLabels(name: string): Promise<Record<string, string> | undefined>;
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  removeVolume(name: string): Promise<void>;
  /** Creates the level container; resolves with its id. */
  createContainer(options: Dockerode.ContainerCreateOptions): Promise<string>;
  /** Starts a container within `timeoutMs` (a start that outlasts it is a `daemon-hung` error), or until cancelled. */
  startContainer(id: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Removes a container and its anonymous volumes, never its named data volume. */
  removeContainer(id: string): Promise<void>;
  /** Waits until the new level's daemon answers, within the start timeout. */
  waitReady(containerId: string, levelId: string, image: string, opts: NestOptions): Promise<LevelNode>;
  /** Drops the cached connection to a level (a failed or cancelled launch leaves none behind). */
  forgetConnection(levelId: string): void;
  /** The new level's AppArmor label and privilege, from its container (read before a rollback removes it). */
  containerDenialFacts(containerId: string): Promise<DenialFacts | undefined>;
  /** The parent level's own AppArmor label and capabilities (what explains a refused image load into it). */
  ownDenialFacts(): Promise<DenialFacts | undefined>;
}

/** The calls a launch makes on this machine (relay folder, kernel log). */
export interface LaunchHost {
  ensureRelayDir(dir: string): void;
  removeRelaySocket(dir: string, name: string): void;
  recentKernelLog(sinceMs: number): Promise<{ lines: string[] }>;
}

export const localLaunchHost: LaunchHost = { ensureRelayDir, removeRelaySocket, recentKernelLog };

/**
 * A parent level's daemon through dockerode; `relayDir` is where new levels' relay sockets appear. Each short call
 * is bounded (deadline.ts): a wedged daemon fails the nest, naming the call, instead of hanging it.
 */
export function dockerParentDaemon(parent: LevelNode, levels: LevelDirectory, relayDir: string | undefined): ParentDaemon {
  const client = parent.client!;
  const ask = <T>(call: string, fn: (abortSignal: AbortSignal) => Promise<T>) => answered(fn, { call, daemonOf: parent.info.id });
  return {
    hasImage: (ref) => hasImage(client, ref),
    supplyImage: (ref, report, signal) => ensureImage(parent, ref, report, signal, levels),
    volumeLabels: (name) => ask(`an inspect of volume ${name}`, async (abortSignal) => {
      try {
        return ((await client.getVolume(name).inspect({ abortSignal })) as Dockerode.VolumeInspectInfo).Labels ?? {};
      } catch (err) {
        if (statusCode(err) === 404) return undefined;
        throw err;
      }
    }),
    createVolume: (name, labels) => ask(`the creation of volume ${name}`, async (abortSignal) => {
      await client.createVolume({ Name: name, Labels: labels, abortSignal });
    }),
    removeVolume: (name) => ask(`the removal of volume ${name}`, async (abortSignal) => {
      await client.getVolume(name).remove({ abortSignal } as never);
    }),
    createContainer: (options) => ask(`the creation of container ${options.name}`, async (abortSignal) =>
      (await client.createContainer({ ...options, abortSignal } as never)).id),
    startContainer: (id, ms, signal) => answered(async (abortSignal) => {
      await client.getContainer(id).start({ abortSignal });
    }, {
      call: `the start of container ${id.slice(0, 12)}`, daemonOf: parent.info.id, ms, signal,
      hint: `raise the start timeout on a slow machine (the dind.levels.startTimeoutSeconds setting, --timeout in the CLI); else its runtime is wedged: check it (Run Preflight on ${parent.info.id}, \`nested-docker preflight ${parent.info.id}\`)`,
    }),
    removeContainer: (id) => ask(`the removal of container ${id.slice(0, 12)}`, (abortSignal) =>
      removeContainer(client.getContainer(id), {}, abortSignal)),
    waitReady: (containerId, levelId, image, opts) =>
      waitReady({ levels, relayDir }, parent, client.getContainer(containerId), levelId, opts, image),
    forgetConnection: (levelId) => levels.forget(levelId),
    containerDenialFacts: (containerId) => containerDenialFacts(client.getContainer(containerId), parent),
    ownDenialFacts: () => levelDenialFacts(parent),
  };
}

/** The daemon applies an AppArmor label to the container when AppArmor is on (its security options say so). */
async function containerDenialFacts(container: Dockerode.Container, parent: LevelNode): Promise<DenialFacts | undefined> {
  try {
    const i = await container.inspect({ abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    const caps = (i.HostConfig.CapAdd ?? []).map((c: string) => c.replace(/^CAP_/, ''));
    return {
      apparmorProfile: i.AppArmorProfile || undefined,
      apparmorEnabled: parent.info.facts?.securityOptions?.some((o) => /name=apparmor/.test(o)),
      sysAdmin: i.HostConfig.Privileged === true || caps.includes('SYS_ADMIN') || caps.includes('ALL'),
    };
  } catch {
    return undefined;
  }
}

/** An existing level's label and capabilities, read inside it by the preflight probe; the host has no such label. */
async function levelDenialFacts(level: LevelNode): Promise<DenialFacts | undefined> {
  if (!level.container) return undefined;
  try {
    const f = await gatherNodeFacts(level, { localHost: false, timeoutMs: 15_000 });
    const eff = parseCapMask(f.capEff);
    return { apparmorProfile: f.apparmorProfile, apparmorEnabled: f.apparmorEnabled, sysAdmin: eff !== undefined && hasCap(eff, CAP_SYS_ADMIN) };
  } catch {
    return undefined;
  }
}
