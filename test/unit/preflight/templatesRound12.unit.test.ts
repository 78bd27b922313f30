// Per-template tests for round 12 (session 13): the templates the twelfth and thirteenth blind batches' misses pointed
// to once they had been scored (then moved to the tuning side). Each row is built from the format strings named in it, with made-up
// ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // not-privileged: overlay2's probe refused with EPERM, and the daemon then finds no driver.
  [
    'not-privileged',
    'time="2021-01-18T04:27:50Z" level=error msg="failed to mount overlay: operation not permitted" storage-driver=overlay2\nfailed to start daemon: error initializing graphdriver: driver not supported',
    'moby graphdriver/overlay2 "failed to mount overlay: %v" with EPERM in a level without CAP_SYS_ADMIN',
  ],
  // not-privileged: RancherOS's dockerlaunch dying on a refused mount.
  [
    'not-privileged',
    'time="2016-02-02T14:54:35Z" level=debug msg="Mounting none /run tmpfs "\ntime="2016-02-02T14:54:35Z" level=fatal msg="operation not permitted"',
    'docker-from-scratch dockerlaunch "Mounting %s %s %s %s" then the bare errno',
  ],
  // daemon-unreachable: cruizba/ubuntu-dind's start-up wait giving up.
  ['daemon-unreachable', '[ERROR]  dockerd is not running after max time', 'ubuntu-dind startup.sh "dockerd is not running after max time"'],
  // dood-volume-path: Docker 0.7's own bind check, and AWS SAM's build container missing the bound source.
  [
    'dood-volume-path',
    "Error: start: Invalid bind mount '/var/folders/ab/T/packer-docker01234:/packer-files' : source doesn't exist",
    'docker 0.7 container.go "Invalid bind mount \'%s\' : source doesn\'t exist"',
  ],
  [
    'dood-volume-path',
    'Error: PythonPipBuilder:ResolveDependencies - Requirements file not found: /tmp/samcli/source/requirements.txt',
    'aws-lambda-builders "Requirements file not found: %s" under SAM\'s bound source folder (a hint)',
  ],
  // disk-space: the kubelet (a kind or k3d node is a level) reclaiming disk and failing to free enough images.
  ['disk-space', 'Warning  EvictionThresholdMet  node/kind-control-plane  Attempting to reclaim ephemeral-storage', 'kubelet eviction_manager event "Attempting to reclaim %s"'],
  [
    'disk-space',
    'Warning  FreeDiskSpaceFailed  kubelet  failed to garbage collect required amount of images. Wanted to free 4063232 bytes, but freed 0 bytes',
    'kubelet image_gc_manager "failed to garbage collect required amount of images. …"',
  ],
  // apparmor-denied: apparmor.d's aa-log summary of a denial.
  ['apparmor-denied', 'DENIED  docker-default userns_create comm=app requested=userns_create denied=userns_create', 'apparmor.d aa-log "DENIED  <profile> <operation> …"'],
  // data-root-corrupt: a container's lost read-write layer; Docker ≤1.9's truncated tag store.
  ['data-root-corrupt', 'Error response from daemon: RWLayer of container 0123456789ab is unexpectedly nil', 'moby daemon "RWLayer of container %s is unexpectedly nil"'],
  ['data-root-corrupt', '2015/01/29 04:28:53 Couldn\'t create Tag store: unexpected end of JSON input', 'docker ≤1.9 "Couldn\'t create Tag store: %s"'],
  // disk-space: minikube's check of the daemon's /var.
  [
    'disk-space',
    'Docker is nearly out of disk space, which may cause deployments to fail! (98% of capacity)',
    'minikube "%s is nearly out of disk space, which may cause deployments to fail! (%d%% of capacity)"',
  ],
  // cgroup-v2-nesting: an entrypoint that cannot empty the root cgroup before enabling controllers.
  [
    'cgroup-v2-nesting',
    'ERROR: this script needs /sys/fs/cgroup/cgroup.procs to be empty (for writing the top-level cgroup.subtree_control)',
    'a v2 entrypoint\'s "needs /sys/fs/cgroup/cgroup.procs to be empty"',
  ],
  // rootless-prerequisites: kind's rootless provider checks.
  [
    'rootless-prerequisites',
    'ERROR: failed to create cluster: running kind with rootless provider requires setting systemd property "Delegate=yes", see https://kind.sigs.k8s.io/docs/user/rootless/',
    'kind rootless provider "requires setting systemd property \\"Delegate=yes\\""',
  ],
  // not-privileged: a sandbox's clone of new namespaces refused.
  [
    'not-privileged',
    '[E][16] void subproc::runChild()():441 clone(flags=CLONE_NEWNS|CLONE_NEWPID|SIGCHLD) failed. You probably need root privileges: Operation not permitted',
    'nsjail "clone(flags=%s) failed. …: %s" with EPERM',
  ],
  // iptables-failure, not a module: a target named after Docker's own chain.
  ['iptables-failure', "iptables v1.8.7 (legacy): Couldn't load target `DOCKER-ISOLATION-STAGE-1':No such file or directory", "libxtables \"Couldn't load target `%s'\" for Docker's chain"],
];

