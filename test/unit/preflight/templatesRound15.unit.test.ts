// Per-template tests for round 15 (session 16): templates fresh19's misses pointed to after its third look, each read
// in the source of the program that prints it. Each row is built from the format strings named in it, with made-up
// ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { normalizeLine } from '../../../src/engine/preflight/normalize';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // dood-volume-path: Docker for Windows' older refusal of a bind source, and a mode that is a path (a hint).
  [
    'dood-volume-path',
    'docker: Error response from daemon: Mount denied:\nThe source path "C:/Users/dev/.app/data"\ndoesn\'t exist and is not known to Docker.',
    'Docker for Windows "Mount denied:\\nThe source path %q\\ndoesn\'t exist and is not known to Docker."',
  ],
  ['dood-volume-path', 'time="2019-03-30T15:50:19Z" level=error msg="Could not create container" error="API error (500): invalid mode: /tmp/work"', 'volume/mounts "invalid mode: %v" with a path'],
  // daemon-unreachable: a DOCKER_HOST the client cannot parse, an HTTP/2 server on the socket, a unit that is down.
  ['daemon-unreachable', 'ERROR: failed to initialize docker client: unable to parse docker host `/run/user/1000/docker.sock`', 'docker/client "unable to parse docker host `%s`"'],
  [
    'daemon-unreachable',
    'Error retrieving docker server info: Get http://unix.sock/info: malformed HTTP response "\\x00\\x00\\x00\\x04\\x00\\x00\\x00\\x00\\x00"',
    'net/http "malformed HTTP response %q" with an HTTP/2 SETTINGS frame',
  ],
  [
    'daemon-unreachable',
    '● docker.socket - Docker Socket for the API\n   Loaded: loaded (/lib/systemd/system/docker.socket; enabled)\n   Active: inactive (dead)\n\n● docker.service - Docker Application Container Engine\n   Loaded: loaded (/lib/systemd/system/docker.service; enabled)\n   Active: failed (Result: exit-code) since Fri 2026-12-04 10:00:00 UTC',
    'systemctl status of the engine\'s units, none active',
  ],
  // socket-permission: a tool's own check of the socket.
  ['socket-permission', 'Docker socket is not readable by the www-data user. Cannot continue.', 'a launcher\'s "Docker socket is not readable by the %s user"'],
  ['socket-permission', 'level=error msg="cannot watch events" socket=/var/run/docker.sock err="access denied"', 'any program naming the socket and its refusal (a hint)'],
  // data-root-corrupt: the filesystem under the data root reporting damaged metadata.
  ['data-root-corrupt', 'Error response from daemon: mkdir /var/lib/docker/overlay2/0a1b2c/merged: structure needs cleaning', 'ext4/xfs EUCLEAN on a path of the data root'],
  // Read from fresh20's misses after its first look.
  ['init-script-ulimit', '/etc/init.d/docker: 第 76 行：ulimit: open files：无法修改 limit 值: 不允许的操作', 'bash\'s zh_CN "第 %d 行：" and "无法修改 limit 值"'],
  ['storage-driver-unsupported', 'failed to start daemon: configured driver "zfs" not available: unavailable', 'daemon "configured driver %q not available: %w"'],
  ['data-root-corrupt', 'Error response from daemon: readlink /srv/docker-data/overlay2/l: invalid argument', 'os.Readlink EINVAL on overlay2/l under any data root'],
  ['data-root-corrupt', '[ 12.5] EXT4-fs error (device vda2): ext4_lookup:1583: inode #3670031: comm dockerd: deleted inode referenced: 3670053', 'ext4 "EXT4-fs error (device %s): …: comm %s: …" from the daemon'],
  ['data-root-corrupt', 'XFS (dm-0): Metadata corruption detected at xfs_dir3_block_read_verify+0x9e/0xc0', 'xfs "Metadata corruption detected at %pS"'],
  ['socket-permission', 'docker: unknown server OS: .\nSee \'docker run --help\'.', 'docker/cli "unknown server OS: %s" with nothing learnt from the ping'],
  ['daemon-unreachable', 'FTL github.com/portainer/portainer/api/cmd/portainer/main.go:66 > failed validating flags | error="Unable to locate Unix socket or named pipe"', 'Portainer\'s flag check'],
  ['daemon-unreachable', 'FATA[0000] rootless containerd not running? (hint: use `containerd-rootless-setuptool.sh install` to start rootless containerd): stat /run/user/1000/containerd-rootless: no such file or directory', 'nerdctl "rootless containerd not running? (hint: …)"'],
  ['daemon-unreachable', 'ERROR source{component_kind="source"}: vector::sources::docker_logs: Listing currently running containers failed. error=error trying to connect: No such file or directory (os error 2)', 'hyper\'s connector with ENOENT on a unix socket'],
  ['daemon-unreachable', '[10:35:12] FATAL: PROTECTION MODE IS ENABLED!', 'a Home Assistant add-on kept from the socket'],
  ['kernel-module-missing', "iptables v1.8.9 (legacy): can't initialize iptables table `raw': Table does not exist (do you need to insmod?)", 'the raw table alone missing (Docker 28+)'],
  ['kernel-module-missing', 'docker: Error response from daemon: OCI runtime create failed: open /dev/vhost-vsock: no such device: unknown.', 'Kata opening /dev/vhost-vsock without vhost_vsock'],
  ['overlay-on-overlay', 'failed to register layer: operation not supported', 'layer extraction refused with EOPNOTSUPP (a hint)'],
  // Read from the tuning split's texts that only the fallback model named (rules alone missed them).
  ['data-root-corrupt', 'readlink /var/lib/docker/overlay2/l/QNYES6I5622PRZBU7TXSXLHG4X: no such file or directory', 'overlay2 readlink of a short link that is gone'],
  ['data-root-corrupt', 'failed to register layer: error creating overlay mount to /var/lib/docker/overlay2/7fa6/merged: too many levels of symbolic links', 'overlay mount with ELOOP'],
  ['data-root-corrupt', 'failed to start daemon: mkdir /var/lib/docker/runtimes: not a directory', 'ENOTDIR under the data root'],
  ['data-root-corrupt', 'docker: Error response from daemon: lstat /var/lib/docker/overlay2/...: no such file or directory', 'lstat of a layer with the id shortened by the user'],
  ['memory-limit', "The command '/bin/sh -c make' returned a non-zero code: 137", 'the builder "returned a non-zero code: %d" with SIGKILL\'s 137 (a hint)'],
  ['memory-limit', '/usr/local/go/pkg/tool/linux_amd64/link: signal: killed', 'Go\'s "signal: killed" (a hint)'],
  ['selinux-denied', '$ getenforce\nEnforcing\n$ docker run --rm -v /srv/data:/data alpine touch /data/x\ntouch: /data/x: Permission denied', 'EACCES beside SELinux in enforcing mode'],
  ['socket-permission', 'Root cause IOException (native connect() failed : Permission denied)', 'Netty epoll "native connect() failed : %s"'],
  ['socket-permission', 'nc: unix connect failed: Permission denied', 'netcat/socat on the socket'],
  ['daemon-unreachable', 'ERROR: Failed to create container volume for /cache Get http://unix.sock/v1.18/version: dial unix /var/run/docker.sock: no such file or directory', 'Go ≤1.4 "dial unix %s: %v" without "connect:"'],
  ['daemon-unreachable', 'Cannot connect to the balena daemon at unix:///var/run/balena.sock. Is the balena daemon running?', 'balenaEngine\'s CLI'],
  ['daemon-unreachable', 'ERROR: Windows named pipe error: The system cannot find the file specified. (code: 2)', 'docker-py on Windows with no engine pipe'],
  ['daemon-unreachable', 'docker.errors.DockerException: Bind address needs a port: /var/run/dind/docker.sock', 'docker-py parse_host without unix://'],
  ['daemon-unreachable', 'panic: Get http://unix.sock/images/json?: dial tcp: lookup unix.sock: no such host', 'go-dockerclient dialling a unix endpoint as a host'],
  ['daemon-unreachable', '$ curl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/json\ncurl: (7) Couldn\'t connect to server', 'curl on the socket with no one there'],
  ['kernel-module-missing', 'failed to add the host (vethd720                          1fb) <=> sandbox (veth710b0cb) pair interfaces: operation not supported', 'libnetwork\'s veth line broken inside a name'],
  ['kernel-module-missing', 'docker: Error response from daemon: failed to create the macvlan port: operation not supported.', 'libnetwork "failed to create the %s port: %v"'],
  ['kernel-module-missing', 'failed to register "bridge" driver: creating ipset docker-ext-bridges-v4: invalid argument (kernel modules ip_set, ip_set_hash_net and netfilter_xt_set are required)', 'Docker 28 naming the modules its ipset needs'],
  ['storage-driver-unsupported', '[error] attach_loopback.go:39 There are no more loopback device available.', 'devicemapper with no free loop device'],
  ['storage-driver-unsupported', 'Error starting daemon: error while opening volume store metadata database: invalid argument', 'bolt\'s mmap refused by a shared folder'],
  ['storage-driver-unsupported', 'error building image: deleting file system after stage 0: unlinkat //bin: directory not empty', 'os.RemoveAll "unlinkat %s: directory not empty" (a hint)'],
  ['not-privileged', '/dev/mapper/control: open failed: Operation not permitted', 'device-mapper\'s control node refused'],
  ['not-privileged', 'containerd: write /proc/17/oom_score_adj: permission denied', 'containerd 0.2 stopping on the OOM score'],
  ['not-privileged', 'pods "runner-0" is forbidden: Privileged=true is not supported', 'an admission refusing privileged pods'],
  ['cgroup-v2-nesting', '+ echo +cpu > /sys/fs/cgroup/cgroup.subtree_control\nsh: write error: Resource busy', 'EBUSY on subtree_control of a cgroup that holds processes'],
  ['cgroup-not-mounted', 'runc create failed: unable to start container process: unable to apply cgroup configuration: openat2 /sys/fs/cgroup/cpuset/docker/cpuset.cpus: no such file or directory: unknown.', 'no cpuset hierarchy where runc looks'],
  ['apparmor-denied', 'runc create failed: unable to start container process: error during container init: error jailing process inside rootfs: pivot_root .: permission denied: unknown.', 'runc pivot_root with EACCES'],
  ['apparmor-denied', 'permission denied: open sysctl net.ipv4.ip_unprivileged_port_start file', 'runc\'s sysctl reopen quoted in another order'],
  ['iptables-failure', 'iptables failed - No chain/target/match by that name', 'Docker 1.x "iptables failed" with iptables\' missing chain'],
  ['iptables-failure', 'failed to start daemon: Error initializing network controller: error obtaining controller instance: unable to add return rule in DOCKER-ISOLATION-STAGE-1 chain: ', 'libnetwork "unable to add return rule in %s chain: %v"'],
  ['rootless-prerequisites', '[ERROR] Needs systemd (systemctl --user)', 'the rootless setup tool without a user manager'],
  ['data-root-corrupt', "failed to register layer:open /var/lib/docker/aufs/layers/<layer>: no such file or directory", 'aufs layer list gone, its id shortened'],
  ['caps-unavailable', 'runc create failed: unable to start container process: can\'t get final child\'s PID from pipe: EOF: unknown', 'runc nsexec "can\'t get final child\'s PID from pipe: EOF"'],
  ['disk-space', 'failed to start daemon: Unable to get the TempDir under /var/lib/docker: mkdir /var/lib/docker/tmp: no space left on devic', 'ENOSPC in a journal line cut at its width'],
  ['var-lib-docker-shared', 'FATA[0001] Error starting daemon: timeout`', 'the bolt lock timeout quoted in backticks'],
  ['stale-pidfile', 'failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID xxx is still running', 'the pid file message with the pid left out'],
];

