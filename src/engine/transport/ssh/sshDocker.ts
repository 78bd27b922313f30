import * as http from 'http';
import { SshConnection, sshCounters } from './sshConnection';
import { connectionOpener } from '../openWithin';
import { describeTarget, SshOptions } from './sshOptions';
import { resolveSshTarget, targetKey } from './sshTarget';

/** A share of a host's SSH connection: the http.Agent that carries Docker API requests over it. */
export interface SshDockerLease {
  readonly agent: http.Agent;
  readonly connection: SshConnection;
  /** Drops this share; the connection closes when the last share is released. */
  release(): void;
}

interface Pooled {
  connection: SshConnection;
  agent: http.Agent;
  refs: number;
}

const pool = new Map<string, Pooled>();

/**
 * The Docker API of an ssh:// host. Every engine (and every level, whose tunnels ride the host's client) on the
 * same host and identity shares one SSH connection; each HTTP connection is one SSH channel, kept alive and reused.
 * Nothing connects until the first request, so this is safe to call from a synchronous constructor.
 */
export function leaseSshDocker(url: string, opts: SshOptions = {}): SshDockerLease {
  const target = resolveSshTarget(url, opts);
  const key = `${targetKey(target)}|${opts.transport ?? 'auto'}|${opts.remoteSocket ?? ''}`;
  let entry = pool.get(key);
  if (!entry) {
    const connection = new SshConnection(target, opts);
    // A channel costs one round trip, a handshake several: keep idle channels for reuse. In the dial-stdio
    // fallback every channel is an sshd session (MaxSessions, 10 by default), one more reason to prefer stream-local.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4 });
    (agent as unknown as { createConnection: unknown }).createConnection = connectionOpener(
      () => connection.openDockerStream(),
      `an SSH channel to the Docker socket of ${describeTarget(target)}`,
      () => connection.ready(),
    );
    entry = { connection, agent, refs: 0 };
    pool.set(key, entry);
  }
  entry.refs++;
  const pooled = entry;
  let released = false;
  return {
    agent: pooled.agent,
    connection: pooled.connection,
    release: () => {
      if (released) return;
      released = true;
      if (--pooled.refs > 0) return;
      pooled.agent.destroy();
      pooled.connection.close();
      if (pool.get(key) === pooled) pool.delete(key);
    },
  };
}

export interface SshStats {
  /** TCP+SSH handshakes started (each ProxyJump hop counts). */
  connectAttempts: number;
  /** Handshakes that authenticated. */
  connectionsOpened: number;
  /** Hosts with a connection object in the pool right now. */
  pooledHosts: number;
}

export function sshStats(): SshStats {
  return { ...sshCounters, pooledHosts: pool.size };
}
