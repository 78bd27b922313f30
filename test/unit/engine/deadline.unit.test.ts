// Every short daemon call of a launch settles: with its answer, the user's cancel, or an error naming the call
// that outlived its deadline (even where dockerode ignores the signal it was given).
import * as assert from 'assert/strict';
import { isAbortError, NestedDockerError } from '../../../src/engine/core/errors';
import { answered } from '../../../src/engine/core/deadline';

const never = () => new Promise<never>(() => undefined);
const where = { call: 'an inspect of image nested-docker/dind:local', daemonOf: 'host' };

const rejection = (p: Promise<unknown>): Promise<Error> => p.then(() => assert.fail('expected a rejection'), (err: Error) => err);

describe('answered (a daemon call under a deadline)', () => {
  it('passes the answer and the call\'s own errors through', async () => {
    assert.equal(await answered(async () => 42, where), 42);
    const err = await rejection(answered(async () => { throw new Error('no such image'); }, where));
    assert.equal(err.message, 'no such image');
  });

  it('names the call and the daemon once the deadline passes, even when the call ignores its signal', async () => {
    const err = (await rejection(answered(never, { ...where, ms: 30 }))) as NestedDockerError;
    assert.equal(err.code, 'daemon-hung');
    assert.equal(err.message, 'the daemon of host did not answer an inspect of image nested-docker/dind:local within 0 s');
    assert.match(err.hint!, /nested-docker preflight host.*Run Preflight/);
  });

  it('gives the caller\'s own fix where a slow answer has one (a start within the start timeout)', async () => {
    const err = (await rejection(answered(never, { ...where, ms: 30, hint: 'raise the start timeout' }))) as NestedDockerError;
    assert.equal(err.hint, 'raise the start timeout');
  });

  it('reads a request the deadline aborted as the deadline, not as the call\'s abort error', async () => {
    const call = (signal: AbortSignal) => new Promise<never>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }))));
    const err = (await rejection(answered(call, { ...where, ms: 30 }))) as NestedDockerError;
    assert.equal(err.code, 'daemon-hung');
    assert.equal(isAbortError(err), false);
  });

  it('gives the user\'s cancel as a cancel, before or during the call', async () => {
    const before = new AbortController();
    before.abort();
    assert.ok(isAbortError(await rejection(answered(never, { ...where, signal: before.signal }))));
    const during = new AbortController();
    setTimeout(() => during.abort(), 10);
    assert.ok(isAbortError(await rejection(answered(never, { ...where, signal: during.signal }))));
  });
});
