// The VM host suite's helpers: the CLI driven over SSH exactly as a user drives a remote host (an ~/.ssh/config
// Host entry with a pinned known_hosts), and root commands in the guest for facts and faults.
// scripts/vm/run-suite.sh boots the VM and sets the environment below.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcessResult, runProcess } from '../support/processes';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'bin', 'nested-docker.js');
export const SSH_CONFIG = process.env.NESTED_DOCKER_VM_SSH_CONFIG ?? '';
export const ALIAS = process.env.NESTED_DOCKER_VM_ALIAS ?? 'ndvm';
export const VM_CTL = process.env.NESTED_DOCKER_VM_CTL ?? path.join(ROOT, 'scripts', 'vm', 'vm.sh');
export const HOST = `ssh://${ALIAS}`;
export const IMAGE = 'nested-docker/dind:local';
/**
 * Level ids of this run. run-suite.sh runs independent spec files at the same time in one VM and gives each its own
 * prefix (NESTED_DOCKER_VM_RUN_ID), so a file sees, filters and removes only its own levels.
 */
export const RUN = process.env.NESTED_DOCKER_VM_RUN_ID ?? `v${Date.now().toString(36).slice(-4)}`;
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-vm-config-'));
// This run's own record of levels, removed when the test process ends: no run leaves a folder in the temp dir.
process.on('exit', () => fs.rmSync(configDir, { recursive: true, force: true }));

export function requireVm(): void {
  if (!SSH_CONFIG || !fs.existsSync(SSH_CONFIG)) {
    throw new Error('the VM suite runs inside scripts/vm/run-suite.sh (npm run test:vm), which boots the VM and sets NESTED_DOCKER_VM_SSH_CONFIG');
  }
}

export type Result = ProcessResult;

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<Result> {
  return runProcess(cmd, args, { ...opts, timeoutMs: opts.timeoutMs ?? 600_000 });
}

/**
 * What a guest starved of CPU says before anything was done (the product's 5 s ping missed, the SSH connection
 * dropped, a call on the guest's daemon past its 60 s deadline), or when a new level's dockerd gave up on its own containerd: dockerd 20.10 waits 15 s for it
 * (libcontainerd/supervisor startupTimeout), which an emulated guest on a busy machine can exceed. The harness waits
 * until the guest's sshd answers again (untilGuestAnswers) and asks again, at most STARVED_TRIES times, and prints each
 * retry. A failed nest rolls back completely, so asking
 * again is safe; the failures under test are never of these kinds.
 */