describeTemplates('round 15 message templates', TEMPLATES);

describe('round 15: a level in brackets is the logger\'s level', () => {
  it('reads klog\'s letter', () => {
    const [msg] = normalizeLine('E0116 10:44:02.579347       1 kubelet.go:1234] failed to run Kubelet');
    assert.deepEqual(msg, { text: 'failed to run Kubelet', level: 'error' });
  });
  it('reads "[INFO] …" after a Go time.Time', () => {
    const [msg] = normalizeLine('2017-08-27 00:18:07.532759667 +0000 UTC [INFO] Can\'t connect to unix:///var/run/docker.sock');
    assert.deepEqual(msg, { text: 'Can\'t connect to unix:///var/run/docker.sock', level: 'info' });
  });
  it('keeps a connect failure logged at error level an error', () => {
    const got = classify('[ERROR] An error occurred trying to connect: Get http:///var/run/docker.sock/v1.24/info: dial unix /var/run/docker.sock: connect: no such file or directory');
    assert.equal(got.find((f) => f.id === 'daemon-unreachable')?.severity, 'error');
  });
});

describeQuiet('round 15 lines that are not these failures', [
  ['time="2026-12-04T10:00:00Z" level=warning msg="failed to write oom_score_adj" error="write /proc/1/oom_score_adj: permission denied"', 'a rootless daemon\'s warning about its OOM score'],
  [
    'cadvisor-1  | I0116 10:44:02.590241       1 factory.go:220] Registration of the podman container factory failed: Get "http://d/v1.0.0/info": dial unix /var/run/podman/podman.sock: connect: no such file or directory',
    'cAdvisor probing a runtime that is not installed, logged at info (klog)',
  ],
  ['$ docker stop web\nweb\n$ docker ps -a\nabc   nginx   Exited (137) 2 seconds ago', 'a container `docker stop` ended: a hint at most'],
  ['/dev/loop0      443M  443M     0 100% /mnt/wsl/docker-desktop/cli-tools', 'Docker Desktop\'s cli-tools image in WSL, always full'],
  ['        ✔︎ Docker environment should have more than 2GB free disk space', 'Testcontainers\' passed check'],
  ['        ? Docker environment should have more than 2GB free disk space', 'the same passed check where the log lost its glyph'],
  [
    '2023/07/12 10:53AM WRN github.com/portainer/portainer/api/platform/platform.go:68 > failed to retrieve docker info | error="Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"',
    'a program logging at warning level that it goes on without a daemon (zerolog with a short clock)',
  ],
  ['[   10.1] EXT4-fs error (device sdb1): ext4_find_entry:1455: inode #2: comm updatedb: reading directory lblock 0', 'ext4 damage a program other than the engine met: a hint at most'],
  ['write /sys/fs/cgroup/docker/cgroup.subtree_control: structure needs cleaning', 'cgroup v2\'s EUCLEAN: not a damaged filesystem'],
  [
    '2017-08-27 00:18:07.532759667 +0000 UTC [INFO] Can\'t connect to unix:///var/run/docker.sock due to (An error occurred trying to connect: context deadline exceeded), skipping discovery',
    'a plugin logging at info that the daemon is not up yet, and going on',
  ],
  ['WARN[0000] Process sandbox is not available, consider unmasking procfs: mount: permission denied (are you root?)', 'BuildKit going on without its process sandbox'],
  ['docker: Error response from daemon: invalid mode: /test.', 'a -v argument quoted wrongly: a hint at most'],
  [
    '● docker.socket - Docker Socket for the API\n   Active: inactive (dead)\n● docker.service - Docker Application Container Engine\n   Active: active (running) since Fri 2026-12-04 10:00:00 UTC',
    'a socket unit waiting beside a running service',
  ],
  [
    '$ ps -o args= -C dockerd\n/usr/bin/dockerd --selinux-enabled\n$ touch /srv/data/x\ntouch: cannot touch \'/srv/data/x\': Permission denied',
    'EACCES beside a daemon that labels containers, SELinux\'s mode not shown: a hint at most',
  ],
  [
    'time="2026-12-04T10:00:00Z" level=warning msg="ipset docker-ext-bridges-v6 not created, IPv6 filtering is off" error="creating ipset: invalid argument (kernel modules ip_set, ip_set_hash_net and netfilter_xt_set are required)"',
    'a module clause in a line logged as a warning the program went on past',
  ],
]);
