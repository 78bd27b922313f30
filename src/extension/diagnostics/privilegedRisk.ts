import type * as vscode from 'vscode';
import { readSettings } from '../config';

/** Set once the user went past the privileged-launch warning (either button), or turned the warning off. */
const ACCEPTED = 'dind.privilegedRiskAccepted';
/** "Nest, Don't Ask Again": the warning itself is not shown again. */
const DONT_ASK = 'dind.privilegedAcknowledged';

/** Whether the user has accepted that levels can take over their host: then the Problems panel stops repeating it. */
export function privilegedRiskAccepted(state: vscode.Memento): boolean {
  return !readSettings().confirmPrivileged || !!state.get<boolean>(ACCEPTED) || !!state.get<boolean>(DONT_ASK);
}

export function shouldAskBeforePrivileged(state: vscode.Memento): boolean {
  return readSettings().confirmPrivileged && !state.get<boolean>(DONT_ASK);
}

export async function acceptPrivilegedRisk(state: vscode.Memento, dontAskAgain: boolean): Promise<void> {
  await state.update(ACCEPTED, true);
  if (dontAskAgain) await state.update(DONT_ASK, true);
}
