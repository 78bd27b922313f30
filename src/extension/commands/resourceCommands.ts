// Actions on a level's containers, images, volumes and networks (the per-level explorer's rows).
import * as vscode from 'vscode';
import { splitWords } from '../../engine';
import type { ContainerAction, LevelContents, ResourceKind } from '../../engine';
import type { Services } from '../services';
import { levelLabel } from '../tree/contextValues';
import { ResourceTreeItem } from '../tree/nodes';
import { containerNameProblem } from './runRequest';

/** The row a command was invoked on; these commands act on tree rows only (they are hidden from the palette). */
function rowOf(arg: unknown, kind: ResourceKind): ResourceTreeItem {
  if (arg instanceof ResourceTreeItem && arg.kind === kind) return arg;
  throw new Error(`choose a ${kind} in the Levels view (this command acts on a row of a level's ${kind}s)`);
}

async function resourcesOf(s: Services, row: ResourceTreeItem): Promise<LevelContents> {
  const info = row.level.level.info;
  return s.engines.get(info.host).contents(info.id);
}

function where(row: ResourceTreeItem): string {
  const info = row.level.level.info;
  return info.depth === 0 ? 'the host' : `${levelLabel(info.depth)} ${info.id}`;
}

async function confirmRemove(what: string, detail: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(`Remove ${what}?`, { modal: true, detail }, 'Remove')) === 'Remove';
}

export async function containerAction(s: Services, arg: unknown, action: ContainerAction): Promise<void> {
  const row = rowOf(arg, 'container');
  const c = row.container!;
  if (action === 'remove' && !(await confirmRemove(`container ${c.name} from ${where(row)}`, c.state === 'running' ? 'It is running and will be stopped first.' : 'Its anonymous volumes are kept.'))) return;
  const verb = { start: 'Starting', stop: 'Stopping', restart: 'Restarting', remove: 'Removing' }[action];
  await vscode.window.withProgress({ location: { viewId: 'dind.levels' }, title: `${verb} ${c.name}` }, async () => {
    await (await resourcesOf(s, row)).container(action, c.id);
  });
  s.tree.refreshSoon(50);
}

export async function containerLogs(s: Services, arg: unknown): Promise<void> {
  const row = rowOf(arg, 'container');
  await s.containerLogs.show(row.level.level.info.host, await resourcesOf(s, row), row.container!.id, row.container!.name);
}

export async function copyContainerId(arg: unknown): Promise<void> {
  const row = rowOf(arg, 'container');
  await vscode.env.clipboard.writeText(row.container!.id);
  vscode.window.setStatusBarMessage(`Container id ${row.container!.id.slice(0, 12)} copied`, 4000);
}

export async function inspect(s: Services, arg: unknown, kind: ResourceKind): Promise<void> {
  const row = rowOf(arg, kind);
  const id = row.container?.id ?? row.image?.id ?? row.volume?.name ?? row.network!.id;
  const name = row.container?.name ?? row.image?.tags[0] ?? row.volume?.name ?? row.network!.name;
  const data = await (await resourcesOf(s, row)).inspect(kind, id);
  await s.inspectDocs.show(row.level.level.info.host, row.level.levelId, kind, name, data);
}

export async function removeResource(s: Services, arg: unknown, kind: 'image' | 'volume' | 'network'): Promise<void> {
  const row = rowOf(arg, kind);
  const name = row.image?.tags[0] ?? row.image?.id.slice(7, 19) ?? row.volume?.name ?? row.network!.name;
  const detail = kind === 'image' ? 'Containers created from it must be removed first.' : kind === 'volume' ? 'Its data is deleted.' : 'Only a network no container uses can be removed.';
  if (!(await confirmRemove(`${kind} ${name} from ${where(row)}`, detail))) return;
  const resources = await resourcesOf(s, row);
  if (kind === 'image') await resources.removeImage(row.image!.id);
  else if (kind === 'volume') await resources.removeVolume(row.volume!.name);
  else await resources.removeNetwork(row.network!.id);
  s.tree.refreshSoon(50);
}

/** Run…: a detached container from the image, with an optional name and command. */
export async function runImage(s: Services, arg: unknown): Promise<void> {
  const row = rowOf(arg, 'image');
  const image = row.image!.tags[0] ?? row.image!.id;
  const name = await vscode.window.showInputBox({
    title: `Run ${image} on ${where(row)}`,
    prompt: 'Container name (empty: Docker picks one)',
    validateInput: containerNameProblem,
  });
  if (name === undefined) return;
  const cmd = await vscode.window.showInputBox({ title: `Run ${image} on ${where(row)}`, prompt: 'Command (empty: the image\'s default)' });
  if (cmd === undefined) return;
  const id = await (await resourcesOf(s, row)).run(image, { name: name.trim() || undefined, cmd: splitWords(cmd) });
  s.log.info(`started ${id.slice(0, 12)} from ${image} on ${row.level.levelId}`, 'run');
  s.tree.refreshSoon(50);
}
