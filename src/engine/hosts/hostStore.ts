import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NestedDockerError } from '../core/errors';
import { parseHostUrl } from '../transport/hostSpec';

/** A host the user added by hand (`nested-docker hosts add`, or the extension's "Add Host"). */
export interface AddedHost {
  name: string;
  url: string;
}

interface HostsFile {
  version: 1;
  hosts: AddedHost[];
}

/** $NESTED_DOCKER_CONFIG_DIR, else $XDG_CONFIG_HOME/nested-docker, else ~/.config/nested-docker. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NESTED_DOCKER_CONFIG_DIR) return env.NESTED_DOCKER_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'nested-docker');
}

/** Levels seen by earlier discoveries, so children of a stopped level are still shown (levels/knownLevels.ts). */
export function knownLevelsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'known-levels.json');
}

export function hostsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'hosts.json');
}

export function readAddedHosts(env: NodeJS.ProcessEnv = process.env): AddedHost[] {
  const file = hostsFile(env);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(text) as Partial<HostsFile>;
    return (parsed.hosts ?? []).filter((h) => typeof h?.name === 'string' && typeof h?.url === 'string');
  } catch (err) {
    throw new NestedDockerError(`${file} is not valid JSON: ${(err as Error).message}`, `fix or remove ${file}`, 'bad-config');
  }
}

/** Writes atomically (temp file + rename) with the file 0600 and its folder 0700: URLs name users and hosts. */
function writeAddedHosts(hosts: AddedHost[], env: NodeJS.ProcessEnv): void {
  const file = hostsFile(env);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const tmp = `${file}.${process.pid}.tmp`;
  const body: HostsFile = { version: 1, hosts };
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Names the listing gives to hosts that are not added (see hostList.ts), so an added host cannot shadow them. */
const RESERVED_NAMES = ['local', 'default', 'DOCKER_HOST'];

export function addHost(name: string, url: string, env: NodeJS.ProcessEnv = process.env, reserved: string[] = []): AddedHost {
  if (!NAME.test(name)) {
    throw new NestedDockerError(`invalid host name '${name}'`, 'use letters, digits, dot, dash and underscore', 'usage');
  }
  if ([...RESERVED_NAMES, ...reserved].includes(name)) {
    throw new NestedDockerError(`'${name}' is already the name of a host or Docker context`, 'choose another name', 'usage');
  }
  // Parsed for validation only: the URL must name a supported scheme. Plain remote TCP is refused when used.
  parseHostUrl(url, { env: {}, allowInsecureTcp: true });
  const hosts = readAddedHosts(env);
  if (hosts.some((h) => h.name === name)) {
    throw new NestedDockerError(`a host named '${name}' exists`, `remove it first: nested-docker hosts remove ${name}`, 'usage');
  }
  const added = { name, url: url.trim() };
  writeAddedHosts([...hosts, added], env);
  return added;
}

export function removeHost(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const hosts = readAddedHosts(env);
  const kept = hosts.filter((h) => h.name !== name);
  if (kept.length === hosts.length) return false;
  writeAddedHosts(kept, env);
  return true;
}
