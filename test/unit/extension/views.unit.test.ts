// The tree, the level pickers and the Problems panel on builder data, without VS Code: a UI regression shows up
// here in milliseconds; test/vscode/ still renders the same rows in a real VS Code.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { NestedDockerError } from '../../../src/engine/core/errors';
import { levelChoices, levelNamedBy } from '../../../src/extension/commands/levelChoices';
import { Commands } from '../../../src/extension/constants';
import { failureFindings, failureNotes, isReportOf, reportPath, reportView } from '../../../src/extension/diagnostics/diagnosticModel';
import { resourceRow } from '../../../src/extension/tree/resourceRows';
import { childrenOf, levelRow, messageRow, NO_LEVELS_YET, pathTo, treeFingerprint, TreeOptions, visibleRoots } from '../../../src/extension/tree/treeModel';
import { finding } from '../../builders/findings';
import { childNode, containerSummary, hostNode } from '../../builders/levels';

const OPTS: TreeOptions = { maxDepth: 4, addedHosts: new Set() };

/** Host → l1 (with a container) → l2, and l9 stopped. */
function tower(host = 'local') {
  const root = hostNode({ host, version: '24.0.7', storageDriver: 'overlay2', cgroupVersion: '2' });
  const l1 = childNode(root, { id: 'l1', containers: [containerSummary()] });
  const l2 = childNode(l1, { id: 'l2', transport: 'tunnel' });
  const l9 = childNode(root, { id: 'l9', state: 'stopped', error: 'container exited: Exited (1) 2 minutes ago' });
  return { root, l1, l2, l9 };
}

describe('levels tree rows', () => {
  it('shows each level with its label, description, menu context and state colour', () => {
    const { root, l2, l9 } = tower();
    const host = levelRow(root, OPTS);
    assert.equal(host.label, 'Host');
    assert.equal(host.description, 'local · ready · v24.0.7 · overlay2 · cgroup v2');
    assert.equal(host.contextValue, 'level:ready:root:nestable');
    assert.deepEqual(host.icon, { id: 'server', color: 'ready' });
    const inner = levelRow(l2, OPTS);
    assert.equal(inner.label, 'Inner-inner (L2)');
    assert.equal(inner.description, 'l2 · ready · capabilities · tunnel');
    assert.deepEqual(inner.icon, { id: 'vm-running', color: 'ready' });
    assert.equal(levelRow(l2, { ...OPTS, maxDepth: 2 }).contextValue, 'level:ready:nested', 'no nesting below the maximum depth');
    const stopped = levelRow(l9, OPTS);
    assert.deepEqual(stopped.icon, { id: 'vm-outline', color: 'broken' });
    assert.ok(stopped.expandable, 'its error is a child row');
  });

  it('marks only a root the user added as removable, the same way wherever the row is built', () => {
    const added = hostNode({ host: 'build' });
    const opts = { ...OPTS, addedHosts: new Set(['build']) };
    assert.equal(levelRow(added, opts).contextValue, 'level:ready:root:nestable:removable');
    assert.equal(levelRow(hostNode({ host: 'local' }), opts).contextValue, 'level:ready:root:nestable');
    assert.equal(levelRow(childNode(added, { id: 'l1' }), opts).contextValue, 'level:ready:nested:nestable:exposable');
  });

  it('keeps tree ids distinct across hosts that share level ids, and stable across refreshes', () => {
    const a = tower('local');
    const b = tower('build');
    const ids = [a.root, a.l1, b.root, b.l1].map((n) => levelRow(n, OPTS).treeId);
    assert.equal(new Set(ids).size, 4);
    assert.equal(levelRow(tower('local').l1, OPTS).treeId, ids[1]);
  });

  it('keeps a ready host with nothing nested expandable, with a row that says what to do', () => {
    const empty = hostNode({ host: 'local' });
    assert.ok(levelRow(empty, OPTS).expandable, 'a host that renders collapsed would hide the first level nested on it');
    assert.deepEqual(childrenOf(empty), [{ kind: 'message', message: NO_LEVELS_YET }]);
    const { root } = tower();
    assert.ok(childrenOf(root).every((c) => c.kind !== 'message'), 'no hint once levels exist');
    const dead = hostNode({ host: 'build', state: 'unreachable', error: 'connection refused' });
    assert.deepEqual(childrenOf(dead).map((c) => c.kind === 'message' && c.message), ['connection refused']);
  });

  it('lists a level\'s error first, then its levels, then its groups', () => {
    const { root, l1 } = tower();
    assert.deepEqual(childrenOf(root).map((c) => c.kind === 'level' ? c.node.info.id : c.kind), ['l1', 'l9']);
    assert.deepEqual(childrenOf(l1).map((c) => c.kind), ['level', 'group']);
    const broken = childNode(root, { id: 'lx', state: 'unreachable', error: 'no answer' });
    childNode(broken, { id: 'ly' });
    assert.deepEqual(childrenOf(broken).map((c) => c.kind), ['message', 'level']);
    const row = resourceRow({ kind: 'container', container: containerSummary({ state: 'exited', status: 'Exited (0)' }) }, l1.info);
    assert.equal(row.contextValue, 'container:stopped');
    assert.equal(row.description, 'nginx:alpine · Exited (0)');
    assert.equal(messageRow('no answer', broken.info).icon.color, 'broken');
  });

  it('has a tooltip row per known fact', () => {
    const { l2 } = tower();
    const rows = new Map(levelRow(l2, OPTS).tooltip as [string, string][]);
    assert.equal(rows.get('Level'), 'l2 (L2, on l1)');
    assert.equal(rows.get('DOCKER_HOST'), 'exec tunnel only (use Open Terminal)');
    assert.equal(rows.has('Kernel'), false);
  });

  it('hides a single unreachable host (the welcome view explains it) but shows each of several', () => {
    const down = hostNode({ state: 'unreachable', error: 'connect ENOENT' });
    assert.deepEqual(visibleRoots([down]), []);
    assert.equal(visibleRoots([down, tower('build').root]).length, 2);
  });

  it('finds the path to a level for reveal, on the named host', () => {
    const a = tower('local');
    const b = tower('build');
    assert.deepEqual(pathTo([a.root, b.root], 'l2')?.map((n) => n.info.id), ['host', 'l1', 'l2']);
    assert.equal(pathTo([a.root, b.root], 'l2', 'build')?.[2], b.l2);
    assert.equal(pathTo([a.root], 'nope'), undefined);
  });
});