const STARVED = /the host daemon does not answer|did not complete the SSH handshake within \d+ s|is not ready \(unreachable|socket hang up|Keepalive timeout|timeout waiting for containerd to start|the daemon of host did not answer .* within \d+ s/;
const STARVED_TRIES = 3;

/** `nested-docker --host ssh://ndvm ARGS…`, with the suite's ssh config and nothing from the user's home. */
export async function nd(args: string[], timeoutMs = 600_000): Promise<Result> {
  // Under software emulation on a busy machine a level's dockerd can take minutes to answer: give nests room.
  const slow = args[0] === 'nest' && !args.includes('--timeout') ? ['--timeout', '300'] : [];
  // A nest prints its steps (not --quiet): should one outlive the time limit, the error names the step it stuck in.
  const said = args[0] === 'nest' ? args.filter((a) => a !== '--quiet') : args;
  for (let attempt = 1; ; attempt++) {
    const r = await run(process.execPath, [CLI, '--host', HOST, ...said, ...slow], {
      timeoutMs,
      env: { NESTED_DOCKER_SSH_CONFIG: SSH_CONFIG, NESTED_DOCKER_CONFIG_DIR: configDir, SSH_AUTH_SOCK: '' },
    });
    const starved = r.code !== 0 && STARVED.exec(r.stderr);
    if (!starved || attempt >= STARVED_TRIES) return r;
    say(`retry ${attempt}: nested-docker ${args.slice(0, 3).join(' ')} met a starved guest (${starved[0]}); ${await untilGuestAnswers()}`);
  }
}

// How long, over the whole run, the harness waits for a stalled guest to answer its sshd again: an emulated guest has
// been seen stalled past every retry (a CI run of 2026-12-05: from one moment on every SSH banner exchange timed out,
// the guest console silent). A stall that ends is waited out; one that does not costs the run at most this much.
// (NESTED_DOCKER_VM_STALL_S shortens it, to try run-suite.sh's fresh-guest fallback on a guest frozen on purpose.)
let stallBudgetMs = Number(process.env.NESTED_DOCKER_VM_STALL_S ?? 600) * 1000;

/** The last lines the guest's kernel printed (run-suite.sh's run folder holds the console beside the ssh config). */
function consoleTail(lines = 12): string {
  try {
    const text = fs.readFileSync(path.join(path.dirname(SSH_CONFIG), 'console.log'), 'utf8').replace(/\r/g, '');
    return text.trimEnd().split('\n').slice(-lines).join('\n      ');
  } catch {
    return '(no console log)';
  }
}

/** Waits (10 s at least) until the guest's sshd runs a command again, within the run's stall budget; says how long. */
async function untilGuestAnswers(): Promise<string> {
  const t0 = Date.now();
  await new Promise((res) => setTimeout(res, 10_000));
  let shown = false;
  while (Date.now() - t0 < stallBudgetMs) {
    const r = await guest('true', 60_000);
    if (r.code === 0) break;
    if (!shown) say(`the guest does not answer SSH; its console's last lines:\n      ${consoleTail()}`);
    shown = true;
    await new Promise((res) => setTimeout(res, 10_000));
  }
  const waited = Date.now() - t0;
  stallBudgetMs = Math.max(0, stallBudgetMs - waited);
  return `waited ${Math.round(waited / 1000)} s for the guest (${Math.round(stallBudgetMs / 1000)} s of the run's patience left); asking again`;
}

/** The same patience for a call of the engine made in-process (e.g. an exec session with a TTY). */
export async function patiently<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const starved = STARVED.exec(String((err as Error)?.message ?? err));
      if (!starved || attempt >= STARVED_TRIES) throw err;
      say(`retry ${attempt}: ${what} met a starved guest (${starved[0]}); ${await untilGuestAnswers()}`);
    }
  }
}

export async function ndOk(args: string[], timeoutMs?: number): Promise<Result> {
  const r = await nd(args, timeoutMs);
  if (r.code !== 0) throw new Error(`nested-docker ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-3000)}`);
  return r;
}

export async function ndJson<T>(args: string[], timeoutMs?: number): Promise<T> {
  return JSON.parse((await ndOk([...args, '--json'], timeoutMs)).stdout) as T;
}

/** A root shell command in the guest (outside the product: facts and faults). */
export function guest(script: string, timeoutMs = 300_000): Promise<Result> {
  return run('ssh', ['-F', SSH_CONFIG, '-o', 'BatchMode=yes', ALIAS, script], { timeoutMs });
}

export async function guestOk(script: string, timeoutMs?: number): Promise<string> {
  const r = await guest(script, timeoutMs);
  if (r.code !== 0) throw new Error(`guest: ${script} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export function vmCtl(cmd: 'wait' | 'status'): Promise<Result> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    execFile('bash', [VM_CTL, cmd], { timeout: 900_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - t0 }));
  });
}

// What `nested-docker ls --json` prints per level: the same shape the integration suite reads (a type only, so
// nothing of that suite's set-up runs here).
import type { LevelJson } from '../integration/support';
export type { LevelJson };

export interface FindingJson {
  id: string;
  severity: string;
  evidence: string;
  title: string;
}

export interface ReportJson {
  levelId: string;
  depth: number;
  mode: string;
  findings: FindingJson[];
  notes: string[];
  facts?: Record<string, unknown>;
}

/**
 * Waits until the guest's dockerd answers the product (and, with `id`, until that level is ready). Under emulation
 * the daemon can miss the product's 5 s ping while it restarts containers or after a boot: that is a true
 * "unreachable", not a test result.
 */
export async function waitReady(id?: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await nd(['ls', '--json']);
    if (r.code === 0 || r.stdout.trim().startsWith('[')) {
      const ls = JSON.parse(r.stdout) as LevelJson[];
      if (ls[0]?.state === 'ready' && (!id || ls.find((l) => l.id === id)?.state === 'ready')) return;
      // A level that is not listed at all will not come: an earlier step failed (its own error says why).
      if (ls[0]?.state === 'ready' && id && !ls.some((l) => l.id === id)) throw new Error(`no level ${id}: an earlier step did not make it`);
    }
    if (Date.now() > deadline) throw new Error(`${id ?? 'the host'} did not become ready within ${timeoutMs / 1000} s: ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 3000));
  }
}

