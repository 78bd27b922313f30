// The bad-input suite: each case gives an input a new user could give, and checks the error names the problem and
// the fix, the exit code, and that nothing was left behind. Outcomes go to out/reliability/inputs-cli.jsonl.
import * as assert from 'assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { NestedDockerEngine } from '../../src/engine/engine';
import { addedListeners, Listener, listeningSockets } from '../reliability/listeners';
import { record, resetRecord } from '../reliability/record';
import { assertDockerReady, CLI, cli, CliResult, collapseQuietly, leftovers, relayDir, RUN, scratchDir, sweep } from './support';

const FILE = 'inputs-cli';

interface Case {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  code: number;
  problem: RegExp;
  fix: RegExp;
  /** Ids (run-prefixed) that must have left nothing. */
  id?: string;
  timeoutMs?: number;
}

function nothingLeft(id: string): number {
  const left = leftovers(id);
  return left.containers.length + left.volumes.length + left.sockets.length;
}

async function check(c: Case, r: CliResult, ms: number, surface = 'cli'): Promise<void> {
  const orphans = c.id ? nothingLeft(c.id) : 0;
  const text = r.stderr + r.stdout;
  const pass = r.code === c.code && c.problem.test(text) && c.fix.test(text) && orphans === 0;
  record(FILE, { suite: 'inputs', surface, name: c.name, result: firstLine(text), exitCode: r.code, ms, orphans, pass });
  assert.equal(r.code, c.code, `${c.name}: exit code\n${text}`);
  assert.match(text, c.problem, `${c.name}: names the problem`);
  assert.match(text, c.fix, `${c.name}: names the fix`);
  assert.equal(orphans, 0, `${c.name}: nothing left behind`);
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => /error|fix|cancel|: /.test(l)) ?? text.split('\n')[0]).replace(/^nested-docker: (error: )?/, '').slice(0, 160);
}

