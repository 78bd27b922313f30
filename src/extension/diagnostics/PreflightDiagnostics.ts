import * as vscode from 'vscode';
import type { Finding, NestedDockerError } from '../../engine';
import { readSettings } from '../config';
import { DIAGNOSTIC_SOURCE, REPORT_SCHEME } from '../constants';
import { Disposable } from '../util/lifecycle';
import { failureFindings, failureNotes, isReportOf, reportPath, reportView } from './diagnosticModel';

/** A finding shown in the Problems panel, with where to nest again if its quick fix is taken. */
export interface ShownFinding {
  finding: Finding;
  parentId: string;
  host?: string;
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Preflight findings and failed-nest diagnoses as diagnostics, against read-only report documents (one per level
 * or failed nest) that hold the evidence lines. Each run replaces that document's diagnostics.
 */
export class PreflightDiagnostics extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('dind'));
  private readonly reports = new Map<string, string>();
  private readonly shown = new Map<string, ShownFinding[]>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly docsBase: vscode.Uri) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '# This report is no longer available: run the preflight again.';
  }

  /** Shows the findings of one level (a preflight run); `parentId` is where a quick fix nests again. */
  showLevel(host: string | undefined, levelId: string, title: string, findings: Finding[], parentId: string, notes: string[] = []): vscode.Uri {
    return this.show(reportUri(host, levelId, 'preflight'), title, findings, { parentId, host }, notes);
  }

  /** Shows the diagnosis of a failed nest on `parentId`, without being asked. */
  showFailure(host: string | undefined, parentId: string, err: NestedDockerError): vscode.Uri {
    return this.show(reportUri(host, parentId, 'failed-nest'), `Failed nest on ${parentId}`, failureFindings(err), { parentId, host }, failureNotes(parentId, err));
  }

  private show(uri: vscode.Uri, title: string, all: Finding[], where: { parentId: string; host?: string }, notes: string[]): vscode.Uri {
    const view = reportView(title, all, notes, readSettings().disabledChecks);
    this.reports.set(uri.toString(), view.text);
    this.shown.set(uri.toString(), view.findings.map((finding) => ({ finding, ...where })));
    const diagnostics = view.problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(p.line, 0, p.line, 2000), p.message, SEVERITY[p.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: p.id, target: vscode.Uri.joinPath(this.docsBase, 'troubleshooting.md').with({ fragment: p.id }) };
      return d;
    });
    this.collection.set(uri, diagnostics);
    this.changed.fire(uri);
    return uri;
  }

  /** The finding behind a diagnostic (for quick fixes). */
  findingAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): ShownFinding | undefined {
    const id = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
    return this.shown.get(uri.toString())?.find((s) => s.finding.id === id);
  }

  /** Drops the reports of collapsed levels. */
  forget(levelIds: string[]): void {
    for (const key of [...this.reports.keys()]) {
      if (isReportOf(key, levelIds)) {
        this.reports.delete(key);
        this.shown.delete(key);
        this.collection.delete(vscode.Uri.parse(key));
      }
    }
  }

  all(): [vscode.Uri, readonly vscode.Diagnostic[]][] {
    const out: [vscode.Uri, readonly vscode.Diagnostic[]][] = [];
    this.collection.forEach((uri, diags) => {
      out.push([uri, diags]);
    });
    return out;
  }
}

function reportUri(host: string | undefined, levelId: string, kind: 'preflight' | 'failed-nest'): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: reportPath(host, levelId, kind) });
}
