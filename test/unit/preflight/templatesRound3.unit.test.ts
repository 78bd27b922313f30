// Per-template tests for the third round: failure modes the held-out figures named as weak (a stale
// containerd pid, an unprivileged level, a kernel without nf_tables objects, a devices cgroup the parent
// restricts, a data root on the container's overlay, disk space) and the wrappers they arrive in. Each
// row is built from the format string named in its last column, not from a corpus sample.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // stale-pidfile
  ['stale-pidfile', 'failed to start containerd: timeout waiting for containerd to start', 'moby libcontainerd/supervisor remote_daemon.go (18.09+)'],
  ['stale-pidfile', 'Aug 26 10:49:25 host dockerd[245115]: failed to start daemon, ensure docker is not r>', 'moby daemon/command/daemon.go, cut by journalctl'],
  // socket-permission
  ['socket-permission', 'Got permission denied while trying to connect to the Docker daemon', 'docker/cli, sentence wrapped by the terminal before "socket at"'],
  ['socket-permission', 'error during connect: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine: Access is denied. In the default daemon configuration on Windows, the docker client must be run with elevated privileges to connect.', 'docker/cli client (Windows named pipe)'],
  // kernel-module-missing
  ['kernel-module-missing', 'iptables v1.8.7 (nf_tables):  CHAIN_ADD failed (No such file or directory): chain PREROUTING', 'iptables nft.c "%s failed (%s)" with ENOENT'],
  ['kernel-module-missing', 'time="2026-01-10T10:00:00Z" level=warning msg="Running iptables --wait -t nat -L -n failed with message: `iptables/1.8.7 Failed to initialize nft: Protocol not supported`, error: exit status 1"', 'iptables nft.c nft_init (EPROTONOSUPPORT)'],
  ['kernel-module-missing', '# CONFIG_IP_NF_NAT is not set', 'kernel scripts/kconfig (a .config dump)'],
  ['kernel-module-missing', '- CONFIG_BRIDGE_NETFILTER: missing', 'moby contrib/check-config.sh wrap_bad "CONFIG_$1" missing'],
  // not-privileged
  ['not-privileged', 'AppArmor detection and --privileged mode might break.', 'docker-library dind / moby hack/dind'],
  ['not-privileged', 'dockerd needs to be started with root privileges. To run dockerd in rootless mode as an unprivileged user, see https://docs.docker.com/go/rootless/', 'moby daemon/command/daemon.go'],
  ['not-privileged', 'FATA[0000] The Docker daemon needs to be run as root', 'docker 1.x daemon'],
  ['not-privileged', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:367: starting container process caused: process_linux.go:495: container init caused: join session keyring: create session key: operation not permitted: unknown.', 'runc ≤1.0 "join session keyring: %w"'],
  // cgroup-not-mounted
  ['cgroup-not-mounted', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:297: applying cgroup configuration for process caused \\"mountpoint for cpu not found\\"": unknown.', 'runc libcontainer/cgroups NewNotFoundError("cpu") in a failed start'],
  // cgroup-devices-shared
  ['cgroup-devices-shared', 'runc create failed: unable to start container process: unable to apply cgroup configuration: resulting devices cgroup doesn\'t precisely match target', 'opencontainers/cgroups devices/v1.go'],
  // overlay-on-overlay
  ['overlay-on-overlay', 'Error starting daemon: rename /var/lib/docker/runtimes /var/lib/docker/runtimes-old: invalid cross-device link', 'moby daemon.go (data root on overlayfs: EXDEV)'],
  ['overlay-on-overlay', 'time="2026-01-10T10:00:00Z" level=warning msg="failed to rename /var/lib/docker/tmp for background deletion: rename /var/lib/docker/tmp /var/lib/docker/tmp-old: invalid cross-device link. Deleting synchronously"', 'moby daemon.go prepareTempDir'],
  // disk-space
  ['disk-space', '##[warning]You are running out of disk space. The runner will stop working when the machine runs out of disk space. Free space left: 48 MB', 'actions/runner disk space warning'],
];

describeTemplates('third-round message templates', TEMPLATES);

describe('root cause first, third round', () => {
  it('a containerd pid trusted after a restart, then never reached, is a stale pid file', () => {
    const text = [
      'time="2026-01-10T10:00:00Z" level=info msg="libcontainerd: containerd is still running" pid=17',
      'time="2026-01-10T10:00:00Z" level=info msg="ClientConn switching balancer to \\"pick_first\\"" module=grpc',
      'failed to start containerd: timeout waiting for containerd to start',
    ].join('\n');
    const f = classify(text);
    assert.deepEqual([f[0].id, f[0].severity, f[0].line], ['stale-pidfile', 'error', 1]);
  });

  it('18.03 wording: docker-containerd still running, then the dial timeout', () => {
    const text = 'INFO[2018-04-05T18:19:12Z] libcontainerd: docker-containerd is still running  pid=1682\nFailed to connect to containerd: failed to dial "/var/run/docker/containerd/docker-containerd.sock": dial unix:///var/run/docker/containerd/docker-containerd.sock: timeout';
    assert.equal(ids(text)[0], 'stale-pidfile');
  });

  it('a missing nf_tables object names the kernel module before the backend guess', () => {
    assert.deepEqual(ids('iptables v1.8.7 (nf_tables):  RULE_APPEND failed (No such file or directory): rule in chain DOCKER-ISOLATION-STAGE-1').slice(0, 2), ['kernel-module-missing', 'iptables-backend-mismatch']);
    assert.deepEqual(ids('iptables/1.8.7 Failed to initialize nft: Protocol not supported').slice(0, 2), ['kernel-module-missing', 'iptables-backend-mismatch']);
  });

  it('an nf_tables refusal other than ENOENT stays the backend reading alone', () => {
    assert.deepEqual(ids('iptables v1.8.9 (nf_tables):  CHAIN_ADD failed (Operation not supported): chain FORWARD'), ['iptables-backend-mismatch']);
  });

  it('EPERM on devices.allow names the device policy first, a read-only cgroup only as a warning', () => {
    const f = classify('write /sys/fs/cgroup/devices/docker/4f1c/devices.allow: operation not permitted');
    assert.deepEqual(f.map((x) => [x.id, x.severity]), [['cgroup-devices-shared', 'warning'], ['cgroup-readonly', 'warning']]);
  });
});

describeQuiet('quiet where the third-round words are not a failure', [
  ['time="2026-01-10T10:00:00Z" level=info msg="libcontainerd: containerd is still running" pid=17', 'containerd really running (live restore), nothing failed'],
  ['time="2026-01-10T10:00:00Z" level=warning msg="mountpoint for cpu not found"', 'a controller missing outside a failed start only drops limits'],
  ['# CONFIG_IP_NF_TARGET_CLUSTERIP is not set', 'a netfilter option Docker does not need'],
  ['- CONFIG_IP6_NF_NAT: missing', 'check-config: IPv6 NAT only costs IPv6'],
  ['Failed to add inotify watch for "/sys/fs/cgroup/x/memory.events": no space left on device', 'inotify watches exhausted, not the disk'],
  ['error: inotify_add_watch("/app/src") failed: No space left on device', 'inotify limit in a file watcher'],
  // (A full kernel keyring, runc's session key refused with EDQUOT, is keyring-quota since round 29, not a full disk.)
]);