export async function levels(): Promise<LevelJson[]> {
  return ndJson<LevelJson[]>(['ls']);
}

export async function preflight(id?: string): Promise<ReportJson[]> {
  const r = await nd(['preflight', ...(id ? [id] : []), '--json', '--facts']);
  // Exit 1 is findings at error; with nothing printed it is the CLI's own failure.
  if ((r.code !== 0 && r.code !== 1) || !r.stdout.trim()) throw new Error(`preflight exited ${r.code}: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as ReportJson[] | { reports: ReportJson[] };
  return Array.isArray(parsed) ? parsed : parsed.reports;
}

/** One line per case: what the host was and what the product chose (the "Must show"). */
/**
 * A file's own levels collapsed with --purge at its end. What a starved guest does to a collapse (a missed ping, a
 * dropped connection) is asked again once the host answers; each failure is printed, and what is still in the guest
 * afterwards is left for run-suite.sh's final check to report.
 */
export async function collapseOwn(ids: string[]): Promise<void> {
  for (const id of ids) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await nd(['collapse', id, '--purge', '--quiet']).catch((err: Error) => ({ code: -1, stdout: '', stderr: err.message, ms: 0 }));
      const left = await guest(`docker ps -aq --filter label=nested-docker.level=${id}; docker volume ls -q --filter label=nested-docker.level=${id}`);
      if (!left.stdout.trim()) break;
      say(`cleanup ${attempt}: collapse ${id} --purge exited ${r.code} (${r.stderr.trim().split('\n').slice(-2).join(' | ') || 'no message'}); left in the guest: ${left.stdout.trim().replace(/\n/g, ' ')}`);
      await waitReady().catch(() => undefined);
    }
  }
}

export function say(line: string): void {
  process.stdout.write(`      [vm] ${line}\n`);
}

/** What the VM host is, read in the guest: cgroup fs, LSMs, AppArmor, the host dockerd's capabilities. */
export async function hostFacts(): Promise<Record<string, string>> {
  const out = await guestOk([
    'echo "cgroupfs=$(stat -fc %T /sys/fs/cgroup)"',
    'echo "lsm=$(cat /sys/kernel/security/lsm)"',
    'echo "apparmor=$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)"',
    'echo "apparmor_audit=$(cat /sys/module/apparmor/parameters/audit 2>/dev/null)"',
    'echo "docker_default=$(grep -c "^docker-default " /sys/kernel/security/apparmor/profiles 2>/dev/null)"',
    'echo "selinux=$(cat /sys/fs/selinux/enforce 2>/dev/null || echo none)"',
    'echo "kernel=$(uname -r)"',
    'echo "cap_last_cap=$(cat /proc/sys/kernel/cap_last_cap)"',
    'echo "dockerd_capbnd=$(grep CapBnd /proc/$(pidof dockerd)/status | cut -f2)"',
    'echo "docker=$(docker version --format {{.Server.Version}})"',
    'echo "accel=$(grep -q hypervisor /proc/cpuinfo && echo guest)"',
  ].join('; '));
  return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

export function describeHost(f: Record<string, string>): string {
  return `host: Debian 12 VM (qemu/${process.env.NESTED_DOCKER_VM_ACCEL_USED ?? '?'}), kernel ${f.kernel}, ${f.cgroupfs} (cgroup v${f.cgroupfs === 'cgroup2fs' ? 2 : 1}), LSM ${f.lsm}, AppArmor audit=${f.apparmor_audit}, dockerd ${f.docker} CapBnd ${f.dockerd_capbnd} (cap_last_cap ${f.cap_last_cap})`;
}

/** Saves a real text the VM produced (daemon logs, CLI errors, kernel lines), for fixtures and for reading a failure. */
export function keep(name: string, text: string): void {
  const dir = process.env.NESTED_DOCKER_VM_ARTIFACTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}
