// Per-level figures from stats readings and du/df output, own and over the subtree, and the findings they raise.
import * as assert from 'assert/strict';
import { resourceFindings } from '../../../src/engine/preflight/resourceFindings';
import { levelResources, parseDiskReport, statsSample } from '../../../src/engine/session/resources';
import { childNode, hostNode } from '../../builders/levels';

const MiB = 1024 * 1024;

describe('level resources', () => {
  it('computes CPU % and memory like docker stats (cgroup v1 and v2 shapes)', () => {
    const v1 = statsSample({
      cpu_stats: { cpu_usage: { total_usage: 3_000_000_000, percpu_usage: [1, 2] }, system_cpu_usage: 20_000_000_000 },
      precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 18_000_000_000 },
      memory_stats: { usage: 300 * MiB, limit: 2048 * MiB, stats: { total_inactive_file: 100 * MiB } },
    });
    assert.deepEqual(v1, { cpuPercent: 100, memoryBytes: 200 * MiB, memoryLimitBytes: 2048 * MiB });
    const v2 = statsSample({
      cpu_stats: { cpu_usage: { total_usage: 500 }, system_cpu_usage: 2000, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 },
      memory_stats: { usage: 50 * MiB, limit: 100 * MiB, stats: { inactive_file: 10 * MiB } },
    });
    assert.equal(v2?.memoryBytes, 40 * MiB);
    assert.equal(v2?.cpuPercent, 0, 'no previous reading yet: no CPU figure rather than a made-up one');
    assert.equal(statsSample({ memory_stats: {} }), undefined, 'a stopped container has no figures');
  });

  it('reads du and df output, and refuses output that lacks either', () => {
    const text = '524288\t/var/lib/docker\nFilesystem     1024-blocks      Used Available Capacity Mounted on\n/dev/sda1        10485760   8388608   2097152      80% /var/lib/docker\n';
    assert.deepEqual(parseDiskReport(text), { usedBytes: 512 * MiB, availableBytes: 2048 * MiB, filesystemBytes: 10240 * MiB });
    assert.equal(parseDiskReport('du: cannot access\n'), undefined);
  });

  it('sums a subtree from the nesting of cgroups and volumes: own = subtree minus children', () => {
    const root = hostNode({ host: 'local' });
    const l1 = childNode(root, { id: 'l1' });
    childNode(l1, { id: 'l2' });
    childNode(root, { id: 'l9' });
    const samples = new Map([
      ['l1', { cpuPercent: 30, memoryBytes: 500 * MiB, memoryLimitBytes: 4096 * MiB }],
      ['l2', { cpuPercent: 10, memoryBytes: 200 * MiB, memoryLimitBytes: 4096 * MiB }],
      ['l9', { cpuPercent: 5, memoryBytes: 100 * MiB, memoryLimitBytes: 4096 * MiB }],
    ]);
    const disks = new Map([
      ['l1', { usedBytes: 900 * MiB, availableBytes: 1, filesystemBytes: 2 }],
      ['l2', { usedBytes: 300 * MiB, availableBytes: 1, filesystemBytes: 2 }],
    ]);
    const r = new Map(levelResources(root, samples, disks).map((x) => [x.id, x]));
    assert.deepEqual([...r.keys()], ['host', 'l1', 'l2', 'l9'], 'tree order');
    assert.deepEqual(r.get('l1')!.subtree, { cpuPercent: 30, memoryBytes: 500 * MiB, diskBytes: 900 * MiB });
    assert.deepEqual(r.get('l1')!.own, { cpuPercent: 20, memoryBytes: 300 * MiB, diskBytes: 600 * MiB });
    assert.deepEqual(r.get('l2')!.own, r.get('l2')!.subtree, 'a leaf owns its subtree');
    assert.equal(r.get('host')!.subtree.memoryBytes, 600 * MiB, 'the host sums its levels');
    assert.equal(r.get('host')!.subtree.diskBytes, null, 'unknown while one level has no disk figure (l9)');
    assert.equal(r.get('l9')!.own.diskBytes, null);
  });

  it('raises memory-limit from 90 % of the limit and disk-space from 90 % of the filesystem', () => {
    const root = hostNode();
    childNode(root, { id: 'hog' });
    const near = levelResources(root, new Map([['hog', { cpuPercent: 0, memoryBytes: 950 * MiB, memoryLimitBytes: 1000 * MiB }]]),
      new Map([['hog', { usedBytes: 10, availableBytes: 50 * MiB, filesystemBytes: 1000 * MiB }]]));
    const found = resourceFindings(near[1]);
    assert.deepEqual(found.map((f) => [f.id, f.severity]), [['memory-limit', 'warning'], ['disk-space', 'warning']]);
    assert.match(found[0].evidence, /L1 hog uses 950 MiB of 1000 MiB \(95 %\)/);
    const fine = levelResources(root, new Map([['hog', { cpuPercent: 0, memoryBytes: 100 * MiB, memoryLimitBytes: 1000 * MiB }]]));
    assert.deepEqual(resourceFindings(fine[1]), []);
  });
});
