// Per-template tests for the fourth round: the other ways the same root causes are printed (another
// version of runc, dockerd or the CLI, another client of the socket, another shell or kernel). Each row
// is built from the format string named in its last column, not from a corpus sample.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, ids, Row, ruleRaises } from './templateRows';

const TEMPLATES: Row[] = [
  // not-privileged
  ['not-privileged', 'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: unable to join session keyring: unable to create session key: operation not permitted: unknown.', 'runc 1.1+ libcontainer/keys "unable to create session key: %w"'],
  ['not-privileged', 'time="2026-01-10T10:00:00Z" level=warning msg="Enabling IP forwarding failed: open /proc/sys/net/ipv4/ip_forward: read-only file system"', 'libnetwork bridge "Enabling IP forwarding failed: %v"'],
  ['not-privileged', "failed to start daemon: Error initializing network controller: failed to set IP forwarding '/proc/sys/net/ipv4/ip_forward' = '1': open /proc/sys/net/ipv4/ip_forward: permission denied", 'libnetwork 25+ "failed to set IP forwarding \'%s\' = \'%c\': %w"'],
  ['not-privileged', 'sh: write error: /proc/sys/net/ipv4/ip_forward: Read-only file system', 'a shell writing a read-only /proc/sys'],
  ['not-privileged', 'docker: Error response from daemon: failed to create endpoint web on network bridge: failed to add the host (veth1c2d3e4) <=> sandbox (veth5f6a7b8) pair interfaces: operation not permitted.', 'libnetwork "failed to add the host (%s) <=> sandbox (%s) pair interfaces: %v" with EPERM'],
  ['not-privileged', 'Error initializing network controller: error obtaining controller instance: failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied', 'iptables nft.c "Could not fetch rule set generation id: %s" with EACCES'],
  ['not-privileged', "iptables v1.4.21: can't initialize iptables table `filter': Operation not permitted", 'iptables "can\'t initialize iptables table `%s\': %s" with EPERM'],
  ['not-privileged', '/etc/init.d/docker: 62: ulimit: error setting limit (Operation not permitted)', 'dash ulimit in the sysvinit docker script'],
  ['not-privileged', '/etc/init.d/docker: line 96: ulimit: open files: cannot modify limit: Operation not permitted', 'bash ulimit in the sysvinit docker script'],
  ['not-privileged', 'Error creating: pods "dind-0" is forbidden: GKE Warden rejected the request because it violates one or more constraints. Violations details: {"[denied by autogke-disallow-privilege]":["container \'dind\' not allowed to have privileged: true"]}', 'GKE Autopilot autogke-disallow-privilege'],
  ['not-privileged', 'admission webhook "validate.kyverno.svc-fail" denied the request: policy Pod/ci/dind for resource violation: disallow-privileged-containers: privileged-containers: validation error: Privileged mode is disallowed. The fields spec.containers[*].securityContext.privileged must be unset or set to `false`.', 'Kyverno disallow-privileged-containers'],
  ['not-privileged', 'sysctl: setting key "net.ipv4.ip_forward": Read-only file system', 'procps-ng sysctl xwarn("setting key %s"), key in double quotes'],
  ['not-privileged', "sysctl: error setting key 'net.ipv4.ip_forward' to '1': Read-only file system", 'busybox sysctl'],
  ['not-privileged', 'docker: Error response from daemon: authorization denied by plugin pipelines: --privileged=true is not allowed.', 'Bitbucket Pipelines authorization plugin'],
  // kernel-module-missing
  ['kernel-module-missing', 'iptables-restore v1.8.10 (nf_tables): line 3: CHAIN_ADD failed (No such file or directory): chain DOCKER-USER', 'iptables-restore "line %d: " + nft.c "%s failed (%s)"'],
  ['kernel-module-missing', "iptables-restore v1.8.7 (legacy): iptables-restore: unable to initialize table 'nat'", 'iptables-restore.c "%s: unable to initialize table \'%s\'"'],
  ['kernel-module-missing', 'Error: Could not process rule: Operation not supported', 'nft netlink EOPNOTSUPP'],
  ['kernel-module-missing', "fuse: device not found, try 'modprobe fuse' first", 'libfuse mount_util.c'],
  ['kernel-module-missing', "fusermount3: fuse device not found, try 'modprobe fuse' first", 'fusermount3'],
  ['kernel-module-missing', "modprobe: can't change directory to '6.6.87.2-microsoft-standard-WSL2': No such file or directory", 'busybox modprobe chdir(uname -r)'],
  ['kernel-module-missing', 'time="2026-01-10T10:00:00Z" level=warning msg="Running modprobe bridge br_netfilter failed with message: modprobe: WARNING: Module bridge not found in directory /lib/modules/6.1.0\\nmodprobe: WARNING: Module br_netfilter not found in directory /lib/modules/6.1.0\\n, error: exit status 1"', 'kmod modprobe -a "Module %s not found in directory %s"'],
  ['kernel-module-missing', 'FATAL: Module overlay not found.', 'module-init-tools modprobe'],
  ['kernel-module-missing', 'RTNETLINK answers: Operation not supported', 'iproute2 ip link add … type veth without the driver'],
  ['kernel-module-missing', 'sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory', 'procps sysctl without br_netfilter'],
  // socket-permission
  ['socket-permission', 'Excon::Error::Socket: Permission denied - connect(2) for /var/run/docker.sock (Errno::EACCES)', 'Ruby Excon (docker-api gem)'],
  ['socket-permission', 'java.io.IOException: com.sun.jna.LastErrorException: [13] Permission denied (/var/run/docker.sock)', 'docker-java / JNA unix socket'],
  // dood-volume-path
  ['dood-volume-path', 'docker: Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "process_linux.go:359: container init caused \\"rootfs_linux.go:54: mounting \\\\\\"/home/ci/app.conf\\\\\\" to rootfs \\\\\\"/var/lib/docker/aufs/mnt/3f2a\\\\\\" at \\\\\\"/var/lib/docker/aufs/mnt/3f2a/etc/app.conf\\\\\\" caused \\\\\\"not a directory\\\\\\"\\""', 'runc rc "mounting %q to rootfs %q at %q caused %q"'],
  ['dood-volume-path', 'Error: failed to start container: error mounting "/workspace/config.yml" to rootfs at "/etc/app/config.yml": mount /workspace/config.yml:/etc/app/config.yml (via /proc/self/fd/6), flags: 0x5000: not a directory', 'runc 1.1+ "error mounting %q to rootfs at %q: %w" (a client without dockerd\'s hint)'],
  ['dood-volume-path', 'Error response from daemon: invalid mount config for type "bind": invalid bind mount source, source path not found: /home/ci/data', 'moby swarm executor validate.go'],
  ['dood-volume-path', 'docker: Error response from daemon: Cannot start container 5f3e: oci runtime error: could not synchronise with container process: not a directory.', 'runc 0.1 (Docker 1.11)'],
  ['dood-volume-path', 'Started the app with the docker socket bind mounted (-v //var/run/docker.sock://var/run/docker.sock); the folder is empty in the "sibling" container.', 'a DooD report: Windows double slashes, quoted "sibling"'],
  ['dood-volume-path', 'We are binding the docker socket into the runner.\ncat: /etc/app/config.yml: Is a directory', 'coreutils on a -v file source the daemon created as a directory'],
  ['dood-volume-path', 'docker: Error response from daemon: authorization denied by plugin pipelines: -v only supports $BITBUCKET_CLONE_DIR and its subdirectories.', 'Bitbucket Pipelines authorization plugin'],
  ['dood-volume-path', '- setup_remote_docker\n$ docker run -v $PWD/config:/config app\nThe /config folder is empty inside the container', 'CircleCI remote Docker: job files are not on the daemon\'s host'],
  // disk-space
  ['disk-space', "E: You don't have enough free space in /var/cache/apt/archives/.", 'apt'],
  ['disk-space', 'At least 212MB more space needed on the / filesystem.', 'rpm'],
  ['disk-space', 'device-mapper: thin: 253:2: switching pool to out-of-data-space (queue IO) mode', 'kernel dm-thin'],
  ['disk-space', 'overlay           61255492  61239108         0 100% /', 'df row of a full root'],
  ['disk-space', '/dev/sdb1          50G   50G     0 100% /var/lib/docker', 'df -h row of a full data root'],
  // storage-driver-unsupported
  ['storage-driver-unsupported', 'Error starting daemon: SELinux is not supported with the overlay2 graph driver on this kernel. Either boot into a newer kernel or disable selinux in docker (--selinux-enabled=false)', 'moby ≤19.03 daemon_unix.go'],
  // rootless-prerequisites
  ['rootless-prerequisites', "error: attempting to run rootless dockerd but need 'kernel.unprivileged_userns_clone' (/proc/sys/kernel/unprivileged_userns_clone) set to 1", 'docker-library dind-rootless entrypoint'],
  ['rootless-prerequisites', 'error: attempting to run rootless dockerd but missing necessary entries in /etc/subuid and/or /etc/subgid for 1000', 'docker-library dind-rootless entrypoint'],
  // cgroup-v2-nesting
  ['cgroup-v2-nesting', 'docker: Error response from daemon: crun: the requested cgroup controller `pids` is not available: OCI runtime error.', 'crun "the requested cgroup controller `%s` is not available"'],
  ['cgroup-v2-nesting', 'time="2026-01-10T10:00:00Z" level=warning msg="failed to kill all processes, possibly due to lack of cgroup (Hint: enable cgroup v2 delegation)"', 'runc 1.2+ libcontainer'],
  // iptables-failure
  ['iptables-failure', 'time="2026-01-10T10:00:00Z" level=warning msg="failed to find nft tool" error="exec: \\"nft\\": executable file not found in $PATH"', 'moby 28+ nftables "failed to find nft tool: %w"'],
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: libnftables: failed to apply commands (code 1), stderr: Error: Could not process rule: Operation not supported', 'moby 28+ libnftables'],
  ['iptables-failure', "iptables-restore v1.8.7 (legacy): iptables-restore: line 12 failed", 'iptables-restore.c "%s: line %d failed"'],
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: firewall-backend is set to nftables: exec: "nft": executable file not found in $PATH', 'moby 28+ firewall_linux.go'],
  // storage-driver-unsupported
  ['storage-driver-unsupported', 'FATA[0000] Error starting daemon: error initializing graphdriver: No supported storage backend found', 'docker 1.x graphdriver.New'],
  ['storage-driver-unsupported', 'Error starting daemon: error initializing graphdriver: "/var/lib/docker" contains other graphdrivers: aufs, overlay; Please cleanup or explicitly choose storage driver (-s <DRIVER>)', 'moby 1.x graphdriver "%q contains other graphdrivers"'],
  ['rootless-prerequisites', '[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: no space left on device', 'RootlessKit child with user.max_user_namespaces=0 (clone ENOSPC)'],
  ['rootless-prerequisites', '[ERROR] Missing system requirements. Run the following commands to', 'moby contrib/dockerd-rootless-setuptool.sh'],
  // daemon-unreachable
  ['daemon-unreachable', 'Unable to reach Docker Daemon after 15 attempts.', 'drone-plugins/drone-docker'],
  ['daemon-unreachable', 'java.lang.IllegalStateException: Previous attempts to find a Docker environment failed. Will not retry. Please see logs and check configuration', 'testcontainers-java DockerClientProviderStrategy'],
  ['daemon-unreachable', 'Error: Could not find a working container runtime strategy', 'testcontainers-node'],
  ['daemon-unreachable', "*** WARNING: Service runner-abc123-project-1-concurrent-0-docker-0 probably didn't start properly.", 'gitlab-runner executors/docker services health check'],
  // caps-unavailable
  ['caps-unavailable', 'docker: Error response from daemon: Unknown capability to add: "CAP_PERFMON".', 'moby ≤17.x oci caps validation'],
  // selinux-denied
  ['selinux-denied', "OCI runtime create failed: runc create failed: unable to start container process: error during container init: can't set process label: write /proc/self/attr/exec: invalid argument", 'runc "can\'t set process label: %w"'],
];

