// Preflight of one level or of the whole tree: gather each level's facts, run every check over them
// (which also classifies the daemon log and kernel lines), and report findings root cause first.
import { findLevel } from '../levels/discovery';
import { flatten, LevelNode } from '../levels/levelNode';
import { LevelInfo, LevelState } from '../core/types';
import { runChecks } from './checks';
import { gatherDood } from './dood';
import { Finding } from '../core/finding';
import { GatheredFacts, gatherNodeFacts, iptablesVersionOf, isLocalHost, noLevel, PreflightEngine } from './gatherFacts';

export type { PreflightEngine } from './gatherFacts';

export interface PreflightOptions {
  /** Check ids to leave out (the CLI's --disable, the extension's dind.preflight.disabledChecks). */
  disabled?: readonly string[];
  /** Per-call limit for each API call and for the probe exec (default 10 s and 20 s). */
  timeoutMs?: number;
}

export interface LevelReport {
  levelId: string;
  depth: number;
  parentId: string | null;
  mode: LevelInfo['mode'];
  state: LevelState;
  /** Root cause first; never holds a disabled id. */
  findings: Finding[];
  /** What could not be read here and why, so an absent finding is not mistaken for a clean bill. */
  notes: string[];
  facts: GatheredFacts;
}

/**
 * Preflight of `levelId` (an id or container name), or of every level in the tree, parents before children.
 * Throws a NestedDockerError (code 'no-level', or 'daemon-unreachable' when the host does not answer) for an
 * unknown id; an unreachable host or level is a report with a daemon-unreachable finding, not an exception.
 */
export async function runPreflight(engine: PreflightEngine, levelId?: string, opts: PreflightOptions = {}): Promise<LevelReport[]> {
  const root = await engine.tree({ containers: false });
  let nodes: LevelNode[];
  if (levelId !== undefined) {
    const node = findLevel(root, levelId);
    if (!node) throw noLevel(root, levelId);
    nodes = [node];
  } else {
    nodes = flatten(root);
  }
  const ctx = { localHost: isLocalHost(engine), timeoutMs: opts.timeoutMs };
  const gathered = new Map<string, GatheredFacts>();
  const reports: LevelReport[] = [];
  // One level at a time: each costs an exec inside the level, and tunnels to deep levels are slow to open.
  for (const node of nodes) {
    if (node.info.mode === 'dood') {
      reports.push(await doodReport(node, ctx.localHost, opts.disabled));
      continue;
    }
    const facts = await gatherNodeFacts(node, ctx);
    gathered.set(node.info.id, facts);
    if (node.parent) {
      const parentFacts = gathered.get(node.parent.info.id);
      facts.parentIptablesVersion = parentFacts ? parentFacts.iptablesVersion : await iptablesVersionOf(node.parent, ctx);
    }
    reports.push(reportFor(node.info, facts, opts.disabled));
  }
  return reports;
}

function reportFor(info: LevelInfo, facts: GatheredFacts, disabled?: readonly string[]): LevelReport {
  return {
    levelId: info.id,
    depth: info.depth,
    parentId: info.parentId,
    mode: info.mode,
    state: info.state,
    findings: runChecks(facts, { disabled }),
    notes: [...facts.notes],
    facts,
  };
}

/** A DooD level has no daemon to probe: its report is the pitfalls found in what was run from it. */
async function doodReport(node: LevelNode, localHost: boolean, disabled?: readonly string[]): Promise<LevelReport> {
  const facts: GatheredFacts = { levelId: node.info.id, depth: node.info.depth, reachable: node.info.state === 'ready', notes: [] };
  let findings: Finding[] = [];
  if (node.info.state === 'ready' && node.container && node.parent?.client) {
    findings = (await gatherDood(node, localHost)).filter((f) => !disabled?.includes(f.id));
  } else {
    facts.notes.push(`DooD level ${node.info.id} is ${node.info.state}: nothing it ran could be read`);
  }
  return { levelId: node.info.id, depth: node.info.depth, parentId: node.info.parentId, mode: node.info.mode, state: node.info.state, findings, notes: facts.notes, facts };
}

export function hasErrors(reports: readonly LevelReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}
