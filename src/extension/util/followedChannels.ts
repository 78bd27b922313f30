import type * as vscode from 'vscode';
import { Disposable } from './lifecycle';

/** An output channel and the stream that fills it. */
export interface Follow {
  channel: vscode.OutputChannel;
  stop: AbortController;
}

/** Output channels kept by key, each following a stream; disposing stops every stream and closes every channel. */
export abstract class FollowedChannels<F extends Follow> extends Disposable {
  protected readonly follows = new Map<string, F>();

  constructor() {
    super();
    this._register({
      dispose: () => {
        for (const f of this.follows.values()) {
          f.stop.abort();
          f.channel.dispose();
        }
        this.follows.clear();
      },
    });
  }
}
