// The fault suite on the real daemon, for the faults that are safe on a shared machine (restarting the host's
// dockerd and rebooting are played in the VM suite). Each fault ends with a true tree within 2 s, nothing hung, no
// orphan (doctor finds none), and no data lost. Outcomes go to out/reliability/faults.jsonl.
import * as assert from 'assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NestedDockerEngine } from '../../src/engine/engine';
import { isAbortError } from '../../src/engine/core/errors';
import { addedListeners, Listener, listeningSockets } from '../reliability/listeners';
import { countsLine, readRecords, record, resetRecord } from '../reliability/record';
import { assertDockerReady, cli, CLI, cliJson, collapseQuietly, docker, leftovers, LevelJson, relayDir, RUN, sweep } from './support';

const FILE = 'faults';
const STATE_WITHIN_MS = 2000;

async function ls(): Promise<LevelJson[]> {
  return cliJson<LevelJson[]>(['ls', '--json']);
}

/** Polls `ls` until level `id` is in `state`; resolves with the ms it took (from `since`), or -1 after `limitMs`. */
async function stateWithin(id: string, accept: (state: string) => boolean, since: number, limitMs = 10_000): Promise<{ ms: number; state: string }> {
  let state = '';
  while (Date.now() - since < limitMs) {
    state = (await ls()).find((l) => l.id === id)?.state ?? 'gone';
    if (accept(state)) return { ms: Date.now() - since, state };
  }
  return { ms: -1, state };
}

/** Orphans of this run (doctor over the run's prefix; a never-started container counts at once). */
async function orphans(): Promise<number> {
  const r = await cli(['doctor', '--json', '--match', RUN, '--min-age', '0']);
  return (JSON.parse(r.stdout) as { orphans: unknown[] }).orphans.length;
}

function inLevel(id: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(['exec', id, '--', 'sh', '-c', script]);
}

function socketOf(id: string): boolean {
  return fs.existsSync(path.join(relayDir, `${id}.sock`));
}

