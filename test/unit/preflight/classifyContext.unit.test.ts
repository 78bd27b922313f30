// Severity from context (issue 15 item 3) and every false alarm the issue names, plus one real line
// per message template added for issue 15. Comments name where each line comes from.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';

const ids = (text: string) => classify(text).map((f) => f.id);
const loud = (text: string) => classify(text).filter((f) => f.severity !== 'info').map((f) => `${f.id}: ${f.evidence}`);
const severityOf = (text: string, id: string) => classify(text).find((f) => f.id === id)?.severity;

describe('severity from context', () => {
  describe('vfs', () => {
    // docker info of docker:dind-rootless (corpus tuning: docker-library-165, fuse-overlayfs-321).
    const ROOTLESS_INFO = ['Server:', ' Server Version: 20.10.8', ' Storage Driver: vfs', ' Cgroup Driver: none', ' Security Options:', '  seccomp', '   Profile: default', '  rootless'].join('\n');

    it('is info where rootless dind runs it (no false alarm on a healthy rootless daemon)', () => {
      assert.equal(severityOf(ROOTLESS_INFO, 'vfs-fallback'), 'info');
      assert.deepEqual(loud(ROOTLESS_INFO), []);
    });

    it('is info where the user chose it, or where overlay cannot sit on the backing filesystem', () => {
      assert.equal(severityOf('+ dockerd --host=unix:///var/run/docker.sock --storage-driver=vfs\nStorage Driver: vfs', 'vfs-fallback'), 'info');
      // moby overlay2/overlay.go "'overlay2' is not supported over %s", then vfs (LXD on a zfs pool).
      const zfs = ['level=error msg="\'overlay2\' is not supported over zfs" storage-driver=overlay2', 'level=info msg="[graphdriver] using prior storage driver: vfs"'].join('\n');
      assert.equal(severityOf(zfs, 'vfs-fallback'), 'info');
      assert.deepEqual(loud(zfs), [], 'the overlay2 probe before a working vfs start is no alarm there');
    });

    it('is a warning where the daemon fell back from overlay2 on a union filesystem, with the cause first', () => {
      // fixture overlay-on-overlay wording, then the daemon's choice.
      const text = ["ERRO[0000] 'overlay2' is not supported over overlayfs    storage-driver=overlay2", 'INFO[0000] [graphdriver] using prior storage driver: vfs'].join('\n');
      const found = classify(text);
      assert.deepEqual(found.map((f) => [f.id, f.severity]), [['overlay-on-overlay', 'warning'], ['vfs-fallback', 'warning']]);
    });

    it('stays a warning on a bare docker info without context (existing fixtures)', () => {
      assert.equal(severityOf('Storage Driver: vfs', 'vfs-fallback'), 'warning');
    });
  });

  describe('benign noise is never shown', () => {
    it('drops containerd\'s "cannot find cgroup mount destination" below error level', () => {
      for (const level of ['info', 'warning', 'debug']) {
        // containerd cgroups.ErrMountPointNotExist, logged by a healthy level's containerd.
        assert.deepEqual(classify(`time="2019-03-01T10:00:00Z" level=${level} msg="failed to get cgroup stats" error="cgroups: cannot find cgroup mount destination: unknown"`), []);
      }
    });

    it('keeps it an error when run fails with it (fixture for-linux-219 wording)', () => {
      assert.equal(severityOf('docker: Error response from daemon: cgroups: cannot find cgroup mount destination: unknown.', 'cgroup-not-mounted'), 'error');
    });

    it('drops containerd 1.0-1.2 snapshotter probes at warning level (corpus tuning: forlinux-448)', () => {
      const text = 'dockerd: time="2018-09-26T18:00:03+02:00" level=warning msg="failed to load plugin io.containerd.snapshotter.v1.aufs" error="modprobe aufs failed: "modprobe: FATAL: Module aufs not found.\\n": exit status 1"';
      assert.deepEqual(loud(text), []);
    });

    it('demotes a missing iptables binary once the daemon came up (run with --iptables=false)', () => {
      const text = ['level=warning msg="failed to find iptables" error="exec: \\"iptables\\": executable file not found in $PATH"', 'level=info msg="API listen on /var/run/docker.sock"'].join('\n');
      assert.deepEqual(loud(text), []);
    });
  });

  it('raises no caps-unavailable on a real privileged host', () => {
    // A privileged level's full bounding set and its healthy start (fixture local-dockerd-20.10.24-startup style).
    const text = ['CapBnd:\t000001ffffffffff', 'CapEff:\t000001ffffffffff', 'time="2024-01-01T00:00:00Z" level=info msg="Docker daemon" commit=abc graphdriver=overlay2 version=24.0.7', 'time="2024-01-01T00:00:00Z" level=info msg="API listen on /var/run/docker.sock"'].join('\n');
    assert.deepEqual(classify(text), []);
  });
});

