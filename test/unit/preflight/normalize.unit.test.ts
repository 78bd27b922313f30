// The wrappers normalize.ts removes before any rule looks at a line, and that classify() then finds
// the cause behind each of them. Lines are real (corpus tuning set, fixtures) or built from the
// sources' templates, as each comment says.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { normalizeLine, unescape } from '../../../src/engine/preflight/normalize';

// moby daemon/graphdriver/driver.go: logrus.Errorf("[graphdriver] prior storage driver %s failed: %s", …),
// as journald shows it (corpus tuning: moby-29488, localised month name).
const JOURNALD =
  'дек 16 20:22:00 notebook dockerd[6603]: time="2016-12-16T20:22:00.890205679+02:00" level=error msg="[graphdriver] prior storage driver \\"aufs\\" failed: driver not supported"';
const SYSLOG_ISO =
  '2021-12-27T02:50:58+0000 fedora dockerd[3319]: time="2021-12-27T02:50:58.7Z" level=warning msg="failed to find iptables" error="exec: \\"iptables\\": executable file not found in $PATH"';

describe('normalizeLine', () => {
  it('strips journald/syslog prefixes (short, localised month, short-iso) and reads logfmt', () => {
    assert.deepEqual(normalizeLine(JOURNALD), [
      { text: '[graphdriver] prior storage driver "aufs" failed: driver not supported', level: 'error' },
    ]);
    assert.deepEqual(normalizeLine(SYSLOG_ISO), [
      { text: 'failed to find iptables: exec: "iptables": executable file not found in $PATH', level: 'warning' },
    ]);
  });

  it('keeps the kernel message of a journald kernel line', () => {
    assert.deepEqual(normalizeLine('Jan 21 19:09:43 host kernel: overlayfs: upper fs missing required features.'), [
      { text: 'overlayfs: upper fs missing required features.', level: undefined },
    ]);
  });

  it('reads logrus short form, docker logs timestamps and compose prefixes', () => {
    assert.deepEqual(normalizeLine('FATA[0000] Error starting daemon: error initializing graphdriver: driver not supported'), [
      { text: 'Error starting daemon: error initializing graphdriver: driver not supported', level: 'fatal' },
    ]);
    // corpus tuning: devcontainers-372 (`docker logs --details --timestamps`)
    assert.equal(normalizeLine("2023-01-03T21:10:32.388264297Z  sed: couldn't flush stdout: Device or resource busy")[0].text,
      "sed: couldn't flush stdout: Device or resource busy");
    // corpus tuning: dependency-track-6899 (compose service prefix, then zerolog's console level)
    assert.deepEqual(normalizeLine('traefik-1  | ERR Failed to retrieve information of the docker client'), [
      { text: 'Failed to retrieve information of the docker client', level: 'error' },
    ]);
  });

  it('reads conmon\'s level letter, so its debug line about its own OOM score is never shown', () => {
    const line = '[conmon:d]: failed to write to /proc/self/oom_score_adj: Permission denied';
    assert.deepEqual(normalizeLine(line), [{ text: 'failed to write to /proc/self/oom_score_adj: Permission denied', level: 'debug' }]);
    assert.deepEqual(classify(line).map((f) => f.id), []);
    // Its syslog form, as journalctl shows it (Podman runs conmon with --syslog).
    const journal = 'Mar 01 10:00:00 fedora conmon[4242]: conmon 3f4e5d6c7b8a9988 <ndebug>: failed to write to /proc/self/oom_score_adj: Permission denied';
    assert.equal(normalizeLine(journal)[0].level, 'debug');
    assert.deepEqual(classify(journal).map((f) => f.id), []);
    // The same refusal from the runtime (crun's own error) still reads as missing capabilities.
    assert.equal(classify('Error: crun: write to `/proc/self/oom_score_adj`: Permission denied: OCI permission denied')[0].id, 'caps-unavailable');
  });

  it('reads JSON records: logrus JSON, json-file (whose log is logfmt again) and nested error data', () => {
    const logrusJson = '{"level":"error","msg":"failed to mount overlay: invalid argument","storage-driver":"overlay2","time":"2024-01-01T00:00:00Z"}';
    assert.deepEqual(normalizeLine(logrusJson)[0], { text: 'failed to mount overlay: invalid argument', level: 'error' });
    const jsonFile = JSON.stringify({ log: 'time="2024-01-01T00:00:00Z" level=info msg="API listen on /var/run/docker.sock"\n', stream: 'stderr', time: '2024-01-01T00:00:00Z' });
    assert.deepEqual(normalizeLine(jsonFile), [{ text: 'API listen on /var/run/docker.sock', level: 'info' }]);
    // corpus tuning: concourse-docker-86 (lager JSON, the error in data.error with \n-separated lines)
    const lager = JSON.stringify({ level: 'error', data: { error: "running [/usr/sbin/iptables]: exit status 2: iptables v1.8.7 (nf_tables): Couldn't load match `conntrack':No such file or directory\n\nTry `iptables -h'" } });
    const texts = normalizeLine(lager).map((m) => m.text);
    assert.ok(texts.some((t) => t.endsWith("Couldn't load match `conntrack':No such file or directory")), texts.join(' | '));
  });

  it('marks CLI error chains as errors and unescapes quotes nested by runc, containerd and dockerd', () => {
    // runc < 1.0 nests "caused \"…\"" once per layer (fixtures: cgroup-devices, lxd-7496 in the corpus).
    const cli = 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"proc\\\\\\" to rootfs\\""';
    const [m] = normalizeLine(cli);
    assert.equal(m.level, 'error');
    assert.match(m.text, /mounting "proc" to rootfs/);
    assert.equal(unescape('“failed to write \\\\\\“a *:* rwm\\\\\\” to x”'), '"failed to write "a *:* rwm" to x"');
  });

  it('leaves plain lines and docker info alone, and dmesg but for its clock', () => {
    for (const line of [' Storage Driver: vfs', '12:devices:/docker/abc']) {
      assert.deepEqual(normalizeLine(line), [{ text: line.trim(), level: undefined }]);
    }
    assert.deepEqual(normalizeLine('[  209.364018] overlayfs: upper fs needs to support d_type.'), [
      { text: 'overlayfs: upper fs needs to support d_type.', level: undefined },
    ]);
  });
});