describe('fault suite (real daemon)', function () {
  let listenersBefore: Listener[] = [];
  before(() => {
    assertDockerReady();
    resetRecord(FILE);
    listenersBefore = listeningSockets();
  });
  after(async () => {
    sweep();
    const added = addedListeners(listenersBefore);
    record(FILE, { suite: 'security', surface: 'host', name: 'TCP listeners added by the fault suite', result: added.join(', ') || 'none', pass: added.length === 0 });
    // The counts over every suite that ran in this process (the bad-input suite too, when it ran first).
    console.log(countsLine(readRecords(), added.length));
    assert.deepEqual(added, []);
  });

  it('an inner dockerd killed: not ready within 2 s; the level\'s data survives collapse and a re-nest finds it', async () => {
    const id = `${RUN}-fk1`;
    await cliJson<LevelJson>(['nest', '--id', id, '--json', '--quiet']);
    // An image and a stopped container inside the level: what must survive.
    const seed = await inLevel(id, 'mkdir -p /tmp/e && tar cf /tmp/e.tar -C /tmp/e . && docker import /tmp/e.tar keep/me:1 >/dev/null && docker create --name keeper keep/me:1 x >/dev/null && echo ok');
    assert.equal(seed.code, 0, seed.stderr);
    assert.ok(fs.statSync(relayDir).mode % 0o1000 === 0o700, 'relay folder is 0700');
    assert.ok((fs.statSync(path.join(relayDir, `${id}.sock`)).mode & 0o7) === 0, 'relay socket gives others nothing');
    await inLevel(id, 'kill -9 $(pidof dockerd)');
    const killedAt = Date.now();
    const seen = await stateWithin(id, (s) => s !== 'ready', killedAt);
    await cli(['collapse', id, '--quiet']);
    const renest = await cliJson<LevelJson>(['nest', '--id', id, '--json', '--quiet']);
    const found = await inLevel(id, "docker image ls --format '{{.Repository}}:{{.Tag}}'; docker ps -a --format '{{.Names}} {{.State}}'");
    await collapseQuietly(id);
    const o = await orphans();
    const kept = /keep\/me:1/.test(found.stdout) && /keeper (exited|created)/.test(found.stdout);
    const pass = seen.ms >= 0 && seen.ms <= STATE_WITHIN_MS && renest.state === 'ready' && kept && o === 0;
    record(FILE, { suite: 'faults', surface: 'daemon', name: 'kill an inner dockerd (then collapse without purge and nest again)', result: `${seen.state} after ${seen.ms} ms; re-nest found its image and stopped container: ${kept}`, ms: seen.ms, orphans: o, pass });
    assert.ok(seen.ms >= 0 && seen.ms <= STATE_WITHIN_MS, `state right within 2 s (${seen.ms} ms)`);
    assert.ok(kept, `data survived: ${found.stdout}`);
    assert.equal(o, 0);
  });

  it('a parent killed while its child runs: both states right within 2 s, the child\'s log ends, no socket left', async () => {
    const p = `${RUN}-fp1`;
    const c = `${RUN}-fc1`;
    await cli(['nest', '--id', p, '--quiet']);
    const child = await cli(['nest', '--parent', p, '--id', c, '--quiet']);
    assert.equal(child.code, 0, child.stderr);
    const engine = new NestedDockerEngine({ relayDir });
    try {
      const lines = await engine.daemonLog(c, { follow: true, tail: 1 });
      lines.resume();
      const ended = new Promise<number>((resolve) => lines.on('end', () => resolve(Date.now())));
      const killedAt = Date.now();
      docker(['kill', `nested-docker-${p}`]);
      const seen = await stateWithin(p, (s) => s === 'stopped', killedAt);
      const logEnd = await Promise.race([ended.then((t) => t - killedAt), new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
      const childGone = !(await ls()).some((l) => l.id === c && l.state === 'ready');
      await cli(['collapse', p, '--purge', '--quiet']);
      const o = await orphans();
      const pass = seen.ms >= 0 && seen.ms <= STATE_WITHIN_MS && logEnd >= 0 && logEnd <= STATE_WITHIN_MS && childGone && !socketOf(c) && o === 0;
      record(FILE, { suite: 'faults', surface: 'daemon', name: 'kill a parent level while its child runs (then collapse)', result: `parent ${seen.state} after ${seen.ms} ms; child log ended after ${logEnd} ms; child socket left: ${socketOf(c)}`, ms: seen.ms, orphans: o, pass });
      assert.ok(seen.ms >= 0 && seen.ms <= STATE_WITHIN_MS, `parent stopped within 2 s (${seen.ms})`);
      assert.ok(logEnd >= 0 && logEnd <= STATE_WITHIN_MS, `child's log ended within 2 s (${logEnd})`);
      assert.ok(!socketOf(c), 'the child\'s relay socket is gone');
      assert.equal(o, 0);
    } finally {
      engine.dispose();
      await collapseQuietly(p);
    }
  });

  it('a level container killed from its parent, and a frozen (SIGSTOP) dockerd: states right within 2 s', async () => {
    const p = `${RUN}-fp2`;
    const c = `${RUN}-fc2`;
    await cli(['nest', '--id', p, '--quiet']);
    assert.equal((await cli(['nest', '--parent', p, '--id', c, '--quiet'])).code, 0);
    try {
      await inLevel(p, `docker kill nested-docker-${c} >/dev/null`);
      let at = Date.now();
      const killed = await stateWithin(c, (s) => s === 'stopped', at);
      record(FILE, { suite: 'faults', surface: 'daemon', name: 'kill a level container from its parent', result: `${killed.state} after ${killed.ms} ms`, ms: killed.ms, orphans: 0, pass: killed.ms >= 0 && killed.ms <= STATE_WITHIN_MS });
      assert.ok(killed.ms >= 0 && killed.ms <= STATE_WITHIN_MS, `stopped within 2 s (${killed.ms})`);
      await cli(['collapse', c, '--purge', '--quiet']);

      docker(['exec', `nested-docker-${p}`, 'sh', '-c', 'kill -STOP $(pidof dockerd)']);
      at = Date.now();
      const frozen = await stateWithin(p, (s) => s === 'unreachable', at);
      const lsStarted = Date.now();
      const whole = await cli(['ls'], { timeoutMs: 10_000 });
      const lsMs = Date.now() - lsStarted;
      docker(['exec', `nested-docker-${p}`, 'sh', '-c', 'kill -CONT $(pidof dockerd)']);
      const back = await stateWithin(p, (s) => s === 'ready', Date.now());
      const pass = frozen.ms >= 0 && frozen.ms <= STATE_WITHIN_MS && /stopped \(SIGSTOP\) or hung/.test(whole.stdout) && back.ms >= 0;
      record(FILE, { suite: 'faults', surface: 'daemon', name: 'freeze a dockerd (SIGSTOP), then resume it', result: `${frozen.state} after ${frozen.ms} ms (ls took ${lsMs} ms); ready again ${back.ms} ms after SIGCONT`, ms: frozen.ms, orphans: 0, pass });
      assert.ok(frozen.ms >= 0 && frozen.ms <= STATE_WITHIN_MS, `frozen daemon reported within 2 s (${frozen.ms})`);
      assert.match(whole.stdout, /stopped \(SIGSTOP\) or hung/);
      assert.ok(back.ms >= 0, 'ready again after SIGCONT');
    } finally {
      await collapseQuietly(p);
    }
    const o = await orphans();
    assert.equal(o, 0);
  });

  it('cancel mid-seed and mid-wait: everything rolled back', async () => {
    const p = `${RUN}-fp3`;
    await cli(['nest', '--id', p, '--quiet']);
    const engine = new NestedDockerEngine({ relayDir });
    try {
      for (const step of ['seed', 'wait'] as const) {
        const id = `${RUN}-x${step}`;
        const controller = new AbortController();
        let reached = false;
        const started = Date.now();
        const err = await engine.nest({
          id, parentId: step === 'seed' ? p : undefined, signal: controller.signal,
          onProgress: (pr) => { if (pr.step === step && !reached) { reached = true; controller.abort(); } },
        }).then(() => undefined, (e: unknown) => e);
        const ms = Date.now() - started;
        const inParent = step === 'seed' ? (await inLevel(p, `docker ps -aq --filter name=${id}; docker volume ls -q --filter name=${id}`)).stdout.trim() : '';
        const left = leftovers(id);
        const o = left.containers.length + left.volumes.length + left.sockets.length + (inParent ? 1 : 0);
        const pass = reached && isAbortError(err) && o === 0;
        record(FILE, { suite: 'faults', surface: 'engine', name: `cancel mid-${step}`, result: reached ? `cancelled (${(err as Error)?.message})` : `step ${step} never reached`, ms, orphans: o, pass });
        assert.ok(reached, `the nest reached ${step}`);
        assert.ok(isAbortError(err), String(err));
        assert.equal(o, 0, `nothing left: ${JSON.stringify(left)} ${inParent}`);
      }
    } finally {
      engine.dispose();
      await collapseQuietly(p);
    }
  });

  it('two engine processes nesting on one parent at once, then the driving process SIGKILLed mid-nest and a new one', async () => {
    const a = `${RUN}-fa`;
    const b = `${RUN}-fb`;
    const started = Date.now();
    const [ra, rb] = await Promise.all([cli(['nest', '--id', a, '--json', '--quiet']), cli(['nest', '--id', b, '--json', '--quiet'])]);
    const both = ra.code === 0 && rb.code === 0 && (await ls()).filter((l) => l.id === a || l.id === b).every((l) => l.state === 'ready');
    await collapseQuietly(a);
    await collapseQuietly(b);
    let o = await orphans();
    record(FILE, { suite: 'faults', surface: 'cli', name: 'two processes nesting on one parent at once', result: `exit ${ra.code} and ${rb.code}; both ready: ${both}`, ms: Date.now() - started, orphans: o, pass: both && o === 0 });
    assert.ok(both, `${ra.stderr}\n${rb.stderr}`);

    const k = `${RUN}-fkill`;
    const child = spawn(process.execPath, [CLI, 'nest', '--id', k], { env: { ...process.env, NESTED_DOCKER_RELAY_DIR: relayDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d;
        if (/Creating level/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => resolve());
    });
    await new Promise((r) => child.once('close', r));
    // The tree tells the truth about what the killed process left, and a new process nests on the same parent.
    const left = (await ls()).find((l) => l.id === k);
    const n = `${RUN}-fnew`;
    const next = await cli(['nest', '--id', n, '--quiet']);
    const found = await cli(['doctor', '--json', '--match', k, '--min-age', '0']);
    const report = JSON.parse(found.stdout) as { orphans: { name: string; reason: string }[] };
    // What the killed nest left is a never-started container (an orphan) and the volume it had made (kept unless asked).
    await cli(['doctor', '--yes', '--volumes', '--match', k, '--min-age', '0']);
    await collapseQuietly(k);
    await collapseQuietly(n);
    const rest = leftovers(k);
    o = await orphans();
    const pass = next.code === 0 && o === 0 && rest.containers.length + rest.volumes.length + rest.sockets.length === 0;
    record(FILE, { suite: 'faults', surface: 'cli', name: 'driving process SIGKILLed mid-nest, then a new one', result: `left: ${left ? `level ${left.state}` : 'nothing'}; doctor found ${report.orphans.length} orphan(s); new nest exit ${next.code}`, orphans: o, pass });
    assert.equal(next.code, 0, next.stderr);
    assert.equal(o, 0);
  });

  it('a level\'s disk filled (its data on a 96 MB tmpfs volume): the level stays true and the error names the cause', async () => {
    const id = `${RUN}-fdisk`;
    const volume = `nested-docker-${id}-data`;
    // A kept volume with the product's labels is reused by a nest: here, a small one.
    docker(['volume', 'create', '--driver', 'local', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=96m',
      '--label', 'nested-docker.managed=true', '--label', `nested-docker.level=${id}`, volume]);
    try {
      const nest = await cli(['nest', '--id', id, '--quiet']);
      assert.equal(nest.code, 0, nest.stderr);
      const fill = await inLevel(id, 'dd if=/dev/zero of=/var/lib/docker/fill bs=1M 2>&1; head -c 4000000 /dev/urandom > /tmp/r; tar cf /tmp/big.tar /tmp/r 2>/dev/null; docker import /tmp/big.tar full/test:1 2>&1');
      const state = (await ls()).find((l) => l.id === id)?.state;
      const named = /no space left on device/i.test(fill.stdout + fill.stderr);
      await inLevel(id, 'rm -f /var/lib/docker/fill');
      const after = await inLevel(id, 'docker import /tmp/big.tar full/test:2 >/dev/null && echo imported');
      await collapseQuietly(id);
      const o = await orphans();
      const pass = state === 'ready' && named && /imported/.test(after.stdout) && o === 0;
      record(FILE, { suite: 'faults', surface: 'daemon', name: 'a level\'s disk filled (96 MB tmpfs data volume)', result: `state ${state}; error names "no space left on device": ${named}; works again once space is freed: ${/imported/.test(after.stdout)}`, orphans: o, pass });
      assert.equal(state, 'ready');
      assert.ok(named, fill.stdout + fill.stderr);
      assert.match(after.stdout, /imported/);
      assert.equal(o, 0);
    } finally {
      await collapseQuietly(id);
      try { docker(['volume', 'rm', '-f', volume]); } catch { /* gone */ }
    }
  });
});