/** Runs the CLI until its output matches `when`, then sends `signal`; resolves with how it ended. */
function interrupt(args: string[], when: RegExp, signal: NodeJS.Signals = 'SIGINT'): Promise<CliResult & { afterSignalMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NESTED_DOCKER_RELAY_DIR: relayDir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let sentAt = 0;
    const maybe = () => {
      if (!sentAt && when.test(out + err)) {
        sentAt = Date.now();
        child.kill(signal);
      }
    };
    child.stdout.on('data', (c: Buffer) => { out += c; maybe(); });
    child.stderr.on('data', (c: Buffer) => { err += c; maybe(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} did not end: ${err}`)); }, 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: out, stderr: err, afterSignalMs: sentAt ? Date.now() - sentAt : -1 });
    });
  });
}

describe('bad input: the CLI (real daemon)', function () {
  const level = `${RUN}-bi`;
  const scratch = scratchDir('nd-badinput-');
  let listenersBefore: Listener[] = [];
  const pwned = path.join(scratch, 'pwned');

  before(async () => {
    assertDockerReady();
    resetRecord(FILE);
    listenersBefore = listeningSockets();
    const r = await cli(['nest', '--id', level, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await collapseQuietly(level);
    sweep();
    fs.rmSync(scratch, { recursive: true, force: true });
    const added = addedListeners(listenersBefore);
    record(FILE, { suite: 'security', surface: 'host', name: 'TCP listeners added by the bad-input suite', result: added.join(', ') || 'none', pass: added.length === 0 });
    assert.deepEqual(added, [], 'no TCP listener appeared');
  });

  const cases: Case[] = [
    { name: 'unknown command', args: ['frobnicate'], code: 2, problem: /unknown command 'frobnicate'/, fix: /fix: run `nested-docker help`/ },
    { name: 'unknown option', args: ['ls', '--colour'], code: 2, problem: /unknown option --colour for 'ls'/, fix: /fix: see `nested-docker help`/ },
    { name: 'unknown short option', args: ['ls', '-z'], code: 2, problem: /unknown option -z/, fix: /fix: see/ },
    { name: 'option without its value', args: ['nest', '--image'], code: 2, problem: /--image needs a value/, fix: /fix: e\.g\. --image VALUE/ },
    { name: 'unknown mode', args: ['nest', '--mode', 'turbo'], code: 2, problem: /unknown mode 'turbo'/, fix: /fix: use one of auto, privileged, capabilities, sysbox/ },
    { name: 'timeout not a number', args: ['nest', '--timeout', 'soon'], code: 2, problem: /--timeout must be a whole number, got 'soon'/, fix: /fix: give a whole number/ },
    { name: 'negative timeout', args: ['nest', '--timeout', '-5'], code: 2, problem: /--timeout must be a whole number/, fix: /fix: give a whole number/ },
    { name: 'level id with shell metacharacters', args: ['nest', '--id', `a;touch ${pwned}`], code: 1, problem: /invalid level id 'a;touch/, fix: /fix: use 2–32 lower-case letters/ },
    { name: 'level id with command substitution', args: ['nest', '--id', `$(touch ${pwned})`], code: 1, problem: /invalid level id '\$\(touch/, fix: /fix: use 2–32/ },
    { name: 'level id with a terminal escape', args: ['nest', '--id', 'a\x1b[2Jb'], code: 1, problem: /invalid level id 'a\\x1b\[2Jb'/, fix: /fix: use 2–32/ },
    { name: 'level id that exists', args: ['nest', '--id', `${RUN}-bi`], code: 1, problem: /a level named .* already exists/, fix: /fix: choose another --id/ },
    { name: 'image ref with shell metacharacters', args: ['nest', '--id', `${RUN}-img1`, '--image', `busybox;touch ${pwned}`], id: `${RUN}-img1`, code: 1, problem: /invalid image reference 'busybox;touch/, fix: /fix: give an image as Docker names it/ },
    { name: 'image ref with spaces', args: ['nest', '--id', `${RUN}-img2`, '--image', 'docker dind'], id: `${RUN}-img2`, code: 1, problem: /invalid image reference 'docker dind'/, fix: /fix: give an image/ },
    { name: 'image that is nowhere', args: ['nest', '--id', `${RUN}-img3`, '--image', `nested-docker/missing-${RUN}:1`], id: `${RUN}-img3`, code: 1, problem: /is not on the host daemon/, fix: /fix: .*npm run image:local/ },
    { name: 'daemon argument with a line break', args: ['nest', '--id', `${RUN}-arg1`, '--daemon-arg', '"--debug\n--foo"'], id: `${RUN}-arg1`, code: 1, problem: /invalid daemon argument "--debug\\n--foo"/, fix: /fix: give each dockerd argument as one word/ },
    { name: 'unknown parent', args: ['nest', '--parent', `${RUN}-nobody`], code: 1, problem: /no level '.*-nobody'/, fix: /fix: run `nested-docker ls`/ },
    { name: 'parent id with shell metacharacters', args: ['nest', '--parent', `x$(touch ${pwned})`], code: 1, problem: /no level 'x\$\(touch/, fix: /fix: run `nested-docker ls`/ },
    { name: 'exec into an unknown level', args: ['exec', `${RUN}-nobody`, '--', 'true'], code: 1, problem: /no level/, fix: /fix: run `nested-docker ls`/ },
    { name: 'exec with a level id full of metacharacters', args: ['exec', `;rm -rf ${scratch}`, '--', 'true'], code: 1, problem: /no level ';rm -rf/, fix: /fix: run `nested-docker ls`/ },
    { name: 'logs of an unknown level', args: ['logs', `${RUN}-nobody`], code: 1, problem: /no level/, fix: /fix: run `nested-docker ls`/ },
    { name: 'logs of the host', args: ['logs', 'host'], code: 1, problem: /the host daemon log is not kept by Docker/, fix: /fix: read it with journalctl/ },
    { name: 'logs --tail not a number', args: ['logs', `${RUN}-bi`, '--tail', 'lots'], code: 2, problem: /--tail must be a whole number/, fix: /fix: give a whole number/ },
    { name: 'collapse without an id', args: ['collapse'], code: 2, problem: /collapse needs a level id, or --all/, fix: /fix: nested-docker collapse ID/ },
    { name: 'collapse the host', args: ['collapse', 'host'], code: 1, problem: /the host is level 0 and cannot be collapsed/, fix: /fix: collapse one of its levels/ },
    { name: 'collapse an unknown level', args: ['collapse', `${RUN}-nobody`], code: 1, problem: /no level/, fix: /fix: run `nested-docker ls`/ },
    { name: 'shell that the level does not have', args: ['shell', `${RUN}-bi`, '--shell', '/bin/no-such-shell'], code: 127, problem: /no-such-shell/, fix: /fix: .*--shell|fix: .*dind\.terminal\.shell/ },
    { name: 'host URL with an unsupported scheme', args: ['--host', 'ftp://example', 'ls'], code: 1, problem: /unsupported Docker host scheme 'ftp:'/, fix: /fix: use unix:\/\/, tcp:\/\/ or ssh:\/\// },
    { name: 'host socket that does not exist', args: ['--host', `unix://${scratch}/none.sock`, 'ls'], code: 1, problem: /no Docker socket at/, fix: /fix: start Docker, or point --host/ },
    { name: 'plain TCP to a remote address', args: ['--host', 'tcp://192.0.2.1:2375', 'ls'], code: 1, problem: /tcp|TLS|insecure/i, fix: /fix: /i },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const started = Date.now();
      const r = await cli(c.args, { env: c.env, timeoutMs: c.timeoutMs });
      await check(c, r, Date.now() - started);
      assert.ok(!fs.existsSync(pwned), 'no input reached a shell');
    });
  }

  it('socket permission denied', async function () {
    // As root every socket is open to us; run as nobody, who may not use the host's Docker socket.
    const nobody = await new Promise<CliResult>((resolve) => {
      const child = spawn('runuser', ['-u', 'nobody', '--', process.execPath, CLI, 'ls'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: out, stderr: err }));
    });
    await check({ name: 'socket permission denied', args: [], code: 1, problem: /permission denied on .*docker\.sock/, fix: /fix: add the user to the docker group/ }, nobody, 0);
  });

  it('a relay folder owned by someone else', async () => {
    const foreign = path.join(scratch, 'foreign-relay');
    fs.mkdirSync(foreign, { mode: 0o700 });
    fs.chownSync(foreign, 65534, 65534);
    const id = `${RUN}-relay1`;
    const started = Date.now();
    const r = await cli(['nest', '--id', id, '--quiet'], { env: { NESTED_DOCKER_RELAY_DIR: foreign } });
    await check({ name: 'an unwritable relay folder (owned by another user)', args: [], id, code: 1, problem: /relay folder .* belongs to uid 65534, not to you/, fix: /fix: remove .*or set NESTED_DOCKER_RELAY_DIR/ }, r, Date.now() - started);
  });

  it('malformed hosts.json and Docker context files', async () => {
    const cfg = path.join(scratch, 'cfg');
    fs.mkdirSync(cfg);
    fs.writeFileSync(path.join(cfg, 'hosts.json'), '{not json');
    let r = await cli(['hosts', '--no-probe'], { env: { NESTED_DOCKER_CONFIG_DIR: cfg } });
    await check({ name: 'malformed hosts.json', args: [], code: 1, problem: /hosts\.json is not valid JSON/, fix: /fix: fix or remove .*hosts\.json/ }, r, 0);
    const dockerCfg = path.join(scratch, 'docker');
    const { contextDirName } = await import('../../src/engine/hosts/dockerContexts');
    const meta = path.join(dockerCfg, 'contexts', 'meta', contextDirName('broken'));
    fs.mkdirSync(meta, { recursive: true });
    fs.writeFileSync(path.join(meta, 'meta.json'), '{"Name": ');
    r = await cli(['ls'], { env: { DOCKER_CONFIG: dockerCfg, DOCKER_CONTEXT: 'broken', DOCKER_HOST: '' } });
    await check({ name: 'malformed Docker context file', args: [], code: 1, problem: /Docker context 'broken' .* is malformed: .*meta\.json is not valid JSON/, fix: /fix or remove that file, or run `docker context use default`/ }, r, 0);
  });

  it('an SSH host that accepts the connection and then says nothing', async () => {
    const silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const r = await cli(['--host', `ssh://me@127.0.0.1:${port}`, 'ls'], { timeoutMs: 60_000 });
      const ms = Date.now() - started;
      await check({ name: 'an SSH host that accepts and then says nothing', args: [], code: 1, problem: /did not complete the SSH handshake within \d+ s/, fix: /is it an SSH server|fix: / }, r, ms);
      assert.ok(ms < 30_000, `gave up in ${ms} ms, not forever`);
    } finally {
      silent.close();
    }
  });

  it('a huge log line and binary output pass through whole', async () => {
    const size = 1_500_000;
    const w = await cli(['exec', level, '--', 'sh', '-c', `head -c ${size} /dev/zero | tr '\\0' x > /proc/1/fd/1; echo >/proc/1/fd/1`]);
    assert.equal(w.code, 0, w.stderr);
    const started = Date.now();
    // Docker stores a line longer than 16 KB as several entries; a tail that covers them all gets the line back whole.
    const logs = await cli(['logs', level, '--tail', '400']);
    const longest = Math.max(...logs.stdout.split('\n').map((l) => l.length));
    const ok = logs.code === 0 && longest >= size;
    record(FILE, { suite: 'inputs', surface: 'cli', name: 'a 1.5 MB daemon log line', result: `logs exit ${logs.code}, longest line ${longest} bytes`, exitCode: logs.code, ms: Date.now() - started, orphans: 0, pass: ok });
    assert.ok(ok, `the whole line came through (${longest})`);
    const bin = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'exec', level, '--', 'sh', '-c', 'head -c 65536 /dev/urandom'], { env: { ...process.env, NESTED_DOCKER_RELAY_DIR: relayDir } });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', () => resolve(Buffer.concat(chunks)));
    });
    record(FILE, { suite: 'inputs', surface: 'cli', name: 'binary output from a command in a level', result: `${bin.length} of 65536 bytes, unaltered`, exitCode: 0, orphans: 0, pass: bin.length === 65536 });
    assert.equal(bin.length, 65536, 'binary output is passed through byte for byte');
  });

  it('Ctrl-C in the middle of nest, logs --follow and a long exec', async () => {
    const id = `${RUN}-ctrlc`;
    const nest = await interrupt(['nest', '--id', id], /Waiting for the daemon/);
    await check({ name: 'Ctrl-C while a nest waits for its daemon', args: [], id, code: 130, problem: /nesting level .* was cancelled/, fix: /nothing was left behind/ }, nest, nest.afterSignalMs);
    const logs = await interrupt(['logs', level, '--follow'], /./);
    const logsOk = logs.afterSignalMs >= 0 && logs.afterSignalMs < 3000;
    record(FILE, { suite: 'inputs', surface: 'cli', name: 'Ctrl-C on logs --follow', result: `ended ${logs.afterSignalMs} ms after the signal (exit ${logs.code})`, exitCode: logs.code, ms: logs.afterSignalMs, orphans: 0, pass: logsOk });
    assert.ok(logsOk, `logs --follow ended promptly (${logs.afterSignalMs} ms)`);
    const exec = await interrupt(['exec', level, '--', 'sh', '-c', 'echo started; sleep 300'], /started/);
    const execOk = exec.afterSignalMs >= 0 && exec.afterSignalMs < 3000;
    record(FILE, { suite: 'inputs', surface: 'cli', name: 'Ctrl-C on a long exec', result: `ended ${exec.afterSignalMs} ms after the signal (exit ${exec.code})`, exitCode: exec.code, ms: exec.afterSignalMs, orphans: 0, pass: execOk });
    assert.ok(execOk, `exec ended promptly (${exec.afterSignalMs} ms)`);
  });
});

