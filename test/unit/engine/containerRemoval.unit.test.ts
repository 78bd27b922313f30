// Removing a level's container while dockerd still unmounts it (seen under load: "device or resource busy").
import * as assert from 'assert/strict';
import { removeContainer } from '../../../src/engine/transport/containerRemoval';

/** A container whose remove() answers with these errors in turn, then succeeds. */
function container(...answers: (Error & { statusCode?: number })[]) {
  const calls: unknown[] = [];
  return {
    calls,
    remove: async (opts: unknown) => {
      calls.push(opts);
      const next = answers.shift();
      if (next) throw next;
    },
  };
}

const dockerError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });
const BUSY = dockerError(500, '(HTTP code 500) server error - container abc: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/x/merged: device or resource busy');
const FAST = { delayMs: 1 };

describe('removeContainer', () => {
  it('asks again while dockerd says the mount is busy, forced and keeping volumes', async () => {
    const c = container(BUSY, BUSY);
    await removeContainer(c as never, FAST);
    assert.equal(c.calls.length, 3);
    assert.deepEqual(c.calls[0], { force: true, v: false });
  });

  it('counts a container already gone (or removed by the other remover meanwhile) as removed', async () => {
    const c = container(dockerError(409, 'removal of container abc is already in progress'), dockerError(404, 'no such container'));
    await removeContainer(c as never, FAST);
    assert.equal(c.calls.length, 2);
  });

  it('gives up after the last attempt with dockerd\'s own error', async () => {
    const c = container(BUSY, BUSY, BUSY);
    await assert.rejects(removeContainer(c as never, { attempts: 3, delayMs: 1 }), /device or resource busy/);
    assert.equal(c.calls.length, 3);
  });

  it('does not retry other failures', async () => {
    const c = container(dockerError(500, 'permission denied'));
    await assert.rejects(removeContainer(c as never, FAST), /permission denied/);
    assert.equal(c.calls.length, 1);
  });
});
