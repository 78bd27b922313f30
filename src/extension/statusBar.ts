import * as vscode from 'vscode';
import type { LevelNode } from '../engine';
import { Commands } from './constants';
import { statusOf } from './map/statusModel';
import type { TreeNode } from './tree/nodes';
import { Disposable } from './util/lifecycle';

/**
 * One item, there from the start: the level of the active terminal (when it is a level's), else the level selected
 * in the tree, else the deepest ready one; with no level yet it offers to nest the first. A click picks a level.
 */
export class LevelStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('dind.level', vscode.StatusBarAlignment.Left, 50));
  private roots: LevelNode[] | undefined;
  private selected: { id: string; host?: string } | undefined;
  private readonly terminals = new WeakMap<vscode.Terminal, { id: string; host?: string }>();

  constructor(treeView: vscode.TreeView<TreeNode>) {
    super();
    this.item.name = 'Nested Docker level';
    this._register(
      treeView.onDidChangeSelection((e) => {
        const node = e.selection[0];
        const row = node?.kind === 'level' ? node : node?.kind === 'group' ? node.parent : node && node.kind !== 'message' ? node.level : undefined;
        if (row) this.selected = { id: row.level.info.id, host: row.level.info.host };
        this.render();
      }),
    );
    this._register(vscode.window.onDidChangeActiveTerminal(() => this.render()));
    this.render();
  }

  /** Remembers which level a terminal opened on, so the item follows the terminal in focus. */
  trackTerminal(terminal: vscode.Terminal, level: { id: string; host?: string }): void {
    this.terminals.set(terminal, level);
    this.render();
  }

  update(roots: LevelNode[]): void {
    this.roots = roots;
    this.render();
  }

  private render(): void {
    const active = vscode.window.activeTerminal;
    const shown = statusOf(this.roots, (active && this.terminals.get(active)) ?? this.selected);
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.command = shown.nestFirst ? Commands.nest : Commands.pickLevel;
    this.item.show();
  }
}
