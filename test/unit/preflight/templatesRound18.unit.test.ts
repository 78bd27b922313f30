// Per-template tests for round 18 (session 19): templates that fresh23's and fresh24's unread halves pointed to after
// their last look, each read in the source of the program that prints it. Each row is built from the format strings
// named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  ['dood-volume-path', 'C:\\Program Files\\Docker\\Docker\\Resources\\bin\\docker.exe: Error response from daemon: Z: drive is not shared. Please share it in Docker for Windows Settings.', 'Docker for Windows "%s drive is not shared. Please share it in Docker for Windows Settings"'],
  ['dood-volume-path', 'Error response from daemon: make cli opts(): making volume mountpoint for volume /srv/app/data: mkdir /srv: operation not permitted', 'Podman\'s API "making volume mountpoint for volume %s: %w" on a machine VM\'s immutable root'],
  ['dood-volume-path', 'Error: statfs /Users/dev/.local/share/containers/podman/machine/podman-machine-default/podman.sock: operation not supported', 'Podman given a Mac-side path by statfs (/Users)'],
  ['dood-volume-path', 'Error: statfs /private/var/folders/0f/abc/T/podman/podman-machine-default-api.sock: no such file or directory', 'the same under the Mac\'s /private/var/folders'],
  ['daemon-unreachable', 'System.Net.Internals.SocketExceptionFactory+ExtendedSocketException : Cannot assign requested address (/var/run/docker.sock)', '.NET\'s socket exception naming the Unix socket'],
  ['daemon-unreachable', 'System.Net.Sockets.SocketException : Connection refused (/tcp://localhost:2375)', 'the same naming the TCP endpoint'],
  ['socket-permission', 'I/O exception (java.io.IOException) caught when processing request to {}->unix://localhost:80: Permission denied', 'Apache HttpClient under a Java Docker client dialling the socket'],
  ['daemon-unreachable', 'Nov 07 16:01:19 host systemd[1]: Failed to listen on Podman API Socket.', 'systemd "Failed to listen on %s." of podman.socket'],
  ['daemon-unreachable', 'Jan 01 10:00:00 host systemd[1]: Failed to listen on Docker Socket for the API.', 'the same of docker.socket'],
  ['daemon-unreachable', '{\n  "code": "ENOENT",\n  "errno": "ENOENT",\n  "syscall": "connect",\n  "address": "/var/run/docker.sock"\n}', 'Node\'s connect error printed as JSON over several lines'],
  ['daemon-unreachable', "Error: connect ECONNREFUSED\n    at PipeConnectWrap.afterConnect [as oncomplete] (net.js:1141:16) {\n  errno: 'ECONNREFUSED',\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '/var/run/docker.sock'\n}", 'the same inspected by util.inspect'],
  ['socket-permission', "{\n  code: 'EACCES',\n  syscall: 'connect',\n  address: '/var/run/docker.sock'\n}", 'the same refused with EACCES'],
  ['kernel-module-missing', 'level=error msg="enabling default vlan on bridge br0 failed open /sys/class/net/br0/bridge/default_pvid: permission denied"', 'libnetwork "enabling default vlan on bridge %s failed %v" (no CONFIG_BRIDGE_VLAN_FILTERING)'],
  ['iptables-backend-mismatch', 'Error: COMMAND_FAILED: UNKNOWN_ERROR: nonexistent or underflow of priority count', 'firewalld\'s iptables backend losing its rules to another backend'],
  ['disk-space', 'kernel: device-mapper: thin: 253:0: unable to service pool target messages in READ_ONLY or FAIL mode', 'dm-thin "unable to service pool target messages in READ_ONLY or FAIL mode"'],
  ['disk-space', 'Filesystem     1K-blocks     Used Available Use% Mounted on\noverlay         32847680 30170180    983400  97% /', 'a df row of the root at 97 % (a hint)'],
  ['disk-space', '/dev/loop4      32847680 30170180    983400  97% /workspaces', 'the same of a dev container\'s workspace'],
  ['apparmor-denied', 'failed to register layer: symlink libEGL_mesa.so.0.0.0 /usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0: permission denied', 'moby "failed to register layer: %w" with a symlink refused EACCES (a hint)'],
  // Read from fresh25r's misses after its first look.
  ['socket-permission', 'WARN[2017-12-18T10:45:26.803102016+01:00] could not change group /var/run/docker.sock to  docker: group docker not found', 'moby "could not change group %s to %s: %v" with the group\'s name padded (a hint)'],
  ['aufs-module-missing', 'level=fatal msg="Error starting daemon: error initializing graphdriver: driver not supported"', 'Docker ≤17.03 "Error starting daemon: %v" over graphdriver.ErrNotSupported, the driver unnamed (a hint)'],
  ['storage-driver-unsupported', 'level=fatal msg="Error starting daemon: error initializing graphdriver: driver not supported"', 'the same, the storage driver finding first'],
  ['daemon-unreachable', 'Error connecting: Error while fetching server API version:\n(\'Connection aborted.\', FileNotFoundError(2, \'No such file or directory\'))', 'docker-py "Error while fetching server API version: %s" with its cause on the next line'],
  ['dood-volume-path', '4hf9xpn0n6lg: mkdir /var/lib/docker: read-only file system', 'a swarm task binding /var/lib/docker where the daemon keeps its data elsewhere (a hint)'],
  [
    'dood-volume-path',
    'INFO:localstack.services.awslambda.lambda_executors: Running lambda cmd: docker run -i  -v "/tmp/localstack/zipfile.c9303c10":/var/task -e _HANDLER="$_HANDLER" lambci/lambda:nodejs12.x\n{"errorType":"Runtime.HandlerNotFound","errorMessage":"index.handler is undefined or not exported"}',
    'LocalStack\'s Lambda executor binding its own /tmp through the socket, the function\'s code then missing',
  ],
  ['stale-pidfile', '2016/07/05 15:41:34 Found pid file, make sure that dockercloud-agent is not running or remove /var/run/dockercloud-agent.pid', 'dockercloud-agent "Found pid file, make sure that %s is not running or remove %s"'],
  // Read from fresh26r's misses after its first look.
  ['rootless-prerequisites', 'cannot clone: Invalid argument\nuser namespaces are not enabled in /proc/sys/user/max_user_namespaces', 'Podman/Buildah pkg/unshare "user namespaces are not enabled in %s"'],
  ['apparmor-denied', 'Error: failed to reexec: Permission denied', 'Podman "failed to reexec: %v" with EACCES (Ubuntu 24.04\'s user-namespace restriction; a hint)'],
  ['apparmor-denied', '2024/01/30 14:20:00 [alert] 198#198: kill(18, 1) failed (13: Permission denied)', 'nginx "kill(%P, %d) failed" with EACCES: a signal refused by an LSM'],
  ['iptables-backend-mismatch', "iptables v1.8.10 (legacy): can't initialize iptables table `nat': Table does not exist (do you need to insmod?)", 'the legacy backend on a kernel with nf_tables only (a hint)'],
  ['cgroupns-host', "cat: can't open '/sys/fs/cgroup/cgroup.type': No such file or directory\ninvalid root cgroup type: ", 'buildkit\'s entrypoint finding no cgroup.type: only the true v2 root lacks it (a hint)'],
  // Read from fresh27r's misses after its first look.
  ['memory-limit', 'ERRO[0000] exec failed: container_linux.go:367: starting container process caused: read init-p: connection reset by peer', 'runc "read init-p: %w" with ECONNRESET: the init killed first, by the OOM killer as runc says (a hint)'],
  [
    'daemon-unreachable',
    "$ sudo curl -s -o /dev/null -w '%{http_code} in %{time_total}s' --max-time 10 --unix-socket /run/podman/podman.sock http://d/_ping; echo \" (exit $?)\"\n000 in 10.002253s (exit 28)",
    'curl\'s ping of the socket timing out (000, exit 28)',
  ],
];

