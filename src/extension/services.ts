import type * as vscode from 'vscode';
import type { EngineService } from './engineService';
import type { DaemonLogChannels } from './logs/DaemonLogChannels';
import type { Logger } from './logger';
import type { LevelsTreeDataProvider } from './tree/LevelsTreeDataProvider';
import type { TreeNode } from './tree/nodes';
import type { NestingMap } from './map/NestingMapPanel';
import type { LevelStatusBar } from './statusBar';
import type { PreflightDiagnostics } from './diagnostics/PreflightDiagnostics';
import type { ContainerLogChannels } from './resources/ContainerLogChannels';
import type { InspectDocuments } from './resources/InspectDocuments';

/** What command handlers work with; built once in activate(). */
export interface Services {
  context: vscode.ExtensionContext;
  log: Logger;
  engines: EngineService;
  tree: LevelsTreeDataProvider;
  treeView: vscode.TreeView<TreeNode>;
  daemonLogs: DaemonLogChannels;
  diagnostics: PreflightDiagnostics;
  containerLogs: ContainerLogChannels;
  inspectDocs: InspectDocuments;
  map: NestingMap;
  status: LevelStatusBar;
}
