import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Services } from '../services';
import { cleanUpLeftovers } from './cleanUpLeftovers';
import { exposeDaemon, unexposeDaemon } from './exposeCommands';
import { collapseAll, collapseLevel } from './collapseLevel';
import { addHost, removeHost } from './hostCommands';
import { copyDockerHost, pickAndReveal, showDaemonLog } from './levelCommands';
import { nestDoodSibling, nestLevel } from './nestLevel';
import { openTerminal, registerTerminalProfile } from './openTerminal';
import { openTroubleshooting } from './openTroubleshooting';
import { runPreflight } from './runPreflight';
import { copyImageToLevel } from './copyImage';
import { deleteLevelData, levelLifecycle, renestLevel } from './lifecycleCommands';
import { containerAction, containerLogs, copyContainerId, inspect, removeResource, runImage } from './resourceCommands';
import { registerCommand } from './runCommand';

/** Command id → handler; every handler runs through registerCommand's error handling. */
export function registerCommands(s: Services): vscode.Disposable[] {
  const table: [string, string, (arg?: unknown, ...more: unknown[]) => Promise<unknown> | unknown][] = [
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
    [Commands.openTroubleshooting, 'Open Troubleshooting', (arg) => openTroubleshooting(s, arg)],
    [Commands.startLevel, 'Start Level', (arg) => levelLifecycle(s, arg, 'start')],
    [Commands.stopLevel, 'Stop Level', (arg) => levelLifecycle(s, arg, 'stop')],
    [Commands.restartLevel, 'Restart Level', (arg) => levelLifecycle(s, arg, 'restart')],
    [Commands.renestLevel, 'Re-nest Level', (arg) => renestLevel(s, arg)],
    [Commands.deleteLevelData, 'Delete Level Data', (arg) => deleteLevelData(s, arg)],
    [Commands.containerStart, 'Start Container', (arg) => containerAction(s, arg, 'start')],
    [Commands.containerStop, 'Stop Container', (arg) => containerAction(s, arg, 'stop')],
    [Commands.containerRestart, 'Restart Container', (arg) => containerAction(s, arg, 'restart')],
    [Commands.containerRemove, 'Remove Container', (arg) => containerAction(s, arg, 'remove')],
    [Commands.containerLogs, 'View Logs', (arg) => containerLogs(s, arg)],
    [Commands.containerInspect, 'Inspect Container', (arg) => inspect(s, arg, 'container')],
    [Commands.containerCopyId, 'Copy Container ID', (arg) => copyContainerId(arg)],
    [Commands.imageRun, 'Run Image', (arg) => runImage(s, arg)],
    [Commands.imageCopyToLevel, 'Copy Image to Level', (arg, ...more) => copyImageToLevel(s, arg, ...more)],
    [Commands.imageInspect, 'Inspect Image', (arg) => inspect(s, arg, 'image')],
    [Commands.imageRemove, 'Remove Image', (arg) => removeResource(s, arg, 'image')],
    [Commands.volumeInspect, 'Inspect Volume', (arg) => inspect(s, arg, 'volume')],
    [Commands.volumeRemove, 'Remove Volume', (arg) => removeResource(s, arg, 'volume')],
    [Commands.networkInspect, 'Inspect Network', (arg) => inspect(s, arg, 'network')],
    [Commands.networkRemove, 'Remove Network', (arg) => removeResource(s, arg, 'network')],
    [Commands.cleanUpLeftovers, 'Clean Up Leftovers', () => cleanUpLeftovers(s)],
    [Commands.nestDood, 'Nest DooD Sibling', (arg) => nestDoodSibling(s, arg)],
    [Commands.exposeDaemon, 'Expose Daemon over TLS', (arg) => exposeDaemon(s, arg)],
    [Commands.unexposeDaemon, 'Unexpose Daemon', (arg) => unexposeDaemon(s, arg)],
    [Commands.openMap, 'Open Nesting Map', (arg) => s.map.open(arg)],
  ];
  return [...table.map(([id, title, fn]) => registerCommand(id, title, fn as (...args: unknown[]) => unknown, s.log)), registerTerminalProfile(s)];
}