describe('classify behind wrappers', () => {
  it('finds the cause in a journald-wrapped daemon log (aufs era, escaped quotes)', () => {
    assert.equal(classify(JOURNALD)[0].id, 'aufs-module-missing');
  });

  it('finds the cause in a JSON log line', () => {
    const line = '{"level":"error","msg":"failed to start daemon: error initializing graphdriver: prior storage driver aufs failed: driver not supported","time":"2023-05-01T10:00:00Z"}';
    assert.equal(classify(line)[0].id, 'aufs-module-missing');
  });

  it('reads the level of an Elastic Common Schema record ("log.level"), so an agent\'s info line stays a hint', () => {
    // Elastic Agent's Docker provider skipping itself (corpus tuning: apm-server-9606), shortened.
    const line = '{"log.level":"info","@timestamp":"2022-11-18T14:16:50.456Z","log.logger":"composable.providers.docker","message":"Docker provider skipped, unable to connect: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?","ecs.version":"1.6.0"}';
    assert.equal(normalizeLine(line)[0].level, 'info');
    assert.deepEqual(classify(line).map((f) => `${f.id}:${f.severity}`), ['daemon-unreachable:info']);
    assert.equal(classify(line.replace('"log.level":"info"', '"log.level":"error"'))[0].severity, 'error');
  });

  it('finds the cause at the end of a CLI "Error response from daemon" chain, evidence being the raw line', () => {
    // moby oci/caps/utils.go template, as the CLI prints it (corpus tuning: portainer-8478).
    const line = 'Error response from daemon: invalid CapDrop: capability not supported by your kernel or not available in the current environment: "CAP_MAC_ADMIN"';
    const [f] = classify(line);
    assert.equal(f.id, 'caps-unavailable');
    assert.equal(f.evidence, line);
  });
});

describe('normalizeLine, where pasted logs pass through', () => {
  // logrus short form (moby daemon "Running modprobe %s failed with message: %s") behind each wrapper.
  const MSG = 'WARN[0000] Running modprobe bridge br_netfilter failed with message: exit status 1';
  const want = [{ text: 'Running modprobe bridge br_netfilter failed with message: exit status 1', level: 'warning' }];
  for (const [what, line] of [
    ['a Markdown quote', `> ${MSG}`],
    ['a Jenkins timestamper clock', `12:24:40  ${MSG}`],
    ['a bracketed clock', `[12:24:40] ${MSG}`],
    ['a bracketed ISO time (devcontainers)', `[2023-08-08T21:36:04.521Z] ${MSG}`],
    ['a GitHub Actions annotation after its timestamp', `2024-05-01T10:00:00.1234567Z ##[warning]${MSG}`],
    ['kubectl logs --prefix', `[pod/dind-0/dind] ${MSG}`],
    ['journalctl -o short-monotonic', `[  123.456789] build-host dockerd[812]: ${MSG}`],
    ['dmesg -T', `[Tue Dec  3 02:00:00 2026] ${MSG}`],
  ] as const) {
    it(`strips ${what}`, () => assert.deepEqual(normalizeLine(line), want));
  }

  it('reads zerolog console levels (WRN, INF) so healthy notices stay quiet', () => {
    assert.deepEqual(normalizeLine('INF Starting provider *docker.Provider'), [{ text: 'Starting provider *docker.Provider', level: 'info' }]);
  });

  it('leaves a line that only starts like a prefix alone', () => {
    assert.equal(normalizeLine('>= 4.0 kernels only')[0].text, '>= 4.0 kernels only');
  });
});
