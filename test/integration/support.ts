import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runProcess } from '../support/processes';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'bin', 'nested-docker.js');
export const IMAGE = 'nested-docker/dind:local';
export const NO_DOCKERD_IMAGE = 'nested-docker/test:no-dockerd';

/** Every id a test creates starts with this, so cleanup touches nothing else on the machine. */
export const RUN = `t${Date.now().toString(36).slice(-5)}`;

export const relayDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-relay-'));
fs.chmodSync(relayDir, 0o700);
// The relay folder is this run's own: removed when the test process ends, so no run leaves a folder in the temp dir.
process.on('exit', () => fs.rmSync(relayDir, { recursive: true, force: true }));

/**
 * A suite's private scratch folder, made when its file loads (its tables name paths in it) and removed when the test
 * process ends too: a run filtered by --grep skips the suite's own `after`, and must leave no folder either.
 */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { input?: Buffer | string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], {
    env: { NESTED_DOCKER_RELAY_DIR: relayDir, ...opts.env },
    input: opts.input,
    timeoutMs: opts.timeoutMs ?? 180000,
    label: `nested-docker ${args.join(' ')}`,
  });
}

export async function cliJson<T>(args: string[]): Promise<T> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`nested-docker ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface LevelJson {
  id: string;
  depth: number;
  parentId: string | null;
  state: string;
  mode: string;
  transport: string | null;
  containerId: string | null;
  version: string | null;
  storageDriver: string | null;
  cgroupVersion: string | null;
  containers: { name: string; state: string }[];
  error?: string | null;
}

export function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' });
}

/** What the product left on the host daemon for ids of this run (or everything labelled, when `all`). */
export function leftovers(prefix: string | null): { containers: string[]; volumes: string[]; sockets: string[] } {
  const containers = docker(['ps', '-a', '--filter', 'label=nested-docker.level', '--format', '{{.Names}}'])
    .split('\n').filter(Boolean);
  const volumes = docker(['volume', 'ls', '--filter', 'label=nested-docker.managed', '--format', '{{.Name}}'])
    .split('\n').filter(Boolean);
  const sockets = fs.existsSync(relayDir) ? fs.readdirSync(relayDir) : [];
  const mine = (name: string) => prefix === null || name.includes(prefix);
  return { containers: containers.filter(mine), volumes: volumes.filter(mine), sockets: sockets.filter(mine) };
}

export function assertDockerReady(): void {
  try {
    docker(['info', '--format', '{{.ServerVersion}}']);
  } catch (err) {
    throw new Error(`integration tests need a running Docker daemon (bash .ci/run starts one): ${(err as Error).message}`);
  }
  for (const image of [IMAGE, NO_DOCKERD_IMAGE]) {
    try {
      docker(['image', 'inspect', image, '--format', '{{.Id}}']);
    } catch {
      throw new Error(`image ${image} is missing: build it with \`npm run image:local\``);
    }
  }
}

export async function collapseQuietly(id: string): Promise<void> {
  await cli(['collapse', id, '--purge']).catch(() => undefined);
}

/** Removes anything of this run that a failed test left behind (only objects named with the run prefix). */
export function sweep(): void {
  const left = leftovers(RUN);
  for (const c of left.containers) {
    try { docker(['rm', '-f', c]); } catch { /* gone */ }
  }
  for (const v of left.volumes) {
    try { docker(['volume', 'rm', '-f', v]); } catch { /* gone */ }
  }
}