describeTemplates('round 18 message templates', TEMPLATES);

describe('round 18: severity from the whole text', () => {
  it('reads an OOM kill of a workload in its own memory cgroup as a hint', () => {
    const text = '[ 1.0] java invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=-998\n[ 1.0]  [<ffffffff811d3a85>] mem_cgroup_oom_synchronize+0x555/0x580';
    assert.equal(classify(text).find((f) => f.id === 'memory-limit')?.severity, 'info');
  });
  it('keeps an OOM kill of the engine in a memory cgroup a warning', () => {
    const text = 'kernel: docker invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=-900\nkernel: Task in /system.slice/docker.service killed as a result of limit of /system.slice/docker.service';
    assert.equal(classify(text).find((f) => f.id === 'memory-limit')?.severity, 'warning');
  });
  it('keeps an OOM kill of the whole machine a warning', () => {
    const text = '[ 1421.45] curl invoked oom-killer: gfp_mask=0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD), nodemask=0, order=0\n[ 1421.46] Out of memory: Kill process 812 (qemu) score 900 or sacrifice child';
    assert.equal(classify(text).find((f) => f.id === 'memory-limit')?.severity, 'warning');
  });
  it('reads a scanner\'s own temporary copy filling its disk as a hint', () => {
    const got = classify('FATAL\tFatal error\timage scan error: unable to open: failed to copy the image: write /tmp/fanal-4011662631/layer: no space left on device');
    assert.equal(got.find((f) => f.id === 'disk-space')?.severity, 'info');
  });
  it('keeps the daemon\'s own data root full an error', () => {
    const got = classify('write /var/lib/docker/tmp/GetImageBlob123: no space left on device');
    assert.equal(got.find((f) => f.id === 'disk-space')?.severity, 'error');
  });
  it('reads a git clone out of room as a full disk, not a user namespace', () => {
    const got = classify('git clone error: write /tmp/fanal-remote183400706/libs/a.json: no space left on device');
    assert.ok(!got.some((f) => f.id === 'rootless-prerequisites'), JSON.stringify(got));
  });
  it('keeps clone(2) out of user namespaces a rootless prerequisite', () => {
    assert.ok(classify('clone: no space left on device').some((f) => f.id === 'rootless-prerequisites'));
  });
  it('reads a loop-lvm pool whose backing disk is getting small, the pool mostly empty, as a hint', () => {
    const text = 'Storage Driver: devicemapper\n Data Space Used: 1.202 GB\n Data Space Total: 107.4 GB\n Data Space Available: 4.506 GB';
    assert.equal(classify(text).find((f) => f.id === 'disk-space')?.severity, 'info');
  });
  it('keeps a pool with under 1 GB available a warning', () => {
    const text = 'Storage Driver: devicemapper\n Data Space Used: 2.101 GB\n Data Space Total: 107.4 GB\n Data Space Available: 586.7 MB';
    assert.equal(classify(text).find((f) => f.id === 'disk-space')?.severity, 'warning');
  });
  it('reads Docker\'s refusal to relabel a system path as a hint', () => {
    const got = classify('docker: Error response from daemon: SELinux relabeling of /proc is not allowed: operation not supported.');
    assert.equal(got.find((f) => f.id === 'selinux-denied')?.severity, 'info');
  });
  it('reads a v2 cgroup file at a container\'s place, without the command that read it, as a hint', () => {
    assert.equal(classify('0::/system.slice/docker-0123456789abcdef0123.scope').find((f) => f.id === 'cgroupns-host')?.severity, 'info');
  });
  it('reads no namespace into a v1 file at a container\'s place', () => {
    assert.ok(!classify('12:memory:/docker/0123456789abcdef\n0::/docker/0123456789abcdef').some((f) => f.id === 'cgroupns-host'));
  });
  it('keeps RootlessKit\'s /dev/net/tun refused an error', () => {
    const got = classify('[rootlesskit:child ] error: slirp4netns: open /dev/net/tun: no such file or directory');
    assert.equal(got.find((f) => f.id === 'rootless-prerequisites')?.severity, 'error');
  });
  it('reads a dind container killed and started again, then unreachable, as a hint of the pid file it kept', () => {
    const text = 'After `docker kill` + `docker start` of the runner-dind container:\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
    assert.equal(classify(text).find((f) => f.id === 'stale-pidfile')?.severity, 'info');
  });
  it('reads no pid file into a restart without a nested daemon', () => {
    const text = '$ docker restart web\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
    assert.ok(!classify(text).some((f) => f.id === 'stale-pidfile'));
  });
  // What a review of the round's rules found.
  it('judges each devicemapper pool on its own: a nearly full metadata pool stays a warning beside a roomy data pool', () => {
    const text = 'Storage Driver: devicemapper\n Data Space Used: 1.202 GB\n Data Space Total: 107.4 GB\n Data Space Available: 4.506 GB\n Metadata Space Used: 2.1 GB\n Metadata Space Total: 2.147 GB\n Metadata Space Available: 47 MB';
    assert.equal(classify(text).find((f) => f.id === 'disk-space')?.severity, 'warning');
  });
  it('keeps a machine out of memory a warning beside a later memory-cgroup kill', () => {
    const text = 'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=node,pid=1,uid=0\nOut of memory: Killed process 1 (node) total-vm:1kB\nMemory cgroup out of memory: Killed process 7 (java) total-vm:1kB';
    assert.equal(classify(text).find((f) => f.id === 'memory-limit')?.severity, 'warning');
  });
  it('keeps a level\'s own limit, hit by a container nested in it, a warning', () => {
    const text = 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/docker/0123456789ab,task_memcg=/docker/0123456789ab/docker/fedcba987654,task=java,pid=7,uid=0\nMemory cgroup out of memory: Killed process 7 (java)';
    assert.equal(classify(text).find((f) => f.id === 'memory-limit')?.severity, 'warning');
  });
  it('reads systemd 252+\'s unit-named wording of the API socket failing', () => {
    const got = classify('Jan 01 10:00:00 host systemd[1]: Failed to listen on docker.socket - Docker Socket for the API.');
    assert.equal(got.find((f) => f.id === 'daemon-unreachable')?.severity, 'warning');
  });
  it('reads no unreachable daemon where the socket unit refused because the service already runs', () => {
    const got = classify('systemd[1]: docker.socket: Socket service docker.service already active, refusing.\nsystemd[1]: Failed to listen on Docker Socket for the API.');
    assert.ok(!got.some((f) => f.id === 'daemon-unreachable'), JSON.stringify(got));
  });
  it('reads .NET\'s socket exception without brackets round the endpoint', () => {
    assert.ok(classify('ExtendedSocketException : Cannot assign requested address /var/run/docker.sock').some((f) => f.id === 'daemon-unreachable'));
  });
  it('reads a repository clone out of room as a full disk, not a user namespace', () => {
    for (const text of ["unable to clone 'https://github.com/org/repo': write /tmp/x: no space left on device", 'failed to clone repository: write /tmp/r/a: no space left on device']) {
      const got = classify(text);
      assert.ok(!got.some((f) => f.id === 'rootless-prerequisites') && got.some((f) => f.id === 'disk-space'), text);
    }
  });
  it('keeps runc\'s unshare out of namespaces a rootless prerequisite', () => {
    assert.ok(classify('nsexec[1234]: failed to unshare remaining namespaces: no space left on device').some((f) => f.id === 'rootless-prerequisites'));
  });
  it('reads a scanner\'s temporary copy on Windows as a hint', () => {
    const got = classify('write C:\\Users\\u\\AppData\\Local\\Temp\\fanal-123\\layer: no space left on device');
    assert.equal(got.find((f) => f.id === 'disk-space')?.severity, 'info');
  });
  it('reads Node\'s socket error printed under a compose prefix, and the connect after an unrelated address', () => {
    const text = "cfg   | { address: '/var/run/docker.sock' }\nsome other line\n\n\n\n\n\n\n\napp_1  | {\napp_1  |   code: 'ECONNREFUSED',\napp_1  |   syscall: 'connect',\napp_1  |   address: '/var/run/docker.sock'\napp_1  | }";
    assert.ok(classify(text).some((f) => f.id === 'daemon-unreachable'), JSON.stringify(classify(text)));
  });
  it('reads the API version\'s real cause after a cut line whose cause was the client\'s bug', () => {
    const text = "Error while fetching server API version:\nrequest() got an unexpected keyword argument 'chunked'\nError while fetching server API version:\n('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))";
    assert.equal(classify(text).find((f) => f.id === 'daemon-unreachable')?.severity, 'error');
  });
  it('reads crun\'s refused read of its shared empty directory as a hint', () => {
    const got = classify('avc: denied { read } for name=".empty-directory" scontext=container_t:s0:c1,c2 tcontext=container_var_run_t:s0');
    assert.equal(got.find((f) => f.id === 'selinux-denied')?.severity, 'info');
  });
});

