// Start, Stop and Restart a level; Re-nest and Delete Data for a level that only has its data left.
import * as vscode from 'vscode';
import type { LevelNode } from '../../engine';
import { readSettings } from '../config';
import { Commands } from '../constants';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { toAbortSignal } from '../util/lifecycle';
import { resolveLevel } from './levelPicker';

type Verb = 'start' | 'stop' | 'restart';
const TITLES: Record<Verb, string> = { start: 'Start Level', stop: 'Stop Level', restart: 'Restart Level' };

function canAct(verb: Verb, n: LevelNode): boolean {
  if (n.info.depth === 0 || n.info.state === 'data-only') return false;
  return verb === 'start' ? n.info.state !== 'ready' : verb === 'stop' ? n.info.state === 'ready' || n.info.state === 'unreachable' : !n.info.remembered;
}

export async function levelLifecycle(s: Services, arg: unknown, verb: Verb): Promise<void> {
  const level = await resolveLevel(s, arg, { title: TITLES[verb], includeHost: false, filter: (n) => canAct(verb, n) });
  if (!level) return;
  const engine = s.engines.get(level.info.host);
  const timeout = readSettings().startTimeoutSeconds * 1000;
  const done = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${TITLES[verb]} ${levelLabel(level.info.depth)} ${level.info.id}`, cancellable: true },
    async (progress, token) => {
      const abort = toAbortSignal(token);
      try {
        const opts = { signal: abort.signal, startTimeoutMs: timeout, onProgress: (message: string) => {
          progress.report({ message });
          s.log.info(message, verb);
        } };
        return verb === 'start' ? await engine.startLevel(level.info.id, opts)
          : verb === 'stop' ? await engine.stopLevel(level.info.id, opts) : await engine.restartLevel(level.info.id, opts);
      } finally {
        abort.dispose();
        s.tree.refresh();
      }
    },
  );
  vscode.window.setStatusBarMessage(`${TITLES[verb]}: ${done.join(', ') || 'nothing to do'}`, 5000);
}

export async function renestLevel(s: Services, arg: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Re-nest Level', includeHost: false, filter: (n) => n.info.state === 'data-only' });
  if (!level) return;
  await vscode.commands.executeCommand(Commands.nest, { parentId: level.info.parentId, host: level.info.host, overrides: { id: level.info.id } });
}

export async function deleteLevelData(s: Services, arg: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Delete Level Data', includeHost: false, filter: (n) => n.info.state === 'data-only' });
  if (!level) return;
  const choice = await vscode.window.showWarningMessage(
    `Delete the data of level ${level.info.id}?`,
    { modal: true, detail: `Volume ${level.info.volume} (its images, containers and nested levels' data) is deleted for good.` },
    'Delete Data',
  );
  if (choice !== 'Delete Data') return;
  await s.engines.get(level.info.host).deleteLevelData(level.info.id);
  s.tree.refresh();
}