describe('tree redraws', () => {
  it('needs none when a new snapshot shows the same rows, even with new clients and capability masks', () => {
    const a = tower();
    const b = tower();
    Object.assign(b.l1, { client: { other: 'client' }, container: { id: 'x' }, capsMask: 0xffn });
    Object.assign(a.l1, { capsMask: 0xffn });
    assert.equal(treeFingerprint([b.root]), treeFingerprint([a.root]));
  });

  it('needs one when a level changes state, a container appears or a level goes', () => {
    const base = treeFingerprint([tower().root]);
    const stopped = tower();
    stopped.l2.info.state = 'stopped';
    const busier = tower();
    busier.l1.info.containers = [...(busier.l1.info.containers ?? []), containerSummary({ name: 'web' })];
    const fewer = tower();
    fewer.root.children = fewer.root.children.filter((c) => c !== fewer.l9);
    for (const changed of [stopped, busier, fewer]) assert.notEqual(treeFingerprint([changed.root]), base);
  });
});

describe('level pickers', () => {
  it('offers levels indented by depth, naming the host only when there are several', () => {
    const one = levelChoices([tower().root], { title: 'Open Terminal', includeHost: false });
    assert.ok('choices' in one);
    assert.deepEqual(one.choices.map((c) => c.label), ['  Inner (L1)', '    Inner-inner (L2)', '  Inner (L1)']);
    assert.doesNotMatch(one.choices[0].description, /local/);
    const two = levelChoices([tower('local').root, tower('build').root], { title: 'Go to Level' });
    assert.ok('choices' in two);
    assert.equal(two.choices.length, 8);
    assert.match(two.choices[4].description, /^build · /);
  });

  it('says why there is nothing to pick', () => {
    const none = levelChoices([hostNode({ state: 'unreachable' })], { title: 'Open Terminal' });
    assert.ok('nothing' in none && none.nothing === 'no-daemon');
    const empty = levelChoices([hostNode()], { title: 'Show Daemon Log', includeHost: false });
    assert.ok('nothing' in empty && empty.nothing === 'no-level');
    assert.match(empty.message, /no level to show daemon log/);
    const filtered = levelChoices([tower().root], { title: 'Nest One Level', filter: (n) => n.info.state === 'ready' });
    assert.ok('choices' in filtered && !filtered.choices.some((c) => c.node.info.id === 'l9'));
  });

  it('finds a level named by id, or by id and host', () => {
    const a = tower('local');
    const b = tower('build');
    assert.equal(levelNamedBy([a.root, b.root], 'l2'), a.l2);
    assert.equal(levelNamedBy([a.root, b.root], { id: 'l2', host: 'build' }), b.l2);
    assert.equal(levelNamedBy([a.root], { parentId: 'x' }), undefined);
  });
});

describe('Problems panel model', () => {
  it('points each problem at its evidence line and leaves out disabled ids', () => {
    const view = reportView('Preflight of Inner (L1) l1', [finding(), finding({ id: 'vfs-fallback', severity: 'warning', evidence: 'Driver: vfs' })], ['note'], ['vfs-fallback']);
    assert.deepEqual(view.findings.map((f) => f.id), ['caps-unavailable']);
    assert.equal(view.problems.length, 1);
    assert.match(view.text.split('\n')[view.problems[0].line], /evidence: unable to apply caps/);
    assert.equal(view.problems[0].message, 'The daemon cannot grant every capability — nest in capabilities mode');
  });

  it('shows a failed nest by its diagnosis, else by the error and the last log line', () => {
    const diagnosed = Object.assign(new NestedDockerError('level l1: boom', 'fix it', 'start-timeout'), { findings: [finding()] });
    assert.deepEqual(failureFindings(diagnosed).map((f) => f.id), ['caps-unavailable']);
    const bare = new NestedDockerError('level l1: its daemon did not answer', 'raise the timeout', 'start-timeout', 'starting\nlast words\n');
    assert.deepEqual(failureFindings(bare), [{ id: 'start-timeout', severity: 'error', title: 'level l1: its daemon did not answer', evidence: 'last words', hint: 'raise the timeout' }]);
    assert.deepEqual(failureNotes('host', bare), ['Nest One Level on host failed: level l1: its daemon did not answer', 'Daemon log tail:', 'starting', 'last words']);
  });

  it('names reports per host and level, and finds those of collapsed levels', () => {
    assert.equal(reportPath(undefined, 'l1', 'preflight', 'Inner (L1) · l1'), '/local/l1/Inner (L1) · l1 — preflight');
    assert.ok(isReportOf(`dind-preflight:${reportPath('build', 'l1', 'failed-nest', 'Inner (L1) · l1')}`, ['l0', 'l1']));
    assert.ok(!isReportOf(`dind-preflight:${reportPath('build', 'l10', 'preflight', 'Inner (L1) · l10')}`, ['l1']));
  });
});

describe('contributed commands', () => {
  it('are exactly the ids the extension registers', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), Object.values(Commands).sort());
  });
});
