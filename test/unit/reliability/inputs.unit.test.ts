// Bad input through the extension's settings (vscode-free checks) and the engine's own checks over the fake
// daemon: each error names the problem and the setting (or option) that fixes it, and nothing is created.
import * as assert from 'assert/strict';
import { NestedDockerError } from '../../../src/engine/core/errors';
import { checkNestOptions, isImageRef } from '../../../src/engine/launch/nestInputs';
import { MAX_DEPTH } from '../../../src/engine/launch/nestInputs';
import { checkNestSettings } from '../../../src/extension/commands/settingsCheck';
import { record, resetRecord } from '../../reliability/record';

const FILE = 'inputs-extension';
const GOOD = { image: '', launchMode: 'auto' as const, daemonArgs: [] as string[], maxDepth: 3, startTimeoutSeconds: 60 };

function expectError(name: string, surface: string, run: () => void, problem: RegExp, fix: RegExp): void {
  let err: NestedDockerError | undefined;
  try {
    run();
  } catch (e) {
    err = e as NestedDockerError;
  }
  const pass = !!err && problem.test(err.message) && fix.test(err.hint ?? '');
  record(FILE, { suite: 'inputs', surface, name, result: err ? `${err.message} (fix: ${err.hint})` : 'accepted', pass });
  assert.ok(err, `${name}: rejected`);
  assert.match(err.message, problem);
  assert.match(err.hint ?? '', fix);
}

describe('bad input: extension settings and engine checks', () => {
  before(() => resetRecord(FILE));

  const settingCases: [string, Record<string, unknown>, number, RegExp, RegExp][] = [
    ['image setting with shell metacharacters', { image: 'docker:dind;rm -rf ~' }, 0, /is not an image reference/, /"dind\.levels\.image"/],
    ['image setting with a command substitution', { image: '$(curl evil)' }, 0, /is not an image reference/, /"dind\.levels\.image"/],
    ['image setting with a newline', { image: 'docker:dind\nx' }, 0, /'docker:dind\\x0ax' is not an image reference/, /"dind\.levels\.image"/],
    ['unknown launch mode setting', { launchMode: 'fast' }, 0, /unknown launch mode 'fast'/, /"dind\.levels\.launchMode"/],
    ['daemon args setting not a list', { daemonArgs: '--debug' }, 0, /not a list of single words/, /"dind\.levels\.daemonArgs"/],
    ['daemon args setting with a line break', { daemonArgs: ['--debug\n--x'] }, 0, /not a list of single words/, /"dind\.levels\.daemonArgs"/],
    ['start timeout setting of 0', { startTimeoutSeconds: 0 }, 0, /start timeout of 0 s/, /"dind\.levels\.startTimeoutSeconds"/],
    ['depth beyond the maximum setting', { maxDepth: 3 }, 3, /exceed the maximum depth 3/, /raise the "dind\.levels\.maxDepth" setting/],
    ['depth beyond what the engine nests', { maxDepth: 99 }, MAX_DEPTH, /exceed the maximum depth 8/, /8 is the deepest/],
  ];
  for (const [name, over, depth, problem, fix] of settingCases) {
    it(name, () => expectError(name, 'extension', () => checkNestSettings({ ...GOOD, ...over } as never, depth), problem, fix));
  }

  it('good settings pass, and common image references are accepted', () => {
    assert.doesNotThrow(() => checkNestSettings({ ...GOOD, image: 'nested-docker/dind:local', daemonArgs: ['--debug', '--mtu=1400'] }, 0));
    for (const ref of ['docker:dind', 'docker:27-dind', 'registry.example:5000/team/dind:27', 'localhost:5000/dind', `docker@sha256:${'a'.repeat(64)}`]) {
      assert.ok(isImageRef(ref), ref);
    }
    for (const ref of ['docker dind', 'a|b', '`x`', 'x>y', '', '-docker']) assert.ok(!isImageRef(ref), ref);
  });

  it('engine: depth beyond its maximum', () =>
    expectError('engine: nest below the deepest level', 'engine', () => checkNestOptions({}, MAX_DEPTH), /deeper than 8/, /shallower level/));
});
