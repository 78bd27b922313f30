import * as vscode from 'vscode';
import { flatten, LevelNode } from '../engine';
import { Commands } from './constants';
import { levelLabel } from './tree/contextValues';
import type { TreeNode } from './tree/nodes';
import { Disposable } from './util/lifecycle';

/** One item: the selected level in the tree, else the deepest ready one; a click opens the level picker. */
export class LevelStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('dind.level', vscode.StatusBarAlignment.Left, 50));
  private roots: LevelNode[] = [];
  private selectedId: string | undefined;

  constructor(treeView: vscode.TreeView<TreeNode>) {
    super();
    this.item.name = 'Nested Docker level';
    this.item.command = Commands.pickLevel;
    this._register(
      treeView.onDidChangeSelection((e) => {
        const node = e.selection[0];
        this.selectedId = node?.kind === 'level' ? node.levelId : node?.kind === 'group' ? node.parent.levelId : node && node.kind !== 'message' ? node.level.levelId : this.selectedId;
        this.render();
      }),
    );
  }

  update(roots: LevelNode[]): void {
    this.roots = roots;
    this.render();
  }

  private render(): void {
    const levels = this.roots.flatMap((r) => flatten(r));
    if (levels.length <= this.roots.length) {
      this.item.hide();
      return;
    }
    const ready = levels.filter((l) => l.info.state === 'ready');
    const chosen = levels.find((l) => l.info.id === this.selectedId) ?? ready.sort((a, b) => b.info.depth - a.info.depth)[0];
    if (!chosen) {
      this.item.hide();
      return;
    }
    const i = chosen.info;
    this.item.text = `$(layers) ${levelLabel(i.depth)}${i.depth ? ` · ${i.id}` : ''}`;
    this.item.tooltip = `Nested Docker: ${i.state}${i.dockerHost ? `\nDOCKER_HOST=${i.dockerHost}` : ''}\nClick to pick a level`;
    this.item.show();
  }
}
