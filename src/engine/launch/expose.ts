// Exposing a level's daemon on request: TLS material, the level container recreated on its kept volume with a
// TLS listener and a port published by its parent on one address, a Docker context; and the exact undo. The
// decisions are in exposePolicy.ts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { NestedDockerError, statusCode } from '../core/errors';
import { removeTlsContext, writeTlsContext } from '../hosts/dockerContexts';
import { LevelDirectory } from '../levels/discovery';
import { Labels } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import { freePort, portIsFree } from '../transport/ports';
import { tarOf } from '../transport/tarArchive';
import { generateTlsMaterial, writePrivateFiles } from '../transport/tlsMaterial';
import {
  checkExposeRequest, contextNameFor, ExposeRequest, IN_LEVEL_TLS_DIR, parseExposedLabel, recreateOptions, tcpUrl, TLS_PORT,
} from './exposePolicy';
import { waitReady } from './readiness';

export interface ExposeContext {
  levels: LevelDirectory;
  relayDir?: string;
  /** Whether level 0 is this machine's daemon (a published port is then on this machine). */
  localHost: boolean;
  /** The product's state folder (client certificates go to <it>/exposed/<level>). */
  stateDir: string;
  /** The docker CLI's config folder (the context goes to <it>/contexts). */
  dockerConfigDir: string;
  log: (line: string) => void;
}

