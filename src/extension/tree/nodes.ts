import * as vscode from 'vscode';
import type { ContainerSummary, LevelNode } from '../../engine';
import { Commands } from '../constants';
import { childrenOf, containerRow, levelRow, messageRow, Row, RowColor, TreeOptions } from './treeModel';

export type TreeNode = LevelTreeItem | ContainerTreeItem | MessageTreeItem;

const COLORS: Record<RowColor, string> = { ready: 'testing.iconPassed', broken: 'errorForeground', pending: 'editorWarning.foreground' };

/** The one place a Row (treeModel.ts, vscode-free) becomes a TreeItem. */
function toTreeItem(row: Row): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, row.expandable ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = row.treeId;
  item.description = row.description;
  item.contextValue = row.contextValue;
  item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(COLORS[row.icon.color]) : undefined);
  item.tooltip = typeof row.tooltip === 'string'
    ? row.tooltip
    : new vscode.MarkdownString(row.tooltip.map(([k, v]) => `**${k}:** ${escape(v)}`).join('  \n'));
  return item;
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|])/g, '\\$1');
}

export class LevelTreeItem {
  readonly kind = 'level';
  constructor(
    readonly level: LevelNode,
    readonly parent: LevelTreeItem | undefined,
    private readonly opts: TreeOptions,
  ) {}

  /** The level's id (not the TreeItem id, which also names the host and container: see treeModel.levelRow). */
  get levelId(): string {
    return this.level.info.id;
  }

  children(): TreeNode[] {
    return childrenOf(this.level).map((child) => {
      switch (child.kind) {
        case 'level':
          return new LevelTreeItem(child.node, this, this.opts);
        case 'container':
          return new ContainerTreeItem(child.container, this);
        case 'message':
          return new MessageTreeItem(child.message, this);
      }
    });
  }

  toTreeItem(): vscode.TreeItem {
    const item = toTreeItem(levelRow(this.level, this.opts));
    // Enter or a click on a level shows it in the Nesting Map (the tree keeps the focus).
    const { id, host } = this.level.info;
    item.command = { command: Commands.openMap, title: 'Show in Nesting Map', arguments: [{ id, host, fromTree: true }] };
    return item;
  }
}

export class ContainerTreeItem {
  readonly kind = 'container';
  constructor(readonly container: ContainerSummary, readonly parent: LevelTreeItem) {}

  toTreeItem(): vscode.TreeItem {
    return toTreeItem(containerRow(this.container, this.parent.level.info));
  }
}

/** A row that explains a problem instead of throwing (a level that cannot be reached, an error). */
export class MessageTreeItem {
  readonly kind = 'message';
  constructor(readonly message: string, readonly parent?: LevelTreeItem) {}

  toTreeItem(): vscode.TreeItem {
    return toTreeItem(messageRow(this.message, this.parent?.level.info));
  }
}
