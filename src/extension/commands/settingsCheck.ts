import { isImageRef, MAX_DEPTH, NestedDockerError, printable as shown } from '../../engine';
import type { Settings } from '../config';

const MODES = ['auto', 'privileged', 'capabilities', 'sysbox'];

/**
 * The nest settings checked before a nest starts, each error naming the setting to change (a user of the extension
 * has no CLI flag to fix). Nothing is created when one fails.
 */
export function checkNestSettings(settings: Pick<Settings, 'image' | 'launchMode' | 'daemonArgs' | 'maxDepth' | 'startTimeoutSeconds'>, parentDepth: number): void {
  if (settings.image && !isImageRef(settings.image)) {
    throw new NestedDockerError(
      `the image '${shown(settings.image)}' is not an image reference`,
      'set "dind.levels.image" to an image as Docker names it (e.g. docker:dind), or clear it for the default',
      'bad-image',
    );
  }
  if (!MODES.includes(settings.launchMode)) {
    throw new NestedDockerError(`unknown launch mode '${shown(String(settings.launchMode))}'`, `set "dind.levels.launchMode" to one of ${MODES.join(', ')}`, 'bad-mode');
  }
  if (!Array.isArray(settings.daemonArgs) || settings.daemonArgs.some((a) => typeof a !== 'string' || a === '' || /[\0\r\n]/.test(a))) {
    throw new NestedDockerError(
      'the extra daemon arguments are not a list of single words',
      'make "dind.levels.daemonArgs" a list of strings, one dockerd argument each (e.g. ["--debug", "--mtu=1400"])',
      'bad-daemon-arg',
    );
  }
  if (!(settings.startTimeoutSeconds > 0)) {
    throw new NestedDockerError(`a start timeout of ${settings.startTimeoutSeconds} s cannot work`, 'set "dind.levels.startTimeoutSeconds" to 5 or more', 'bad-timeout');
  }
  const max = Math.min(settings.maxDepth, MAX_DEPTH);
  if (parentDepth + 1 > max) {
    throw new NestedDockerError(
      `nesting below L${parentDepth} would exceed the maximum depth ${max}`,
      settings.maxDepth >= MAX_DEPTH
        ? `nest on a shallower level: ${MAX_DEPTH} is the deepest the engine goes`
        : 'raise the "dind.levels.maxDepth" setting if you really need deeper levels',
      'nesting-depth',
    );
  }
}
