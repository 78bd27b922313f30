import * as vscode from 'vscode';
import { flatten } from '../engine';
import { registerCommands } from './commands/registerCommands';
import { ContextKeys, LEVELS_VIEW, REPORT_SCHEME, WELCOME_VIEW } from './constants';
import { PreflightCodeActions } from './diagnostics/PreflightCodeActions';
import { PreflightDiagnostics, troubleshootingUrl } from './diagnostics/PreflightDiagnostics';
import { privilegedRiskAccepted } from './diagnostics/privilegedRisk';
import { EngineService } from './engineService';
import { Logger } from './logger';
import { DaemonLogChannels } from './logs/DaemonLogChannels';
import { MAP_VIEW_TYPE, NestingMap } from './map/NestingMapPanel';
import type { Services } from './services';
import { LevelStatusBar } from './statusBar';
import { DockerEventWatcher } from './tree/DockerEventWatcher';
import { LevelsTreeDataProvider } from './tree/LevelsTreeDataProvider';
import { ContainerLogChannels } from './resources/ContainerLogChannels';
import { InspectDocuments } from './resources/InspectDocuments';
import { LevelsDragAndDrop } from './tree/LevelsDragAndDrop';

/** Wires services, views and commands; every piece owns its own behaviour. */
export function activate(context: vscode.ExtensionContext): Services {
  const log = new Logger();
  const engines = new EngineService(log);
  const tree = new LevelsTreeDataProvider(engines, log);
  const treeView = vscode.window.createTreeView(LEVELS_VIEW, {
    treeDataProvider: tree, showCollapseAll: true, canSelectMany: true, dragAndDropController: new LevelsDragAndDrop(),
  });
  const daemonLogs = new DaemonLogChannels(engines);
  const diagnostics = new PreflightDiagnostics(troubleshootingUrl(context), () => privilegedRiskAccepted(context.globalState));
  const status = new LevelStatusBar(treeView);
  const events = new DockerEventWatcher(() => tree.refreshSoon(), log);
  const containerLogs = new ContainerLogChannels();
  const inspectDocs = new InspectDocuments();
  const map = new NestingMap(context.extensionUri, engines, log, () => tree.roots());
  const services: Services = { context, log, engines, tree, treeView, daemonLogs, diagnostics, containerLogs, inspectDocs, map, status };
  let roots = [] as Awaited<ReturnType<typeof tree.roots>>;
  // Events are followed only while someone looks at the tree or the map.
  const follow = () => void events.watch(treeView.visible || map.visible ? roots : []);

  context.subscriptions.push(
    log, engines, tree, treeView, daemonLogs, diagnostics, status, events, containerLogs, inspectDocs, map,
    ...registerCommands(services),
    vscode.languages.registerCodeActionsProvider({ scheme: REPORT_SCHEME }, new PreflightCodeActions(diagnostics), {
      providedCodeActionKinds: PreflightCodeActions.kinds,
    }),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, map),
    // The first-run view has no rows of its own: its welcome content is all it shows.
    vscode.window.registerTreeDataProvider(WELCOME_VIEW, { getTreeItem: (x: vscode.TreeItem) => x, getChildren: () => [] }),
    tree.onDidChangeSnapshot((snapshot) => {
      roots = snapshot;
      status.update(roots);
      diagnostics.retain(roots);
      map.update(roots);
      // Say why the tree is empty (the welcome view says what to do).
      const only = roots.length === 1 ? roots[0].info : undefined;
      treeView.message = only && only.state !== 'ready' ? `Cannot reach ${only.dockerHost ?? only.host}: ${only.error ?? 'no answer'}` : undefined;
      const noLevels = roots.some((r) => r.info.state === 'ready') && roots.every((r) => flatten(r).length === 1);
      void vscode.commands.executeCommand('setContext', ContextKeys.noLevels, noLevels);
      follow();
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) tree.refresh();
      else follow();
    }),
    map.onDidChangeVisibility(() => follow()),
    engines.onDidChangeEngine(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dind.preflight.disabledChecks') || e.affectsConfiguration('dind.levels.confirmPrivileged')) diagnostics.refresh();
    }),
  );
  log.info(`activated (VS Code ${vscode.version})`);
  // The API is what the extension-host tests drive; it is not a public contract.
  return services;
}

export function deactivate(): void {
  /* everything is released through context.subscriptions */
}
