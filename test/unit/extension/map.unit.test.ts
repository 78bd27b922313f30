// The Nesting Map's boxes and the status bar item on builder data, without VS Code: the webview only lays out what
// mapState() decides, so a regression in what a box says or offers shows up here.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { actionsOf, boxKey, mapState, MapBox, shortLevelName } from '../../../src/extension/map/mapModel';
import { statusOf } from '../../../src/extension/map/statusModel';
import { levelResources } from '../../../src/engine/session/resources';
import { childNode, containerSummary, hostNode } from '../../builders/levels';

const MiB = 1024 * 1024;

/** Host → L1 → L2 (a container at L2) → L3, and a stopped level beside L1. */
function tower(host = 'local') {
  const root = hostNode({ host, version: '24.0.7', cgroupVersion: '1' });
  const l1 = childNode(root, { id: 'la1', version: '24.0.7', cgroupVersion: '1' });
  const l2 = childNode(l1, { id: 'lb2', transport: 'tunnel', containers: [containerSummary({ name: 'web' }), containerSummary({ id: 'ffff', name: 'db', state: 'exited', status: 'Exited (0)' })] });
  const l3 = childNode(l2, { id: 'lc3' });
  const stopped = childNode(root, { id: 'lz9', state: 'stopped', error: 'container exited: Exited (1)' });
  return { root, l1, l2, l3, stopped };
}

function keys(b: MapBox): string[] {
  return [b.key, ...b.children.flatMap(keys)];
}

describe('Nesting Map model', () => {
  it('nests the boxes as the levels nest: host ⊃ L1 ⊃ L2 ⊃ L3, containers as chips', () => {
    const { root } = tower();
    const state = mapState([root], { maxDepth: 4 });
    assert.equal(state.levelCount, 4);
    assert.equal(state.empty, undefined);
    const [host] = state.towers;
    assert.equal(host.title, 'Host local');
    assert.deepEqual(host.children.map((c) => c.title), ['L1 · la1', 'L1 · lz9']);
    const l2 = host.children[0].children[0];
    assert.equal(l2.kind, 'Inner-inner (L2)');
    assert.deepEqual(l2.facts, ['capabilities', 'tunnel']);
    assert.deepEqual(host.children[0].facts, ['capabilities', 'relay', 'Docker 24.0.7', 'cgroup v1']);
    assert.deepEqual(l2.containers.map((c) => [c.name, c.running]), [['web', true], ['db', false]]);
    assert.deepEqual(l2.children.map((c) => c.title), ['L3 · lc3']);
    assert.deepEqual(keys(host), ['local/host', 'local/la1', 'local/lb2', 'local/lc3', 'local/lz9'], 'stable keys in tree order');
  });

  it('draws one tower per host, side by side, with distinct keys where hosts share level ids', () => {
    const state = mapState([tower('local').root, tower('build').root], { maxDepth: 4 });
    assert.deepEqual(state.towers.map((t) => t.title), ['Host local', 'Host build']);
    const all = state.towers.flatMap(keys);
    assert.equal(new Set(all).size, all.length);
    assert.equal(state.levelCount, 8);
  });

  it('offers on a box what the tree offers on its row', () => {
    const { root, l1, stopped } = tower();
    assert.deepEqual(actionsOf(root.info, 4), ['nest', 'copyDockerHost', 'preflight'], 'the host cannot be removed or entered');
    assert.deepEqual(actionsOf(l1.info, 4), ['nest', 'openTerminal', 'showDaemonLog', 'copyDockerHost', 'preflight', 'remove']);
    assert.deepEqual(actionsOf(l1.info, 1), ['openTerminal', 'showDaemonLog', 'copyDockerHost', 'preflight', 'remove'], 'no nesting below the maximum depth');
    assert.deepEqual(actionsOf(stopped.info, 4), ['showDaemonLog', 'preflight', 'remove']);
    const box = mapState([root], { maxDepth: 4 }).towers[0].children[1];
    assert.equal(box.tone, 'broken');
    assert.equal(box.error, 'container exited: Exited (1)');
  });

  it('shows the details of a level: launch options, relay socket and a ready DOCKER_HOST line', () => {
    const { root } = tower();
    const state = mapState([root], { maxDepth: 4, relayDirs: new Map([['local', '/run/user/1000/nested-docker-1000']]) });
    const details = new Map(state.towers[0].children[0].details);
    assert.equal(details.get('Image'), 'nested-docker/dind:local');
    assert.equal(details.get('Launch mode'), 'capabilities');
    assert.equal(details.get('Data volume'), 'nested-docker-la1-data');
    assert.equal(details.get('Relay socket'), '/run/user/1000/nested-docker-1000/la1.sock');
    assert.equal(details.get('DOCKER_HOST'), 'export DOCKER_HOST=unix:///run/user/1000/nested-docker-1000/la1.sock');
    const tunnelled = new Map(state.towers[0].children[0].children[0].details);
    assert.equal(tunnelled.get('Relay socket'), undefined, 'a level reached by exec tunnel has no socket to show');
    assert.equal(tunnelled.get('DOCKER_HOST'), 'exec tunnel only (use Open Terminal)');
    const hostDetails = new Map(state.towers[0].details);
    assert.equal(hostDetails.get('DOCKER_HOST'), 'export DOCKER_HOST=unix:///var/run/docker.sock');
  });

  it('puts each level\'s figures (with its subtree) on its box, and a finding on a level near its memory limit', () => {
    const { root } = tower();
    const samples = new Map([
      ['la1', { cpuPercent: 12, memoryBytes: 950 * MiB, memoryLimitBytes: 1000 * MiB }],
      ['lb2', { cpuPercent: 2, memoryBytes: 300 * MiB, memoryLimitBytes: 1000 * MiB }],
    ]);
    const resources = new Map(levelResources(root, samples).map((r) => [boxKey(r.host, r.id), r]));
    const l1 = mapState([root], { maxDepth: 4, resources }).towers[0].children[0];
    assert.equal(l1.usage, 'CPU 12.0 % · mem 950 MiB / 1000 MiB');
    assert.equal(l1.memoryShare, 0.95);
    assert.deepEqual(l1.findings.map((f) => f.id), ['memory-limit']);
    assert.equal(new Map(l1.details).get('Memory (own / with nested)'), '650 MiB / 950 MiB of 1000 MiB');
  });

  it('says why there is nothing to draw', () => {
    assert.match(mapState([hostNode({ state: 'unreachable' })], { maxDepth: 4 }).empty ?? '', /No Docker daemon answers/);
    const fresh = mapState([hostNode()], { maxDepth: 4 });
    assert.equal(fresh.levelCount, 0);
    assert.equal(fresh.empty, undefined, 'a ready host with no level is drawn, with its Nest button');
  });
});

