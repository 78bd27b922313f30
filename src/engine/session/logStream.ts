import type Dockerode from 'dockerode';
import { Readable } from 'stream';
import { Labels } from '../levels/labels';
import { demuxBuffer, FrameDecoder, LineSplitter } from '../transport/streamFrames';

export interface LogOptions {
  follow?: boolean;
  tail?: number;
  /** Unix seconds, or a duration such as "10m" understood by the daemon. */
  since?: number | string;
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** `10m`, `2h`, `30s` → Unix seconds that long ago (the API takes timestamps; the docker CLI converts durations). */
export function sinceSeconds(since: number | string | undefined, now = Date.now()): number | undefined {
  if (since === undefined || typeof since === 'number') return since;
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(since.trim());
  if (m) return Math.floor(now / 1000 - Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd']);
  const t = Date.parse(since);
  return Number.isFinite(t) ? Math.floor(t / 1000) : Number(since);
}

/**
 * The last lines of a level's daemon log: its container log (where the wrapper writes, and dockerd unless it logs
 * to a file), plus the file's tail when it does; read from the archive, so this works on a stopped container too.
 */
export async function readLogTail(container: Dockerode.Container, lines: number, abortSignal?: AbortSignal): Promise<string> {
  let text = '';
  try {
    const buf = (await container.logs({ stdout: true, stderr: true, follow: false, tail: lines, abortSignal } as never)) as unknown as Buffer;
    text = demuxBuffer(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))).combined.toString('utf8');
  } catch {
    /* no container log */
  }
  try {
    const inspect = await container.inspect({ abortSignal });
    if (inspect.Config.Labels?.[Labels.log] !== 'file') return text;
    const file = firstFileOfTar(await readAll((await container.getArchive({ path: '/var/log/dockerd.log', abortSignal } as never)) as NodeJS.ReadableStream));
    const tail = file.toString('utf8').split('\n').slice(-lines - 1).join('\n');
    return `${text}${text && !text.endsWith('\n') ? '\n' : ''}${tail}`;
  } catch {
    return text;
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** The content of the first entry of a tar archive (ustar: size in octal at offset 124, data after the 512-byte header). */
export function firstFileOfTar(tar: Buffer): Buffer {
  if (tar.length < 512) return Buffer.alloc(0);
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
  return tar.subarray(512, 512 + size);
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
    const tail = `tail -n ${Number(opts.tail ?? 100)} ${opts.follow ? '-F ' : ''}/var/log/dockerd.log`;
    // Closing an exec's stream does not end its process: the follower dies when our end of its stdin closes.
    const script = opts.follow ? `${tail} & p=$!; cat >/dev/null; kill $p` : tail;
    const exec = await container.exec({ Cmd: ['sh', '-c', script], AttachStdin: !!opts.follow, AttachStdout: true, AttachStderr: true, Tty: false });
    raw = (await exec.start({ hijack: true, stdin: !!opts.follow })) as unknown as NodeJS.ReadableStream;
  } else if (opts.follow) {
    raw = await container.logs({
      stdout: true, stderr: true, follow: true, tail: opts.tail ?? 100, since: sinceSeconds(opts.since),
      timestamps: opts.timestamps,
    });
  } else {
    const buf = (await container.logs({
      stdout: true, stderr: true, follow: false, tail: opts.tail ?? 100, since: sinceSeconds(opts.since),
      timestamps: opts.timestamps,
    })) as unknown as Buffer;
    raw = Readable.from([demuxBuffer(buf).combined]);
    return raw.pipe(new LineSplitter());
  }
  const lines = endWithSource(raw);
  const destroyRaw = () => {
    (raw as unknown as { end?: () => void }).end?.();
    (raw as unknown as { destroy?: () => void }).destroy?.();
  };
  lines.on('close', destroyRaw);
  opts.signal?.addEventListener('abort', () => lines.destroy(), { once: true });
  return lines;
}

/**
 * The lines of a framed stream, ending when the stream does in any way. `pipe()` ends its destination only on a
 * clean 'end'; a follow cut off by its daemon dying (a killed parent level: 'aborted', an error, or a bare 'close')
 * would leave the lines open for good, and a reader waiting forever for a level that is gone.
 */
export function endWithSource(raw: NodeJS.ReadableStream): Readable {
  const decoder = new FrameDecoder();
  const lines = raw.pipe(decoder).pipe(new LineSplitter());
  const finish = () => {
    if (!decoder.writableEnded) decoder.end();
  };
  const source = raw as unknown as NodeJS.EventEmitter;
  source.on('close', finish);
  source.on('aborted', finish);
  source.on('error', finish);
  return lines;
}
