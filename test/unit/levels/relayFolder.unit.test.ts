import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultRelayDir, ensureRelayDir, removeRelayDirIfEmpty } from '../../../src/engine/transport/relayFolder';

describe('relay folder clean-up', () => {
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-relay-unit-'));
    // The default folder lives in the runtime folder when there is one.
    env = { XDG_RUNTIME_DIR: scratch };
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('removes the product\'s default folder once nothing is left in it', () => {
    const dir = defaultRelayDir(env);
    ensureRelayDir(dir);
    assert.equal(removeRelayDirIfEmpty(dir, env), true);
    assert.equal(fs.existsSync(dir), false);
  });
  it('keeps it while anything is in it (another window\'s socket)', () => {
    const dir = defaultRelayDir(env);
    ensureRelayDir(dir);
    fs.writeFileSync(path.join(dir, 'l1.sock'), '');
    assert.equal(removeRelayDirIfEmpty(dir, env), false);
    assert.ok(fs.existsSync(path.join(dir, 'l1.sock')));
  });
  it('never removes a folder the user named (NESTED_DOCKER_RELAY_DIR), whatever its name, nor a missing one', () => {
    const named = { ...env, NESTED_DOCKER_RELAY_DIR: path.join(scratch, 'elsewhere', path.basename(defaultRelayDir(env))) };
    const mine = defaultRelayDir(named);
    ensureRelayDir(mine);
    assert.equal(removeRelayDirIfEmpty(mine, named), false);
    assert.ok(fs.existsSync(mine));
    assert.equal(removeRelayDirIfEmpty(defaultRelayDir(env), env), false);
    assert.equal(removeRelayDirIfEmpty(undefined, env), false);
  });
});
