import * as vscode from 'vscode';
import type { ExecSession } from '../../engine';
import { Disposable } from '../util/lifecycle';

export type SessionFactory = (size: { cols: number; rows: number } | undefined) => Promise<ExecSession>;

/** A VS Code terminal over an exec session at any depth: TTY, resize, UTF-8 safe, closes with the exit code. */
export class ExecPseudoterminal extends Disposable implements vscode.Pseudoterminal {
  private readonly writeEmitter = this._register(new vscode.EventEmitter<string>());
  private readonly closeEmitter = this._register(new vscode.EventEmitter<number | void>());
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session: ExecSession | undefined;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly start: SessionFactory, private readonly title: string) {
    super();
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    // VS Code does not await open(): run() reports every failure in the terminal itself, so nothing is left floating.
    void this.run(dimensions);
  }

  private async run(dimensions: vscode.TerminalDimensions | undefined): Promise<void> {
    try {
      const session = await this.start(dimensions ? { cols: dimensions.columns, rows: dimensions.rows } : undefined);
      // The terminal may have been closed while the session was being set up (a deep tunnel takes a while).
      if (this.isDisposed) {
        session.close();
        return;
      }
      this.session = session;
      this.session.stdout.on('data', (chunk: Buffer) => this.writeEmitter.fire(this.decoder.decode(chunk, { stream: true })));
      this.session.stderr.on('data', (chunk: Buffer) => this.writeEmitter.fire(chunk.toString('utf8').replace(/\r?\n/g, '\r\n')));
      const code = await this.session.wait();
      this.writeEmitter.fire(`\r\n[${this.title}: process exited with code ${code}]\r\n`);
      this.closeEmitter.fire(code);
    } catch (err) {
      this.writeEmitter.fire(`\x1b[31m${this.title}: ${err instanceof Error ? err.message : String(err)}\x1b[0m\r\n`);
      this.closeEmitter.fire(1);
    }
  }

  handleInput(data: string): void {
    this.session?.input.write(data);
  }

  setDimensions(d: vscode.TerminalDimensions): void {
    this.session?.resize(d.columns, d.rows).catch(() => undefined);
  }

  close(): void {
    this.session?.close();
    this.dispose();
  }
}
