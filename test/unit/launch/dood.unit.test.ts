// DooD: the container made for it, and the two pitfalls found in what was run from it.
import * as assert from 'assert/strict';
import { doodContainerOptions, portBindingsOf } from '../../../src/engine/launch/dood';
import { Labels } from '../../../src/engine/levels/labels';
import { DoodObservation, doodFindings, parentSidePath } from '../../../src/engine/preflight/dood';

const observation = (over: Partial<DoodObservation> = {}): DoodObservation => ({
  doodId: 'd1', parentId: 'host',
  doodMounts: [{ source: '/var/run/docker.sock', destination: '/var/run/docker.sock' }, { source: '/home/user/data', destination: '/data' }],
  mergedDir: '/var/lib/docker/overlay2/abc/merged', containers: [], presentInDood: new Set(), emptyAtParent: new Set(),
  published: new Map([[8080, 'nested-docker-d1']]), freePort: (p) => p + 1, ...over,
});

describe('DooD level', () => {
  it('mounts the parent\'s socket, is neither privileged nor given capabilities, and is labelled a sibling', () => {
    const o = doodContainerOptions({ id: 'd1', image: 'img', parent: { id: 'l1', depth: 1 }, parentSocket: '/var/run/docker.sock', ports: ['8080:8080'], binds: ['/home/user/data:/data'] });
    assert.deepEqual(o.HostConfig?.Binds, ['/var/run/docker.sock:/var/run/docker.sock', '/home/user/data:/data']);
    assert.equal(o.HostConfig?.Privileged, undefined);
    assert.equal(o.HostConfig?.CapAdd, undefined);
    assert.equal(o.Labels?.[Labels.mode], 'dood');
    assert.equal(o.Labels?.[Labels.depth], '1', 'same depth as the parent whose daemon it shares');
    assert.equal(o.Labels?.[Labels.doodOf], 'l1');
    assert.deepEqual(o.HostConfig?.PortBindings, { '8080/tcp': [{ HostIp: '', HostPort: '8080' }] });
  });

  it('reads ports and binds, and rejects what it cannot read with the form to use', () => {
    assert.deepEqual(portBindingsOf(['127.0.0.1:9000:80/udp']).bindings, { '80/udp': [{ HostIp: '127.0.0.1', HostPort: '9000' }] });
    assert.throws(() => portBindingsOf(['80']), /write HOST:CONTAINER/);
    assert.throws(() => doodContainerOptions({ id: 'd', image: 'i', parent: { id: 'host', depth: 0 }, parentSocket: '/s', binds: ['data:/data'] }), /absolute paths/);
  });

  it('translates a path inside the DooD container to the parent: through its deepest mount, else its layer', () => {
    const mounts = [{ source: '/home/user/data', destination: '/data' }, { source: '/srv/x', destination: '/data/x' }];
    assert.deepEqual(parentSidePath(mounts, '/m', '/data/a.txt'), { path: '/home/user/data/a.txt', via: 'mount' });
    assert.deepEqual(parentSidePath(mounts, '/m', '/data/x/y'), { path: '/srv/x/y', via: 'mount' });
    assert.deepEqual(parentSidePath(mounts, '/m', '/data2'), { path: '/m/data2', via: 'layer' }, '/data2 is not under /data');
    assert.equal(parentSidePath([], undefined, '/etc'), undefined);
  });

  it('reports a bind source that is the DooD container\'s, with the parent-side path to use', () => {
    const [f] = doodFindings(observation({ containers: [{ name: 'web', binds: [{ source: '/data', destination: '/srv' }] }] }));
    assert.equal(f.id, 'dood-volume-path');
    assert.match(f.evidence, /mounts \/data of host, not the \/data of d1; that one is \/home\/user\/data on host: use -v \/home\/user\/data:\/srv/);
    const layer = doodFindings(observation({
      containers: [{ name: 'w', binds: [{ source: '/build', destination: '/b' }] }], presentInDood: new Set(['/build']), emptyAtParent: new Set(['/build']),
    }));
    assert.match(layer[0].evidence, /\/var\/lib\/docker\/overlay2\/abc\/merged\/build .*own layer/);
    assert.deepEqual(doodFindings(observation({ containers: [{ name: 'w', binds: [{ source: '/etc/ssl', destination: '/ssl' }] }], presentInDood: new Set(['/etc/ssl']) })), [],
      'a path the parent has too is not flagged');
  });

  it('reports a port already taken at the parent, who holds it and a free one', () => {
    const [f] = doodFindings(observation({ containers: [{ name: 'web', binds: [], error: 'driver failed programming external connectivity on endpoint web (x): Bind for 0.0.0.0:8080 failed: port is already allocated' }] }));
    assert.equal(f.id, 'dood-port-conflict');
    assert.match(f.evidence, /could not publish port 8080: .*on host, already by nested-docker-d1; port 8081 is free there: use -p 8081:/);
    assert.deepEqual(doodFindings(observation({ containers: [{ name: 'ok', binds: [], error: 'exec format error' }] })), []);
  });
});
