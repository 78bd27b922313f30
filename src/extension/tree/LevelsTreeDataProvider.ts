import * as vscode from 'vscode';
import { errorMessage, flatten, NEVER_STARTED } from '../../engine';
import type { LevelNode } from '../../engine';
import { readSettings } from '../config';
import { ContextKeys } from '../constants';
import type { EngineService } from '../engineService';
import type { Logger } from '../logger';
import { LatestOnly } from '../util/latestOnly';
import { Disposable } from '../util/lifecycle';
import { LevelTreeItem, TreeNode } from './nodes';
import { pathTo, treeFingerprint, TreeOptions, visibleRoots } from './treeModel';

/**
 * The levels tree: one root per host (the local daemon, Docker contexts, added hosts). One discovery per refresh
 * builds every host's tree (levels, facts, containers); nodes answer getChildren from that snapshot. Never throws:
 * failures become message rows or the welcome view.
 */
export class LevelsTreeDataProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly snapshotChanged = this._register(new vscode.EventEmitter<LevelNode[]>());
  /** Fires with every new snapshot of the roots (status bar, event watchers). */
  readonly onDidChangeSnapshot = this.snapshotChanged.event;
  private snapshot: Promise<LevelNode[]> | undefined;
  /** The fingerprint of what the tree last drew (see treeFingerprint). */
  private drawn: string | undefined;
  private debounce: NodeJS.Timeout | undefined;
  /** Refreshes overlap under load; only the newest one's rows are kept and drawn. */
  private readonly refreshes = new LatestOnly();

  constructor(private readonly engines: EngineService, private readonly log: Logger) {
    super();
    this._register({ dispose: () => clearTimeout(this.debounce) });
  }

  /**
   * Discovers again and redraws once the new snapshot is there: VS Code forgets the rows it knew when told to redraw,
   * and a click on a row's inline button in the gap between reaches the command without its row. Discovering
   * first keeps that gap to the redraw itself.
   */
  refresh(): void {
    const isLatest = this.refreshes.begin();
    const next = this.discover();
    this.snapshot = next;
    void next.then(() => {
      if (!this.isDisposed && isLatest()) this.changed.fire(undefined);
    });
  }

  /**
   * Coalesces bursts (Docker events arrive in groups) into one discovery, and redraws only when what the tree shows
   * changed: the rows under the pointer stay put while nothing moved.
   */
  refreshSoon(ms = 300): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refreshIfChanged(), ms);
  }

  private async refreshIfChanged(): Promise<void> {
    const isLatest = this.refreshes.begin();
    const next = this.discover();
    const roots = await next;
    // Disposed, or a newer refresh started while this one discovered: that one sees at least as much and draws.
    if (this.isDisposed || !isLatest()) return;
    this.snapshot = next;
    if (treeFingerprint(roots) !== this.drawn) {
      // Counted as drawn now, so a second event-driven refresh with the same rows does not redraw again.
      this.drawn = treeFingerprint(roots);
      this.changed.fire(undefined);
    }
  }

  /** Every host's tree, discovering them if needed. */
  roots(): Promise<LevelNode[]> {
    this.snapshot ??= this.discover();
    return this.snapshot;
  }

  /** The first (default) host's tree. */
  async current(): Promise<LevelNode | undefined> {
    return (await this.roots())[0];
  }

  private generation = 0;
  private daemonState: 'ready' | 'unreachable' | undefined;

  private async discover(): Promise<LevelNode[]> {
    const generation = ++this.generation;
    let roots: LevelNode[] = [];
    try {
      const hosts = this.engines.hosts();
      roots = await Promise.all(hosts.map((h) => this.discoverHost(h.name)));
    } catch (err) {
      this.log.error(err, 'tree');
    }
    const anyReady = roots.some((r) => r.info.state === 'ready');
    // The welcome view explains a missing daemon; with several hosts, unreachable ones are rows with their reason.
    const state = anyReady || roots.length > 1 ? 'ready' : 'unreachable';
    // A slower, older discovery must not overwrite what a newer one reported.
    if (generation !== this.generation) return roots;
    // Told only when it changes: each call is a round trip to the workbench, on every refresh.
    if (state !== this.daemonState) {
      this.daemonState = state;
      await vscode.commands.executeCommand('setContext', ContextKeys.daemonState, state);
    }
    this.snapshotChanged.fire(roots);
    this.settleInterrupted(roots);
    return roots;
  }

  private settling = false;

  /**
   * A nest cut off between creating its level's container and starting it (the window reloaded mid-nest) leaves a
   * container that will never start: once it is older than a start may take, it goes with the data volume that nest
   * made (nothing in either). Younger ones are looked at again on a later refresh; one whose nest reused a kept
   * volume stays, shown as never started, for the user to start or collapse.
   */
  private settleInterrupted(roots: LevelNode[]): void {
    const cut = roots.filter((r) => flatten(r).some((n) => n.info.stopReason === NEVER_STARTED));
    if (cut.length === 0 || this.settling) return;
    this.settling = true;
    const minAgeMs = (Math.max(60, readSettings().startTimeoutSeconds) + 30) * 1000;
    void Promise.all(cut.map((r) => this.engines.get(r.info.host).rollBackInterruptedNests(minAgeMs)))
      .then((results) => {
        const removed = results.flatMap((r) => r.removed);
        for (const o of removed) this.log.info(`rolled back an interrupted nest: ${o.kind} ${o.name} on ${o.on}`, 'tree');
        // Removed: redraw; younger ones: look again later. A level whose nest reused a kept volume stays, never started.
        if (!this.isDisposed && removed.length > 0) this.refreshSoon();
        else if (!this.isDisposed && results.some((r) => r.waiting > 0)) this.refreshSoon(15_000);
      })
      .catch((err) => this.log.warn(`could not roll back an interrupted nest: ${errorMessage(err)}`, 'tree'))
      .finally(() => {
        this.settling = false;
      });
  }

  private async discoverHost(name: string): Promise<LevelNode> {
    try {
      const root = await this.engines.get(name).tree({ resources: true });
      if (root.info.state !== 'ready') this.log.warn(`host ${name} unreachable: ${root.info.error}`, 'tree');
      return root;
    } catch (err) {
      this.log.warn(`host ${name}: ${errorMessage(err)}`, 'tree');
      return {
        info: {
          id: 'host', host: name, depth: 0, parentId: null, state: 'unreachable', mode: 'host', transport: null,
          containerId: null, containerName: null, image: null, volume: null, dockerHost: null, error: errorMessage(err),
        },
        children: [],
      };
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.kind === 'level' || node.kind === 'group' ? node.children() : [];
    const opts = this.treeOptions();
    const roots = await this.roots();
    this.drawn = treeFingerprint(roots);
    return visibleRoots(roots).map((r) => new LevelTreeItem(r, undefined, opts));
  }

  /** Read once per render, so every item of one render agrees (the same depth limit, the same added hosts). */
  private treeOptions(): TreeOptions {
    const addedHosts = new Set(this.engines.hosts().filter((h) => h.source === 'added').map((h) => h.name));
    return { maxDepth: readSettings().maxDepth, addedHosts };
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The tree item of a level (for reveal and pickers); `host` narrows the search to one root. */
  async findItem(levelId: string, host?: string): Promise<LevelTreeItem | undefined> {
    const path = pathTo(await this.roots(), levelId, host);
    if (!path) return undefined;
    // Built like getChildren builds them (same options, same parents), so reveal finds the very rows shown.
    const opts = this.treeOptions();
    let item: LevelTreeItem | undefined;
    for (const node of path) item = new LevelTreeItem(node, item, opts);
    return item;
  }
}
