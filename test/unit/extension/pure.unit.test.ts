import * as assert from 'assert/strict';
import { firstFileOfTar, sinceSeconds } from '../../../src/engine/session/logStream';
import { renderReport } from '../../../src/extension/diagnostics/reportDocument';
import { containerContextValue, levelContextValue, levelDescription, levelLabel } from '../../../src/extension/tree/contextValues';
import type { LevelInfo } from '../../../src/engine/core/types';

const level = (over: Partial<LevelInfo>): LevelInfo => ({
  id: 'l1', depth: 1, parentId: 'host', state: 'ready', mode: 'capabilities', transport: 'relay', containerId: 'c',
  containerName: 'n', image: 'i', volume: 'v', dockerHost: null, ...over,
});

describe('tree grammar (no VS Code needed)', () => {
  it('builds the contextValue that package.json menus match', () => {
    assert.equal(levelContextValue(level({ depth: 0, id: 'host' }), 4), 'level:ready:root:nestable');
    assert.equal(levelContextValue(level({ depth: 2 }), 4), 'level:ready:nested:nestable');
    assert.equal(levelContextValue(level({ depth: 4 }), 4), 'level:ready:nested', 'no nesting below the maximum depth');
    assert.equal(levelContextValue(level({ state: 'stopped' }), 4), 'level:stopped:nested');
    assert.equal(containerContextValue('running'), 'container:running');
    assert.equal(containerContextValue('exited'), 'container:stopped');
  });

  it('names levels Host → Inner (L1) → Inner-inner (L2) → …', () => {
    assert.deepEqual([0, 1, 2, 3, 5].map(levelLabel), ['Host', 'Inner (L1)', 'Inner-inner (L2)', 'Inner-inner-inner (L3)', 'Inner×5 (L5)']);
    assert.equal(
      levelDescription(level({ version: '20.10.24', storageDriver: 'overlay2', cgroupVersion: '1' })),
      'l1 · ready · capabilities · relay · v20.10.24 · overlay2 · cgroup v1',
    );
  });
});

describe('report documents', () => {
  it('puts each finding\'s evidence on its own line and records where', () => {
    const r = renderReport('Preflight of L1', [
      { id: 'caps-unavailable', severity: 'error', title: 'Caps', evidence: 'unable to apply caps\nsecond line', hint: 'use capabilities mode', fix: { title: 'Nest again in capabilities mode', nestOptions: { mode: 'capabilities' } } },
      { id: 'privileged-security', severity: 'warning', title: 'Privileged', evidence: 'mode capabilities', hint: 'prefer sysbox' },
    ], ['a note']);
    const lines = r.text.split('\n');
    assert.equal(r.evidenceLines.length, 2);
    assert.equal(lines[r.evidenceLines[0]], '  evidence: unable to apply caps ⏎ second line');
    assert.equal(lines[r.evidenceLines[1]], '  evidence: mode capabilities');
    assert.ok(r.text.includes('quick fix: Nest again in capabilities mode'));
    assert.ok(r.text.includes('docs: docs/troubleshooting.md#caps-unavailable'));
    assert.match(renderReport('x', []).text, /No problems found/);
  });
});

describe('log --since', () => {
  it('turns durations into timestamps the API understands', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    assert.equal(sinceSeconds('10m', now), now / 1000 - 600);
    assert.equal(sinceSeconds('2h', now), now / 1000 - 7200);
    assert.equal(sinceSeconds(1700000000, now), 1700000000);
    assert.equal(sinceSeconds('2026-11-22T11:00:00Z', now), now / 1000 - 3600);
    assert.equal(sinceSeconds(undefined, now), undefined);
  });
});

describe('reading a log file out of a stopped level', () => {
  it('takes the first entry of the archive docker returns', () => {
    const content = Buffer.from('failed to start daemon: unknown flag\n');
    const header = Buffer.alloc(512, 0);
    header.write('dockerd.log', 0);
    header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
    const tar = Buffer.concat([header, content, Buffer.alloc(512 - content.length), Buffer.alloc(1024)]);
    assert.equal(firstFileOfTar(tar).toString(), content.toString());
    assert.equal(firstFileOfTar(Buffer.alloc(10)).length, 0);
  });
});
