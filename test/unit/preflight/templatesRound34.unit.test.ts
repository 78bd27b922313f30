// Per-template tests for round 34 (session 34): wordings the sixtieth and sixty-second blind batches' unread halves
// (fresh59, fresh61) and the sixty-third and sixty-fourth batches (fresh62, fresh63), read after their scorings, pointed
// to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const BTRFS_USAGE = (unallocated: string, metadata: string, metadataSize = '2.00GiB') =>
  [
    'Overall:',
    '    Device size:                 200.00GiB',
    '    Device allocated:            199.00GiB',
    `    Device unallocated:          ${unallocated}`,
    '    Used:                        150.00GiB',
    '    Free (estimated):             45.00GiB      (min: 45.00GiB)',
    '',
    'Data,single: Size:195.00GiB, Used:150.00GiB (76.92%)',
    `Metadata,DUP: Size:${metadataSize}, Used:${metadata} (90.00%)`,
    'System,DUP: Size:8.00MiB, Used:16.00KiB (0.20%)',
  ].join('\n');

const BOLT_PANIC = [
  'panic: runtime error: slice bounds out of range [:4194304] with capacity 65536',
  '',
  'goroutine 31 [running]:',
  'go.etcd.io/bbolt.(*leafPageElement).key(...)',
  '        /go/pkg/mod/go.etcd.io/bbolt@v1.3.6/page.go:126',
].join('\n');

