// runPreflight's orchestration over a stub engine, and the CLI's report formats and --disable parsing.
import * as assert from 'node:assert/strict';
import { findingJson, formatReports, parseDisabled, reportJson } from '../../../src/cli/commands/preflight';
import { LevelNode } from '../../../src/engine/levels/levelNode';
import { makeFinding, runChecks } from '../../../src/engine/preflight';
import { hasErrors, LevelReport, PreflightEngine, runPreflight } from '../../../src/engine/preflight/preflight';

/** A host daemon that does not answer, reached over TCP (so nothing local is read). */
function deadHost(): PreflightEngine {
  const root: LevelNode = {
    info: {
      id: 'host', depth: 0, parentId: null, state: 'unreachable', mode: 'host', transport: 'tcp', containerId: null,
      containerName: null, image: null, volume: null, dockerHost: 'tcp://10.0.0.9:2376', error: 'connect ECONNREFUSED 10.0.0.9:2376',
    },
    children: [],
  };
  return { host: { url: 'tcp://10.0.0.9:2376', kind: 'tcp' }, tree: async () => root };
}

describe('runPreflight', () => {
  it('reports an unreachable host as a daemon-unreachable error, not an exception', async () => {
    const [report] = await runPreflight(deadHost());
    assert.equal(report.levelId, 'host');
    assert.deepEqual(report.findings.map((f) => f.id), ['daemon-unreachable']);
    assert.match(report.findings[0].evidence, /ECONNREFUSED/);
    assert.ok(hasErrors([report]));
  });

  it('honours disabled ids', async () => {
    const [report] = await runPreflight(deadHost(), undefined, { disabled: ['daemon-unreachable'] });
    assert.deepEqual(report.findings, []);
  });

  it('refuses an unknown level id, saying why', async () => {
    await assert.rejects(runPreflight(deadHost(), 'nope'), /host daemon does not answer/);
  });
});

describe('nested-docker preflight output', () => {
  const facts = { depth: 1, mode: 'capabilities' as const, reachable: true, capBnd: '000001fffeffffff', levelId: 'l1', notes: ['the kernel log is hidden here'] };
  const report: LevelReport = {
    levelId: 'l1', depth: 1, parentId: 'host', mode: 'capabilities', state: 'ready', findings: runChecks(facts), notes: facts.notes, facts,
  };

  it('prints the documented JSON shape, facts only on request', () => {
    const json = reportJson(report) as { findings: Record<string, unknown>[]; facts?: unknown };
    assert.deepEqual(Object.keys(json), ['levelId', 'depth', 'parentId', 'mode', 'state', 'findings', 'notes']);
    assert.deepEqual(Object.keys(json.findings[0]).sort(), ['docs', 'evidence', 'hint', 'id', 'severity', 'title']);
    assert.ok((reportJson(report, true) as { facts?: unknown }).facts);
    const withFix = findingJson(makeFinding('cgroup-readonly', 'cgroup /sys/fs/cgroup/cpu cgroup ro 0 0', { line: 3 }));
    assert.deepEqual(withFix.fix, { title: 'Nest again in auto mode (sysbox, privileged, then capabilities)', nestOptions: { mode: 'auto' } });
    assert.equal(withFix.line, undefined);
  });

  it('prints a readable report with notes and a summary', () => {
    const text = formatReports([report]);
    assert.match(text, /^ {2}l1 \(depth 1, capabilities, ready\)/);
    assert.match(text, /WARNING privileged-security/);
    // capabilities mode inherits its parent's gap on purpose: info, and no quick fix that would change nothing
    assert.match(text, /INFO caps-unavailable/);
    assert.equal(report.findings.find((f) => f.id === 'caps-unavailable')?.fix, undefined);
    assert.match(text, /note: the kernel log is hidden here/);
    assert.match(text, /1 level: 0 errors, 1 warning, 1 info/);
  });

  it('parses --disable lists and refuses unknown ids', () => {
    assert.deepEqual(parseDisabled(['privileged-security,nesting-depth', ' vfs-fallback ']), ['privileged-security', 'nesting-depth', 'vfs-fallback']);
    assert.throws(() => parseDisabled(['privileged-securty']), /unknown check id privileged-securty/);
  });
});
