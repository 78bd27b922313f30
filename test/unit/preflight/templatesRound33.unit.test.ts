// Per-template tests for round 33 (session 33): wordings the fifty-seventh to fifty-ninth blind batches' unread halves
// (fresh56, fresh57, fresh58, read after their scorings) and the sixtieth's read half (fresh59r) pointed to. Each row
// is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const MOUNTS = (source: string) =>
  [
    '"Mounts": [',
    '    {',
    '        "Type": "bind",',
    `        "Source": "${source}",`,
    '        "Destination": "/app",',
    '        "RW": true',
    '    },',
    '    {',
    '        "Type": "volume",',
    '        "Name": "repo-0a1b2c3d",',
    '        "Source": "/var/lib/docker/volumes/repo-0a1b2c3d/_data",',
    '        "Destination": "/workspaces",',
    '        "Driver": "local"',
    '    }',
    ']',
  ].join('\n');

const TEMPLATES: Row[] = [
  ['cgroup-not-mounted', 'No systemd cgroup v1 hierarchy found', 'ansible-test check_systemd_cgroup_v1.sh "No systemd cgroup v1 hierarchy found"'],
  ['selinux-denied', '$ getsebool container_manage_cgroup\ncontainer_manage_cgroup --> off', 'getsebool "%s --> off" for the boolean a systemd level needs (a hint)'],
  ['socket-permission', "Couldn't connect to Docker daemon at http+unix://var/run/docker.sock - is it running?", 'fig / compose < 1.3 "Couldn\'t connect to Docker daemon at %s" with docker-py\'s socket URL (a hint)'],
  [
    'daemon-unreachable',
    '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 33, in connect\n    sock.connect(self.unix_socket)\nFileNotFoundError: [Errno 2] No such file or directory',
    'docker-py unixconn.py connect raising ENOENT',
  ],
  [
    'daemon-unreachable',
    '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 30, in connect\n    sock.connect(self.unix_socket)\nConnectionRefusedError: [Errno 111] Connection refused',
    'the same raising ECONNREFUSED',
  ],
  ['daemon-unreachable', '[ERROR] Failed to execute goal io.fabric8:docker-maven-plugin:0.33.0:start (start) on project app: Cannot create docker access object : Unknown host HOST: Name or service not known -> [Help 1]', 'fabric8 "Cannot create docker access object" over UnknownHostException'],
  ['daemon-unreachable', 'Error: Running AWS SAM projects locally requires Docker. Have you got it installed and running?', 'samcli DockerIsNotReachableException'],
  [
    'not-privileged',
    'pods "build-1" is forbidden: unable to validate against any security context constraint: [spec.containers[0].securityContext.runAsUser: Invalid value: 0: must be in the ranges: [1000650000, 1000659999]]',
    'OpenShift SCC "runAsUser: Invalid value: 0: must be in the ranges: %v"',
  ],
  [
    'not-privileged',
    'pods "dind-0" is forbidden: unable to validate against any security context constraint: [capabilities.add: Invalid value: "SYS_ADMIN": capability may not be added spec.containers[0].securityContext.capabilities.add: Invalid value: "SYS_ADMIN": capability may not be added]',
    'the same refusing an added capability',
  ],
  ['iptables-failure', 'Chain FORWARD (policy DROP)\n\nChain DOCKER-FORWARD (0 references)\nDOCKER-CT  all  --  0.0.0.0/0   0.0.0.0/0', '`iptables -L` with dockerd\'s FORWARD chain jumped to from nowhere under a dropping policy'],
  ['dood-volume-path', MOUNTS('/workspaces/app'), '`docker inspect` Mounts: a bind source under the same container\'s volume (a hint)'],
  [
    'not-privileged',
    'pods "build-1" is forbidden: unable to validate against any security context constraint: [provider "anyuid": Forbidden: not usable by user or serviceaccount, provider restricted-v2: .containers[0].runAsUser: Invalid value: 0: must be in the ranges: [1000650000, 1000659999]]',
    'OpenShift 4.11+ restricted-v2 naming the field without securityContext',
  ],
  ['cgroup-readonly', 'Failed to create symlink /sys/fs/cgroup/cpu: Read-only file system\n[!!!!!!] Failed to mount cgroup hierarchies, freezing.', 'systemd 219-239 mount-setup.c returning the alias symlink\'s failure, then freezing'],
  ['apparmor-denied', 'unshare: cannot change root filesystem propagation: Permission denied', 'util-linux unshare "cannot change root filesystem propagation" with EACCES'],
  ['apparmor-denied', '$ docker run --rm --security-opt=no-new-privileges:true alpine sh\nstandard_init_linux.go:211: exec user process caused "operation not permitted"\n/snap/docker/471/bin/dockerd (1324) snap.docker.dockerd', 'runc\'s exec refused beside the snap\'s dockerd (a hint)'],
  ['not-privileged', 'ERROR: [Errno 1] Operation not permitted\n\nERROR: The most common cause for this error is trying to run /usr/sbin/mock as an unprivileged user.', 'mock "The most common cause for this error is trying to run %s as an unprivileged user" (a hint)'],
  ['not-privileged', "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces. On e.g. debian this can be enabled with 'sysctl kernel.unprivileged_userns_clone=1'.", 'bubblewrap "No permissions to creating new namespace" (0.3-0.7): seccomp in a container (a hint)'],
  ['rootless-prerequisites', 'bwrap: No permissions to create a new namespace, likely because the kernel does not allow non-privileged user namespaces. See <https://deb.li/bubblewrap> or <file:///usr/share/doc/bubblewrap/README.Debian.gz>.', 'the same since 0.8: a host that forbids them (a second hint)'],
  [
    'rootless-prerequisites',
    'docker: Error response from daemon: OCI runtime create failed: container_linux.go:346: starting container process caused "process_linux.go:449: container init caused \\"process_linux.go:432: running prestart hook 0 caused \\\\\\"error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: mount error: open failed: /sys/fs/cgroup/devices/user.slice/devices.allow: permission denied',
    'nvidia-container-cli writing devices.allow in a rootless user\'s session group',
  ],
  ['cgroup-readonly', 'lxc-start 20161105235329.255 ERROR    lxc_cgfs - cgroups/cgfs.c:lxc_cgroupfs_create:889 - Could not find writable mount point for cgroup hierarchy 12 while trying to create cgroup.', 'LXC cgfs "Could not find writable mount point for cgroup hierarchy %d"'],
  ['daemon-unreachable', 'Error creating machine: Error running provisioning: Unable to verify the Docker daemon is listening: Maximum number of retries (5) exceeded', 'libmachine provision "Unable to verify the Docker daemon is listening: %s"'],
];

