// Per-template tests for round 32 (session 32): wordings the fifty-fourth to fifty-sixth blind batches' unread halves
// (fresh53, fresh54, fresh55, read after two scorings) pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const CONTAINER = '3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899';
const OTHER = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

const TEMPLATES: Row[] = [
  [
    'data-root-corrupt',
    'WARN[0000] Can\'t read link "/var/lib/containers/storage/overlay/l/ABCDEFGHIJKLMNOPQRSTUVWXYZ" because it does not exist. A storage corruption might have occurred, attempting to recreate the missing symlinks. It might be best wipe the storage to avoid further errors due to storage corruption.',
    'containers/storage overlay "Can\'t read link %q because it does not exist. A storage corruption might have occurred…"',
  ],
  ['cgroup-not-mounted', 'Failed to create control group /sys/fs/cgroup/memory/box-3/: No such file or directory\n\ndr-xr-xr-x 3 root root  0 Mar  1 10:00 blkio\ndr-xr-xr-x 3 root root  0 Mar  1 10:00 cpu,cpuacct\ndr-xr-xr-x 5 root root  0 Mar  1 10:00 systemd', 'isolate "Failed to create control group %s: %m" beside a v1 listing without that controller'],
  ['cgroup-v2-nesting', 'Failed to create control group /sys/fs/cgroup/memory/box-12/: No such file or directory', 'the same without a listing (a v2 host as likely; a hint)'],
  ['cgroup-not-mounted', 'Failed to create control group /sys/fs/cgroup/memory/box-12/: No such file or directory', 'the same: a controller not mounted (a hint)'],
  ['cgroupns-host', `7:pids:/docker/${CONTAINER}/docker/${CONTAINER}/system.slice/cron.service`, 'systemd in a container re-making its host-namespace place under its own subtree'],
  ['cgroupns-host', `0::/system.slice/docker-${CONTAINER}.scope/system.slice/docker-${CONTAINER}.scope/init.scope`, 'the same with systemd\'s scope names'],
  ['not-privileged', 'Error: kernel does not support overlay fs: \'overlay\' is not supported over extfs at "/var/lib/containers/storage/overlay": backing file system is unsupported for this graph driver', 'containers/storage "\'overlay\' is not supported over %s at %q" over a filesystem overlay runs on (a hint)'],
  ['rootless-prerequisites', 'error: cloning builder process: Operation not permitted\nerror: unable to start build process', 'Nix "cloning builder process: %s" as a user namespace a host forbids (a second hint)'],
  ['selinux-denied', '$ ls -ld /srv/db\ndrwxr-xr-x. 2 postgres postgres 6 Oct  7 11:54 /srv/db\n$ docker logs db\nmkdir: cannot create directory \'/var/lib/pgsql/data/userdata\': Permission denied', 'coreutils mkdir EACCES beside `ls -l`\'s SELinux context dot (a hint)'],
  ['not-privileged', 'time="2024-02-02T18:12:11Z" level=warning msg="nsenter: can\'t open \'/proc/1/ns/mnt\': Permission denied" cmd=/usr/bin/nsenter std=err', 'busybox nsenter "can\'t open \'%s\'" of another process\'s namespace with EACCES (a hint)'],
  ['not-privileged', 'nsenter: cannot open /proc/1/ns/net: Permission denied', 'util-linux nsenter "cannot open %s" (a hint)'],
  ['not-privileged', 'nsenter: reassociate to namespaces failed: Operation not permitted', 'util-linux 2.40+ "reassociate to namespaces failed" through a pidfd (a hint)'],
  ['socket-permission', "Error: Couldn't connect to Docker daemon at http:docker://localunixsocket - is it running?", 'docker-compose 1.x errors.py with its "+" lost in a paste (a hint)'],
  ['daemon-unreachable', '[ERROR] F8: Cannot create docker access object  [Connect to localhost:2375 [localhost/127.0.0.1, localhost/0:0:0:0:0:0:0:1] failed: Connection refused: connect]', 'Apache HttpClient "Connect to %s [%s] failed: %s" without its exception\'s name'],
  [
    'daemon-unreachable',
    'Caused by: java.io.IOException: com.sun.jna.LastErrorException: [2] No existe el archivo o el directorio\n\tat org.testcontainers.shaded.org.scalasbt.ipcsocket.UnixDomainSocket.<init>(UnixDomainSocket.java:62)',
    'Testcontainers\' ipcsocket with JNA\'s errno 2 in any locale',
  ],
  [
    'socket-permission',
    'Caused by: java.io.IOException: com.sun.jna.LastErrorException: [13] Permission denied\n\tat org.testcontainers.shaded.org.scalasbt.ipcsocket.UnixDomainSocket.<init>(UnixDomainSocket.java:62)',
    'the same with errno 13',
  ],
];

describeRuleTemplates('round 32 templates', TEMPLATES);

