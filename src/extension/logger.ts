import * as vscode from 'vscode';

/** The extension's own log (one LogOutputChannel); users pick its level with "Developer: Set Log Level…". */
export class Logger implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Nested Docker Sessions', { log: true });

  trace(msg: string, component = 'ext'): void { this.channel.trace(`[${component}] ${msg}`); }
  debug(msg: string, component = 'ext'): void { this.channel.debug(`[${component}] ${msg}`); }
  info(msg: string, component = 'ext'): void { this.channel.info(`[${component}] ${msg}`); }
  warn(msg: string, component = 'ext'): void { this.channel.warn(`[${component}] ${msg}`); }
  error(err: unknown, component = 'ext'): void {
    this.channel.error(`[${component}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
