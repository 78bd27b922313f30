import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { NestedDockerError } from '../core/errors';

/**
 * The host folder where every level's daemon socket appears. It is private (0700) because a docker socket is
 * root-equivalent, and the group of a socket created inside a level can collide with an unrelated host group.
 */
export function defaultRelayDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NESTED_DOCKER_RELAY_DIR) return env.NESTED_DOCKER_RELAY_DIR;
  const base = env.XDG_RUNTIME_DIR && fs.existsSync(env.XDG_RUNTIME_DIR) ? env.XDG_RUNTIME_DIR : os.tmpdir();
  return path.join(base, `nested-docker-${process.getuid?.() ?? 'user'}`);
}

export function ensureRelayDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new NestedDockerError(`relay folder ${dir} is not a directory`, `remove ${dir}`, 'relay');
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new NestedDockerError(
      `relay folder ${dir} belongs to uid ${st.uid}, not to you: someone else could reach your levels' daemons`,
      `remove ${dir}, or set NESTED_DOCKER_RELAY_DIR to a folder of your own`,
      'relay',
    );
  }
  if ((st.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

export function relaySocketPath(dir: string, socketName: string): string {
  return path.join(dir, socketName);
}

export function removeRelaySocket(dir: string | undefined, socketName: string | undefined): void {
  if (!dir || !socketName) return;
  try {
    fs.rmSync(path.join(dir, socketName), { force: true });
  } catch {
    /* already gone */
  }
}

/**
 * Removes the relay folder once nothing is left in it (the last level collapsed), so nothing stays behind in /tmp or the
 * runtime folder. Only the product's default folder: one named with NESTED_DOCKER_RELAY_DIR is the user's. Another
 * window's socket made meanwhile keeps the folder (rmdir refuses a folder that is not empty).
 */
export function removeRelayDirIfEmpty(dir: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!dir || path.resolve(dir) !== path.resolve(defaultRelayDir({ ...env, NESTED_DOCKER_RELAY_DIR: '' }))) return false;
  try {
    fs.rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** The socket files in the relay folder (names only; a missing folder has none). */
export function relaySocketNames(dir: string | undefined): string[] {
  if (!dir) return [];
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isSocket()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * Whether something listens on a unix socket: 'listening' when the connection is accepted (a stopped or hung daemon
 * is still accepted by the kernel), 'dead' when nobody listens (refused, or the file is gone).
 */
export function socketListens(socketPath: string, timeoutMs = 500): Promise<'listening' | 'dead'> {
  return new Promise((resolve) => {
    const sock = net.connect(socketPath);
    const done = (answer: 'listening' | 'dead') => {
      clearTimeout(timer);
      sock.destroy();
      resolve(answer);
    };
    // A full accept queue (a daemon stopped long ago) still means a listener; only a refusal means none.
    const timer = setTimeout(() => done('listening'), timeoutMs);
    sock.once('connect', () => done('listening'));
    sock.once('error', () => done('dead'));
  });
}
