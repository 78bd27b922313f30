import { Transform } from 'stream';
import type Dockerode from 'dockerode';
import { answered } from '../core/deadline';
import { AbortError, NestedDockerError, errorMessage, isAbortError, statusCode, throwIfAborted } from '../core/errors';
import { NestProgress } from '../core/types';
import type { LevelDirectory } from '../levels/discovery';
import { ancestors, LevelNode } from '../levels/levelNode';
import { HostPipeUnavailable } from '../transport/ssh/hostPipe';
import { onJsonLines } from '../transport/streamFrames';

export async function hasImage(client: Dockerode, ref: string, abortSignal?: AbortSignal): Promise<boolean> {
  try {
    await client.getImage(ref).inspect({ abortSignal } as never);
    return true;
  } catch (err) {
    if (statusCode(err) === 404) return false;
    throw err;
  }
}

/** Reads a docker JSON-lines progress stream to its end; rejects on the first errorDetail. */
function drainJsonStream(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    // Progress lines that are not JSON are ignored.
    onJsonLines(stream, (value) => {
      const msg = value as { error?: string; errorDetail?: { message?: string } };
      if (msg.error || msg.errorDetail) failure ??= msg.errorDetail?.message ?? msg.error;
    });
    stream.on('error', reject);
    stream.on('end', () => (failure ? reject(new Error(failure)) : resolve()));
  });
}

export interface TransferProgress {
  bytes: number;
  totalBytes?: number;
  /** Set when the copy runs on the levels' own host (bytes not counted there): the time it has taken so far. */
  onHostMs?: number;
}

/**
 * Copies images between two levels' daemons: on their own host when it can run the pipe there (a remote SSH host:
 * the bytes stay there), else streamed through this machine. Resolves with the bytes streamed here (none on the host).
 */
export async function transferImages(
  levels: LevelDirectory | undefined,
  from: LevelNode,
  to: LevelNode,
  refs: string[],
  onProgress: (p: TransferProgress) => void,
  signal?: AbortSignal,
): Promise<{ bytes: number; onHost: boolean }> {
  const onHost = levels?.hostSideCopy(from, to);
  if (onHost) {
    let totalBytes = 0;
    for (const ref of refs) totalBytes += (await from.client!.getImage(ref).inspect()).Size;
    onProgress({ bytes: 0, totalBytes, onHostMs: 0 });
    try {
      await onHost(refs, { signal, onTick: (ms) => onProgress({ bytes: 0, totalBytes, onHostMs: ms }) });
      return { bytes: 0, onHost: true };
    } catch (err) {
      if (!(err instanceof HostPipeUnavailable)) throw err;
    }
  }
  return { bytes: await seedImage(from.client!, to.client!, refs, onProgress, signal), onHost: false };
}

/** "12.3 MB of ~209.0 MB", or for a copy on the host "on the host, 12 s (~209.0 MB)". */
export function describeTransfer(p: TransferProgress): string {
  const total = p.totalBytes ? `~${mb(p.totalBytes)}` : '';
  if (p.onHostMs !== undefined) return `on the host, bytes kept there: ${Math.round(p.onHostMs / 1000)} s${total ? ` (${total})` : ''}`;
  return `${mb(p.bytes)}${total ? ` of ${total}` : ''}`;
}

/**
 * Streams `save` on one daemon into `load` on another, reporting bytes (the seeds' image seeding, without a registry).
 * Several references go in one archive, so the layers they share are sent once.
 */
export async function seedImage(
  from: Dockerode,
  to: Dockerode,
  refs: string | string[],
  onProgress?: (p: TransferProgress) => void,
  signal?: AbortSignal,
): Promise<number> {
  throwIfAborted(signal);
  const names = typeof refs === 'string' ? [refs] : refs;
  let totalBytes = 0;
  for (const ref of names) totalBytes += (await from.getImage(ref).inspect()).Size;
  const source = (names.length === 1
    ? await from.getImage(names[0]).get()
    : await (from as unknown as { getImages(o: { names: string[] }): Promise<unknown> }).getImages({ names })) as NodeJS.ReadableStream & { destroy?: (e?: Error) => void };
  let bytes = 0;
  let lastReport = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        onProgress?.({ bytes, totalBytes });
      }
      cb(null, chunk);
    },
  });
  const onAbort = () => {
    source.destroy?.(new Error('cancelled'));
    counter.destroy(new Error('cancelled'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    source.on('error', (err: Error) => counter.destroy(err));
    source.pipe(counter);
    const response = (await to.loadImage(counter as never, { quiet: true } as never)) as unknown as NodeJS.ReadableStream;
    await drainJsonStream(response);
    throwIfAborted(signal);
    onProgress?.({ bytes, totalBytes });
    return bytes;
  } catch (err) {
    // A failed load must not leave the source daemon's `save` blocked on a paused stream.
    source.destroy?.();
    counter.destroy();
    if (signal?.aborted) throw new AbortError();
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function pullImage(
  client: Dockerode,
  ref: string,
  onProgress?: (message: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const stream = (await client.pull(ref, { abortSignal: signal } as never)) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    client.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (event: { status?: string; progress?: string }) => onProgress?.(`${event.status ?? ''} ${event.progress ?? ''}`.trim()),
    );
  });
}

function imageUnavailable(ref: string, pullError: unknown): NestedDockerError {
  return new NestedDockerError(
    `image '${ref}' is not on the host daemon, no level above has it, and pulling it failed: ${errorMessage(pullError)}`,
    ref.startsWith('nested-docker/')
      ? 'build it offline with `npm run image:local` (no registry needed), or choose another image with --image'
      : `pull or load '${ref}' on the host (docker pull / docker load), build one offline with \`npm run image:local\`, or choose another image with --image`,
    'image-unavailable',
  );
}

/** Brings `image` onto the parent's daemon: seeded from the nearest level above that has it, else pulled. */
export async function ensureImage(
  parent: LevelNode,
  image: string,
  report: (p: NestProgress) => void,
  signal?: AbortSignal,
  levels?: LevelDirectory,
): Promise<void> {
  report({ step: 'image', message: `Checking image ${image} on ${parent.info.id}` });
  const look = (level: LevelNode) =>
    answered((abortSignal) => hasImage(level.client!, image, abortSignal), { call: `an inspect of image ${image}`, daemonOf: level.info.id, signal });
  if (await look(parent)) return;
  for (const source of ancestors(parent)) {
    if (!source.client || !(await look(source))) continue;
    report({ step: 'seed', message: `Seeding ${image} from ${source.info.id} into ${parent.info.id}`, bytes: 0 });
    await transferImages(levels, source, parent, [image], (p) =>
      report({
        step: 'seed',
        message: `Seeding ${image} into ${parent.info.id}: ${describeTransfer(p)}`,
        bytes: p.bytes,
        totalBytes: p.totalBytes,
      }), signal).catch((err) => {
      if (isAbortError(err) || signal?.aborted) throw err;
      // A refused load happened in the parent level: launchLevel diagnoses it from the parent's own facts.
      throw new NestedDockerError(
        `could not load ${image} into ${parent.info.id}: ${errorMessage(err)}`,
        `the daemon of ${parent.info.id} refused the image; run \`nested-docker preflight ${parent.info.id}\``,
        'seed-failed',
        errorMessage(err),
      );
    });
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

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
