import * as vscode from 'vscode';
import type { LevelNode } from '../../engine/levelNode';
import { readSettings } from '../config';
import { ContextKeys } from '../constants';
import type { EngineService } from '../engineService';
import type { Logger } from '../logger';
import { Disposable } from '../util/lifecycle';
import { LevelTreeItem, TreeNode } from './nodes';

/**
 * The levels tree. One discovery per refresh builds the whole tree (levels, their facts and containers); the nodes
 * then answer getChildren from that snapshot. Never throws: failures become message rows or the welcome view.
 */
export class LevelsTreeDataProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly snapshotChanged = this._register(new vscode.EventEmitter<LevelNode | undefined>());
  /** Fires with every new snapshot of the tree (status bar, event watchers). */
  readonly onDidChangeSnapshot = this.snapshotChanged.event;
  private snapshot: Promise<LevelNode | undefined> | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly engines: EngineService, private readonly log: Logger) {
    super();
    this._register({ dispose: () => clearTimeout(this.debounce) });
  }

  refresh(): void {
    this.snapshot = undefined;
    this.changed.fire(undefined);
  }

  /** Coalesces bursts (Docker events arrive in groups) into one refresh. */
  refreshSoon(ms = 300): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.refresh(), ms);
  }

  /** The current tree, discovering it if needed. */
  current(): Promise<LevelNode | undefined> {
    this.snapshot ??= this.discover();
    return this.snapshot;
  }

  private async discover(): Promise<LevelNode | undefined> {
    try {
      const root = await this.engines.get().tree();
      await vscode.commands.executeCommand('setContext', ContextKeys.daemonState, root.info.state === 'ready' ? 'ready' : 'unreachable');
      if (root.info.state !== 'ready') this.log.warn(`host daemon unreachable: ${root.info.error}`, 'tree');
      this.snapshotChanged.fire(root);
      return root;
    } catch (err) {
      this.log.error(err, 'tree');
      await vscode.commands.executeCommand('setContext', ContextKeys.daemonState, 'unreachable');
      this.snapshotChanged.fire(undefined);
      return undefined;
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.kind === 'level' ? node.children() : [];
    const root = await this.current();
    if (!root || root.info.state !== 'ready') return [];
    return [new LevelTreeItem(root, undefined, readSettings().maxDepth)];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The tree item of a level id in the current snapshot (for reveal and pickers). */
  async findItem(levelId: string): Promise<LevelTreeItem | undefined> {
    const root = await this.current();
    if (!root || root.info.state !== 'ready') return undefined;
    const walk = (item: LevelTreeItem): LevelTreeItem | undefined => {
      if (item.id === levelId) return item;
      for (const child of item.children()) {
        const found = child.kind === 'level' ? walk(child) : undefined;
        if (found) return found;
      }
      return undefined;
    };
    return walk(new LevelTreeItem(root, undefined, readSettings().maxDepth));
  }
}