describeTemplates('fourth-round message templates', TEMPLATES);

describe('root cause first, fourth round', () => {
  it('EOPNOTSUPP on the veth pair is the module, EPERM the privilege', () => {
    assert.equal(ids('failed to add the host (veth1) <=> sandbox (veth2) pair interfaces: operation not supported')[0], 'kernel-module-missing');
    assert.equal(ids('failed to add the host (veth1) <=> sandbox (veth2) pair interfaces: operation not permitted')[0], 'not-privileged');
  });

  it('an SELinux denial of the socket names SELinux before the socket permission', () => {
    const text = [
      'type=AVC msg=audit(1700000000.1:42): avc:  denied  { connectto } for  pid=9 comm="app" path="/run/docker.sock" scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:system_r:container_runtime_t:s0 tclass=unix_stream_socket permissive=0',
      'Error: connect EACCES /var/run/docker.sock',
    ].join('\n');
    assert.deepEqual(ids(text).slice(0, 2), ['selinux-denied', 'socket-permission']);
  });

  it('the 20.10+ SELinux-with-overlay2 warning is only informational', () => {
    const f = classify('time="2026-01-10T10:00:00Z" level=warning msg="SELinux is not supported with the overlay2 graph driver on this kernel"');
    // The fallback model's guesses (info, with a confidence) may join it; the rules raise only the hint.
    assert.deepEqual(f.filter((x) => x.confidence === undefined).map((x) => [x.id, x.severity]), [['storage-driver-unsupported', 'info']]);
    assert.ok(f.every((x) => x.severity === 'info'));
  });
});

