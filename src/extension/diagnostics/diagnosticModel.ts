// What the Problems panel shows for a preflight run or a failed nest, decided without VS Code: the report text,
// and one problem per finding on its evidence line. PreflightDiagnostics.ts turns these into vscode.Diagnostics.
import type { Finding, NestedDockerError } from '../../engine';
import { errorMessage } from '../../engine';
import { renderReport } from './reportDocument';

export interface Problem {
  /** 0-based line of the finding's evidence in the report. */
  line: number;
  message: string;
  severity: Finding['severity'];
  /** The finding id: the diagnostic's code, its docs anchor and the key of its quick fix. */
  id: string;
}

export interface ReportView {
  text: string;
  findings: Finding[];
  problems: Problem[];
}

/** The report of `all` findings less the disabled ones, and where each problem points. */
export function reportView(title: string, all: readonly Finding[], notes: string[], disabled: readonly string[]): ReportView {
  const off = new Set(disabled);
  const findings = all.filter((f) => !off.has(f.id));
  const report = renderReport(title, findings, notes);
  const problems = findings.map((f, i) => ({ line: report.evidenceLines[i], message: `${f.title} — ${f.hint}`, severity: f.severity, id: f.id }));
  return { text: report.text, findings, problems };
}

/** The findings of a failed nest: its diagnosis, or the error itself when nothing known matched. */
export function failureFindings(err: NestedDockerError): Finding[] {
  if (err.findings?.length) return err.findings;
  const evidence = err.logTail?.trim().split('\n').filter(Boolean).pop() ?? err.message;
  return [{ id: err.code, severity: 'error', title: err.message, evidence, hint: err.hint ?? 'see the extension log' }];
}

export function failureNotes(parentId: string, err: NestedDockerError): string[] {
  const notes = [`Nest One Level on ${parentId} failed: ${errorMessage(err)}`];
  if (err.logTail) notes.push('Daemon log tail:', ...err.logTail.trim().split('\n').slice(-15));
  return notes;
}

/**
 * `/<host>/<level>/Inner (L1) · l1c4ef — preflight`: one read-only report per level and host. The Problems panel
 * names a report by its last segment, so that segment says which level it is about, in the tree's words.
 */
export function reportPath(host: string | undefined, levelId: string, kind: 'preflight' | 'failed-nest', levelName: string): string {
  const what = kind === 'preflight' ? 'preflight' : 'failed nest';
  return `/${host ?? 'local'}/${levelId}/${levelName.replace(/\//g, '∕')} — ${what}`;
}

/** Whether a report (by its URI) belongs to one of these levels, so collapsing them drops it. */
export function isReportOf(uri: string, levelIds: readonly string[]): boolean {
  return levelIds.some((id) => uri.includes(`/${id}/`));
}
