// Preflight and failure diagnosis on the real daemon: each failure is provoked for real, then its findings are read
// from the CLI's JSON (`nest --json` prints {error, code, hint, findings} on stdout when it fails).
import * as assert from 'assert/strict';
import { CAPABILITY_NAMES, missingCaps } from '../../src/engine/core/capabilities';
import { localDaemonCaps } from '../../src/engine/hosts/localDaemon';
import { assertDockerReady, cli, cliJson, collapseQuietly, docker, leftovers, LevelJson, RUN, sweep } from './support';

const NO_IPTABLES_IMAGE = 'nested-docker/test:no-iptables';

interface FindingJson {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  evidence: string;
  hint: string;
  fix?: { title: string; nestOptions: Record<string, unknown> };
  docs: string | null;
}
interface ReportJson {
  levelId: string;
  depth: number;
  mode: string;
  state: string;
  findings: FindingJson[];
  notes: string[];
  facts?: Record<string, unknown>;
}
interface NestFailureJson {
  error: string;
  code: string;
  hint: string | null;
  findings: FindingJson[];
}

const nothingLeft = (id: string) => {
  assert.deepEqual(leftovers(id), { containers: [], volumes: [], sockets: [] }, `nothing of ${id} is left behind`);
};
const actionable = (r: ReportJson) => r.findings.filter((f) => f.severity !== 'info').map((f) => f.id);

/** `nest --json` that is expected to fail: its diagnosis, parsed from stdout. */
async function failedNest(args: string[]): Promise<{ failure: NestFailureJson; stderr: string }> {
  const r = await cli(['nest', ...args, '--json']);
  assert.notEqual(r.code, 0, `nest ${args.join(' ')} was expected to fail: ${r.stdout}`);
  const failure = JSON.parse(r.stdout) as NestFailureJson;
  assert.ok(failure.error && Array.isArray(failure.findings), r.stdout);
  return { failure, stderr: r.stderr };
}

