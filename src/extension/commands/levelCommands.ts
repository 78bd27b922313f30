import * as vscode from 'vscode';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { resolveLevel } from './levelPicker';

export async function showDaemonLog(s: Services, arg?: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Show Daemon Log', includeHost: false });
  if (!level) return;
  await s.daemonLogs.show(level.info.host, level.info.id, level.info.depth, level.info.containerId);
}

export async function copyDockerHost(s: Services, arg?: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Copy DOCKER_HOST', filter: (n) => n.info.state === 'ready' });
  if (!level) return;
  if (!level.info.dockerHost) {
    void vscode.window.showInformationMessage(
      `${levelLabel(level.info.depth)} is reached through an exec tunnel, which has no address to copy. Open a terminal in it, or run \`nested-docker shell ${level.info.id}\`.`,
    );
    return;
  }
  await vscode.env.clipboard.writeText(level.info.dockerHost);
  vscode.window.setStatusBarMessage(`DOCKER_HOST=${level.info.dockerHost} copied`, 4000);
}

/** The level picker behind the status bar: selects the level in the tree. */
export async function pickAndReveal(s: Services): Promise<void> {
  const level = await resolveLevel(s, undefined, { title: 'Go to Level' });
  if (!level) return;
  const item = await s.tree.findItem(level.info.id, level.info.host);
  if (item) await s.treeView.reveal(item, { select: true, focus: true, expand: true });
}
