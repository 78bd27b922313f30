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
    Metadata?: { Description?: string };
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
