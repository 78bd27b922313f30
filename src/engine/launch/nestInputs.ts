// What a nest is asked for, checked before anything is created: a bad value fails with what is wrong and how to fix
// it, and leaves nothing behind. Values are passed to Docker as arrays, never through a shell; these checks are for
// clear errors, not for escaping.
import { NestedDockerError, printable } from '../core/errors';
import { LaunchMode, NestOptions } from '../core/types';

/** The deepest level the engine nests (the VS Code setting "dind.levels.maxDepth" caps it lower, at 3 by default). */
export const MAX_DEPTH = 8;

const MODES: LaunchMode[] = ['auto', 'privileged', 'capabilities', 'sysbox', 'dood'];

/** An image reference as Docker reads it: [registry[:port]/]path[:tag][@sha256:digest], no spaces or shell characters. */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*(?::[0-9]+)?(?:\/[a-z0-9][a-z0-9._-]*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function isImageRef(image: string): boolean {
  return image.length <= 255 && IMAGE_REF.test(image);
}

function checkImageRef(image: string): void {
  if (!isImageRef(image)) {
    throw new NestedDockerError(
      `invalid image reference '${printable(image)}'`,
      'give an image as Docker names it, e.g. docker:dind or registry.example:5000/team/dind:27 (no spaces or shell characters)',
      'bad-image',
    );
  }
}

export function checkNestOptions(opts: NestOptions, parentDepth: number): void {
  if (opts.mode !== undefined && !MODES.includes(opts.mode)) {
    throw new NestedDockerError(`unknown launch mode '${printable(String(opts.mode))}'`, `use one of ${MODES.join(', ')}`, 'bad-mode');
  }
  if (opts.image) checkImageRef(opts.image);
  for (const arg of opts.daemonArgs ?? []) {
    if (typeof arg !== 'string' || arg === '' || /[\0\r\n]/.test(arg)) {
      throw new NestedDockerError(
        `invalid daemon argument ${JSON.stringify(arg)}: empty, or with a line break or NUL`,
        'give each dockerd argument as one word, e.g. --debug or --mtu=1400',
        'bad-daemon-arg',
      );
    }
  }
  if (opts.apparmorProfile !== undefined) checkApparmorProfile(opts);
  if (opts.startTimeoutMs !== undefined && !(Number.isFinite(opts.startTimeoutMs) && opts.startTimeoutMs > 0)) {
    throw new NestedDockerError(`invalid start timeout ${opts.startTimeoutMs} ms`, 'give a positive number of seconds', 'bad-timeout');
  }
  if (parentDepth + 1 > MAX_DEPTH) {
    throw new NestedDockerError(
      `a level below depth ${parentDepth} would be deeper than ${MAX_DEPTH}, the most the engine nests`,
      'nest on a shallower level; each level costs memory and start time',
      'nesting-depth',
    );
  }
}

/** An AppArmor profile name as `apparmor_parser` names profiles (no spaces, quotes or shell characters). */
const APPARMOR_PROFILE = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/;

function checkApparmorProfile(opts: NestOptions): void {
  const name = opts.apparmorProfile!;
  if (!APPARMOR_PROFILE.test(name)) {
    throw new NestedDockerError(
      `invalid AppArmor profile name '${printable(name)}'`,
      'give the name of a profile loaded on the parent level\'s host, e.g. docker-default (`aa-status` lists them)',
      'bad-apparmor-profile',
    );
  }
  if (opts.apparmorUnconfined && name !== 'unconfined') {
    throw new NestedDockerError(
      `AppArmor unconfined and profile '${name}' were both asked for`,
      'choose one: unconfined (the default for privileged levels), or a named profile',
      'bad-apparmor-profile',
    );
  }
}