describe('level names and the status bar item', () => {
  it('names a level by depth and id, the same in terminal titles, the status bar and the map', () => {
    assert.equal(shortLevelName({ depth: 2, id: 'lc43c9' }), 'L2 · lc43c9');
    assert.equal(shortLevelName({ depth: 0, id: 'host', host: 'local' }), 'Host local');
  });

  it('is there from the start, offers the first nest, then follows the preferred level (the active terminal\'s)', () => {
    assert.equal(statusOf(undefined).text, '$(layers) Nested Docker');
    const empty = statusOf([hostNode()]);
    assert.equal(empty.nestFirst, true);
    const { root } = tower();
    assert.equal(statusOf([root]).text, '$(layers) L3 · lc3', 'the deepest ready level by default');
    assert.equal(statusOf([root], { id: 'la1', host: 'local' }).text, '$(layers) L1 · la1');
    assert.equal(statusOf([root], { id: 'la1', host: 'other' }).text, '$(layers) L3 · lc3', 'a level of another host is not this one');
    assert.match(statusOf([hostNode({ state: 'unreachable' })]).text, /No daemon/);
  });
});

describe('webview and log assets', () => {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

  it('loads nothing remote and builds no markup from level data', () => {
    for (const f of ['media/map/map.js', 'media/map/map.css']) assert.doesNotMatch(read(f), /https?:\/\/|@import|url\(/, f);
    assert.doesNotMatch(read('media/map/map.js'), /innerHTML|outerHTML|insertAdjacentHTML|eval\(/);
    const panel = read('src/extension/map/NestingMapPanel.ts');
    assert.match(panel, /default-src 'none'/);
    assert.match(panel, /script-src 'nonce-\$\{nonce\}'/);
  });

  it('colours daemon log lines by their level', () => {
    const grammar = JSON.parse(read('syntaxes/dockerd-log.tmLanguage.json')) as { patterns: { match?: string; name?: string }[] };
    const scopeOf = (line: string) => grammar.patterns.find((p) => p.match && new RegExp(p.match).test(line))?.name ?? 'text.log';
    assert.match(scopeOf('time="2024-05-01T10:00:00Z" level=error msg="failed to start daemon"'), /log\.error/);
    assert.match(scopeOf('{"level":"warning","msg":"Your kernel does not support swap memory limit"}'), /log\.warning/);
    assert.match(scopeOf('WARN[2024-05-01T10:00:00.000000000Z] could not change group /var/run/docker.sock'), /log\.warning/);
    assert.match(scopeOf('time="2024-05-01T10:00:00Z" level=info msg="Daemon has completed initialization"'), /^text\.log$/);
    assert.match(scopeOf('nested-docker: warning: cgroup-devices-shared: devices shares a hierarchy'), /log\.warning/);
  });
});
