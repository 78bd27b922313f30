// Pure parts of issue 10's engine: why a level stopped, which children start with it, image references, the
// remembered children of a stopped level, and what "in use" means for volumes and networks.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { splitTag } from '../../../src/engine/launch/imageCopy';
import { KnownLevels } from '../../../src/engine/levels/knownLevels';
import { endedWithParent, finishedAt, stopReason } from '../../../src/engine/levels/levelState';
import { summarizeImages, summarizeNetworks, summarizeVolumes } from '../../../src/engine/levels/resourceSummaries';
import { childNode, hostNode } from '../../builders/levels';

describe('level lifecycle facts', () => {
  it('says why a level stopped', () => {
    assert.equal(stopReason({ ExitCode: 137 }), 'exit 137 (killed)');
    assert.equal(stopReason({ ExitCode: 137, OOMKilled: true }), 'out of memory (OOM-killed, exit 137)');
    assert.equal(stopReason({ ExitCode: 255 }), 'exit 255 (lost when its parent daemon went down)');
    assert.equal(stopReason({ Status: 'created', ExitCode: 0 }), 'never started: created, then cut off before its start');
    assert.equal(stopReason({ ExitCode: 130 }), 'exit 130 (signal 2)');
    assert.equal(stopReason({ ExitCode: 1, Error: 'oci runtime error' }), 'exit 1 (its daemon failed): oci runtime error');
    assert.equal(finishedAt({ FinishedAt: '0001-01-01T00:00:00Z' }), undefined, 'Go\'s zero time means unknown');
  });

  it('starts again the children that went down with their parent, not those stopped long before', () => {
    const parentEnd = '2030-01-01T12:00:00Z';
    assert.ok(endedWithParent({ FinishedAt: '2030-01-01T12:00:30Z' }, parentEnd), 'ended after (restored by the daemon)');
    assert.ok(endedWithParent({ FinishedAt: '2030-01-01T11:59:50Z' }, parentEnd), 'stopped deepest first just before');
    assert.ok(endedWithParent({ FinishedAt: '0001-01-01T00:00:00Z' }, parentEnd), 'end never recorded');
    assert.ok(!endedWithParent({ FinishedAt: '2030-01-01T10:00:00Z' }, parentEnd), 'stopped by the user two hours before');
  });

  it('reads an image reference as the docker CLI does', () => {
    assert.deepEqual(splitTag('alpine'), { repo: 'alpine', tag: 'latest' });
    assert.deepEqual(splitTag('nested-docker/dind:local'), { repo: 'nested-docker/dind', tag: 'local' });
    assert.deepEqual(splitTag('registry:5000/team/app'), { repo: 'registry:5000/team/app', tag: 'latest' });
    assert.equal(splitTag('sha256:0123456789abcdef'), undefined);
    assert.equal(splitTag('alpine@sha256:0123'), undefined);
  });
});

describe('remembered levels', () => {
  it('keeps the children of a level that answered, for when it cannot, and forgets levels gone for good', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-known-'));
    try {
      const file = path.join(dir, 'known-levels.json');
      const root = hostNode();
      const l1 = childNode(root, { id: 'l1' });
      childNode(l1, { id: 'l2' });
      childNode(l1, { id: 'old', state: 'data-only', containerId: null });
      new KnownLevels('unix:///a', file).remember(root);
      // A fresh process (the CLI after the extension) reads the same memory; another host's key stays apart.
      assert.deepEqual(new KnownLevels('unix:///a', file).childrenOf('c-l1').map((r) => r.id), ['l2']);
      assert.deepEqual(new KnownLevels('unix:///b', file).childrenOf('c-l1'), []);
      assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
      // l1 stopped: its entry stays; once l1 is gone, so is its entry.
      const stopped = hostNode();
      childNode(stopped, { id: 'l1', state: 'stopped' });
      new KnownLevels('unix:///a', file).remember(stopped);
      assert.equal(new KnownLevels('unix:///a', file).childrenOf('c-l1').length, 1);
      new KnownLevels('unix:///a', file).remember(hostNode());
      assert.deepEqual(new KnownLevels('unix:///a', file).childrenOf('c-l1'), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resource summaries', () => {
  const containers = [
    { Id: 'c1', Names: ['/web'], Image: 'nginx', ImageID: 'sha256:img', State: 'running', Status: 'Up', Created: 1,
      Mounts: [{ Type: 'volume', Name: 'data' }, { Type: 'bind', Source: '/x' }], NetworkSettings: { Networks: { app: {} } } },
    { Id: 'c2', Names: ['/old'], Image: 'nginx', ImageID: 'sha256:img', State: 'exited', Status: 'Exited', Created: 1,
      Mounts: [{ Type: 'volume', Name: 'data' }], NetworkSettings: { Networks: { stale: {} } } },
  ] as unknown as Dockerode.ContainerInfo[];

  it('counts the containers of each image and leaves <none> tags out', () => {
    const images = summarizeImages([
      { Id: 'sha256:img', RepoTags: ['nginx:latest'], Size: 10, Created: 1 },
      { Id: 'sha256:dangling', RepoTags: ['<none>:<none>'], Size: 5, Created: 2 },
    ] as unknown as Dockerode.ImageInfo[], containers);
    assert.deepEqual(images.map((i) => [i.tags, i.containers]), [[['nginx:latest'], 2], [[], 0]]);
  });

  it('knows which volumes are mounted and which hold a level\'s data', () => {
    const volumes = summarizeVolumes([
      { Name: 'data', Driver: 'local' },
      { Name: 'nested-docker-l2-data', Driver: 'local', Labels: { 'nested-docker.managed': 'true', 'nested-docker.level': 'l2' } },
    ], containers);
    assert.deepEqual(volumes.map((v) => [v.name, v.usedBy, v.levelData]), [['data', ['web', 'old'], undefined], ['nested-docker-l2-data', [], 'l2']]);
  });

  it('counts only running containers on a network, and lists the daemon\'s own first', () => {
    const networks = summarizeNetworks([
      { Id: 'n1', Name: 'stale', Driver: 'bridge', Scope: 'local' },
      { Id: 'n2', Name: 'app', Driver: 'bridge', Scope: 'local' },
      { Id: 'n3', Name: 'bridge', Driver: 'bridge', Scope: 'local' },
    ] as unknown as Dockerode.NetworkInspectInfo[], containers);
    assert.deepEqual(networks.map((n) => [n.name, n.builtin, n.usedBy]), [['bridge', true, []], ['app', false, ['web']], ['stale', false, []]]);
  });
});
