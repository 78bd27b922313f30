import * as http from 'http';
import { Duplex } from 'stream';
import type Dockerode from 'dockerode';
import { FrameParser } from './streamFrames';
import { connectionOpener } from './openWithin';

/**
 * A socket to a level's daemon made of `docker system dial-stdio` run by exec inside the level container.
 * The exec stream is multiplexed (no TTY): stdout frames carry the daemon's bytes, stderr frames carry errors.
 */
export class DialStdioSocket extends Duplex {
  private readonly frames = new FrameParser();
  private stderrText = '';
  private gotData = false;

  constructor(private readonly raw: Duplex) {
    super();
    raw.on('data', (chunk: Buffer) => this.onRaw(chunk));
    raw.on('end', () => this.onRawEnd());
    raw.on('error', (err) => this.destroy(err));
    raw.on('close', () => {
      if (!this.destroyed) this.onRawEnd();
    });
  }

  private onRaw(chunk: Buffer): void {
    this.frames.feed(chunk, (kind, payload) => {
      if (kind === 2) {
        this.stderrText = (this.stderrText + payload.toString('utf8')).slice(-2000);
      } else {
        this.gotData = true;
        if (!this.push(payload)) this.raw.pause();
      }
    });
  }

  private onRawEnd(): void {
    if (!this.gotData && this.stderrText.trim()) {
      this.destroy(new Error(`exec tunnel: ${this.stderrText.trim()}`));
      return;
    }
    this.push(null);
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.raw.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.raw.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.raw.destroy();
    cb(err);
  }

  // The http.Agent treats its sockets as net.Sockets; forward what it calls, so idle sockets don't hold the process.
  setKeepAlive(): this { return this; }
  setNoDelay(): this { return this; }
  setTimeout(ms: number, cb?: () => void): this {
    (this.raw as unknown as { setTimeout?: (ms: number, cb?: () => void) => void }).setTimeout?.(ms, cb);
    return this;
  }
  ref(): this {
    (this.raw as unknown as { ref?: () => void }).ref?.();
    return this;
  }
  unref(): this {
    (this.raw as unknown as { unref?: () => void }).unref?.();
    return this;
  }
}

async function openDialStdio(container: Dockerode.Container): Promise<DialStdioSocket> {
  const exec = await container.exec({
    Cmd: ['docker', 'system', 'dial-stdio'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  return new DialStdioSocket(await startHijacked(exec, { hijack: true, stdin: true }));
}

/**
 * Starts an exec with its streams attached. A refused start (the container just stopped) leaves docker-modem's
 * upgrade request open, which would keep the process alive: abort it.
 */
export async function startHijacked(exec: Dockerode.Exec, opts: Record<string, unknown>): Promise<Duplex> {
  const controller = new AbortController();
  try {
    return (await exec.start({ ...opts, abortSignal: controller.signal } as never)) as unknown as Duplex;
  } catch (err) {
    controller.abort();
    throw err;
  }
}

/** An http.Agent whose connections are exec tunnels; kept alive and reused because each one costs an exec. */
export function createExecTunnelAgent(container: Dockerode.Container): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4 });
  (agent as unknown as { createConnection: unknown }).createConnection = connectionOpener(
    () => openDialStdio(container),
    `an exec tunnel into container ${container.id.slice(0, 12)}`,
  );
  return agent;
}
