// Per-template tests for round 24 (session 24): wordings from the blind batches fresh34/fresh35 once read (a named
// cgroup hierarchy the host lacks, empty cgroup listings, kubeadm's table, a chroot's remount, keyctl filtered,
// buildkitd's native snapshotter, containerd's probe of the data root's filesystem, a quoted check-config line).
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['cgroup-not-mounted', 'docker: Error response from daemon: unable to find "systemd" in controller set: unknown.', 'containerd cgroups v1 "unable to find %q in controller set" for name=systemd'],
  ['cgroup-not-mounted', 'level=error msg="Handler for POST /v1.36/containers/91b3/start returned error: unable to find \\"systemd\\" in controller set: unknown"', 'the same in dockerd\'s log, quotes escaped'],
  ['cgroup-not-mounted', '$ ls -la /sys/fs/cgroup\ntotal 0\ndr-xr-xr-x    2 root     root           0 Sep 17 20:22 .\ndrwxr-xr-x    8 root     root           0 Sep 17 20:22 ..', 'an empty /sys/fs/cgroup listed by ls -l'],
  ['cgroup-not-mounted', 'user@c1:~$ sudo find /sys/fs/cgroup -type d\n/sys/fs/cgroup\n/sys/fs/cgroup/cgmanager\n/sys/fs/cgroup/cgmanager.lower', 'find listing only a cgroup manager\'s folders'],
  ['cgroup-not-mounted', 'CONFIG_MEMCG: enabled\nCGROUPS_CPU: enabled\nCGROUPS_MEMORY: missing\nCGROUPS_PIDS: missing\nDOCKER_VERSION: 1.12.6', 'kubeadm\'s verification table "CGROUPS_%s: missing"'],
  ['not-privileged', 'Error: creating build container: writing blob: adding layer with blob "sha256:2d47": ApplyLayer stdout:  stderr: remount /, flags: 0x44000: permission denied exit status 1', 'containers/storage chrootarchive "remount %s, flags: %#x: %w"'],
  ['caps-unavailable', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:348: starting container process caused "process_linux.go:402: container init caused \\"could not create session key: function not implemented\\"": unknown.', 'runc "could not create session key: %w" with ENOSYS'],
  ['vfs-fallback', 'INFO[2022-02-15T03:43:15Z] auto snapshotter: using native', 'buildkitd "auto snapshotter: using %s"'],
  ['overlay-on-overlay', 'time="2021-09-30T05:28:08Z" level=info msg="skip loading plugin \\"io.containerd.snapshotter.v1.btrfs\\"..." error="path /var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.btrfs (overlay) must be a btrfs filesystem to be used with the btrfs snapshotter: skip plugin"', 'containerd btrfs "path %s (%s) must be a btrfs filesystem"'],
  ['kernel-module-missing', '**- CONFIG_NETFILTER_XT_MATCH_ADDRTYPE: missing**', 'check-config "- CONFIG_%s: missing" in Markdown bold'],
  ['kernel-module-missing', '> - CONFIG_BRIDGE_NETFILTER: missing', 'check-config quoted'],
  ['cgroup-not-mounted', 'Starting cgconfig service: Error: cannot mount hugetlb to /cgroup/hugetlb: No such file or directory /sbin/cgconfigparser; error loading /etc/cgconfig.conf: Cgroup mounting failed', 'libcgroup\'s cgconfig "cannot mount %s to %s: %s" with ENOENT'],
  ['cgroup-v2-nesting', '$ cat /sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers\ncpu io memory pids', 'a user\'s manager delegated no cpuset'],
  ['dood-volume-path', '$ eval $(minikube docker-env)\n$ docker run -v /tmp/conf.yml:/conf.yml --rm alpine ls -ld /conf.yml\ndrwxr-xr-x 2 root root 40 Jun 19 14:42 /conf.yml', 'a bind\'s file come out a folder after the client moved to minikube\'s daemon'],
  ['dood-volume-path', '$ export DOCKER_HOST=tcp://10.0.0.5:2376\n$ docker run -v /home/me/app:/app alpine cat /app/config.yml\ncat: can\'t open \'/app/config.yml\': No such file or directory', 'a remote daemon\'s bind with the file missing'],
];

describeTemplates('classify: round 24 templates', TEMPLATES);

