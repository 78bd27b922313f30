// Per-template tests for round 29 (session 29): wordings the forty-ninth blind batch's read half (fresh48r, after its
// first look) pointed to. Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { salientLines } from '../../../src/engine/preflight/possibleCause/tokens';
import { describeRuleTemplates, Row, ruleRaises } from './templateRows';

const BTRFS_EPERM =
  'Error response from daemon: Driver btrfs failed to remove root filesystem 9e7b294c51ed: Failed to destroy btrfs snapshot /var/lib/docker/btrfs/subvolumes for 9e7b294c51ed: operation not permitted';

const BUILD_STEP = (step: string) =>
  [
    step,
    ' ---> Running in 3336f010c690',
    'time="2016-04-23T17:39:32.725617767Z" level=info msg="API listen on /var/run/docker.sock"',
    'time="2016-04-23T17:39:32.738520881Z" level=fatal msg="Error starting daemon: Error initializing network controller: error obtaining controller instance: Failed to create NAT chain: iptables failed: iptables -t nat -N',
  ].join('\n');

const TEMPLATES: Row[] = [
  ['caps-unavailable', BTRFS_EPERM, 'moby btrfs "Failed to destroy btrfs snapshot %s for %s: %v" with EPERM: a level without CAP_SYS_ADMIN'],
  ['storage-driver-unsupported', BTRFS_EPERM, 'the same: the driver the daemon picked, the other reading'],
  ['caps-unavailable', "Creating fuse device...\nmknod: 'fuse-': Operation not permitted\nmakedev fuse c 10 229 root root 0660: failed", 'coreutils mknod "mknod: %s: %s" with EPERM (a hint)'],
  ['vfs-fallback', 'Starting docker.\nUsing "vfs" storage driver. Bind mount /var/lib/docker to use the faster overlay2 driver.', 'a start script "Using \\"vfs\\" storage driver"'],
  ['not-privileged', BUILD_STEP('Step 11 : RUN docker -d -b none -s vfs & sleep 1; docker pull cirros'), 'a daemon started in a classic builder step ("Step %d : RUN") that did not start'],
  ['not-privileged', BUILD_STEP('Step 4/9 : RUN dockerd & sleep 3 && docker pull alpine'), 'the same with the step count ("Step %d/%d : RUN")'],
  ['not-privileged', BUILD_STEP('#7 [builder 3/5] RUN dockerd & sleep 3 && docker load -i images.tar'), 'the same in BuildKit\'s progress ("#%d [%s] RUN")'],
  [
    'api-version-mismatch',
    'docker: Error response from daemon: client version 1.40 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version',
    'moby "client version %s is too old. Minimum supported API version is %s, …" (a hint)',
  ],
  ['api-version-mismatch', 'Error response from daemon: client version 1.47 is too new. Maximum supported API version is 1.43', 'moby "client version %s is too new. Maximum supported API version is %s" (a hint)'],
  ['api-version-mismatch', 'Error response from daemon: client is newer than server (client API version: 1.24, server API version: 1.22)', 'Docker 1.x "client is newer than server (client API version: %s, server API version: %s)" (a hint)'],
  ['api-version-mismatch', "Error response from daemon: client and server don't have same version (client : 1.21, server: 1.19)", 'Docker 1.x "client and server don\'t have same version (client : %s, server: %s)" (a hint)'],
  ['api-version-mismatch', '"--platform" requires API version 1.32, but the Docker daemon API version is 1.24', 'docker/cli "%q requires API version %s, but the Docker daemon API version is %s" (a hint)'],
  [
    'keyring-quota',
    'OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:545: container init caused: join session keyring: create session key: disk quota exceeded: unknown',
    'runc 1.0 "join session keyring: create session key: %w" with EDQUOT',
  ],
  ['keyring-quota', 'oci runtime error: could not synchronise with container process: could not create session key: disk quota exceeded', 'runc before 1.0 "could not create session key: %v" with EDQUOT'],
  [
    'keyring-quota',
    'runc create failed: unable to start container process: error during container init: unable to join session keyring: unable to create session key: disk quota exceeded: unknown',
    'runc 1.1+ "unable to join session keyring: unable to create session key: %w" with EDQUOT',
  ],
  [
    'dood-volume-path',
    ['[user@local test]$ docker run --rm -it -v `pwd`:/data busybox sh', '/data # ls -la', 'total 4', 'drwxr-xr-x    2 root     root            40 Feb 19 08:26 .', 'drwxr-xr-x   20 root     root          4096 Feb 19 08:26 ..'].join('\n'),
    'a bind target listed empty by `ls -la` at a busybox prompt in that folder (a hint)',
  ],
  [
    'dood-volume-path',
    ['$ docker run -v $(pwd):/var/dynamo -d -t --name dynamo dynamo', '$ docker exec -it dynamo /bin/bash', 'root@235196b7fcd6:/var/dynamo# ls', 'root@235196b7fcd6:/var/dynamo#'].join('\n'),
    'a plain `ls` printing nothing at a bash prompt in the bind target (a hint)',
  ],
  [
    'caps-unavailable',
    ['X Exiting due to GUEST_PROVISION_EXIT_UNEXPECTED: Failed to start host: creating host: create: creating: create kic node: container name "minikube": log: + mount -o remount,ro /sys', 'mount: /sys: permission denied.: container exited unexpectedly'].join('\n'),
    "a mount refused in minikube's kic node, which minikube starts --privileged: the runtime's limit",
  ],
  [
    'cgroup-devices-shared',
    'time="2016-12-05T16:51:13Z" level=fatal msg="Failed to find container id:\\n1:cpuset,cpu,cpuacct,blkio,memory,devices,freezer,net_cls,perf_event,net_prio,pids:/docker/952e74bc576e\\n"',
    'a /proc/<pid>/cgroup row with devices among other controllers, quoted in a log message',
  ],
  ['cgroup-devices-shared', '1:cpuset,cpu,cpuacct,blkio,memory,devices,freezer:/docker/952e74bc576e', 'the same row pasted on its own (read before this round too)'],
  [
    'apparmor-denied',
    'time="2016-08-02T14:46:55.740368931-07:00" level=warning msg="Running modprobe bridge br_netfilter failed with message: , error: fork/exec /sbin/modprobe: permission denied"',
    'moby "Running modprobe %s failed with message: %s, error: %v" with exec refused by EACCES (a hint)',
  ],
];

