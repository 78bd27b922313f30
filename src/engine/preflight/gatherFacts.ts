// Gathers one level's LevelFacts through the engine: its daemon's API, one probe exec inside the level's
// container, the container's inspect and log, and (for level 0 on this machine) local /proc and /sys.
import type Dockerode from 'dockerode';
import { DiscoveryOptions } from '../levels/discovery';
import { errorMessage, NestedDockerError, printable } from '../core/errors';
import { runCapture } from '../session/execSession';
import { HostSpec } from '../transport/hostSpec';
import { Labels } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import { readLogTail } from '../session/logStream';
import { DockerInfoFacts, LevelFacts } from './facts';
import { localDockerdPid, localSections, runLocal } from './localHost';
import { factsFromSections, parseSections, PROBE_SCRIPT } from './probe';

/** What gathering needs from the engine (NestedDockerEngine has it); a type, so no import cycle with engine.ts. */
export interface PreflightEngine {
  readonly host: HostSpec;
  tree(opts?: DiscoveryOptions): Promise<LevelNode>;
}

export interface GatheredFacts extends LevelFacts {
  levelId: string;
  /** What could not be read, and why (shown with the findings, so a missing finding is not mistaken for health). */
  notes: string[];
}

export interface GatherContext {
  /** Level 0 is a unix socket of this machine: its /proc and /sys are ours to read. */
  localHost: boolean;
  timeoutMs?: number;
}

const LOG_LINES = 200;

export function isLocalHost(engine: PreflightEngine): boolean {
  return engine.host.kind === 'unix';
}

export function noLevel(root: LevelNode, levelId: string): NestedDockerError {
  if (root.info.state !== 'ready') {
    return new NestedDockerError(`the host daemon does not answer: ${root.info.error}`, 'start Docker (or check DOCKER_HOST / --host)', 'daemon-unreachable');
  }
  return new NestedDockerError(`no level '${printable(levelId)}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
}

export async function gatherNodeFacts(node: LevelNode, ctx: GatherContext): Promise<GatheredFacts> {
  const facts: GatheredFacts = {
    levelId: node.info.id,
    depth: node.info.depth,
    mode: node.info.mode === 'host' || node.info.mode === 'dood' ? undefined : node.info.mode,
    reachable: node.info.state === 'ready' && !!node.client,
    notes: [],
  };
  if (!facts.reachable) facts.reachError = node.info.error ?? `the level is ${node.info.state}`;
  let dataRoot = '/var/lib/docker';
  if (facts.reachable) {
    try {
      const info = await withTimeout(node.client!.info() as Promise<Record<string, unknown>>, ctx.timeoutMs ?? 10_000, 'docker info');
      facts.info = pickInfo(info);
      if (typeof info.DockerRootDir === 'string') dataRoot = info.DockerRootDir;
    } catch (err) {
      facts.reachable = false;
      facts.reachError = errorMessage(err);
    }
  }
  if (node.container) await gatherFromContainer(node, node.container, facts, dataRoot, ctx);
  else await gatherFromHost(facts, dataRoot, ctx);
  return facts;
}

async function gatherFromContainer(
  node: LevelNode,
  container: Dockerode.Container,
  facts: GatheredFacts,
  dataRoot: string,
  ctx: GatherContext,
): Promise<void> {
  let inspect: Dockerode.ContainerInspectInfo;
  try {
    inspect = await container.inspect();
  } catch (err) {
    facts.notes.push(`the level's container could not be inspected: ${errorMessage(err)}`);
    return;
  }
  const mounts = inspect.Mounts ?? [];
  const data = mounts.find((m) => m.Destination === dataRoot || m.Destination === '/var/lib/docker');
  if (data) facts.varLibDockerSource = data.Type === 'volume' && data.Name ? data.Name : data.Source;
  facts.socketMounted = mounts.some((m) => /docker\.sock$/.test(m.Destination) || /docker\.sock$/.test(m.Source));
  const tasks: Promise<unknown>[] = [
    readLogTail(container, LOG_LINES).then((log) => {
      if (log.trim()) facts.daemonLog = log;
    }),
  ];
  if (facts.varLibDockerSource && node.parent?.client) {
    tasks.push(countUsers(node.parent.client, facts.varLibDockerSource).then((n) => (facts.varLibDockerUsers = n), () => undefined));
  }
  if (inspect.State.Running) {
    const logKind = inspect.Config.Labels?.[Labels.log] ?? 'stdout';
    tasks.push(probe(container, facts, dataRoot, logKind, Date.parse(inspect.State.StartedAt), ctx));
  } else {
    facts.notes.push(`the level's container is ${inspect.State.Status} (exit code ${inspect.State.ExitCode}): only its log, mounts and labels were read`);
  }
  await Promise.all(tasks);
}

