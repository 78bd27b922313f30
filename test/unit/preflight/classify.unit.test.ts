// Focused behaviour of classify(): dedup, root-cause order, sources, wrapper warnings, noise.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';

// Real lines, taken from the fixtures' threads.
const APPARMOR_MOUNT =
  'type=AVC msg=audit(1444521663.545:61650): apparmor="DENIED" operation="mount" info="failed srcname match" error=-13 profile="/usr/bin/docker" name="/.pivot_root465400889/" pid=1214931 comm="exe" flags="rw, rprivate"';
const APPARMOR_PTRACE =
  'kernel: [ 1540.111610] type=1400 audit(1398416431.103:53): apparmor="DENIED" operation="ptrace" profile="docker-default" pid=2774 comm="ps" requested_mask="trace" denied_mask="trace" peer="docker-default"';
const CANNOT_CONNECT = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
const GRAPHDRIVER = 'FATA[0000] Error starting daemon: error initializing graphdriver: driver not supported';
const OVER_OVERLAY = 'ERRO[2020-05-11T15:33:01.063878712Z] \'overlay2\' is not supported over overlayfs    storage-driver=overlay2';
const CONTAINERD_AUFS_SKIP =
  'time="2026-11-22T12:22:53.497799768Z" level=info msg="skip loading plugin \\"io.containerd.snapshotter.v1.aufs\\"..." error="aufs is not supported (modprobe aufs failed: exec: \\"modprobe\\": executable file not found in $PATH \\"\\"): skip plugin" type=io.containerd.snapshotter.v1';

