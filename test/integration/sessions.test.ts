import * as assert from 'assert/strict';
import { NestedDockerEngine } from '../../src/engine/engine';
import { ExecSession } from '../../src/engine/session/execSession';
import { execFileSync } from 'child_process';
import { assertDockerReady, cli, cliJson, collapseQuietly, LevelJson, NO_DOCKERD_IMAGE, relayDir, RUN, sweep } from './support';

function collect(session: ExecSession): { text: () => string; until: (re: RegExp, ms?: number) => Promise<string> } {
  let buf = '';
  session.stdout.on('data', (c: Buffer) => (buf += c.toString('utf8')));
  return {
    text: () => buf,
    until: (re, ms = 15000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = () => {
          const m = re.exec(buf);
          if (m) return resolve(m[0]);
          if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${re} in: ${JSON.stringify(buf.slice(-500))}`));
          setTimeout(tick, 50);
        };
        tick();
      }),
  };
}

describe('terminals and daemon logs at depth 2 (real daemon)', function () {
  const a = `${RUN}-sa`;
  const b = `${RUN}-sb`;
  let engine: NestedDockerEngine;

  before(async () => {
    assertDockerReady();
    engine = new NestedDockerEngine({ relayDir });
    await cliJson<LevelJson>(['nest', '--id', a, '--json']);
    await cliJson<LevelJson>(['nest', '--parent', a, '--id', b, '--json', '--log-file']);
  });
  after(async () => {
    engine?.dispose();
    await collapseQuietly(a);
    sweep();
  });

  it('opens a TTY shell inside level 2 that follows resizes and passes UTF-8 through', async () => {
    const session = await engine.exec(b, { cmd: ['/bin/sh'], tty: true, stdin: true, cols: 101, rows: 31 });
    const out = collect(session);
    session.input.write('stty size\n');
    await out.until(/31 101/);
    await session.resize(123, 42);
    session.input.write('stty size; printf "\\342\\234\\223 depth ok\\n"\n');
    await out.until(/42 123/);
    await out.until(/✓ depth ok/);
    session.input.write('docker info --format "{{.ServerVersion}}"; exit 3\n');
    assert.equal(await session.wait(), 3, 'exit code of the shell');
    assert.match(out.text(), /\d+\.\d+/);
  });

  it('runs a command in a container at level 2 (not the level itself)', async () => {
    const tar = execFileSync('docker', ['save', NO_DOCKERD_IMAGE], { maxBuffer: 64 * 1024 * 1024 });
    const load = await cli(['exec', b, '-i', '--', 'docker', 'load', '-q'], { input: tar });
    assert.equal(load.code, 0, load.stderr);
    const run = await cli(['exec', b, '--', 'docker', 'run', '-d', '--name', 'inner-probe', NO_DOCKERD_IMAGE, 'sleep', '600']);
    assert.equal(run.code, 0, run.stderr);
    const levels = await engine.list();
    const probe = levels.find((l) => l.id === b)?.containers?.find((c) => c.name === 'inner-probe');
    assert.ok(probe, 'the container is listed under level 2');
    const session = await engine.exec(b, { containerId: probe.id, cmd: ['cat', '/etc/hostname'] });
    const out = collect(session);
    assert.equal(await session.wait(), 0);
    assert.equal(out.text().trim(), probe.id.slice(0, 12));
  });

  it('streams the daemon log of level 2 (kept in a file there) and of level 1 (stdout), following', async () => {
    const lines2: string[] = [];
    const log2 = await engine.daemonLog(b, { tail: 200 });
    for await (const line of log2) lines2.push(line as string);
    assert.ok(lines2.some((l) => /API listen on/.test(l)), 'level 2 log has the daemon start-up');

    const controller = new AbortController();
    const follow = await engine.daemonLog(a, { follow: true, tail: 5, signal: controller.signal });
    const seen: string[] = [];
    follow.on('data', (l: string) => seen.push(l));
    // Any API activity on level 1 that makes it log: a container start shows up as a new line.
    await cli(['exec', a, '--', 'sh', '-c', 'docker run --rm --entrypoint true nested-docker/dind:local']);
    const deadline = Date.now() + 15000;
    while (seen.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    assert.ok(seen.length >= 5, `followed lines arrive (${seen.length})`);

    const viaCli = await cli(['logs', b, '--tail', '50']);
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.match(viaCli.stdout, /API listen on/);
  });
});
