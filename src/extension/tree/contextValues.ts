import type { LevelInfo } from '../../engine';

/**
 * contextValue grammar matched by package.json menus: `level:<state>:<root|nested>[:nestable][:exposable|:exposed]`
 * for levels (exposable: an L1 with its own daemon that is not published yet; Expose checks the rest),
 * `container:<state>` for containers. Built only here so menus and code agree.
 */
export function levelContextValue(level: LevelInfo, maxDepth: number): string {
  // A DooD level is a sibling on its parent's daemon: removable like a nested level, never a place to nest.
  if (level.sharesDaemonOf) return `level:${level.state}:nested:dood`;
  const place = level.depth === 0 ? 'root' : 'nested';
  const nestable = level.state === 'ready' && level.depth < maxDepth ? ':nestable' : '';
  // A level remembered under a stopped parent is 'parent-down': not matched by the `level:\w+:nested` menus
  // (Collapse, Show Daemon Log), since nothing of it can be reached until its parent starts.
  const state = level.remembered ? 'parent-down' : level.state;
  const exposure = level.exposed ? ':exposed' : level.depth === 1 && level.state === 'ready' ? ':exposable' : '';
  return `level:${state}:${place}${nestable}${exposure}`;
}

export function containerContextValue(state: string): string {
  return `container:${state === 'running' ? 'running' : 'stopped'}`;
}

/** Host → Inner (L1) → Inner-inner (L2) → … */
export function levelLabel(depth: number): string {
  if (depth === 0) return 'Host';
  if (depth <= 3) return `${['Inner', 'Inner-inner', 'Inner-inner-inner'][depth - 1]} (L${depth})`;
  return `Inner×${depth} (L${depth})`;
}

/** "14:03:22" today, else the date too. */
function when(iso: string, now = new Date()): string {
  const t = new Date(iso);
  return t.toDateString() === now.toDateString() ? t.toLocaleTimeString() : t.toLocaleString();
}

export function levelDescription(level: LevelInfo): string {
  if (level.remembered) return `${level.id} · unreachable (${level.error})`;
  if (level.state === 'data-only') return `${level.id} · data only · ${level.volume ?? ''}`;
  if (level.state === 'stopped' && level.stopReason) {
    return `${level.id} · stopped${level.stoppedAt ? ` ${when(level.stoppedAt)}` : ''} · ${level.stopReason}`;
  }
  const parts = [level.depth === 0 ? undefined : level.id, level.state];
  if (level.depth > 0) parts.push(level.mode, level.transport ?? undefined);
  if (level.version) parts.push(`v${level.version}`);
  if (level.storageDriver) parts.push(level.storageDriver);
  if (level.cgroupVersion) parts.push(`cgroup v${level.cgroupVersion}`);
  return parts.filter(Boolean).join(' · ');
}