const TEMPLATES: Row[] = [
  ['not-privileged', 'Mon Mar  2 10:00:00 2026 ERROR: Cannot open TUN/TAP dev /dev/net/tun: No such file or directory (errno=2)', 'OpenVPN tun.c "Cannot open TUN/TAP dev %s" with ENOENT (a hint)'],
  ['not-privileged', 'CPU acceleration status: KVM is not installed on this machine (/dev/kvm is missing).', 'the Android emulator\'s "KVM is not installed on this machine (/dev/kvm is missing)" (a hint)'],
  ['not-privileged', 'open(/sys/kernel/debug/tracing/kprobe_events): Permission denied', 'bcc opening tracefs in a container (a hint)'],
  ['not-privileged', 'tmpfs /proc/kcore tmpfs rw,nosuid,size=65536k,mode=755 0 0', '/proc/mounts: the runtime\'s masked path over /proc/kcore (a hint)'],
  ['not-privileged', 'Unable to unshare: EPERM (for FEATURES="network-sandbox")', 'Portage process.py "Unable to unshare: %s" (a hint)'],
  ['kernel-module-missing', 'Download failed, consider compiling your own falco module and loading it or getting in touch with the Falco community', 'Falco\'s driver loader with no prebuilt module (a hint)'],
  ['kernel-module-missing', 'Error! Bad return status for module build on kernel: 6.1.0-9-amd64 (x86_64)', 'DKMS "Bad return status for module build on kernel: %s" (a hint)'],
  ['cgroup-v2-nesting', 'app.service: Failed to attach to cgroup /system.slice/app.service: Device or resource busy', 'systemd "%s: Failed to attach to cgroup %s: %m" with EBUSY'],
  ['cgroup-v2-nesting', 'app.service: Failed at step CGROUP spawning /usr/bin/app: Device or resource busy', 'systemd "Failed at step CGROUP spawning %s: %m" with EBUSY'],
  ['cgroup-v2-nesting', 'Cannot determine cgroup we are running in: No data available\n0::/', 'systemd cg_pid_get_path ENODATA beside a unified hierarchy\'s /proc/self/cgroup'],
  ['kernel-module-missing', '# CONFIG_IP6_NF_FILTER is not set\nError response from daemon: Failed to Setup IP tables: Unable to enable SKIP DNAT rule:  (iptables failed: ip6tables --wait -t nat -I DOCKER -i br-0a1b -j RETURN: ip6tables: No chain/target/match by that name.', 'a kernel config without ip6tables\' filter beside dockerd\'s ip6tables failure'],
  ['data-root-corrupt', BOLT_PANIC, 'a Go bounds panic in bbolt\'s page reading'],
  ['disk-space', BTRFS_USAGE('1.00MiB', '1.80GiB'), '`btrfs filesystem usage` with every byte allocated and metadata nearly used'],
  ['not-privileged', 'pods "sandbox-0a1b" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (container "setup" must not include "NET_ADMIN" in securityContext.capabilities.add)', 'Pod Security baseline "non-default capabilities (container %q must not include %q …)"'],
  ['daemon-unreachable', 'time="2026-03-02T10:00:00Z" level=debug msg="commandconn (ssh):Host key verification failed.\\r\\n"', 'docker/cli commandconn relaying ssh\'s "Host key verification failed."'],
  ['api-version-mismatch', 'com.github.dockerjava.api.BadRequestException: {"message":"starting container with HostConfig was deprecated since v1.10 and removed in v1.12"}', 'moby 1.12 "starting container with HostConfig was deprecated since v1.10 and removed in v1.12"'],
  ['api-version-mismatch', 'Error response from daemon: starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24', 'moby 17.07+ "… non-empty request body was deprecated since API v1.22 and removed in v1.24"'],
  ['daemon-unreachable', "Execution default of goal io.fabric8:docker-maven-plugin:0.21.0:build failed: No <dockerHost> or <machine> given, no DOCKER_HOST environment variable, and no read/writable '/var/run/docker.sock'", 'fabric8 0.21-era "No <dockerHost> or <machine> given, …"'],
  ['kernel-module-missing', 'Consider compiling your own falco driver and loading it or getting in touch with the Falco community', 'Falco 0.28+ "Consider compiling your own falco driver …" (a hint)'],
  [
    'data-root-corrupt',
    'panic: runtime error: slice bounds out of range [:4194304] with capacity 65536\n\ngoroutine 7 [running]:\ngo.etcd.io/bbolt/internal/common.UnsafeByteSlice(...)\n        /go/pkg/mod/go.etcd.io/bbolt@v1.4.0/internal/common/unsafe.go:27',
    'the same panic in bbolt 1.4+\'s internal/common frames',
  ],
  ['daemon-unreachable', "[ERROR] Failed to execute goal io.fabric8:docker-maven-plugin:0.20.0:build (default) on project app: Execution default of goal io.fabric8:docker-maven-plugin:0.20.0:build failed: No url given, no DOCKER_HOST environment variable and no read/writable '/var/run/docker.sock' -> [Help 1]", 'fabric8 "No url given, no DOCKER_HOST environment variable and no read/writable \'%s\'"'],
  ['daemon-unreachable', '12:00:00.000 [main] DEBUG org.testcontainers.dockerclient.DockerClientProviderStrategy - UnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (ping failed)', 'Testcontainers "%s: failed with exception %s (%s)" (a hint)'],
  ['disk-space', 'I0302 10:00:00.000000 1234 image_gc_manager.go:300] [imageGCManager]: Disk usage on "/dev/sdb1" (/var/lib/docker) is at 93% which is over the high threshold (90%). Trying to free 2147483648 bytes', 'kubelet < 1.8 image GC "Disk usage on %q (%s) is at %d%% which is over the high threshold" (a hint)'],
  ['memory-limit', 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 90000Ki.', 'kubelet eviction "The node was low on resource: %v." for memory'],
  ['rootless-prerequisites', 'error clearing supplemental groups list: operation not permitted', 'Buildah chroot/run.go "error clearing supplemental groups list: %v" (a hint)'],
  ['vfs-fallback', '\t[ERROR SystemVerification]: unsupported graph driver: vfs', 'kubeadm SystemVerification "unsupported graph driver: %s" for vfs'],
  ['vfs-fallback', 'DOCKER_VERSION: 19.03.0\nDOCKER_GRAPH_DRIVER: vfs', 'kubeadm\'s "DOCKER_GRAPH_DRIVER: %s" listing vfs'],
  [
    'apparmor-denied',
    'audit: type=1400 audit(1575281926.659:229): apparmor="ALLOWED" operation="exec" info="no new privs" error=-1 profile="snap.microk8s.daemon-containerd" name="/app/run" pid=11686 comm="runc:[2:INIT]" requested_mask="x" denied_mask="x" fsuid=65532 ouid=0 target="cri-containerd.apparmor.d"',
    'an AppArmor exec record with info="no new privs" error=-1',
  ],
  ['kernel-module-missing', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to mount rootfs component &{overlay overlay [workdir=/var/lib/containerd/snapshots/5/work upperdir=/var/lib/containerd/snapshots/5/fs lowerdir=/var/lib/containerd/snapshots/1/fs]}: no such device: unknown', 'containerd "failed to mount rootfs component %v: %w" for an overlay with ENODEV'],
  ['kernel-module-missing', 'ERROR  : Failed to mount squashfs image in (read only): No such device', 'Singularity "Failed to mount squashfs image in (read only): %s" with ENODEV'],
  ['data-root-corrupt', 'docker: Error response from daemon: open /var/lib/docker/overlay2/0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9/committed: no such file or directory.', 'overlay2 opening a parent layer\'s "committed" marker with ENOENT'],
  ['not-privileged', 'jibri-1    | cap[cap_sys_admin] not permitted', 'capsh --has-p "cap[%s] not permitted" (a hint)'],
  ['not-privileged', 'Required capability SYS_ADMIN is missing', 'an image\'s start-up check "Required capability %s is missing"'],
  ['not-privileged', 'systemd[1]: app.service: Main process exited, code=exited, status=226/NAMESPACE', 'systemd exit status 226 (EXIT_NAMESPACE) (a hint)'],
  ['apparmor-denied', '[0115/215319.789774:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor, see https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md', 'Chromium\'s zygote "No usable sandbox! …" naming AppArmor\'s restriction (a hint)'],
  ['dood-volume-path', '{"level":"error","error":"command traefik error: read /etc/traefik/traefik.yml: is a directory"}', 'Go "read %s: is a directory" on a bound config file (a hint)'],
  ['dood-volume-path', "IsADirectoryError: [Errno 21] Is a directory: '/app/config.yaml'", 'Python\'s IsADirectoryError on a bound config file (a hint)'],
  ['api-version-mismatch', 'Error: cannot connect to the Podman socket, please verify that Podman REST API service is running: server API version is too old. Client "4.0.0" server "3.4.2"', 'Podman bindings "server API version is too old. Client %q server %q"'],
  ['socket-permission', 'docker-socket-protector-1  | request denied: GET /v1.24/containers/json', 'docker-socket-protector "request denied: %s %s" (a hint)'],
  ['disk-space', 'Step #2: Checking for at least 150 GB on /workspace: FAILED', 'Kubernetes release tooling "Checking for at least %d GB on %s: FAILED"'],
  ['cgroup-v2-nesting', 'crun: controller `pids` is not available under /sys/fs/cgroup/libpod_parent/libpod-0a1b2c/cgroup.controllers', 'crun "controller `%s` is not available under %s/cgroup.controllers"'],
  ['cgroup-v2-nesting', 'stderr: nvidia-container-cli: container error: cgroup subsystem devices not found: unknown', 'libnvidia-container < 1.8 on a unified host (a hint)'],
  ['daemon-unreachable', '[ERROR] Failed to execute goal io.fabric8:fabric8-maven-plugin:3.1.27:build (default) on project app: Cannot create docker access object: Cannot extract API version from server https://192.168.42.166:2376: No route to host -> [Help 1]', 'fabric8 "Cannot extract API version from server %s: %s" unrouted'],
  ['daemon-unreachable', 'could not read CA certificate "/certs/client/ca.pem": open /certs/client/ca.pem: no such file or directory', 'docker/cli "could not read CA certificate %q: %v"'],
  ['memory-limit', 'db_1 | 150305 23:19:49 InnoDB: Fatal error: cannot allocate memory for the buffer pool', 'InnoDB "Fatal error: cannot allocate memory for the buffer pool" (a hint)'],
  ['rootless-prerequisites', 'bwrap: Creating new namespace failed, likely because the kernel does not support user namespaces.  bwrap must be installed setuid on such systems.', 'bubblewrap "Creating new namespace failed, likely because the kernel does not support user namespaces"'],
  ['apparmor-denied', "initCloneNs():391 mount('/', '/', NULL, MS_REC|MS_PRIVATE, NULL): Permission denied", 'nsjail "mount(%s, …): %s" with EACCES (a hint)'],
  ['iptables-backend-mismatch', '$ iptables --version\niptables v1.6.1\n$ iptables --version\niptables v1.8.1 (nf_tables)', '`iptables --version` before 1.8 (no backend named: legacy) beside an nf_tables one'],
];

describeRuleTemplates('round 34 templates', TEMPLATES);

describe('round 34 boundaries', () => {
  it('reads btrfs with room left to allocate, or metadata with room, as nothing', () => {
    assert.ok(!ruleRaises(BTRFS_USAGE('5.00GiB', '1.80GiB'), 'disk-space'));
    assert.ok(!ruleRaises(BTRFS_USAGE('1.00MiB', '4.00GiB', '8.00GiB'), 'disk-space'));
  });

  it('reads a bbolt frame without a bounds panic, or an IPv6 config gap without an ip6tables failure, as nothing', () => {
    assert.ok(!ruleRaises(BOLT_PANIC.replace(/^panic: [^\n]*/, 'goroutine 1 [select]:'), 'data-root-corrupt'));
    assert.ok(!ruleRaises('# CONFIG_IP6_NF_FILTER is not set\nCONFIG_IP_NF_FILTER=y', 'kernel-module-missing'));
  });

  it('reads Pod Security\'s refused capability as a missing privilege first, the runtime\'s side as a hint', () => {
    const refused = 'violates PodSecurity "baseline:latest": non-default capabilities (container "dind" must not include "SYS_ADMIN" in securityContext.capabilities.add)';
    assert.equal(severityOf(refused, 'not-privileged'), 'warning');
    assert.equal(severityOf(refused, 'caps-unavailable'), 'info');
  });

  it('reads an eviction for the node\'s memory as the memory, not the disk (round 20 kept it off disk-space)', () => {
    const evicted = 'Warning  Evicted  kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi.';
    assert.equal(severityOf(evicted, 'memory-limit'), 'warning');
    assert.ok(!ruleRaises(evicted, 'disk-space'));
  });

  it('reads two pre-1.8 iptables versions as one backend', () => {
    assert.ok(!ruleRaises('iptables v1.6.1\niptables v1.4.21', 'iptables-backend-mismatch'));
  });

  it('reads systemd\'s ENODATA as a hint of both readings, a warning of the unified hierarchy only beside its evidence', () => {
    const enodata = 'Cannot determine cgroup we are running in: No data available';
    assert.equal(severityOf(enodata, 'cgroup-v2-nesting'), 'info');
    assert.equal(severityOf(enodata, 'cgroup-not-mounted'), 'info');
    assert.equal(severityOf(`${enodata}\n12:name=openrc:/docker/0a1b\n11:pids:/docker/0a1b`, 'cgroup-v2-nesting'), 'info');
    assert.equal(severityOf(`${enodata}\ncgroup2 on /sys/fs/cgroup type cgroup2 (rw,nosuid,nodev,noexec,relatime)`, 'cgroup-v2-nesting'), 'warning');
  });

  it('reads Pod Security in warn mode as a hint, and lists of several containers too', () => {
    const warned = 'Warning: would violate PodSecurity "baseline:latest": non-default capabilities (container "dind" must not include "SYS_ADMIN" in securityContext.capabilities.add)\npod/dind created';
    assert.equal(severityOf(warned, 'not-privileged'), 'info');
    assert.equal(severityOf('Warning: would violate PodSecurity "baseline:latest": privileged (container "dind" must not set securityContext.privileged=true)', 'not-privileged'), 'info');
    const two = 'pods "p" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (containers "dind", "vpn" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add)';
    assert.equal(severityOf(two, 'not-privileged'), 'warning');
  });

  it('reads big metadata headroom on a fully allocated btrfs as nothing', () => {
    const big = ['    Device size:                   3.64TiB', '    Device unallocated:            1.00MiB', '    Global reserve:              512.00MiB      (used: 0.00B)', 'Metadata,DUP: Size:20.00GiB, Used:15.50GiB (77.50%)'].join('\n');
    assert.ok(!ruleRaises(big, 'disk-space'));
  });

  it('reads Docker 27\'s warning that it cannot set up ip6tables chains beside an IPv6 config gap as nothing', () => {
    const warned = 'time="2026-03-02T10:00:00Z" level=warning msg="ip6tables is enabled, but cannot set up ip6tables chains" error="failed to create NAT chain DOCKER: iptables failed: ip6tables --wait -t nat -N DOCKER: ip6tables v1.8.9 (legacy): can\'t initialize ip6tables table `nat\': Table does not exist (do you need to insmod?)"';
    assert.ok(!ruleRaises(`- CONFIG_IP6_NF_NAT: missing\n${warned}`, 'kernel-module-missing'));
  });

  it('reads a bbolt frame in another goroutine than the panicking one as nothing', () => {
    const other = ['panic: runtime error: index out of range [3] with length 3', '', 'goroutine 12 [running]:', 'main.handler(0xc000010000)', '', 'goroutine 40 [select]:', 'github.com/docker/docker/vendor/go.etcd.io/bbolt.(*leafPageElement).key(...)'].join('\n');
    assert.ok(!ruleRaises(other, 'data-root-corrupt'));
  });

  it('reads a host program\'s no-new-privs record as nothing, a container\'s as a refusal, a complain-mode one as a hint', () => {
    const host = 'audit: type=1400 audit(1.0:1): apparmor="DENIED" operation="exec" info="no new privs" error=-1 profile="snap.firefox.firefox" name="/usr/bin/xdg-open" pid=1 comm="firefox" requested_mask="x" denied_mask="x" fsuid=1000 ouid=0 target="snap.firefox.firefox//xdg"';
    assert.ok(!ruleRaises(host, 'apparmor-denied'));
    const container = 'audit: type=1400 audit(1.0:2): apparmor="DENIED" operation="exec" info="no new privs" error=-1 profile="cri-containerd.apparmor.d" name="/app/run" pid=2 comm="runc:[2:INIT]" requested_mask="x" denied_mask="x" fsuid=0 ouid=0 target="other"';
    assert.ok(ruleRaises(container, 'apparmor-denied'));
    assert.equal(severityOf(container.replace('"DENIED"', '"ALLOWED"'), 'apparmor-denied'), 'info');
  });

  it('leaves kubeadm\'s refusal of other graph drivers to its own allow-list', () => {
    assert.ok(!ruleRaises('\t[ERROR SystemVerification]: unsupported graph driver: overlay2', 'storage-driver-unsupported'));
  });
});
