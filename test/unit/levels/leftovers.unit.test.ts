import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { PassThrough, Readable } from 'stream';
import type Dockerode from 'dockerode';
import { deadSockets, findLeftovers, removeLeftovers, rollBackInterrupted } from '../../../src/engine/levels/orphans';
import { endWithSource } from '../../../src/engine/session/logStream';
import { leftoverSummary } from '../../../src/extension/commands/leftoverSummary';
import { childNode, hostNode } from '../../builders/levels';

interface FakeContainer { Id: string; Names: string[]; State: string; Status: string; Created: number; Labels: Record<string, string> }

/** A daemon holding level containers and managed volumes; records what was removed. */
function fakeDaemon(containers: FakeContainer[], volumes: { Name: string; Labels: Record<string, string> }[]) {
  const removed: string[] = [];
  const client = {
    listContainers: async () => containers,
    listVolumes: async () => ({ Volumes: volumes }),
    getContainer: (name: string) => ({ remove: async () => { removed.push(`container ${name}`); } }),
    getVolume: (name: string) => ({ remove: async () => { removed.push(`volume ${name}`); } }),
  } as unknown as Dockerode;
  return { client, removed };
}

function levelContainer(id: string, state: string, over: Partial<FakeContainer> = {}): FakeContainer {
  return {
    Id: `c-${id}`, Names: [`/nested-docker-${id}`], State: state, Status: state, Created: Math.floor(Date.now() / 1000) - 3600,
    Labels: { 'nested-docker.level': id, 'nested-docker.parent': 'host' }, ...over,
  };
}

