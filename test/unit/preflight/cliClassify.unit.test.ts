// `nested-docker classify [FILE|-] [--json]`: file, stdin, missing file, output formats.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { classifyCommand } from '../../../src/cli/commands/classify';
import { FIXTURE_DIR } from './fixtureFiles';

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], stdinText = ''): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await classifyCommand(args, {
    stdin: Readable.from([Buffer.from(stdinText)]),
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code, out, err };
}

const APOLLO = path.join(FIXTURE_DIR, 'aufs-module-missing', 'apollo-kernel-6-prior-aufs.txt');

describe('nested-docker classify', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-classify-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints JSON findings for a file, root cause first, and exits 0', async () => {
    const { code, out, err } = await run([APOLLO, '--json']);
    assert.equal(code, 0);
    assert.equal(err, '');
    const findings = JSON.parse(out) as Array<Record<string, unknown>>;
    assert.deepEqual(findings.map((f) => f.id), ['aufs-module-missing', 'storage-driver-unsupported']);
    for (const f of findings) {
      for (const key of ['id', 'severity', 'title', 'evidence', 'hint']) {
        assert.equal(typeof f[key], 'string', key);
      }
    }
  });

  it('prints a readable report with severity, id, title, evidence, hint, fix and docs link', async () => {
    const { code, out } = await run([APOLLO]);
    assert.equal(code, 0);
    assert.match(out, /^ERROR aufs-module-missing: The aufs storage driver is not available$/m);
    assert.match(out, /^ {2}evidence: line \d+: .*prior storage driver aufs failed: driver not supported/m);
    assert.match(out, /^ {2}hint: /m);
    assert.match(out, /^ {2}quick fix: Nest again with a fresh \/var\/lib\/docker volume$/m);
    assert.match(out, /^ {2}docs: docs\/troubleshooting\.md#aufs-module-missing$/m);
    assert.match(out, /2 errors; the most likely root cause is listed first\./);
  });

  it('reads stdin when given "-" or no file', async () => {
    const text = 'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json": dial unix /var/run/docker.sock: connect: permission denied\n';
    for (const args of [['-', '--json'], ['--json']]) {
      const { code, out } = await run(args, text);
      assert.equal(code, 0);
      assert.deepEqual((JSON.parse(out) as Array<{ id: string }>).map((f) => f.id), ['socket-permission']);
    }
  });

  it('says so when nothing is recognised, still exiting 0', async () => {
    const file = path.join(tmp, 'fine.log');
    fs.writeFileSync(file, 'level=info msg="API listen on /var/run/docker.sock"\n');
    const text = await run([file]);
    assert.equal(text.code, 0);
    assert.match(text.out, /No known dind failure/);
    const json = await run([file, '--json']);
    assert.deepEqual(JSON.parse(json.out), []);
  });

  it('honours --source', async () => {
    const file = path.join(tmp, 'cgroup');
    fs.writeFileSync(file, '4:cpu,devices:/\n');
    const { out } = await run([file, '--json', '--source', 'proc-cgroup']);
    assert.equal((JSON.parse(out) as Array<{ id: string }>)[0].id, 'cgroup-devices-shared');
  });

  it('exits 2 with a clear message for a missing file', async () => {
    const missing = path.join(tmp, 'nope.log');
    const { code, out, err } = await run([missing]);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.equal(err, `nested-docker classify: cannot read '${missing}': no such file\n`);
  });

  it('exits 2 on unknown options and extra files', async () => {
    assert.equal((await run(['--yaml'])).code, 2);
    assert.equal((await run(['a', 'b'])).code, 2);
    assert.equal((await run(['--source', 'nonsense'])).code, 2);
  });
});
