import * as vscode from 'vscode';
import { LEVELS_VIEW } from '../constants';
import type { Services } from '../services';
import { leftoverSummary } from './leftoverSummary';

const REMOVE = 'Remove Leftovers';

/** Finds what a crash left on every reachable host and, on confirmation, removes the orphans; lists what is kept. */
export async function cleanUpLeftovers(s: Services): Promise<void> {
  const roots = (await s.tree.roots()).filter((r) => r.info.state === 'ready');
  for (const root of roots) {
    const engine = s.engines.get(root.info.host);
    const report = await vscode.window.withProgress(
      { location: { viewId: LEVELS_VIEW }, title: 'Looking for leftovers' },
      () => engine.leftovers(),
    );
    const { headline, detail } = leftoverSummary(report);
    s.log.info(`${headline}\n${detail}`, 'leftovers');
    if (!report.orphans.length) {
      void vscode.window.showInformationMessage(headline, { detail } as vscode.MessageOptions);
      continue;
    }
    const choice = await vscode.window.showWarningMessage(headline, { modal: true, detail }, REMOVE);
    if (choice !== REMOVE) continue;
    const failed = await engine.removeLeftovers(report.orphans);
    for (const f of failed) s.log.warn(`could not remove ${f.item.kind} ${f.item.name}: ${f.error}`, 'leftovers');
    if (failed.length) void vscode.window.showWarningMessage(`Nested Docker: ${failed.length} leftover(s) could not be removed; see the log.`, 'Show Log').then((c) => c && s.log.show());
  }
  s.tree.refresh();
}