describeQuiet('round 18 lines that are not these failures', [
  ['Error response from daemon: unable to create manifests file: NotFound: content digest sha256:08001109a7d679fe33b04fa51d681bd40b975d8f5cea8c3ef6c0eccb6a7338ce: not found', '`docker save` of an image pulled for one platform under the containerd store (a hint at most)'],
  ['Error: statfs /Users/alice/code/app/node_modules: no such file or directory', 'a tool\'s statfs of a Mac user\'s folder, no Podman or socket'],
  [
    'INFO: Running lambda cmd: docker run -i -v "/tmp/localstack/zipfile.c9303c10":/var/task lambci/lambda:nodejs12.x\n{"errorType":"Runtime.HandlerNotFound","errorMessage":"index.hander is undefined or not exported"}',
    'LocalStack\'s Lambda bind beside a handler\'s own typo (a hint at most)',
  ],
  ['2024/01/30 14:20:00 [alert] 198#198: kill(18, 1) failed (3: No such process)', 'nginx signalling a worker that is gone'],
  ['Error connecting: Error while fetching server API version:\nrequest() got an unexpected keyword argument \'chunked\'', 'docker-py\'s own bug under a newer requests, its cause on the next line'],
  ['gluetun | ERROR creating tun device: unix opening TUN device file: operation not permitted\nINFO TUN device is not available: open /dev/net/tun: no such file or directory; creating it...', 'a VPN program in a container opening /dev/net/tun for itself (a hint at most)'],
  ['time="2016-12-12T14:00:37Z" level=info msg="Lambda result: {\\"errorType\\":\\"Runtime.HandlerNotFound\\"}"', 'a Lambda error without LocalStack\'s bind of its own /tmp'],
  ['Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        50G   47G  2.9G  95% /home', 'a home partition at 95 %'],
  ['overlay         32847680 20170180  12683500  62% /', 'a root with room left'],
  ['{\n  "code": "ENOENT",\n  "syscall": "open",\n  "path": "/var/run/docker.sock"\n}', 'Node\'s open (not connect) of the socket'],
  ['{\n  "code": "ENOENT",\n  "syscall": "connect",\n  "address": "/tmp/app.sock"\n}', 'Node dialling another program\'s socket'],
  ['Jan 01 10:00:00 host systemd[1]: Listening on Docker Socket for the API.', 'docker.socket listening'],
  ['symlink /usr/lib/libfoo.so: permission denied', 'a symlink refused outside a layer\'s unpacking'],
]);
