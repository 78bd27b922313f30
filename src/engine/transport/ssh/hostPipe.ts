// `docker save` on one daemon of an SSH host piped into `docker load` on another, run on that host: the image's
// bytes stay there instead of crossing the SSH link twice (down to this machine and back up).
import type { Client, ClientChannel } from 'ssh2';
import { AbortError, NestedDockerError } from '../../core/errors';

/** One word for a POSIX shell, whatever it holds: single-quoted, each `'` closed, escaped and reopened. */
export function shellWord(arg: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function shellCommand(args: readonly string[]): string {
  return args.map(shellWord).join(' ');
}

/** The pipe could not run there (no setsid, no docker CLI): the caller streams through this machine instead. */
export class HostPipeUnavailable extends Error {}

export interface HostPipe {
  /** `docker` arguments that reach each daemon on the host, e.g. ['-H', 'unix:///proc/42/root/run/docker.sock']. */
  fromDocker: string[];
  toDocker: string[];
  refs: string[];
  signal?: AbortSignal;
  /** Called about once a second while the copy runs. */
  onTick?: (elapsedMs: number) => void;
}

/**
 * The command line sent to the host. Every word is quoted (image references are the user's text); the pipeline runs
 * in its own session so a cancel can end all of it: its first output line is that session's id.
 */
export function hostPipeCommand(pipe: Pick<HostPipe, 'fromDocker' | 'toDocker' | 'refs'>): string {
  for (const ref of pipe.refs) {
    if (!ref || ref.startsWith('-')) throw new NestedDockerError(`'${ref}' is not an image reference`, 'name the image as repo:tag or by its id', 'usage');
  }
  const save = shellCommand(['docker', ...pipe.fromDocker, 'save', ...pipe.refs]);
  const load = shellCommand(['docker', ...pipe.toDocker, 'load', '-q']);
  // `setsid -w`: a new session that the command waits for (plain setsid forks and exits 0 at once when it leads a
  // process group, as it does under sshd, hiding the load's failure). No such setsid there: exit 127, streamed instead.
  const pipeline = shellCommand(['sh', '-c', `echo "$$"; ${save} | ${load}`]);
  return `setsid -w true 2>/dev/null || exit 127; exec setsid -w ${pipeline}`;
}

/** Runs the pipe on the host; resolves with what `docker load` printed. */
export function runHostPipe(client: Client, pipe: HostPipe): Promise<string> {
  const command = hostPipeCommand(pipe);
  return new Promise((resolve, reject) => {
    if (pipe.signal?.aborted) return reject(new AbortError());
    client.exec(command, (err, ch) => {
      if (err) return reject(new HostPipeUnavailable(err.message));
      collect(client, ch, pipe, resolve, reject);
    });
  });
}

function collect(client: Client, ch: ClientChannel, pipe: HostPipe, resolve: (out: string) => void, reject: (e: Error) => void): void {
  const t0 = Date.now();
  let stdout = '';
  let stderr = '';
  let code: number | null = null;
  let session: string | undefined;
  const tick = setInterval(() => pipe.onTick?.(Date.now() - t0), 1000);
  const onAbort = () => {
    // Closing the channel does not stop a pipeline on the host: end its whole session there first (the caller may
    // exit, and drop the connection, as soon as this rejects).
    if (!session) return ch.close();
    client.exec(`kill -TERM -- -${session}`, (e, killer) => {
      if (e) return ch.close();
      killer.on('close', () => ch.close()).resume();
    });
  };
  pipe.signal?.addEventListener('abort', onAbort, { once: true });
  ch.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    session ??= /^(\d+)\n/.exec(stdout)?.[1];
  });
  ch.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  ch.on('exit', (c: number | null) => (code = c));
  ch.on('close', () => {
    clearInterval(tick);
    pipe.signal?.removeEventListener('abort', onAbort);
    if (pipe.signal?.aborted) return reject(new AbortError());
    if (code === 0) return resolve(stdout.replace(/^\d+\n/, '').trim());
    // 127: a command the pipe needs is not on the host (or not on its PATH for a non-interactive login).
    if (code === 127) return reject(new HostPipeUnavailable(stderr.trim() || 'a command was not found'));
    reject(new Error(stderr.trim() || `docker save | docker load on the host exited with ${code}`));
  });
}