async function preflight(args: string[], expectCode?: number): Promise<ReportJson[]> {
  const r = await cli(['preflight', ...args, '--json']);
  if (expectCode !== undefined) assert.equal(r.code, expectCode, `preflight ${args.join(' ')}: ${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout) as ReportJson[];
}

function hostLacksCaps(): boolean {
  const caps = localDaemonCaps();
  return caps ? missingCaps(caps.mask, Math.min(caps.lastCap, CAPABILITY_NAMES.length - 1)).length > 0 : false;
}

describe('preflight and failure diagnosis (real daemon)', function () {
  before(() => {
    assertDockerReady();
    docker(['image', 'inspect', NO_IPTABLES_IMAGE, '--format', '{{.Id}}']);
  });
  after(sweep);

  it('preflight of the host reports what it can, from local /proc where the daemon is local', async () => {
    const [host, ...rest] = await preflight(['host', '--facts']);
    assert.equal(rest.length, 0);
    assert.equal(host.levelId, 'host');
    assert.equal(host.depth, 0);
    const facts = host.facts!;
    assert.ok((facts.info as { ServerVersion?: string }).ServerVersion, 'daemon info gathered');
    assert.match(String(facts.capBnd), /^[0-9a-f]{16}$/, 'the host dockerd\'s bounding set, read from /proc');
    assert.match(String(facts.iptablesVersion), /^iptables v/);
    assert.equal(typeof facts.diskFreeBytes, 'number');
    assert.ok(facts.dmesgRestricted === true || typeof facts.dmesg === 'string');
    const keys = facts.keyQuota as { keys: number; maxKeys: number } | undefined;
    assert.ok(keys && keys.maxKeys > 0 && keys.keys <= keys.maxKeys, `root's key quota read from /proc/key-users: ${JSON.stringify(keys)}`);
    assert.ok(!host.findings.some((f) => f.id === 'keyring-quota'), 'a healthy host is far from its key quota');
    // This machine's dockerd lacks CAP_SYS_RESOURCE, which is exactly why --privileged fails here: reported as a
    // fact of the host (info), since auto mode works around it.
    assert.equal(host.findings.some((f) => f.id === 'caps-unavailable' && f.severity === 'info'), hostLacksCaps());
    for (const f of host.findings) assert.ok(f.id && f.title && f.evidence && f.hint && f.docs, JSON.stringify(f));
  });

  it('a healthy level shows no warning or error but privileged-security', async () => {
    const id = `${RUN}-pfok`;
    const level = await cliJson<LevelJson>(['nest', '--id', id, '--json']);
    try {
      const [report] = await preflight([id], 0);
      assert.equal(report.levelId, id);
      assert.equal(report.depth, 1);
      // capabilities mode here: every host capability, seccomp and AppArmor unconfined, all devices: escalation.
      const expected = level.mode === 'sysbox' ? [] : ['privileged-security'];
      assert.deepEqual(actionable(report), expected, JSON.stringify(report.findings, null, 2));
      // A busy machine's start (seen in CI): dockerd gave up on its containerd, killed it and started another, which
      // booted. Replayed into the level's own log (its PID 1's stdout) as dockerd writes it; the level answers, so that
      // history is no problem of today.
      const restart = [
        'time="2026-12-06T16:57:34.348635700Z" level=error msg="failed connecting to containerd" error="failed to dial \\"/var/run/docker/containerd/containerd.sock\\": connection error: desc = \\"transport: error while dialing: dial unix /var/run/docker/containerd/containerd.sock: connect: connection refused\\"" module=libcontainerd',
        'time="2026-12-06T16:57:34.452197101Z" level=info msg="killing and restarting containerd" module=libcontainerd pid=61',
        'time="2026-12-06T16:57:34.554554778Z" level=error msg="containerd did not exit successfully" error="signal: killed" module=libcontainerd',
        'time="2026-12-06T16:57:35.102655930Z" level=info msg="containerd successfully booted in 0.412006s"',
      ];
      docker(['exec', level.containerId!, 'sh', '-c', 'printf "%s\\n" "$@" > /proc/1/fd/1', 'sh', ...restart]);
      assert.match(docker(['logs', '--tail', '4', level.containerId!]), /killing and restarting containerd/);
      const [afterRestart] = await preflight([id], 0);
      assert.deepEqual(afterRestart.findings.filter((f) => f.severity !== 'info' || f.id === 'memory-limit').map((f) => f.id), expected);
      // The level's own /proc/key-users, read by the probe inside it: its root's quota, far from used up.
      const [withFacts] = await preflight([id, '--facts'], 0);
      const keys = withFacts.facts!.keyQuota as { keys: number; maxKeys: number } | undefined;
      assert.ok(keys && keys.maxKeys > 0 && keys.keys < keys.maxKeys, `the level's key quota: ${JSON.stringify(keys)}`);
      const [quiet] = await preflight([id, '--disable', 'privileged-security,caps-unavailable'], 0);
      assert.deepEqual(quiet.findings.filter((f) => f.severity !== 'info'), []);
      // Without an id: every level, parents first (other runs' levels may be there too).
      const all = await preflight([]);
      assert.equal(all[0].levelId, 'host');
      assert.deepEqual(actionable(all.find((r) => r.levelId === id)!), expected);
    } finally {
      await collapseQuietly(id);
    }
    nothingLeft(id);
  });

  it('--mode privileged on a host that cannot grant every capability: caps-unavailable first', async function () {
    if (!hostLacksCaps()) this.skip(); // a host with every capability runs privileged levels fine
    const id = `${RUN}-pfpriv`;
    const { failure, stderr } = await failedNest(['--id', id, '--mode', 'privileged']);
    assert.equal(failure.code, 'caps-unavailable');
    assert.equal(failure.findings[0].id, 'caps-unavailable');
    assert.match(failure.findings[0].evidence, /unable to apply caps: operation not permitted/);
    assert.deepEqual(failure.findings[0].fix?.nestOptions, { mode: 'capabilities' });
    assert.match(stderr, /diagnosis: \[error\] caps-unavailable/);
    nothingLeft(id);
  });

  it('a level started without cgroup preparation cannot nest: cgroup-readonly', async () => {
    const id = `${RUN}-pfcg`;
    const child = `${RUN}-pfcgc`;
    const r = await cli(['nest', '--id', id, '--no-cgroup-setup', '--json']);
    try {
      if (r.code !== 0) {
        // Where the level itself cannot start that way, its own failure must say why.
        const failure = JSON.parse(r.stdout) as NestFailureJson;
        assert.ok(failure.findings.some((f) => f.id.startsWith('cgroup-')), r.stdout);
        return;
      }
      // Here (cgroup v1, capabilities mode) dockerd starts, on the read-only cgroup binds Docker gave the container.
      const [report] = await preflight([id], 1);
      assert.equal(report.findings[0].id, 'cgroup-readonly', JSON.stringify(report.findings, null, 2));
      assert.match(report.findings[0].evidence, /^cgroup \/sys\/fs\/cgroup\/\S+ cgroup ro,/);
      // ...and runc inside it cannot create the child's cgroup.
      const { failure } = await failedNest(['--parent', id, '--id', child]);
      assert.equal(failure.findings[0].id, 'cgroup-readonly', JSON.stringify(failure, null, 2));
      assert.match(failure.findings[0].evidence, /mkdir \/sys\/fs\/cgroup\/\S+: read-only file system/);
      const inside = await cli(['exec', id, '--', 'sh', '-c', 'docker ps -aq; docker volume ls -q']);
      assert.equal(inside.code, 0, inside.stderr);
      assert.equal(inside.stdout.trim(), '', 'the failed child left nothing in its parent');
    } finally {
      await collapseQuietly(id);
    }
    nothingLeft(id);
  });

  it('an image whose iptables lacks its modules fails with iptables-failure', async () => {
    const id = `${RUN}-pfipt`;
    const { failure, stderr } = await failedNest(['--id', id, '--image', NO_IPTABLES_IMAGE]);
    assert.equal(failure.code, 'daemon-exited');
    assert.equal(failure.findings[0].id, 'iptables-failure', JSON.stringify(failure.findings, null, 2));
    assert.match(failure.findings[0].evidence, /iptables failed: /);
    assert.match(stderr, /diagnosis: \[error\] iptables-failure/);
    nothingLeft(id);
  });

  it('refuses a bad level id or check id with a clear message', async () => {
    const bad = await cli(['preflight', `${RUN}-nobody`, '--json']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /no level '.*-nobody'\n.*fix: run `nested-docker ls`/);
    const typo = await cli(['preflight', '--disable', 'privileged-securty']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown check id privileged-securty/);
  });
});
