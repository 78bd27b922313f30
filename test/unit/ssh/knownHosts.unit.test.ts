import * as assert from 'assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  checkHostKey, fingerprint, hostFieldMatches, hostToken, keyTypeOf, knownHostsLine, parseKnownHosts,
  preferredHostKeyAlgorithms, recordHostKey, DEFAULT_HOST_KEY_ALGOS,
} from '../../../src/engine/transport/ssh/knownHosts';

/** A syntactically real SSH key blob: string type, then opaque bytes. */
function blob(type: string, seed: string): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, crypto.createHash('sha256').update(seed).digest()]);
}

function hashed(token: string): string {
  const salt = crypto.randomBytes(20);
  return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(token).digest('base64')}`;
}

describe('known_hosts', () => {
  const ed = blob('ssh-ed25519', 'server');
  const edOther = blob('ssh-ed25519', 'impostor');
  const rsa = blob('ssh-rsa', 'rsa');
  const text = [
    '# comment',
    `plain.example,10.0.0.1 ssh-ed25519 ${ed.toString('base64')} a comment`,
    `[ported.example]:2222 ssh-ed25519 ${ed.toString('base64')}`,
    `${hashed('hashed.example')} ssh-ed25519 ${ed.toString('base64')}`,
    `${hashed('[hashed.example]:2200')} ssh-ed25519 ${ed.toString('base64')}`,
    `*.wild.example,!bad.wild.example ssh-ed25519 ${ed.toString('base64')}`,
    `rsa-only.example ssh-rsa ${rsa.toString('base64')}`,
    `@revoked * ssh-ed25519 ${blob('ssh-ed25519', 'stolen').toString('base64')}`,
    `@cert-authority *.example ssh-ed25519 ${edOther.toString('base64')}`,
    'garbage-line',
  ].join('\n');
  const entries = parseKnownHosts(text, '/kh');

  it('parses lines with markers and skips comments and garbage', () => {
    assert.equal(entries.length, 8);
    assert.equal(entries[0].line, 2);
    assert.equal(entries[6].marker, 'revoked');
    assert.equal(entries[7].marker, 'cert-authority');
  });

  it('names hosts off port 22 as [host]:port', () => {
    assert.equal(hostToken('Plain.Example', 22), 'plain.example');
    assert.equal(hostToken('127.0.0.1', 2222), '[127.0.0.1]:2222');
  });

  it('matches plain, ported, hashed (with and without port), wildcard and negated entries', () => {
    assert.equal(checkHostKey(entries, 'plain.example', 22, ed).status, 'known');
    assert.equal(checkHostKey(entries, '10.0.0.1', 22, ed).status, 'known');
    assert.equal(checkHostKey(entries, 'ported.example', 2222, ed).status, 'known');
    assert.equal(checkHostKey(entries, 'ported.example', 22, ed).status, 'unknown', 'a port-22 lookup does not see [host]:2222');
    assert.equal(checkHostKey(entries, 'hashed.example', 22, ed).status, 'known');
    assert.equal(checkHostKey(entries, 'hashed.example', 2200, ed).status, 'known');
    assert.equal(checkHostKey(entries, 'hashed.example', 2201, ed).status, 'unknown');
    assert.equal(checkHostKey(entries, 'a.wild.example', 22, ed).status, 'known');
    assert.equal(checkHostKey(entries, 'bad.wild.example', 22, ed).status, 'unknown');
    assert.ok(hostFieldMatches(hashed('x.example'), 'x.example'));
    assert.ok(!hostFieldMatches('|1|bad', 'x.example'));
  });

  it('reports a changed key with the line to remove, revoked keys, and other known types', () => {
    const changed = checkHostKey(entries, 'plain.example', 22, edOther);
    assert.equal(changed.status, 'changed');
    assert.equal(changed.entry?.line, 2);
    assert.equal(checkHostKey(entries, 'hashed.example', 2200, edOther).status, 'changed');
    assert.equal(checkHostKey(entries, 'any.host', 22, blob('ssh-ed25519', 'stolen')).status, 'revoked');
    const other = checkHostKey(entries, 'rsa-only.example', 22, ed);
    assert.equal(other.status, 'unknown', 'a new key type is new, not changed');
    assert.deepEqual(other.otherTypes, ['ssh-rsa']);
    assert.equal(checkHostKey(entries, 'x.example', 22, edOther).status, 'unknown', '@cert-authority lines are not host keys');
  });

  it('offers the recorded key types first', () => {
    assert.deepEqual(preferredHostKeyAlgorithms(['ssh-rsa'], DEFAULT_HOST_KEY_ALGOS).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.equal(preferredHostKeyAlgorithms([], DEFAULT_HOST_KEY_ALGOS)[0], 'ssh-ed25519');
  });

  it('prints fingerprints like ssh-keygen and writes lines that read back, hashed or plain, 0600', () => {
    assert.equal(keyTypeOf(ed), 'ssh-ed25519');
    assert.match(fingerprint(ed), /^SHA256:[A-Za-z0-9+/]{43}$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-kh-'));
    const file = path.join(dir, 'sub', 'known_hosts');
    recordHostKey(file, knownHostsLine('127.0.0.1', 2222, ed));
    recordHostKey(file, knownHostsLine('h.example', 22, rsa, true));
    const back = parseKnownHosts(fs.readFileSync(file, 'utf8'), file);
    assert.equal(back[0].hosts, '[127.0.0.1]:2222');
    assert.equal(checkHostKey(back, '127.0.0.1', 2222, ed).status, 'known');
    assert.ok(back[1].hosts.startsWith('|1|'));
    assert.equal(checkHostKey(back, 'h.example', 22, rsa).status, 'known');
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    assert.equal((fs.statSync(path.dirname(file)).mode & 0o777).toString(8), '700');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
