// Mounts denied despite CAP_SYS_ADMIN, under a confining AppArmor label: apparmor-denied from facts, with the
// kernel in its default (quiet) audit mode, where no apparmor="DENIED" line exists.
import * as assert from 'node:assert/strict';
import { classify, explainDenials, LevelFacts, runChecks } from '../../../src/engine/preflight';

// Texts as the VM host prints them (Debian 12, kernel 6.1, AppArmor enforcing, dockerd 20.10.24; the captured
// originals are fixtures under test/fixtures/preflight/): a privileged level
// launched with `--apparmor-profile docker-default`.
const DAEMON_LOG = [
  'time="2026-12-02T10:20:01.512Z" level=error msg="failed to mount overlay: permission denied" storage-driver=overlay2',
  'time="2026-12-02T10:20:01.530Z" level=info msg="[graphdriver] using prior storage driver: vfs"',
].join('\n');
const IMPORT_ERROR = 'Error response from daemon: ApplyLayer exit status 1 stdout:  stderr: remount /, flags: 0x84000: permission denied';

describe('explainDenials (AppArmor from facts)', () => {
  it('turns permission-denied mounts of a level with CAP_SYS_ADMIN under docker-default into apparmor-denied', () => {
    const text = `${DAEMON_LOG}\n${IMPORT_ERROR}`;
    const plain = classify(text).map((f) => f.id);
    assert.ok(plain.includes('not-privileged'), `text alone reads as not privileged: ${plain}`);
    const out = explainDenials(classify(text), text, { apparmorProfile: 'docker-default (enforce)', apparmorEnabled: true, sysAdmin: true });
    assert.equal(out[0].id, 'apparmor-denied');
    assert.equal(out[0].severity, 'error');
    assert.match(out[0].evidence, /failed to mount overlay: permission denied.*docker-default \(enforce\)/);
    assert.deepEqual(out[0].fix?.nestOptions, { apparmorUnconfined: true });
    assert.equal(out.find((f) => f.id === 'not-privileged'), undefined);
    assert.ok(out.some((f) => f.id === 'vfs-fallback'), 'the fallback to vfs is a true consequence and stays');
  });

  it('finds the denial in a failed import alone', () => {
    const out = explainDenials(classify(IMPORT_ERROR), IMPORT_ERROR, { apparmorProfile: 'docker-default', sysAdmin: true });
    assert.deepEqual(out.map((f) => f.id), ['apparmor-denied']);
  });

  it('changes nothing when the level is unconfined, AppArmor is off, or CAP_SYS_ADMIN is missing', () => {
    const text = DAEMON_LOG;
    const base = classify(text).map((f) => f.id);
    for (const facts of [
      { apparmorProfile: 'unconfined', apparmorEnabled: true, sysAdmin: true },
      { apparmorProfile: 'docker-default (enforce)', apparmorEnabled: false, sysAdmin: true },
      { apparmorProfile: 'docker-default (enforce)', apparmorEnabled: true, sysAdmin: false },
      { apparmorEnabled: true, sysAdmin: true },
    ]) {
      assert.deepEqual(explainDenials(classify(text), text, facts).map((f) => f.id), base, JSON.stringify(facts));
    }
  });

  it('makes preflight name apparmor-denied (error, first) for such a level, and not not-privileged', () => {
    const facts: LevelFacts = {
      depth: 1, mode: 'privileged', reachable: true,
      info: { ServerVersion: '20.10.24+dfsg1', Driver: 'vfs', CgroupVersion: '2', KernelVersion: '6.1.0-50-amd64' },
      capBnd: '0000003fffffffff', capEff: '0000003fffffffff', capLastCap: 40,
      apparmorEnabled: true, apparmorProfile: 'docker-default (enforce)',
      daemonLog: DAEMON_LOG,
    };
    const found = runChecks(facts);
    assert.equal(found[0].id, 'apparmor-denied');
    assert.equal(found[0].severity, 'error');
    assert.ok(!found.some((f) => f.id === 'not-privileged' || f.id === 'caps-unavailable'), found.map((f) => f.id).join());
    // without the denied mounts in any log, the label alone is a warning (nothing failed yet)
    const quiet = runChecks({ ...facts, daemonLog: undefined, info: { ...facts.info, Driver: 'overlay2' } });
    assert.deepEqual(quiet.filter((f) => f.id === 'apparmor-denied').map((f) => f.severity), ['warning']);
  });
});

describe('kernel denials are the whole host\'s', () => {
  // As the VM suite saw it: a confined level's refused import, logged while a healthy unconfined level ran beside it.
  const DENIED = '[  361.332634] audit: type=1400 audit(1796230504.080:6): apparmor="DENIED" operation="mount" info="failed perms check" error=-13 profile="docker-default" name="/" pid=3520 comm="exe" flags="rw, rslave"';
  const level = (apparmorProfile?: string): LevelFacts => ({
    depth: 1, mode: 'privileged', reachable: true,
    info: { ServerVersion: '20.10.24+dfsg1', Driver: 'overlay2', CgroupVersion: '2' },
    capBnd: '0000003fffffffff', capEff: '0000003fffffffff', capLastCap: 40,
    apparmorEnabled: true, apparmorProfile, dmesg: DENIED,
  });
  const severity = (facts: LevelFacts) => runChecks(facts).filter((f) => f.id === 'apparmor-denied').map((f) => f.severity);

  it('are information on a level that another profile confines, or none', () => {
    assert.deepEqual(severity(level('unconfined')), ['info']);
    // (a level confined by any profile also gets the label's own warning: nothing failed in it yet)
    assert.ok(!severity(level('other-profile (enforce)')).includes('error'));
  });

  it('are this level\'s error when they name the profile confining it, or when its label is unknown', () => {
    assert.deepEqual(severity(level('docker-default (enforce)')), ['error']);
    assert.deepEqual(severity(level(undefined)), ['error']);
  });
});

describe('cgroup v2 nesting from the daemon\'s own words', () => {
  it('recognises "failed to write subtree controllers" and the runtime\'s refusals', () => {
    const daemon = 'time="2026-12-02T10:31:12.210Z" level=warning msg="failed to enable controllers ([cpuset cpu io memory hugetlb pids rdma misc])" error="failed to write subtree controllers [cpuset cpu io memory hugetlb pids rdma misc] to \\"/sys/fs/cgroup/docker/cgroup.subtree_control\\": write /sys/fs/cgroup/docker/cgroup.subtree_control: no such file or directory"';
    assert.deepEqual(classify(daemon).map((f) => f.id), ['cgroup-v2-nesting']);
    const threaded = 'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply cgroup configuration: cannot enter cgroupv2 "/sys/fs/cgroup/docker" with domain controllers -- it is in threaded mode: unknown.';
    assert.deepEqual(classify(threaded).map((f) => f.id), ['cgroup-v2-nesting']);
  });
});
