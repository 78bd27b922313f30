// What the status bar item says, decided without VS Code (unit-tested on builder data).
import { flatten } from '../../engine';
import type { LevelNode } from '../../engine';
import { shortLevelName } from './mapModel';

export interface StatusView {
  text: string;
  tooltip: string;
  /** No level exists yet: a click nests the first one. */
  nestFirst: boolean;
}

/**
 * `roots` undefined: nothing discovered yet (the item is there from the start). `prefer`: the level of the active
 * terminal or the tree's selection; otherwise the deepest ready level.
 */
export function statusOf(roots: readonly LevelNode[] | undefined, prefer?: { id: string; host?: string }): StatusView {
  if (!roots) return { text: '$(layers) Nested Docker', tooltip: 'Nested Docker: open the Levels view to see your levels', nestFirst: false };
  const levels = roots.flatMap((r) => flatten(r)).filter((n) => n.info.depth > 0);
  if (levels.length === 0) {
    const ready = roots.some((r) => r.info.state === 'ready');
    return ready
      ? { text: '$(layers) Host', tooltip: 'Nested Docker: no level yet. Click to nest the first one', nestFirst: true }
      : { text: '$(layers) No daemon', tooltip: 'Nested Docker: no Docker daemon answers. Start Docker, or set "dind.docker.host"', nestFirst: false };
  }
  const chosen =
    levels.find((l) => l.info.id === prefer?.id && (!prefer.host || l.info.host === prefer.host)) ??
    [...levels].filter((l) => l.info.state === 'ready').sort((a, b) => b.info.depth - a.info.depth)[0] ??
    levels[0];
  const i = chosen.info;
  return {
    text: `$(layers) ${shortLevelName(i)}`,
    tooltip: `Nested Docker: ${shortLevelName(i)} is ${i.state}${i.dockerHost ? `\nDOCKER_HOST=${i.dockerHost}` : ''}\nClick to go to a level`,
    nestFirst: false,
  };
}
