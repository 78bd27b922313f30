// Per-template tests for round 21 (session 22): class-level rules read in the programs' sources, and templates that
// fresh32r's misses and false alarms pointed to after its first look. Each row is built from the format strings named
// in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'audit: type=1400 audit(1600000000.123:45): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/sys/fs/cgroup/" pid=1234 comm="dockerd" fstype="cgroup" srcname="cgroup"', 'AppArmor\'s mount record under docker-default (an unprivileged container\'s profile)'],
  ['not-privileged', 'kernel: audit: type=1400 audit(1.2:3): apparmor="DENIED" operation="mount" info="failed type match" error=-13 profile="cri-containerd.apparmor.d" name="/proc/" pid=9 comm="runc:[2:INIT]" fstype="proc"', 'the same under containerd\'s CRI default profile'],
  ['cgroup-devices-shared', '$ cat /proc/cgroups\n#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpuset\t2\t1\t1\ncpu\t3\t40\t1\ncpuacct\t3\t40\t1\ndevices\t3\t40\t1\nmemory\t4\t40\t1', 'the kernel\'s /proc/cgroups with devices on another controller\'s hierarchy'],
  ['disk-space', 'Warning  Evicted  pod/runner-0123  Container dind exceeded its local ephemeral storage limit "10Gi".', 'the kubelet\'s eviction "Container %s exceeded its local ephemeral storage limit %q."'],
  ['disk-space', 'Message: Usage of EmptyDir volume "docker-graph-storage" exceeds the limit "20Gi".', 'the kubelet\'s eviction "Usage of EmptyDir volume %q exceeds the limit %q."'],
  // Read from fresh32r's misses after its first look.
  ['caps-unavailable', 'failed to register layer: ApplyLayer exit status 1 stdout:  stderr: lchown /usr/local/bin/etcd: invalid argument', 'moby chrootarchive\'s lchown EINVAL: an unmapped owner in a user-namespaced container (also a rootless range)'],
  ['cgroup-devices-shared', 'OCI runtime create failed: setting cgroup config for procHooks process caused \\"failed to write a *:* rwm to devices.deny: open /sys/fs/cgroup/cpuset/lxc/docker/0123abcd/devices.deny: permission denied\\"', 'runc writing devices.deny under the cpuset hierarchy'],
  ['caps-unavailable', 'ERROR: Preparation failed: Error response from daemon: privileged mode is incompatible with user namespaces.  You must run the container in the host namespace when running privileged mode', 'dockerd\'s userns-remap refusing a privileged container'],
  ['caps-unavailable', 'root@lxc:~# docker run -d --privileged rancher/rancher\nERROR: Rancher must be ran with the --privileged flag when running outside of Kubernetes', 'a program\'s own privileged check failing although it was run --privileged'],
  // Read from fresh31's misses after its third look.
  ['iptables-backend-mismatch', 'E0320 Failed to bootstrap IPTables: failed to apply partial iptables-restore\nWarning: Extension comment revision 0 not supported, missing kernel module?', 'libxtables "Extension %s revision %u not supported, missing kernel module?" (the backend a hint)'],
  ['socket-permission', 'u@lima-default:~$ ls -la /var/run/docker.sock\nsrw-rw---- 1 1001 rdma 0 Sep 25 10:01 /var/run/docker.sock', 'the socket listed with an owner that has no name where it was listed'],
  // Read from fresh33r's misses after its first look.
  ['not-privileged', 'error creating overlay mount to /var/lib/containers/storage/overlay/0123/merged: using mount program /usr/bin/fuse-overlayfs: fuse: device not found, try \'modprobe fuse\' first', 'libfuse "fuse: device not found, try \'modprobe fuse\' first" in a container without /dev/fuse'],
  ['not-privileged', 'error running container: error creating new mount namespace for [/bin/sh -c mkdir -p /go/src/x]: operation not permitted', 'Buildah "error creating new mount namespace for %v: %w" with EPERM'],
  ['dood-volume-path', 'docker: Error response from daemon: invalid mount config for type "bind": invalid mount path: \'C:/Users/u/.devpod/agent/contexts/default/workspaces/w/content\' mount path must be absolute', 'the mount API\'s "invalid mount path: %s mount path must be absolute" for a bind given a drive-letter path'],
  ['cgroup-not-mounted', '$ cat /boot/cmdline.txt\nconsole=serial0,115200 console=tty1 root=PARTUUID=0123abcd-02 rootfstype=ext4 fsck.repair=yes rootwait', 'a Raspberry Pi\'s kernel command line without cgroup_enable=memory (a hint)'],
  // Class-level: the rules over several lines also read lines without a transport's prefixes.
  ['cgroupns-host', '2024-03-01T10:00:00.9876543Z cat /proc/self/cgroup\n2024-03-01T10:00:01.1234567Z 0::/system.slice/docker-0123456789abcdef0123.scope', 'a CI log\'s timestamps before a /proc/self/cgroup read'],
  ['cgroup-devices-shared', 'dind-1  | #subsys_name\thierarchy\tnum_cgroups\tenabled\ndind-1  | cpu\t4\t40\t1\ndind-1  | devices\t4\t40\t1', 'compose\'s service prefix before /proc/cgroups'],
  // Class-level, read in the programs' sources by two research helpers (cgroup namespaces, mounts, missing privileges).
  ['cgroupns-host', 'skipping cgroup namespace setup, unable to remount /sys/fs/cgroup', 'BuildKit\'s entrypoint giving up its own cgroup namespace'],
  ['cgroupns-host', 'lxc-start dind 20240301101500.123 WARN cgfsng - cgroups/cgfsng.c:cgfsng_mount:2028 - Operation not supported - Mounting the unified cgroup hierarchy without cgroup namespace support is currently not supported', 'LXC mounting the unified hierarchy without a cgroup namespace'],
  ['cgroupns-host', 'root 58 1 0 10:02 ? 00:00:03 dockerd --host=unix:///var/run/docker.sock --default-cgroupns-mode=host', 'dockerd\'s --default-cgroupns-mode=host (a hint)'],
  ['cgroupns-host', '{\n  "default-cgroupns-mode": "host"\n}', 'daemon.json\'s default-cgroupns-mode (a hint)'],
  ['cgroupns-host', 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n    cgroup: host', 'compose\'s cgroup: host (a hint)'],
  ['cgroupns-host', '"CgroupManager": "systemd",\n"CgroupMode": "host",', 'podman inspect\'s CgroupMode (a hint)'],
  ['cgroupns-host', '[containers]\ncgroupns = "host"', 'containers.conf\'s cgroupns (a hint)'],
  ['cgroupns-host', 'root@0123456789ab:/# systemd-cgls --no-pager\nCGroup /system.slice/docker-0123456789abcdef0123.scope:\n-.slice', 'systemd-cgls "CGroup %s:" in a container showing its host place'],
  ['cgroupns-host', '$ docker exec dind lsns -t cgroup\n        NS TYPE   NPROCS PID USER COMMAND\n4026531835 cgroup      7   1 root /bin/sh /usr/local/bin/dockerd-entrypoint.sh', 'lsns in a container listing the initial cgroup namespace'],
  ['cgroupns-host', '$ docker inspect --format \'{{.HostConfig.CgroupnsMode}}\' dind\nhost', 'docker inspect --format of the mode (a hint)'],
  ['cgroupns-host', ' Cgroup Driver: systemd\n Cgroup Version: 2\n containerd version: 0123456789abcdef\n Security Options:\n  seccomp\n   Profile: builtin\n Kernel Version: 6.1.0', 'docker info on cgroup v2 without the cgroupns security option (a hint)'],
  ['cgroup-not-mounted', 'Error: OCI runtime error: crun: statfs `/sys/fs/cgroup`: No such file or directory', 'crun "statfs `%s`" with ENOENT'],
  ['cgroup-not-mounted', 'OCI runtime create failed: crun: invalid file system type on `/sys/fs/cgroup`: unknown.', 'crun "invalid file system type on `%s`"'],
  ['cgroup-not-mounted', '[ERROR SystemVerification]: cannot get a cgroup mount point: cannot get a cgroupfs mount point from "/proc/mounts"', 'kubeadm\'s validator "cannot get a cgroup mount point: %w"'],
  ['cgroup-not-mounted', 'CGROUPS_BLKIO: enabled\nCGROUPS_MEMORY: missing\n[ERROR SystemVerification]: missing required cgroups: memory', 'kubeadm\'s validator "missing required cgroups: %s" on v1'],
  ['cgroup-v2-nesting', 'CGROUPS_IO: enabled\nCGROUPS_MEMORY: missing\n[ERROR SystemVerification]: missing required cgroups: memory', 'the same on v2 (CGROUPS_IO): a controller not delegated'],
  ['cgroup-not-mounted', 'root@0123456789ab:/# systemd-cgls\nFailed to get root control group path.\nNo cgroup filesystem mounted on /sys/fs/cgroup', 'systemd-cgls "No cgroup filesystem mounted on /sys/fs/cgroup"'],
  ['cgroup-not-mounted', 'Failed to determine whether the unified cgroups hierarchy is used: No medium found', 'systemd-nspawn "Failed to determine whether the unified cgroups hierarchy is used: %m"'],
  ['cgroup-devices-shared', 'cgroup /sys/fs/cgroup cgroup rw,nosuid,nodev,noexec,relatime,cpuset,cpu,cpuacct,blkio,memory,devices,freezer 0 0', '/proc/mounts with one v1 hierarchy holding devices'],
  ['cgroup-devices-shared', '30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,cpuset,cpu,cpuacct,blkio,memory,devices', 'mountinfo with one v1 hierarchy holding devices'],
  ['cgroup-devices-shared', 'none on /sys/fs/cgroup type cgroup (rw,relatime,cpuset,cpu,cpuacct,memory,devices,freezer)', 'mount(8) output whose source is not "cgroup"'],
  ['cgroup-devices-shared', 'root@0123456789ab:/# ls /sys/fs/cgroup\nblkio  cpu  cpu,cpuacct,devices  cpuacct  cpuset  devices  freezer', 'a listing with a joint hierarchy named for devices'],
  ['cgroup-devices-shared', 'cpu,cpuacct,devices:/docker/0123456789abcdef', 'libcgroup\'s lscgroup "%s:%s"'],
  ['not-privileged', 'error setting cgroup config for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: operation not permitted: unknown.', 'runc\'s device filter refused on cgroup v2 (a hint)'],
  ['not-privileged', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to register "bridge" driver: running nft: /dev/stdin:1:1-26: Error: Could not process rule: Operation not permitted', 'dockerd\'s nftables backend "running nft: %s %w" with EPERM'],
  ['not-privileged', 'failed to create shim task: failed to mount rootfs component: mount source: "overlay", target: "/run/containerd/io.containerd.runtime.v2.task/moby/0123/rootfs", fstype: overlay, flags: 0, data: "index=off", err: operation not permitted: unknown.', 'containerd 2.2\'s mount record "mount source: %q, target: %q, fstype: %s, flags: %d, data: %q, err: %w"'],
  ['not-privileged', 'failed to mount /var/lib/containerd/tmpmounts/containerd-mount2194638113: operation not permitted', 'containerd\'s temporary mount refused'],
  ['not-privileged', 'cannot clone: Operation not permitted\nError: cannot re-exec process', 'Podman\'s rootless re-exec "cannot clone: %m"'],
  ['not-privileged', 'Error: creating network namespace for container 0123: mount --make-rshared /run/netns failed: "operation not permitted"', 'containers/common netns "mount --make-rshared %s failed: %q"'],
  ['not-privileged', 'Error: overlay: failed to make mount private: mount /var/lib/containers/storage/overlay:/var/lib/containers/storage/overlay, flags: 0x1000: operation not permitted', 'containers/storage "failed to make mount private: %w"'],
  ['not-privileged', 'Error registering network: failed to create vxlan device: operation not permitted', 'flannel\'s vxlan device refused'],
  ['not-privileged', 'Error: crun: join keyctl `0123456789ab`: Operation not permitted: OCI permission denied', 'crun "join keyctl `%s`"'],
  ['not-privileged', 'Failed to mount tmpfs (type tmpfs) on /run (MS_NOSUID|MS_NODEV|MS_STRICTATIME "mode=0755,size=20%,nr_inodes=800k"): Operation not permitted', 'systemd 254+ "Failed to mount %s (type %s) on %s (%s \\"%s\\"): %m"'],
  ['not-privileged', '$ docker stack deploy -c docker-compose.yml ci\nIgnoring unsupported options: privileged', 'docker stack deploy "Ignoring unsupported options: %s"'],
  ['not-privileged', 'failed to run Kubelet: failed to create kubelet: open /dev/kmsg: operation not permitted', 'kubelet\'s /dev/kmsg refused'],
  ['not-privileged', 'Bind /proc/self/ns/net -> /run/netns/cni-0123 failed: Operation not permitted', 'iproute2 "Bind %s -> %s failed: %s"'],
  ['not-privileged', 'audit: type=1400 audit(1.2:3): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/proc/" pid=9 comm="buildkit-runc" fstype="proc"', 'AppArmor refusing BuildKit\'s runc a mount under docker-default'],
  // Class-level, from a third research helper (SELinux and disk-space wordings).
  ['disk-space', 'Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        98G   98G  1.2M 100% /', 'df rounding Use% up to 100 % with megabytes left'],
  ['disk-space', 'Disk space is below threshold of 1.00 GiB. Only 412.37 MiB out of 49.09 GiB left on /home/jenkins/agent.', 'Jenkins\' node monitor "Disk space is below threshold of {2}. Only {0} out of {3} left on {1}."'],
  ['disk-space', 'Disk space is too low. Only 0.512GB left on /var/jenkins_home.', 'Jenkins\' older "Disk space is too low. Only {0}GB left on {1}."'],
  ['disk-space', '##[warning]Free disk space on / is lower than 5%; Currently used: 97.43%', 'Azure Pipelines\' agent "Free disk space on {0} is lower than {1}%"'],
  ['disk-space', '##[warning]Low disk space on / drive, less than 100 MB is available.', 'Azure Pipelines\' agent "Low disk space on {0} drive, less than 100 MB is available."'],
  ['disk-space', '  LV       VG     Attr       LSize  Pool Origin Data%  Meta%\n  thinpool docker twi-aot--- 95.00g             100.00 12.47', 'lvs with the thin pool at 100 % data'],
  ['selinux-denied', 'type=SELINUX_ERR msg=audit(1712345678.123:4567): op=setxattr invalid_context="system_u:object_r:container_file_t:s0:c1,c2"', 'the kernel\'s SELINUX_ERR for a relabel to a context the policy lacks'],
  ['selinux-denied', 'allow container_t container_runtime_t:unix_stream_socket connectto;\nallow container_t user_home_t:file { open read };', 'audit2allow\'s rules without their header'],
  ['selinux-denied', 'Failed to start docker.service: SELinux policy denies access.', 'systemd\'s "SELinux policy denies access."'],
];

