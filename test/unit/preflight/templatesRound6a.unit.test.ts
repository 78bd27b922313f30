// Per-template tests for round 6 (security, cgroup and user-namespace classes): wordings the round-6 corpus samples
// showed no rule for. Each row is built from the format string named in its last column (the upstream source),
// not from a corpus sample.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // cgroup-v2-nesting: EBUSY/EOPNOTSUPP on cgroup.subtree_control or cgroup.procs in a tool's own wording.
  ['cgroup-v2-nesting', "[E][2024-01-10T10:00:00+0000][4711] writeBufToFile():219 Couldn't write '7' bytes to file '/sys/fs/cgroup/cgroup.subtree_control' (fd='4'): Device or resource busy", "nsjail util.cc PLOG_E(\"Couldn't write '%zu' bytes to file %s (fd='%d')\") + \": %s\" strerror(EBUSY)"],
  ['cgroup-v2-nesting', "[E][2024-01-10T10:00:00+0000][4711] writeBufToFile():219 Couldn't write '4' bytes to file '/sys/fs/cgroup/NSJAIL.4711/cgroup.procs' (fd='5'): Operation not supported", "nsjail util.cc PLOG_E(\"Couldn't write '%zu' bytes to file %s (fd='%d')\") + \": %s\" strerror(EOPNOTSUPP)"],
  // apparmor-denied: RootlessKit's hint when AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+).
  ['apparmor-denied', 'time="2024-05-14T10:00:00Z" level=warning msg="[rootlesskit:parent] This error might have happened because /proc/sys/kernel/apparmor_restrict_unprivileged_userns is set to 1" error="fork/exec /proc/self/exe: permission denied"', 'rootlesskit pkg/parent/warn.go logrus.WithError(childStartErr).Warnf("This error might have happened because /proc/sys/kernel/apparmor_restrict_unprivileged_userns is set to 1")'],
  ['apparmor-denied', 'WARN[0000] [rootlesskit:parent] This error might have happened because /proc/sys/kernel/apparmor_restrict_unprivileged_userns is set to 1  error="fork/exec /proc/self/exe: operation not permitted"', 'rootlesskit pkg/parent/warn.go, logrus text formatter (EPERM variant)'],
  // apparmor-denied: a ptrace denial by a profile other than docker-default stays a finding.
  ['apparmor-denied', '[ 4711.000000] audit: type=1400 audit(1700000000.000:42): apparmor="DENIED" operation="ptrace" profile="lxc-container-default-cgns" pid=4711 comm="runc:[2:INIT]" requested_mask="read" denied_mask="read" peer="unconfined"', 'kernel security/apparmor/ipc.c audit_ptrace_cb (" requested_mask=", " denied_mask=", " peer=") for a non-docker-default profile'],
  // cgroup-v2-nesting: a kubelet in the level finds its controllers not delegated.
  ['cgroup-v2-nesting', 'E0315 10:00:00.000000    4711 kubelet.go:1542] "Failed to start ContainerManager" err="cgroup [\\"kubepods\\"] has some missing controllers: cpu, cpuset, memory, pids"', 'kubernetes pkg/kubelet/cm/cgroup_manager_linux.go fmt.Errorf("cgroup %q has some missing controllers: %v") in a klog structured line'],
  ['cgroup-v2-nesting', 'Error: failed to run Kubelet: cgroup ["kubepods"] has some missing controllers: hugetlb', 'the same error returned up to the kubelet command (%q of CgroupName{"kubepods"})'],
  // not-privileged (caps-unavailable second): crun refused a fresh proc/sysfs mount in the level.
  ['not-privileged', 'Error: crun: mount `proc` to `proc`: Operation not permitted: OCI permission denied', 'crun src/libcrun/linux.c crun_make_error (err, saved_errno, "mount `%s` to `%s`", source, target) (EPERM), as podman prints it'],
  ['caps-unavailable', '2024-01-10T10:00:00.000000000Z: mount `sysfs` to `sys`: Operation not permitted', 'crun "mount `%s` to `%s`" for sysfs, crun\'s own stderr prefix (EPERM)'],
  // not-privileged: systemd as the level's init cannot mount its API filesystems in an unprivileged container.
  ['not-privileged', 'Failed to mount tmpfs at /run: Operation not permitted', 'systemd src/shared/mount-setup.c log_full_errno(priority, errno, "Failed to mount %s at %s: %m", p->type, p->where) (EPERM)'],
  ['not-privileged', 'Failed to mount cgroup2 at /sys/fs/cgroup: Permission denied', 'systemd src/shared/mount-setup.c "Failed to mount %s at %s: %m" (EACCES)'],
];

describeTemplates('round 6a message templates', TEMPLATES);

describeQuiet('round 6a lines that are not a nested-daemon failure', [
  ['[ 8341.933370] audit: type=1400 audit(1621966268.393:633): apparmor="DENIED" operation="ptrace" profile="docker-default" pid=3811 comm="agent" requested_mask="read" denied_mask="read" peer="unconfined"', 'a docker-default container refused a ptrace read of a host process (kernel audit_ptrace_cb): noise'],
  ['[ 4473.748727] type=1400 audit(1406568919.002:236): apparmor="DENIED" operation="ptrace" profile="docker-default" pid=12830 comm="ps" requested_mask="trace" denied_mask="trace" peer="docker-default"', 'ps inside a container refused a ptrace of its peer (moby#7276): noise'],
  ['[D][2024-01-10T10:00:00+0000][4711] enableCgroupSubtree():82 Enable cgroup.subtree_control +\'memory\' to \'/sys/fs/cgroup\' for pid=4711', 'nsjail LOG_D("Enable cgroup.subtree_control +\'%s\' to \'%s\' for pid=%d"): a debug line, no error'],
  ['echo "+memory +pids" > /sys/fs/cgroup/cgroup.subtree_control', 'the delegation command itself, without an error'],
  ['I0315 10:00:00.000000    4711 cgroup_manager_linux.go:287] The Cgroup [kubepods] has some missing controllers: cpu', 'the kubelet\'s V(4) existence probe ("The Cgroup %v has some missing controllers: %v"), not the failure'],
  ['2024-01-10T10:00:00.000000000Z: mount `/srv/data` to `data`: No such file or directory', 'crun "mount `%s` to `%s`" for a bind mount whose source is missing (ENOENT): no privilege problem'],
  ['Failed to mount tmpfs at /run: Device or resource busy', 'systemd mount-setup.c "Failed to mount %s at %s: %m" with EBUSY: no privilege problem'],
  ['time="2024-05-14T10:00:00Z" level=warning msg="[rootlesskit:parent] Failed to parse /proc/sys/kernel/apparmor_restrict_unprivileged_userns (\\"\\")"', 'rootlesskit warn.go failing to read the sysctl: no denial'],
]);
