// An in-process fake of the Docker calls a launch makes (launch/parentDaemon.ts), in the spirit of ssh2's tests
// against an in-process server: it keeps images, volumes and containers in memory, refuses what a test scripts,
// and lets a test cancel in the middle of any step.
import type Dockerode from 'dockerode';
import { AbortError } from '../../../src/engine/core/errors';
import type { NestOptions, NestProgress } from '../../../src/engine/core/types';
import type { LevelNode } from '../../../src/engine/levels/levelNode';
import type { LaunchHost, ParentDaemon } from '../../../src/engine/launch/parentDaemon';
import type { DenialFacts } from '../../../src/engine/preflight/denials';
import { levelInfo } from '../../builders/levels';

export type LaunchStep = 'image' | 'volume' | 'create' | 'start' | 'wait';

export class FakeDaemon implements ParentDaemon {
  readonly images = new Set<string>(['nested-docker/dind:local']);
  readonly volumes = new Map<string, Record<string, string>>();
  readonly containers = new Map<string, { options: Dockerode.ContainerCreateOptions; running: boolean }>();
  /** Every create, in order (what the daemon was asked for, including refused ones). */
  readonly creates: Dockerode.ContainerCreateOptions[] = [];
  readonly forgotten: string[] = [];
  /** The daemon's answer to a create or start: an error message to refuse with, or undefined to accept. */
  refuse: (call: 'create' | 'start', options: Dockerode.ContainerCreateOptions) => string | undefined = () => undefined;
  /** Called at the start of each step (a test aborts its controller here to cancel "during" that step). */
  onStep: (step: LaunchStep) => void = () => undefined;
  /** How the level's daemon answers once started: a thrown error fails the wait. */
  ready: (levelId: string) => LevelNode = (levelId) => ({ info: levelInfo({ id: levelId }), children: [] });
  /** The image delivery's answer: an error to fail with (a refused load), or undefined. */
  supplyError: Error | undefined;
  /** What inspecting a level container tells about AppArmor and privilege, and what the parent level's probe reads. */
  containerFacts: DenialFacts | undefined;
  ownFacts: DenialFacts | undefined;
  /** The containers whose facts were read (before the rollback removed them, or the read would find nothing). */
  readonly factsRead: string[] = [];
  /** Set when the daemon stops answering (its machine went down): removals fail from then on. */
  gone = false;
  private nextId = 1;

  async hasImage(ref: string): Promise<boolean> {
    return this.images.has(ref);
  }

  async supplyImage(ref: string, report: (p: NestProgress) => void, signal?: AbortSignal): Promise<void> {
    report({ step: 'image', message: `Checking image ${ref}` });
    this.step('image', signal);
    if (this.supplyError) throw this.supplyError;
    this.images.add(ref);
  }

  async volumeLabels(name: string): Promise<Record<string, string> | undefined> {
    this.onStep('volume');
    return this.volumes.get(name);
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<void> {
    this.volumes.set(name, labels);
  }

  async removeVolume(name: string): Promise<void> {
    if (this.gone) throw new Error('connect ECONNREFUSED /var/run/docker.sock');
    this.volumes.delete(name);
  }

  async createContainer(options: Dockerode.ContainerCreateOptions): Promise<string> {
    this.onStep('create');
    this.creates.push(options);
    const refusal = this.refuse('create', options);
    if (refusal) throw dockerError(400, refusal);
    const id = `c${this.nextId++}`;
    this.containers.set(id, { options, running: false });
    return id;
  }

  async startContainer(id: string, _timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.step('start', signal);
    const container = this.containers.get(id)!;
    const refusal = this.refuse('start', container.options);
    if (refusal) throw dockerError(500, refusal);
    container.running = true;
  }

  async removeContainer(id: string): Promise<void> {
    if (this.gone) throw new Error('connect ECONNREFUSED /var/run/docker.sock');
    this.containers.delete(id);
  }

  async waitReady(_containerId: string, levelId: string, _image: string, opts: NestOptions): Promise<LevelNode> {
    this.step('wait', opts.signal);
    return this.ready(levelId);
  }

  forgetConnection(levelId: string): void {
    this.forgotten.push(levelId);
  }

  async containerDenialFacts(containerId: string): Promise<DenialFacts | undefined> {
    if (!this.containers.has(containerId)) return undefined;
    this.factsRead.push(containerId);
    return this.containerFacts;
  }

  async ownDenialFacts(): Promise<DenialFacts | undefined> {
    return this.ownFacts;
  }

  /** What the daemon holds that a launch made: nothing, after a rollback. */
  leftovers(): string[] {
    return [...[...this.containers.values()].map((c) => `container ${c.options.name}`), ...[...this.volumes.keys()].map((v) => `volume ${v}`)];
  }

  private step(step: LaunchStep, signal: AbortSignal | undefined): void {
    this.onStep(step);
    if (signal?.aborted) throw new AbortError();
  }
}

/** The shape of a docker-modem error: the daemon's message in json.message. */
function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });
}

export class FakeHost implements LaunchHost {
  readonly relayDirs: string[] = [];
  readonly removedSockets: string[] = [];
  kernelLines: string[] = [];

  ensureRelayDir(dir: string): void {
    this.relayDirs.push(dir);
  }

  removeRelaySocket(dir: string, name: string): void {
    this.removedSockets.push(`${dir}/${name}`);
  }

  async recentKernelLog(): Promise<{ lines: string[] }> {
    return { lines: this.kernelLines };
  }
}
