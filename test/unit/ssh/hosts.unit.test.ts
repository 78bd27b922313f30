import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { contextDirName, currentContextName, parseContextMeta, readDockerContexts } from '../../../src/engine/hosts/dockerContexts';
import { hostSpecFor, listHostsSync, resolveHost } from '../../../src/engine/hosts/hostList';
import { hostEntry } from '../../builders/hosts';
import { addHost, hostsFile, readAddedHosts, removeHost } from '../../../src/engine/hosts/hostStore';

function makeContext(cfg: string, name: string, host: string, opts: { tls?: boolean; skip?: boolean } = {}): void {
  const sha = contextDirName(name);
  const meta = path.join(cfg, 'contexts', 'meta', sha);
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({
    Name: name, Metadata: { Description: `ctx ${name}` }, Endpoints: { docker: { Host: host, SkipTLSVerify: !!opts.skip } },
  }));
  if (opts.tls) {
    const tls = path.join(cfg, 'contexts', 'tls', sha, 'docker');
    fs.mkdirSync(tls, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(tls, f), `-----${f}-----`);
  }
}

describe('hosts: Docker contexts and the added-hosts file', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-hosts-'));
    env = { HOME: root, DOCKER_CONFIG: path.join(root, 'docker'), NESTED_DOCKER_CONFIG_DIR: path.join(root, 'cfg', 'nested-docker') };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('names context folders by the SHA-256 of the name, as the docker CLI does', () => {
    assert.equal(contextDirName('default'), '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });

  it('parses meta.json endpoints and finds TLS material', () => {
    makeContext(env.DOCKER_CONFIG!, 'remote-tls', 'tcp://10.1.2.3:2376', { tls: true, skip: true });
    makeContext(env.DOCKER_CONFIG!, 'over-ssh', 'ssh://me@build.example');
    fs.mkdirSync(path.join(env.DOCKER_CONFIG!, 'contexts', 'meta', 'broken'), { recursive: true });
    fs.writeFileSync(path.join(env.DOCKER_CONFIG!, 'contexts', 'meta', 'broken', 'meta.json'), '{nope');
    const contexts = readDockerContexts(env.DOCKER_CONFIG!);
    const tls = contexts.find((c) => c.name === 'remote-tls')!;
    assert.equal(tls.host, 'tcp://10.1.2.3:2376');
    assert.equal(tls.skipTlsVerify, true);
    assert.ok(tls.tlsDir?.endsWith(path.join(contextDirName('remote-tls'), 'docker')));
    assert.equal(contexts.find((c) => c.name === 'over-ssh')?.tlsDir, undefined);
    assert.match(contexts.find((c) => c.error)?.error ?? '', /unreadable/);
    assert.throws(() => parseContextMeta('{}', undefined), /no Name/);
  });

  it('lists default, contexts and added hosts; the current one follows DOCKER_HOST, DOCKER_CONTEXT, config.json', () => {
    makeContext(env.DOCKER_CONFIG!, 'over-ssh', 'ssh://me@build.example');
    addHost('lab', 'ssh://root@lab.example:2222', env);
    let hosts = listHostsSync({ env });
    assert.deepEqual(hosts.map((h) => [h.name, h.source, h.kind, h.current]), [
      ['local', 'default', 'unix', true], ['over-ssh', 'context', 'ssh', false], ['lab', 'added', 'ssh', false],
    ]);
    fs.writeFileSync(path.join(env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ currentContext: 'over-ssh' }));
    assert.equal(currentContextName(env, env.DOCKER_CONFIG!), 'over-ssh');
    assert.equal(resolveHost(undefined, { env }).name, 'over-ssh');
    assert.equal(resolveHost(undefined, { env: { ...env, DOCKER_CONTEXT: 'default' } }).name, 'local');
    hosts = listHostsSync({ env: { ...env, DOCKER_HOST: 'tcp://127.0.0.1:2375' } });
    assert.deepEqual([hosts[0].name, hosts[0].source, hosts[0].current], ['DOCKER_HOST', 'env', true]);
    assert.equal(resolveHost('lab', { env }).url, 'ssh://root@lab.example:2222');
    assert.equal(resolveHost('ssh://x@y', { env }).source, 'url');
    assert.throws(() => resolveHost('nope', { env }), /no host or Docker context named 'nope'.*/);
  });

  it('builds TLS specs from a context and refuses plain remote TCP unless allowed', () => {
    makeContext(env.DOCKER_CONFIG!, 'remote-tls', 'tcp://10.1.2.3:2376', { tls: true, skip: true });
    makeContext(env.DOCKER_CONFIG!, 'plain', 'tcp://10.1.2.3:2375');
    const spec = hostSpecFor(resolveHost('remote-tls', { env }));
    assert.equal(spec.kind, 'tcp');
    assert.equal(spec.tls?.ca?.toString(), '-----ca.pem-----');
    assert.equal(spec.tls?.skipVerify, true);
    assert.throws(() => hostSpecFor(resolveHost('plain', { env })), /refusing plain TCP to 10\.1\.2\.3/);
    assert.equal(hostSpecFor(resolveHost('plain', { env }), { allowInsecureTcp: true }).tls, undefined);
  });

  it('keeps the added-hosts file private and validates names and URLs', () => {
    addHost('a', 'ssh://me@a.example', env);
    addHost('b', 'unix:///run/docker.sock', env);
    const file = hostsFile(env);
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    assert.equal((fs.statSync(path.dirname(file)).mode & 0o777).toString(8), '700');
    assert.deepEqual(readAddedHosts(env).map((h) => h.name), ['a', 'b']);
    assert.throws(() => addHost('a', 'ssh://x@y', env), /exists/);
    assert.throws(() => addHost('local', 'ssh://x@y', env), /already the name/);
    assert.throws(() => addHost('bad name', 'ssh://x@y', env), /invalid host name/);
    assert.throws(() => addHost('c', 'ftp://x', env), /unsupported Docker host scheme/);
    assert.equal(removeHost('a', env), true);
    assert.equal(removeHost('a', env), false);
    assert.deepEqual(readAddedHosts(env).map((h) => h.name), ['b']);
  });

  it('refuses a host it cannot use with the reason, and parses the rest without a context\'s TLS', () => {
    const npipe = hostEntry({ name: 'desktop', url: 'npipe:////./pipe/docker_engine', kind: 'unsupported', source: 'context', error: 'unsupported endpoint npipe:////./pipe/docker_engine' });
    assert.throws(() => hostSpecFor(npipe), /host desktop: unsupported endpoint/);
    assert.deepEqual(hostSpecFor(hostEntry({ url: 'unix:///run/user/1000/docker.sock' })), { url: 'unix:///run/user/1000/docker.sock', kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
  });
});
