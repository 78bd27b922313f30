// Exposing a level: the address rules, the TLS arguments, the recreated container, the context files, the tar.
import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { readDockerContexts, removeTlsContext, writeTlsContext } from '../../../src/engine/hosts/dockerContexts';
import {
  checkExposeRequest, parseExposedLabel, recreateOptions, tcpUrl, tlsDaemonArgs, withoutTlsArgs,
} from '../../../src/engine/launch/exposePolicy';
import { Labels } from '../../../src/engine/levels/labels';
import { tarOf } from '../../../src/engine/transport/tarArchive';
import { subjectAltNames, writePrivateFiles } from '../../../src/engine/transport/tlsMaterial';

function inspectOf(over: { cmd?: string[]; labels?: Record<string, string>; ports?: Record<string, unknown> } = {}): Dockerode.ContainerInspectInfo {
  return {
    Name: '/nested-docker-l1',
    Config: {
      Image: 'nested-docker/dind:local', Hostname: 'l1-l1', Entrypoint: ['/bin/sh', '-c', 'script', '/nested-docker/entrypoint.sh'],
      Cmd: over.cmd ?? ['--debug'], Env: ['NESTED_DOCKER_LEVEL=l1'], Labels: { [Labels.level]: 'l1', ...over.labels }, Tty: false, ExposedPorts: {},
    },
    HostConfig: { Privileged: true, Init: true, Mounts: [{ Type: 'volume', Source: 'nested-docker-l1-data', Target: '/var/lib/docker' }], PortBindings: over.ports ?? {} },
  } as unknown as Dockerode.ContainerInspectInfo;
}

describe('expose a level', () => {
  it('allows loopback silently, names the risk of any other address, and rejects what is not an address or port', () => {
    assert.equal(checkExposeRequest('127.0.0.1', undefined), undefined);
    assert.equal(checkExposeRequest('::1', 2376), undefined);
    assert.match(checkExposeRequest('0.0.0.0', undefined)!, /every network this machine is on.*controls that daemon/);
    assert.match(checkExposeRequest('192.168.1.5', 3000)!, /the network of 192\.168\.1\.5/);
    assert.throws(() => checkExposeRequest('localhost', undefined), /not an IP address/);
    assert.throws(() => checkExposeRequest('127.0.0.1', 70000), /out of range/);
  });

  it('adds a TLS listener only with --tlsverify, and takes exactly it away again', () => {
    const args = tlsDaemonArgs();
    assert.ok(args.includes('--tlsverify'));
    assert.ok(args.some((a) => a.startsWith('--host=tcp://')));
    assert.deepEqual(withoutTlsArgs(['--debug', ...args, '--mtu=1400']), ['--debug', '--mtu=1400']);
  });

  it('recreates the level with the same mode, mounts and labels, plus the port on the chosen address only', () => {
    const exposed = recreateOptions(inspectOf({ labels: { [Labels.nest]: 'n1' } }), { address: '127.0.0.1', port: 2377 });
    assert.equal(exposed.name, 'nested-docker-l1');
    assert.equal(exposed.Labels?.[Labels.nest], undefined, "no nest's token: cut off before its start, it is never rolled back with the level's data");
    assert.equal(exposed.Labels?.[Labels.level], 'l1');
    assert.deepEqual(exposed.Cmd, ['--debug', ...tlsDaemonArgs()]);
    assert.deepEqual(exposed.HostConfig?.PortBindings, { '2376/tcp': [{ HostIp: '127.0.0.1', HostPort: '2377' }] });
    assert.equal(exposed.HostConfig?.Privileged, true);
    assert.equal(exposed.HostConfig?.Mounts?.[0].Source, 'nested-docker-l1-data', 'the data volume is kept');
    assert.equal(exposed.Labels?.[Labels.exposed], '127.0.0.1:2377');
    assert.deepEqual(parseExposedLabel(exposed.Labels?.[Labels.exposed]), { address: '127.0.0.1', port: 2377 });
    const closed = recreateOptions(inspectOf({ cmd: exposed.Cmd as string[], labels: exposed.Labels, ports: exposed.HostConfig?.PortBindings as Record<string, unknown> }), undefined);
    assert.deepEqual(closed.Cmd, ['--debug']);
    assert.deepEqual(closed.HostConfig?.PortBindings, {});
    assert.equal(closed.Labels?.[Labels.exposed], undefined);
    assert.equal(tcpUrl('0.0.0.0', 2376), 'tcp://127.0.0.1:2376');
    assert.equal(tcpUrl('::1', 2376), 'tcp://[::1]:2376');
  });

  it('names every address in the server certificate', () => {
    assert.equal(subjectAltNames(['127.0.0.1']), 'IP:127.0.0.1,DNS:localhost');
    assert.equal(subjectAltNames(['0.0.0.0', '10.1.2.3']), 'IP:127.0.0.1,DNS:localhost,IP:10.1.2.3');
  });

  it('writes the context as the docker CLI stores it (key 0600), hides it from the hosts, and removes only its own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-ctx-'));
    try {
      writeTlsContext(dir, { name: 'nested-docker-l1', description: 'd', host: 'tcp://127.0.0.1:2376', levelId: 'l1', ca: 'CA', cert: 'C', key: 'K' });
      const [ctx] = readDockerContexts(dir);
      assert.equal(ctx.host, 'tcp://127.0.0.1:2376');
      assert.equal(ctx.exposedLevel, 'l1');
      assert.equal(fs.statSync(path.join(ctx.tlsDir!, 'key.pem')).mode & 0o777, 0o600);
      writeTlsContext(dir, { name: 'mine', description: 'd', host: 'tcp://h:1', levelId: 'x', ca: '', cert: '', key: '' });
      const mineMeta = path.join(dir, 'contexts', 'meta', fs.readdirSync(path.join(dir, 'contexts', 'meta')).find((d) => fs.readFileSync(path.join(dir, 'contexts', 'meta', d, 'meta.json'), 'utf8').includes('"mine"'))!, 'meta.json');
      fs.writeFileSync(mineMeta, JSON.stringify({ Name: 'mine', Endpoints: { docker: { Host: 'tcp://h:1' } } }));
      assert.equal(removeTlsContext(dir, 'mine'), false, 'a context the user made is never removed');
      assert.equal(removeTlsContext(dir, 'nested-docker-l1'), true);
      assert.deepEqual(readDockerContexts(dir).map((c) => c.name), ['mine']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps client certificates in a 0700 folder as 0600 files', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nd-certs-')), 'l1');
    writePrivateFiles(dir, { 'key.pem': 'K' });
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(dir, 'key.pem')).mode & 0o777, 0o600);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('hands files to a container as a tar that tar itself reads back with the modes', () => {
    const tar = tarOf([{ name: 'nested-docker/tls/', mode: 0o700 }, { name: 'nested-docker/tls/server-key.pem', mode: 0o600, text: 'KEY\n' }]);
    assert.equal(tar.length % 512, 0);
    const listing = execFileSync('tar', ['-tvf', '-'], { input: tar, encoding: 'utf8' });
    assert.match(listing, /^drwx------ .*nested-docker\/tls\/$/m);
    assert.match(listing, /^-rw------- .* 4 .*nested-docker\/tls\/server-key\.pem$/m);
  });
});