describe('ENOSPC that is no disk', () => {
  it('a user namespace past its limit is not a full disk', () => {
    assert.ok(!ruleRaises('nsenter: failed to unshare user namespace: No space left on device', 'disk-space'));
    assert.ok(!ruleRaises('[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: no space left on device', 'disk-space'));
  });
});

describe('a read-only cgroup tree', () => {
  it('names the read-only cgroup first and an unprivileged launch only as a hint', () => {
    const f = classify("mkdir: cannot create directory '/sys/fs/cgroup/init': Read-only file system");
    assert.deepEqual(f.map((x) => [x.id, x.severity]), [['cgroup-readonly', 'error'], ['not-privileged', 'info']]);
  });
});

describeQuiet('quiet where the fourth-round words are not a failure', [
  ['/dev/loop3        56M   56M     0 100% /snap/core18/2829', 'df: snap images are always full'],
  ['overlay          61255492  20239108  41016384  34% /', 'df: a root with room'],
  ['srw-rw---- 1 root docker 0 Mar 18 17:36 /var/run/docker.sock', 'ls -l of the socket'],
  ['time="2026-01-10T10:00:00Z" level=info msg="API listen on /var/run/docker.sock"', 'dockerd listening on its socket'],
  ['RTNETLINK answers: File exists', 'iproute2: the address or route is already there'],
  ['time="2026-01-10T10:00:00Z" level=info msg="Deleting nftables IPv4 rules" error="exit status 1" output="Error: Could not process rule: Operation not supported\ndelete table ip docker-bridges"', 'moby 28+ clean-up of nftables tables on an iptables daemon'],
  ['cat: /etc/nginx/conf.d: Is a directory', 'Is a directory without a mounted socket in the text'],
  ['time="2026-01-10T10:00:00Z" level=warning msg="Falling back to default propagation for bind source in daemon root"', 'moby volume/mounts notice'],
]);

