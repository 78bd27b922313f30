import type { Duplex } from 'stream';
import { CALL_TIMEOUT_MS } from '../core/deadline';
import { NestedDockerError } from '../core/errors';

type Callback = (err: Error | null, socket?: Duplex) => void;

/**
 * An http.Agent's `createConnection` over an opener that may never answer (an SSH channel request, an exec through a
 * parent daemon): Node's http client waits for the socket without limit and notices a request's abort only once it
 * has come, so one unanswered open would hold its command forever. `ready` (an SSH handshake, which may wait on the
 * user's answer to a prompt) is not timed; the open after it is, and a socket that comes too late is destroyed.
 */
export function connectionOpener(
  open: () => Promise<Duplex>,
  what: string,
  ready: () => Promise<unknown> = () => Promise.resolve(),
  ms = CALL_TIMEOUT_MS,
): (options: unknown, cb: Callback) => undefined {
  return (_options, cb) => {
    ready().then(() => openWithin(open, what, ms)).then((s) => cb(null, s), (err: Error) => cb(err));
    return undefined;
  };
}

export function openWithin(open: () => Promise<Duplex>, what: string, ms: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new NestedDockerError(
        `${what} did not open within ${Math.round(ms / 1000)} s`,
        'the daemon or the SSH server there is wedged or starved: check it, then try again',
        'daemon-hung',
      ));
    }, ms);
    open().then(
      (socket) => {
        clearTimeout(timer);
        if (late) socket.destroy();
        else resolve(socket);
      },
      (err: Error) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
