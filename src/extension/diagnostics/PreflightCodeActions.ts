import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { NestRequest } from '../commands/nestLevel';
import type { PreflightDiagnostics } from './PreflightDiagnostics';
import { describeOptions, toNestOptions } from './quickFixes';

/**
 * On report documents: the troubleshooting section of every finding, and, where it fits, the quick fix that nests
 * a new level on the same parent with the options the finding recommends (after saying what it will launch).
 */
export class PreflightCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: PreflightDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const shown = this.diagnostics.findingAt(document.uri, diagnostic);
      if (!shown) continue;
      const fix = shown.finding.fix;
      if (fix && shown.fixApplies) {
        const action = new vscode.CodeAction(`${fix.title}…`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        const request: NestRequest = {
          parentId: shown.parentId,
          host: shown.host,
          overrides: toNestOptions(fix.nestOptions),
          confirm: {
            message: `Nest a new level on ${shown.parentId} (${describeOptions(fix.nestOptions)})?`,
            detail: `${fix.title}: this launches a new level beside the one with the problem, which is left as it is (remove it from the Levels view when the new one works).`,
          },
        };
        action.command = { command: Commands.nest, title: fix.title, arguments: [request] };
        actions.push(action);
      }
      const docs = new vscode.CodeAction(`Open Troubleshooting: ${shown.finding.id}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { command: Commands.openTroubleshooting, title: 'Open Troubleshooting', arguments: [shown.finding.id] };
      actions.push(docs);
    }
    return actions;
  }
}
