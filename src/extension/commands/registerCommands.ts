import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Services } from '../services';
import { collapseAll, collapseLevel } from './collapseLevel';
import { addHost, removeHost } from './hostCommands';
import { copyDockerHost, pickAndReveal, showDaemonLog } from './levelCommands';
import { nestLevel } from './nestLevel';
import { openTerminal, registerTerminalProfile } from './openTerminal';
import { runPreflight } from './runPreflight';
import { registerCommand } from './runCommand';

/** Command id → handler; every handler runs through registerCommand's error handling. */
export function registerCommands(s: Services): vscode.Disposable[] {
  const table: [string, string, (arg?: unknown) => Promise<unknown> | unknown][] = [
    [Commands.refresh, 'Refresh', () => {
      s.engines.retryConnections();
      s.tree.refresh();
    }],
    [Commands.nest, 'Nest One Level', (arg) => nestLevel(s, arg)],
    [Commands.openTerminal, 'Open Terminal', (arg) => openTerminal(s, arg)],
    [Commands.showDaemonLog, 'Show Daemon Log', (arg) => showDaemonLog(s, arg)],
    [Commands.collapse, 'Remove Level', (arg) => collapseLevel(s, arg)],
    [Commands.collapseAll, 'Remove All Levels', () => collapseAll(s)],
    [Commands.copyDockerHost, 'Copy DOCKER_HOST', (arg) => copyDockerHost(s, arg)],
    [Commands.runPreflight, 'Run Preflight', (arg) => runPreflight(s, arg)],
    [Commands.pickLevel, 'Go to Level', () => pickAndReveal(s)],
    [Commands.showLog, 'Show Log', () => s.log.show()],
    [Commands.addHost, 'Add Docker Host', () => addHost(s)],
    [Commands.removeHost, 'Remove Docker Host', (arg) => removeHost(s, arg)],
    [Commands.openMap, 'Open Nesting Map', (arg) => s.map.open(arg)],
  ];
  return [...table.map(([id, title, fn]) => registerCommand(id, title, fn, s.log)), registerTerminalProfile(s)];
}
