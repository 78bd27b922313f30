import * as vscode from 'vscode';
import { NestedDockerError } from '../../engine';
import type { LevelNode, NestOptions } from '../../engine';
import { readSettings } from '../config';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { toAbortSignal } from '../util/lifecycle';
import { resolveLevel } from './levelPicker';
import { checkNestSettings } from './settingsCheck';
import { showCommandError } from './runCommand';
import { acceptPrivilegedRisk, shouldAskBeforePrivileged } from '../diagnostics/privilegedRisk';

/** Options a quick fix passes when it nests again (see PreflightCodeActions). */
export interface NestRequest {
  parentId: string;
  host?: string;
  overrides?: Partial<NestOptions>;
  /** Asked in a modal before anything is launched (a quick fix says what it will do). */
  confirm?: { message: string; detail?: string };
}

export async function nestLevel(s: Services, arg?: unknown): Promise<void> {
  const request = arg && typeof arg === 'object' && 'parentId' in arg ? (arg as NestRequest) : undefined;
  const parent = await resolveLevel(s, request ? { id: request.parentId, host: request.host } : arg, {
    title: 'Nest One Level',
    filter: (n) => n.info.state === 'ready',
  });
  if (!parent) return;
  const settings = readSettings();
  checkNestSettings(settings, parent.info.depth);
  // The engine holds the one busy flag per parent; asking first spares the user a confirmation that cannot succeed.
  if (s.engines.get(parent.info.host).isNesting(parent.info.id)) {
    showBusy(parent);
    return;
  }
  if (request && !(await confirmRequest(request))) return;
  const mode = request?.overrides?.mode ?? settings.launchMode;
  // A DooD sibling is not privileged (its own modal names the socket's risk); sysbox needs no privilege either.
  if (mode !== 'sysbox' && mode !== 'dood' && !(await confirmPrivileged(s))) return;

  try {
    const level = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Nesting ${levelLabel(parent.info.depth + 1)}`, cancellable: true },
      async (progress, token) => runNest(s, parent, settings, request, progress, token),
    );
    s.tree.refresh();
    await revealLevel(s, level.id, parent.info.host);
  } catch (err) {
    s.tree.refresh();
    if (err instanceof NestedDockerError && err.code === 'busy') {
      showBusy(parent);
      return;
    }
    if (err instanceof NestedDockerError) {
      s.diagnostics.showFailure({ host: parent.info.host, levelId: parent.info.id, depth: parent.info.depth }, err);
      showCommandError('Nest One Level', err, s.log, 'nest', [
        { title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') },
      ]);
      return;
    }
    throw err;
  }
}

function showBusy(parent: LevelNode): void {
  void vscode.window.showInformationMessage(`A level is already being nested on ${levelLabel(parent.info.depth)}.`);
}

async function runNest(
  s: Services,
  parent: LevelNode,
  settings: ReturnType<typeof readSettings>,
  request: NestRequest | undefined,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
) {
  const abort = toAbortSignal(token);
  let reported = 0;
  try {
    return await s.engines.get(parent.info.host).nest({
      parentId: parent.info.id,
      image: settings.image || undefined,
      mode: settings.launchMode,
      daemonArgs: settings.daemonArgs,
      logToFile: settings.daemonLogToFile,
      startTimeoutMs: settings.startTimeoutSeconds * 1000,
      seed: settings.seedImages.length ? settings.seedImages : undefined,
      apparmorProfile: settings.apparmorProfile || undefined,
      ...request?.overrides,
      signal: abort.signal,
      onProgress: (p) => {
        // Seeding is the long part: let the bar follow its bytes (up to 80%), the remaining steps share the rest.
        let increment: number | undefined;
        if (p.step === 'seed' && p.bytes !== undefined && p.totalBytes) {
          const target = Math.min(80, (80 * p.bytes) / p.totalBytes);
          increment = Math.max(0, target - reported);
          reported += increment;
        } else if (p.step === 'wait' || p.step === 'done') {
          increment = Math.max(0, (p.step === 'done' ? 100 : 90) - reported);
          reported += increment;
        }
        progress.report({ message: p.message, increment });
        s.log.info(p.message, 'nest');
      },
    });
  } finally {
    abort.dispose();
  }
}

async function confirmPrivileged(s: Services): Promise<boolean> {
  if (!shouldAskBeforePrivileged(s.context.globalState)) return true;
  const choice = await vscode.window.showWarningMessage(
    'A nested level runs Docker with (almost) every capability of its parent: code inside it can take over the machine it runs on. Continue?',
    { modal: true, detail: 'Use the sysbox launch mode where sysbox-runc is installed to avoid this.' },
    'Nest',
    'Nest, Don\'t Ask Again',
  );
  if (choice === undefined) return false;
  // Accepted once, the risk is not repeated in the Problems panel either.
  await acceptPrivilegedRisk(s.context.globalState, choice === 'Nest, Don\'t Ask Again');
  s.diagnostics.refresh();
  return true;
}

/**
 * Nest DooD Sibling…: a container on the level's daemon with that daemon's socket mounted (docker-outside-of-docker).
 * Ports and folders are asked for, since they are fixed when the container is created; the modal names the risk.
 */
export async function nestDoodSibling(s: Services, arg?: unknown): Promise<void> {
  const parent = await resolveLevel(s, arg, { title: 'Nest DooD Sibling', filter: (n) => n.info.state === 'ready' && !n.info.sharesDaemonOf });
  if (!parent) return;
  const ports = await askList('Ports to publish at the parent (HOST:CONTAINER, comma-separated; empty for none)', '8080:8080', /^((\d{1,3}\.){3}\d{1,3}:)?(\d+:)?\d+(\/(tcp|udp))?$/);
  if (ports === undefined) return;
  const binds = await askList('Folders to mount (SOURCE:TARGET, comma-separated; empty for none)', '/home/me/data:/data', /^[^:]+:\/[^:]*(:(ro|rw))?$/);
  if (binds === undefined) return;
  await nestLevel(s, {
    parentId: parent.info.id,
    host: parent.info.host,
    overrides: { mode: 'dood', doodPorts: ports, doodBinds: binds },
    confirm: {
      message: `Start a DooD sibling on ${parent.info.id}'s daemon?`,
      detail: `It is not nested: it gets ${parent.info.id}'s Docker socket, so code inside it controls that daemon and every container on it. Containers it starts run next to it, on ${parent.info.id}.`,
    },
  } satisfies NestRequest);
}

