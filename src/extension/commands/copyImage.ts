// Copy Image to Level…: from an image row (or the palette, or an image row dropped on a level row), streamed from
// the source level's daemon straight into the target's, with byte progress and cancel.
import * as vscode from 'vscode';
import type { LevelNode } from '../../engine';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { LevelTreeItem, ResourceTreeItem } from '../tree/nodes';
import { copyTargets, imageChoices } from './levelChoices';
import { pickLevel } from './levelPicker';
import { toAbortSignal } from '../util/lifecycle';

/**
 * `arg`: the image row; `second`: the level row it was dropped on, or the tree's multi-selection (VS Code passes it
 * second); `third`: every dragged row.
 */
export async function copyImageToLevel(s: Services, arg?: unknown, second?: unknown, third?: unknown): Promise<void> {
  const targetArg = second instanceof LevelTreeItem ? second : undefined;
  const selection: unknown[] = Array.isArray(third) ? third : Array.isArray(second) ? second : [arg];
  const rows = selection.filter((r): r is ResourceTreeItem => r instanceof ResourceTreeItem && !!r.image);
  let source: LevelNode | undefined = rows[0]?.level.level;
  let images = rows.filter((r) => r.level.level === source).map((r) => r.image!.tags[0] ?? r.image!.id);
  if (!source) {
    source = await pickLevel(s, { title: 'Copy Image from Level', filter: (n) => n.info.state === 'ready' && (n.info.images?.length ?? 0) > 0 });
    if (!source) return;
    const picked = await vscode.window.showQuickPick(imageChoices(source), { title: `Images on ${levelLabel(source.info.depth)}`, canPickMany: true });
    if (!picked?.length) return;
    images = picked.map((p) => p.ref);
  }
  const target = targetArg ? targetArg.level : await pickLevel(s, { title: `Copy ${images.join(', ')} to Level`, filter: copyTargets(source) });
  if (!target) return;
  if (!copyTargets(source)(target)) {
    throw new Error(`${levelLabel(target.info.depth)} ${target.info.id} cannot receive images now (${target.info.state}); drop the image on another ready level of the same host`);
  }
  const from = source;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Copying ${images.join(', ')} to ${levelLabel(target.info.depth)} ${target.info.id}`, cancellable: true },
    async (progress, token) => {
      const abort = toAbortSignal(token);
      let reported = 0;
      try {
        return await s.engines.get(from.info.host).copyImages({
          images, from: from.info.id, to: target.info.id, signal: abort.signal,
          onProgress: (p) => {
            const pct = p.bytes !== undefined && p.totalBytes ? Math.min(100, (100 * p.bytes) / p.totalBytes) : reported;
            progress.report({ message: p.message, increment: Math.max(0, pct - reported) });
            reported = Math.max(reported, pct);
          },
        });
      } finally {
        abort.dispose();
      }
    },
  );
  s.log.info(results.map((r) => `${r.image}: ${r.action}`).join(', '), 'copy');
  vscode.window.setStatusBarMessage(`Copied to ${target.info.id}: ${results.map((r) => `${r.image} (${r.action})`).join(', ')}`, 6000);
  s.tree.refreshSoon(50);
}
