import * as vscode from 'vscode';
import { errorMessage, isAbortError, NestedDockerError } from '../../engine';
import type { Logger } from '../logger';

/** A button on an error notification besides "Show Log". */
export interface ErrorAction {
  title: string;
  run(): unknown;
}

/**
 * Logs a command's failure, then shows it with its fix. The notification is not awaited: until the user
 * dismisses it, nothing the command holds (a busy flag, a progress bar) may wait on it.
 */
export function showCommandError(title: string, err: unknown, log: Logger, component: string, actions: ErrorAction[] = []): void {
  log.error(err, component);
  const hint = err instanceof NestedDockerError && err.hint ? ` Fix: ${err.hint}` : '';
  const buttons = [...actions, { title: 'Show Log', run: () => log.show() }];
  void vscode.window.showErrorMessage(`${title} failed: ${errorMessage(err)}${hint}`, ...buttons.map((b) => b.title)).then((choice) => {
    void buttons.find((b) => b.title === choice)?.run();
  });
}

/** Every command goes through here: cancellation is silent, failures are logged and shown with what to do. */
export function registerCommand(
  id: string,
  title: string,
  handler: (...args: unknown[]) => Promise<unknown> | unknown,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (isAbortError(err) || err instanceof vscode.CancellationError) return undefined;
      showCommandError(title, err, log, id);
      return undefined;
    }
  });
}
