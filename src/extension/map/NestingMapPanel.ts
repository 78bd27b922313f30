import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LevelNode } from '../../engine';
import { readSettings } from '../config';
import { Commands } from '../constants';
import type { EngineService } from '../engineService';
import type { Logger } from '../logger';
import { Disposable } from '../util/lifecycle';
import { MapAction, mapState, MapState } from './mapModel';
import { ResourceMonitor } from './ResourceMonitor';

export const MAP_VIEW_TYPE = 'dind.nestingMap';

/** A box's action → the tree's command for it; the level goes as `{ id, host }`, which every command resolves. */
const ACTION_COMMANDS: Record<MapAction, string> = {
  nest: Commands.nest,
  openTerminal: Commands.openTerminal,
  showDaemonLog: Commands.showDaemonLog,
  copyDockerHost: Commands.copyDockerHost,
  preflight: Commands.runPreflight,
  remove: Commands.collapse,
};

type FromWebview =
  | { type: 'ready' }
  | { type: 'action'; action: MapAction; host: string; id: string }
  | { type: 'rendered'; keys: string[]; selected?: string }
  | { type: 'copy'; text: string };

/**
 * The Nesting Map: one webview panel drawing every host's levels as nested boxes. It redraws on each snapshot of the
 * tree (which Docker events refresh), follows per-level stats only while it is visible, and comes back after a
 * reload through the serializer (the webview keeps its selection in its own state).
 */
export class NestingMap extends Disposable implements vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private roots: LevelNode[] = [];
  private readonly resources: ResourceMonitor;
  private pendingFocus: string | undefined;
  /** What the webview last drew (box keys), for the extension-host tests. */
  lastRendered: { keys: string[]; selected?: string } | undefined;
  private readonly renderedEmitter = this._register(new vscode.EventEmitter<{ keys: string[]; selected?: string }>());
  readonly onDidRender = this.renderedEmitter.event;
  private readonly visibility = this._register(new vscode.EventEmitter<boolean>());
  /** Fires when the map is shown or hidden (Docker events are followed while someone looks). */
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(private readonly extensionUri: vscode.Uri, engines: EngineService, private readonly log: Logger, private readonly roots$: () => Promise<LevelNode[]>) {
    super();
    this.resources = this._register(new ResourceMonitor(engines, log, () => this.post()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  /** The state the map draws now (for tests and the details pane). */
  get state(): MapState {
    return mapState(this.roots, {
      maxDepth: readSettings().maxDepth,
      relayDirs: this.resources.relayDirs(this.roots),
      resources: this.resources.current(),
    });
  }

  /**
   * Opens (or reveals) the map, with the level `arg` names ({ id, host }) selected; from a tree row (`fromTree`) the
   * tree keeps the focus, so arrowing through the tree walks the map along.
   */
  async open(arg?: unknown): Promise<void> {
    const focus = arg && typeof arg === 'object' && 'id' in arg ? (arg as { id: string; host?: string; fromTree?: boolean }) : undefined;
    this.pendingFocus = focus ? `${focus.host ?? ''}/${focus.id}` : undefined;
    const preserveFocus = !!focus?.fromTree;
    if (this.panel) this.panel.reveal(undefined, preserveFocus);
    else this.attach(vscode.window.createWebviewPanel(MAP_VIEW_TYPE, 'Nesting Map', { viewColumn: vscode.ViewColumn.Active, preserveFocus }, this.options()));
    this.roots = await this.roots$();
    this.post();
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.options();
    this.attach(panel);
    this.roots = await this.roots$();
    this.post();
  }

  /** A new snapshot of the tree: redraw, and follow the stats of the levels it has. */
  update(roots: LevelNode[]): void {
    this.roots = roots;
    if (this.visible) this.resources.follow(roots);
    this.post();
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media', 'map')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'dind.svg');
    panel.webview.html = this.html(panel.webview);
    const subs = [
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.resources.follow(this.roots);
        else this.resources.follow([]);
        this.visibility.fire(panel.visible);
      }),
    ];
    panel.onDidDispose(() => {
      subs.forEach((d) => d.dispose());
      if (this.panel === panel) this.panel = undefined;
      this.resources.follow([]);
      this.visibility.fire(false);
    });
    this.resources.follow(this.roots);
    this.visibility.fire(true);
  }

  private receive(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.post();
        break;
      case 'action':
        if (m.action in ACTION_COMMANDS) {
          void vscode.commands.executeCommand(ACTION_COMMANDS[m.action], { id: m.id, host: m.host || undefined });
        }
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(m.text).then(() => vscode.window.setStatusBarMessage('Copied', 3000));
        break;
      case 'rendered':
        this.lastRendered = { keys: m.keys, selected: m.selected };
        this.renderedEmitter.fire(this.lastRendered);
        break;
    }
  }

  private post(): void {
    if (!this.panel) return;
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    void this.panel.webview.postMessage({ type: 'state', state: this.state, focus }).then(undefined, (err) => this.log.debug(String(err), 'map'));
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'map', f));
    // Nothing remote: the script and the style come from the extension, the script only with this page's nonce.
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('map.css')}">
<title>Nesting Map</title>
</head>
<body>
<header class="bar"><h1>Nesting Map</h1><span id="summary" role="status" aria-live="polite"></span>
<span class="keys">Arrows move · Enter details · N nest · T terminal · L daemon log · Del remove</span></header>
<main><div id="towers" role="tree" aria-label="Levels, nested"></div>
<aside id="details" aria-label="Level details" tabindex="-1"></aside></main>
<script nonce="${nonce}" src="${media('map.js')}"></script>
</body>
</html>`;
  }
}
