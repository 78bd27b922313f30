// Every short daemon call (and every socket a request waits for) settles: with its answer, the user's cancel, or an error naming the call
// that outlived its deadline (even where dockerode ignores the signal it was given).
import * as assert from 'assert/strict';
import { isAbortError, NestedDockerError } from '../../../src/engine/core/errors';
import * as http from 'http';
import { PassThrough } from 'stream';
import { answered, settledWithin } from '../../../src/engine/core/deadline';
import { clientForAgent, pingWithin } from '../../../src/engine/transport/dockerClient';
import { connectionOpener, openWithin } from '../../../src/engine/transport/openWithin';

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

describe('settledWithin, openWithin (requests and sockets that never come)', () => {
  it('a ping whose socket never comes settles as a TimeoutError (Node notices the abort only once a socket is there)', async () => {
    const agent = new http.Agent();
    (agent as unknown as { createConnection: unknown }).createConnection = () => undefined; // never calls back
    const t0 = Date.now();
    const err = await rejection(pingWithin(clientForAgent(agent, 'never'), 50));
    assert.equal(err.name, 'TimeoutError');
    assert.ok(Date.now() - t0 < 5000);
  });

  it('passes answers and errors through, and the caller\'s cancel as its own reason', async () => {
    assert.equal(await settledWithin(async () => 7, 1000), 7);
    assert.equal((await rejection(settledWithin(async () => { throw new Error('refused'); }, 1000))).message, 'refused');
    const c = new AbortController();
    setTimeout(() => c.abort(), 10);
    assert.ok(isAbortError(await rejection(settledWithin(never, 60_000, c.signal))));
  });

  it('an open that outlives its deadline is an error naming it; the socket that comes too late is destroyed', async () => {
    let late: PassThrough | undefined;
    const open = () => new Promise<PassThrough>((resolve) => setTimeout(() => resolve((late = new PassThrough())), 60));
    const err = (await rejection(openWithin(open, 'an SSH channel to /run/docker.sock', 20))) as NestedDockerError;
    assert.equal(err.code, 'daemon-hung');
    assert.match(err.message, /^an SSH channel to \/run\/docker\.sock did not open within 0 s$/);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(late?.destroyed, true);
  });

  it('times the open, not the wait before it (an SSH handshake may wait on the user\'s answer to a prompt)', async () => {
    const socket = new PassThrough();
    const create = connectionOpener(async () => socket, 'a channel', () => new Promise((r) => setTimeout(r, 60)), 20);
    const got = await new Promise<unknown>((resolve) => create({}, (err, s) => resolve(err ?? s)));
    assert.equal(got, socket);
  });
});