describe('templates added for issue 15', () => {
  const cases: [string, string, string][] = [
    // [expected first-two id, line, source]
    ['apparmor-denied', 'docker: Error response from daemon: Could not check if docker-default AppArmor profile was loaded: open /sys/kernel/security/apparmor/profiles: permission denied.', 'moby profiles/apparmor; corpus lxd-3723'],
    ['apparmor-denied', 'Error response from daemon: AppArmor enabled on system but the docker-default profile could not be loaded: running `apparmor_parser -Kr /var/lib/docker/tmp/docker-default1` failed', 'moby daemon/apparmor_default.go'],
    ['apparmor-denied', 'runc create failed: unable to start container process: error during container init: open sysctl net.ipv4.ip_unprivileged_port_start file: reopen fd 8: permission denied', 'runc 1.2 libcontainer; runc#4968'],
    ['caps-unavailable', 'starting container process caused: unknown capability "CAP_PERFMON": unknown.', 'runc libcontainer/capabilities'],
    ['caps-unavailable', '[rootlesskit:parent] error: failed to setup UID/GID map: newuidmap 57 [0 1000 1] failed: newuidmap: write to uid_map failed: Operation not permitted', 'shadow newuidmap'],
    ['caps-unavailable', 'error during container init: error mounting "sysfs" to rootfs at "/sys": mount sysfs:/sys (via /proc/self/fd/7), flags: 0xf: operation not permitted: unknown.', 'runc rootfs_linux.go'],
    ['caps-unavailable', 'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)', 'iptables nft.c'],
    ['not-privileged', '[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: operation not permitted', 'rootlesskit; corpus docker-install-417'],
    ['not-privileged', 'OCI runtime exec failed: exec failed: container_linux.go:348: starting container process caused "could not create session key: operation not permitted": unknown', 'runc libcontainer/keys/keyctl.go'],
    ['not-privileged', 'pods "x" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed]', 'Kubernetes PSP'],
    ['cgroup-readonly', 'Failed to create /init.scope control group: Read-only file system', 'systemd src/core/cgroup.c'],
    ['cgroup-readonly', 'cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime 0 0', '/proc/mounts; corpus moby-44402'],
    ['cgroup-v2-nesting', 'applying cgroup configuration for process caused "open /sys/fs/cgroup/foo/cpuset.cpus.effective: no such file or directory"', 'runc; corpus runc-2143'],
    ['cgroup-v2-nesting', "sed: couldn't flush stdout: Device or resource busy", 'GNU sed; corpus devcontainers-372'],
    ['cgroup-devices-shared', 'failed to write "a *:* rwm" to "/sys/fs/cgroup/devices/docker/1/devices.allow": write /sys/fs/cgroup/devices/docker/1/devices.allow: operation not permitted', 'runc cgroups/devices'],
    ['storage-driver-unsupported', '[  209.364018] overlayfs: upper fs needs to support d_type.', 'fs/overlayfs/super.c'],
    ['storage-driver-unsupported', '[1417769.102222] overlayfs: upper fs missing required features.', 'fs/overlayfs/super.c'],
    ['storage-driver-unsupported', ' Supports d_type: false', 'docker info'],
    ['storage-driver-unsupported', 'docker: Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/4b95-init/merged: invalid argument.', 'moby overlay2/driver.go'],
    ['overlay-on-overlay', 'ERROR: Error response from daemon: failed to mount /tmp/containerd-mount1: mount source: "overlay", target: "/tmp/x", fstype: overlay, flags: 0, data: "…", err: invalid argument', 'containerd mount_linux.go'],
    ['aufs-module-missing', '$ docker run --rm -ti --privileged docker:dind dockerd -s aufs\nError starting daemon: error initializing graphdriver: driver not supported', 'corpus docker-library-docker-86'],
    ['kernel-module-missing', "iptables v1.4.21: Couldn't load target `MASQUERADE':No such file or directory", 'libxtables'],
    ['iptables-backend-mismatch', "iptables v1.8.7 (legacy): Couldn't load match `comment':No such file or directory", 'libxtables'],
    ['kernel-module-missing', 'iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Invalid argument', 'iptables nft.c'],
    ['iptables-backend-mismatch', 'iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Invalid argument', 'iptables nft.c'],
    ['kernel-module-missing', 'iptables failed: iptables --wait -t nat -A DOCKER -p tcp --dport 49282 -j DNAT: iptables v1.8.7 (legacy): unknown option "--dport"', 'iptables; corpus minikube-10496'],
    ['iptables-failure', 'level=warning msg="failed to find iptables" error="exec: \\"iptables\\": executable file not found in $PATH"', 'moby libnetwork/iptables'],
    ['dood-port-conflict', 'docker.exe: Error response from daemon: Ports are not available: listen tcp 0.0.0.0:445: bind: Only one usage of each socket address is normally permitted.', 'Docker Desktop'],
    ['socket-permission', 'permission denied while trying to connect to the docker API at unix:///var/run/docker.sock', 'docker/cli 28'],
    ['daemon-unreachable', 'error during connect: Post "http://docker:2375/v1.24/auth": dial tcp: lookup docker on 169.254.169.254:53: no such host', 'docker/cli'],
    ['dood-volume-path', 'sh: 1: cannot create /var/jenkins_home/workspace/testing@tmp/durable-518faec8/jenkins-log.txt: Directory nonexistent', 'Jenkins durable-task'],
    ['dood-volume-path', 'docker run -v /var/run/docker.sock:/var/run/docker.sock -v $PWD:/src img\nthe /src folder is empty', 'DooD symptom (issue 15)'],
    ['var-lib-docker-shared', 'FATA[0001] Error starting daemon: timeout', 'bolt lock timeout; corpus moby-22507'],
    ['disk-space', "message: 'The node was low on resource: ephemeral-storage. Container w was using 73712Ki'", 'kubelet eviction'],
  ];
  for (const [id, text, source] of cases) {
    it(`${id} ← ${source}`, () => {
      assert.ok(ids(text).slice(0, 2).includes(id), `got [${ids(text).join(', ')}]`);
    });
  }

  it('drops the overlay-on-overlay guess when docker info names another backing filesystem', () => {
    // corpus tuning: moby-32964 (NFS root)
    const text = ['docker: Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/4b-init/merged: invalid argument.', 'Storage Driver: overlay2', ' Backing Filesystem: nfs'].join('\n');
    assert.equal(ids(text)[0], 'storage-driver-unsupported');
    assert.ok(!ids(text).includes('overlay-on-overlay'), ids(text).join(', '));
  });

  it('keeps an overlay probe the daemon did without informational (rootless, or a daemon that came up)', () => {
    // moby graphdriver/overlayutils "failed to mount overlay: %w" at error level, then another driver.
    const probe = 'time="2026-01-10T10:00:00Z" level=error msg="failed to mount overlay: operation not permitted" storage-driver=overlay2';
    const rootless = [probe, 'time="2026-01-10T10:00:00Z" level=info msg="API listen on /run/user/1000/docker.sock"'].join('\n');
    assert.equal(severityOf(rootless, 'storage-driver-unsupported'), 'info');
    const up = [probe, 'time="2026-01-10T10:00:01Z" level=info msg="Daemon has completed initialization"'].join('\n');
    assert.equal(severityOf(up, 'storage-driver-unsupported'), 'info');
    assert.equal(severityOf(probe, 'storage-driver-unsupported'), 'warning', 'alone it is the reason overlay2 is not used');
  });
});
