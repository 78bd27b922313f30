import type { Duplex } from 'stream';
import type { Client, ConnectConfig } from 'ssh2';
import { errorMessage, NestedDockerError } from '../../core/errors';
import { AuthSequence } from './identities';
import { verifyHostKey } from './hostKeyVerifier';
import { DEFAULT_HOST_KEY_ALGOS, hostFieldMatches, hostToken, preferredHostKeyAlgorithms, readKnownHosts } from './knownHosts';
import { describeTarget, SshOptions, SshTarget } from './sshOptions';
import { configStamp } from './sshTarget';
import { asSocket, dialStdio, forwardStreamLocal, forwardTcp, runCommand } from './sshChannels';
import { PausableTimer } from './pausableTimer';
import { HostPipe, runHostPipe } from './hostPipe';

/** Process-wide counters, read by the bench and the tests (no retry storms, one connection per host). */
export const sshCounters = { connectAttempts: 0, connectionsOpened: 0 };

/** Failures that repeat identically until the user changes something: retrying them is a storm, not a cure. */
const PERMANENT = new Set(['ssh-auth', 'ssh-passphrase', 'ssh-host-key-unknown', 'ssh-host-key-changed', 'ssh-host-key-revoked']);
/** Network failures are retried, but not more often than this, so a polling UI cannot hammer a host that is down. */
const RETRY_AFTER_MS = 2000;

