import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary, LevelNode, NetworkSummary, VolumeSummary } from '../../engine';
import { Commands } from '../constants';
import { GroupKind, groupRow, itemsOf, ResourceItem, resourceRow } from './resourceRows';
import type { Row, RowColor } from './row';
import { childrenOf, levelRow, messageRow, TreeOptions } from './treeModel';

export type TreeNode = LevelTreeItem | GroupTreeItem | ResourceTreeItem | MessageTreeItem;

const COLORS: Record<RowColor, string> = { ready: 'testing.iconPassed', broken: 'errorForeground', pending: 'editorWarning.foreground' };

/** The one place a Row (treeModel.ts, vscode-free) becomes a TreeItem. */
function toTreeItem(row: Row): vscode.TreeItem {
  const state = !row.expandable ? vscode.TreeItemCollapsibleState.None
    : row.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(row.label, state);
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
        case 'group':
          return new GroupTreeItem(child.group, this);
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

/** Containers, Images, Volumes or Networks of one level. */
export class GroupTreeItem {
  readonly kind = 'group';
  constructor(readonly group: GroupKind, readonly parent: LevelTreeItem) {}

  children(): ResourceTreeItem[] {
    return itemsOf(this.parent.level.info, this.group).map((item) => new ResourceTreeItem(item, this));
  }

  toTreeItem(): vscode.TreeItem {
    return toTreeItem(groupRow(this.parent.level.info, this.group));
  }
}

/** One container, image, volume or network of a level; commands read what they act on from here. */
export class ResourceTreeItem {
  constructor(readonly item: ResourceItem, readonly parent: GroupTreeItem) {}

  get kind(): ResourceItem['kind'] {
    return this.item.kind;
  }

  /** The level row this resource belongs to. */
  get level(): LevelTreeItem {
    return this.parent.parent;
  }

  get container(): ContainerSummary | undefined {
    return this.item.kind === 'container' ? this.item.container : undefined;
  }

  get image(): ImageSummary | undefined {
    return this.item.kind === 'image' ? this.item.image : undefined;
  }

  get volume(): VolumeSummary | undefined {
    return this.item.kind === 'volume' ? this.item.volume : undefined;
  }

  get network(): NetworkSummary | undefined {
    return this.item.kind === 'network' ? this.item.network : undefined;
  }

  toTreeItem(): vscode.TreeItem {
    return toTreeItem(resourceRow(this.item, this.level.level.info));
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
