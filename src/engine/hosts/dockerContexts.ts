import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A Docker context as the docker CLI stores it (`docker context create`), reduced to its Docker endpoint. */
export interface DockerContext {
  name: string;
  description?: string;
  /** Endpoints.docker.Host: unix://, tcp://, ssh://, npipe:// */
  host?: string;
  skipTlsVerify: boolean;
  /** Folder holding ca.pem / cert.pem / key.pem for this context, when it has TLS material. */
  tlsDir?: string;
  /** Why the context could not be read (it is still listed, so the user sees it and the reason). */
  error?: string;
  /** Set on a context this product made for an exposed level (it is not listed as a host of its own). */
  exposedLevel?: string;
}

/** $DOCKER_CONFIG, else ~/.docker: where the docker CLI keeps config.json and contexts/. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

/** The docker CLI names each context's folder by the SHA-256 of the context name. */
export function contextDirName(name: string): string {
  return crypto.createHash('sha256').update(name).digest('hex');
}

export function parseContextMeta(text: string, tlsRoot: string | undefined): DockerContext {
  const meta = JSON.parse(text) as {
    Name?: string;
    Metadata?: { Description?: string; NestedDockerLevel?: string };
    Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
  };
  if (!meta.Name) throw new Error('meta.json has no Name');
  const docker = meta.Endpoints?.docker;
  const tlsDir = tlsRoot ? path.join(tlsRoot, contextDirName(meta.Name), 'docker') : undefined;
  return {
    name: meta.Name,
    description: meta.Metadata?.Description || undefined,
    host: docker?.Host,
    skipTlsVerify: !!docker?.SkipTLSVerify,
    tlsDir: tlsDir && fs.existsSync(tlsDir) ? tlsDir : undefined,
    error: docker?.Host ? undefined : 'the context has no Docker endpoint',
    exposedLevel: meta.Metadata?.NestedDockerLevel,
  };
}

/** Every context under contexts/meta, sorted by name; unreadable ones carry an error instead of failing the list. */
export function readDockerContexts(configDir: string): DockerContext[] {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  const tlsRoot = path.join(configDir, 'contexts', 'tls');
  let dirs: string[];
  try {
    dirs = fs.readdirSync(metaRoot);
  } catch {
    return [];
  }
  const out: DockerContext[] = [];
  for (const d of dirs) {
    const file = path.join(metaRoot, d, 'meta.json');
    try {
      out.push(parseContextMeta(fs.readFileSync(file, 'utf8'), tlsRoot));
    } catch (err) {
      if (fs.existsSync(file)) out.push({ name: d.slice(0, 12), skipTlsVerify: false, error: `unreadable ${file}: ${(err as Error).message}` });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The context the docker CLI would use: $DOCKER_CONTEXT, else config.json's currentContext ('default' = none). */
export function currentContextName(env: NodeJS.ProcessEnv, configDir: string): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT === 'default' ? undefined : env.DOCKER_CONTEXT;
  try {
    const cfg = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { currentContext?: string };
    return cfg.currentContext && cfg.currentContext !== 'default' ? cfg.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/** The folders of one context in the docker CLI's store: its meta.json folder and its TLS folder. */
function contextFolders(configDir: string, name: string): { meta: string; tls: string } {
  const dir = contextDirName(name);
  return { meta: path.join(configDir, 'contexts', 'meta', dir), tls: path.join(configDir, 'contexts', 'tls', dir) };
}

/**
 * Writes a TCP+TLS context the way `docker context create --docker host=…,ca=…,cert=…,key=…` stores it (meta.json
 * plus ca/cert/key under tls/<hash>/docker, the key 0600), marked as this product's so the hosts list skips it.
 */
export function writeTlsContext(
  configDir: string,
  ctx: { name: string; description: string; host: string; levelId: string; ca: string; cert: string; key: string },
): void {
  const { meta, tls } = contextFolders(configDir, ctx.name);
  const docker = path.join(tls, 'docker');
  for (const d of [meta, docker]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const metaJson = {
    Name: ctx.name,
    Metadata: { Description: ctx.description, NestedDockerLevel: ctx.levelId },
    Endpoints: { docker: { Host: ctx.host, SkipTLSVerify: false } },
  };
  fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify(metaJson), { mode: 0o644 });
  for (const [file, text] of [['ca.pem', ctx.ca], ['cert.pem', ctx.cert], ['key.pem', ctx.key]] as const) {
    const target = path.join(docker, file);
    fs.rmSync(target, { force: true });
    fs.writeFileSync(target, text, { mode: 0o600 });
  }
}

/** Removes a context this product made (never one it did not: the marker in meta.json is checked). */
export function removeTlsContext(configDir: string, name: string): boolean {
  const { meta, tls } = contextFolders(configDir, name);
  try {
    if (!parseContextMeta(fs.readFileSync(path.join(meta, 'meta.json'), 'utf8'), undefined).exposedLevel) return false;
  } catch {
    return false;
  }
  fs.rmSync(meta, { recursive: true, force: true });
  fs.rmSync(tls, { recursive: true, force: true });
  return true;
}
