// The decisions of exposing a level's daemon, as pure functions: which address is allowed (and what the user is
// told), which dockerd arguments turn TLS on and off, and the create options of the level container recreated on
// its kept volume. expose.ts carries them out. Never a plain TCP listener: every TCP --host here comes with
// --tlsverify and a CA that only this product's client certificate chains to.
import * as net from 'net';
import type Dockerode from 'dockerode';
import { NestedDockerError } from '../core/errors';
import { Labels } from '../levels/labels';

/** The dockerd TLS port inside the level (docker:dind's convention). */
export const TLS_PORT = 2376;
/** Where the server's CA, certificate and key are put inside the level container (0700 folder, 0600 key). */
export const IN_LEVEL_TLS_DIR = '/nested-docker/tls';

export interface ExposeRequest {
  address: string;
  port: number;
}

/** What a level's exposure is, read back from its label (`ADDRESS:PORT`). */
export function parseExposedLabel(value: string | undefined): ExposeRequest | undefined {
  const m = value ? /^(.*):(\d+)$/.exec(value) : null;
  return m ? { address: m[1], port: Number(m[2]) } : undefined;
}

function exposedLabel(r: ExposeRequest): string {
  return `${r.address}:${r.port}`;
}

function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1';
}

/**
 * Checks the address and port; resolves with the warning to show when the daemon will be reachable from other
 * machines (the risk named), or undefined for a loopback address.
 */
export function checkExposeRequest(address: string, port: number | undefined): string | undefined {
  if (!net.isIP(address)) {
    throw new NestedDockerError(`'${address}' is not an IP address`, 'give --address an IPv4 or IPv6 address such as 127.0.0.1 (the default)', 'usage');
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new NestedDockerError(`port ${port} is out of range`, 'give --port a number from 1 to 65535, or leave it out to use 2376 or a free port', 'usage');
  }
  if (isLoopback(address)) return undefined;
  const where = address === '0.0.0.0' || address === '::' ? 'every network this machine is on' : `the network of ${address}`;
  return `the level's Docker daemon will accept connections from ${where}. Whoever holds its client certificate ` +
    '(in the Docker context and the product\'s state folder) controls that daemon and, since a level runs privileged ' +
    'or with every capability, the machine under it. Keep the certificate private and unexpose when done.';
}

/** dockerd arguments that add the TLS listener (appended to the level's own arguments). */
export function tlsDaemonArgs(): string[] {
  return [
    '--tlsverify',
    `--tlscacert=${IN_LEVEL_TLS_DIR}/ca.pem`,
    `--tlscert=${IN_LEVEL_TLS_DIR}/server-cert.pem`,
    `--tlskey=${IN_LEVEL_TLS_DIR}/server-key.pem`,
    `--host=tcp://0.0.0.0:${TLS_PORT}`,
  ];
}

/** The level's arguments without the TLS listener (what unexpose restores). */
export function withoutTlsArgs(args: readonly string[]): string[] {
  const ours = new Set(tlsDaemonArgs());
  return args.filter((a) => !ours.has(a));
}

/**
 * Create options of the level container recreated from its inspect data, with the TLS listener and a published
 * port (expose) or without them (unexpose); everything else (mode, capabilities, mounts, its volume, labels, the
 * wrapper) is kept, so the level comes back with its data.
 */
export function recreateOptions(inspect: Dockerode.ContainerInspectInfo, expose: ExposeRequest | undefined): Dockerode.ContainerCreateOptions {
  const cfg = inspect.Config;
  const labels = { ...(cfg.Labels ?? {}) };
  delete labels[Labels.exposed];
  // A recreated container is no nest's: cut off before its start, it must never be rolled back with the level's data.
  delete labels[Labels.nest];
  const cmd = withoutTlsArgs(cfg.Cmd ?? []);
  const exposedPorts = { ...(cfg.ExposedPorts ?? {}) } as Record<string, object>;
  const portBindings = { ...(inspect.HostConfig.PortBindings ?? {}) } as Record<string, unknown>;
  const key = `${TLS_PORT}/tcp`;
  delete exposedPorts[key];
  delete portBindings[key];
  if (expose) {
    labels[Labels.exposed] = exposedLabel(expose);
    cmd.push(...tlsDaemonArgs());
    exposedPorts[key] = {};
    portBindings[key] = [{ HostIp: expose.address, HostPort: String(expose.port) }];
  }
  return {
    name: inspect.Name.replace(/^\//, ''),
    Image: cfg.Image,
    Hostname: cfg.Hostname,
    Entrypoint: cfg.Entrypoint as string[] | undefined,
    Cmd: cmd,
    Env: cfg.Env,
    Labels: labels,
    Tty: cfg.Tty,
    ExposedPorts: exposedPorts,
    HostConfig: { ...inspect.HostConfig, PortBindings: portBindings } as Dockerode.HostConfig,
  };
}

/** The Docker context made for an exposed level. */
export function contextNameFor(levelId: string): string {
  return `nested-docker-${levelId}`;
}

/** The address a client dials: the bound address, or loopback when the daemon listens on every address. */
function dialAddress(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '::1';
  return address;
}

export function tcpUrl(address: string, port: number): string {
  const a = dialAddress(address);
  return `tcp://${a.includes(':') ? `[${a}]` : a}:${port}`;
}