describe('the upgrade hint after EPERM is not a missing module', () => {
  it('names the privilege, not the kernel', () => {
    const got = ids("Error starting daemon: Error initializing network controller: error obtaining controller instance: failed to create NAT chain: iptables failed: iptables -t nat -N DOCKER: iptables v1.6.0: can't initialize iptables table `nat': Permission denied (you must be root)\nPerhaps iptables or your kernel needs to be upgraded.");
    assert.equal(got[0], 'not-privileged');
    assert.ok(!got.includes('kernel-module-missing'), got.join(', '));
  });
});

describe('sentences wrapped onto the next line', () => {
  it('reads a daemon error that a terminal wrapped mid-sentence (moby "failed to add the host (%s) <=> sandbox (%s) pair interfaces: %v")', () => {
    const text = 'docker: Error response from daemon: failed to create endpoint web on network bridge: failed to add the host (veth1c2d) <=>\nsandbox (veth5f6a) pair interfaces: operation not supported.';
    const f = classify(text);
    assert.deepEqual([f[0].id, f[0].line], ['kernel-module-missing', 1]);
  });

  it('reads iptables\' table error cut before its reason (iptables "can\'t initialize iptables table `%s\': %s")', () => {
    const text = "iptables --wait -t nat -N DOCKER: iptables v1.8.10 (legacy): can't initialize iptables table `nat':\nTable does not exist (do you need to insmod?)";
    assert.ok(ids(text).includes('iptables-backend-mismatch'));
  });

  it('does not join a line with a new command, a new record or a prompt', () => {
    for (const text of [
      'ls -l /var/run/docker.sock\n$ echo permission denied',
      'time="2026-01-10T10:00:00Z" level=info msg="API listen on /var/run/docker.sock"\ntime="2026-01-10T10:00:01Z" level=info msg="permission denied is what users see without the group"',
      'user@host:~$ cat /var/run/docker.sock\n+ echo Permission denied',
    ]) {
      assert.deepEqual(classify(text).filter((f) => f.severity !== 'info').map((f) => f.id), [], text);
    }
  });
});