describeRuleTemplates('round 33 templates', TEMPLATES);

describe('round 33 boundaries', () => {
  it('reads an orphaned Docker chain under an accepting FORWARD policy as a hint, and a referenced one as nothing', () => {
    assert.equal(severityOf('Chain FORWARD (policy DROP)\nChain DOCKER-FORWARD (0 references)', 'iptables-failure'), 'warning');
    assert.equal(severityOf('Chain FORWARD (policy ACCEPT)\nChain DOCKER-USER (0 references)', 'iptables-failure'), 'info');
    assert.ok(!ruleRaises('Chain FORWARD (policy DROP)\nChain DOCKER-FORWARD (1 references)\nChain DOCKER-ISOLATION-STAGE-2 (0 references)', 'iptables-failure'));
  });

  it('reads a bind from a host folder beside an unrelated volume as no path resolved elsewhere', () => {
    assert.ok(!ruleRaises(MOUNTS('/srv/app'), 'dood-volume-path'));
    assert.ok(!ruleRaises(MOUNTS('/workspaces'), 'dood-volume-path'));
  });

  it('reads the same bind in `{{json .Mounts}}`\'s one-line form', () => {
    const line = '[{"Type":"bind","Source":"/workspaces/app/db","Destination":"/data","RW":true},{"Type":"volume","Name":"v","Source":"/var/lib/docker/volumes/v/_data","Destination":"/workspaces","Driver":"local"}]';
    assert.equal(severityOf(line, 'dood-volume-path'), 'info');
  });

  it('reads docker-py\'s ENOENT outside its unix transport as nothing on its own', () => {
    assert.ok(!ruleRaises('FileNotFoundError: [Errno 2] No such file or directory', 'daemon-unreachable'));
  });

  it('reads an SCC refusal of a non-root user and of a host path as no missing privilege', () => {
    const scc = 'unable to validate against any security context constraint: [spec.containers[0].securityContext.runAsUser: Invalid value: 1000: must be in the ranges: [1000650000, 1000659999]]';
    assert.ok(!ruleRaises(scc, 'not-privileged'));
  });

  it('reads systemd\'s controller alias symlinks refused on a read-only tree as a hint', () => {
    assert.equal(severityOf('Failed to create symlink /sys/fs/cgroup/cpu: Read-only file system', 'cgroup-readonly'), 'info');
    assert.equal(severityOf('Failed to create /init.scope control group: Read-only file system', 'cgroup-readonly'), 'error');
  });

  it('reads mmdebstrap\'s /proc refused then bind-mounted as a hint', () => {
    const refused = 'mount: /work/rootfs/proc: permission denied.\n       dmesg(1) may have more information after failed mount system call.';
    assert.equal(severityOf(refused, 'not-privileged'), 'error');
    assert.equal(severityOf(`${refused}\nW: since mounting /proc normally failed, /proc is now bind-mounted instead`, 'not-privileged'), 'info');
  });

  it('reads a group refused beside the SELinux boolean switched on as no SELinux refusal', () => {
    const refused = 'Failed to create /user.slice/user-1000.slice/session-1.scope/init.scope control group: Permission denied';
    assert.ok(ruleRaises(refused, 'selinux-denied'));
    assert.ok(!ruleRaises(`${refused}\n$ getsebool container_manage_cgroup\ncontainer_manage_cgroup --> on`, 'selinux-denied'));
  });

  it('reads runc\'s exec refused without the snap, or beside it without no-new-privileges, as no AppArmor refusal', () => {
    const exec = 'standard_init_linux.go:211: exec user process caused "operation not permitted"';
    assert.ok(!ruleRaises(exec, 'apparmor-denied'));
    assert.ok(!ruleRaises(`$ docker run -it --rm alpine:3.14 sh\n${exec}\n/snap/docker/471/bin/dockerd (1324) snap.docker.dockerd`, 'apparmor-denied'));
  });

  it('reads ip6tables\' unreferenced DOCKER chain beside DOCKER-USER as a healthy host', () => {
    const listing = 'Chain FORWARD (policy DROP)\nDOCKER-USER  all  ::/0  ::/0\nChain DOCKER (0 references)\nChain DOCKER-USER (1 references)';
    assert.ok(!ruleRaises(listing, 'iptables-failure'));
    assert.equal(severityOf('Chain FORWARD (policy DROP)\nChain DOCKER (0 references)', 'iptables-failure'), 'warning');
  });

  it('keeps a mount refused below /sys, or after mmdebstrap\'s fallback, as a missing privilege', () => {
    const fallback = 'W: since mounting /proc normally failed, /proc is now bind-mounted instead';
    assert.equal(severityOf(`mount: /sys/fs/cgroup/systemd: permission denied.\n${fallback}`, 'not-privileged'), 'error');
    assert.equal(severityOf(`${fallback}\nmount: /tmp/mmdebstrap.abc/sys: permission denied.`, 'not-privileged'), 'error');
  });

  it('reads one container\'s bind beside another container\'s volume, or under a volume at /tmp, as nothing', () => {
    const two = '[{"Mounts": [{"Type": "volume", "Name": "r", "Source": "/var/lib/docker/volumes/r/_data", "Destination": "/data"}]},\n{"Mounts": [{"Type": "bind", "Source": "/data/app/config", "Destination": "/config"}]}]';
    assert.ok(!ruleRaises(two, 'dood-volume-path'));
    const x11 = '"Mounts": [{"Type": "bind", "Source": "/tmp/.X11-unix", "Destination": "/tmp/.X11-unix"}, {"Type": "volume", "Name": "t", "Source": "/var/lib/docker/volumes/t/_data", "Destination": "/tmp"}]';
    assert.ok(!ruleRaises(x11, 'dood-volume-path'));
  });

  it('reads the boolean off in a `getsebool -a` dump as nothing, beside systemd\'s refusal as a hint', () => {
    const dump = ['abrt_anon_write --> off', 'container_connect_any --> off', 'container_manage_cgroup --> off', 'container_use_cephfs --> off', 'virt_use_nfs --> on'].join('\n');
    assert.ok(!ruleRaises(dump, 'selinux-denied'));
    assert.equal(severityOf(`${dump}\nFailed to allocate manager object: Permission denied`, 'selinux-denied'), 'info');
  });

  it('reads devices.allow refused under a rootful daemon as no rootless prerequisite', () => {
    assert.ok(!ruleRaises('nvidia-container-cli: mount error: open failed: /sys/fs/cgroup/devices/docker/0a1b2c/devices.allow: permission denied', 'rootless-prerequisites'));
  });

  it('reads the boolean switched on as nothing', () => {
    assert.ok(!ruleRaises('container_manage_cgroup --> on', 'selinux-denied'));
  });
});
