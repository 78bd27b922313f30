// Per-template tests for round 16 (session 17): templates fresh21's misses pointed to after its fourth look, each read
// in the source of the program that prints it. Each row is built from the format strings named in it, with made-up
// ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  ['dood-volume-path', 'docker run --rm -v /var/lib/docker/overlay2/abcdef0123456789abcd/merged/home/dev/src:/src img make', 'a bind source inside a container\'s merged root'],
  ['iptables-backend-mismatch', "can't initialize iptables table `nat'", 'iptables "can\'t initialize iptables table `%s\'" cut before its reason (a hint)'],
  ['iptables-failure', "can't open lock file /run/xtables.lock: Permission denied", 'iptables xshared.c "can\'t open lock file %s: %s"'],
  ['selinux-denied', "can't open lock file /run/xtables.lock: Permission denied", 'the same lock refused by /run\'s label (a hint)'],
  ['not-privileged', 'install resolv.conf: remount /etc/resolv.conf to upstream alias: operation not permitted', 'a program\'s own remount refused with EPERM'],
  ['socket-permission', 'Failed to attach docker event listener: Error: connect EACCES /var/run/docker.sock', 'Node\'s "connect EACCES %s"'],
  ['socket-permission', 'Failed to attach docker event listener: Erroe: connect ACCES /var/run/docker.sock', 'the same retyped without its E'],
  ['apparmor-denied', 'with open("/proc/self/uid_map", "w") as f:\nPermissionError: [Errno 1] Operation not permitted: \'/proc/self/uid_map\'', 'EPERM writing uid_map (a hint)'],
  ['not-privileged', 'write /proc/self/uid_map: operation not permitted', 'the same from a Go program (a hint)'],
  ['daemon-unreachable', '"secret list" requires API version 1.25, but the Docker daemon API version is 1.24', 'docker/cli "%q requires API version %s, but the Docker daemon API version is %s" at the fallback 1.24'],
  ['rootless-prerequisites', 'open /sys/fs/cgroup/user.slice/user-1000.slice/cgroup.controllers: no such file or directory', 'the systemd driver finding no user slice'],
  ['daemon-unreachable', 'Launch docker client failed. Please make sure you have installed docker and started docker desktop/daemon.', 'a tool asking the user to start Docker after a failure (a hint)'],
  ['disk-space', '/dev/sdb                 64.0G     64.0G     16.0K 100% /etc/resolv.conf', 'a df row with kilobytes left at 100 %'],
  [
    'socket-permission',
    'dev@box:~$ docker ps\nCannot connect to the Docker daemon. Is the docker daemon running on this host?\ndev@box:~$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 Nov 27 05:56 /var/run/docker.sock',
    'Docker ≤1.12\'s "Cannot connect" for EACCES, the socket listed with group access only',
  ],
];

describeTemplates('round 16 message templates', TEMPLATES);

describe('round 16: severity from the whole text', () => {
  it('reads a refused mount beside every capability as no missing privilege', () => {
    const got = classify('root@c:/# mount -o remount,rw,bind /mnt/v\nmount: /mnt/v: permission denied.\nroot@c:/# grep CapEff /proc/self/status\nCapEff: 0000003fffffffff');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'info');
  });
  it('keeps the same refusal an error beside a reduced set', () => {
    const got = classify('mount: /mnt/v: permission denied.\nCapEff: 00000000a80425fb');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'error');
  });
  it('keeps a data root shared piece by piece a shared data root', () => {
    const got = classify('docker run -v /var/lib/docker/graph:/var/lib/docker/graph jpetazzo/dind');
    assert.ok(got.some((f) => f.id === 'var-lib-docker-shared'), JSON.stringify(got));
  });
  it('names no backend for a table refused to a user who is not root', () => {
    const got = classify("iptables v1.8.8 (legacy): can't initialize iptables table `filter': Permission denied (you must be root)");
    assert.ok(!got.some((f) => f.id === 'iptables-backend-mismatch'), JSON.stringify(got));
  });
});

describeQuiet('round 16 lines that are not these failures', [
  ['/dev/sda1  100G  60G  40G  60% /etc/resolv.conf', 'a df row with room left'],
  ['Make sure Docker is running before you start the tutorial.', 'a how-to telling the reader to start Docker'],
  ['$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 Nov 27 05:56 /var/run/docker.sock\n$ docker ps\nCONTAINER ID   IMAGE   COMMAND', 'the socket listed beside a working client'],
]);
