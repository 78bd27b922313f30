import * as vscode from 'vscode';
import type { LevelNode } from '../../engine';
import type { Services } from '../services';
import { LevelTreeItem, ResourceTreeItem, TreeNode } from '../tree/nodes';
import { levelChoices, levelNamedBy, PickOptions } from './levelChoices';

/** The level a command acts on: the tree row it was invoked on, else a level named by id, else a quick pick. */
export async function resolveLevel(s: Services, arg: unknown, opts: PickOptions): Promise<LevelNode | undefined> {
  if (arg instanceof LevelTreeItem) return arg.level;
  return levelNamedBy(await s.tree.roots(), arg) ?? pickLevel(s, opts);
}

export async function pickLevel(s: Services, opts: PickOptions): Promise<LevelNode | undefined> {
  const offer = levelChoices(await s.tree.roots(), opts);
  if ('nothing' in offer) {
    if (offer.nothing === 'no-daemon') void vscode.window.showErrorMessage(offer.message);
    else void vscode.window.showInformationMessage(offer.message);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(offer.choices, { title: opts.title, placeHolder: 'Choose a level' });
  return picked?.node;
}

/** The container a command was invoked on (a container row), if any. */
export function containerArg(arg: unknown): { host?: string; levelId: string; containerId: string; name: string } | undefined {
  const node = arg as TreeNode | undefined;
  if (node instanceof ResourceTreeItem && node.container) {
    return { host: node.level.level.info.host, levelId: node.level.levelId, containerId: node.container.id, name: node.container.name };
  }
  return undefined;
}
