// Per-template tests for round 26 (session 26): wordings the forty-first blind batch pointed to (zfs seen by libzfs's
// tools and by a node's kubelet, containerd ≤1.4's overlay mount refused with EINVAL, apparmor_parser confined,
// binfmt_misc not registered, SELinux's typebounds, slirp4netns without /dev/net/tun, buildkitd's fallback to native,
// a daemon without a driver in a container run without --privileged; the read half of the forty-second: a run's cpu
// limit refused with its message cut, an overlay snapshotter refused beside `df -T` showing its directory on overlay,
// nft refusing a rule's expression, macOS's df of a desktop engine's full volume; the unread half's, read after three
// looks: a controller's folder refused, kube-proxy's conntrack, kind's Delegate=yes, testcontainers-go's discovery,
// newuidmap without its setuid bit).
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['storage-driver-unsupported', 'E0502 02:53:21.587056   10718 fs.go:425] Stat fs failed. Error: exit status 1: "/sbin/zfs zfs get -Hp all tank/containers/c1" => /dev/zfs and /proc/self/mounts are required.', 'libzfs "/dev/zfs and /proc/self/mounts are required." (a hint)'],
  ['storage-driver-unsupported', 'F0709 18:09:33.103630   17625 kubelet.go:1335] Failed to start ContainerManager failed to get rootfs info: cannot find filesystem info for device "tank/lxd/containers/c1"', 'cAdvisor "cannot find filesystem info for device %q" naming a dataset (a hint)'],
  ['storage-driver-unsupported', '{"msg":"Failed to start ContainerManager","err":"failed to get rootfs info: cannot find filesystem info for device \\"tank/srv/docker\\""}', 'the same quoted in a JSON line'],
  ['overlay-on-overlay', 'E0902 15:49:39.052418     459 kuberuntime_sandbox.go:68] CreatePodSandbox for pod "p" failed: rpc error: code = Unknown desc = failed to start sandbox container: failed to create containerd task: failed to mount rootfs component &{overlay overlay [workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/62/work upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/62/fs lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs]}: invalid argument: unknown', 'containerd ≤1.4 shim "failed to mount rootfs component %v" with EINVAL'],
  ['apparmor-denied', 'apparmor_parser: Unable to remove "containerd".  Permission denied; attempted to load a profile while confined?', 'apparmor_parser "Unable to remove \\"%s\\".  %s" while confined'],
  ['kernel-module-missing', 'error: no such device\ncannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc\nmain.run\n\t/src/cmd/binfmt/main.go:183', 'tonistiigi/binfmt "cannot mount binfmt_misc filesystem at %s" printed with its cause first (%+v)'],
  ['kernel-module-missing', 'cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: no such device', 'the same on one line'],
  ['selinux-denied', 'audit: type=1401 audit(1473426078.144:224): op=security_compute_av reason=bounds scontext=system_u:system_r:svirt_lxc_net_t:s0:c50,c886 tcontext=system_u:system_r:docker_t:s0 tclass=process perms=getattr', 'SELinux services.c "op=security_compute_av reason=bounds"'],
  ['rootless-prerequisites', 'ERRO[0008] Preparing container 0a1b: /usr/bin/slirp4netns failed: "open(\\"/dev/net/tun\\"): No such file or directory\\nWARNING: Support for seccomp is experimental"', 'slirp4netns perror "open(\\"/dev/net/tun\\")"'],
  ['vfs-fallback', 'time="2026-08-03T17:03:55Z" level=debug msg="auto snapshotter: fuse-overlayfs is not available for /home/user/.local/share/buildkit, falling back to native: fuse-overlayfs not installed"', 'buildkitd "auto snapshotter: fuse-overlayfs is not available for %s, falling back to native: %v" (a hint)'],
  ['not-privileged', '$ docker run --rm -it example/builder:2.0 bash\ntime="2023-09-08T14:57:07.645801504Z" level=info msg="Starting up"\nfailed to start daemon: error initializing graphdriver: driver not supported', 'no driver in a container run without --privileged (a hint)'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: NanoCPUs can not be set, as your kernel does not support CPU CF', 'moby "NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted" cut by the paste'],
  ['overlay-on-overlay', 'k3s[5697]: time="2025-09-22T14:23:06Z" level=info msg="Waiting to retrieve agent configuration; server is not ready: \\"overlayfs\\" snapshotter cannot be enabled for \\"/var/lib/rancher/k3s/agent/containerd\\", try using \\"fuse-overlayfs\\" or \\"native\\": failed to mount overlay: >\n\n$ df -Th /var/lib/rancher\nFilesystem     Type     Size  Used Avail Use% Mounted on\noverlay        overlay   16G  287M   16G   2% /var', 'k3s "%q snapshotter cannot be enabled for %q" (its quote cut by the pager) beside df -T of the data directory on overlay'],
  ['kernel-module-missing', 'I0823 08:20:06.664521       1 controller.go:761] error syncing nftables rules /dev/stdin:12:49-56: Error: Could not process rule: No such file or directory\nadd rule inet kube-network-policies postrouting ct state established,related accept\n                                                ^^^^^^^^', 'nft "Could not process rule: %s" with ENOENT, its caret under an expression'],
  ['disk-space', 'df -h ~/.orbstack/data\nFilesystem      Size    Used   Avail Capacity iused ifree %iused  Mounted on\n/dev/disk3s5   460Gi   437Gi   4.0Gi   100%    6.6M   42M   13%   /System/Volumes/Data', 'macOS df of the data volume at 100 %'],
  ['cgroup-not-mounted', 'mkdir[69427]: /bin/mkdir: cannot create directory ‘/sys/fs/cgroup/pids’: Read-only file system', 'coreutils mkdir "cannot create directory %s" of a v1 controller\'s folder with EROFS (second to the read-only tree)'],
  ['caps-unavailable', 'E0823 17:40:52.933169       1 server.go:558] "Error running ProxyServer" err="write /sys/module/nf_conntrack/parameters/hashsize: operation not supported"', 'kube-proxy setting the host\'s conntrack hashsize from a level (a hint)'],
  ['caps-unavailable', 'server.go:136] "Error running ProxyServer" err="could not set conntrack parameters from kube-proxy configuration: open /proc/sys/net/netfilter/nf_conntrack_max: permission denied"', 'kube-proxy "could not set conntrack parameters" with EACCES (a hint)'],
  ['kernel-module-missing', '│     /dev/stdin:892:87-100: Error: Could not process rule: No such file or directory\n│     add rule ip kube-proxy ext-svc fib saddr type local jump mark-for-masquerade\n│                                    ^^^^^^^^^^^^^^^^^^^^', 'nft\'s ENOENT under an expression, both lines in a pane\'s border'],
  ['cgroup-v2-nesting', 'ERROR: failed to create cluster: running kind with rootless provider requires setting systemd property "Delegate=yes", see https://kind.sigs.k8s.io/docs/user/rootless/', 'kind "requires setting systemd property \\"Delegate=yes\\"" (beside the rootless reading)'],
  ['daemon-unreachable', '--- FAIL: TestFoo (0.00s)\npanic: rootless Docker not found [recovered, repanicked]', 'testcontainers-go core.MustExtractDockerHost panicking with its last strategy\'s error'],
  ['rootless-prerequisites', '$ ls -l /usr/bin/newuidmap /usr/bin/newgidmap\n-rwxr-xr-x 1 root root 39000 May  3  2019 /usr/bin/newgidmap\n-rwxr-xr-x 1 root root 38976 May  3  2019 /usr/bin/newuidmap\n$ getfattr -d -m \'.*\' /usr/bin/newuidmap /usr/bin/newgidmap\n$ echo $?\n0', 'newuidmap listed without its setuid bit, getfattr printing no capability'],
];



