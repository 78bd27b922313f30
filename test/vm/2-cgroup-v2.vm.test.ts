import * as assert from 'assert/strict';
import { collapseOwn, keep, LevelJson, nd, ndJson, ndOk, preflight, requireVm, RUN, say, waitReady } from './vmSupport';

/** A level launched without the wrapper's cgroup v2 preparation (`--no-cgroup-setup`, a debugging option). */
describe('VM host: cgroup v2 without the init-group move', function () {
  const id = `${RUN}-nocg`;
  before(() => requireVm());
  after(async () => {
    await collapseOwn([id]);
  });

  it('is diagnosed cgroup-v2-nesting by preflight before anything fails', async () => {
    const l = await ndJson<LevelJson>(['nest', '--id', id, '--no-cgroup-setup', '--quiet']);
    assert.equal(l.cgroupVersion, '2');
    const [r] = await preflight(id);
    const f = r.findings.find((x) => x.id === 'cgroup-v2-nesting');
    say(`preflight of ${id} (${r.mode}, no cgroup setup) before any container: ${r.findings.map((x) => `${x.severity} ${x.id}`).join(', ')}; evidence: ${f?.evidence}`);
    assert.ok(f, JSON.stringify(r.findings));
    assert.match(f.evidence, /cgroup\.subtree_control is empty|cgroup\.type/);
  });

  it('and from the real error once a container with limits fails, in the CLI error and the daemon log', async () => {
    // Under emulation on a busy machine the level's daemon can miss the product's 5 s ping for a while (a true
    // "unreachable"): wait until it answers again before driving it.
    await waitReady(id);
    // A one-file image made inside the level (its busybox is static): no seeding of the 200 MB dind image needed.
    await ndOk(['exec', id, '--', 'sh', '-c', 'tar -C / -cf - usr/bin/busybox | docker import - nd-tiny']);
    const plain = await nd(['exec', id, '--', 'docker', 'run', '--rm', 'nd-tiny', '/usr/bin/busybox', 'true']);
    const limited = await nd(['exec', id, '--', 'docker', 'run', '--rm', '--memory', '64m', '--cpus', '0.5', 'nd-tiny', '/usr/bin/busybox', 'true']);
    say(`plain container: exit ${plain.code}; with --memory/--cpus: exit ${limited.code}: ${limited.stderr.trim().split('\n').pop()}`);
    keep('cgroup-v2-limited-run.stderr.txt', limited.stderr);
    assert.equal(plain.code, 0, `plain containers still start: ${plain.stderr}`);
    assert.notEqual(limited.code, 0, 'a container with limits cannot start');
    assert.match(limited.stderr, /cannot enter cgroupv2|cgroup/);
    const fromError = await classifyText(limited.stderr);
    assert.ok(fromError.includes('cgroup-v2-nesting'), `classify of the CLI error: ${fromError}`);
    const logs = await ndOk(['logs', id, '--tail', '200']);
    keep('cgroup-v2-daemon.log', logs.stdout + logs.stderr);
    const [r] = await preflight(id);
    keep('cgroup-v2-preflight.json', JSON.stringify(r, null, 2));
    const errors = r.findings.filter((x) => x.id === 'cgroup-v2-nesting');
    say(`preflight after the failure: ${r.findings.map((x) => `${x.severity} ${x.id}`).join(', ')}; evidence: ${errors[0]?.evidence}`);
    assert.equal(errors[0]?.severity, 'error', 'the daemon log now proves it');
    // The first proof wins: the root group's type (domain threaded once a plain container ran), or the log line.
    assert.match(errors[0].evidence, /subtree controllers|cannot enter cgroupv2|cgroup\.type.*threaded/);
    const line = logs.stdout.split('\n').find((l) => /failed to write subtree controllers|cannot enter cgroupv2/.test(l));
    say(`daemon log line: ${line}`);
    assert.ok(line, 'the daemon log names the failure');
  });
});

async function classifyText(text: string): Promise<string[]> {
  const { spawnSync } = await import('child_process');
  const path = await import('path');
  const cli = path.resolve(__dirname, '..', '..', '..', 'bin', 'nested-docker.js');
  const r = spawnSync(process.execPath, [cli, 'classify', '-', '--json'], { input: text, encoding: 'utf8' });
  const parsed = JSON.parse(r.stdout) as { id: string }[] | { findings: { id: string }[] };
  return (Array.isArray(parsed) ? parsed : parsed.findings).map((f) => f.id);
}
