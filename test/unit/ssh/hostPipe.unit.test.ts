import * as assert from 'assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hostPipeCommand, shellWord } from '../../../src/engine/transport/ssh/hostPipe';

describe('host-side image pipe (the command sent to an SSH host)', () => {
  const nasty = ["a'b", 'x; rm -rf /', '$(id)', '`id`', 'a b\tc', 'line\nbreak', '"q"', '\\', '*', '${HOME}', '|&>'];

  it('quotes every word so a POSIX shell reads it back unchanged', () => {
    for (const word of nasty) {
      const echoed = execFileSync('sh', ['-c', `printf '%s' ${shellWord(word)}`], { encoding: 'utf8' });
      assert.equal(echoed, word);
    }
    assert.equal(shellWord('nested-docker/dind:local'), 'nested-docker/dind:local', 'plain references stay readable');
  });

  it('runs save on one daemon into load on the other, each argument intact, in a session of its own', () => {
    // The real command line run by a real sh, with stand-ins for setsid and docker that record what they were given.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-hostpipe-'));
    try {
      const log = path.join(dir, 'calls');
      fs.writeFileSync(path.join(dir, 'setsid'), '#!/bin/sh\n[ "$1" = -w ] && shift\nexec "$@"\n', { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'docker'),
        // Each call in a file of its own: save and load run at once, and their writes to one file would interleave.
        `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > ${log}.$$; [ "$3" = load ] && cat >/dev/null; exit 0\n`,
        { mode: 0o755 });
      const refs = ['alpine:3', ...nasty];
      const command = hostPipeCommand({ fromDocker: [], toDocker: ['-H', 'unix:///proc/42/root/run/docker.sock'], refs });
      const out = execFileSync('sh', ['-c', command], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
      assert.match(out, /^\d+\n/, 'the first line names the session a cancel ends');
      const calls = fs.readdirSync(dir).filter((f) => f.startsWith('calls.'))
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\0').filter(Boolean));
      assert.deepEqual(calls.find((c) => c[0] === 'save'), ['save', ...refs]);
      assert.deepEqual(calls.find((c) => c[0] === '-H'), ['-H', 'unix:///proc/42/root/run/docker.sock', 'load', '-q']);
      assert.equal(calls.length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with the load\'s failure when the shell leads its process group, as under sshd (the real setsid)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-hostpipe-'));
    try {
      fs.writeFileSync(path.join(dir, 'docker'), '#!/bin/sh\nif [ "$1" = load ]; then cat >/dev/null; echo refused >&2; exit 1; fi\necho archive\n', { mode: 0o755 });
      const command = hostPipeCommand({ fromDocker: [], toDocker: [], refs: ['alpine:3'] });
      // sshd runs the command with the login shell as a session leader; bash then execs setsid in its place.
      for (const shell of ['sh', 'bash']) {
        // (spawnSync honours `detached`, its type leaves it out): the shell leads its own process group.
        const options = { encoding: 'utf8', detached: true, env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } };
        const r = spawnSync(shell, ['-c', command], options as { encoding: 'utf8' });
        assert.equal(r.status, 1, `${shell}: ${r.stderr}`);
        assert.match(r.stderr, /refused/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a reference that would read as an option', () => {
    assert.throws(() => hostPipeCommand({ fromDocker: [], toDocker: [], refs: ['--output=/etc/passwd'] }), /not an image reference/);
    assert.throws(() => hostPipeCommand({ fromDocker: [], toDocker: [], refs: [''] }), /not an image reference/);
  });
});
