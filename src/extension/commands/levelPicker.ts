import * as vscode from 'vscode';
import { flatten, LevelNode } from '../../engine/levelNode';
import type { Services } from '../services';
import { levelDescription, levelLabel } from '../tree/contextValues';
import { LevelTreeItem, TreeNode } from '../tree/nodes';

/** The level a command acts on: the tree row it was invoked on, else the tree selection, else a quick pick. */
export async function resolveLevel(
  s: Services,
  arg: unknown,
  opts: { title: string; filter?: (n: LevelNode) => boolean; includeHost?: boolean },
): Promise<LevelNode | undefined> {
  if (arg instanceof LevelTreeItem) return arg.level;
  if (typeof arg === 'string') {
    const root = await s.tree.current();
    const found = root && flatten(root).find((n) => n.info.id === arg);
    if (found) return found;
  }
  return pickLevel(s, opts);
}

export async function pickLevel(
  s: Services,
  opts: { title: string; filter?: (n: LevelNode) => boolean; includeHost?: boolean },
): Promise<LevelNode | undefined> {
  const root = await s.tree.current();
  if (!root || root.info.state !== 'ready') {
    void vscode.window.showErrorMessage('Nested Docker: the Docker daemon does not answer. Start Docker, or set "dind.docker.host".');
    return undefined;
  }
  const candidates = flatten(root).filter((n) => (opts.includeHost !== false || n.info.depth > 0) && (!opts.filter || opts.filter(n)));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Nested Docker: no level to ${opts.title.toLowerCase()}. Nest one first.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((n) => ({
      label: `${'  '.repeat(n.info.depth)}${levelLabel(n.info.depth)}`,
      description: levelDescription(n.info),
      node: n,
    })),
    { title: opts.title, placeHolder: 'Choose a level' },
  );
  return picked?.node;
}

/** The container a command was invoked on (a container row), if any. */
export function containerArg(arg: unknown): { levelId: string; containerId: string; name: string } | undefined {
  const node = arg as TreeNode | undefined;
  if (node && node.kind === 'container') {
    return { levelId: node.parent.id, containerId: node.container.id, name: node.container.name };
  }
  return undefined;
}
