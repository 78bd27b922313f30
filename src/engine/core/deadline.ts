import { AbortError, NestedDockerError } from './errors';

/**
 * How long one short daemon call (an inspect, a create, a removal, a log tail, a level's listing) may take before
 * the daemon counts as wedged. Generous: a daemon under software emulation, just booted, answers in seconds.
 */
export const CALL_TIMEOUT_MS = 60_000;

/** The caller's cancel signal, also firing after `ms`. */
export function withDeadline(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/**
 * Runs one daemon call under the caller's cancel and a deadline. A missed deadline is an error naming the call and
 * the daemon, never a hang (it settles even where dockerode ignores the signal, as in an image inspect) and never
 * mistaken for the user's cancel (both abort the request alike).
 */
export function answered<T>(
  call: (signal: AbortSignal) => Promise<T>,
  what: { call: string; daemonOf: string; ms?: number; signal?: AbortSignal; hint?: string },
): Promise<T> {
  const ms = what.ms ?? CALL_TIMEOUT_MS;
  return settledWithin(call, ms, what.signal).catch((err: unknown) => {
    if (what.signal?.aborted) throw new AbortError();
    throw (err as { name?: string }).name === 'TimeoutError' ? deadlineMissed(what, ms) : err;
  });
}

function deadlineMissed(what: { call: string; daemonOf: string; hint?: string }, ms: number): NestedDockerError {
  return new NestedDockerError(
    `the daemon of ${what.daemonOf} did not answer ${what.call} within ${Math.round(ms / 1000)} s`,
    what.hint ??
      `it is wedged or starved: check it (\`nested-docker preflight ${what.daemonOf}\`, or Run Preflight on it in the Nested Docker view), then try again`,
    'daemon-hung',
  );
}

/**
 * `call` under a signal that fires after `ms` (or with the caller's), settled by then even where the request does not
 * heed it: Node's http client notices an abort only once its socket has come, and a socket opened over SSH or through
 * an exec may never come. Rejects with the signal's reason (a TimeoutError, or the caller's own).
 */
export function settledWithin<T>(call: (signal: AbortSignal) => Promise<T>, ms: number, caller?: AbortSignal): Promise<T> {
  const signal = withDeadline(caller, ms);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    call(signal)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
