import * as vscode from 'vscode';
import type { ContainerSummary, LevelNode } from '../../engine';
import { containerContextValue, levelContextValue, levelDescription, levelLabel } from './contextValues';

export type TreeNode = LevelTreeItem | ContainerTreeItem | MessageTreeItem;

const READY = new vscode.ThemeColor('testing.iconPassed');
const BROKEN = new vscode.ThemeColor('errorForeground');
const PENDING = new vscode.ThemeColor('editorWarning.foreground');

export class LevelTreeItem {
  readonly kind = 'level';
  constructor(
    readonly level: LevelNode,
    readonly parent: LevelTreeItem | undefined,
    private readonly maxDepth: number,
    /** For a root: whether the user added this host (and may remove it). */
    private readonly removableHost = false,
  ) {}

  get id(): string {
    return this.level.info.id;
  }

  children(): TreeNode[] {
    const levels = this.level.children.map((c) => new LevelTreeItem(c, this, this.maxDepth));
    const containers = (this.level.info.containers ?? []).map((c) => new ContainerTreeItem(c, this));
    if (this.level.info.state !== 'ready' && this.level.info.error) {
      return [new MessageTreeItem(this.level.info.error, this), ...levels, ...containers];
    }
    return [...levels, ...containers];
  }

  toTreeItem(): vscode.TreeItem {
    const info = this.level.info;
    const hasChildren = this.level.children.length > 0 || (info.containers?.length ?? 0) > 0 || !!info.error;
    const item = new vscode.TreeItem(
      levelLabel(info.depth),
      hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `level:${info.host ?? ''}:${info.id}:${info.containerId ?? 'host'}`;
    item.description = info.depth === 0 && info.host ? `${info.host} · ${levelDescription(info)}` : levelDescription(info);
    item.contextValue = levelContextValue(info, this.maxDepth) + (this.removableHost ? ':removable' : '');
    const color = info.state === 'ready' ? READY : info.state === 'starting' ? PENDING : BROKEN;
    item.iconPath = new vscode.ThemeIcon(info.depth === 0 ? 'server' : info.state === 'ready' ? 'vm-running' : 'vm-outline', color);
    item.tooltip = levelTooltip(this.level);
    return item;
  }
}

function levelTooltip(node: LevelNode): vscode.MarkdownString {
  const i = node.info;
  const f = i.facts ?? {};
  const rows: [string, string | undefined][] = [
    ['Level', i.depth === 0 ? `host${i.host ? ` ${i.host}` : ''} (L0)` : `${i.id} (L${i.depth}, on ${i.parentId})`],
    ['State', i.state + (i.error ? ` — ${i.error}` : '')],
    ['Launch mode', i.mode],
    ['Transport', i.transport ?? undefined],
    ['DOCKER_HOST', i.dockerHost ?? (i.depth > 0 ? 'exec tunnel only (use Open Terminal)' : undefined)],
    ['Docker', f.version],
    ['Storage driver', f.storageDriver],
    ['Cgroup', f.cgroupVersion ? `v${f.cgroupVersion} (${f.cgroupDriver ?? '?'})` : undefined],
    ['Kernel', f.kernelVersion],
    ['OS', f.operatingSystem],
    ['Image', i.image ?? undefined],
    ['Data volume', i.volume ?? undefined],
    ['Container', i.containerName ?? undefined],
  ];
  const md = new vscode.MarkdownString(rows.filter(([, v]) => v).map(([k, v]) => `**${k}:** ${escape(v!)}`).join('  \n'));
  return md;
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|])/g, '\\$1');
}

export class ContainerTreeItem {
  readonly kind = 'container';
  constructor(readonly container: ContainerSummary, readonly parent: LevelTreeItem) {}

  toTreeItem(): vscode.TreeItem {
    const c = this.container;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.None);
    item.id = `container:${this.parent.level.info.host ?? ''}:${this.parent.id}:${c.id}`;
    item.description = `${c.image} · ${c.status}`;
    item.contextValue = containerContextValue(c.state);
    item.iconPath = new vscode.ThemeIcon('package', c.state === 'running' ? READY : undefined);
    item.tooltip = `${c.name} (${c.id.slice(0, 12)}) on ${this.parent.id}\n${c.image}\n${c.status}`;
    return item;
  }
}

/** A row that explains a problem instead of throwing (a level that cannot be reached, an error). */
export class MessageTreeItem {
  readonly kind = 'message';
  constructor(readonly message: string, readonly parent?: LevelTreeItem) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = `message:${this.parent?.id ?? 'root'}:${this.message.slice(0, 40)}`;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground'));
    item.tooltip = this.message;
    item.contextValue = 'message';
    return item;
  }
}