describeRuleTemplates('round 29 templates', TEMPLATES);

describe('round 29 context for listings and cgroup rows', () => {
  it('reads an empty named volume, or a plain ls an `ls -a` of the folder follows, as no empty bind target', () => {
    assert.ok(!ruleRaises(['$ docker run -v pgdata:/var/lib/postgresql/data -it postgres bash', 'root@0a1b2c3d4e5f:/var/lib/postgresql/data# ls', 'root@0a1b2c3d4e5f:/var/lib/postgresql/data#'].join('\n'), 'dood-volume-path'));
    const dotfilesOnly = ['$ docker run -v $(pwd):/app -it node bash', 'root@0a1b2c3d4e5f:/app# ls', 'root@0a1b2c3d4e5f:/app# ls -a', '.  ..  .env  .git'].join('\n');
    assert.ok(!ruleRaises(dotfilesOnly, 'dood-volume-path'));
  });

  it('reads a long run of option-like words in linear time', () => {
    const text = ['root@0a1b2c3d4e5f:/data# ls', 'root@0a1b2c3d4e5f:/data#', '-v=x:'.repeat(10_000), '--volume=x'.repeat(5_000)].join('\n');
    const start = Date.now();
    for (let i = 0; i < 5; i++) ruleRaises(text, 'dood-volume-path');
    assert.ok(Date.now() - start < 2000);
  });

  it('reads a listing with files, a listing at /, or a folder never bound, as no empty bind target', () => {
    assert.ok(!ruleRaises(['$ docker run -v $(pwd):/data -it busybox sh', '/data # ls', 'app.py  README.md', '/data #'].join('\n'), 'dood-volume-path'));
    assert.ok(!ruleRaises(['$ docker run -v $(pwd):/data -it busybox sh', '/ # ls', '/ #'].join('\n'), 'dood-volume-path'));
    assert.ok(!ruleRaises(['$ docker run -v $(pwd):/data -it busybox sh', '/tmp # ls', '/tmp #'].join('\n'), 'dood-volume-path'));
  });

  it('reads a /proc/<pid>/cgroup row with devices in its own hierarchy as no shared devices controller', () => {
    assert.ok(!ruleRaises('4:devices:/docker/952e74bc576e\n5:cpu,cpuacct:/docker/952e74bc576e', 'cgroup-devices-shared'));
  });
});

describe('round 29 kernel keyring', () => {
  it('reads the session key refused with EDQUOT as the key quota, an error, and not a full disk', () => {
    const found = classify('join session keyring: create session key: disk quota exceeded');
    assert.equal(found[0]?.id, 'keyring-quota');
    assert.equal(found[0]?.severity, 'error');
    assert.ok(!found.some((f) => f.id === 'disk-space'));
  });

  it('keeps a quota on the data root a full disk', () => {
    assert.ok(!ruleRaises('write /var/lib/docker/tmp/GetImageBlob123: disk quota exceeded', 'keyring-quota'));
    assert.ok(ruleRaises('write /var/lib/docker/tmp/GetImageBlob123: disk quota exceeded', 'disk-space'));
  });
});