describeTemplates('round 26 templates', TEMPLATES);

describe('round 26 context', () => {
  it('keeps newuidmap without the setuid bit quiet where its file capabilities are shown', () => {
    const text = '-rwxr-xr-x 1 root root 38976 May  3  2019 /usr/bin/newuidmap\n$ getcap /usr/bin/newuidmap\n/usr/bin/newuidmap cap_setuid=ep';
    assert.ok(!ruleRaises(text, 'rootless-prerequisites'));
  });
  it("reads the read-only tree first where a controller's folder was refused, and a combined hierarchy's name as the tree only", () => {
    const pids = 'mkdir /sys/fs/cgroup/pids: read-only file system';
    assert.deepEqual(ids(pids).slice(0, 2), ['cgroup-readonly', 'cgroup-not-mounted']);
    assert.ok(!ruleRaises('Failed to start ContainerManager mkdir /sys/fs/cgroup/cpuacct,cpu: read-only file system', 'cgroup-not-mounted'));
  });
  it('reads a logfmt message whose closing quote a pager cut', () => {
    assert.equal(severityOf('time="t" level=error msg="error initializing graphdriver: driver not supported >', 'storage-driver-unsupported'), 'error');
  });
  it("reads nft's ENOENT under a table or chain name as no missing module", () => {
    const text = 'Error: Could not process rule: No such file or directory\nadd rule inet filter input ct state established accept\n                ^^^^^^';
    assert.ok(!ruleRaises(text, 'kernel-module-missing'));
  });
  it('reads df -T of a folder other than a data directory as nothing', () => {
    const text = 'failed to start daemon: error initializing graphdriver: driver not supported\n$ df -Th /\nFilesystem Type Size Used Avail Use% Mounted on\noverlay overlay 16G 287M 16G 2% /';
    assert.ok(!ruleRaises(text, 'overlay-on-overlay'));
  });

  it('reads a daemon without a driver as a missing --privileged only where the paste ran its container without it', () => {
    const failed = 'failed to start daemon: error initializing graphdriver: driver not supported';
    assert.equal(severityOf(`$ docker run --rm -it example/builder bash\n${failed}`, 'not-privileged'), 'info');
    assert.ok(!ruleRaises(`$ docker run --privileged --rm -it example/builder bash\n${failed}`, 'not-privileged'));
    assert.ok(!ruleRaises(failed, 'not-privileged'));
  });
  it('names binfmt_misc missing only where the device error is its cause', () => {
    assert.ok(!ruleRaises('no such device\nsomething else\ncannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc', 'kernel-module-missing'));
  });
  it('names zfs only for a dataset, not for a block device cAdvisor did not find', () => {
    assert.equal(severityOf('failed to get rootfs info: cannot find filesystem info for device "tank/docker"', 'storage-driver-unsupported'), 'info');
    assert.ok(!ruleRaises('failed to get rootfs info: cannot find filesystem info for device "/dev/mapper/luks-0a1b"', 'storage-driver-unsupported'));
  });
  it('names both usual causes of the overlay mount refused with EINVAL', () => {
    const text = 'failed to mount rootfs component &{overlay overlay [workdir=/w upperdir=/u lowerdir=/l]}: invalid argument: unknown';
    assert.ok(ids(text).includes('overlay-on-overlay'));
    assert.ok(ids(text).includes('storage-driver-unsupported'));
  });
});

