import * as vscode from 'vscode';
import type { EngineService } from '../engineService';
import { levelLabel } from '../tree/contextValues';
import { Follow, FollowedChannels } from '../util/followedChannels';

/** package.json `languages`: syntaxes/dockerd-log.tmLanguage.json colours `level=error|warn` lines. */
const DAEMON_LOG_LANGUAGE = 'dind-dockerd-log';

interface DaemonFollow extends Follow {
  containerId: string | null;
}

/**
 * One output channel per level for its daemon log, created on first use and kept (with its follow stream) across
 * tree refreshes; a level that is collapsed and re-nested gets its stream restarted in the same channel.
 */
export class DaemonLogChannels extends FollowedChannels<DaemonFollow> {
  constructor(private readonly engines: EngineService) {
    super();
  }

  async show(host: string | undefined, levelId: string, depth: number, containerId: string | null): Promise<vscode.OutputChannel> {
    const key = `${host ?? ''}/${levelId}`;
    let follow = this.follows.get(key);
    if (!follow) {
      const channel = vscode.window.createOutputChannel(`DinD: dockerd ${levelLabel(depth)} ${levelId}`, DAEMON_LOG_LANGUAGE);
      follow = { channel, stop: new AbortController(), containerId: null };
      this.follows.set(key, follow);
    }
    if (follow.containerId !== containerId || follow.stop.signal.aborted) {
      follow.stop.abort();
      follow.stop = new AbortController();
      follow.containerId = containerId;
      try {
        await this.stream(host, levelId, follow);
      } catch (err) {
        // Leave it retryable: the next Show Daemon Log starts the stream again.
        follow.stop.abort();
        throw err;
      }
    }
    follow.channel.show(true);
    return follow.channel;
  }

  private async stream(host: string | undefined, levelId: string, follow: DaemonFollow): Promise<void> {
    const signal = follow.stop.signal;
    const lines = await this.engines.get(host).daemonLog(levelId, { follow: true, tail: 1000, signal });
    lines.on('data', (line: string) => follow.channel.appendLine(line));
    const ended = () => {
      if (!signal.aborted) {
        follow.channel.appendLine(`[nested-docker] the daemon log of ${levelId} ended (level stopped or removed)`);
        follow.stop.abort();
      }
    };
    lines.on('end', ended);
    lines.on('error', ended);
  }

  /** Stops following a level (it was collapsed); its channel stays readable. */
  stop(host: string | undefined, levelId: string): void {
    this.follows.get(`${host ?? ''}/${levelId}`)?.stop.abort();
  }
}
