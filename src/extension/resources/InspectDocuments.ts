import * as vscode from 'vscode';
import { INSPECT_SCHEME } from '../constants';
import { Disposable } from '../util/lifecycle';

/** `docker inspect` output in read-only JSON editors (`dind-inspect:` documents), one per object and level. */
export class InspectDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}';
  }

  async show(host: string | undefined, levelId: string, kind: string, name: string, data: unknown): Promise<void> {
    const safe = name.replace(/[^\w.:@-]/g, '_');
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${host ?? 'local'}/${levelId}/${kind}/${safe}.json` });
    this.contents.set(uri.toString(), JSON.stringify(data, null, 2));
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