// A helper's review of the pass's rules (session 26): each of these was wrong before its fix.
describe('round 26 review', () => {
  it('reads a long logfmt value cut before its quote in linear time', () => {
    const started = Date.now();
    classify(`time="t" level=error msg="a${' '.repeat(100000)}x`);
    assert.ok(Date.now() - started < 5000);
  });
  it("reads nft's ENOENT on a named ct helper or limit as that object missing, not a module", () => {
    const text = 'Error: Could not process rule: No such file or directory\nadd rule inet filter forward ct helper set "ftp-standard"\n                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^';
    assert.ok(!ruleRaises(text, 'kernel-module-missing'));
  });
  it("reads nft's ENOENT on a statement inside a chain block (Docker 29's nft input, nft -f)", () => {
    const text = 'Error: Could not process rule: No such file or directory\n    ct state established,related counter accept\n    ^^^^^^^^';
    assert.equal(severityOf(text, 'kernel-module-missing'), 'warning');
  });
  it("reads apparmor_parser's harmless remove and add failures as nothing", () => {
    assert.ok(!ruleRaises('apparmor_parser: Unable to remove "docker-default".  Profile doesn\'t exist', 'apparmor-denied'));
    assert.ok(!ruleRaises('apparmor_parser: Unable to add "docker-default".  Profile already exists', 'apparmor-denied'));
  });
  it("keeps the host's own daemon and a run quoted in prose out of the unprivileged-launch hint", () => {
    const failure = 'failed to start daemon: error initializing graphdriver: driver not supported';
    assert.ok(!ruleRaises(`$ docker run --rm hello-world\ndocker: Cannot connect to the Docker daemon.\nMar 01 myhost dockerd[1234]: ${failure}`, 'not-privileged'));
    assert.ok(!ruleRaises(`Example: docker run --rm -it myimg\n${failure}`, 'not-privileged'));
  });
  it("keeps fuse-overlayfs's refusal out of the df -T overlay reading", () => {
    const text = '"fuse-overlayfs" snapshotter cannot be enabled for "/var/lib/rancher/k3s/agent/containerd", try using "native": exec: not found\n$ df -T /var/lib/rancher/k3s\nFilesystem Type Size Used Avail Use% Mounted on\noverlay overlay 16G 287M 16G 2% /';
    assert.ok(!ruleRaises(text, 'overlay-on-overlay'));
  });
  it('reads an NFS source cAdvisor did not find as no zfs dataset', () => {
    assert.ok(!ruleRaises('cannot find filesystem info for device "10.0.0.5:/export/node1"', 'storage-driver-unsupported'));
  });
  it("reads macOS df's zero bytes (0Bi)", () => {
    assert.equal(severityOf('/dev/disk3s5   460Gi   455Gi    0Bi   100%    6.6M     0  100%   /System/Volumes/Data', 'disk-space'), 'warning');
  });
  it("reads containerd's overlay mount struct of an image with many layers", () => {
    const lower = Array.from({ length: 45 }, (_, i) => `/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${i}/fs`).join(':');
    assert.ok(ruleRaises(`failed to mount rootfs component &{overlay overlay [workdir=/a upperdir=/b lowerdir=${lower}]}: invalid argument: unknown`, 'overlay-on-overlay'));
  });
});
