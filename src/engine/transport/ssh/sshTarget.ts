import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NestedDockerError } from '../../core/errors';
import { expandTokens, loadSshConfig, resolveSshConfig, SshConfigLine } from './sshConfig';
import { SshOptions, SshTarget } from './sshOptions';

interface Address {
  user?: string;
  host: string;
  port?: number;
}

/** `ssh://[user@]host[:port]` or ProxyJump's `[user@]host[:port]`. */
function parseSshAddress(text: string): Address {
  const url = text.includes('://') ? text : `ssh://${text}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new NestedDockerError(`invalid SSH address '${text}'`, 'use ssh://USER@HOST[:PORT]', 'bad-host');
  }
  if (u.protocol !== 'ssh:' || !u.hostname) {
    throw new NestedDockerError(`invalid SSH address '${text}'`, 'use ssh://USER@HOST[:PORT]', 'bad-host');
  }
  return {
    user: u.username ? decodeURIComponent(u.username) : undefined,
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : undefined,
  };
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Applies ~/.ssh/config and the options to an ssh:// URL: who, where, with which keys, checked against which files. */
export function resolveSshTarget(url: string, opts: SshOptions = {}): SshTarget {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? os.homedir();
  const configFile = opts.configFile === null ? undefined : (opts.configFile ?? path.join(home, '.ssh', 'config'));
  const lines = configFile ? loadSshConfig(configFile, home) : [];
  return resolveHop(parseSshAddress(url), lines, opts, env, home, configFile, 0);
}

function resolveHop(
  addr: Address,
  lines: SshConfigLine[],
  opts: SshOptions,
  env: NodeJS.ProcessEnv,
  home: string,
  configFile: string | undefined,
  depth: number,
): SshTarget {
  const cfg = resolveSshConfig(lines, addr.host);
  const localUser = safeUser();
  const hostName = cfg.hostName ? cfg.hostName.replace(/%h/g, addr.host) : addr.host;
  const port = addr.port ?? cfg.port ?? 22;
  const user = addr.user ?? cfg.user ?? localUser;
  const tokens = { home, host: hostName, port, remoteUser: user, localUser };
  const expand = (p: string) => expandTokens(p, tokens);

  const explicit = !!opts.identityFiles?.length;
  let identityFiles = explicit ? opts.identityFiles!.map(expand) : cfg.identityFiles.map(expand);
  if (!explicit && identityFiles.length === 0) identityFiles = DEFAULT_KEYS.map((k) => path.join(home, '.ssh', k));
  if (!explicit) identityFiles = identityFiles.filter((f) => fs.existsSync(f));
  for (const f of explicit ? identityFiles : []) {
    if (!fs.existsSync(f)) throw new NestedDockerError(`SSH key ${f} does not exist`, 'check the key path', 'ssh-auth');
  }

  let agentSocket: string | undefined;
  if (!explicit && !cfg.identitiesOnly && opts.agentSocket !== null) {
    const fromConfig = cfg.identityAgent === 'SSH_AUTH_SOCK' ? env.SSH_AUTH_SOCK : cfg.identityAgent;
    agentSocket = opts.agentSocket ?? (fromConfig === 'none' ? undefined : fromConfig ? expand(fromConfig) : env.SSH_AUTH_SOCK);
    if (!agentSocket) agentSocket = undefined;
  }

  const knownHostsFiles = opts.knownHostsFiles?.length
    ? opts.knownHostsFiles.map(expand)
    : (cfg.userKnownHostsFiles ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map(expand);
  // Explicit files isolate (tests, a product-managed file); otherwise the system-wide list is consulted as ssh does.
  const globalKnownHostsFiles = opts.knownHostsFiles?.length
    ? []
    : (cfg.globalKnownHostsFiles ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']).map(expand);

  const jumps: SshTarget[] = [];
  if (cfg.proxyJump && depth < 4) {
    for (const hop of cfg.proxyJump.split(',').map((s) => s.trim()).filter(Boolean)) {
      const resolved = resolveHop(parseSshAddress(hop), lines, { ...opts, identityFiles: opts.identityFiles }, env, home, configFile, depth + 1);
      jumps.push(...resolved.jumps, { ...resolved, jumps: [] });
    }
  }

  return {
    alias: addr.host,
    hostName,
    port,
    user,
    identityFiles,
    explicitIdentities: explicit,
    agentSocket,
    knownHostsFiles,
    globalKnownHostsFiles,
    strictHostKeyChecking: cfg.strictHostKeyChecking ?? 'ask',
    hashKnownHosts: !!cfg.hashKnownHosts,
    hostKeyAlias: cfg.hostKeyAlias,
    keepaliveIntervalMs: opts.keepaliveIntervalMs ?? (cfg.serverAliveInterval ? cfg.serverAliveInterval * 1000 : 15_000),
    readyTimeoutMs: opts.readyTimeoutMs ?? (cfg.connectTimeout ? cfg.connectTimeout * 1000 + 10_000 : 20_000),
    jumps,
    configFile,
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'root';
  }
}

/** Identity of a connection: two engines whose targets share this key share one SSH connection. */
export function targetKey(t: SshTarget): string {
  const hop = (x: SshTarget) => `${x.user}@${x.hostName}:${x.port}`;
  return [...t.jumps.map(hop), hop(t), t.identityFiles.join(','), t.knownHostsFiles.join(','), t.agentSocket ?? ''].join('|');
}

/** Changes whenever a file that decides auth or trust changes, so a remembered failure is retried only then. */
export function configStamp(t: SshTarget): string {
  const files = [t, ...t.jumps].flatMap((x) => [...x.identityFiles, ...x.knownHostsFiles, ...x.globalKnownHostsFiles]);
  if (t.configFile) files.push(t.configFile);
  const mtime = (f: string) => {
    try {
      return fs.statSync(f).mtimeMs;
    } catch {
      return -1;
    }
  };
  return [...files.map((f) => `${f}:${mtime(f)}`), t.agentSocket ?? ''].join('|');
}
