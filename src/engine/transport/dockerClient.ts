import type * as http from 'http';
import * as https from 'https';
import * as util from 'util';
import type Dockerode from 'dockerode';
import { settledWithin } from '../core/deadline';
import { HostSpec } from './hostSpec';
import { leaseSshDocker } from './ssh/sshDocker';
import type { SshConnection } from './ssh/sshConnection';
import type { SshOptions } from './ssh/sshOptions';

type DockerodeCtor = new (opts?: Dockerode.DockerOptions) => Dockerode;
let ctor: DockerodeCtor | undefined;

/** Whether dockerode has been loaded yet (the extension promises not to load it before it is needed). */
export function dockerodeLoaded(): boolean {
  return ctor !== undefined;
}

/** dockerode is loaded on first use only, so that activating the extension stays cheap. */
function dockerode(): DockerodeCtor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ctor ??= require('dockerode') as DockerodeCtor;
  return ctor;
}

/**
 * Every option is spelled out: docker-modem merges DOCKER_HOST from the environment under the options it is given,
 * so an unset `host` would let an environment tcp host silently win over an explicit socket.
 */
const BLANK = { host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, sshOptions: undefined };

export function clientForSocket(socketPath: string): Dockerode {
  const Docker = dockerode();
  return new Docker({ ...BLANK, socketPath, protocol: 'http' });
}

export function clientForAgent(agent: http.Agent, label: string): Dockerode {
  // docker-modem util.inspect()s each request's options, agent included, for its debug log even when that log is
  // off; an agent holding SSH or exec-tunnel state made that walk cost ~1 ms per request. Let it print a name.
  Object.defineProperty(agent, util.inspect.custom, { value: () => `[Agent ${label}]`, configurable: true });
  const Docker = dockerode();
  // A socketPath (never dialled: the agent makes every connection) rather than a host name, because VS Code's
  // extension host patches http.request to route requests by host through its proxy agent, which would bypass ours
  // and look the name up in DNS; requests with a socketPath are left alone.
  const socketPath = `/nested-docker/${label.replace(/[^\w.-]/g, '_')}`;
  return new Docker({ ...BLANK, protocol: 'http', socketPath, agent } as Dockerode.DockerOptions);
}

/**
 * A client for level 0, and what to release when done with it: for ssh:// the share of the host's pooled SSH
 * connection (closed with its last share), for TLS a keep-alive agent (one handshake, not one per request).
 */
export function openHostClient(
  spec: HostSpec,
  agent?: http.Agent,
  ssh?: SshOptions,
): { client: Dockerode; release: () => void; ssh?: SshConnection } {
  const label = spec.hostname ?? 'docker';
  if (agent) return { client: clientForAgent(agent, label), release: () => undefined };
  switch (spec.kind) {
    case 'unix':
      return { client: clientForSocket(spec.socketPath!), release: () => undefined };
    case 'tcp': {
      const Docker = dockerode();
      const tls = spec.tls;
      const tlsAgent = tls
        ? new https.Agent({ keepAlive: true, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !tls.skipVerify })
        : undefined;
      const client = new Docker({
        ...BLANK,
        protocol: tls ? 'https' : 'http',
        host: spec.hostname,
        port: spec.port,
        ca: tls?.ca,
        cert: tls?.cert,
        key: tls?.key,
        agent: tlsAgent,
      } as Dockerode.DockerOptions);
      return { client, release: () => tlsAgent?.destroy() };
    }
    case 'ssh': {
      const lease = leaseSshDocker(spec.url, ssh);
      return { client: clientForAgent(lease.agent, label), release: lease.release, ssh: lease.connection };
    }
  }
}

/** Resolves within `ms` or rejects with a TimeoutError, even while the request still waits for its socket. */
export async function pingWithin(client: Dockerode, ms: number): Promise<void> {
  await settledWithin((signal) => client.ping({ abortSignal: signal } as never) as unknown as Promise<unknown>, ms);
}
