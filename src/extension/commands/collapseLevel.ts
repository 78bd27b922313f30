import * as vscode from 'vscode';
import { flatten } from '../../engine';
import { readSettings } from '../config';
import { LEVELS_VIEW } from '../constants';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { resolveLevel } from './levelPicker';

const KEEP = 'Remove (Keep Data)';
const PURGE = 'Remove and Delete Data';

function buttons(): string[] {
  // The default action comes first; the setting decides which one is the default.
  return readSettings().keepVolumesOnCollapse ? [KEEP, PURGE] : [PURGE, KEEP];
}

export async function collapseLevel(s: Services, arg?: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Remove Level', includeHost: false });
  if (!level) return;
  const nested = flatten(level).length - 1;
  const choice = await vscode.window.showWarningMessage(
    `Remove ${levelLabel(level.info.depth)} (${level.info.id})${nested ? ` and the ${nested} level(s) nested in it` : ''}?`,
    {
      modal: true,
      detail: 'Its containers stop and are removed, deepest first. Its data volume (images, volumes, build cache) is kept unless you delete it, and a level nested again with the same id finds it.',
    },
    ...buttons(),
  );
  if (!choice) return;
  const purge = choice === PURGE;
  await vscode.window.withProgress(
    { location: { viewId: LEVELS_VIEW }, title: `Removing ${level.info.id}` },
    async () => {
      const removed = await s.engines.get(level.info.host).collapse(level.info.id, { purge, onProgress: (m) => s.log.info(m, 'collapse') });
      removed.forEach((id) => s.daemonLogs.stop(level.info.host, id));
      s.diagnostics.forget(removed);
    },
  );
  s.tree.refresh();
}

export async function collapseAll(s: Services): Promise<void> {
  const roots = (await s.tree.roots()).filter((r) => r.info.state === 'ready');
  const count = roots.reduce((n, r) => n + flatten(r).length - 1, 0);
  if (!count) {
    void vscode.window.showInformationMessage('Nested Docker: there are no levels to remove.');
    return;
  }
  const choice = await vscode.window.showWarningMessage(
    `Remove all ${count} level(s)${roots.length > 1 ? ` on ${roots.length} hosts` : ''}?`,
    { modal: true, detail: 'Every level created by Nested Docker Sessions on this host is stopped and removed, deepest first. Nothing else is touched.' },
    ...buttons(),
  );
  if (!choice) return;
  await vscode.window.withProgress({ location: { viewId: LEVELS_VIEW }, title: 'Removing all levels (the dream is collapsing)' }, async () => {
    for (const root of roots) {
      const host = root.info.host;
      const removed = await s.engines.get(host).collapseAll({ purge: choice === PURGE, onProgress: (m) => s.log.info(m, 'collapse') });
      removed.forEach((id) => s.daemonLogs.stop(host, id));
      s.diagnostics.forget(removed);
    }
  });
  s.tree.refresh();
}
