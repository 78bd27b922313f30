// A parent daemon that stops answering mid-nest: a socket in front of the real dockerd forwards every request but
// the container create, which it holds unanswered (as a wedged or vanished daemon would). The nest must fail within
// its call deadline, naming the call, and roll back what it made: nothing hangs, nothing is left.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { assertDockerReady, cli, leftovers, RUN, sweep } from './support';

/** A unix socket that passes requests to dockerd, except the ones whose request line matches `hold`. */
function stallingProxy(socketPath: string, hold: RegExp): net.Server {
  const held: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect('/var/run/docker.sock');
    let stalled = false;
    client.on('data', (chunk: Buffer) => {
      // Node's HTTP client sends one request at a time per connection, so a chunk opening with the request line is
      // where that request starts; from then on this connection hears nothing.
      if (!stalled && hold.test(chunk.toString('latin1', 0, 80))) {
        stalled = true;
        held.push(client);
      }
      if (!stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('close', () => !stalled && end());
    client.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  server.on('close', () => held.forEach((c) => c.destroy()));
  server.listen(socketPath);
  return server;
}

describe('a parent daemon that stops answering mid-nest (real daemon behind a stalling socket)', function () {
  before(assertDockerReady);
  after(sweep);

  it('fails within the call deadline, naming the create it waited for, and leaves nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-stall-'));
    const socket = path.join(dir, 'docker.sock');
    const proxy = stallingProxy(socket, /^POST \/(?:v[\d.]+\/)?containers\/create\b/);
    const id = `${RUN}-stall`;
    try {
      const t0 = Date.now();
      const r = await cli(['--host', `unix://${socket}`, 'nest', '--id', id, '--quiet'], { timeoutMs: 150_000 });
      const seconds = (Date.now() - t0) / 1000;
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`the daemon of host did not answer the creation of container nested-docker-${id} within 60 s`));
      assert.match(r.stderr, /fix: it is wedged or starved: check it/);
      assert.doesNotMatch(r.stderr, /cancelled/, 'a deadline is not the user\'s cancel');
      assert.ok(seconds >= 55 && seconds < 120, `ended after ${seconds.toFixed(0)} s`);
      assert.deepEqual(leftovers(id), { containers: [], volumes: [], sockets: [] }, 'the volume it made was rolled back');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
