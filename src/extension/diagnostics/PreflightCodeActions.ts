import * as vscode from 'vscode';
import type { NestOptions, NestOptionsPatch } from '../../engine';
import { Commands } from '../constants';
import type { NestRequest } from '../commands/nestLevel';
import type { PreflightDiagnostics } from './PreflightDiagnostics';

/** Quick fixes on report documents: nest again on the same parent with the options the finding recommends. */
export class PreflightCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: PreflightDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const shown = this.diagnostics.findingAt(document.uri, diagnostic);
      if (!shown?.finding.fix) continue;
      const action = new vscode.CodeAction(shown.finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      const request: NestRequest = { parentId: shown.parentId, host: shown.host, overrides: toNestOptions(shown.finding.fix.nestOptions) };
      action.command = { command: Commands.nest, title: shown.finding.fix.title, arguments: [request] };
      actions.push(action);
    }
    return actions;
  }
}

function toNestOptions(patch: NestOptionsPatch): Partial<NestOptions> {
  const daemonArgs = [...(patch.extraDaemonArgs ?? [])];
  return {
    ...(patch.iptablesLegacy ? { iptablesLegacy: true } : {}),
    ...(patch.mode ? { mode: patch.mode } : {}),
    ...(patch.apparmorUnconfined ? { apparmorUnconfined: true } : {}),
    ...(daemonArgs.length ? { daemonArgs } : {}),
  };
}
