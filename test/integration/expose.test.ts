import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { assertDockerReady, cli, cliJson, collapseQuietly, docker, LevelJson, RUN, scratchDir, sweep } from './support';

/** Listening TCP sockets of this machine's network namespace (/proc/net/tcp and tcp6, state 0A). */
function listeners(): Set<string> {
  const out = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(f)) continue;
    for (const line of fs.readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') out.add(`${f.endsWith('6') ? 'tcp6' : 'tcp'} ${cols[1]}`);
    }
  }
  return out;
}

function ping(port: number, tls: { ca: string; cert?: string; key?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/_ping', ca: tls.ca, cert: tls.cert, key: tls.key, servername: 'localhost', timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

/** A level's daemon exposed over TLS on 127.0.0.1, reached through its Docker context, then closed again. */
describe('expose a level over TLS (CLI, real daemon)', function () {
  const id = `${RUN}-x`;
  const second = `${RUN}-y`;
  const tmp = scratchDir('nd-expose-');
  const env = { DOCKER_CONFIG: path.join(tmp, 'docker'), NESTED_DOCKER_CONFIG_DIR: path.join(tmp, 'state') };
  const run = (args: string[]) => cli(args, { env });

  before(assertDockerReady);
  after(async () => {
    await cli(['collapse', id, '--purge'], { env }).catch(() => undefined);
    await cli(['collapse', second, '--purge'], { env }).catch(() => undefined);
    await collapseQuietly(id);
    sweep();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers docker --context over TLS on 127.0.0.1, refuses a client without the certificate, and leaves the listening sockets as they were', async () => {
    const level = await cliJson<LevelJson>(['nest', '--id', id, '--json', '--quiet']);
    assert.equal(level.state, 'ready');
    const before = listeners();
    const r = await run(['expose', id, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as { address: string; port: number; context: string; certDir: string; url: string };
    assert.equal(e.address, '127.0.0.1');
    assert.equal(e.url, `tcp://127.0.0.1:${e.port}`);
    // Published on loopback only: the parent binds 127.0.0.1, never 0.0.0.0.
    const bindings = JSON.parse(docker(['inspect', '-f', '{{json .HostConfig.PortBindings}}', `nested-docker-${id}`])) as Record<string, { HostIp: string }[]>;
    assert.deepEqual(bindings['2376/tcp'].map((b) => b.HostIp), ['127.0.0.1']);
    const cmd = docker(['inspect', '-f', '{{json .Config.Cmd}}', `nested-docker-${id}`]);
    assert.ok(cmd.includes('--tlsverify'), `the TCP listener always comes with --tlsverify: ${cmd}`);
    // Certificates: a private folder, private files.
    assert.equal(fs.statSync(e.certDir).mode & 0o777, 0o700);
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) assert.equal(fs.statSync(path.join(e.certDir, f)).mode & 0o777, 0o600, f);
    // The Docker context works with the docker CLI.
    const name = execFileSync('docker', ['--context', e.context, 'info', '--format', '{{.Name}}'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(name.trim(), `l1-${id}`);
    // With the client certificate the daemon answers; without it the TLS handshake is refused.
    const tls = { ca: fs.readFileSync(path.join(e.certDir, 'ca.pem'), 'utf8'), cert: fs.readFileSync(path.join(e.certDir, 'cert.pem'), 'utf8'), key: fs.readFileSync(path.join(e.certDir, 'key.pem'), 'utf8') };
    assert.equal(await ping(e.port, tls), 'OK');
    await assert.rejects(ping(e.port, { ca: tls.ca }), 'a client without the certificate is refused');
    // Secrets are never printed nor put where `docker inspect` shows them (command line, environment, labels).
    const keyBody = tls.key.split('\n').filter((l) => l && !l.startsWith('-----'));
    assert.ok(keyBody.length > 0, 'the client key has a body to look for');
    const inspected = docker(['inspect', `nested-docker-${id}`]);
    for (const text of [r.stdout, r.stderr, inspected]) for (const line of keyBody) assert.ok(!text.includes(line), 'no line of a private key is shown');
    assert.doesNotMatch(inspected, /PRIVATE KEY/, 'no private key in the level container\'s configuration');
    // ls shows the exposure; a second expose is refused with the fix.
    const again = await run(['expose', id]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exposed.*\n\s+fix: unexpose it first/);

    const u = await run(['unexpose', id]);
    assert.equal(u.code, 0, u.stderr);
    assert.deepEqual([...listeners()].filter((l) => !before.has(l)), [], 'no listening socket left after unexpose');
    assert.ok(!fs.existsSync(e.certDir), 'certificates removed');
    assert.equal(fs.readdirSync(path.join(tmp, 'docker', 'contexts', 'meta')).length, 0, 'context removed');
    const after = await cliJson<LevelJson[]>(['ls', '--json']);
    const back = after.find((l) => l.id === id)!;
    assert.equal(back.state, 'ready', 'the level is back, on its volume');
    assert.equal((back as unknown as { exposed: unknown }).exposed, null);
  });

  it('says the risk of another address and changes nothing when it is not this machine\'s', async () => {
    const r = await run(['expose', id, '--address', '192.0.2.10']);
    assert.equal(r.code, 2, 'bad input: the usage exit code');
    assert.match(r.stderr, /warning: --address 192\.0\.2\.10: .*controls that daemon/);
    assert.match(r.stderr, /not an address of this machine/);
    assert.equal(docker(['inspect', '-f', '{{json .HostConfig.PortBindings}}', `nested-docker-${id}`]).includes('2376'), false);
  });

  it('nest --expose publishes at once, and collapse removes certificates and context with the level', async () => {
    const r = await run(['nest', '--id', second, '--expose', '--json', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const level = JSON.parse(r.stdout) as { exposed: { address: string; port: number } };
    assert.equal(level.exposed.address, '127.0.0.1');
    const certDir = path.join(tmp, 'state', 'exposed', second);
    assert.ok(fs.existsSync(certDir));
    const c = await run(['collapse', second, '--purge']);
    assert.equal(c.code, 0, c.stderr);
    assert.ok(!fs.existsSync(certDir), 'certificates removed with the level');
    assert.equal(fs.readdirSync(path.join(tmp, 'docker', 'contexts', 'meta')).length, 0, 'context removed with the level');
  });
});
