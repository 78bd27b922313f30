import type Dockerode from 'dockerode';
import { errorMessage, statusCode } from '../core/errors';

// What dockerd answers while a removal cannot finish yet: a level's overlay or volume mount it is still unmounting
// under load ("unlinkat …: device or resource busy"), or another remover of the same container got there first.
const NOT_YET = /device or resource busy|removal of container .* is already in progress/i;

export interface RemovalRetry {
  attempts?: number;
  /** The first wait; each later one is longer by as much. */
  delayMs?: number;
}

/**
 * Removes a container (forced, its volumes kept: a level's data outlives it), asking again while dockerd says the
 * removal cannot finish yet, so a collapse or a rollback under load leaves no container behind. Already gone counts
 * as removed.
 */
export async function removeContainer(
  container: Pick<Dockerode.Container, 'remove'>,
  retry: RemovalRetry = {},
  abortSignal?: AbortSignal,
): Promise<void> {
  const { attempts = 4, delayMs = 500 } = retry;
  for (let attempt = 1; ; attempt++) {
    try {
      await container.remove(abortSignal ? ({ force: true, v: false, abortSignal } as never) : { force: true, v: false });
      return;
    } catch (err) {
      if (statusCode(err) === 404) return;
      if (attempt >= attempts || abortSignal?.aborted || !NOT_YET.test(errorMessage(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}
