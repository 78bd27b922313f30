import * as vscode from 'vscode';
import type { Services } from '../services';
import { LevelTreeItem } from '../tree/nodes';

/** Adds a Docker host (ssh://, tcp://, unix://) as a new root of the tree; the CLI's `hosts add` writes the same list. */
export async function addHost(s: Services): Promise<void> {
  const url = await vscode.window.showInputBox({
    title: 'Add Docker Host (1/2)',
    prompt: 'Address of the Docker daemon',
    placeHolder: 'ssh://user@build-server  ·  tcp://10.0.0.5:2376  ·  unix:///run/user/1000/docker.sock',
    ignoreFocusOut: true,
    validateInput: (v) => (/^(ssh|tcp|https?|unix):\/\/\S+$/.test(v.trim()) ? undefined : 'use ssh://USER@HOST[:PORT], tcp://HOST:PORT or unix:///PATH'),
  });
  if (!url) return;
  const suggested = /^\w+:\/\/(?:[^@/]*@)?([^:/]+)/.exec(url.trim())?.[1]?.replace(/[^\w.-]/g, '-') ?? 'remote';
  const name = await vscode.window.showInputBox({
    title: 'Add Docker Host (2/2)',
    prompt: 'Name shown in the tree (letters, digits, dot, dash, underscore)',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\w.-]+$/.test(v) ? undefined : 'letters, digits, dot, dash and underscore only'),
  });
  if (!name) return;
  await s.engines.addHost(name, url.trim());
  s.tree.refresh();
}

/** Removes a host the user added (its levels keep running there; only the tree forgets the host). */
export async function removeHost(s: Services, arg?: unknown): Promise<void> {
  const added = s.engines.hosts().filter((h) => h.source === 'added');
  let name = arg instanceof LevelTreeItem ? arg.level.info.host : undefined;
  if (!name) {
    if (added.length === 0) {
      void vscode.window.showInformationMessage('Nested Docker: there are no added hosts to remove.');
      return;
    }
    name = (await vscode.window.showQuickPick(added.map((h) => ({ label: h.name, description: h.url })), { title: 'Remove Docker Host' }))?.label;
  }
  if (!name || !added.some((h) => h.name === name)) return;
  const ok = await vscode.window.showWarningMessage(
    `Remove host ${name} from the tree?`,
    { modal: true, detail: 'Levels on it keep running; add the host again to see them.' },
    'Remove Host',
  );
  if (ok !== 'Remove Host') return;
  await s.engines.removeHost(name);
  s.tree.refresh();
}
