// `ls --resources` and `top`: what each level uses, own and summed over its subtree, with the findings it raises.
import { flatten, formatBytes, resourceFindings } from '../../engine';
import type { LevelInfo, LevelResources, NestedDockerEngine } from '../../engine';
import { checkFlags, has, intFlag, ParsedArgs } from '../args';
import { levelJson } from '../format';
import { CliIO } from '../io';
import { findingJson } from './preflight';

/** The JSON of one level's figures (`ls --resources --json` → each level's `resources`). */
function resourcesJson(r: LevelResources): Record<string, unknown> {
  return {
    cpuPercent: round(r.own.cpuPercent),
    memoryBytes: r.own.memoryBytes,
    diskBytes: r.own.diskBytes,
    subtree: { cpuPercent: round(r.subtree.cpuPercent), memoryBytes: r.subtree.memoryBytes, diskBytes: r.subtree.diskBytes },
    memoryLimitBytes: r.memoryLimitBytes,
    diskAvailableBytes: r.diskAvailableBytes,
    diskFilesystemBytes: r.diskFilesystemBytes,
    findings: resourceFindings(r).map(findingJson),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A table of the figures: subtree first (what a level costs its parent), then its own share. */
function resourcesTable(levels: LevelInfo[], resources: LevelResources[]): string {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const rows = [['LEVEL', 'STATE', 'CPU %', 'MEMORY', 'LIMIT', 'DISK', 'FREE', 'OWN CPU %', 'OWN MEMORY', 'OWN DISK']];
  const bytes = (n: number | null | undefined) => (n === null || n === undefined ? '-' : formatBytes(n));
  for (const l of levels) {
    const r = byId.get(l.id);
    const own = l.depth > 0 ? r?.own : undefined;
    rows.push([
      `${'  '.repeat(l.depth)}${l.id}`, l.state,
      r ? round(r.subtree.cpuPercent).toFixed(1) : '-', bytes(r?.subtree.memoryBytes), bytes(r?.memoryLimitBytes),
      bytes(r?.subtree.diskBytes), bytes(r?.diskAvailableBytes),
      // The host's own use is not a container's: only its levels are measured.
      own ? round(own.cpuPercent).toFixed(1) : '-', bytes(own?.memoryBytes), bytes(own?.diskBytes),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  const findings = resources.flatMap(resourceFindings).map((f) => `${f.severity}: ${f.id}: ${f.evidence}`);
  return [...lines, ...findings].join('\n') + '\n';
}

/** `ls --resources`: the level list with what each uses (a stats reading and a `du` per level: a few seconds). */
export async function lsResources(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  const [levels, { resources }] = await Promise.all([engine.list(), engine.resources({ disk: true })]);
  const byId = new Map(resources.map((r) => [r.id, r]));
  if (has(args, 'json')) {
    const out = levels.map((l) => ({ ...levelJson(l), resources: byId.has(l.id) ? resourcesJson(byId.get(l.id)!) : null }));
    io.stdout(JSON.stringify(out, null, 2) + '\n');
  } else io.stdout(resourcesTable(levels, resources));
  return levels[0]?.state === 'ready' ? 0 : 1;
}

/** `top`: the figures again every few seconds on a terminal until Ctrl-C; once otherwise (or with --once). */
export async function topCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['once', 'interval', 'no-disk']);
  const live = !has(args, 'once') && !has(args, 'json') && !!io.size?.();
  const interval = (intFlag(args, 'interval') ?? 3) * 1000;
  let stopped = false;
  const stop = () => (stopped = true);
  process.on('SIGINT', stop);
  try {
    do {
      const { root, resources } = await engine.resources({ disk: !has(args, 'no-disk') });
      const levels = flatten(root).map((n) => n.info);
      if (has(args, 'json')) io.stdout(JSON.stringify(resources.map((r) => ({ id: r.id, depth: r.depth, ...resourcesJson(r) })), null, 2) + '\n');
      else io.stdout(`${live ? '\x1b[H\x1b[2J' : ''}${resourcesTable(levels, resources)}`);
      if (live) await new Promise((r) => setTimeout(r, interval));
    } while (live && !stopped);
  } finally {
    process.off('SIGINT', stop);
  }
  return 0;
}