/** Asks for a comma-separated list, each item checked against its pattern; undefined when cancelled. */
async function askList(prompt: string, example: string, item: RegExp): Promise<string[] | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Nest DooD Sibling',
    prompt,
    placeHolder: `e.g. ${example}`,
    validateInput: (v) => {
      const bad = splitList(v).find((x) => !item.test(x));
      return bad ? `'${bad}' is not of the form ${example}` : undefined;
    },
  });
  return value === undefined ? undefined : splitList(value);
}

function splitList(value: string): string[] {
  return value.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A quick fix says what it will launch, and launches nothing until the user agrees. */
async function confirmRequest(request: NestRequest): Promise<boolean> {
  if (!request.confirm) return true;
  const choice = await vscode.window.showInformationMessage(request.confirm.message, { modal: true, detail: request.confirm.detail }, 'Nest');
  return choice === 'Nest';
}

/**
 * Selects the new level in the tree. The refresh that adds its row runs in the workbench after ours: a reveal that
 * lands before it resolves without selecting anything, so it is repeated until the selection says it took.
 */
async function revealLevel(s: Services, levelId: string, host: string | undefined): Promise<void> {
  for (let attempt = 0; attempt < REVEAL_TRIES; attempt++) {
    if (!s.treeView.visible) return;
    const item = await s.tree.findItem(levelId, host);
    if (item) {
      const err = await s.treeView.reveal(item, { select: true, focus: false, expand: true }).then(() => undefined, (e: unknown) => e);
      if (err) s.log.debug(`reveal of ${levelId} failed: ${String(err)}`, 'nest');
    }
    await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
    if (s.treeView.selection.some((n) => n.kind === 'level' && n.levelId === levelId)) return;
  }
  s.log.warn(`level ${levelId} is ready, but the tree did not select it`, 'nest');
}

const REVEAL_TRIES = 3;