describe('round 29 API versions', () => {
  it('reads a refused API version as a hint, never an alarm, and no daemon-unreachable', () => {
    const found = classify('Error response from daemon: client version 1.40 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version');
    assert.deepEqual(found.map((f) => [f.id, f.severity, f.confidence]), [['api-version-mismatch', 'info', undefined]]);
  });

  it('reads a version the client merely prints as nothing', () => {
    assert.ok(!ruleRaises(' API version:       1.44 (minimum version 1.24)', 'api-version-mismatch'));
  });
});

describe('round 29 context', () => {
  it('reads the btrfs snapshot refusal without its errno as a driver hint only', () => {
    const found = classify('Jan 10 dockerd[12]: Failed to destroy btrfs snapshot /home/u/.local/share/docker/btrfs/subvolumes for 9e7b294c51ed');
    assert.ok(!found.some((f) => f.id === 'caps-unavailable'));
    assert.equal(found.find((f) => f.id === 'storage-driver-unsupported')?.severity, 'info');
  });

  it('reads a build step that starts a daemon which comes up, or a daemon failing outside a build, as no build-step refusal', () => {
    const upInBuild = ['Step 3/5 : RUN dockerd & sleep 3 && docker version', ' ---> Running in 3336f010c690', 'Server: Docker Engine - Community'].join('\n');
    assert.ok(!ruleRaises(upInBuild, 'not-privileged'));
    const outside = ['$ dockerd', 'time="2016-04-23T17:39:32Z" level=fatal msg="Error starting daemon: error initializing graphdriver: driver not supported"'].join('\n');
    assert.ok(!classify(outside).some((f) => f.id === 'not-privileged' && f.severity !== 'info'));
  });
});

describe('round 29 privileges in context', () => {
  it("reads a refusal in a dind pod after kind made its cluster as the pod's missing privileges, not kind's node", () => {
    const text = [
      '$ kind create cluster',
      ' ✓ Preparing nodes 📦',
      '$ kubectl apply -f dind.yaml',
      '$ kubectl logs dind',
      'mount: permission denied (are you root?)',
      'Could not mount /sys/kernel/security.',
    ].join('\n');
    assert.notEqual(classify(text)[0]?.id, 'caps-unavailable');
  });

  it('reads a refusal after minikube quoted its node log and then another command ran as not the node\'s', () => {
    const text = ['X Exiting due to GUEST_PROVISION: create kic node: container name "minikube": log: + true', '$ docker run -it docker:dind', 'mount: /sys/kernel/security: permission denied.'].join('\n');
    assert.ok(!classify(text).some((f) => f.id === 'caps-unavailable' && f.severity !== 'info'));
  });

  it('reads a build step that only names dockerd, asks its version, or runs insecure as no build-step refusal', () => {
    const failedLater = ['$ docker run --privileged -d docker:dind', 'time="2024-01-01T00:00:00Z" level=fatal msg="failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid"'];
    for (const step of ['Step 3/6 : RUN chmod +x /usr/local/bin/dockerd-entrypoint.sh', 'Step 2/4 : RUN dockerd --version', 'Step 2/4 : RUN apk add docker && which dockerd']) {
      assert.ok(!classify([step, ' ---> Running in 3336f010c690', 'Successfully built 3336f010c690', ...failedLater].join('\n')).some((f) => f.id === 'not-privileged' && f.severity !== 'info'), step);
    }
    const insecure = ['#7 [builder 3/5] RUN --security=insecure dockerd & sleep 3 && docker pull alpine', 'time="2024-01-01T00:00:00Z" level=fatal msg="failed to start daemon: error initializing graphdriver: driver not supported"'].join('\n');
    assert.ok(!classify(insecure).some((f) => f.id === 'not-privileged' && f.severity !== 'info'));
  });
});

describe('round 29 noise', () => {
  it("keeps apparmor_parser's harmless add and remove out of the lines the fallback model reads", () => {
    assert.deepEqual(salientLines('apparmor_parser: Unable to remove "docker-default".  Profile doesn\'t exist'), []);
    assert.deepEqual(salientLines('apparmor_parser: Unable to add "docker-default".  Profile already exists'), []);
    assert.equal(salientLines('apparmor_parser: Unable to add "docker-default".  Permission denied; attempted to load a profile while confined?').length, 1);
  });
});

describe('round 29 false alarms', () => {
  it("reads gVisor's runsc missing its sandbox's parent group as a hint, not undelegated controllers", () => {
    const line =
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: creating container: cannot set up cgroup for root: configuring cgroup: write /sys/fs/cgroup/system.slice/cgroup.subtree_control: no such file or directory';
    assert.deepEqual(classify(line).filter((f) => f.severity !== 'info').map((f) => f.id), []);
    assert.ok(ruleRaises(line, 'cgroup-v2-nesting'));
  });
});
