// Which findings the Problems panel shows, across every report of one host, decided without VS Code: one entry per
// problem, not per repetition. A preflight of a two-level tower used to show seven entries (the escalation warning
// on every level, the same info on every level), told apart only by a path.
import type { Finding } from '../../engine';

/** One report document's findings as the engine gave them, and what the panel needs to place them. */
export interface StoredReport {
  key: string;
  kind: 'preflight' | 'failed-nest';
  host: string;
  levelId: string;
  depth: number;
  /** "Inner (L1) · l1c4ef" */
  levelName: string;
  findings: Finding[];
}

export interface ShownProblem {
  finding: Finding;
  /** Where else the same problem was found ("also on …"), shallowest first. */
  alsoOn: string[];
}

/** The escalation warning: a property of launching levels at all, said once per host until the user accepts it. */
const ESCALATION = 'privileged-security';

/**
 * What each report shows. Within one host, a finding id that several preflight reports raise at the same severity is
 * shown once, on the shallowest level, naming the others; the escalation warning is shown once per host, and not at
 * all once the user accepted the risk. A failed nest's diagnosis is always shown in full: it is about one event.
 */
export function problemsByReport(reports: readonly StoredReport[], riskAccepted: boolean): Map<string, ShownProblem[]> {
  const out = new Map<string, ShownProblem[]>();
  const firstSeen = new Map<string, ShownProblem>();
  const ordered = [...reports].sort((a, b) => a.depth - b.depth || a.levelId.localeCompare(b.levelId));
  for (const r of ordered) {
    const shown: ShownProblem[] = [];
    for (const f of r.findings) {
      if (f.id === ESCALATION && riskAccepted) continue;
      if (r.kind === 'failed-nest') {
        shown.push({ finding: f, alsoOn: [] });
        continue;
      }
      const key = `${r.host}\u0000${f.id}\u0000${f.severity}`;
      const earlier = firstSeen.get(key);
      if (earlier) {
        earlier.alsoOn.push(r.levelName);
        continue;
      }
      const problem = { finding: f, alsoOn: [] };
      firstSeen.set(key, problem);
      shown.push(problem);
    }
    out.set(r.key, shown);
  }
  return out;
}

/** The diagnostic's message: the finding's title and hint, and where else it holds. */
export function problemMessage(p: ShownProblem): string {
  const where = p.alsoOn.length ? ` (also on ${p.alsoOn.join(', ')})` : '';
  return `${p.finding.title}${where} — ${p.finding.hint}`;
}

/**
 * A quick fix nests a new level with other options, so it fits where a level was being made: a failed nest, or a
 * preflight finding of a nested level (nest its replacement on the same parent). On the host there is nothing to
 * nest again.
 */
export function quickFixApplies(report: Pick<StoredReport, 'kind' | 'depth'>, finding: Finding): boolean {
  return !!finding.fix && (report.kind === 'failed-nest' || report.depth > 0);
}

/** Reports whose level no longer exists on a host that answered: their entries go with the level. */
export function reportsOfGoneLevels(reports: readonly StoredReport[], present: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return reports.filter((r) => present.has(r.host) && !present.get(r.host)!.has(r.levelId)).map((r) => r.key);
}
