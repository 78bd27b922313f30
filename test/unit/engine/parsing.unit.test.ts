import * as assert from 'assert/strict';
import { parseArgs, flag, flagAll, has } from '../../../src/cli/args';
import { splitArgs } from '../../../src/cli/commands/levels';
import { parseHostUrl, redactHostUrl, isLoopback } from '../../../src/engine/transport/hostSpec';
import { capBndFromStatus, capNames, missingCaps, maskHex, parseCapMask } from '../../../src/engine/core/capabilities';
import { hostConfigFor } from '../../../src/engine/launch/launchConfig';
import { isCapsError, unknownCapability } from '../../../src/engine/launch/launchPolicy';

describe('CLI argument parsing', () => {
  it('accepts global flags before or after the subcommand and keeps the command after --', () => {
    const a = parseArgs(['--host', 'unix:///x.sock', 'exec', 'l1', '-it', '--', 'sh', '-c', 'echo --host']);
    assert.equal(a.command, 'exec');
    assert.deepEqual(a.positionals, ['l1']);
    assert.equal(flag(a, 'host'), 'unix:///x.sock');
    assert.ok(has(a, 'interactive') && has(a, 'tty'));
    assert.deepEqual(a.rest, ['sh', '-c', 'echo --host']);
    const b = parseArgs(['ls', '--json', '--host=tcp://127.0.0.1:2375']);
    assert.equal(flag(b, 'host'), 'tcp://127.0.0.1:2375');
    assert.ok(has(b, 'json'));
  });

  it('collects repeated value flags and rejects a value flag without a value', () => {
    const a = parseArgs(['nest', '--daemon-arg', '--debug', '--daemon-arg', '--mtu 1400']);
    assert.deepEqual(flagAll(a, 'daemon-arg'), ['--debug', '--mtu 1400']);
    assert.throws(() => parseArgs(['nest', '--image']), /--image needs a value/);
    assert.throws(() => parseArgs(['ls', '-z']), /unknown option -z/);
  });

  it('splits daemon arguments on spaces, keeping quoted groups', () => {
    assert.deepEqual(splitArgs(`--debug --label "a b" --dns '1.1.1.1'`), ['--debug', '--label', 'a b', '--dns', '1.1.1.1']);
  });
});

describe('Docker host URLs', () => {
  it('parses unix, tcp with TLS, and ssh', () => {
    assert.deepEqual(parseHostUrl('unix:///var/run/docker.sock'), { url: 'unix:///var/run/docker.sock', kind: 'unix', socketPath: '/var/run/docker.sock' });
    assert.equal(parseHostUrl('/tmp/d.sock').socketPath, '/tmp/d.sock');
    const tls = parseHostUrl('tcp://10.0.0.5:2376', { env: {} });
    assert.equal(tls.kind, 'tcp');
    assert.ok(tls.tls);
    const ssh = parseHostUrl('ssh://alice@build.example:2222', { env: {} });
    assert.deepEqual([ssh.kind, ssh.username, ssh.hostname, ssh.port], ['ssh', 'alice', 'build.example', 2222]);
  });

  it('refuses plain TCP to a non-loopback address unless allowed, and allows loopback', () => {
    assert.throws(() => parseHostUrl('tcp://10.0.0.5:2375', { env: {} }), /refusing plain TCP to 10\.0\.0\.5/);
    assert.equal(parseHostUrl('tcp://10.0.0.5:2375', { env: {}, allowInsecureTcp: true }).tls, undefined);
    assert.equal(parseHostUrl('tcp://127.0.0.1:2375', { env: {} }).kind, 'tcp');
    assert.ok(isLoopback('localhost') && isLoopback('::1') && !isLoopback('10.1.1.1'));
  });

  it('rejects unknown schemes with the accepted forms, and redacts passwords', () => {
    assert.throws(() => parseHostUrl('ftp://x'), /unsupported Docker host scheme 'ftp:'/);
    assert.equal(redactHostUrl('ssh://bob:secret@h:22'), 'ssh://bob:***@h:22');
  });
});

describe('capabilities', () => {
  it('reads the bounding set and names what it lacks', () => {
    const mask = capBndFromStatus('Name:\tdockerd\nCapBnd:\t000001fffeffffff\n')!;
    assert.equal(maskHex(mask), '000001fffeffffff');
    assert.deepEqual(missingCaps(mask, 40), ['SYS_RESOURCE']);
    assert.ok(capNames(mask).includes('SYS_ADMIN'));
    assert.ok(!capNames(mask).includes('SYS_RESOURCE'));
    assert.deepEqual(missingCaps(parseCapMask('1ffffffffff'), 40), []);
  });

  it('recognises the runtime refusing --privileged and a daemon not knowing a capability', () => {
    assert.ok(isCapsError('OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown'));
    assert.ok(!isCapsError('no such image'));
    assert.equal(unknownCapability('invalid CapAdd: unknown capability: "CAP_PERFMON"'), 'PERFMON');
  });

  it('builds a host config per mode', () => {
    const caps = hostConfigFor({ mode: 'capabilities', caps: ['SYS_ADMIN'], volume: 'v', relayTarget: '/r', relaySource: '/h' });
    assert.deepEqual(caps.CapAdd, ['SYS_ADMIN']);
    assert.ok(caps.SecurityOpt?.includes('seccomp=unconfined'));
    assert.deepEqual((caps as { DeviceCgroupRules?: string[] }).DeviceCgroupRules, ['a *:* rwm']);
    assert.equal(caps.Privileged, undefined);
    assert.deepEqual(caps.Mounts?.map((m) => m.Target), ['/var/lib/docker', '/r']);
    assert.equal(hostConfigFor({ mode: 'privileged', volume: 'v', relayTarget: '/r' }).Privileged, true);
    // the host's user namespace: a userns-remap parent refuses privileged containers in its remapped one
    assert.equal(hostConfigFor({ mode: 'privileged', volume: 'v', relayTarget: '/r' }).UsernsMode, 'host');
    assert.equal(caps.UsernsMode, 'host');
    assert.equal(hostConfigFor({ mode: 'sysbox', volume: 'v', relayTarget: '/r' }).UsernsMode, undefined);
    assert.equal(hostConfigFor({ mode: 'sysbox', volume: 'v', relayTarget: '/r' }).Runtime, 'sysbox-runc');
  });

  it('applies a named AppArmor profile even to a privileged level, and unconfined only on request', () => {
    // Docker runs privileged containers unconfined unless a profile is named (daemon/oci_linux.go WithApparmor).
    assert.deepEqual(hostConfigFor({ mode: 'privileged', volume: 'v', relayTarget: '/r' }).SecurityOpt, []);
    assert.deepEqual(hostConfigFor({ mode: 'privileged', volume: 'v', relayTarget: '/r', apparmorProfile: 'docker-default' }).SecurityOpt, ['apparmor=docker-default']);
    assert.deepEqual(hostConfigFor({ mode: 'privileged', volume: 'v', relayTarget: '/r', apparmorUnconfined: true }).SecurityOpt, ['apparmor=unconfined']);
    const caps = hostConfigFor({ mode: 'capabilities', caps: ['SYS_ADMIN'], volume: 'v', relayTarget: '/r', apparmorProfile: 'docker-default' });
    assert.ok(caps.SecurityOpt?.includes('apparmor=docker-default'));
    assert.ok(!caps.SecurityOpt?.includes('apparmor=unconfined'));
  });
});
