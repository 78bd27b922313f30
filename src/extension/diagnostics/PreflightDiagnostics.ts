import * as vscode from 'vscode';
import type { Finding, LevelNode, NestedDockerError } from '../../engine';
import { readSettings } from '../config';
import { DIAGNOSTIC_SOURCE, REPORT_SCHEME } from '../constants';
import { levelLabel } from '../tree/contextValues';
import { Disposable } from '../util/lifecycle';
import { failureFindings, failureNotes, isReportOf, reportPath, reportView } from './diagnosticModel';
import { problemMessage, problemsByReport, quickFixApplies, reportsOfGoneLevels, StoredReport } from './problemSets';

/** A finding shown in the Problems panel, with where to nest again if its quick fix is taken. */
export interface ShownFinding {
  finding: Finding;
  parentId: string;
  host?: string;
  /** Whether its quick fix fits here (a failed nest, or a nested level: see problemSets.quickFixApplies). */
  fixApplies: boolean;
}

/** The level a report is about. */
export interface ReportLevel {
  host: string | undefined;
  levelId: string;
  depth: number;
  /** Where a quick fix nests again: the level's parent (for a failed nest, the level it was nested on). */
  parentId: string;
}

/**
 * Where a diagnostic's code links: the troubleshooting page on the project's site, rendered at the finding's
 * section (a link to the bundled .md opened raw Markdown at line 1; the "Open Troubleshooting" quick fix opens the
 * bundled copy rendered, offline).
 */
export function troubleshootingUrl(context: vscode.ExtensionContext): (id: string) => vscode.Uri {
  const repo = String((context.extension.packageJSON as { repository?: { url?: string } }).repository?.url ?? '').replace(/\.git$/, '');
  return (id) => (repo.startsWith('https://')
    ? vscode.Uri.parse(`${repo}/blob/main/docs/troubleshooting.md#${id}`)
    : vscode.Uri.joinPath(context.extensionUri, 'docs', 'troubleshooting.md').with({ fragment: id }));
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

interface Entry extends StoredReport {
  uri: vscode.Uri;
  parentId: string;
  title: string;
  notes: string[];
  shown: ShownFinding[];
}

/**
 * Preflight findings and failed-nest diagnoses as diagnostics, against read-only report documents (one per level
 * or failed nest) that hold the evidence lines. A run replaces that document's findings; the panel then shows, per
 * host, one entry per problem (problemSets.ts), and drops the reports of levels that are gone.
 */
export class PreflightDiagnostics extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('dind'));
  private readonly entries = new Map<string, Entry>();
  private readonly texts = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  /** `riskAccepted`: whether the user accepted the escalation risk of launching levels (the privileged warning). */
  constructor(private readonly docsUrl: (id: string) => vscode.Uri, private readonly riskAccepted: () => boolean) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This report is no longer available: run the preflight again.';
  }

  /** Shows the findings of one level (a preflight run). */
  showLevel(level: ReportLevel, findings: Finding[], notes: string[] = []): vscode.Uri {
    const name = `${levelLabel(level.depth)}${level.depth > 0 ? ` · ${level.levelId}` : ''}`;
    return this.store({ ...level, kind: 'preflight', levelName: name, title: `Preflight of ${name}`, findings, notes });
  }

  /** Shows the diagnosis of a failed nest on `parent`, without being asked. */
  showFailure(parent: Omit<ReportLevel, 'parentId'>, err: NestedDockerError): vscode.Uri {
    const name = `${levelLabel(parent.depth)}${parent.depth > 0 ? ` · ${parent.levelId}` : ''}`;
    return this.store({
      ...parent, parentId: parent.levelId, kind: 'failed-nest', levelName: name, title: `Failed nest on ${name}`,
      findings: failureFindings(err), notes: failureNotes(parent.levelId, err),
    });
  }

  private store(r: Omit<Entry, 'uri' | 'key' | 'host' | 'shown'> & { host: string | undefined }): vscode.Uri {
    const host = r.host ?? 'local';
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: reportPath(host, r.levelId, r.kind, r.levelName) });
    const key = uri.toString();
    this.entries.set(key, { ...r, host, uri, key, shown: [] });
    this.render(host);
    return uri;
  }

  /** Re-renders every report of one host: what one report shows depends on the others (problemSets.ts). */
  private render(host: string): void {
    const reports = [...this.entries.values()].filter((e) => e.host === host);
    const disabled = new Set(readSettings().disabledChecks);
    const visible = reports.map((e) => ({ ...e, findings: e.findings.filter((f) => !disabled.has(f.id)) }));
    const chosen = problemsByReport(visible, this.riskAccepted());
    for (const e of reports) {
      const problems = chosen.get(e.key) ?? [];
      const view = reportView(e.title, problems.map((p) => p.finding), e.notes, []);
      this.texts.set(e.key, view.text);
      e.shown = problems.map((p) => ({ finding: p.finding, parentId: e.parentId, host: e.host, fixApplies: quickFixApplies(e, p.finding) }));
      const diagnostics = view.problems.map((line, i) => {
        const d = new vscode.Diagnostic(new vscode.Range(line.line, 0, line.line, 2000), problemMessage(problems[i]), SEVERITY[line.severity]);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = { value: line.id, target: this.docsUrl(line.id) };
        return d;
      });
      this.collection.set(e.uri, diagnostics);
      this.changed.fire(e.uri);
    }
  }

  /** Shows again what every report holds, after the accepted risk or the disabled checks changed. */
  refresh(): void {
    for (const host of new Set([...this.entries.values()].map((e) => e.host))) this.render(host);
  }

  /** The finding behind a diagnostic (for quick fixes). */
  findingAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): ShownFinding | undefined {
    const id = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
    return this.entries.get(uri.toString())?.shown.find((s) => s.finding.id === id);
  }

  /** Drops the reports of removed levels. */
  forget(levelIds: string[]): void {
    this.drop([...this.entries.keys()].filter((k) => isReportOf(k, levelIds)));
  }

  /** Drops the reports of levels that a new snapshot of the tree no longer has (hosts that did not answer keep theirs). */
  retain(roots: readonly LevelNode[]): void {
    const present = new Map<string, Set<string>>();
    const walk = (n: LevelNode, ids: Set<string>): void => {
      ids.add(n.info.id);
      n.children.forEach((c) => walk(c, ids));
    };
    for (const root of roots.filter((r) => r.info.state === 'ready')) {
      const ids = new Set<string>();
      walk(root, ids);
      present.set(root.info.host ?? 'local', ids);
    }
    this.drop(reportsOfGoneLevels([...this.entries.values()], present));
  }

  private drop(keys: string[]): void {
    const hosts = new Set<string>();
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      hosts.add(e.host);
      this.entries.delete(key);
      this.texts.delete(key);
      this.collection.delete(e.uri);
    }
    // What the remaining reports of those hosts show may change (an entry named "also on" a removed level).
    for (const host of hosts) this.render(host);
  }

  all(): [vscode.Uri, readonly vscode.Diagnostic[]][] {
    const out: [vscode.Uri, readonly vscode.Diagnostic[]][] = [];
    this.collection.forEach((uri, diags) => {
      out.push([uri, diags]);
    });
    return out;
  }
}
