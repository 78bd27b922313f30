import * as vscode from 'vscode';
import { flatten, LevelNode } from '../../engine';
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
  // Programmatic callers (tests, quick fixes) name a level by id, or by { id, host } where hosts share ids.
  const wanted = typeof arg === 'string' ? { id: arg, host: undefined } : (arg as { id?: string; host?: string } | undefined);
  if (wanted?.id) {
    for (const root of await s.tree.roots()) {
      if (wanted.host && root.info.host !== wanted.host) continue;
      const found = flatten(root).find((n) => n.info.id === wanted.id);
      if (found) return found;
    }
  }
  return pickLevel(s, opts);
}

export async function pickLevel(
  s: Services,
  opts: { title: string; filter?: (n: LevelNode) => boolean; includeHost?: boolean },
): Promise<LevelNode | undefined> {
  const roots = (await s.tree.roots()).filter((r) => r.info.state === 'ready');
  if (roots.length === 0) {
    void vscode.window.showErrorMessage('Nested Docker: no Docker daemon answers. Start Docker, or set "dind.docker.host".');
    return undefined;
  }
  const several = roots.length > 1;
  const candidates = roots.flatMap((r) => flatten(r)).filter((n) => (opts.includeHost !== false || n.info.depth > 0) && (!opts.filter || opts.filter(n)));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Nested Docker: no level to ${opts.title.toLowerCase()}. Nest one first.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((n) => ({
      label: `${'  '.repeat(n.info.depth)}${levelLabel(n.info.depth)}`,
      description: `${several ? `${n.info.host} · ` : ''}${levelDescription(n.info)}`,
      node: n,
    })),
    { title: opts.title, placeHolder: 'Choose a level' },
  );
  return picked?.node;
}

/** The container a command was invoked on (a container row), if any. */
export function containerArg(arg: unknown): { host?: string; levelId: string; containerId: string; name: string } | undefined {
  const node = arg as TreeNode | undefined;
  if (node && node.kind === 'container') {
    return { host: node.parent.level.info.host, levelId: node.parent.id, containerId: node.container.id, name: node.container.name };
  }
  return undefined;
}
