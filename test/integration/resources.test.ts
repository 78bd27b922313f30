// Resources per level against a memory hog and a file of known size at L2: `ls --resources --json` must see them in
// L2 and in L1's subtree (within 20 %), and not in L1's own share.
import * as assert from 'assert/strict';
import { assertDockerReady, cli, cliJson, collapseQuietly, LevelJson, RUN, sweep } from './support';

interface Figures { cpuPercent: number; memoryBytes: number; diskBytes: number | null }
type WithResources = LevelJson & {
  resources: (Figures & { subtree: Figures; memoryLimitBytes: number | null; diskAvailableBytes: number | null; findings: unknown[] }) | null;
};

const MiB = 1024 * 1024;
const HOG_MIB = 256;
const FILE_MIB = 128;

async function figures(): Promise<Map<string, NonNullable<WithResources['resources']>>> {
  const levels = await cliJson<WithResources[]>(['ls', '--resources', '--json']);
  return new Map(levels.filter((l) => l.resources).map((l) => [l.id, l.resources!]));
}

function within(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected) / expected;
  assert.ok(error <= 0.2, `${what}: ${(actual / MiB).toFixed(1)} MiB, expected ${(expected / MiB).toFixed(1)} MiB ±20 % (off by ${(error * 100).toFixed(0)} %)`);
}

describe('resources per level (real daemon, memory hog at L2)', function () {
  this.timeout(300_000);
  const a = `${RUN}-ra`;
  const b = `${RUN}-rb`;

  before(async () => {
    assertDockerReady();
    await cliJson<LevelJson>(['nest', '--id', a, '--json', '--quiet']);
    await cliJson<LevelJson>(['nest', '--parent', a, '--id', b, '--json', '--quiet']);
  });
  after(async () => {
    await collapseQuietly(a);
    sweep();
  });

  it('reports CPU, memory and disk for each level and its subtree, and sees a hog of known size', async () => {
    const before = await figures();
    for (const id of [a, b]) {
      const r = before.get(id);
      assert.ok(r, `${id} has figures`);
      assert.ok(r.memoryBytes > 0 && r.subtree.memoryBytes >= r.memoryBytes, `${id}: memory own ≤ subtree`);
      assert.ok(r.memoryLimitBytes && r.memoryLimitBytes >= r.subtree.memoryBytes, `${id}: a limit above use`);
      assert.ok(r.subtree.diskBytes !== null && r.diskAvailableBytes !== null, `${id}: disk measured`);
      assert.ok(r.cpuPercent >= 0);
    }
    assert.ok(before.get(a)!.subtree.memoryBytes >= before.get(b)!.subtree.memoryBytes, 'L1 subtree includes L2');

    // 256 MiB held in tmpfs (memory charged to L2's cgroup until the file is removed) and 128 MiB on L2's data volume.
    const hog = await cli(['exec', b, '--', '/bin/sh', '-c',
      `dd if=/dev/zero of=/tmp/hog bs=1M count=${HOG_MIB} 2>/dev/null && dd if=/dev/urandom of=/var/lib/docker/hog bs=1M count=${FILE_MIB} 2>/dev/null && sync`]);
    assert.equal(hog.code, 0, hog.stderr);
    try {
      const after = await figures();
      const delta = (id: string, f: (r: NonNullable<WithResources['resources']>) => number) => f(after.get(id)!) - f(before.get(id)!);
      within(delta(b, (r) => r.subtree.memoryBytes), HOG_MIB * MiB, 'L2 memory');
      within(delta(a, (r) => r.subtree.memoryBytes), HOG_MIB * MiB, 'L1 memory with its subtree');
      assert.ok(Math.abs(delta(a, (r) => r.memoryBytes)) < 0.2 * HOG_MIB * MiB, `L1's own memory leaves L2's hog out (moved by ${(delta(a, (r) => r.memoryBytes) / MiB).toFixed(1)} MiB)`);
      within(delta(b, (r) => r.subtree.diskBytes ?? 0), FILE_MIB * MiB, 'L2 disk');
      within(delta(a, (r) => r.subtree.diskBytes ?? 0), FILE_MIB * MiB, 'L1 disk with its subtree');
    } finally {
      await cli(['exec', b, '--', 'rm', '-f', '/tmp/hog', '/var/lib/docker/hog']);
    }
  });

  it('prints the same figures as a table with `top --once`', async () => {
    const r = await cli(['top', '--once', '--no-disk']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^LEVEL\s+STATE\s+CPU %\s+MEMORY/m);
    assert.match(r.stdout, new RegExp(`^\\s+${b}\\s+ready\\s+\\d+\\.\\d\\s+\\d`, 'm'));
  });
});
