// The per-level explorer (issue 10) on builder data: groups, rows and menus of containers, images, volumes and
// networks; stopped, remembered and data-only levels; the copy pickers.
import * as assert from 'assert/strict';
import { copyTargets, imageChoices } from '../../../src/extension/commands/levelChoices';
import { splitWords } from '../../../src/engine/core/words';
import { containerNameProblem } from '../../../src/extension/commands/runRequest';
import { levelContextValue } from '../../../src/extension/tree/contextValues';
import { groupRow, groupsOf, itemsOf, resourceRow } from '../../../src/extension/tree/resourceRows';
import { childrenOf, levelRow, TreeOptions } from '../../../src/extension/tree/treeModel';
import { childNode, containerSummary, hostNode, imageSummary, networkSummary, volumeSummary } from '../../builders/levels';

const OPTS: TreeOptions = { maxDepth: 4, addedHosts: new Set() };

function explored() {
  const root = hostNode({ host: 'local' });
  const l1 = childNode(root, { id: 'l1' });
  const l2 = childNode(l1, {
    id: 'l2',
    containers: [containerSummary(), containerSummary({ id: 'dead', name: 'old', state: 'exited', status: 'Exited (0) 1 minute ago' })],
    images: [imageSummary(), imageSummary({ id: 'sha256:abcdef0123456789', tags: [], size: 5e6 })],
    volumes: [volumeSummary(), volumeSummary({ name: 'cache', usedBy: ['web'] }), volumeSummary({ name: 'nested-docker-l3-data', levelData: 'l3' })],
    networks: [networkSummary(), networkSummary({ id: 'n2', name: 'app', builtin: false }), networkSummary({ id: 'n3', name: 'busy', builtin: false, usedBy: ['web'] })],
  });
  const l3 = childNode(l2, { id: 'l3' });
  return { root, l1, l2, l3 };
}

