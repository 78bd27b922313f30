// Why a level is down, in words: from its container's state on the parent daemon.

/** The part of `docker inspect`'s State that says how a container ended. */
export interface EndedState {
  /** 'created' for a container that never started. */
  Status?: string;
  ExitCode?: number;
  OOMKilled?: boolean;
  Error?: string;
  FinishedAt?: string;
}

/** Go's zero time, which Docker reports for a container that never finished (or whose end it could not record). */
const ZERO_TIME = /^0001-01-01/;

export function finishedAt(state: EndedState): string | undefined {
  return state.FinishedAt && !ZERO_TIME.test(state.FinishedAt) ? state.FinishedAt : undefined;
}

/** The words for a level container created and never started (a nest or a restart cut off before the start). */
export const NEVER_STARTED = 'never started: created, then cut off before its start';

export function stopReason(state: EndedState): string {
  if (state.Status === 'created') return NEVER_STARTED;
  if (state.OOMKilled) return `out of memory (OOM-killed, exit ${state.ExitCode ?? '?'})`;
  const code = state.ExitCode ?? 0;
  const meaning: Record<number, string> = {
    0: 'stopped cleanly',
    1: 'its daemon failed',
    137: 'killed',
    143: 'terminated',
    255: 'lost when its parent daemon went down',
  };
  const why = meaning[code] ?? (code > 128 ? `signal ${code - 128}` : 'its daemon exited');
  return `exit ${code} (${why})${state.Error ? `: ${state.Error}` : ''}`;
}

/**
 * Whether a child level was running when its parent went down, so starting the parent starts it again: it ended with
 * the parent (within `windowMs` before the parent stopped, or after), or its end was never recorded. A child stopped
 * on purpose long before stays stopped.
 */
export function endedWithParent(child: EndedState, parentFinishedAt: string | undefined, windowMs = 120_000): boolean {
  const childEnd = finishedAt(child);
  if (!childEnd || !parentFinishedAt) return true;
  return Date.parse(childEnd) >= Date.parse(parentFinishedAt) - windowMs;
}