describe('a socket the user may not open, shown by ls -l and id', () => {
  const LS = 'srw-rw---- 1 root docker 0 Mar 18 17:36 /var/run/docker.sock';
  it('is a socket permission problem behind an old client\'s "Cannot connect"', () => {
    const text = `Cannot connect to the Docker daemon. Is the docker daemon running on this host?\n$ ls -l /var/run/docker.sock\n${LS}\n$ id\nuid=1000(ci) gid=1000(ci) groups=1000(ci),27(sudo)`;
    assert.equal(ids(text)[0], 'socket-permission');
  });

  it('stays quiet for root, a member of the group, or a socket open to all', () => {
    for (const [ls, id] of [
      [LS, 'uid=0(root) gid=0(root) groups=0(root)'],
      [LS, 'uid=1000(ci) gid=1000(ci) groups=1000(ci),999(docker)'],
      ['srw-rw-rw- 1 root root 0 Mar 18 17:36 /var/run/docker.sock', 'uid=1000(ci) gid=1000(ci) groups=1000(ci)'],
    ]) {
      assert.ok(!ruleRaises(`${ls}\n${id}`, 'socket-permission'), `${ls} / ${id}`);
    }
  });
});

describe('a dind image started without --privileged', () => {
  it('hints at the missing privilege behind a daemon that never answered', () => {
    const text = '$ docker run -d --name dind docker:dind\n$ docker -H tcp://localhost:2375 ps\nCannot connect to the Docker daemon at tcp://localhost:2375. Is the docker daemon running?';
    const f = classify(text);
    assert.deepEqual(f.map((x) => [x.id, x.severity]), [['daemon-unreachable', 'error'], ['not-privileged', 'info']]);
  });

  it('reads a compose file or pod spec the same way', () => {
    assert.ok(ids('services:\n  dind:\n    image: docker:27-dind\n    ports: ["2375:2375"]').includes('not-privileged'));
    assert.ok(!ruleRaises('containers:\n  - name: dind\n    image: docker:dind\n    securityContext:\n      privileged: true', 'not-privileged'));
  });

  for (const text of [
    'docker run -d --privileged --name dind docker:dind',
    'docker run -d \\\n  --privileged \\\n  docker:27-dind',
    'docker run -d --runtime=sysbox-runc docker:dind',
    'docker run -it --rm --link dind:docker docker:cli sh',
  ]) {
    it(`says nothing for ${JSON.stringify(text)}`, () => assert.ok(!ruleRaises(text, 'not-privileged')));
  }
});
