// Per-template tests for round 24 (session 24), second part: wordings four research helpers read in the programs'
// sources (SELinux outside audit records, cgroup namespaces, cgroup mounts and a full disk, privileges against the
// runtime's capabilities) and found unrecognised, ranked wrong, or raised on healthy text.
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  // SELinux.
  ['selinux-denied', 'Error: OCI runtime error: crun: write to file `thread-self/attr/exec`: Permission denied', 'crun 1.22+ "write to file `%s`" for the process label'],
  ['selinux-denied', 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "mqueue" to rootfs at "/dev/mqueue": mount src=mqueue, dst=/dev/mqueue, dstFd=/proc/thread-self/fd/8, flags=MS_NOSUID|MS_NODEV|MS_NOEXEC, data=context="system_u:object_r:container_file_t:s0:c123,c456": invalid argument: unknown', 'runc mountError with a context= option refused'],
  ['selinux-denied', '[ 2210.512345] SELinux: security_context_str_to_sid (system_u:object_r:container_file_t:s0:c1024,c2048) failed with errno=-22', 'the kernel "security_context_str_to_sid (%s) failed with errno=%d"'],
  ['selinux-denied', '[ 2210.612345] SELinux:  duplicate or incompatible mount options', 'the kernel SEL_MOUNT_FAIL_MSG'],
  ['selinux-denied', 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: selinux label is specified in config, but selinux is disabled or not supported: unknown', 'runc\'s label check in a level without SELinux'],
  ['selinux-denied', '\tWas caused by:\n\tOne of the following booleans was set incorrectly.\n\tDescription:\n\tAllow container to use devices', 'audit2why with several booleans'],
  ['selinux-denied', '\t\tTypebounds violation.\n\n\t\tAdd an allow rule for the parent type.', 'audit2why BOUNDS'],
  ['selinux-denied', '#!!!! This avc can be allowed using the boolean \'container_manage_cgroup\'', 'audit2allow\'s comment pasted alone (a hint)'],
  ['selinux-denied', 'SELinux: security_context_str_to_sid(system_u:object_r:container_file_t:s0:c1,c2) failed for (dev overlay, type overlay) errno=-22', 'the kernel\'s parse_sid wording'],
  // cgroup namespaces.
  ['cgroupns-host', '$ kubectl exec dind-0 -- cat /proc/1/cgroup\n0::/kubepods/besteffort/pod1234-5678/crio-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'CRI-O under cgroupfs'],
  ['cgroupns-host', '/ # cat /proc/self/cgroup\n0::/gitlab-runner/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'a custom --cgroup-parent, at busybox\'s prompt'],
  ['cgroupns-host', 'root@dind-7d9f6c8b5f-x2k4p:/# cat /proc/1/cgroup\n0::/machine.slice/systemd-nspawn@buildbox.service/payload', 'nspawn\'s template service, at a Deployment pod\'s prompt'],
  ['cgroupns-host', '/ # ls /sys/fs/cgroup\ncgroup.controllers  cgroup.procs  kubepods.slice  init.scope', 'a pod listing the node\'s kubepods'],
  ['cgroupns-host', 'root@3f1a2b4c5d6e:/# systemd-cgls\nControl group /:\n-.slice\n├─user.slice\n│ └─user-1000.slice\n├─init.scope\n│ └─1 /sbin/init splash\n└─system.slice\n  ├─docker-3f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70.scope\n  │ └─57 dockerd', 'systemd-cgls in a container drawing its own scope among the host\'s groups'],
  ['cgroupns-host', '/ # lsns -t cgroup\n        NS TYPE   NPROCS PID USER COMMAND\n4026531835 cgroup      7   1 root /bin/sh /usr/local/bin/dockerd-entrypoint.sh', 'lsns at busybox\'s prompt'],
  ['cgroupns-host', '$ docker exec dind stat -L -c %i /proc/self/ns/cgroup\n4026531835', 'stat of the namespace link printing the initial inode'],
  ['cgroupns-host', '$ kubectl get pod dind-0 -o yaml | grep -A2 securityContext\n    securityContext:\n      privileged: true\n$ ssh node1 stat -fc %T /sys/fs/cgroup\ncgroup2fs', 'a privileged pod on cgroup v2 (a hint)'],
  ['cgroupns-host', '$ podman inspect dind --format "{{.HostConfig.CgroupMode}}"\nhost', 'Podman\'s inspect field (a hint)'],
  ['cgroupns-host', '$ grep 0:: /proc/self/cgroup\n0::/system.slice/docker-0123456789abcdef0123.scope', 'the file read with grep'],
  // cgroup mounts.
  ['cgroup-not-mounted', 'Error: OCI runtime error: crun: cannot find cgroup2 for the process `1234`', 'crun "cannot find cgroup2 for the process `%d`"'],
  ['cgroup-not-mounted', 'Unknown filesystem type 1021994 mounted on /sys/fs/cgroup.', 'systemd cgroup-util "Unknown filesystem type %llx mounted on /sys/fs/cgroup"'],
  ['cgroup-not-mounted', 'systemd[1]: No filesystem is currently mounted on /sys/fs/cgroup.', 'systemd "No filesystem is currently mounted on /sys/fs/cgroup."'],
  ['cgroup-not-mounted', 'lxc-start: c1: cgroups/cgfsng.c: cg_init: 3504 No such file or directory - Failed to open /sys/fs/cgroup', 'LXC cgfsng "Failed to open /sys/fs/cgroup"'],
  ['cgroup-not-mounted', 'ERROR: cpu hierarchy not mounted', 'libcgroup cgsnapshot "ERROR: %s hierarchy not mounted"'],
  ['cgroup-not-mounted', 'F0301 10:00:00.000000 812 kubelet.go:1371] Failed to start cAdvisor inotify_add_watch /sys/fs/cgroup/cpuacct,cpu: no such file or directory', 'the kubelet\'s cAdvisor watching a v1 hierarchy by its other name'],
  ['cgroup-not-mounted', 'time="2024-03-01T10:00:00Z" level=warning msg="falling back to securejoin: openat2 /sys/fs/cgroup: no such file or directory"', 'runc "falling back to securejoin: %s" (a hint)'],
  ['cgroup-devices-shared', 'JoinControllers=cpu,cpuacct,devices', 'systemd ≤239 system.conf joining devices'],
  ['cgroup-readonly', ' * No permission to apply cgroup settings', 'OpenRC openrc-run.sh "No permission to apply cgroup settings"'],
  ['cgroup-readonly', 'Mount point \'/sys/fs/cgroup\' not writable after mounting, undoing: Read-only file system', 'systemd mount-setup "Mount point \'%s\' not writable after mounting, undoing: %m"'],
  // fresh36's misses, once read.
  ['not-privileged', 'fargate-scheduler Pod not supported on Fargate: invalid SecurityContext fields: Privileged', 'EKS Fargate refusing a privileged container'],
  ['cgroup-not-mounted', 'FATA[2020-09-05T02:27:53.031033091-04:00] open /proc/self/cgroup: no such file or directory', 'a kernel built without cgroups'],
  ['cgroup-not-mounted', 'FATA[0003] pids cgroup controller not found', 'k3s "%s cgroup controller not found"'],
  ['dood-volume-path', '$ docker exec -i app_php_1 sh -c \'ls -al /app\'\nwhich returns an empty directory\ntotal 8\ndrwxr-xr-x  2 root root 4096 May 27 16:59 .\ndrwxr-xr-x 51 root root 4096 May 27 17:16 ..\n"Mounts": [\n  { "Source": "/root/src/app", "Destination": "/app", "RW": true }', 'a bind target listed empty (a hint)'],
  ['apparmor-denied', 'sudo docker.compose up\nERROR: .IOError: [Errno 13] Permission denied: u\'./docker-compose.yml\'', 'the snap\'s confinement refusing a compose file (a hint)'],
  // A full disk in two more languages.
  ['disk-space', 'cp: error writing \'/var/lib/docker/x\': Enheten är full', 'glibc sv ENOSPC'],
  ['disk-space', 'cp: error writing \'/data/x\': Przekroczony limit dyskowy', 'glibc pl EDQUOT'],
];

describeTemplates('classify: round 24 research templates', TEMPLATES);

describeQuiet('classify: round 24 research texts that raise nothing', [
  ['docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting cgroup config for procHooks process: failed to call BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI): no space left on device: unknown.', 'a cgroup\'s device programs at their limit, no disk'],
  ['Error response from daemon: mount /:/var/lib/docker/overlay2/93e01eef8248/merged/rootfs, flags: 0x5000: no space left on device', 'the mount table full (fs.mount-max), no disk'],
  ['docker: Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/abc/merged: no space left on device.', 'overlay2\'s mount past fs.mount-max'],
  ['docker: Error response from daemon: mounting shm tmpfs: no space left on device.', 'moby\'s shm mount past fs.mount-max'],
  ['FATAL:  could not create semaphores: No space left on device\nDETAIL:  Failed system call was semget(5432001, 17, 03600).', 'PostgreSQL\'s SysV semaphores'],
  ['RTNETLINK answers: No space left on device', 'a netlink table'],
  ['JoinControllers=cpu,cpuacct net_cls,net_prio', 'systemd\'s default joins, devices on its own'],
  ['W0927 22:36:42.258172       1 watcher.go:95] Error while processing event ("/sys/fs/cgroup/kubepods": 0x40000100 == IN_CREATE|IN_ISDIR): inotify_add_watch /sys/fs/cgroup/kubepods: no such file or directory', 'cAdvisor\'s watcher racing a group that came and went'],
  ['Starting cgconfig service: Error: cannot mount cpu to /cgroup/cpu: Device or resource busy', 'cgconfig finding a hierarchy mounted already'],
  ['/ # cat /proc/self/cgroup\n0::/', 'a private namespace at busybox\'s prompt'],
  ['$ ls -al /srv/data\ntotal 8\ndrwxr-xr-x  2 root root 4096 May 27 16:59 .\ndrwxr-xr-x 51 root root 4096 May 27 17:16 ..', 'an empty folder no bind names'],
  ['root@3f1a2b4c5d6e:/# systemd-cgls\nControl group /:\n-.slice\n├─init.scope\n│ └─1 /sbin/init\n└─system.slice\n  └─docker.service', 'a systemd container\'s own tree in its namespace'],
  ['$ kubectl get pod dind-0 -o yaml\n    securityContext:\n      privileged: true\n$ docker info\n Cgroup Version: 1', 'a privileged pod on cgroup v1'],
  ['$ docker exec kind-control-plane systemd-cgls --no-pager\nControl group /:\n-.slice\n├─kubelet.slice\n├─kubepods.slice\n├─init.scope\n└─system.slice', 'a kind node\'s own kubepods in its namespace'],
  ['/ # find /sys/fs/cgroup -type d\n/sys/fs/cgroup\n/sys/fs/cgroup/init', 'docker:dind\'s own group in a private namespace'],
  ['CGROUPS_CPU: enabled\nCGROUPS_MEMORY: enabled\nCGROUPS_PIDS: enabled\nCGROUPS_HUGETLB: missing\nCGROUPS_IO: enabled\n[WARNING SystemVerification]: missing optional cgroups: hugetlb', 'kubeadm\'s optional controller missing'],
  ['[    5.545781] systemd[1]: No filesystem is currently mounted on /sys/fs/cgroup.\n[    5.552981] systemd[1]: Mounting cgroup2 to /sys/fs/cgroup of type cgroup2 with options nsdelegate.', 'systemd\'s debug line before it mounts cgroup2'],
  ['$ docker context use default\n$ docker run --rm -v /home/me/data:/data alpine ls -l /data\ntotal 4\ndrwxr-xr-x    2 root     root          4096 Jan  1 00:00 sub', 'the local context and a folder in a listing'],
]);

describe('classify: round 24 research severities', () => {
  it('makes runc\'s note of capabilities only newer kernels have a hint, others a warning', () => {
    assert.equal(severityOf('level=warning msg="ignoring unknown or unavailable capabilities: [CAP_BPF CAP_CHECKPOINT_RESTORE CAP_PERFMON]"', 'caps-unavailable'), 'info');
    assert.equal(severityOf('level=warning msg="ignoring unknown or unavailable capabilities: [CAP_SYS_ADMIN CAP_BPF]"', 'caps-unavailable'), 'warning');
  });
  it('reads a mount EACCES beside an SELinux denial as SELinux\'s, AppArmor only a hint', () => {
    const text = 'error during container init: error mounting "proc" to rootfs at "/proc": mount src=proc, dst=/proc, flags=MS_NOSUID|MS_NODEV|MS_NOEXEC: permission denied: unknown\n'
      + 'type=AVC msg=audit(1700000000.123:456): avc:  denied  { mount } for  pid=4321 comm="runc:[2:INIT]" name="/" dev="proc" ino=1 scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:proc_t:s0 tclass=filesystem permissive=0';
    assert.equal(classify(text)[0].id, 'selinux-denied');
    assert.equal(severityOf(text, 'apparmor-denied'), 'info');
  });
  it('puts the missing --privileged first where the paste started the dind level without it', () => {
    const text = '$ docker run -d --name dind --cap-add SYS_ADMIN --cap-add NET_ADMIN docker:dind\n$ docker exec dind docker run --rm --privileged alpine true\n'
      + 'docker: Error response from daemon: OCI runtime create failed: runc create failed: unable to start container process: error during container init: unable to apply caps: operation not permitted: unknown.';
    assert.deepEqual(ids(text).slice(0, 2), ['not-privileged', 'caps-unavailable']);
    assert.equal(severityOf(text, 'caps-unavailable'), 'info');
  });
  it('puts the runtime\'s capabilities first where the paste shows an LXC, nspawn or user-namespaced level', () => {
    const refusal = 'docker: Error response from daemon: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "proc" to rootfs at "/proc": mount src=proc, dst=/proc, flags=MS_NOSUID|MS_NODEV|MS_NOEXEC: operation not permitted: unknown.';
    for (const context of ['container=lxc', '$ systemd-detect-virt\nsystemd-nspawn', '$ cat /proc/self/uid_map\n         0     100000      65536', ' Security Options:\n  seccomp\n  userns']) {
      const found = classify(`${context}\n${refusal}`);
      assert.equal(found[0].id, 'caps-unavailable', context);
      assert.equal(found.find((f) => f.id === 'not-privileged')?.severity, 'info', context);
    }
    assert.equal(classify(refusal)[0].id, 'not-privileged');
  });
  it('reads the runtime in use, not one merely installed, and not the launch\'s own failure to apply caps', () => {
    const installed = ' Runtimes: io.containerd.runc.v2 runc sysbox-runc\n Default Runtime: runc\nmount: /sys/kernel/security: permission denied.';
    assert.equal(classify(installed)[0].id, 'not-privileged');
    const inUse = ' Runtimes: io.containerd.runc.v2 runc sysbox-runc\n Default Runtime: sysbox-runc\nmount: /sys/kernel/security: permission denied.';
    assert.equal(classify(inUse)[0].id, 'caps-unavailable');
    const launch = '$ docker run --rm docker:dind\ndocker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: unable to apply caps: operation not permitted: unknown.';
    assert.equal(classify(launch)[0].id, 'caps-unavailable');
  });
  it('leaves AppArmor\'s reading alone beside a denial SELinux only logged (permissive=1)', () => {
    const text = 'error mounting "proc" to rootfs at "/proc": mount src=proc, dst=/proc: permission denied\n'
      + 'type=AVC msg=audit(1700000000.123:456): avc:  denied  { mount } for  pid=4321 comm="runc:[2:INIT]" scontext=system_u:system_r:container_t:s0 tcontext=system_u:object_r:proc_t:s0 tclass=filesystem permissive=1';
    assert.notEqual(severityOf(text, 'apparmor-denied'), 'info');
  });
  it('reads a /proc cgroup file in a shell entered into the host\'s namespaces (nsenter1) as a hint', () => {
    const text = '$ docker run -it --privileged --pid=host justincormack/nsenter1\n/ # cat /proc/self/cgroup\n0::/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    assert.equal(severityOf(text, 'cgroupns-host'), 'info');
  });
  it('reads runc binding the socket refused with EACCES as an LSM\'s refusal, not the socket\'s mode', () => {
    const text = 'Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/run/docker.sock" to rootfs at "/var/run/docker.sock": change mount propagation through procfd: mount /var/run/docker.sock (via /proc/self/fd/6), flags: 0x44000: permission denied: unknown';
    assert.ok(!ruleRaises(text, 'socket-permission'));
    assert.ok(ruleRaises(text, 'apparmor-denied'));
  });
  it('reads audit2allow\'s comment for any domain as a hint only', () => {
    assert.equal(severityOf('#============= httpd_t ==============\n#!!!! This avc can be allowed using the boolean \'nis_enabled\'', 'selinux-denied'), 'info');
  });
  it('keeps the selinux rules to what SELinux prints', () => {
    assert.ok(!ruleRaises('[ 12.5] SELinux: mount invalid.  Same superblock, different security settings for (dev mqueue, type mqueue)', 'selinux-denied'));
  });
});