describe('classify', () => {
  it('returns nothing for empty or unrelated text', () => {
    assert.deepEqual(classify(''), []);
    assert.deepEqual(classify('hello\nworld\n'), []);
  });

  it('fills every field from the catalog, with the trimmed line as evidence', () => {
    const [f] = classify(`   ${CANNOT_CONNECT}   \n`);
    assert.equal(f.id, 'daemon-unreachable');
    assert.equal(f.severity, 'error');
    assert.equal(f.evidence, CANNOT_CONNECT);
    assert.equal(f.line, 1);
    assert.equal(f.docs, 'troubleshooting.md#daemon-unreachable');
    assert.ok(f.title.length > 0 && f.hint.length > 0);
  });

  it('deduplicates by id, keeping the earliest of the strongest lines', () => {
    const findings = classify([APPARMOR_PTRACE, CANNOT_CONNECT, APPARMOR_MOUNT, CANNOT_CONNECT].join('\n'));
    assert.deepEqual(findings.map((f) => f.id), ['apparmor-denied', 'daemon-unreachable']);
    const apparmor = findings[0];
    assert.equal(apparmor.severity, 'error');
    assert.equal(apparmor.evidence, APPARMOR_MOUNT);
    assert.equal(apparmor.line, 3);
    assert.equal(findings[1].line, 2);
  });

  it('puts the root cause before its symptoms, whatever the order of the lines', () => {
    const text = [CANNOT_CONNECT, GRAPHDRIVER, OVER_OVERLAY].join('\n');
    assert.deepEqual(classify(text).map((f) => f.id), ['overlay-on-overlay', 'storage-driver-unsupported', 'daemon-unreachable']);
  });

  it('lists informational findings after actionable ones', () => {
    const text = [APPARMOR_PTRACE, 'WARN[0001] Running modprobe nf_nat failed with message: `modprobe: can\'t change directory to \'/lib/modules\': No such file or directory`, error: exit status 1', CANNOT_CONNECT].join('\n');
    assert.deepEqual(classify(text).map((f) => [f.id, f.severity]), [
      ['daemon-unreachable', 'error'],
      ['apparmor-denied', 'info'],
      ['kernel-module-missing', 'info'],
    ]);
  });

  it('does not take the containerd aufs probe of a healthy start for a missing aufs module', () => {
    assert.deepEqual(classify(CONTAINERD_AUFS_SKIP), []);
  });

  it('does not mistake an AppArmor record logged as type=AVC for SELinux', () => {
    assert.deepEqual(classify(APPARMOR_MOUNT).map((f) => f.id), ['apparmor-denied']);
  });

  it('strips terminal colours and CRLF before matching', () => {
    const [f] = classify(`\u001b[31m${CANNOT_CONNECT}\u001b[0m\r\n`);
    assert.equal(f.evidence, CANNOT_CONNECT);
  });

  it('leaves out disabled ids', () => {
    const text = [OVER_OVERLAY, GRAPHDRIVER].join('\n');
    assert.deepEqual(classify(text, { disabled: ['overlay-on-overlay'] }).map((f) => f.id), ['storage-driver-unsupported']);
  });

  describe('sources', () => {
    it('reads /proc/1/cgroup: devices sharing a line is flagged, alone it is fine, v2 is fine', () => {
      const shared = classify('4:cpu,cpuacct,devices:/\n3:memory:/\n', { source: 'proc-cgroup' });
      assert.deepEqual(shared.map((f) => [f.id, f.evidence, f.line]), [['cgroup-devices-shared', '4:cpu,cpuacct,devices:/', 1]]);
      assert.deepEqual(classify('5:devices:/\n3:cpu,cpuacct:/\n', { source: 'proc-cgroup' }), []);
      assert.deepEqual(classify('0::/\n', { source: 'proc-cgroup' }), []);
    });

    it('applies docker-info-only rules to docker info output alone', () => {
      const info = 'Server:\n Storage Driver: overlay2\n  Backing Filesystem: overlayfs\n';
      assert.deepEqual(classify(info, { source: 'docker-info' }).map((f) => f.id), ['overlay-on-overlay']);
      assert.deepEqual(classify(info, { source: 'daemon-log' }), []);
    });

    it('reads AppArmor records only from kernel, daemon and CLI texts', () => {
      assert.deepEqual(classify(APPARMOR_MOUNT, { source: 'proc-cgroup' }), []);
      assert.equal(classify(APPARMOR_MOUNT, { source: 'dmesg' })[0].id, 'apparmor-denied');
    });

    it('flags two iptables versions that disagree on the backend', () => {
      const text = 'iptables v1.8.10 (nf_tables)\niptables v1.8.5 (legacy)\n';
      const [f] = classify(text);
      assert.equal(f.id, 'iptables-backend-mismatch');
      assert.equal(f.evidence, 'iptables v1.8.5 (legacy)');
      assert.deepEqual(classify('iptables v1.8.10 (nf_tables)\niptables v1.8.9 (nf_tables)\n'), []);
    });
  });

  describe('entrypoint wrapper warnings', () => {
    const line = 'nested-docker: warning: cgroup-devices-shared: devices shares a hierarchy with cpu,cpuacct';

    it('become the finding of that id, with the line as evidence', () => {
      const [f] = classify(`some output\n${line}\nmore output\n`);
      assert.equal(f.id, 'cgroup-devices-shared');
      assert.equal(f.severity, 'warning');
      assert.equal(f.evidence, line);
      assert.equal(f.line, 2);
      assert.equal(f.docs, 'troubleshooting.md#cgroup-devices-shared');
    });

    it('are found behind a log prefix and honour the level word', () => {
      const [f] = classify('2024-01-01T00:00:00Z nested-docker: error: stale-pidfile: removed /var/run/docker.pid (pid 31)');
      assert.equal(f.id, 'stale-pidfile');
      assert.equal(f.severity, 'error');
    });

    it('keep ids this build does not know, with the wrapper\'s message as title', () => {
      const [f] = classify('nested-docker: warning: future-check: something new happened');
      assert.deepEqual([f.id, f.severity, f.title], ['future-check', 'warning', 'something new happened']);
    });

    it('are not matched twice by the line rules', () => {
      const findings = classify('nested-docker: warning: daemon-unreachable: Cannot connect to the Docker daemon at unix:///run/nested-docker/l1.sock');
      assert.equal(findings.length, 1);
    });
  });
});

describe('classify on what healthy daemons print', () => {
  // Standard dockerd/docker info wordings that look alarming but are not failures.
  const benign = [
    'time="2026-11-22T12:22:54.106619355Z" level=warning msg="Your kernel does not support cgroup blkio weight"',
    'WARNING: No swap limit support',
    'WARN[0001] Your kernel does not support swap memory limit.',
    'WARNING: bridge-nf-call-iptables is disabled',
    'time="2023-08-25T05:45:16.959793486Z" level=info msg="Running in rootless mode. This mode has feature limitations."',
    'time="2019-06-14T04:48:54.705562538Z" level=info msg="[graphdriver] using prior storage driver: overlay2"',
    'level=info msg="Loading containers: start."',
    'level=info msg="Default bridge (docker0) is assigned with an IP address 172.17.0.0/16. Daemon option --bip can be used to set a preferred IP address"',
    'level=info msg="API listen on /var/run/docker.sock"',
    'time="2026-11-22T12:22:53.497998301Z" level=warning msg="failed to load plugin io.containerd.snapshotter.v1.devmapper" error="devmapper not configured"',
    'ip: can\'t find device \'nf_tables\'',
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: default',
    '  cgroupns',
    ' Cgroup Version: 2',
    '0::/',
  ].join('\n');

  it('raises nothing', () => {
    assert.deepEqual(classify(benign), []);
  });
});
