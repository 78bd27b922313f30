import type Dockerode from 'dockerode';
import { Duplex, PassThrough, Readable } from 'stream';
import { startHijacked } from '../transport/execTunnel';
import { FrameDecoder } from '../transport/streamFrames';

export interface ExecOptions {
  cmd: string[];
  tty?: boolean;
  /** Attach stdin (interactive sessions, or piping input). */
  stdin?: boolean;
  env?: string[];
  workdir?: string;
  user?: string;
  cols?: number;
  rows?: number;
}

/** A process running inside a level (or a container at a level), with its streams, TTY size and exit code. */
export interface ExecSession {
  /** Write here to send input (binary-safe). */
  readonly input: Duplex;
  /** stdout (with a TTY: everything the terminal shows). */
  readonly stdout: Readable;
  /** stderr (always empty with a TTY, where the terminal merges it). */
  readonly stderr: Readable;
  resize(cols: number, rows: number): Promise<void>;
  /** Resolves with the exit code once the process ends. */
  wait(): Promise<number>;
  close(): void;
}

export async function startExec(container: Dockerode.Container, opts: ExecOptions): Promise<ExecSession> {
  const tty = !!opts.tty;
  const exec = await container.exec({
    Cmd: opts.cmd,
    AttachStdin: !!opts.stdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
    Env: opts.env ?? (tty ? ['TERM=xterm-256color'] : undefined),
    WorkingDir: opts.workdir,
    User: opts.user,
  });
  const raw = await startHijacked(exec, { hijack: true, stdin: !!opts.stdin, Tty: tty });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (tty) {
    raw.pipe(stdout);
    raw.on('end', () => stderr.end());
  } else {
    const decoder = new FrameDecoder((kind, payload) => (kind === 2 ? stderr : stdout).write(payload));
    raw.pipe(decoder);
    decoder.resume();
    decoder.on('end', () => {
      stdout.end();
      stderr.end();
    });
  }
  const ended = new Promise<void>((resolve) => {
    raw.once('end', resolve);
    raw.once('close', resolve);
    raw.once('error', () => resolve());
  });
  if (tty && opts.cols && opts.rows) await exec.resize({ w: opts.cols, h: opts.rows }).catch(() => undefined);
  return {
    input: raw,
    stdout,
    stderr,
    resize: async (cols, rows) => {
      await exec.resize({ w: cols, h: rows });
    },
    wait: async () => {
      await ended;
      // The daemon may report the process as running for a moment after its streams close.
      for (let i = 0; i < 50; i++) {
        const state = await exec.inspect();
        if (!state.Running) return state.ExitCode ?? 0;
        await new Promise((r) => setTimeout(r, 40));
      }
      return (await exec.inspect()).ExitCode ?? -1;
    },
    close: () => {
      raw.end();
      raw.destroy();
    },
  };
}

/** Runs a command to completion and collects its output (for probes and tests). */
export async function runCapture(
  container: Dockerode.Container,
  cmd: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const session = await startExec(container, { cmd });
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  session.stdout.on('data', (c: Buffer) => chunks.push(c));
  session.stderr.on('data', (c: Buffer) => errs.push(c));
  const exitCode = await session.wait();
  return { exitCode, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') };
}
