// `nested-docker preflight [ID] [--json] [--disable ID,ID] [--facts]`: findings of one level or of every level.
import { CHECK_IDS, Finding, hasErrors, isCheckId, LevelReport, NestedDockerEngine, NestedDockerError } from '../../engine';
import { checkFlags, flagAll, has, ParsedArgs } from '../args';
import { CliIO } from '../io';

const DOCS_BASE = 'docs/';

/** The JSON shape of a finding, shared by `preflight --json` and `nest --json` failures (a documented contract). */
export function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id, severity: f.severity, title: f.title, evidence: f.evidence, hint: f.hint };
  if (f.fix) out.fix = f.fix;
  out.docs = f.docs ?? null;
  return out;
}

export function reportJson(r: LevelReport, withFacts = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    levelId: r.levelId,
    depth: r.depth,
    parentId: r.parentId,
    mode: r.mode,
    state: r.state,
    findings: r.findings.map(findingJson),
    notes: r.notes,
  };
  if (withFacts) out.facts = r.facts;
  return out;
}

export function formatReports(reports: readonly LevelReport[]): string {
  const blocks = reports.map((r) => {
    const lines = [`${'  '.repeat(r.depth)}${r.levelId} (depth ${r.depth}, ${r.mode}, ${r.state})`];
    const pad = '  '.repeat(r.depth + 1);
    if (r.findings.length === 0) lines.push(`${pad}no problems found`);
    for (const f of r.findings) {
      lines.push(`${pad}${f.severity.toUpperCase()} ${f.id}: ${f.title}`);
      lines.push(`${pad}  evidence: ${f.evidence}`);
      lines.push(`${pad}  hint: ${f.hint}`);
      if (f.fix) lines.push(`${pad}  quick fix: ${f.fix.title}`);
      if (f.docs) lines.push(`${pad}  docs: ${DOCS_BASE}${f.docs}`);
    }
    for (const n of r.notes) lines.push(`${pad}note: ${n}`);
    return lines.join('\n');
  });
  const count = (s: string) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `${plural(reports.length, 'level')}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
  return `${blocks.join('\n\n')}\n\n${summary}\n`;
}

/** `--disable a,b --disable c`; unknown ids are refused, so a typo never silently leaves a check on. */
export function parseDisabled(values: readonly string[]): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isCheckId(id));
  if (unknown.length > 0) {
    throw new NestedDockerError(`unknown check id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, `valid ids: ${CHECK_IDS.join(', ')}`, 'usage');
  }
  return ids;
}

/** Exit 0 when no level has an error finding, 1 when one does, 2 for a bad id or option. */
export async function preflightCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['disable', 'facts']);
  if (args.positionals.length > 1) {
    throw new NestedDockerError('preflight takes at most one level id', 'nested-docker preflight [ID] [--json] [--disable ID,ID]', 'usage');
  }
  const disabled = parseDisabled(flagAll(args, 'disable'));
  let reports: LevelReport[];
  try {
    reports = await engine.preflight(args.positionals[0], { disabled });
  } catch (err) {
    if (err instanceof NestedDockerError && err.code === 'no-level') throw new NestedDockerError(err.message, err.hint, 'usage');
    throw err;
  }
  if (has(args, 'json')) io.stdout(JSON.stringify(reports.map((r) => reportJson(r, has(args, 'facts'))), null, 2) + '\n');
  else io.stdout(formatReports(reports));
  return hasErrors(reports) ? 1 : 0;
}