describeQuiet('classify: round 24 texts that raise nothing', [
  ['$ find /sys/fs/cgroup -type d\n/sys/fs/cgroup', 'a private cgroup v2 namespace\'s root has no folders'],
  ['$ ls -la /sys/fs/cgroup\ntotal 0\ndr-xr-xr-x 2 root root 0 Sep 17 20:22 .\ndrwxr-xr-x 8 root root 0 Sep 17 20:22 ..\n-r--r--r-- 1 root root 0 Sep 17 20:22 cgroup.controllers', 'v2\'s interface files'],
  ['$ find /sys/fs/cgroup -maxdepth 1 -type d\n/sys/fs/cgroup\n/sys/fs/cgroup/init.scope\n/sys/fs/cgroup/system.slice', 'systemd\'s groups'],
  ['docker: Error response from daemon: unable to find "net_prio" in controller set: unknown.', 'a controller the kernel was built without'],
  ['Starting cgconfig service: Error: cannot mount cpu to /cgroup/cpu: Device or resource busy', 'cgconfig finding a hierarchy mounted already'],
  ['$ cat /sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers\ncpuset cpu io memory pids', 'every controller delegated'],
  ['path /var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.btrfs (ext4) must be a btrfs filesystem to be used with the btrfs snapshotter: skip plugin', 'a data root on a volume'],
]);

describe('classify: round 24 severities', () => {
  it('puts a missing name=systemd hierarchy first when systemd mounted everything else', () => {
    const text = '# lxc console c1 --show-log\nFailed to mount cgroup at /sys/fs/cgroup/systemd: Operation not permitted\n[!!!!!!] Failed to mount API filesystems, freezing.';
    const found = classify(text);
    assert.equal(found[0].id, 'cgroup-not-mounted');
    assert.equal(found[0].severity, 'error');
    assert.equal(severityOf(text, 'not-privileged'), 'info');
  });
  it('keeps a level without privileges loud under Docker, where runc mounted the rest before systemd ran', () => {
    const text = '$ docker run -it centos:7 /usr/sbin/init\nFailed to mount cgroup at /sys/fs/cgroup/systemd: Operation not permitted\n[!!!!!!] Failed to mount API filesystems, freezing.';
    assert.equal(classify(text)[0].id, 'not-privileged');
  });
  it('keeps a level without privileges loud where systemd\'s other mounts failed too', () => {
    const text = 'Failed to mount tmpfs at /run: Operation not permitted\nFailed to mount cgroup at /sys/fs/cgroup/systemd: Operation not permitted\n[!!!!!!] Failed to mount API filesystems.';
    assert.equal(classify(text)[0].id, 'not-privileged');
    assert.equal(severityOf(text, 'not-privileged'), 'error');
  });
  it('reads cAdvisor\'s missing cpu hierarchy as a hint, a kubelet\'s as an error', () => {
    assert.equal(severityOf('F0916 21:34:45.765200       1 cadvisor.go:146] Failed to create a Container Manager: mountpoint for cpu not found', 'cgroup-not-mounted'), 'info');
    assert.equal(severityOf('F0918 18:01:43.172200   14975 server.go:262] failed to run Kubelet: mountpoint for cpu not found', 'cgroup-not-mounted'), 'error');
  });
  it('reads keyctl filtered as the runtime\'s doing and runc\'s own warning about it as nothing more than a hint', () => {
    const cli = 'docker: Error response from daemon: OCI runtime create failed: container init caused "could not create session key: function not implemented": unknown.';
    assert.deepEqual(ids(cli).slice(0, 2), ['caps-unavailable', 'kernel-module-missing']);
    const warned = 'level=warning msg="KeyctlJoinSessionKeyring: could not create session key: function not implemented"';
    assert.ok(!ruleRaises(warned, 'caps-unavailable'));
  });
  it('reads nerdctl\'s and containerd\'s places in the host\'s tree as a shared cgroup namespace', () => {
    assert.equal(severityOf('$ cat /proc/self/cgroup\n0::/system.slice/nerdctl-0123456789abcdef0123.scope', 'cgroupns-host'), 'warning');
    assert.equal(severityOf('$ cat /proc/self/cgroup\n0::/default/0123456789abcdef0123', 'cgroupns-host'), 'warning');
    assert.equal(severityOf('$ cat /proc/self/cgroup\n0::/k8s.io/0123456789abcdef0123', 'cgroupns-host'), 'warning');
  });
  it('makes a memory controller missing from kubeadm\'s table alone a hint', () => {
    assert.equal(severityOf('CGROUPS_CPU: enabled\nCGROUPS_MEMORY: missing', 'cgroup-not-mounted'), 'info');
  });
});
