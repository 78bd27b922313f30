import * as vscode from 'vscode';
import { CHECK_IDS } from '../../engine';
import type { Services } from '../services';
import { headingLine } from './troubleshootingSections';

/**
 * Opens docs/troubleshooting.md at the finding's section: the source at the heading, and beside it the rendered
 * preview, which follows the editor's position (a Problems-panel link to a .md file opened raw Markdown at line 1).
 */
export async function openTroubleshooting(s: Services, arg?: unknown): Promise<void> {
  const id = typeof arg === 'string' ? arg : await vscode.window.showQuickPick([...CHECK_IDS], { title: 'Open Troubleshooting', placeHolder: 'Finding id' });
  if (!id) return;
  const uri = vscode.Uri.joinPath(s.context.extensionUri, 'docs', 'troubleshooting.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = headingLine(doc.getText(), id);
  const at = new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(doc, { selection: at, preview: true });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
}
