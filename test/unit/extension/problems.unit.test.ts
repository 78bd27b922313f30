// The Problems panel's choices on builder data: one entry per problem per host, the escalation warning once and
// not after the user accepted it, quick fixes only where nesting again fits, reports of gone levels dropped.
import * as assert from 'assert/strict';
import { headingLine } from '../../../src/extension/commands/troubleshootingSections';
import { problemMessage, problemsByReport, quickFixApplies, reportsOfGoneLevels, StoredReport } from '../../../src/extension/diagnostics/problemSets';
import { describeOptions, toNestOptions } from '../../../src/extension/diagnostics/quickFixes';
import { finding } from '../../builders/findings';

const escalation = () => finding({ id: 'privileged-security', severity: 'warning', title: 'This level can escalate to its host' });
const capsInfo = () => finding({ id: 'caps-unavailable', severity: 'info', title: 'Privileged containers inside this level will fail' });

function report(levelId: string, depth: number, findings = [escalation(), capsInfo()], over: Partial<StoredReport> = {}): StoredReport {
  return { key: `k-${levelId}`, kind: 'preflight', host: 'local', levelId, depth, levelName: depth ? `L${depth} · ${levelId}` : 'Host', findings, ...over };
}

describe('Problems panel: one entry per problem', () => {
  it('shows the escalation warning and a repeated info once per host, on the shallowest level, naming the others', () => {
    const shown = problemsByReport([report('l2', 2), report('host', 0, []), report('l1', 1)], false);
    assert.deepEqual(shown.get('k-l1')!.map((p) => p.finding.id), ['privileged-security', 'caps-unavailable']);
    assert.deepEqual(shown.get('k-l2'), []);
    assert.deepEqual(shown.get('k-l1')![0].alsoOn, ['L2 · l2']);
    assert.match(problemMessage(shown.get('k-l1')![0]), /\(also on L2 · l2\) — /);
    const loud = [...shown.values()].flat().filter((p) => p.finding.severity !== 'info');
    assert.equal(loud.length, 1, 'a healthy two-level tower: one warning at most');
  });

  it('drops the escalation warning once the user accepted the risk', () => {
    const shown = problemsByReport([report('l1', 1), report('l2', 2)], true);
    assert.deepEqual([...shown.values()].flat().map((p) => p.finding.id), ['caps-unavailable']);
  });

  it('keeps hosts apart, and a different severity of the same id as its own problem', () => {
    const shown = problemsByReport([
      report('l1', 1), report('l1', 1, [escalation()], { key: 'k-b', host: 'build' }),
      report('l2', 2, [finding({ id: 'caps-unavailable', severity: 'warning' })]),
    ], false);
    assert.equal(shown.get('k-b')!.length, 1, 'the other host says it too');
    assert.deepEqual(shown.get('k-l2')!.map((p) => p.finding.severity), ['warning']);
  });

  it('shows a failed nest\'s diagnosis in full', () => {
    const failed = report('l1', 1, [escalation(), finding()], { key: 'k-f', kind: 'failed-nest' });
    const shown = problemsByReport([report('l1', 1), failed], false);
    assert.equal(shown.get('k-f')!.length, 2);
  });

  it('offers a quick fix only where nesting again fits: a failed nest or a nested level, never the host', () => {
    const fixable = finding({ fix: { title: 'Nest again in capabilities mode', nestOptions: { mode: 'capabilities' } } });
    assert.ok(quickFixApplies({ kind: 'failed-nest', depth: 0 }, fixable));
    assert.ok(quickFixApplies({ kind: 'preflight', depth: 2 }, fixable));
    assert.ok(!quickFixApplies({ kind: 'preflight', depth: 0 }, fixable));
    assert.ok(!quickFixApplies({ kind: 'preflight', depth: 2 }, finding({ fix: undefined })));
  });

  it('drops reports of levels a host that answered no longer has, and keeps those of a host that did not answer', () => {
    const reports = [report('l1', 1), report('l2', 2), report('l9', 1, [], { key: 'k-b9', host: 'build' })];
    const gone = reportsOfGoneLevels(reports, new Map([['local', new Set(['host', 'l1'])]]));
    assert.deepEqual(gone, ['k-l2']);
  });

  it('says what a quick fix will launch, and passes only the options it sets', () => {
    assert.equal(describeOptions({ mode: 'capabilities', apparmorUnconfined: true }), 'launch mode capabilities, AppArmor unconfined');
    assert.deepEqual(toNestOptions({ iptablesLegacy: true }), { iptablesLegacy: true });
  });

  it('nests again unconfined even where dind.levels.apparmorProfile names a profile (the fix replaces it)', () => {
    const settings = { apparmorProfile: 'docker-default' };
    const options = { ...settings, ...toNestOptions({ apparmorUnconfined: true }) };
    assert.equal(options.apparmorUnconfined, true);
    assert.equal(options.apparmorProfile, undefined);
  });

  it('finds a finding\'s section heading in the troubleshooting guide', () => {
    const md = '# Troubleshooting\n\nintro\n\n## apparmor-denied\ntext\n## not-privileged\n';
    assert.equal(headingLine(md, 'not-privileged'), 6);
    assert.equal(headingLine(md, 'no-such-id'), 0);
  });
});