describe('per-level explorer', () => {
  it('shows child levels apart from the Containers, Images, Volumes and Networks groups', () => {
    const { l2 } = explored();
    assert.deepEqual(childrenOf(l2).map((c) => (c.kind === 'group' ? c.group : c.kind)), ['level', 'containers', 'images', 'volumes', 'networks']);
    const containers = groupRow(l2.info, 'containers');
    assert.equal(containers.description, '1 running · 2');
    assert.equal(containers.collapsed, false, 'containers open, the rest closed');
    assert.equal(groupRow(l2.info, 'images').collapsed, true);
    assert.notEqual(groupRow(l2.info, 'images').treeId, groupRow(explored().l1.info, 'images').treeId);
  });

  it('gives an empty group another id than the same group with items, so the first container run into it shows open', () => {
    const { l2 } = explored();
    const empty = groupRow({ ...l2.info, containers: [] }, 'containers');
    const filled = groupRow(l2.info, 'containers');
    assert.equal(empty.expandable, false);
    assert.notEqual(empty.treeId, filled.treeId);
    assert.equal(filled.collapsed, false);
    assert.equal(groupRow(l2.info, 'containers').treeId, filled.treeId, 'stable while it has items');
  });

  it('shows no groups on a level that cannot be asked, and only the groups discovery listed', () => {
    const { l1 } = explored();
    assert.deepEqual(groupsOf(l1.info), [], 'a level discovered without containers or resources');
    assert.deepEqual(groupsOf({ ...l1.info, containers: [] }), ['containers']);
    assert.deepEqual(groupsOf({ ...l1.info, state: 'stopped', containers: [containerSummary()] }), []);
  });

  it('gives containers a state menu context, icon and description', () => {
    const { l2 } = explored();
    const [running, stopped] = itemsOf(l2.info, 'containers').map((i) => resourceRow(i, l2.info));
    assert.deepEqual([running.contextValue, running.icon], ['container:running', { id: 'debug-start', color: 'ready' }]);
    assert.deepEqual([stopped.contextValue, stopped.icon.id], ['container:stopped', 'debug-stop']);
    assert.equal(stopped.description, 'nginx:alpine · Exited (0) 1 minute ago');
  });

  it('labels images by tag and size, untagged ones by short id', () => {
    const { l2 } = explored();
    const [tagged, bare] = itemsOf(l2.info, 'images').map((i) => resourceRow(i, l2.info));
    assert.deepEqual([tagged.label, tagged.description, tagged.contextValue], ['alpine:3', '7.8 MB · 1 container(s)', 'image']);
    assert.equal(bare.label, '<none> abcdef012345');
  });

  it('offers Remove only for volumes and networks nothing uses, never for a level\'s data or the daemon\'s own', () => {
    const { l2 } = explored();
    const volumes = itemsOf(l2.info, 'volumes').map((i) => resourceRow(i, l2.info));
    assert.deepEqual(volumes.map((v) => v.contextValue), ['volume:unused', 'volume:inuse', 'volume:leveldata']);
    assert.equal(volumes[2].description, 'data of level l3');
    const networks = itemsOf(l2.info, 'networks').map((i) => resourceRow(i, l2.info));
    assert.deepEqual(networks.map((n) => n.contextValue), ['network:builtin', 'network:unused', 'network:inuse']);
  });

  it('says when a stopped level stopped and why, and keeps its remembered children listed as unreachable', () => {
    const root = hostNode();
    const l1 = childNode(root, {
      id: 'l1', state: 'stopped', stoppedAt: '2030-01-02T03:04:05Z', stopReason: 'exit 137 (killed)', error: 'stopped at 2030-01-02T03:04:05Z: exit 137 (killed)',
    });
    const l2 = childNode(l1, { id: 'l2', state: 'unreachable', error: 'parent L1 stopped', remembered: true });
    const row = levelRow(l1, OPTS);
    assert.match(row.description ?? '', /^l1 · stopped .*2030.* · exit 137 \(killed\)$/);
    assert.equal(row.contextValue, 'level:stopped:nested');
    assert.ok(new Map(row.tooltip as [string, string][]).get('Stopped')?.includes('exit 137'));
    assert.deepEqual(childrenOf(l1).map((c) => c.kind), ['message', 'level'], 'the reason, then the child');
    const child = levelRow(l2, OPTS);
    assert.equal(child.description, 'l2 · unreachable (parent L1 stopped)');
    assert.equal(child.contextValue, 'level:parent-down:nested', 'no Collapse or Daemon Log on a level nobody can reach');
    assert.doesNotMatch(child.contextValue, /^level:\w+:nested\b/);
    assert.deepEqual(childrenOf(l2), [], 'no repeated reason under each remembered child');
  });

  it('lists a data-only level with its volume, and only the data-only menus', () => {
    const root = hostNode();
    const kept = childNode(root, { id: 'old', state: 'data-only', containerId: null, volume: 'nested-docker-old-data' });
    const row = levelRow(kept, OPTS);
    assert.equal(row.description, 'old · data only · nested-docker-old-data');
    assert.equal(row.icon.id, 'database');
    assert.equal(levelContextValue(kept.info, 4), 'level:data-only:nested');
    assert.doesNotMatch(row.contextValue, /^level:\w+:nested\b/, 'Collapse and Show Daemon Log do not apply');
  });

  it('offers as copy targets the other ready levels of the same host', () => {
    const { root, l1, l2, l3 } = explored();
    const stopped = childNode(root, { id: 'l9', state: 'stopped' });
    const elsewhere = childNode(hostNode({ host: 'build' }), { id: 'l1' });
    const ok = copyTargets(l2);
    assert.deepEqual([root, l1, l2, l3, stopped, elsewhere].map(ok), [true, true, false, true, false, false]);
    assert.deepEqual(imageChoices(l2).map((c) => c.ref), ['alpine:3', 'sha256:abcdef0123456789']);
  });

  it('splits a Run… command into arguments without a shell', () => {
    assert.deepEqual(splitWords(`sh -c 'echo "hi there"; sleep 1'`), ['sh', '-c', 'echo "hi there"; sleep 1']);
    assert.deepEqual(splitWords('  '), []);
    assert.equal(containerNameProblem(''), undefined);
    assert.match(containerNameProblem('-bad name') ?? '', /Letters, digits/);
  });
});
