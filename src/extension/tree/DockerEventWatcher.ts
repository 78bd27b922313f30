import type { LevelNode } from '../../engine/levelNode';
import { flatten } from '../../engine/levelNode';
import type { Logger } from '../logger';
import { Disposable } from '../util/lifecycle';

type Stream = NodeJS.ReadableStream & { destroy?: () => void };

/**
 * Follows the Docker events of every reachable level, so the tree changes when containers start, die or vanish at
 * any depth (a level whose daemon dies shows up as a `die` event on its parent), without tight polling.
 */
export class DockerEventWatcher extends Disposable {
  private readonly streams = new Map<string, Stream>();

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
        stream.destroy?.();
        this.streams.delete(key);
      }
    }
    for (const [key, node] of wanted) {
      if (this.streams.has(key)) continue;
      try {
        const stream = (await node.client!.getEvents({
          filters: { type: ['container', 'volume'] },
        } as never)) as unknown as Stream;
        if (this.isDisposed) {
          stream.destroy?.();
          return;
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
        this.log.debug(`cannot follow events of ${node.info.id}: ${String(err)}`, 'events');
      }
    }
  }

  private stopAll(): void {
    for (const stream of this.streams.values()) stream.destroy?.();
    this.streams.clear();
  }
}