describe('round 32 boundaries', () => {
  it('reads a storage corruption warning as a hint while the store repairs it, a warning once the repair failed', () => {
    assert.equal(severityOf(TEMPLATES[0][1], 'data-root-corrupt'), 'info');
    const failed = `${TEMPLATES[0][1]}\nError: readlink /var/lib/containers/storage/overlay/l/ABCDEFGHIJKLMNOPQRSTUVWXYZ: no such file or directory`;
    assert.equal(severityOf(failed, 'data-root-corrupt'), 'warning');
  });

  it('reads a doubled group as a hint, and a socket listed with the SELinux dot as no SELinux', () => {
    assert.equal(severityOf(TEMPLATES[4][1], 'cgroupns-host'), 'info');
    const socket = 'srw-rw----. 1 root docker 0 Mar  1 10:00 /var/run/docker.sock\nGot permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: dial unix /var/run/docker.sock: connect: permission denied';
    assert.ok(!ruleRaises(socket, 'selinux-denied'));
  });

  it('reads isolate\'s missing group beside a listing that has that controller as hints only', () => {
    const text = 'Failed to create control group /sys/fs/cgroup/memory/box-3/: No such file or directory\ndr-xr-xr-x 3 root root  0 Mar  1 10:00 blkio\ndr-xr-xr-x 5 root root  0 Mar  1 10:00 memory';
    assert.equal(severityOf(text, 'cgroup-not-mounted'), 'info');
  });

  it('reads sbt\'s unshaded socket library as no Docker client', () => {
    assert.ok(!ruleRaises('java.io.IOException: com.sun.jna.LastErrorException: [111] Connection refused\n\tat org.scalasbt.ipcsocket.UnixDomainSocket.<init>(UnixDomainSocket.java:62)', 'daemon-unreachable'));
  });

  it('keeps a killed containerd as a possible memory limit unless dockerd killed it just before', () => {
    const kill = 'time="2024-01-02T03:04:05Z" level=info msg="killing and restarting containerd" module=libcontainerd pid=61';
    const exit = 'time="2024-01-02T03:04:06Z" level=error msg="containerd did not exit successfully" error="signal: killed" module=libcontainerd';
    assert.ok(!ruleRaises(`${kill}\n${exit}`, 'memory-limit'));
    const later = [kill, exit, ...Array.from({ length: 12 }, (_, i) => `time="2024-01-02T03:0${5 + (i % 4)}:00Z" level=info msg="loading plugin ${i}"`), exit];
    assert.ok(ruleRaises(later.join('\n'), 'memory-limit'));
    // A real OOM kill beside dockerd's own kill is kept, whichever came first.
    assert.ok(ruleRaises(`${kill}\n${exit}\ncommand terminated with exit code 137`, 'memory-limit'));
  });

  it('makes only Testcontainers\' verdict a hint when its native library failed, not another address refused', () => {
    const text = [
      'Could not find a valid Docker environment. Please check configuration. Attempted configurations were:',
      'UnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (ping failed). Root cause UnsatisfiedLinkError (/Users/dev/Library/Caches/JNA/temp/jna99.tmp\' (code signature in <1234> \'/Users/dev/Library/Caches/JNA/temp/jna99.tmp\' not valid for use in process)',
      'Cannot connect to the Docker daemon at tcp://10.0.0.5:2375. Is the docker daemon running?',
    ].join('\n');
    const found = classify(text).filter((f) => f.id === 'daemon-unreachable');
    assert.equal(found.length, 1);
    assert.notEqual(found[0].severity, 'info');
  });

  it('reads a level nested in a level (two different ids) as no shared cgroup namespace', () => {
    assert.ok(!ruleRaises(`8:memory:/docker/${OTHER}/docker/${CONTAINER}`, 'cgroupns-host'));
  });

  it('reads isolate\'s missing group beside a v1 listing as no v2 host', () => {
    assert.ok(!ruleRaises(TEMPLATES[1][1], 'cgroup-v2-nesting'));
    assert.equal(severityOf(TEMPLATES[1][1], 'cgroup-not-mounted'), 'warning');
  });

  it('reads isolate\'s read-only group as no missing controller', () => {
    assert.ok(!ruleRaises('Failed to create control group /sys/fs/cgroup/memory/box-1/: Read-only file system', 'cgroup-not-mounted'));
  });

  it('reads overlay refused over a filesystem it runs on as no overlay under the driver', () => {
    assert.ok(!ruleRaises(TEMPLATES[6][1], 'overlay-on-overlay'));
    assert.equal(ids(TEMPLATES[6][1])[0], 'storage-driver-unsupported');
  });

  it('keeps overlay refused over overlayfs as overlay on overlay, with no privilege hint', () => {
    const line = 'Error: \'overlay\' is not supported over overlayfs at "/var/lib/containers/storage/overlay": backing file system is unsupported for this graph driver';
    assert.equal(ids(line)[0], 'overlay-on-overlay');
    assert.ok(!ruleRaises(line, 'not-privileged'));
  });

  it('reads a refusal beside a listing without the context dot as no SELinux', () => {
    assert.ok(!ruleRaises('drwxr-xr-x 2 postgres postgres 6 Oct  7 11:54 /srv/db\nmkdir: cannot create directory \'/var/lib/pgsql/data/userdata\': Permission denied', 'selinux-denied'));
  });

  it('reads a Java client that could not load its native socket library as no unreachable daemon', () => {
    const text = [
      'ERROR org.testcontainers.dockerclient.DockerClientProviderStrategy - Could not find a valid Docker environment. Please check configuration. Attempted configurations were:',
      'UnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (ping failed). Root cause UnsatisfiedLinkError (/Users/dev/Library/Caches/JNA/temp/jna1234.tmp: code signature in (/Users/dev/Library/Caches/JNA/temp/jna1234.tmp) not valid for use in process using Library Validation)',
    ].join('\n');
    assert.equal(severityOf(text, 'daemon-unreachable'), 'info');
    assert.equal(severityOf(text.split('\n')[0], 'daemon-unreachable'), 'error');
  });

  it('reads JNA\'s errno without Testcontainers\' socket class as nothing on its own', () => {
    assert.ok(!ruleRaises('com.sun.jna.LastErrorException: [2] No such file or directory', 'daemon-unreachable'));
  });
});
