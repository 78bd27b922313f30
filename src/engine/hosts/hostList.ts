import * as fs from 'fs';
import * as path from 'path';
import { NestedDockerError } from '../core/errors';
import { defaultHostUrl, HostKind, HostSpec, parseHostUrl } from '../transport/hostSpec';
import { contextDirName, currentContextName, dockerConfigDir, readDockerContexts } from './dockerContexts';
import { readAddedHosts } from './hostStore';

/** Where a host comes from: $DOCKER_HOST, the local default socket, a Docker context, the user's list, or a URL. */
export type HostSource = 'env' | 'default' | 'context' | 'added' | 'url';

/** One root of the levels tree: a Docker daemon the user can nest levels on. */
export interface HostEntry {
  name: string;
  url: string;
  kind: HostKind | 'unsupported';
  source: HostSource;
  /** The host used when none is named, as the docker CLI would choose it. */
  current: boolean;
  description?: string;
  /** Docker context TLS material folder (ca.pem, cert.pem, key.pem): a path, never the key itself. */
  tlsDir?: string;
  skipTlsVerify?: boolean;
  /** Why this host cannot be used (unreadable context, unsupported endpoint such as npipe://). */
  error?: string;
}

export interface HostListOptions {
  env?: NodeJS.ProcessEnv;
}

function kindOf(url: string): HostEntry['kind'] {
  if (url.startsWith('/') || url.startsWith('unix://')) return 'unix';
  if (/^(tcp|https?):\/\//.test(url)) return 'tcp';
  if (url.startsWith('ssh://')) return 'ssh';
  return 'unsupported';
}

/** Every host, in tree order: the default (or $DOCKER_HOST), each Docker context, then the hosts the user added. */
export function listHostsSync(opts: HostListOptions = {}): HostEntry[] {
  const env = opts.env ?? process.env;
  const cfgDir = dockerConfigDir(env);
  const current = env.DOCKER_HOST ? undefined : currentContextName(env, cfgDir);
  const out: HostEntry[] = [];
  if (env.DOCKER_HOST) {
    out.push({ name: 'DOCKER_HOST', url: env.DOCKER_HOST, kind: kindOf(env.DOCKER_HOST), source: 'env', current: true });
  } else {
    const url = defaultHostUrl({ ...env, DOCKER_HOST: undefined });
    out.push({ name: 'local', url, kind: 'unix', source: 'default', current: current === undefined });
  }
  for (const c of readDockerContexts(cfgDir)) {
    // An exposed level's context reaches a level already in the tree: listing it as a host would show it twice.
    if (c.exposedLevel) continue;
    const url = c.host ?? '';
    const kind = url ? kindOf(url) : 'unsupported';
    out.push({
      name: c.name, url, kind, source: 'context', current: c.name === current, description: c.description,
      tlsDir: c.tlsDir, skipTlsVerify: c.skipTlsVerify || undefined,
      error: c.error ?? (kind === 'unsupported' ? `unsupported endpoint ${url}` : undefined),
    });
  }
  const taken = new Set(out.map((h) => h.name));
  for (const h of readAddedHosts(env)) {
    // A context created after the host was added wins the name; the added one stays reachable by its URL.
    if (taken.has(h.name)) continue;
    out.push({ name: h.name, url: h.url, kind: kindOf(h.url), source: 'added', current: false });
  }
  if (current && !out.some((h) => h.current)) {
    out[0].current = true;
    const from = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : 'config.json';
    // Its folder is named by the hash of its name: a folder there whose meta.json does not parse is malformed, not missing.
    const meta = path.join(cfgDir, 'contexts', 'meta', contextDirName(current), 'meta.json');
    out[0].error = fs.existsSync(meta)
      ? `Docker context '${current}' (from ${from}) is malformed: ${meta} is not valid JSON; fix or remove that file, or run \`docker context use default\``
      : `Docker context '${current}' (from ${from}) does not exist`;
  }
  return out;
}

/** A host by name (added host, context, `local`, `DOCKER_HOST`), a URL, or undefined for the current host. */
export function resolveHost(nameOrUrl: string | undefined, opts: HostListOptions = {}): HostEntry {
  const hosts = listHostsSync(opts);
  if (!nameOrUrl) return hosts.find((h) => h.current) ?? hosts[0];
  if (nameOrUrl.includes('://') || nameOrUrl.startsWith('/')) {
    return { name: nameOrUrl, url: nameOrUrl, kind: kindOf(nameOrUrl), source: 'url', current: false };
  }
  const found = hosts.find((h) => h.name === nameOrUrl) ?? (nameOrUrl === 'default' ? hosts[0] : undefined);
  if (found) return found;
  throw new NestedDockerError(
    `no host or Docker context named '${nameOrUrl}'`,
    `use a URL (unix://, tcp://, ssh://USER@HOST) or one of: ${hosts.map((h) => h.name).join(', ')}`,
    'bad-host',
  );
}

/** The parsed host with its TLS material: a context's own certificates, else DOCKER_CERT_PATH as docker does. */
export function hostSpecFor(entry: HostEntry, opts: { env?: NodeJS.ProcessEnv; allowInsecureTcp?: boolean } = {}): HostSpec {
  if (entry.error) throw new NestedDockerError(`host ${entry.name}: ${entry.error}`, 'run `nested-docker hosts` to see every host', 'bad-host');
  if (entry.source !== 'context') return parseHostUrl(entry.url, { env: opts.env ?? process.env, allowInsecureTcp: opts.allowInsecureTcp });
  const tlsEnv = entry.tlsDir ? { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: entry.tlsDir } : {};
  const spec = parseHostUrl(entry.url, { env: tlsEnv, allowInsecureTcp: opts.allowInsecureTcp });
  if (spec.tls && entry.skipTlsVerify) spec.tls.skipVerify = true;
  return spec;
}
