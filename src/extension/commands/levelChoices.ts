// What a level picker offers, decided without VS Code (unit-tested on builder data in test/unit/extension/).
import { flatten } from '../../engine';
import type { LevelNode } from '../../engine';
import { levelDescription, levelLabel } from '../tree/contextValues';

export interface PickOptions {
  title: string;
  filter?: (n: LevelNode) => boolean;
  includeHost?: boolean;
}

export interface LevelChoice {
  label: string;
  description: string;
  node: LevelNode;
}

/** The choices, indented by depth and named by host when there are several; or why there is nothing to choose. */
export function levelChoices(roots: readonly LevelNode[], opts: PickOptions): { choices: LevelChoice[] } | { nothing: 'no-daemon' | 'no-level'; message: string } {
  const ready = roots.filter((r) => r.info.state === 'ready');
  if (ready.length === 0) {
    return { nothing: 'no-daemon', message: 'Nested Docker: no Docker daemon answers. Start Docker, or set "dind.docker.host".' };
  }
  const several = ready.length > 1;
  const candidates = ready.flatMap((r) => flatten(r)).filter((n) => (opts.includeHost !== false || n.info.depth > 0) && (!opts.filter || opts.filter(n)));
  if (candidates.length === 0) {
    return { nothing: 'no-level', message: `Nested Docker: no level to ${opts.title.toLowerCase()}. Nest one first.` };
  }
  return {
    choices: candidates.map((n) => ({
      label: `${'  '.repeat(n.info.depth)}${levelLabel(n.info.depth)}`,
      description: `${several ? `${n.info.host} · ` : ''}${levelDescription(n.info)}`,
      node: n,
    })),
  };
}

/** A level named by a programmatic caller (tests, quick fixes): an id, or { id, host } where hosts share ids. */
export function levelNamedBy(roots: readonly LevelNode[], arg: unknown): LevelNode | undefined {
  const wanted = typeof arg === 'string' ? { id: arg, host: undefined } : (arg as { id?: string; host?: string } | undefined);
  if (!wanted?.id) return undefined;
  for (const root of roots) {
    if (wanted.host && root.info.host !== wanted.host) continue;
    const found = flatten(root).find((n) => n.info.id === wanted.id);
    if (found) return found;
  }
  return undefined;
}

/** Where an image on `source` can be copied: every other ready level of the same host. */
export function copyTargets(source: LevelNode): (n: LevelNode) => boolean {
  return (n) => n.info.state === 'ready' && n.info.host === source.info.host && n !== source && !(n.info.id === source.info.id && n.info.depth === source.info.depth);
}

/** The images of a level a picker offers (tagged ones by tag, others by short id). */
export function imageChoices(source: LevelNode): { label: string; description: string; ref: string }[] {
  return (source.info.images ?? []).map((i) => ({
    label: i.tags[0] ?? `<none> ${i.id.replace(/^sha256:/, '').slice(0, 12)}`,
    description: `${(i.size / 1e6).toFixed(1)} MB${i.tags.length > 1 ? ` · also ${i.tags.slice(1).join(', ')}` : ''}`,
    ref: i.tags[0] ?? i.id,
  }));
}

/** Why a level cannot be exposed from the tree, phrased with the buttons that help; undefined when it can. */
export function notExposableReason(level: LevelNode): string | undefined {
  const { info } = level;
  if (info.sharesDaemonOf) return `${info.id} is a DooD level: it uses ${info.parentId}'s daemon and has none of its own to expose.`;
  if (info.exposed) return `${info.id} is already exposed on ${info.exposed.address}:${info.exposed.port}: use Unexpose Daemon first.`;
  if (info.depth !== 1) return `Only levels nested directly on the host (L1) can publish a port here; ${info.id} is L${info.depth}.`;
  if (level.children.length > 0) {
    return `${info.id} has nested levels (${level.children.map((c) => c.info.id).join(', ')}) that the restart of its daemon would stop: remove them first (Remove Level…), or expose a level before nesting in it.`;
  }
  return undefined;
}
