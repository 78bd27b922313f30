import * as vscode from 'vscode';
import type { NestedDockerEngine } from '../engine/engine';
import { readSettings } from './config';
import { Logger } from './logger';
import { Disposable } from './util/lifecycle';

/**
 * Owns the engine. It is created on first use, so activating the extension does not load dockerode, and
 * re-created when the Docker host setting changes.
 */
export class EngineService extends Disposable {
  private engine: NestedDockerEngine | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeEngine = this.changed.event;

  constructor(private readonly log: Logger) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dind.docker.host')) {
          this.reset();
          this.changed.fire();
        }
      }),
    );
  }

  /** True once dockerode was loaded (by the first engine request), for the activation-cost test. */
  get dockerLoaded(): boolean {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../engine/dockerClient') as typeof import('../engine/dockerClient')).dockerodeLoaded();
  }

  get(): NestedDockerEngine {
    if (!this.engine) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { NestedDockerEngine } = require('../engine/engine') as typeof import('../engine/engine');
      const host = readSettings().dockerHost || undefined;
      this.engine = new NestedDockerEngine({ host, log: (line) => this.log.info(line, 'engine') });
      this.log.info(`engine for ${this.engine.host.url}${this.engine.relayDir ? ` (relay ${this.engine.relayDir})` : ''}`);
    }
    return this.engine;
  }

  private reset(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  override dispose(): void {
    this.reset();
    super.dispose();
  }
}
