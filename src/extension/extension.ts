import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { LEVELS_VIEW } from './constants';
import { PreflightCodeActions } from './diagnostics/PreflightCodeActions';
import { PreflightDiagnostics, troubleshootingUrl } from './diagnostics/PreflightDiagnostics';
import { privilegedRiskAccepted } from './diagnostics/privilegedRisk';
import { EngineService } from './engineService';
import { Logger } from './logger';
import { DaemonLogChannels } from './logs/DaemonLogChannels';
import type { Services } from './services';
import { LevelStatusBar } from './statusBar';
import { DockerEventWatcher } from './tree/DockerEventWatcher';
import { LevelsTreeDataProvider } from './tree/LevelsTreeDataProvider';
import { REPORT_SCHEME } from './constants';
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
  const services: Services = { context, log, engines, tree, treeView, daemonLogs, diagnostics, containerLogs, inspectDocs };

  context.subscriptions.push(
    log, engines, tree, treeView, daemonLogs, diagnostics, status, events, containerLogs, inspectDocs,
    ...registerCommands(services),
    vscode.languages.registerCodeActionsProvider({ scheme: REPORT_SCHEME }, new PreflightCodeActions(diagnostics), {
      providedCodeActionKinds: PreflightCodeActions.kinds,
    }),
    tree.onDidChangeSnapshot((roots) => {
      status.update(roots);
      diagnostics.retain(roots);
      // Say why the tree is empty (the welcome view says what to do).
      const only = roots.length === 1 ? roots[0].info : undefined;
      treeView.message = only && only.state !== 'ready' ? `Cannot reach ${only.dockerHost ?? only.host}: ${only.error ?? 'no answer'}` : undefined;
      // Events are followed only while someone looks at the tree.
      if (treeView.visible) void events.watch(roots);
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) tree.refresh();
      else void events.watch([]);
    }),
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
