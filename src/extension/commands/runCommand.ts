import * as vscode from 'vscode';
import { errorMessage, isAbortError, NestedDockerError } from '../../engine';
import type { Logger } from '../logger';

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
      log.error(err, id);
      const hint = err instanceof NestedDockerError && err.hint ? ` Fix: ${err.hint}` : '';
      void vscode.window.showErrorMessage(`${title} failed: ${errorMessage(err)}${hint}`, 'Show Log').then((choice) => {
        if (choice === 'Show Log') log.show();
      });
      return undefined;
    }
  });
}
