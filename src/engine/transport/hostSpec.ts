import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NestedDockerError } from '../core/errors';

export type HostKind = 'unix' | 'tcp' | 'ssh';

/** Where level 0 (the host daemon) lives, parsed from a DOCKER_HOST-style URL. */
export interface HostSpec {
  url: string;
  kind: HostKind;
  socketPath?: string;
  hostname?: string;
  port?: number;
  username?: string;
  /** skipVerify: the Docker context's SkipTLSVerify (encrypted, but the server's certificate is not checked). */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; skipVerify?: boolean };
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

export function defaultHostUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  const userSocket = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
  if (!fs.existsSync(DEFAULT_SOCKET) && fs.existsSync(userSocket)) return `unix://${userSocket}`;
  return `unix://${DEFAULT_SOCKET}`;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

function readTls(certPath: string | undefined): HostSpec['tls'] | undefined {
  if (!certPath) return undefined;
  const read = (name: string) => {
    const file = path.join(certPath, name);
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/**
 * Parses unix://, tcp:// (TLS from DOCKER_CERT_PATH/DOCKER_TLS_VERIFY) and ssh:// URLs.
 * Plain TCP to a non-loopback address is refused unless allowed: it exposes a root-equivalent API unencrypted.
 */
export function parseHostUrl(
  url: string,
  opts: { env?: NodeJS.ProcessEnv; allowInsecureTcp?: boolean } = {},
): HostSpec {
  const env = opts.env ?? process.env;
  const trimmed = url.trim();
  if (trimmed.startsWith('/')) return { url: `unix://${trimmed}`, kind: 'unix', socketPath: trimmed };
  let parsed: URL;
  try {
    parsed = new URL(trimmed.includes('://') ? trimmed : `tcp://${trimmed}`);
  } catch {
    throw new NestedDockerError(
      `invalid Docker host '${url}'`,
      'use unix:///var/run/docker.sock, tcp://HOST:2376 or ssh://USER@HOST[:PORT]',
      'bad-host',
    );
  }
  switch (parsed.protocol) {
    case 'unix:': {
      const socketPath = decodeURIComponent(parsed.pathname) || DEFAULT_SOCKET;
      return { url: `unix://${socketPath}`, kind: 'unix', socketPath };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = readTls(env.DOCKER_CERT_PATH);
      const wantsTls = parsed.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || parsed.port === '2376';
      const hostname = parsed.hostname;
      if (!wantsTls && !isLoopback(hostname) && !opts.allowInsecureTcp) {
        throw new NestedDockerError(
          `refusing plain TCP to ${hostname}: the Docker API would travel unencrypted and unauthenticated`,
          'use TLS (DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH) or ssh://, or allow insecure TCP explicitly',
          'insecure-tcp',
        );
      }
      return {
        url: trimmed,
        kind: 'tcp',
        hostname,
        port: Number(parsed.port || (wantsTls ? 2376 : 2375)),
        tls: wantsTls ? (tls ?? {}) : undefined,
      };
    }
    case 'ssh:':
      return {
        url: trimmed,
        kind: 'ssh',
        hostname: parsed.hostname,
        port: Number(parsed.port || 22),
        username: decodeURIComponent(parsed.username) || os.userInfo().username,
      };
    default:
      throw new NestedDockerError(
        `unsupported Docker host scheme '${parsed.protocol}' in '${url}'`,
        'use unix://, tcp:// or ssh://',
        'bad-host',
      );
  }
}

/** DOCKER_HOST value with any password removed, for logs and UI. */
export function redactHostUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
