import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureRelayDir, removeRelayDirIfEmpty } from '../../../src/engine/transport/relayFolder';

describe('relay folder clean-up', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-relay-unit-'));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('removes the product\'s own folder once no socket is left in it', () => {
    const dir = path.join(scratch, 'nested-docker-0');
    ensureRelayDir(dir);
    assert.equal(removeRelayDirIfEmpty(dir), true);
    assert.equal(fs.existsSync(dir), false);
  });
  it('keeps it while anything is in it (another window\'s socket)', () => {
    const dir = path.join(scratch, 'nested-docker-1000');
    ensureRelayDir(dir);
    fs.writeFileSync(path.join(dir, 'l1.sock'), '');
    assert.equal(removeRelayDirIfEmpty(dir), false);
    assert.ok(fs.existsSync(path.join(dir, 'l1.sock')));
  });
  it('never removes a folder the user named (NESTED_DOCKER_RELAY_DIR), nor a missing one', () => {
    const mine = path.join(scratch, 'my-relay');
    ensureRelayDir(mine);
    assert.equal(removeRelayDirIfEmpty(mine), false);
    assert.ok(fs.existsSync(mine));
    assert.equal(removeRelayDirIfEmpty(path.join(scratch, 'nested-docker-5')), false);
    assert.equal(removeRelayDirIfEmpty(undefined), false);
  });
});