const frame = (text: string) => {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = 1;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('leftovers (doctor) over a fake daemon and a real relay folder', () => {
  let dir: string;
  let servers: net.Server[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-leftovers-'));
  });
  afterEach(() => {
    servers.forEach((s) => s.close());
    servers = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A socket file nobody listens on (what a killed daemon leaves). */
  async function deadSocket(name: string): Promise<void> {
    const server = net.createServer().listen(path.join(dir, name));
    await new Promise((r) => server.once('listening', r));
    // Closing unlinks the file in Node; take a hard link first so the dead socket stays.
    fs.linkSync(path.join(dir, name), path.join(dir, `${name}.keep`));
    await new Promise((r) => server.close(r));
    fs.renameSync(path.join(dir, `${name}.keep`), path.join(dir, name));
  }

  async function liveSocket(name: string): Promise<void> {
    const server = net.createServer().listen(path.join(dir, name));
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
  }

  it('a dead socket no level claims is an orphan; a live one and a claimed one are not', async () => {
    const host = hostNode();
    childNode(host, { id: 'l1' });
    await deadSocket('gone.sock');
    await deadSocket('l1.sock');
    await liveSocket('other.sock');
    const dead = await deadSockets(host, dir);
    assert.deepEqual(dead.map((d) => d.name), ['gone.sock']);
    assert.equal(dead[0].levelId, 'gone');
    assert.match(dead[0].reason, /nothing listens on it and no level claims it/);
  });

  it('sorts containers and volumes into orphans and kept, each with its reason', async () => {
    const { client, removed } = fakeDaemon(
      [
        levelContainer('run1', 'running'),
        levelContainer('half', 'created'),
        levelContainer('stray', 'running', { Labels: { 'nested-docker.level': 'stray', 'nested-docker.parent': 'l9' } }),
        levelContainer('stop1', 'exited', { Status: 'Exited (0) 2 hours ago' }),
        levelContainer('fresh', 'created', { Created: Math.floor(Date.now() / 1000) }),
      ],
      [
        { Name: 'nested-docker-run1-data', Labels: { 'nested-docker.managed': 'true', 'nested-docker.level': 'run1' } },
        { Name: 'nested-docker-old-data', Labels: { 'nested-docker.managed': 'true', 'nested-docker.level': 'old' } },
      ],
    );
    const host = hostNode({}, { client });
    await deadSocket('half.sock');
    const report = await findLeftovers(host, dir);
    const names = (list: { kind: string; name: string }[]) => list.map((o) => `${o.kind} ${o.name}`).sort();
    assert.deepEqual(names(report.orphans), ['container nested-docker-half', 'container nested-docker-stray', 'socket half.sock']);
    assert.deepEqual(names(report.kept), ['container nested-docker-stop1', 'volume nested-docker-old-data']);
    const volume = report.kept.find((k) => k.kind === 'volume')!;
    assert.match(volume.reason, /kept on purpose: data of collapsed level old; nesting again with id old finds/);
    assert.match(report.orphans.find((o) => o.name === 'nested-docker-half')!.reason, /never started/);
    assert.match(report.orphans.find((o) => o.name === 'nested-docker-stray')!.reason, /child of l9/);

    const withVolumes = await findLeftovers(host, dir, { volumes: true });
    assert.ok(withVolumes.orphans.some((o) => o.name === 'nested-docker-old-data'), 'volumes only when asked');

    const failed = await removeLeftovers(host, dir, withVolumes.orphans);
    assert.deepEqual(failed, []);
    assert.deepEqual(removed, ['container nested-docker-half', 'container nested-docker-stray', 'volume nested-docker-old-data']);
    assert.deepEqual(fs.readdirSync(dir), [], 'the socket went too');
  });

  it('a nest cut off before its start that made its volume: both roll back; one that reused a kept volume, or a recreated container, is the user\'s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cut = (id: string, token: string | undefined, over: Partial<FakeContainer> = {}) =>
      levelContainer(id, 'created', {
        Labels: { 'nested-docker.level': id, 'nested-docker.parent': 'host', 'nested-docker.volume': `nested-docker-${id}-data`, ...(token ? { 'nested-docker.nest': token } : {}) },
        ...over,
      });
    const volume = (id: string, token: string) => ({ Name: `nested-docker-${id}-data`, Labels: { 'nested-docker.managed': 'true', 'nested-docker.level': id, 'nested-docker.nest': token } });
    const { client, removed } = fakeDaemon(
      // Made with its volume; reusing a volume a collapse kept (an older nest's token); recreated by expose (no token); made a moment ago.
      [cut('made', 'n1'), cut('reused', 'n2'), cut('exposed', undefined), cut('young', 'n4', { Created: now })],
      [volume('made', 'n1'), volume('reused', 'n0'), volume('exposed', 'n3'), volume('young', 'n4')],
    );
    const host = hostNode({}, { client });
    const report = await findLeftovers(host, dir, { minAgeMs: 90_000 });
    const interrupted = report.orphans.filter((o) => o.interrupted).map((o) => `${o.kind} ${o.name}`).sort();
    assert.deepEqual(interrupted, ['container nested-docker-made', 'volume nested-docker-made-data']);
    assert.match(report.orphans.find((o) => o.kind === 'volume')!.reason, /made by a nest interrupted before its container started: it holds nothing/);
    assert.deepEqual(report.orphans.filter((o) => !o.interrupted).map((o) => o.name).sort(), ['nested-docker-exposed', 'nested-docker-reused'],
      'doctor still lists the never-started containers whose volume holds data, for removal on confirmation');
    assert.ok(!report.orphans.some((o) => /young|reused-data|exposed-data/.test(o.name)), 'their volumes, and a container younger than a start may take, are left alone');
    assert.equal(report.waiting, 1);
    assert.deepEqual(await rollBackInterrupted(host, dir, 90_000), {
      removed: report.orphans.filter((o) => o.interrupted),
      waiting: 1,
    });
    assert.deepEqual(removed, ['container nested-docker-made', 'volume nested-docker-made-data']);
  });

  it('match limits the look to one id prefix; an unreachable level is reported as not checked', async () => {
    const { client } = fakeDaemon([levelContainer('t1-a', 'created'), levelContainer('other', 'created')], []);
    const host = hostNode({}, { client });
    childNode(host, { id: 't1-hung', state: 'unreachable' });
    const report = await findLeftovers(host, dir, { match: 't1-' });
    assert.deepEqual(report.orphans.map((o) => o.name), ['nested-docker-t1-a']);
    assert.match(report.kept[0].reason, /does not answer \(unreachable\), so what it holds was not checked/);
  });

  it('the extension dialog lists orphans and kept items with their reasons', () => {
    const none = leftoverSummary({ orphans: [], kept: [] });
    assert.match(none.headline, /nothing a crash left behind/);
    const some = leftoverSummary({
      orphans: [{ kind: 'socket', name: 'x.sock', on: 'relay folder', reason: 'dead' }],
      kept: [{ kind: 'volume', name: 'v', on: 'host', reason: 'kept on purpose' }],
    });
    assert.equal(some.headline, 'Remove 1 leftover(s) that no level owns?');
    assert.match(some.detail, /socket x\.sock \(on relay folder\): dead[\s\S]*Kept \(1\):\n• volume v \(on host\): kept on purpose/);
  });
});

describe('a followed daemon log ends with its source', () => {
  for (const how of ['close', 'aborted', 'error'] as const) {
    it(`ends the lines when the follow is cut off (${how}, no clean end)`, async () => {
      const raw = new PassThrough();
      const lines = endWithSource(raw);
      const got: string[] = [];
      lines.on('data', (l: string) => got.push(l));
      const ended = new Promise<void>((resolve) => lines.on('end', () => resolve()));
      raw.write(frame('line one\nline t'));
      raw.write(frame('wo\n'));
      await new Promise((r) => setImmediate(r));
      if (how === 'error') raw.destroy(new Error('socket hang up'));
      else raw.emit(how);
      await ended;
      assert.deepEqual(got, ['line one', 'line two']);
    });
  }

  it('a clean end still ends it, keeping a last line without newline', async () => {
    const lines = endWithSource(Readable.from([frame('a\nb')]));
    const got: string[] = [];
    for await (const l of lines) got.push(l as string);
    assert.deepEqual(got, ['a', 'b']);
  });
});
