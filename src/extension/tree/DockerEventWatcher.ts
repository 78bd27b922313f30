import { flatten } from '../../engine';
import type { LevelNode } from '../../engine';
import type { Logger } from '../logger';
import { Disposable } from '../util/lifecycle';
import { TREE_EVENTS } from './treeEvents';

type Stream = NodeJS.ReadableStream & { destroy?: () => void };


/**
 * Follows the Docker events of every reachable level, so the tree changes when containers start, die or vanish at
 * any depth (a level whose daemon dies shows up as a `die` event on its parent), without tight polling.
 */
export class DockerEventWatcher extends Disposable {
  private readonly streams = new Map<string, Stream | 'opening'>();

  constructor(private readonly onChange: () => void, private readonly log: Logger) {
    super();
    this._register({ dispose: () => this.stopAll() });
  }

  /** Watches exactly the ready levels of this snapshot. */
  async watch(roots: LevelNode[]): Promise<void> {
    const wanted = new Map<string, LevelNode>();
    for (const node of roots.flatMap((r) => flatten(r))) {
      if (node.client && node.info.state === 'ready') wanted.set(`${node.info.host}:${node.info.id}:${node.info.containerId ?? ''}`, node);
    }
    for (const [key, stream] of this.streams) {
      if (!wanted.has(key)) {
        if (stream !== 'opening') stream.destroy?.();
        this.streams.delete(key);
      }
    }
    for (const [key, node] of wanted) {
      if (this.streams.has(key)) continue;
      // Claimed before the await, so a watch() that overlaps this one does not open a second stream.
      this.streams.set(key, 'opening');
      try {
        const stream = (await node.client!.getEvents({ filters: TREE_EVENTS } as never)) as unknown as Stream;
        // Gone from the wanted set while opening (a newer watch() dropped it), or the watcher was disposed.
        if (this.isDisposed || this.streams.get(key) !== 'opening') {
          stream.destroy?.();
          continue;
        }
        this.streams.set(key, stream);
        stream.on('data', () => this.onChange());
        const ended = () => {
          if (this.streams.get(key) === stream) {
            this.streams.delete(key);
            this.onChange();
          }
        };
        stream.on('end', ended);
        stream.on('error', ended);
      } catch (err) {
        if (this.streams.get(key) === 'opening') this.streams.delete(key);
        this.log.debug(`cannot follow events of ${node.info.id}: ${String(err)}`, 'events');
      }
    }
  }

  private stopAll(): void {
    for (const stream of this.streams.values()) if (stream !== 'opening') stream.destroy?.();
    this.streams.clear();
  }
}
