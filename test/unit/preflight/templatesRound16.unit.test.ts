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
  // Read from fresh22r's misses after its first look.
  ['daemon-unreachable', 'unable to resolve docker endpoint: context "rootless" does not exist', 'docker/cli "unable to resolve docker endpoint: %w" over "context %q does not exist"'],
  ['socket-permission', "ERROR: Couldn't connect to Docker daemon at http+docker://localunixsocket - is it running?", 'docker-compose 1.x "Couldn\'t connect to Docker daemon at %s - is it running?" (a hint of EACCES)'],
  [
    'data-root-corrupt',
    'FATA[0001] Error starting daemon: Error initializing network controller: could not delete the default bridge network: network bridge has active endpoints',
    'libnetwork "could not delete the default bridge network: network %s has active endpoints"',
  ],
  ['not-privileged', 'ERROR: Rancher must be ran with the --privileged flag when running outside of Kubernetes', 'a program\'s own "must be ran with the --privileged flag"'],
  [
    'selinux-denied',
    'OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:508: setting cgroup config for procHooks process caused: cannot fetch program from id: get program by id: permission denied: unknown',
    'runc 1.0.0 "cannot fetch program from id: %w" with EACCES',
  ],
  [
    'selinux-denied',
    'docker run --rm -ti --security-opt=no-new-privileges alpine sh\npanic: standard_init_linux.go:175: exec user process caused "operation not permitted"',
    'runc "exec user process caused %q" with EPERM under no-new-privileges',
  ],
  ['caps-unavailable', 'WARN: /dev/kmsg does not exist, symlinking /dev/console\nINFO: remounting /sys read-only\nmount: /sys: permission denied.', 'kind\'s node entrypoint on a host without /dev/kmsg, its mount refused'],
  ['rootless-prerequisites', 'retrieving subordinate UID range: no range for dev found in /etc/subuid', 'Go\'s id-map reader "no range for %s found in %s"'],
  ['rootless-prerequisites', 'retrieving subordinate UID range: encountered malformed /etc/subuid entry on line 0', '"encountered malformed %s entry on line %d"'],
  ['rootless-prerequisites', 'opening /etc/subuid: open /etc/subuid: no such file or directory', 'the id-map file missing'],
  ['cgroup-v2-nesting', '"stderr_lines": ["Failed to connect to bus: No such file or directory"]', 'systemctl in a container whose systemd never booted (a hint)'],
  ['cgroup-v2-nesting', '    volumes:\n    - /sys/fs/cgroup:/sys/fs/cgroup:ro', 'the host\'s cgroup tree bound read-only for systemd (a hint)'],
  ['apparmor-denied', "Error response from daemon: error while creating mount source path '/opt/app/data': mkdir /opt/app: read-only file system", 'a confined daemon refused a bind source outside its folders (a hint)'],
  // The live check's reading of /proc/1/cgroup (checks/cgroups.ts), from a pasted shell.
  ['cgroupns-host', '$ docker run --rm alpine cat /proc/1/cgroup\n0::/docker/0123456789abcdef0123456789abcdef\n$ ', 'a container\'s init at its place in the host\'s cgroup v2 tree'],
  ['cgroupns-host', 'root@0123456789ab:/# cat /proc/self/cgroup\n0::/system.slice/docker-0123456789abcdef.scope', 'the same at a shell named after its container'],
  // Wordings a review added.
  [
    'data-root-corrupt',
    'Error starting daemon: Error initializing network controller: could not delete the default bridge network: network bridge id 6c1b2f0a9e has active endpoints',
    'libnetwork "network %s id %s has active endpoints"',
  ],
  ['cgroup-v2-nesting', 'Failed to get D-Bus connection: Operation not permitted', 'CentOS 7\'s systemctl without systemd as init (a hint)'],
  ['daemon-unreachable', 'unable to resolve docker endpoint: context "remote": context not found: open /root/.docker/contexts/meta/ab/meta.json: no such file or directory', 'docker/cli 23+ "context %q: context not found: %w"'],
  ['dood-volume-path', 'docker run -v /var/lib/docker/overlay2/abcdef0123456789abcd/merged:/src img', 'a container\'s merged root itself as the source'],
];

describeTemplates('round 16 message templates', TEMPLATES);

describe('round 16: severity from the whole text', () => {
  it('reads a refused mount beside every capability as no missing privilege', () => {
    const got = classify('root@c:/# mount -o remount,rw,bind /mnt/v\nmount: /mnt/v: permission denied.\nroot@c:/# grep CapEff /proc/self/status\nCapEff: 0000003fffffffff');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'info');
  });
  it('reads a refused mount in a container the paste started with --privileged as no missing privilege', () => {
    const got = classify('/ # docker run -it --rm --privileged -v /mnt/v:/mnt/v ubuntu\nroot@inner:/# mount -o remount,rw,bind /mnt/v\nmount: /mnt/v: permission denied.');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'info');
  });
  it('keeps a plugin\'s refusal of --privileged an error although the command asked for it', () => {
    const got = classify('command failed: docker run --privileged --mount type=volume,source=c,dst=/c -d img: exit status 125: docker: Error response from daemon: authorization denied by plugin pipelines: --privileged=true is not allowed.');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'error');
  });
  it('keeps the same refusal an error beside a reduced set', () => {
    const got = classify('mount: /mnt/v: permission denied.\nCapEff: 00000000a80425fb');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'error');
  });
  it('keeps a data root shared piece by piece a shared data root', () => {
    const got = classify('docker run -v /var/lib/docker/graph:/var/lib/docker/graph jpetazzo/dind');
    assert.ok(got.some((f) => f.id === 'var-lib-docker-shared'), JSON.stringify(got));
  });
  it('keeps a chain that already exists an error where the daemon stopped at it', () => {
    const got = classify('FATA[0001] Error starting daemon: Error initializing network controller: error obtaining controller instance: failed to create NAT chain: iptables failed: iptables --wait -t nat -N DOCKER: iptables: Chain already exists.');
    assert.equal(got.find((f) => f.id === 'iptables-failure')?.severity, 'error');
  });
  it('names no backend for a table refused to a user who is not root', () => {
    const got = classify("iptables v1.8.8 (legacy): can't initialize iptables table `filter': Permission denied (you must be root)");
    assert.ok(!got.some((f) => f.id === 'iptables-backend-mismatch'), JSON.stringify(got));
  });
});