type Ssh2 = { Client: new () => Client; utils: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ssh2 = (): Ssh2 => require('ssh2') as Ssh2;

/**
 * One SSH connection to a host (through its ProxyJump hops), opened on first use, shared by every request and
 * every level on that host, and reopened on the next request after it drops.
 */
export class SshConnection {
  private client?: Client;
  private hops: Client[] = [];
  private connecting?: Promise<Client>;
  private failure?: { error: Error; stamp: string; permanent: boolean; at: number };
  readonly stats = { connectAttempts: 0, connectionsOpened: 0 };
  private disposed = false;
  private readonly channels = new Set<Duplex>();
  /** How Docker API connections are carried, once known: stream-local forwarding, or dial-stdio when refused. */
  mode: 'streamlocal' | 'dial-stdio' | undefined;

  constructor(readonly target: SshTarget, private readonly opts: SshOptions = {}) {}

  get connected(): boolean {
    return !!this.client;
  }

  /** The live client, connecting first if needed; concurrent callers share one attempt. */
  ready(): Promise<Client> {
    if (this.disposed) return Promise.reject(new NestedDockerError('ssh connection was closed', undefined, 'ssh-connect'));
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const f = this.failure;
    if (f) {
      const sameConfig = f.permanent && f.stamp === configStamp(this.target);
      if (sameConfig || (!f.permanent && Date.now() - f.at < RETRY_AFTER_MS)) return Promise.reject(f.error);
      this.failure = undefined;
    }
    const attempt = this.connectChain().then(
      (c) => {
        this.client = c;
        return c;
      },
      (err: Error) => {
        const code = (err as NestedDockerError).code;
        this.failure = { error: err, stamp: configStamp(this.target), permanent: PERMANENT.has(code), at: Date.now() };
        throw err;
      },
    );
    this.connecting = attempt.finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Forgets a remembered failure, e.g. after the user accepted a key in another way. */
  resetFailure(): void {
    this.failure = undefined;
  }

  private async connectChain(): Promise<Client> {
    const chain = [...this.target.jumps, { ...this.target, jumps: [] }];
    const opened: Client[] = [];
    let sock: Duplex | undefined;
    try {
      for (let i = 0; i < chain.length; i++) {
        const client = await this.connectOne(chain[i], sock);
        opened.push(client);
        const next = chain[i + 1];
        if (next) sock = await forwardTcp(client, next.hostName, next.port);
      }
    } catch (err) {
      for (const c of opened) c.end();
      throw err;
    }
    const last = opened[opened.length - 1];
    // Losing any hop loses the connection: forget it so the next request reconnects.
    for (const c of opened) {
      c.on('close', () => this.dropped(last));
      c.on('error', (err) => this.opts.log?.(`ssh: ${describeTarget(this.target)}: ${errorMessage(err)}`));
    }
    this.hops = opened;
    return last;
  }

  private dropped(last: Client): void {
    if (this.client !== last) return;
    this.opts.log?.(`ssh: connection to ${describeTarget(this.target)} closed; the next request reconnects`);
    this.client = undefined;
    this.destroyChannels();
    for (const c of this.hops) c.end();
    this.hops = [];
  }

  private connectOne(hop: SshTarget, sock: Duplex | undefined): Promise<Client> {
    this.stats.connectAttempts++;
    sshCounters.connectAttempts++;
    const client = new (ssh2().Client)();
    const timer = new PausableTimer(hop.readyTimeoutMs);
    const prompting = async <T>(fn: () => Promise<T>): Promise<T> => {
      timer.pause();
      try {
        return await fn();
      } finally {
        timer.resume();
      }
    };
    const auth = new AuthSequence(hop, this.opts, prompting);
    let hostKeyError: Error | undefined;
    let authFailed = false;
    const known = readKnownHosts([...hop.knownHostsFiles, ...hop.globalKnownHostsFiles]);
    const token = hostToken(hop.hostKeyAlias ?? hop.hostName, hop.port);
    const knownTypes = known.filter((e) => !e.marker && hostFieldMatches(e.hosts, token)).map((e) => e.keyType);
    const config: ConnectConfig = {
      host: hop.hostName,
      port: hop.port,
      sock: sock as ConnectConfig['sock'],
      username: hop.user,
      keepaliveInterval: hop.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      readyTimeout: 0, // ours below: it does not count the time a user takes to answer a prompt
      algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownTypes, DEFAULT_HOST_KEY_ALGOS) as never },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        verifyHostKey(hop, key, this.opts, prompting).then(
          () => verify(true),
          (err: Error) => {
            hostKeyError = err;
            verify(false);
          },
        );
      },
      authHandler: (methodsLeft, _partial, next) => {
        auth.next(methodsLeft).then((m) => {
          if (m === false) authFailed = true;
          next(m as never);
        }, () => next(false as never));
      },
    };
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        timer.stop();
        client.end();
        reject(err);
      };
      timer.start(() => fail(new NestedDockerError(
        `ssh: ${describeTarget(hop)} did not complete the SSH handshake within ${Math.round(hop.readyTimeoutMs / 1000)} s`,
        'check the address and port, and that sshd runs there',
        'ssh-connect',
      )));
      client.once('ready', () => {
        if (settled) return;
        settled = true;
        timer.stop();
        this.stats.connectionsOpened++;
        sshCounters.connectionsOpened++;
        client.setNoDelay(true);
        this.opts.log?.(`ssh: connected to ${describeTarget(hop)}`);
        resolve(client);
      });
      client.on('error', (err: Error & { level?: string }) => {
        if (hostKeyError) return fail(hostKeyError);
        if (authFailed) return fail(auth.failure());
        // A dead agent socket or a key that cannot sign: ssh2 reports it and goes on to the next method.
        if (err.level === 'agent' || err.level === 'client-authentication') {
          this.opts.log?.(`ssh: ${describeTarget(hop)}: ${errorMessage(err)}; trying the next key`);
          return;
        }
        fail(connectError(hop, err));
      });
      client.on('close', () => fail(hostKeyError ?? (authFailed ? auth.failure() : connectError(hop, new Error('connection closed by the server')))));
      try {
        client.connect(config);
      } catch (err) {
        fail(connectError(hop, err as Error));
      }
    });
  }

  /** A raw stream to the remote Docker API: stream-local forwarding to the socket, or `docker system dial-stdio`. */
  async openDockerStream(retry = true): Promise<Duplex> {
    const client = await this.ready();
    try {
      return await this.openOn(client);
    } catch (err) {
      // The connection dropped under us (sshd restarted, network blip): reconnect once, transparently.
      if (retry && this.client !== client && !this.disposed) return this.openDockerStream(false);
      throw err;
    }
  }

  private async openOn(client: Client): Promise<Duplex> {
    const transport = this.opts.transport ?? 'auto';
    const socket = this.opts.remoteSocket ?? '/var/run/docker.sock';
    if (transport !== 'dial-stdio' && this.mode !== 'dial-stdio') {
      try {
        const ch = await forwardStreamLocal(client, socket);
        this.mode = 'streamlocal';
        return this.track(asSocket(ch));
      } catch (err) {
        // A server that forbids forwarding (AllowStreamLocalForwarding no) still lets us run the docker CLI there.
        if (transport === 'streamlocal' || this.mode === 'streamlocal') {
          throw new NestedDockerError(`ssh: cannot reach ${socket} on ${describeTarget(this.target)}: ${errorMessage(err)}`,
            'check that Docker runs on the host and that your user may use its socket', 'ssh-docker');
        }
        this.opts.log?.(`ssh: stream-local forwarding refused (${errorMessage(err)}); using docker system dial-stdio`);
        this.mode = 'dial-stdio';
      }
    }
    return this.track(asSocket(await dialStdio(client, this.target)));
  }

  /** A stream to any unix socket on the remote host (stream-local forwarding), reconnecting once if dropped. */
  async openSocket(socketPath: string): Promise<Duplex> {
    const client = await this.ready();
    try {
      return this.track(asSocket(await forwardStreamLocal(client, socketPath)));
    } catch (err) {
      if (this.client === client || this.disposed) throw err;
      return this.track(asSocket(await forwardStreamLocal(await this.ready(), socketPath)));
    }
  }

  /** Runs a fixed command on the remote host (never built from user input) and collects its output. */
  async run(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return runCommand(await this.ready(), command);
  }

  /** `docker` arguments that reach the host's own daemon from a shell there: the socket used here, or the CLI's default. */
  hostDockerArgs(): string[] {
    return this.mode === 'streamlocal' ? ['-H', `unix://${this.opts.remoteSocket ?? '/var/run/docker.sock'}`] : [];
  }

  /** Pipes `docker save` into `docker load` between two daemons of the host, on the host (hostPipe.ts). */
  async pipeImages(pipe: HostPipe): Promise<string> {
    return runHostPipe(await this.ready(), pipe);
  }

  /**
   * ssh2 ends a dead connection's channels only once they are read, and an idle keep-alive socket in an
   * http.Agent is not read: the next request would be written into it and wait forever. Destroy them instead.
   */
  private destroyChannels(): void {
    for (const ch of this.channels) ch.destroy();
    this.channels.clear();
  }

  private track(ch: Duplex): Duplex {
    this.channels.add(ch);
    ch.once('close', () => this.channels.delete(ch));
    return ch;
  }

  close(): void {
    this.disposed = true;
    this.destroyChannels();
    this.client = undefined;
    for (const c of this.hops) c.end();
    this.hops = [];
  }
}

function connectError(hop: SshTarget, err: Error & { code?: string }): NestedDockerError {
  const who = describeTarget(hop);
  const why = err.code === 'ECONNREFUSED' ? 'connection refused (is sshd running on that port?)'
    : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? `unknown host ${hop.hostName}`
      : errorMessage(err);
  return new NestedDockerError(`ssh: cannot connect to ${who}: ${why}`, 'check the host, port and network', 'ssh-connect');
}
