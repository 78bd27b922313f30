// How the tree draws a DooD level and an exposed level (view models on builder data).
import * as assert from 'assert/strict';
import { notExposableReason } from '../../../src/extension/commands/levelChoices';
import { levelRow, TreeOptions } from '../../../src/extension/tree/treeModel';
import { childNode, hostNode } from '../../builders/levels';

const rows = (t: string | [string, string][]): [string, string][] => (typeof t === 'string' ? [] : t);

const OPTS: TreeOptions = { maxDepth: 4, addedHosts: new Set() };

describe('tree rows of DooD and exposed levels', () => {
  it('draws a DooD level as a sibling sharing its parent\'s daemon, not a host nor a nesting, and offers no nest', () => {
    const host = hostNode();
    const dood = childNode(host, { id: 'ci', depth: 0, mode: 'dood', sharesDaemonOf: 'host', volume: null });
    const row = levelRow(dood, OPTS);
    assert.equal(row.label, 'DooD ci');
    assert.match(row.description!, /sibling · shares the daemon of host \(socket mounted, not nested\)/);
    assert.equal(row.icon.id, 'plug');
    assert.equal(row.contextValue, 'level:ready:nested:dood');
    assert.ok(!row.contextValue.includes('nestable'));
    assert.ok(rows(row.tooltip).some(([k, v]) => k === 'Shares the daemon of' && v === 'host'));
  });

  it('says where an exposed level listens and which context reaches it', () => {
    const l1 = childNode(hostNode(), { id: 'l1', exposed: { address: '127.0.0.1', port: 2376 } });
    const row = levelRow(l1, OPTS);
    assert.ok(rows(row.tooltip).some(([k, v]) => k === 'Exposed over TLS' && v === '127.0.0.1:2376 (docker --context nested-docker-l1)'));
  });

  it('offers Expose on a ready L1 and Unexpose on an exposed one, through the row\'s menu context', () => {
    const host = hostNode();
    assert.match(levelRow(childNode(host, { id: 'l1' }), OPTS).contextValue, /^level:ready:nested\b.*:exposable$/);
    assert.match(levelRow(childNode(host, { id: 'l1', exposed: { address: '127.0.0.1', port: 2376 } }), OPTS).contextValue, /:exposed$/);
    const l2 = childNode(childNode(host, { id: 'l1' }), { id: 'l2' });
    assert.doesNotMatch(levelRow(l2, OPTS).contextValue, /expos/);
  });

  it('says why a level cannot be exposed, naming the button that helps', () => {
    const host = hostNode();
    const l1 = childNode(host, { id: 'l1' });
    assert.equal(notExposableReason(l1), undefined);
    childNode(l1, { id: 'l2' });
    assert.match(notExposableReason(l1)!, /nested levels \(l2\).*Remove Level…/);
    assert.match(notExposableReason(childNode(host, { id: 'x', exposed: { address: '127.0.0.1', port: 2376 } }))!, /Unexpose Daemon/);
    assert.match(notExposableReason(childNode(childNode(host, { id: 'a' }), { id: 'b' }))!, /only levels nested directly on the host/i);
    assert.match(notExposableReason(childNode(host, { id: 'ci', mode: 'dood', sharesDaemonOf: 'host' }))!, /DooD level/);
  });
});
