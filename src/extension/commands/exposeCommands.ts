// Expose Daemon over TLS… and Unexpose Daemon: a level's daemon published on this machine on request only, never
// as a plain TCP listener (the engine's expose.ts); here the choice of address, the risk named, and the errors
// phrased for the UI.
import * as vscode from 'vscode';
import { checkExposeRequest, NestedDockerError } from '../../engine';
import type { Exposure, LevelNode } from '../../engine';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { notExposableReason } from './levelChoices';
import { resolveLevel } from './levelPicker';

const LOOPBACK = '127.0.0.1';

export async function exposeDaemon(s: Services, arg: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, {
    title: 'Expose Daemon over TLS',
    includeHost: false,
    filter: (n) => n.info.state === 'ready' && notExposableReason(n) === undefined,
  });
  if (!level) return;
  const reason = notExposableReason(level);
  if (reason) {
    void vscode.window.showInformationMessage(reason);
    return;
  }
  const address = await chooseAddress();
  if (address === undefined) return;
  const warning = checkExposeRequest(address, undefined);
  const go = await vscode.window.showWarningMessage(
    `Expose the daemon of ${level.info.id} on ${address} over TLS?`,
    {
      modal: true,
      detail: `${warning ? `Warning: ${warning}\n\n` : ''}The level's container is recreated on its kept data volume with TLS on: containers running inside it stop (its images, volumes and stopped containers are kept).`,
    },
    'Expose',
  );
  if (go !== 'Expose') return;
  const exposure = await withLevelProgress(s, level, `Exposing ${level.info.id}`, (onProgress) =>
    s.engines.get(level.info.host).expose(level.info.id, { address, onProgress }),
  ).catch((err: unknown) => {
    // The engine's hint names CLI flags; in VS Code the fix is where the level lives.
    if (err instanceof NestedDockerError && err.code === 'not-exposable') {
      throw new NestedDockerError(err.message, 'only levels nested directly on this machine\'s Docker daemon (L1 of the local host) can publish a port here', err.code);
    }
    throw err;
  });
  await showExposure(exposure);
}

export async function unexposeDaemon(s: Services, arg: unknown): Promise<void> {
  const level = await resolveLevel(s, arg, { title: 'Unexpose Daemon', includeHost: false, filter: (n) => !!n.info.exposed });
  if (!level) return;
  const closed = await withLevelProgress(s, level, `Unexposing ${level.info.id}`, (onProgress) =>
    s.engines.get(level.info.host).unexpose(level.info.id, { onProgress }),
  );
  void vscode.window.showInformationMessage(
    closed ? `${level.info.id}: the TLS listener is closed; its certificates and Docker context are removed.` : `${level.info.id} was not exposed.`,
  );
}

async function chooseAddress(): Promise<string | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: LOOPBACK, description: 'this machine only (recommended)' },
      { label: 'Another address…', description: 'reachable from other machines: you will be told the risk' },
    ],
    { title: 'Expose Daemon over TLS: where to listen' },
  );
  if (!choice) return undefined;
  if (choice.label === LOOPBACK) return LOOPBACK;
  return vscode.window.showInputBox({
    title: 'Expose Daemon over TLS: address to listen on',
    prompt: 'An IPv4 or IPv6 address of this machine (0.0.0.0 listens on every network)',
    validateInput: (value) => {
      try {
        checkExposeRequest(value.trim(), undefined);
        return undefined;
      } catch (err) {
        return err instanceof NestedDockerError ? `${err.message}: give an address such as 127.0.0.1` : String(err);
      }
    },
  }).then((v) => v?.trim());
}

async function withLevelProgress<T>(s: Services, level: LevelNode, title: string, work: (onProgress: (m: string) => void) => Promise<T>): Promise<T> {
  try {
    // Not cancellable: a level half-way through its restart with or without TLS would be worse than waiting.
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title} (${levelLabel(level.info.depth)})` }, (progress) =>
      work((message) => {
        progress.report({ message });
        s.log.info(message, 'expose');
      }),
    );
  } finally {
    s.tree.refresh();
  }
}

async function showExposure(e: Exposure): Promise<void> {
  const copy = 'Copy docker --context Command';
  const choice = await vscode.window.showInformationMessage(
    `${e.levelId}'s daemon answers on ${e.url} (TLS, client certificate required). Docker context: ${e.context}.${e.warning ? ` ${e.warning}` : ''}`,
    copy,
  );
  if (choice === copy) await vscode.env.clipboard.writeText(`docker --context ${e.context} info`);
}
