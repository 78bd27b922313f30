import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { assertDockerReady, cli, collapseQuietly, docker, NO_DOCKERD_IMAGE, RUN, scratchDir, sweep } from './support';

interface Report {
  levelId: string;
  findings: { id: string; severity: string; evidence: string }[];
}

/** A DooD level on the host: same daemon, the seeds' two pitfalls found in what was run from it. */
describe('DooD level (CLI, real daemon)', function () {
  const id = `${RUN}-d`;
  const data = scratchDir('nd-dood-');
  const inner = `/${RUN}-data`;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const made = [`${RUN}-dbind`, `${RUN}-dport`];

  before(assertDockerReady);
  after(async () => {
    for (const c of made) {
      try { docker(['rm', '-f', c]); } catch { /* gone */ }
    }
    await collapseQuietly(id);
    sweep();
    fs.rmSync(data, { recursive: true, force: true });
    // The daemon made the bind source it could not find on the host (the pitfall itself): an empty folder.
    if (fs.existsSync(inner)) fs.rmdirSync(inner);
  });

  it('shares its parent\'s daemon, reports the bind-path and port pitfalls with the fix, and translates paths', async () => {
    fs.writeFileSync(path.join(data, 'file.txt'), 'hello');
    const n = await cli(['nest', '--mode', 'dood', '--id', id, '--publish', `${port}:8080`, '--bind', `${data}:${inner}`, '--json']);
    assert.equal(n.code, 0, n.stderr);
    assert.match(n.stderr, /holds its parent's Docker socket/);
    const level = JSON.parse(n.stdout) as { mode: string; depth: number; sharesDaemonOf: string; volume: string | null };
    assert.deepEqual([level.mode, level.depth, level.sharesDaemonOf, level.volume], ['dood', 0, 'host', null]);
    const ls = JSON.parse((await cli(['ls', '--json'])).stdout) as { id: string; sharesDaemonOf: string | null }[];
    assert.equal(ls.find((l) => l.id === id)?.sharesDaemonOf, 'host');
    // The docker CLI inside sees the parent's containers (its own container among them).
    const ps = await cli(['exec', id, '--', 'docker', 'ps', '--format', '{{.Names}}']);
    assert.equal(ps.code, 0, ps.stderr);
    assert.ok(ps.stdout.split('\n').includes(`nested-docker-${id}`), ps.stdout);
    // The pitfalls, run for real from inside the DooD level.
    const bind = await cli(['exec', id, '--', 'docker', 'run', '--name', made[0], '-v', `${inner}:/data`, NO_DOCKERD_IMAGE, 'ls', '/data']);
    assert.equal(bind.code, 0, bind.stderr);
    assert.equal(bind.stdout.trim(), '', 'the container got the host\'s (empty) folder, not the DooD level\'s');
    const pub = await cli(['exec', id, '--', 'docker', 'run', '--name', made[1], '-p', `${port}:80`, NO_DOCKERD_IMAGE, 'true']);
    assert.notEqual(pub.code, 0);
    assert.match(pub.stderr, /port is already allocated/);
    const pre = await cli(['preflight', id, '--json']);
    const [report] = JSON.parse(pre.stdout) as Report[];
    const vol = report.findings.find((f) => f.id === 'dood-volume-path');
    assert.ok(vol, pre.stdout);
    assert.ok(vol.evidence.includes(`-v ${data}:/data`), vol.evidence);
    const conflict = report.findings.find((f) => f.id === 'dood-port-conflict');
    assert.ok(conflict, pre.stdout);
    assert.match(conflict.evidence, new RegExp(`port ${port}.*already by nested-docker-${id}; port (\\d+) is free there`));
    // dood-path: a mounted path and a path in the container's own layer.
    assert.equal((await cli(['dood-path', id, `${inner}/file.txt`])).stdout.trim(), `${data}/file.txt`);
    const layer = (await cli(['dood-path', id, '/etc/hostname'])).stdout.trim();
    assert.match(layer, /\/merged\/etc\/hostname$/);
    // Nesting on a DooD level is refused: it has no daemon of its own.
    const refused = await cli(['nest', '--parent', id, '--quiet']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /DooD level.*\n\s+fix: nest on host instead/);
  });
});
