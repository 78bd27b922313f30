import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  expandTokens, globMatch, loadSshConfig, matchPatternList, resolveSshConfig, splitConfigLine,
} from '../../../src/engine/transport/ssh/sshConfig';
import { resolveSshTarget } from '../../../src/engine/transport/ssh/sshTarget';

const CONFIG = `
# comment
Host build
  HostName build.internal.example
  User deploy
  Port 2222
  IdentityFile ~/.ssh/build_key
  ProxyJump jump@bastion.example:22

Host *.example !secret.example
  User=fallback
  IdentityFile "/keys/with space/id"
  StrictHostKeyChecking accept-new

Host db?
  Port 2200

Match host build
  ServerAliveInterval 30

Match exec "true"
  User never-applies

Host *
  User everyone
  IdentityFile ~/.ssh/id_common
  HashKnownHosts yes
  UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts.extra
`;

describe('ssh config parsing', () => {
  const lines = CONFIG.split('\n').map(splitConfigLine).filter((l) => l !== undefined);

  it('splits Key value, Key=value and quoted arguments; skips comments', () => {
    assert.deepEqual(splitConfigLine('  IdentityFile "/a b/c" # trailing'), { keyword: 'identityfile', args: ['/a b/c'] });
    assert.deepEqual(splitConfigLine('Port=2222'), { keyword: 'port', args: ['2222'] });
    assert.deepEqual(splitConfigLine('User = bob'), { keyword: 'user', args: ['bob'] });
    assert.equal(splitConfigLine('# nothing'), undefined);
    assert.equal(splitConfigLine('   '), undefined);
  });

  it('matches * and ? globs and negated pattern lists like OpenSSH', () => {
    assert.ok(globMatch('*.example', 'a.b.example'));
    assert.ok(globMatch('db?', 'db1'));
    assert.ok(!globMatch('db?', 'db12'));
    assert.ok(globMatch('BUILD', 'build'), 'case-insensitive');
    assert.ok(matchPatternList(['*.example', '!secret.example'], 'web.example'));
    assert.ok(!matchPatternList(['*.example', '!secret.example'], 'secret.example'), 'a negated match excludes');
    assert.ok(!matchPatternList(['!secret.example'], 'web.example'), 'negation alone matches nothing');
    assert.ok(matchPatternList(['a,b*'], 'bee'), 'comma lists');
  });

  it('first value wins, IdentityFile accumulates, Match host applies, Match exec never does', () => {
    const build = resolveSshConfig(lines, 'build');
    assert.equal(build.hostName, 'build.internal.example');
    assert.equal(build.user, 'deploy');
    assert.equal(build.port, 2222);
    assert.equal(build.proxyJump, 'jump@bastion.example:22');
    assert.equal(build.serverAliveInterval, 30);
    assert.deepEqual(build.identityFiles, ['~/.ssh/build_key', '~/.ssh/id_common']);
    assert.equal(build.hashKnownHosts, true);
    assert.deepEqual(build.userKnownHostsFiles, ['~/.ssh/known_hosts', '~/.ssh/known_hosts.extra']);

    const web = resolveSshConfig(lines, 'web.example');
    assert.equal(web.user, 'fallback');
    assert.equal(web.strictHostKeyChecking, 'accept-new');
    assert.deepEqual(web.identityFiles, ['/keys/with space/id', '~/.ssh/id_common']);

    const secret = resolveSshConfig(lines, 'secret.example');
    assert.equal(secret.user, 'everyone');
    assert.equal(resolveSshConfig(lines, 'db1').port, 2200);
  });

  it('expands %h %p %r %u %d %% and ~', () => {
    const t = { home: '/home/me', host: 'h.example', port: 22, remoteUser: 'root', localUser: 'me' };
    assert.equal(expandTokens('~/.ssh/%r@%h:%p', t), '/home/me/.ssh/root@h.example:22');
    assert.equal(expandTokens('%d/%u/100%%', t), '/home/me/me/100%');
  });

  it('splices Include files (relative to ~/.ssh, with globs) in place', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-sshcfg-'));
    fs.mkdirSync(path.join(home, '.ssh', 'conf.d'), { recursive: true });
    fs.writeFileSync(path.join(home, '.ssh', 'conf.d', 'a.conf'), 'Host inc\n  Port 3000\n');
    fs.writeFileSync(path.join(home, '.ssh', 'config'), 'Include conf.d/*.conf\nHost *\n  Port 22\n');
    const loaded = loadSshConfig(path.join(home, '.ssh', 'config'), home);
    assert.equal(resolveSshConfig(loaded, 'inc').port, 3000);
    assert.equal(resolveSshConfig(loaded, 'other').port, 22);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('resolves an ssh:// URL through the config: alias, user, port, keys and ProxyJump chain', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-sshcfg-'));
    fs.mkdirSync(path.join(home, '.ssh'));
    fs.writeFileSync(path.join(home, '.ssh', 'build_key'), 'x');
    fs.writeFileSync(path.join(home, '.ssh', 'config'), CONFIG);
    const t = resolveSshTarget('ssh://build', { home, env: { SSH_AUTH_SOCK: '/tmp/agent.sock' } });
    assert.equal(t.hostName, 'build.internal.example');
    assert.equal(t.user, 'deploy');
    assert.equal(t.port, 2222);
    assert.deepEqual(t.identityFiles, [path.join(home, '.ssh', 'build_key')], 'missing default-ish keys are skipped');
    assert.equal(t.agentSocket, '/tmp/agent.sock');
    assert.equal(t.jumps.length, 1);
    assert.equal(t.jumps[0].hostName, 'bastion.example');
    assert.equal(t.jumps[0].user, 'jump');
    const explicit = resolveSshTarget('ssh://other@build:2022', { home, env: {}, identityFiles: [path.join(home, '.ssh', 'build_key')] });
    assert.equal(explicit.user, 'other', 'the URL wins over the config');
    assert.equal(explicit.port, 2022);
    assert.equal(explicit.agentSocket, undefined, 'explicit keys mean IdentitiesOnly');
    assert.throws(() => resolveSshTarget('ssh://x', { home, env: {}, identityFiles: ['/nope/key'] }), /does not exist/);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
