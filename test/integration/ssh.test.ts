import * as assert from 'assert/strict';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { startTestSshd, TestSshd } from '../../scripts/testSshd';
import { NestedDockerEngine } from '../../src/engine/engine';
import { sshStats } from '../../src/engine/transport/ssh/sshDocker';
import { SshOptions } from '../../src/engine/transport/ssh/sshOptions';
import { assertDockerReady, cli, CLI, collapseQuietly, IMAGE, leftovers, LevelJson, NO_DOCKERD_IMAGE, relayDir, RUN, sweep } from './support';

/**
 * A real OpenSSH server on loopback in front of the real dockerd: the remote host here is this machine's daemon,
 * so only levels named with this run's prefix are ever created or removed.
 */
describe('remote hosts over SSH (real sshd on 127.0.0.1)', function () {
  const a = `${RUN}-ssa`;
  const b = `${RUN}-ssb`;
  let sshd: TestSshd;
  const engines: NestedDockerEngine[] = [];

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(['--host', sshd.url, ...args], { env: sshd.env(env) });
  const sshOpts = (extra: Partial<SshOptions> = {}): SshOptions => ({
    identityFiles: [sshd.clientKey], knownHostsFiles: [sshd.knownHosts], configFile: null, agentSocket: null, ...extra,
  });
  const engine = (extra: Partial<SshOptions> = {}) => {
    const e = new NestedDockerEngine({ host: sshd.url, ssh: sshOpts(extra) });
    engines.push(e);
    return e;
  };
  const hostError = (stdout: string) => (JSON.parse(stdout) as { id: string; error: string | null }[])[0].error ?? '';

  before(async () => {
    assertDockerReady();
    sshd = await startTestSshd();
  });
  after(async () => {
    for (const e of engines) e.dispose();
    await collapseQuietly(a);
    sweep();
    await sshd?.stop();
  });

  it('lists the remote host\'s levels with `--host ssh://…`, over one SSH connection', async () => {
    const before = sshd.connectionCount();
    const r = await run(['ls', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const host = (JSON.parse(r.stdout) as LevelJson[])[0];
    assert.equal(host.id, 'host');
    assert.equal(host.state, 'ready');
    assert.equal(host.transport, 'ssh');
    assert.ok(host.version, 'daemon facts came back over SSH');
    assert.equal(sshd.connectionCount() - before, 1, 'info, container list and every level share one connection');
  });

  it('nests two levels through SSH and runs a command at depth 2', async () => {
    const r1 = await run(['nest', '--id', a, '--json']);
    assert.equal(r1.code, 0, r1.stderr);
    const l1 = JSON.parse(r1.stdout) as LevelJson;
    assert.deepEqual([l1.depth, l1.parentId, l1.state], [1, 'host', 'ready']);
    const r2 = await run(['nest', '--parent', a, '--id', b, '--json']);
    assert.equal(r2.code, 0, r2.stderr);
    const l2 = JSON.parse(r2.stdout) as LevelJson;
    assert.deepEqual([l2.depth, l2.parentId, l2.state], [2, a, 'ready']);
    const ex = await run(['exec', b, '--', 'sh', '-c', 'echo "level=$NESTED_DOCKER_LEVEL"; docker info --format "{{.ServerVersion}}"']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.match(ex.stdout, new RegExp(`level=${b}\\n\\d+\\.\\d+`));
    const code = await run(['exec', b, '--', 'sh', '-c', 'exit 7']);
    assert.equal(code.code, 7, 'exit codes pass through SSH');
  });

  it('reaches each level by its own socket over SSH as root, and by exec tunnels with --no-relay', async () => {
    const transports = async (extra: string[]) => {
      const r = await run([...extra, 'ls', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const levels = JSON.parse(r.stdout) as LevelJson[];
      return [a, b].map((id) => `${levels.find((l) => l.id === id)?.state}/${levels.find((l) => l.id === id)?.transport}`);
    };
    assert.deepEqual(await transports([]), ['ready/ssh', 'ready/ssh'], 'stream-local to /proc/<pid>/root/run/docker.sock');
    assert.deepEqual(await transports(['--no-relay']), ['ready/tunnel', 'ready/tunnel']);
    const r = await run(['--no-relay', 'exec', b, '--', 'docker', 'version', '--format', '{{.Server.Version}}']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+/);
  });

  it('copies images between the remote host\'s levels on that host (bytes never come here), and streams over tunnels', async () => {
    const onHost = await run(['image', 'cp', NO_DOCKERD_IMAGE, '--to', b]);
    assert.equal(onHost.code, 0, onHost.stderr);
    assert.match(onHost.stdout, new RegExp(`${NO_DOCKERD_IMAGE}: sent \\(copied on the remote host\\)`));
    const there = await run(['exec', b, '--', 'docker', 'image', 'inspect', '--format', '{{index .RepoTags 0}}', NO_DOCKERD_IMAGE]);
    assert.equal(there.stdout.trim(), NO_DOCKERD_IMAGE, there.stderr);
    const between = await run(['exec', a, '--', 'docker', 'image', 'inspect', NO_DOCKERD_IMAGE]);
    assert.notEqual(between.code, 0, 'the level in between holds no copy');
    // Through exec tunnels the host has no socket of the level to name: the bytes come through this machine.
    const streamed = await run(['--no-relay', 'image', 'cp', NO_DOCKERD_IMAGE, '--to', a]);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.match(streamed.stdout, /sent \([1-9][0-9.]* MB streamed\)/);
  });

  it('Ctrl-C during a copy on the remote host ends the pipeline there, leaving no save or load running', async () => {
    const child = spawn(process.execPath, [CLI, '--host', sshd.url, 'image', 'cp', IMAGE, '--to', b], {
      env: { ...process.env, ...sshd.env({}), NESTED_DOCKER_RELAY_DIR: relayDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 60_000;
    while (!/Copying/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    const pipeline = () => spawnSync('pgrep', ['-f', `save ${IMAGE}|load -q`], { encoding: 'utf8' }).stdout.trim();
    assert.notEqual(pipeline(), '', `the copy runs on the host (stderr: ${stderr})`);
    child.kill('SIGINT');
    assert.equal(await code, 130, stderr);
    for (let i = 0; i < 10 && pipeline(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(pipeline(), '', 'nothing of the pipeline is left on the host');
  });

  it('opens a terminal and follows the daemon log at depth 2, all on the one kept-alive connection', async () => {
    const e = engine();
    const before = sshStats().connectionsOpened;
    const session = await e.exec(b, { cmd: ['/bin/sh'], tty: true, stdin: true, cols: 90, rows: 20 });
    let out = '';
    session.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    session.input.write('stty size; echo "answer-$((6*7))"; exit 4\n');
    assert.equal(await session.wait(), 4);
    assert.match(out, /20 90/);
    assert.match(out, /answer-42/);
    const lines = await e.daemonLog(b, { follow: true, tail: 20 });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('data', (l: Buffer | string) => resolve(String(l)));
      lines.once('error', reject);
    });
    lines.destroy();
    assert.ok(first.length > 0, 'a daemon log line arrived');
    for (let i = 0; i < 100; i++) await e.hostClient.ping();
    assert.equal(sshStats().connectionsOpened - before, 1, '100 requests, a terminal and a log stream: one SSH connection');
  });

  it('reconnects on the next request after the connection drops, and the tree is true', async () => {
    const e = engine();
    const shape = (levels: { id: string; depth: number; parentId: string | null; state: string }[]) =>
      levels.filter((l) => l.id === 'host' || l.id.startsWith(RUN)).map((l) => `${l.id}/${l.depth}/${l.parentId}/${l.state}`);
    const first = shape(await e.list());
    assert.deepEqual(first, ['host/0/null/ready', `${a}/1/host/ready`, `${b}/2/${a}/ready`]);
    const opened = sshStats().connectionsOpened;
    assert.ok(sshd.dropSessions() > 0, 'the sshd processes serving our connections were killed');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(shape(await e.list()), first, 'the same tree, rediscovered through a new connection');
    assert.equal(sshStats().connectionsOpened - opened, 1, 'exactly one reconnection');
    const r = await run(['exec', b, '--', 'true']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('refuses a wrong key with a clear message, once, without retrying', async () => {
    const wrong = sshd.makeWrongKey();
    const before = sshd.connectionCount();
    const r = await run(['ls', '--json'], { NESTED_DOCKER_SSH_KEY: wrong });
    assert.equal(r.code, 1);
    assert.match(hostError(r.stdout), /root@127\.0\.0\.1:\d+ refused authentication \(offered: .*wrong_ed25519\)/);
    const nest = await run(['nest', '--id', `${RUN}-never`], { NESTED_DOCKER_SSH_KEY: wrong });
    assert.equal(nest.code, 1);
    assert.match(nest.stderr, /refused authentication/);
    assert.equal(sshd.connectionCount() - before, 2, 'one connection per command, no retries');

    const e = engine({ identityFiles: [wrong] });
    const attempts = sshStats().connectAttempts;
    for (let i = 0; i < 3; i++) assert.equal((await e.tree({ containers: false })).info.state, 'unreachable');
    assert.equal(sshStats().connectAttempts - attempts, 1, 'the failure is remembered until the keys change');
  });

  it('authenticates through ssh-agent, and with an encrypted key only given its passphrase', async () => {
    const home = path.join(sshd.dir, 'home');
    fs.mkdirSync(home, { recursive: true });
    const agentSock = path.join(sshd.dir, 'agent.sock');
    const agent = execFileSync('ssh-agent', ['-a', agentSock, '-s'], { encoding: 'utf8' });
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent)?.[1]);
    try {
      execFileSync('ssh-add', ['-q', sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSock }, stdio: 'ignore' });
      const viaAgent = await run(['ls', '--json'], { HOME: home, NESTED_DOCKER_SSH_KEY: '', SSH_AUTH_SOCK: agentSock });
      assert.equal(viaAgent.code, 0, viaAgent.stdout + viaAgent.stderr);
    } finally {
      if (agentPid) process.kill(agentPid, 'SIGTERM');
    }
    const encrypted = sshd.makeEncryptedKey('correct horse');
    const locked = await run(['ls', '--json'], { NESTED_DOCKER_SSH_KEY: encrypted });
    assert.equal(locked.code, 1);
    assert.match(hostError(locked.stdout), /encrypted_ed25519 is encrypted: set NESTED_DOCKER_SSH_PASSPHRASE/);
    const wrong = await run(['ls', '--json'], { NESTED_DOCKER_SSH_KEY: encrypted, NESTED_DOCKER_SSH_PASSPHRASE: 'nope' });
    assert.match(hostError(wrong.stdout), /NESTED_DOCKER_SSH_PASSPHRASE is not the passphrase/);
    const ok = await run(['ls', '--json'], { NESTED_DOCKER_SSH_KEY: encrypted, NESTED_DOCKER_SSH_PASSPHRASE: 'correct horse' });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.ok(!ok.stdout.includes('correct horse') && !ok.stderr.includes('correct horse'), 'the passphrase is never printed');
  });

  it('refuses a changed host key as a possible man-in-the-middle, naming the line to remove', async () => {
    const changed = sshd.makeChangedKnownHosts();
    const before = sshd.connectionCount();
    const r = await run(['ls', '--json'], { NESTED_DOCKER_KNOWN_HOSTS: changed });
    assert.equal(r.code, 1);
    const msg = hostError(r.stdout);
    assert.match(msg, /host key of \[127\.0\.0\.1\]:\d+ has CHANGED/);
    assert.match(msg, /man-in-the-middle/);
    assert.ok(msg.includes(`remove line 2 of ${changed}`), msg);
    const e = engine({ knownHostsFiles: [changed] });
    const attempts = sshStats().connectAttempts;
    for (let i = 0; i < 3; i++) await e.tree({ containers: false });
    assert.equal(sshStats().connectAttempts - attempts, 1, 'no retry storm on a key mismatch');
    assert.equal(sshd.connectionCount() - before, 2);
    assert.ok(!fs.readFileSync(changed, 'utf8').includes(sshd.hostKeyPub.split(' ')[1]), 'known_hosts untouched');
  });

  it('asks before trusting an unknown host key, and records it only on consent', async () => {
    const fp = execFileSync('ssh-keygen', ['-lf', path.join(sshd.dir, 'host_ed25519.pub')], { encoding: 'utf8' }).split(' ')[1];
    const file = path.join(sshd.dir, 'known_hosts.new');
    const refused = await run(['ls', '--json'], { NESTED_DOCKER_KNOWN_HOSTS: file });
    assert.equal(refused.code, 1);
    assert.ok(hostError(refused.stdout).includes(fp), 'the message names the fingerprint');
    assert.match(hostError(refused.stdout), /--accept-new-host-key/);
    assert.ok(!fs.existsSync(file), 'nothing recorded without consent');

    let asked = '';
    const declined = engine({ knownHostsFiles: [file], confirmHostKey: async (info) => ((asked = info.fingerprint), false) });
    assert.equal((await declined.tree({ containers: false })).info.state, 'unreachable');
    assert.equal(asked, fp, 'the callback saw the same fingerprint as ssh-keygen');
    assert.ok(!fs.existsSync(file));

    const accepted = await run(['ls', '--json', '--accept-new-host-key'], { NESTED_DOCKER_KNOWN_HOSTS: file });
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 `));
    assert.equal((await run(['ls', '--json'], { NESTED_DOCKER_KNOWN_HOSTS: file })).code, 0, 'known from now on');
  });

  it('reaches a host named in ~/.ssh/config through ProxyJump, over the jump host\'s connection', async () => {
    const config = path.join(sshd.dir, 'ssh_config');
    fs.writeFileSync(config, [
      'Host docker-behind-jump', '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  User root',
      `  ProxyJump root@127.0.0.1:${sshd.port}`, '',
    ].join('\n'));
    const before = sshd.connectionCount();
    const r = await cli(['--host', 'ssh://docker-behind-jump', 'ls', '--json'], { env: sshd.env({ NESTED_DOCKER_SSH_CONFIG: config }) });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok((JSON.parse(r.stdout) as LevelJson[]).some((l) => l.id === b), 'the level tree is there');
    assert.equal(sshd.connectionCount() - before, 2, 'the jump host, then the target through a channel of it');
  });

  it('lists hosts (default, a Docker context, an added host) with reachability, and --host takes their names', async () => {
    const cfgDir = path.join(sshd.dir, 'nested-docker-config');
    const dockerConfig = path.join(sshd.dir, 'docker-config');
    const sha = (await import('crypto')).createHash('sha256').update('ssh-ctx').digest('hex');
    fs.mkdirSync(path.join(dockerConfig, 'contexts', 'meta', sha), { recursive: true });
    fs.writeFileSync(path.join(dockerConfig, 'contexts', 'meta', sha, 'meta.json'),
      JSON.stringify({ Name: 'ssh-ctx', Metadata: {}, Endpoints: { docker: { Host: sshd.url, SkipTLSVerify: false } } }));
    const env = sshd.env({ NESTED_DOCKER_CONFIG_DIR: cfgDir, DOCKER_CONFIG: dockerConfig });
    const add = await cli(['hosts', 'add', 'lab', sshd.url], { env });
    assert.equal(add.code, 0, add.stderr);
    assert.equal((fs.statSync(path.join(cfgDir, 'hosts.json')).mode & 0o777).toString(8), '600');
    const r = await cli(['hosts', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const hosts = JSON.parse(r.stdout) as { name: string; source: string; kind: string; reachable: boolean }[];
    assert.deepEqual(hosts.map((h) => [h.name, h.source, h.kind, h.reachable]),
      [['local', 'default', 'unix', true], ['ssh-ctx', 'context', 'ssh', true], ['lab', 'added', 'ssh', true]]);
    for (const name of ['lab', 'ssh-ctx']) {
      const ls = await cli(['--host', name, 'ls', '--json'], { env });
      assert.equal(ls.code, 0, ls.stderr);
      assert.equal((JSON.parse(ls.stdout) as LevelJson[])[0].transport, 'ssh');
    }
    assert.equal((await cli(['hosts', 'remove', 'lab'], { env })).code, 0);
  });

  it('collapses the remote levels with --purge, leaving nothing of this run', async () => {
    const r = await run(['collapse', a, '--purge', '--json']);
    assert.equal(r.code, 0, r.stderr);
    // Deepest first; anything another process nested inside these levels goes with them.
    const removed = JSON.parse(r.stdout).removed as string[];
    assert.deepEqual(removed.slice(-2), [b, a]);
    assert.deepEqual(leftovers(`${RUN}-ss`), { containers: [], volumes: [], sockets: [] });
  });
});