describe('bad input: the engine API (real daemon)', function () {
  before(assertDockerReady);
  after(sweep);

  const cases: { name: string; run: (e: NestedDockerEngine) => Promise<unknown>; problem: RegExp; fix: RegExp; id?: string }[] = [
    { name: 'nest with an unknown mode', id: `${RUN}-api1`, run: (e) => e.nest({ id: `${RUN}-api1`, mode: 'warp' as never }), problem: /unknown launch mode 'warp'/, fix: /use one of auto/ },
    { name: 'nest with an empty daemon argument', id: `${RUN}-api2`, run: (e) => e.nest({ id: `${RUN}-api2`, daemonArgs: [''] }), problem: /invalid daemon argument ""/, fix: /one word/ },
    { name: 'nest with a zero start timeout', id: `${RUN}-api3`, run: (e) => e.nest({ id: `${RUN}-api3`, startTimeoutMs: 0 }), problem: /invalid start timeout 0 ms/, fix: /positive number/ },
    { name: 'nest with a 40-character id', run: (e) => e.nest({ id: 'x'.repeat(40) }), problem: /invalid level id/, fix: /2–32/ },
    { name: 'exec into an unknown level', run: (e) => e.exec(`${RUN}-none`, { cmd: ['true'] } as never), problem: /no level/, fix: /nested-docker ls/ },
    { name: 'daemon log of an unknown level', run: (e) => e.daemonLog(`${RUN}-none`), problem: /no level/, fix: /nested-docker ls/ },
    { name: 'collapse an unknown level', run: (e) => e.collapse(`${RUN}-none`), problem: /no level/, fix: /nested-docker ls/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const engine = new NestedDockerEngine({ relayDir });
      try {
        const err = await c.run(engine).then(() => undefined, (e: unknown) => e as { message: string; hint?: string });
        const orphans = c.id ? nothingLeft(c.id) : 0;
        const pass = !!err && c.problem.test(err.message) && c.fix.test(err.hint ?? '') && orphans === 0;
        record(FILE, { suite: 'inputs', surface: 'engine', name: c.name, result: err ? err.message : 'accepted', orphans, pass });
        assert.ok(err, 'rejected');
        assert.match(err.message, c.problem);
        assert.match(err.hint ?? '', c.fix);
        assert.equal(orphans, 0);
      } finally {
        engine.dispose();
      }
    });
  }
});