export interface ExposeOptions {
  address?: string;
  port?: number;
  startTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

/** An exposed level, as the CLI prints it and the extension shows it. */
export interface Exposure {
  levelId: string;
  address: string;
  port: number;
  url: string;
  context: string;
  /** Folder with ca.pem, cert.pem and key.pem for clients (0700, files 0600). */
  certDir: string;
  /** The risk, when the address is not a loopback one. */
  warning?: string;
}

function certDirFor(ctx: Pick<ExposeContext, 'stateDir'>, levelId: string): string {
  return path.join(ctx.stateDir, 'exposed', levelId);
}

/** Makes a level's daemon answer over TLS on ADDRESS:PORT of this machine (127.0.0.1 and 2376 or a free port by default). */
export async function exposeLevel(ctx: ExposeContext, node: LevelNode, opts: ExposeOptions = {}): Promise<Exposure> {
  const address = opts.address ?? '127.0.0.1';
  const warning = checkExposeRequest(address, opts.port);
  const container = exposable(ctx, node);
  const before = await container.inspect();
  const already = parseExposedLabel(before.Config.Labels?.[Labels.exposed]);
  if (already) {
    throw new NestedDockerError(`level ${node.info.id} is already exposed on ${already.address}:${already.port}`, `unexpose it first (nested-docker unexpose ${node.info.id})`, 'already-exposed');
  }
  if (!isLocalAddress(address)) {
    throw new NestedDockerError(`${address} is not an address of this machine`, 'give --address one of this machine\'s addresses (127.0.0.1 by default); nothing was changed', 'usage');
  }
  const port = opts.port ?? ((await portIsFree(address, TLS_PORT)) ? TLS_PORT : await freePort(address));
  if (opts.port !== undefined && !(await portIsFree(address, port))) {
    throw new NestedDockerError(`port ${port} is already in use on ${address}`, 'choose another port, or leave it out to get a free one', 'port-in-use');
  }
  const request: ExposeRequest = { address, port };
  opts.onProgress?.(`Generating TLS certificates for level ${node.info.id}`);
  const tls = await generateTlsMaterial({ commonName: `nested-docker level ${node.info.id}`, addresses: [address] });
  const files = tarOf([
    { name: `${IN_LEVEL_TLS_DIR.slice(1)}/`, mode: 0o700 },
    { name: `${IN_LEVEL_TLS_DIR.slice(1)}/ca.pem`, mode: 0o644, text: tls.ca },
    { name: `${IN_LEVEL_TLS_DIR.slice(1)}/server-cert.pem`, mode: 0o644, text: tls.serverCert },
    { name: `${IN_LEVEL_TLS_DIR.slice(1)}/server-key.pem`, mode: 0o600, text: tls.serverKey },
  ]);
  opts.onProgress?.(`Restarting level ${node.info.id} with a TLS listener on ${address}:${port}`);
  await recreate(ctx, node, before, recreateOptions(before, request), files, opts);
  const exposure: Exposure = {
    levelId: node.info.id, address, port, url: tcpUrl(address, port), context: contextNameFor(node.info.id),
    certDir: certDirFor(ctx, node.info.id), warning,
  };
  try {
    writePrivateFiles(exposure.certDir, { 'ca.pem': tls.ca, 'cert.pem': tls.clientCert, 'key.pem': tls.clientKey });
    writeTlsContext(ctx.dockerConfigDir, {
      name: exposure.context, description: `Nested Docker level ${node.info.id} over TLS`, host: exposure.url,
      levelId: node.info.id, ca: tls.ca, cert: tls.clientCert, key: tls.clientKey,
    });
  } catch (err) {
    forgetExposure(ctx, node.info.id);
    throw err;
  }
  return exposure;
}

/** Closes the TLS listener (the level is recreated without it) and removes the certificates and the context. */
export async function unexposeLevel(ctx: ExposeContext, node: LevelNode, opts: ExposeOptions = {}): Promise<boolean> {
  const container = exposable(ctx, node);
  const before = await container.inspect();
  const was = parseExposedLabel(before.Config.Labels?.[Labels.exposed]);
  if (was) {
    opts.onProgress?.(`Restarting level ${node.info.id} without its TLS listener`);
    await recreate(ctx, node, before, recreateOptions(before, undefined), undefined, opts);
  }
  return forgetExposure(ctx, node.info.id) || !!was;
}

/** Removes what an exposure left on this machine (client certificates, context); true when there was any. */
export function forgetExposure(ctx: Pick<ExposeContext, 'stateDir' | 'dockerConfigDir'>, levelId: string): boolean {
  const dir = certDirFor(ctx, levelId);
  const had = fs.existsSync(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return removeTlsContext(ctx.dockerConfigDir, contextNameFor(levelId)) || had;
}

function isLocalAddress(address: string): boolean {
  if (address === '0.0.0.0' || address === '::') return true;
  return Object.values(os.networkInterfaces()).some((list) => list?.some((i) => i.address === address));
}

function exposable(ctx: ExposeContext, node: LevelNode): Dockerode.Container {
  if (!node.container || !node.parent?.client) {
    throw new NestedDockerError(`${node.info.id} is not a level container`, 'expose a level nested on this host', 'bad-id');
  }
  if (node.info.mode === 'dood') {
    throw new NestedDockerError(`level ${node.info.id} is a DooD level: it has no daemon of its own`, `expose its parent ${node.info.parentId} instead`, 'bad-id');
  }
  if (!ctx.localHost || node.info.depth !== 1) {
    throw new NestedDockerError(
      `level ${node.info.id} is not nested directly on this machine's daemon, so its port could not be published here`,
      'expose a level of depth 1 on the local host (nest one with --expose); deeper levels are reached through the tree',
      'not-exposable',
    );
  }
  if (node.children.length > 0) {
    throw new NestedDockerError(
      `level ${node.info.id} has nested levels (${node.children.map((c) => c.info.id).join(', ')}), which its daemon's restart would stop`,
      'collapse them first, or expose the level before nesting in it (nest --expose)',
      'has-children',
    );
  }
  return node.container;
}

/**
 * Replaces the level container by one made from `options` on the same volume, and waits for its daemon; on any
 * failure the original container is recreated as it was, so the level is never left half-changed.
 */
async function recreate(
  ctx: ExposeContext, node: LevelNode, before: Dockerode.ContainerInspectInfo, options: Dockerode.ContainerCreateOptions,
  files: Buffer | undefined, opts: ExposeOptions,
): Promise<void> {
  const client = node.parent!.client!;
  await removeContainer(node.container!);
  ctx.levels.forget(node.info.id);
  let created: Dockerode.Container | undefined;
  try {
    created = await client.createContainer(options);
    if (files) await created.putArchive(files, { path: '/' });
    await created.start();
    await waitReady(ctx, node.parent!, created, node.info.id, { startTimeoutMs: opts.startTimeoutMs }, options.Image!);
  } catch (err) {
    ctx.log(`level ${node.info.id}: restart failed (${(err as Error).message}); restoring it as it was`);
    if (created) await created.remove({ force: true, v: false }).catch(() => undefined);
    ctx.levels.forget(node.info.id);
    // Restored without a TCP listener: its certificates went with the removed container, and closed is the safe side.
    const restored = await client.createContainer(recreateOptions(before, undefined));
    await restored.start();
    throw err;
  }
}

async function removeContainer(container: Dockerode.Container): Promise<void> {
  await container.stop({ t: 10 }).catch((err) => {
    if (statusCode(err) !== 304 && statusCode(err) !== 404) throw err;
  });
  await container.remove({ force: true, v: false });
}
