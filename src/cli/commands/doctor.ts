import type { DoctorOptions, Leftover, NestedDockerEngine } from '../../engine';
import { checkFlags, flag, has, intFlag, ParsedArgs } from '../args';
import { CliIO } from '../io';

/**
 * `nested-docker doctor`: lists what a crash left (orphans) and what is kept on purpose, with the reason for each;
 * removes the orphans on confirmation (`--yes`, or `y` on a terminal). Exit 0 when no orphan is left, 1 otherwise.
 */
export async function doctorCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['yes', 'volumes', 'match', 'min-age']);
  const minAge = intFlag(args, 'min-age');
  const opts: DoctorOptions = { volumes: has(args, 'volumes'), match: flag(args, 'match'), minAgeMs: minAge !== undefined ? minAge * 1000 : undefined };
  const report = await engine.leftovers(opts);
  const json = has(args, 'json');
  if (!json) io.stdout(describe(report.orphans, report.kept));
  let removed: Leftover[] = [];
  let failed: { item: Leftover; error: string }[] = [];
  if (report.orphans.length && (has(args, 'yes') || (!json && (await confirm(io, report.orphans.length))))) {
    failed = await engine.removeLeftovers(report.orphans, opts);
    removed = report.orphans.filter((o) => !failed.some((f) => f.item === o || (f.item.name === o.name && f.item.kind === o.kind)));
    if (!json) {
      io.stdout(`removed ${removed.length} orphan(s)\n`);
      for (const f of failed) io.stdout(`could not remove ${f.item.kind} ${f.item.name}: ${f.error}\n`);
    }
  } else if (report.orphans.length && !json) {
    io.stdout('nothing removed: run `nested-docker doctor --yes` to remove the orphans above\n');
  }
  if (json) io.stdout(JSON.stringify({ orphans: report.orphans, kept: report.kept, removed, failed }, null, 2) + '\n');
  const left = report.orphans.length - removed.length;
  return left === 0 ? 0 : 1;
}

function describe(orphans: Leftover[], kept: Leftover[]): string {
  const line = (o: Leftover) => `  ${o.kind} ${o.name} (on ${o.on}): ${o.reason}\n`;
  let text = orphans.length ? `orphans (${orphans.length}):\n${orphans.map(line).join('')}` : 'no orphans: nothing a crash left behind\n';
  if (kept.length) text += `kept (${kept.length}):\n${kept.map(line).join('')}`;
  return text;
}

/** Asks on a terminal; anything but y/yes (or no terminal at all) is a no. */
async function confirm(io: CliIO, count: number): Promise<boolean> {
  if (!io.stdin.isTTY) return false;
  io.stderr(`Remove these ${count} orphan(s)? [y/N] `);
  const answer = await new Promise<string>((resolve) => {
    const onData = (chunk: Buffer | string) => {
      io.stdin.off('data', onData);
      io.stdin.pause();
      resolve(String(chunk));
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
  return /^\s*y(es)?\s*$/i.test(answer);
}