async function probe(
  container: Dockerode.Container,
  facts: GatheredFacts,
  dataRoot: string,
  logKind: string,
  startedAtMs: number,
  ctx: GatherContext,
): Promise<void> {
  let output: string;
  try {
    const r = await withTimeout(runCapture(container, ['sh', '-c', PROBE_SCRIPT, 'nd-preflight', dataRoot, logKind]), ctx.timeoutMs ?? 20_000, 'the probe');
    output = r.stdout;
  } catch (err) {
    facts.notes.push(`the probe inside the level failed: ${errorMessage(err)}`);
    return;
  }
  const sections = parseSections(output);
  const { facts: probed, extras } = factsFromSections(sections, {
    dataRoot,
    kernelSinceMs: Number.isFinite(startedAtMs) ? startedAtMs : undefined,
  });
  Object.assign(facts, probed);
  facts.notes.push(...extras.notes);
  if (!facts.info && extras.kernel) facts.info = { KernelVersion: extras.kernel };
  // A level that logs to a file keeps its daemon's lines there; the container log has the wrapper's only.
  if (sections.logfile?.trim()) facts.daemonLog = [facts.daemonLog, sections.logfile].filter(Boolean).join('\n');
}

async function gatherFromHost(facts: GatheredFacts, dataRoot: string, ctx: GatherContext): Promise<void> {
  const pid = ctx.localHost ? localDockerdPid() : undefined;
  if (pid === undefined) {
    facts.notes.push('the host daemon does not run on this machine (or its process is not visible here): its facts come from its API only');
    const opts = facts.info?.SecurityOptions ?? [];
    facts.apparmorEnabled = opts.some((o) => /name=apparmor/.test(o));
    return;
  }
  const { facts: local, extras } = factsFromSections(await localSections(pid, dataRoot), { dataRoot });
  Object.assign(facts, local);
  facts.notes.push(...extras.notes);
  if (!facts.info && extras.kernel) facts.info = { KernelVersion: extras.kernel };
  const journal = await runLocal('journalctl', ['-u', 'docker', '-n', String(LOG_LINES), '--no-pager', '-q']);
  if (journal.rc === 0 && journal.out.trim()) facts.daemonLog = journal.out;
  else facts.notes.push('the host daemon\'s log is not kept by Docker and journalctl has none: daemon-log checks skipped for the host');
}

/** `iptables --version` of a level (by a one-line exec) or of a local host; undefined when unknown. */
export async function iptablesVersionOf(node: LevelNode, ctx: GatherContext): Promise<string | undefined> {
  try {
    if (node.container) {
      const r = await withTimeout(runCapture(node.container, ['sh', '-c', 'iptables --version 2>&1']), ctx.timeoutMs ?? 10_000, 'iptables --version');
      return /iptables v\S+(?: \([^)]+\))?/.exec(r.stdout)?.[0];
    }
    if (!ctx.localHost || localDockerdPid() === undefined) return undefined;
    return /iptables v\S+(?: \([^)]+\))?/.exec((await runLocal('iptables', ['--version'])).out)?.[0];
  } catch {
    return undefined;
  }
}

async function countUsers(client: Dockerode, source: string): Promise<number> {
  const all = await client.listContainers({ all: true });
  return all.filter((c) => (c.Mounts ?? []).some((m) => m.Name === source || m.Source === source)).length;
}

function pickInfo(info: Record<string, unknown>): DockerInfoFacts {
  return {
    ServerVersion: info.ServerVersion as string | undefined,
    Driver: info.Driver as string | undefined,
    DriverStatus: info.DriverStatus as [string, string][] | undefined,
    CgroupVersion: info.CgroupVersion as string | undefined,
    CgroupDriver: info.CgroupDriver as string | undefined,
    SecurityOptions: info.SecurityOptions as string[] | undefined,
    Runtimes: info.Runtimes as Record<string, unknown> | undefined,
    KernelVersion: info.KernelVersion as string | undefined,
    OperatingSystem: info.OperatingSystem as string | undefined,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
