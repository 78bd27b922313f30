import * as assert from 'assert/strict';
import { collapseOwn, FindingJson, guest, guestOk, keep, LevelJson, nd, ndJson, ndOk, preflight, requireVm, RUN, say, waitReady } from './vmSupport';

/**
 * A privileged level launched under AppArmor's docker-default profile (`--apparmor-profile docker-default`, for hosts
 * whose policy forbids unconfined containers). The kernel stays in its default (quiet) audit mode, where
 * docker-default's mount denials print no `apparmor="DENIED"` line: the diagnosis must come from facts.
 */
describe('VM host: AppArmor docker-default on a privileged level', function () {
  const aa = `${RUN}-aa`;
  const child = `${RUN}-aa2`;
  const fixed = `${RUN}-aafix`;
  before(() => requireVm());
  beforeEach(() => waitReady());
  after(async () => {
    await guest('echo -n normal > /sys/module/apparmor/parameters/audit').catch(() => undefined);
    await collapseOwn([aa, fixed]);
    await guest('docker rmi nd-tiny').catch(() => undefined);
  });

  const ids = (fs: FindingJson[]) => fs.map((f) => `${f.severity} ${f.id}`).join(', ');

  it('degrades or fails for real, and the failed nest and preflight name apparmor-denied (quiet audit mode)', async () => {
    assert.equal((await guestOk('cat /sys/module/apparmor/parameters/audit')).trim(), 'normal', 'the kernel\'s default audit mode');
    const since = (await guestOk('date +%s')).trim();
    const r = await nd(['nest', '--id', aa, '--apparmor-profile', 'docker-default', '--json', '--quiet']);
    let failure: { error: string; findings: FindingJson[] } | undefined;
    if (r.code !== 0) {
      failure = JSON.parse(r.stdout) as { error: string; findings: FindingJson[] };
      keep('apparmor-nest-failure.json', r.stdout);
      say(`nest under docker-default failed: ${failure.error.split('\n')[0]}; findings: ${ids(failure.findings)}`);
    } else {
      const l = JSON.parse(r.stdout) as LevelJson;
      say(`nest under docker-default degraded: level ${l.id} ${l.state} (${l.mode}) on storage driver ${l.storageDriver}`);
      assert.equal(l.mode, 'privileged');
      const label = (await ndOk(['exec', aa, '--', 'cat', '/proc/1/attr/current'])).stdout.trim();
      say(`the level's AppArmor label: ${label}`);
      assert.match(label, /^docker-default \(enforce\)/, 'the profile really applies');
      const [report] = await preflight(aa);
      keep('apparmor-level-daemon.log', (await nd(['logs', aa, '--tail', '300'])).stdout);
      keep('apparmor-preflight.json', JSON.stringify(report, null, 2));
      const first = report.findings[0];
      say(`preflight of ${aa}: ${ids(report.findings)}; evidence: ${first?.evidence}`);
      assert.equal(first?.id, 'apparmor-denied');
      assert.equal(first.severity, 'error');
      assert.ok(!report.findings.some((f) => f.id === 'not-privileged'), 'it holds every capability: not a privilege problem');
      // Its daemon cannot import any image: nesting inside it fails when the image is loaded into it. A one-file image
      // (the guest's static busybox) is enough to show it: the load is refused at its first layer, whatever its size,
      // and the 200 MB dind image would cost minutes of emulated copying for the same refusal.
      await guestOk('docker image inspect nd-tiny >/dev/null 2>&1 || tar -C / -cf - usr/bin/busybox | docker import - nd-tiny >/dev/null');
      const n = await nd(['nest', '--parent', aa, '--id', child, '--image', 'nd-tiny', '--json', '--quiet']);
      assert.notEqual(n.code, 0, 'a level nested in it cannot be seeded');
      failure = JSON.parse(n.stdout) as { error: string; findings: FindingJson[] };
      keep('apparmor-nest-inside-failure.json', n.stdout);
      say(`nest inside it failed: ${failure.error.split('\n')[0].slice(0, 300)}; findings: ${ids(failure.findings)}`);
    }
    assert.equal(failure.findings[0]?.id, 'apparmor-denied', JSON.stringify(failure.findings));
    assert.ok(!failure.findings.some((f) => f.id === 'not-privileged'));
    const denied = await guestOk(`journalctl -k -q --since @${since} --no-pager | grep -c 'apparmor="DENIED"' || true`);
    say(`kernel lines apparmor="DENIED" meanwhile (quiet audit): ${denied.trim()}`);
  });

  it('names apparmor-denied from the kernel\'s DENIED lines where the kernel prints them (audit=noquiet)', async () => {
    await guestOk('echo -n noquiet > /sys/module/apparmor/parameters/audit');
    const levels = await ndJson<LevelJson[]>(['ls']);
    const target = levels.find((l) => l.id === aa && l.state === 'ready');
    assert.ok(target, 'the confined level runs (degraded), so a denial can be provoked inside it');
    // `docker exec` runs unconfined even here (only the container's own processes carry docker-default), so the
    // denial is provoked where users meet it: an image import, whose layer is applied by the confined dockerd.
    const since = (await guestOk('date +%s')).trim();
    const imp = await nd(['exec', aa, '--', 'sh', '-c', 'tar -C / -cf - usr/bin/busybox | docker import - nd-tiny']);
    say(`an import inside the confined level: exit ${imp.code}: ${imp.stderr.trim().split('\n').pop()}`);
    assert.notEqual(imp.code, 0);
    // With journald listening on the audit socket (Debian's default), the kernel hands AppArmor records to it
    // (_TRANSPORT=audit) instead of the printk ring: they are in the journal, not in dmesg.
    const kernel = await guestOk(`journalctl -q --since @${since} --no-pager -o short-monotonic | grep 'apparmor="DENIED"' || true`);
    const inDmesg = await guestOk(`dmesg | grep -c 'apparmor="DENIED"' || true`);
    keep('apparmor-noquiet-kernel.txt', kernel);
    say(`kernel (journal): ${kernel.trim().split('\n').length} DENIED lines, e.g. ${kernel.trim().split('\n')[0]}; in dmesg: ${inDmesg.trim()}`);
    assert.match(kernel, /apparmor="DENIED" operation="\w+".*profile="docker-default"/);
    const fromKernel = await classifyText(kernel);
    say(`classify of those kernel lines: ${ids(fromKernel)}`);
    assert.equal(fromKernel[0]?.id, 'apparmor-denied');
    assert.equal(fromKernel[0].severity, 'error');
    const [report] = await preflight(aa);
    const f = report.findings.find((x) => x.id === 'apparmor-denied');
    say(`preflight of ${aa} with noquiet: ${ids(report.findings)}; evidence: ${f?.evidence}`);
    assert.equal(f?.severity, 'error');
    await guestOk('echo -n normal > /sys/module/apparmor/parameters/audit');
  });

  it('the quick fix (nest again AppArmor-unconfined) succeeds', async () => {
    const l = await ndJson<LevelJson>(['nest', '--id', fixed, '--apparmor-unconfined', '--quiet']);
    const label = (await ndOk(['exec', fixed, '--', 'cat', '/proc/1/attr/current'])).stdout.trim();
    const [report] = await preflight(fixed);
    say(`quick fix: ${l.id} ${l.state} (${l.mode}), storage ${l.storageDriver}, label ${label}; preflight: ${ids(report.findings) || 'no findings'}`);
    assert.equal(l.storageDriver, 'overlay2');
    assert.match(label, /^unconfined/);
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error' || f.id === 'apparmor-denied'), []);
  });
});

async function classifyText(text: string): Promise<FindingJson[]> {
  const { spawnSync } = await import('child_process');
  const path = await import('path');
  const cli = path.resolve(__dirname, '..', '..', '..', 'bin', 'nested-docker.js');
  const r = spawnSync(process.execPath, [cli, 'classify', '-', '--json'], { input: text, encoding: 'utf8' });
  const parsed = JSON.parse(r.stdout) as FindingJson[] | { findings: FindingJson[] };
  return Array.isArray(parsed) ? parsed : parsed.findings;
}
