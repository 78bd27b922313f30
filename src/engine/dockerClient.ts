import type * as http from 'http';
import type Dockerode from 'dockerode';
import { HostSpec } from './hostSpec';
import { NestedDockerError } from './errors';

type DockerodeCtor = new (opts?: Dockerode.DockerOptions) => Dockerode;
let ctor: DockerodeCtor | undefined;

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
  const Docker = dockerode();
  return new Docker({ ...BLANK, protocol: 'http', host: label, port: 2375, agent } as Dockerode.DockerOptions);
}

export function clientForHost(spec: HostSpec, agent?: http.Agent): Dockerode {
  if (agent) return clientForAgent(agent, spec.hostname ?? 'docker');
  switch (spec.kind) {
    case 'unix':
      return clientForSocket(spec.socketPath!);
    case 'tcp': {
      const Docker = dockerode();
      return new Docker({
        ...BLANK,
        protocol: spec.tls ? 'https' : 'http',
        host: spec.hostname,
        port: spec.port,
        ...(spec.tls ?? {}),
      } as Dockerode.DockerOptions);
    }
    case 'ssh':
      throw new NestedDockerError(
        `ssh host ${spec.url} needs an SSH connection`,
        'connect through the engine with an SSH transport',
        'bad-host',
      );
  }
}

/** Resolves within `ms` or rejects with a timeout error; the request itself is aborted. */
export async function pingWithin(client: Dockerode, ms: number): Promise<void> {
  await client.ping({ abortSignal: AbortSignal.timeout(ms) } as never);
}
