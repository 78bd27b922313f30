import * as assert from 'assert/strict';
import { record, resetRecord } from '../reliability/record';
import { collapseOwn, guest, guestOk, LevelJson, levels, nd, ndJson, ndOk, preflight, requireVm, RUN, say, vmCtl, waitReady } from './vmSupport';

/** Faults a shared build machine cannot play: the host's dockerd restarted, the host rebooted, a level's disk full. */
describe('VM host: faults (dockerd restart, reboot, full data disk)', function () {
  const keep = `${RUN}-k`;
  const small = `${RUN}-s`;
  /** What each fault ended in, for docs/reliability.md (set by the test, recorded whether it passed or not). */
  let outcome = '';
  before(() => {
    requireVm();
    resetRecord('vm-faults');
  });
  beforeEach(() => {
    outcome = '';
    return waitReady();
  });
  afterEach(function () {
    const t = this.currentTest!;
    const pass = t.state === 'passed';
    record('vm-faults', { suite: 'faults', surface: 'VM host', name: t.title, result: pass ? outcome : `failed: ${t.err?.message.split('\n')[0] ?? 'unknown'}`, orphans: 0, pass });
  });
  after(async () => {
    await waitReady().catch(() => undefined);
    await collapseOwn([keep, small]);
    await guestOk('for d in $(losetup -j /var/lib/nd-small.img -O NAME -n); do losetup -d $d; done; rm -f /var/lib/nd-small.img').catch(() => undefined);
  });

  const shape = async () => (await levels()).filter((l) => l.id === 'host' || l.id.startsWith(RUN)).map((l) => `${l.id}/${l.depth}/${l.state}`);

  /** Collapses (keeping the volume) and nests the same id again: the data made before the fault must be there. */
  async function dataKept(id: string): Promise<void> {
    await ndOk(['collapse', id, '--quiet']);
    const l = await ndJson<LevelJson>(['nest', '--id', id, '--quiet']);
    assert.equal(l.state, 'ready');
    const vols = await ndOk(['exec', id, '--', 'docker', 'volume', 'ls', '-q']);
    assert.match(vols.stdout, /marker/, 'the level found its data again');
  }

  it('a full data disk: a clear disk-space finding, the tree stays true, data kept', async () => {
    // The level's /var/lib/docker on a 400 MB filesystem of its own (a loop device in the guest), made as the
    // product's kept volume of that id, so the product mounts it like any level's volume.
    await guestOk([
      'truncate -s 400M /var/lib/nd-small.img',
      'dev=$(losetup -f --show /var/lib/nd-small.img)',
      'mkfs.ext4 -q -F "$dev"',
      `docker volume create -d local -o type=ext4 -o device="$dev" --label nested-docker.managed=true --label nested-docker.level=${small} nested-docker-${small}-data >/dev/null`,
    ].join(' && '));
    await ndJson<LevelJson>(['nest', '--id', small, '--quiet']);
    await ndOk(['exec', small, '--', 'docker', 'volume', 'create', 'marker']);
    const fill = await nd(['exec', small, '--', 'sh', '-c', 'dd if=/dev/zero of=/var/lib/docker/fill bs=1M 2>&1 | tail -n 2']);
    say(`filling the level's disk: ${fill.stdout.trim().replace(/\n/g, ' | ')}`);
    const imp = await nd(['exec', small, '--', 'sh', '-c', 'tar -C /etc -cf - os-release | docker import - nd-tiny']);
    say(`an import on the full disk: exit ${imp.code}: ${imp.stderr.trim().split('\n').pop()}`);
    assert.notEqual(imp.code, 0);
    assert.match(imp.stderr, /no space left on device/);
    const [r] = await preflight(small);
    const f = r.findings.find((x) => x.id === 'disk-space');
    say(`preflight on the full disk: ${r.findings.map((x) => `${x.severity} ${x.id}`).join(', ')}; evidence: ${f?.evidence}`);
    assert.equal(f?.severity, 'error');
    assert.deepEqual(await shape(), ['host/0/ready', `${small}/1/ready`], 'the tree is true: the level still answers');
    await ndOk(['exec', small, '--', 'rm', '-f', '/var/lib/docker/fill']);
    await ndOk(['exec', small, '--', 'sh', '-c', 'tar -C /etc -cf - os-release | docker import - nd-tiny']);
    const vols = await ndOk(['exec', small, '--', 'docker', 'volume', 'ls', '-q']);
    assert.match(vols.stdout, /marker/, 'data kept');
    await ndOk(['collapse', small, '--purge', '--quiet']);
    outcome = `import refused (no space left on device), preflight error disk-space, level stayed ready; data kept after freeing space`;
  });

  it('the VM\'s dockerd restarted with a level running: the level shows stopped, with a clear state', async () => {
    await ndJson<LevelJson>(['nest', '--id', keep, '--quiet']);
    await ndOk(['exec', keep, '--', 'docker', 'volume', 'create', 'marker']);
    const t0 = Date.now();
    await guestOk('systemctl restart docker');
    await waitReady();
    const after = await shape();
    const ls = (await levels()).find((l) => l.id === keep);
    say(`after restarting the host dockerd (${((Date.now() - t0) / 1000).toFixed(0)} s): ${after.join(' ')}${ls?.error ? ` (${ls.error})` : ''}`);
    assert.deepEqual(after, ['host/0/ready', `${keep}/1/stopped`]);
    const [r] = await preflight(keep);
    say(`preflight of the stopped level: ${r.findings.map((x) => `${x.severity} ${x.id}`).join(', ')}; notes: ${r.notes.join(' | ')}`);
    assert.ok(r.findings.some((x) => x.id === 'daemon-unreachable'), 'a clear state: its daemon is not running');
    outcome = `host ready again after ${((Date.now() - t0) / 1000).toFixed(0)} s, the level stopped (${ls?.error ?? 'no error'}), preflight daemon-unreachable`;
  });

  it('the VM rebooted with that level: the tree is true after the boot, and its data is kept', async () => {
    const bootId = 'cat /proc/sys/kernel/random/boot_id';
    const before = (await guestOk(bootId)).trim();
    const t0 = Date.now();
    await guestOk('systemctl reboot').catch(() => undefined); // the connection may drop before the answer
    // SSH answers until systemd stops sshd, and once more after the boot: only a new boot id says the reboot
    // happened (a nest begun before it would race the shutdown, which is another test's fault).
    for (;;) {
      await new Promise((r) => setTimeout(r, 5000));
      const w = await vmCtl('wait');
      assert.equal(w.code, 0, w.stderr);
      const now = await guest(bootId, 30_000).catch(() => undefined);
      if (now?.code === 0 && now.stdout.trim() !== before) break;
      assert.ok(Date.now() - t0 < 600_000, 'the guest rebooted within 10 minutes');
    }
    // SSH answers before the guest's dockerd does: until then the host is unreachable, which is also true.
    await waitReady();
    const after = await shape();
    say(`after a reboot (${((Date.now() - t0) / 1000).toFixed(0)} s to SSH): ${after.join(' ')}`);
    assert.deepEqual(after, ['host/0/ready', `${keep}/1/stopped`]);
    await dataKept(keep);
    outcome = `SSH after ${((Date.now() - t0) / 1000).toFixed(0)} s, the level listed stopped; collapse and re-nest found its data`;
  });
});
