import type Dockerode from 'dockerode';
import { Readable } from 'stream';
import { Labels } from './labels';
import { demuxBuffer, FrameDecoder, LineSplitter } from './streamFrames';

export interface LogOptions {
  follow?: boolean;
  tail?: number;
  /** Unix seconds, or a duration such as "10m" understood by the daemon. */
  since?: number | string;
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** The last lines of a level's daemon log (its container log, where the wrapper and dockerd write). */
export async function readLogTail(container: Dockerode.Container, lines: number): Promise<string> {
  try {
    const buf = (await container.logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer;
    return demuxBuffer(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))).combined.toString('utf8');
  } catch {
    return '';
  }
}

/**
 * A level's daemon log as a stream of lines. Logs go to the level container's stdout unless the level was nested
 * with logToFile, in which case the file inside the level is followed by exec.
 */
export async function daemonLogLines(container: Dockerode.Container, opts: LogOptions = {}): Promise<Readable> {
  const inspect = await container.inspect();
  const toFile = inspect.Config.Labels?.[Labels.log] === 'file';
  let raw: NodeJS.ReadableStream;
  if (toFile) {
    const args = ['tail', '-n', String(opts.tail ?? 100)];
    if (opts.follow) args.push('-F');
    args.push('/var/log/dockerd.log');
    const exec = await container.exec({ Cmd: args, AttachStdout: true, AttachStderr: true, Tty: false });
    raw = (await exec.start({ hijack: true, stdin: false })) as unknown as NodeJS.ReadableStream;
  } else if (opts.follow) {
    raw = await container.logs({
      stdout: true, stderr: true, follow: true, tail: opts.tail ?? 100, since: opts.since as number | undefined,
      timestamps: opts.timestamps,
    });
  } else {
    const buf = (await container.logs({
      stdout: true, stderr: true, follow: false, tail: opts.tail ?? 100, since: opts.since as number | undefined,
      timestamps: opts.timestamps,
    })) as unknown as Buffer;
    raw = Readable.from([demuxBuffer(buf).combined]);
    return raw.pipe(new LineSplitter());
  }
  const lines = raw.pipe(new FrameDecoder()).pipe(new LineSplitter());
  const destroyRaw = () => (raw as unknown as { destroy?: () => void }).destroy?.();
  lines.on('close', destroyRaw);
  opts.signal?.addEventListener('abort', () => lines.destroy(), { once: true });
  return lines;
}