describeQuiet('round 16 lines that are not these failures', [
  [
    'E0101 10:00:00.000000    1 manager.go:1116] Failed to create existing container: /user.slice/user-1000.slice/session-3.scope: open /sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope/cgroup.procs: no such file or directory',
    'the kubelet meeting a login session that ended',
  ],
  ['$ iptables -L\nFatal: can\'t open lock file /run/xtables.lock: Permission denied', 'iptables run by a user who is not root'],
  ['Error: connect EACCES /var/run/mysqld/mysqld.sock', 'a database\'s socket refused to Node'],
  ['security_opt:\n  - no-new-privileges:true\nstandard_init_linux.go:228: exec user process caused: operation not permitted', 'no-new-privileges and an exec refused, SELinux not shown'],
  ['This image must be run with --privileged', 'an image\'s banner'],
  ['remount skipped for /data; chown /data/x: operation not permitted', 'a remount and an unrelated EPERM on one line'],
  ["iptables v1.8.7 (legacy): Couldn't load target `LIBVIRT_PRT':No such file or directory", 'a chain named with an underscore: no kernel module'],
  ['$ docker run --rm alpine cat /proc/1/cgroup\n0::/\n', 'a container in its own cgroup namespace'],
  ['$ docker exec c cat /proc/1/cgroup\n12:memory:/docker/abc\n0::/docker/abc', 'a cgroup v1 or hybrid host, where sharing the namespace was the default'],
  ['$ cat /proc/1/cgroup\n0::/init.scope', 'the host\'s own PID 1'],
  ['Build failed. Make sure the docker image you selected is running the right version.', 'advice about an image, not the daemon'],
  ['ERRO[0401] could not create global overlay chain:  (iptables failed: iptables --wait -N DOCKER-OVERLAY: iptables: Chain already exists.', 'a chain an earlier run left, dockerd going on'],
  [
    "kubelet: failed to set up pod network: iptables v1.8.3 (legacy): Couldn't load target `CNI-9858966d43acd0c70a2202fc':No such file or directory",
    'a CNI chain that is gone: no kernel module',
  ],
  [
    'time="2015-11-13T10:09:09Z" level=info msg="API listen on /var/run/docker.sock"\n/usr/local/bin/docker daemon -D -g /var/lib/docker -H unix:// -s aufs',
    'a daemon that came up on the aufs it chose',
  ],
  ['/dev/sda1  100G  60G  40G  60% /etc/resolv.conf', 'a df row with room left'],
  ['Make sure Docker is running before you start the tutorial.', 'a how-to telling the reader to start Docker'],
  ['$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 Nov 27 05:56 /var/run/docker.sock\n$ docker ps\nCONTAINER ID   IMAGE   COMMAND', 'the socket listed beside a working client'],
]);

describe('round 16: what a review kept an alarm', () => {
  it('names no LXC host for a refused mount far after kind\'s /dev/kmsg warning', () => {
    const got = classify('WARN: /dev/kmsg does not exist, symlinking /dev/console\nINFO: starting\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nmount: /mnt/x: permission denied.');
    assert.ok(!got.some((f) => f.id === 'caps-unavailable'), JSON.stringify(got));
  });
  it('names no shared data root for a container\'s merged root bound at /var/lib/docker', () => {
    const got = classify('docker run -v /var/lib/docker/overlay2/abcdef0123456789abcd/merged:/var/lib/docker img');
    assert.deepEqual(got.map((f) => f.id), ['dood-volume-path']);
  });
  it('keeps a chain that already exists an error where the client\'s request failed on it', () => {
    const got = classify('docker: Error response from daemon: driver failed programming external connectivity on endpoint web (abc): iptables failed: iptables --wait -t nat -N DOCKER: iptables: Chain already exists.');
    assert.equal(got.find((f) => f.id === 'iptables-failure')?.severity, 'error');
  });
  it('keeps a plugin\'s refusal of --privileged an error beside every capability', () => {
    const got = classify('authorization denied by plugin pipelines: --privileged=true is not allowed\nCapEff: 000001ffffffffff');
    assert.equal(got.find((f) => f.id === 'not-privileged')?.severity, 'error');
  });
  it('names SELinux as a warning where the text shows it beside no-new-privileges', () => {
    const got = classify('getenforce\nEnforcing\ndocker run --security-opt=no-new-privileges alpine sh\npanic: standard_init_linux.go:175: exec user process caused "operation not permitted"');
    assert.equal(got.find((f) => f.id === 'selinux-denied')?.severity, 'warning');
  });
  it('reads a socket listed with an ACL mark at a RHEL-style prompt', () => {
    const got = classify('[dev@box ~]$ docker ps\nCannot connect to the Docker daemon. Is the docker daemon running on this host?\n[dev@box ~]$ ls -l /var/run/docker.sock\nsrw-rw----+ 1 root docker 0 Nov 27 05:56 /var/run/docker.sock');
    assert.ok(got.some((f) => f.id === 'socket-permission'), JSON.stringify(got));
  });
});