describeTemplates('round 21', TEMPLATES);

describe('round 21: class-level rules keep their meaning', () => {
  it('keeps the AppArmor denial first and names the missing privileges second', () => {
    const text = TEMPLATES[0][1];
    assert.deepEqual(ids(text).slice(0, 2), ['apparmor-denied', 'not-privileged']);
  });
  it('leaves a live level\'s kernel log (the whole host\'s) to the level\'s own facts', () => {
    assert.ok(!classify(TEMPLATES[0][1], { source: 'dmesg' }).some((f) => f.id === 'not-privileged'));
  });
  it('reads /proc/cgroups as shared only where devices has another controller\'s v1 hierarchy', () => {
    const own = '#subsys_name hierarchy num_cgroups enabled\ncpu 3 4 1\ncpuacct 3 4 1\ndevices 5 4 1\nmemory 4 4 1';
    assert.ok(!ruleRaises(own, 'cgroup-devices-shared'));
    const v2 = '#subsys_name hierarchy num_cgroups enabled\ncpu 0 57 1\ndevices 0 57 1\nmemory 0 57 1';
    assert.ok(!ruleRaises(v2, 'cgroup-devices-shared'));
  });
  it('keeps a rootless daemon\'s unmapped owner its subordinate range only', () => {
    const text = 'dockerd-rootless.sh: failed to register layer: ApplyLayer exit status 1 stdout:  stderr: lchown /bin/x: invalid argument';
    assert.deepEqual(ids(text).slice(0, 1), ['rootless-prerequisites']);
    assert.ok(!ruleRaises(text, 'caps-unavailable'));
  });
  it('keeps a program\'s own privileged check a missing --privileged where none was passed', () => {
    const text = '$ docker run -d rancher/rancher\nERROR: Rancher must be ran with the --privileged flag when running outside of Kubernetes';
    assert.deepEqual(ids(text).slice(0, 1), ['not-privileged']);
    assert.ok(!ruleRaises(text, 'caps-unavailable'));
  });
  it('does not read the devices hierarchy\'s own files as another controller\'s', () => {
    assert.ok(!ruleRaises('open /sys/fs/cgroup/devices/docker/0123/devices.deny: permission denied', 'cgroup-devices-shared'));
  });
  it('keeps a socket listed with named owner and group quiet, and a numeric one a hint', () => {
    assert.ok(!ruleRaises('$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 Jan 1 00:00 /var/run/docker.sock', 'socket-permission'));
    assert.equal(severityOf('srw-rw---- 1 root 999 0 Jan 1 00:00 /var/run/docker.sock', 'socket-permission'), 'info');
  });
  it('reads --privileged only among a run\'s options, before the program\'s check', () => {
    const afterImage = '$ docker run -d -p 80:80 rancher/rancher:latest --privileged\nERROR: Rancher must be ran with the --privileged flag when running outside of Kubernetes';
    assert.deepEqual(ids(afterImage).slice(0, 1), ['not-privileged']);
    assert.ok(!ruleRaises(afterImage, 'caps-unavailable'));
    const readme = 'This image requires the --privileged flag.\n  docker run --privileged -d my/dind';
    assert.ok(!ruleRaises(readme, 'caps-unavailable'));
    const valued = '$ docker run --name x -v /a:/b --privileged rancher/rancher\nERROR: Rancher must be ran with the --privileged flag when running outside of Kubernetes';
    assert.deepEqual(ids(valued).slice(0, 1), ['caps-unavailable']);
  });
  it('keeps an unmapped owner under userns-remap the daemon\'s range, not a container\'s id map', () => {
    const text = '$ sudo dockerd --userns-remap=default\nfailed to register layer: ApplyLayer exit status 1 stdout:  stderr: lchown /home/node: invalid argument';
    assert.ok(!ruleRaises(text, 'caps-unavailable'));
  });
  it('keeps an application pod\'s eviction a warning, and a shared-memory volume\'s a hint', () => {
    assert.equal(severityOf('Container nginx exceeded its local ephemeral storage limit "500Mi".', 'disk-space'), 'warning');
    assert.equal(severityOf('Usage of EmptyDir volume "dshm" exceeds the limit "64Mi".', 'disk-space'), 'info');
    assert.equal(severityOf('Container dind exceeded its local ephemeral storage limit "10Gi".', 'disk-space'), 'error');
  });
  it('names missing privileges only for an engine\'s own refused mount', () => {
    const bwrap = 'audit: type=1400 audit(1.2:3): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/newroot/" pid=9 comm="bwrap" flags="rw, rbind"';
    assert.ok(!ruleRaises(bwrap, 'not-privileged'));
  });
  it('reads only the /proc/cgroups table\'s own rows', () => {
    const text = '#subsys_name hierarchy num_cgroups enabled\ncpu 3 4 1\ndevices 6 4 1\nroot 6 2 0 10:00 ? 00:00:00 [kthreadd]';
    assert.ok(!ruleRaises(text, 'cgroup-devices-shared'));
  });
  it('does not run a devices file\'s path across two joined paths or up a level', () => {
    assert.ok(!ruleRaises('paths=/sys/fs/cgroup/memory/docker/abc,/sys/fs/cgroup/devices/docker/abc/devices.allow', 'cgroup-devices-shared'));
    assert.ok(!ruleRaises('/sys/fs/cgroup/memory/../devices/docker/abc/devices.allow', 'cgroup-devices-shared'));
  });
  it('keeps a volume\'s drive-letter target (a client\'s bug) and a Pi booted with the memory cgroup quiet', () => {
    assert.ok(!ruleRaises('Error response from daemon: invalid mount config for type "volume": invalid mount path: \'C:/ProgramData/buildkitd/.buildstate\' mount path must be absolute', 'dood-volume-path'));
    assert.ok(!ruleRaises('console=serial0,115200 console=tty1 root=PARTUUID=0123abcd-02 rootwait cgroup_enable=cpuset cgroup_enable=memory cgroup_memory=1', 'cgroup-not-mounted'));
  });
  it('keeps a cgroup a program logged below error (and went on without) a hint', () => {
    const text = 'time="2023-11-07T20:59:27Z" level=warning msg="failed to prepare cgroup controllers: mkdir /sys/fs/cgroup/init: permission denied"';
    assert.equal(severityOf(text, 'cgroup-readonly'), 'info');
  });
  it('keeps a private namespace\'s views and v2 docker info listing cgroupns quiet', () => {
    assert.ok(!ruleRaises('root@0123456789ab:/# systemd-cgls --no-pager\nCGroup /:\n-.slice', 'cgroupns-host'));
    assert.ok(!ruleRaises(' Cgroup Version: 2\n containerd version: 0123\n Security Options:\n  seccomp\n   Profile: builtin\n  cgroupns\n Kernel Version: 6.1.0', 'cgroupns-host'));
    assert.ok(!ruleRaises('$ lsns -t cgroup\n        NS TYPE   NPROCS PID USER COMMAND\n4026531835 cgroup    250   1 root /sbin/init', 'cgroupns-host'));
  });
  it('keeps v1 hierarchies that hold devices alone, and other joint names, quiet', () => {
    assert.ok(!ruleRaises('cgroup /sys/fs/cgroup/devices cgroup rw,nosuid,nodev,noexec,relatime,devices 0 0\ncgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,cpu,cpuacct 0 0', 'cgroup-devices-shared'));
    assert.ok(!ruleRaises('$ ls /sys/fs/cgroup\nblkio  cpu  cpu,cpuacct  cpuacct  devices  net_cls,net_prio', 'cgroup-devices-shared'));
  });
  it('keeps the host\'s own views and a cgroup v1 host\'s a hint, after a second review', () => {
    const nsenter = '$ docker run --rm --privileged --pid=host alpine nsenter -t 1 -m -u -n -i lsns\n        NS TYPE   NPROCS PID USER COMMAND\n4026531835 cgroup    180   1 root /sbin/init';
    assert.ok(!ruleRaises(nsenter, 'cgroupns-host'));
    const cglsPath = '$ sudo systemd-cgls /system.slice/docker-0123456789abcdef0123.scope\nCGroup /system.slice/docker-0123456789abcdef0123.scope:\n└─ 12 dockerd';
    assert.ok(!ruleRaises(cglsPath, 'cgroupns-host'));
    const v1 = '$ docker exec dind cat /proc/1/cgroup\n12:devices:/docker/0123456789abcdef\n$ docker exec dind lsns -t cgroup\n        NS TYPE   NPROCS PID USER COMMAND\n4026531835 cgroup      7   1 root /bin/sh';
    assert.equal(severityOf(v1, 'cgroupns-host'), 'info');
    const podman = ' Cgroup Version: 2\n Security Options:\n  seccomp\n   Profile: default\n  selinux\n Kernel Version: 6.8.0';
    assert.ok(!ruleRaises(podman, 'cgroupns-host'));
  });
  it('keeps kubeadm\'s memory-only or freezer report a hint', () => {
    const pi = 'CGROUPS_IO: enabled\nCGROUPS_MEMORY: missing\n[ERROR SystemVerification]: missing required cgroups: memory';
    assert.notEqual(severityOf(pi, 'cgroup-v2-nesting'), 'error');
    assert.equal(severityOf('CGROUPS_IO: enabled\n[ERROR SystemVerification]: missing required cgroups: freezer', 'cgroup-v2-nesting'), 'info');
    assert.equal(severityOf('CGROUPS_IO: enabled\n[ERROR SystemVerification]: missing required cgroups: cpu, pids', 'cgroup-v2-nesting'), 'warning');
  });
  it('keeps an AppImage\'s missing /dev/fuse a hint, and reads Buildah\'s newer mount-namespace wording', () => {
    assert.equal(severityOf('fuse: device not found, try \'modprobe fuse\' first\nCannot mount AppImage, please check your FUSE setup.', 'not-privileged'), 'info');
    assert.equal(severityOf('error running container: creating new mount namespace for [/bin/sh -c apt-get update]: operation not permitted', 'not-privileged'), 'warning');
  });
  it('keeps a v1 host\'s read-only cgroup tmpfs (its controllers rw) a hint', () => {
    const mounts = 'tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0';
    assert.equal(severityOf(mounts, 'cgroup-readonly'), 'info');
  });
  it('reads a v1 line behind a timestamp as the same v1 line', () => {
    const text = '2024-01-01T00:00:00Z $ docker exec dind readlink /proc/1/ns/cgroup\n2024-01-01T00:00:00Z cgroup:[4026531835]\n2024-01-01T00:00:00Z 12:memory:/docker/0123456789abcdef';
    assert.equal(severityOf(text, 'cgroupns-host'), 'info');
  });
  it('keeps a read-only image mounted full and chcon\'s refusal quiet or a hint', () => {
    assert.ok(!ruleRaises('/dev/loop3      56M   56M     0 100% /snap/core18/2128', 'disk-space'));
    assert.equal(severityOf('chcon: failed to change context of \'/srv\' to \'system_u:object_r:container_file_t:s0\': Operation not permitted', 'selinux-denied'), 'info');
  });
  it('does not read a profile other than the unprivileged defaults as a missing --privileged', () => {
    assert.ok(!ruleRaises('apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="lxc-container-default-cgns" name="/sys/fs/cgroup/" comm="dockerd"', 'not-privileged'));
    assert.ok(!ruleRaises('apparmor="DENIED" operation="ptrace" profile="docker-default" pid=1 comm="ps" requested_mask="read" denied_mask="read" peer="unconfined"', 'not-privileged'));
  });
});

