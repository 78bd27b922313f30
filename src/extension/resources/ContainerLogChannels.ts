import * as vscode from 'vscode';
import type { LevelContents } from '../../engine';
import { Follow, FollowedChannels } from '../util/followedChannels';

/** View Logs: one output channel per container, following its log until it ends or the channel is reused. */
export class ContainerLogChannels extends FollowedChannels<Follow> {
  async show(host: string | undefined, resources: LevelContents, containerId: string, name: string): Promise<vscode.OutputChannel> {
    const key = `${host ?? ''}/${resources.level.id}/${containerId}`;
    let follow = this.follows.get(key);
    if (!follow) {
      follow = { channel: vscode.window.createOutputChannel(`DinD: ${name} @ L${resources.level.depth} ${resources.level.id}`, 'log'), stop: new AbortController() };
      this.follows.set(key, follow);
    }
    follow.stop.abort();
    const stop = new AbortController();
    follow.stop = stop;
    const channel = follow.channel;
    channel.clear();
    const lines = await resources.logs(containerId, { follow: true, tail: 1000, signal: stop.signal });
    lines.on('data', (line: string) => channel.appendLine(line));
    const ended = () => {
      if (!stop.signal.aborted) channel.appendLine(`[nested-docker] the log of ${name} ended (container stopped or removed)`);
    };
    lines.on('end', ended);
    lines.on('error', ended);
    channel.show(true);
    return channel;
  }
}
