import * as assert from 'assert/strict';
import { PassThrough, Readable } from 'stream';
import { DialStdioSocket } from '../../../src/engine/transport/execTunnel';
import { demuxBuffer, FrameDecoder, LineSplitter } from '../../../src/engine/transport/streamFrames';
import { explainEarlyExit } from '../../../src/engine/launch/failure';
import { levelJson } from '../../../src/cli/format';

function frame(kind: number, payload: Buffer | string): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const head = Buffer.alloc(8);
  head[0] = kind;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

async function readAll(stream: Readable): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

describe('stream framing', () => {
  it('demultiplexes docker frames, including binary payloads split across chunks', async () => {
    const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    const all = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, binary)]);
    const d = demuxBuffer(all);
    assert.equal(d.stderr.toString(), 'err\n');
    assert.deepEqual(d.stdout, Buffer.concat([Buffer.from('out\n'), binary]));
    const kinds: number[] = [];
    const decoder = new FrameDecoder((k) => kinds.push(k));
    const chunks = [all.subarray(0, 3), all.subarray(3, 13), all.subarray(13)];
    const out = readAll(Readable.from(chunks).pipe(decoder));
    assert.deepEqual(Buffer.concat((await out) as Buffer[]), d.combined);
    assert.deepEqual(kinds, [1, 2, 1]);
  });

  it('splits lines without breaking a multi-byte character cut between chunks', async () => {
    const text = Buffer.from('héllo ✓\r\nsecond');
    const lines = await readAll(Readable.from([text.subarray(0, 2), text.subarray(2, 9), text.subarray(9)]).pipe(new LineSplitter()));
    assert.deepEqual(lines, ['héllo ✓', 'second']);
  });

  it('turns a dial-stdio exec stream into a plain socket and reports the tunnel\'s stderr as an error', async () => {
    const raw = new PassThrough();
    const sock = new DialStdioSocket(raw);
    const got = readAll(sock);
    raw.write(frame(1, 'HTTP/1.1 200 OK\r\n'));
    raw.end(frame(1, 'OK'));
    assert.equal(Buffer.concat((await got) as Buffer[]).toString(), 'HTTP/1.1 200 OK\r\nOK');

    const failing = new PassThrough();
    const s2 = new DialStdioSocket(failing);
    const err = new Promise<Error>((resolve) => s2.on('error', resolve));
    s2.resume();
    failing.end(frame(2, 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock'));
    assert.match((await err).message, /exec tunnel: Cannot connect to the Docker daemon/);
  });
});

describe('failure explanations', () => {
  it('names the fix for an image without dockerd and for bad daemon arguments', () => {
    const noDockerd = explainEarlyExit('l1', 127, 'nested-docker: error: no-dockerd: image has no dockerd on its PATH');
    assert.equal(noDockerd.code, 'no-dockerd');
    assert.match(noDockerd.hint!, /image that contains Docker Engine/);
    const badArgs = explainEarlyExit('l1', 1, 'nested-docker: level l1: starting dockerd\nStatus: unknown flag: --nope\nSee \'dockerd --help\'., Code: 125');
    assert.equal(badArgs.code, 'bad-daemon-args');
    assert.match(badArgs.message, /unknown flag: --nope/);
  });

  it('reads exit code 143 as a stop from outside, not as the log line dockerd had reached', () => {
    // The VM host rebooted while a level started: its log ended on a grpc info line, which the headline once quoted.
    const log = 'level=info msg="Starting up"\nlevel=info msg="[core] Channel Connectivity change to CONNECTING" module=grpc';
    const stopped = explainEarlyExit('l1', 143, log);
    assert.equal(stopped.code, 'daemon-stopped');
    assert.match(stopped.message, /stopped \(SIGTERM\) while starting: its machine shut down, its parent's daemon restarted, or someone stopped it/);
    assert.doesNotMatch(stopped.message, /Connectivity/);
    assert.equal(stopped.logTail, log, 'the log still goes with it');
    assert.equal(explainEarlyExit('l1', 1, log).code, 'daemon-exited', 'other exits keep the generic explanation');
  });

  it('reads an OOM kill as lack of memory, not as the log line dockerd had reached', () => {
    const log = 'level=info msg="Loading containers: start."';
    const oom = explainEarlyExit('l1', 137, log, true);
    assert.equal(oom.code, 'daemon-oom');
    assert.match(oom.message, /^level l1: its container exited \(code 137\) before its daemon answered: it was killed for lack of memory \(OOM-killed\)/);
    assert.doesNotMatch(oom.message, /Loading containers/);
    assert.match(oom.hint!, /free memory on the machine/);
    assert.equal(explainEarlyExit('l1', 137, log, false).code, 'daemon-exited', 'a kill by someone else is not a lack of memory');
  });

  it('keeps the JSON level shape stable', () => {
    const j = levelJson({ id: 'a', depth: 1, parentId: 'host', state: 'ready', mode: 'capabilities', transport: 'relay', containerId: 'c', containerName: 'n', image: 'i', volume: 'v', dockerHost: null, version: '1', storageDriver: 'overlay2', cgroupVersion: '1' });
    for (const key of ['id', 'depth', 'parentId', 'state', 'mode', 'transport', 'containerId', 'version', 'storageDriver', 'cgroupVersion']) {
      assert.ok(key in j, key);
    }
  });
});