describeTemplates('round 12 message templates', TEMPLATES);

describeQuiet('round 12 lines that are not these failures', [
  [
    '[82069.128840] audit: type=1400 audit(1564625845.625:53): apparmor="DENIED" operation="open" profile="/usr/bin/evince-thumbnailer" name="/home/u/.local/share/fonts/" pid=19888 comm="evince-thumbnai" requested_mask="r" denied_mask="r" fsuid=1000 ouid=1000',
    "a desktop program's own AppArmor profile refusing it a file: not a container's denial",
  ],
  [
    'audit: type=1400 audit(1700000000.000:12): apparmor="DENIED" operation="open" profile="snap.firefox.firefox" name="/proc/1/cgroup" pid=4242 comm="firefox"',
    "a snap's own profile: not a container's denial",
  ],
  [
    'Error: PythonPipBuilder:ResolveDependencies - Requirements file not found: /tmp/samcli/source/requirements.txt',
    'SAM missing a requirements file: a hint at most, never an alarm',
  ],
  ['DENIED  /usr/bin/evince open comm=evince requested=r denied=r', "aa-log's line for a desktop program's own profile"],
]);

describe('round 12 context', () => {
  it("does not call Docker's own chain a missing kernel module", () => {
    const found = classify("iptables v1.6.0: Couldn't load target `DOCKER':No such file or directory").map((f) => f.id);
    assert.ok(!found.includes('kernel-module-missing'), found.join(', '));
    assert.ok(classify("iptables v1.8.7: Couldn't load target `MASQUERADE':No such file or directory").some((f) => f.id === 'kernel-module-missing'));
  });

  it('keeps an AppArmor denial of a container profile or dockerd an error', () => {
    for (const profile of ['docker-default', 'snap.docker.dockerd', '/usr/bin/dockerd', 'lxc-container-default-cgns', 'my-nginx']) {
      const line = `audit: type=1400 audit(1700000000.000:12): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="${profile}" name="/sys/fs/cgroup/" pid=42 comm="dockerd"`;
      const found = classify(line).find((f) => f.id === 'apparmor-denied');
      assert.equal(found?.severity, 'error', profile);
    }
  });

  it('drops the not-privileged reading of an overlay EPERM for a rootless daemon', () => {
    const text = 'dockerd-rootless.sh --storage-driver=overlay2\nfailed to mount overlay: operation not permitted storage-driver=overlay2';
    // The possible-cause model may still name it as a guess (info); no rule does.
    assert.ok(!classify(text).some((f) => f.id === 'not-privileged' && f.confidence === undefined));
  });

  it('makes the not-privileged reading of an overlay EPERM a hint once the daemon came up', () => {
    const text = 'level=error msg="failed to mount overlay: operation not permitted" storage-driver=overlay2\nlevel=info msg="Daemon has completed initialization"';
    assert.equal(classify(text).find((f) => f.id === 'not-privileged')?.severity, 'info');
  });

  it('needs the mount line before a bare EPERM', () => {
    assert.ok(!classify('level=fatal msg="operation not permitted"').some((f) => f.id === 'not-privileged' && f.confidence === undefined));
  });
});
