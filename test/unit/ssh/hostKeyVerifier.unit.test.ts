import * as assert from 'assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { verifyHostKey } from '../../../src/engine/transport/ssh/hostKeyVerifier';
import { fingerprint } from '../../../src/engine/transport/ssh/knownHosts';
import { HostKeyInfo } from '../../../src/engine/transport/ssh/sshOptions';
import { resolveSshTarget } from '../../../src/engine/transport/ssh/sshTarget';

function blob(seed: string): Buffer {
  const t = Buffer.from('ssh-ed25519');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, crypto.createHash('sha256').update(seed).digest()]);
}

describe('host key decisions', () => {
  const now = <T>(fn: () => Promise<T>) => fn();
  let dir: string;
  let file: string;
  const target = (strict?: 'yes' | 'no' | 'accept-new' | 'ask') => {
    const t = resolveSshTarget('ssh://me@h.example:2222', { knownHostsFiles: [file], configFile: null, env: {}, home: dir });
    return strict ? { ...t, strictHostKeyChecking: strict } : t;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-hkv-'));
    file = path.join(dir, 'o\'brien', 'known_hosts');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown key without consent and records nothing', async () => {
    await assert.rejects(verifyHostKey(target(), blob('a'), {}, now), (err: Error) => {
      assert.match(err.message, /host key of \[h\.example\]:2222 is not known: ssh-ed25519 SHA256:/);
      return true;
    });
    assert.ok(!fs.existsSync(file));
  });

  it('records the key only when the user agrees, and then knows it', async () => {
    let seen: HostKeyInfo | undefined;
    await verifyHostKey(target(), blob('a'), { confirmHostKey: async (i) => ((seen = i), true) }, now);
    assert.equal(seen?.fingerprint, fingerprint(blob('a')));
    assert.equal(seen?.knownHostsFile, file);
    assert.match(fs.readFileSync(file, 'utf8'), /^\[h\.example\]:2222 ssh-ed25519 /);
    await verifyHostKey(target(), blob('a'), { confirmHostKey: async () => assert.fail('not asked again') }, now);
    await assert.rejects(verifyHostKey(target(), blob('b'), { confirmHostKey: async () => false }, now), /CHANGED/);
  });

  it('treats a changed key as a possible man-in-the-middle, never asks, and names the line to remove', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# old\n[h.example]:2222 ssh-ed25519 ${blob('old').toString('base64')}\n`);
    const asked: string[] = [];
    await assert.rejects(
      verifyHostKey(target('no'), blob('new'), { confirmHostKey: async (i) => (asked.push(i.host), true) }, now),
      (err: Error) => {
        assert.match(err.message, /has CHANGED.*man-in-the-middle/);
        assert.ok(err.message.includes(`remove line 2 of ${file}`));
        assert.ok(err.message.includes(`ssh-keygen -R '[h.example]:2222' -f '${file.replace(/'/g, `'\\''`)}'`), err.message);
        return true;
      },
    );
    assert.deepEqual(asked, [], 'a changed key is never a question');
  });

  it('follows StrictHostKeyChecking: accept-new records, yes refuses', async () => {
    await assert.rejects(verifyHostKey(target('yes'), blob('a'), { confirmHostKey: async () => true }, now), /StrictHostKeyChecking yes/);
    assert.ok(!fs.existsSync(file));
    await verifyHostKey(target('accept-new'), blob('a'), {}, now);
    assert.ok(fs.readFileSync(file, 'utf8').includes(blob('a').toString('base64')));
  });
});
