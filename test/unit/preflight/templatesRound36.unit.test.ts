// Per-template tests for round 36 (session 36): wordings the seventy-first and seventy-second blind batches' unread
// halves (fresh70, fresh71, fresh72) and the seventy-fifth to seventy-seventh's unread halves (fresh74, fresh75, fresh76), read after their last
// scorings, and the seventy-fifth to seventy-eighth's read
// halves (fresh74r to fresh77r) pointed to. Each row is built from the format strings
// named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['iptables-backend-mismatch', "app-1  | iptables v1.8.10 (legacy): can't initialize iptables table 'nat': Table does not exist (do you need to insmod?)", 'iptables 1.8.10 "can\'t initialize iptables table \'%s\': %s" with plain quotes'],
  ['not-privileged', "iptables v1.8.10 (legacy): can't initialize iptables table 'filter': Permission denied (you must be root)", 'the same refusal with EACCES, plain quotes'],
  ['cgroup-v2-nesting', '$ cat /sys/fs/cgroup/cgroup.type\ndomain threaded', 'cgroup.type read back as a threaded root'],
  ['cgroup-v2-nesting', 'domain invalid', 'cgroup.type read back as invalid'],
  ['kernel-module-missing', 'Error: /usr/bin/slirp4netns failed: "open(\\"/dev/net/tun\\"): No such file or directory\\nchild failed(1)\\n"', 'slirp4netns perror "open(\\"/dev/net/tun\\")" with ENOENT (a hint beside rootless)'],
  ['overlay-on-overlay', 'STEP 2: RUN whoami\nprocess exited with error: fork/exec /bin/sh: no such file or directory', 'Buildah "process exited with error: fork/exec %s: %v" for the image\'s shell (a hint)'],
  ['cgroup-v2-nesting', "[W][2026-01-02T10:00:00+0000][77] bool cgroup::createCgroup(const string&, pid_t)():43 mkdir('/sys/fs/cgroup/memory/jail/NSJAIL.78', 0700) failed: No such file or directory", 'nsjail cgroup.cc "mkdir(\'%s\', 0700) failed" under a v1 path (a hint)'],
  ['cgroup-v2-nesting', 'mount: /sys/fs/cgroup/memory: memory already mounted or mount point busy.', 'util-linux "%s already mounted or mount point busy" for a v1 controller (a hint)'],
  ['daemon-unreachable', 'ERROR: cwltool cannot work inside a container without access to docker\nLaunch the container with the option -v /var/run/docker.sock:/var/run/docker.sock', 'cwltool image "cannot work inside a container without access to docker"'],
  ['apparmor-denied', "DBusError: An AppArmor policy prevents this sender from sending this message to this recipient; type=\"method_call\"", 'dbus-daemon "An AppArmor policy prevents this sender from sending this message to this recipient" (a hint)'],
  ['selinux-denied', 'Failed to connect to the bus: An SELinux policy prevents this sender from sending this message to this recipient', 'dbus-daemon\'s SELinux wording of the same (a hint)'],
  ['caps-unavailable', 'ERROR  : Requesting capability set 0x00000000082440c0 while permitted capability set is 0x00000000a82c25fb', 'Singularity starter "Requesting capability set 0x%x while permitted capability set is 0x%x"'],
  ['caps-unavailable', 'ERROR   [U=0,P=32]         init()                        Failed to enter in shared mount namespace: Permission denied', 'Singularity starter "Failed to enter in shared mount namespace: %s" with EACCES (a hint)'],
  ['socket-permission', 'Additional permission of Zabbix Agent are not detected - only basic docker metrics are available', 'Zabbix docker module "Additional permission of Zabbix Agent are not detected"'],
  ['cgroup-not-mounted', "      - instance #0 [ERROR]: 'Cannot find Docker cgroup directory. Be sure your system is supported.'", 'Datadog docker_daemon check "Cannot find Docker cgroup directory. Be sure your system is supported." (a hint)'],
  ['dood-volume-path', "Error response from daemon: Container command '/export/jobs/000/2/tool_script.sh' not found or does not exist.", 'Docker 1.x "Container command \'%s\' not found or does not exist." for a script (a hint)'],
  ['dood-port-conflict', '2026/08/28 06:37:16 [emerg] 2083#2083: bind() to 0.0.0.0:8099 failed (98: Address in use)', 'nginx "bind() to %s failed (%d: %s)" with musl\'s EADDRINUSE (a hint)'],
  ['dood-port-conflict', 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)', 'the same with glibc\'s wording (a hint)'],
  ['rootless-prerequisites', '$ rpm -qV shadow-utils\n........P    /usr/bin/newgidmap\n........P    /usr/bin/newuidmap', '`rpm -V` "P" (capabilities changed) on newuidmap/newgidmap'],
  ['dood-volume-path', '2026/02/15 08:27:31 packer: 2026/02/15 08:27:31 Retryable error: Error uploading script: Upload failed with non-zero exit status: 1', 'Packer docker builder "Error uploading script: Upload failed with non-zero exit status: %d" (a hint)'],
  ['data-root-corrupt', "Aug 29 18:41:25 box kernel: overlayfs: failed to resolve '/srv/docker/overlay2/l/LSVE4I2M75BY2YGPEGOANG4D5O': -2", 'kernel overlayfs "failed to resolve \'%s\': %i" for a short link under overlay2/l/'],
  ['daemon-unreachable', 'Retrying request to {}->unix://localhost:80\njava.io.IOException: No such file or directory', 'Apache HttpClient RetryExec "Retrying request to %s" over the socket (a hint)'],
  ['daemon-unreachable', '1) [Guice/ErrorInjectingConstructor]: NullPointerException: Host name\n  at DockerService.<init>(DockerService.java:83)', 'Micronaut plugin\'s DockerService without an endpoint (a hint)'],
  ['daemon-unreachable', '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 42, in connect', 'docker-py\'s traceback cut in its unix transport\'s connect (a hint)'],
  ['socket-permission', '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 42, in connect', 'the same frame\'s other reading (a hint)'],
  ['memory-limit', '/entrypoint.sh: line 15: 28 Killed java -Xms1024M -Xmx1024M -jar server.jar', 'bash\'s job notice "%s: line %d: %d Killed %s" (a hint)'],
  ['disk-space', "Error! App '740' state is 0x202 after update job.", 'SteamCMD "Error! App \'%s\' state is 0x202 after update job." (a hint)'],
  ['not-privileged', 'proot error: ptrace(TRACEME): Operation not permitted\nproot error: execve("/hello"): Operation not permitted', 'PRoot "ptrace(TRACEME): %s" with EPERM'],
  ['daemon-unreachable', 'Feb 23 01:23:05 c3 faasd[21554]: Error: failed to dial "/run/containerd/containerd.sock": context deadline exceeded', 'containerd client "failed to dial %q: %w" past its deadline (a hint)'],
  ['dood-volume-path', 'requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: http+docker://localhost/v1.41/containers/create\n    return self._run_image_with_mounts(self.mounts + [tmp_mount], add_tmp_variable=True)', 'Airflow DockerOperator\'s temporary folder bound, its create refused (a hint)'],
  ['data-root-corrupt', "overlayfs: failed to resolve 'l/LSVE4I2M75BY2YGPEGOANG4D5O': -2", 'the same with moby\'s relative short link'],
  ['cgroup-v2-nesting', 'mount: /sys/fs/cgroup/cpu,cpuacct: cgroup already mounted or mount point busy.', 'util-linux EBUSY for a co-mounted v1 pair (a hint)'],
  ['daemon-unreachable', 'FATA[0000] no buildkit host is available, tried 2 candidates: failed to ping to host unix:///run/buildkit/buildkitd.sock: exit status 1', 'nerdctl "no buildkit host is available, tried %d candidates: %w"'],
  ['daemon-unreachable', 'ERRO[0000] `buildctl` needs to be installed and `buildkitd` needs to be running, see https://github.com/moby/buildkit', 'nerdctl\'s log line naming buildkitd'],
  ['dood-volume-path', 'DEBU[0000] Creating limactl command: ARGUMENTS: [shell finch nerdctl run -v /Volumes/w/src:/repo img]\nbash: line 1: cd: /Volumes/w/src: No such file or directory', 'Lima\'s shell "cd: %s: No such file or directory" in the VM (a hint)'],
  ['kernel-module-missing', 'container init caused \\"could not create session key: function not implemented\\"', 'runc "could not create session key: %v" with ENOSYS (a hint beside the runtime\'s filter)'],
  ['dood-volume-path', 'Error: Bundling did not produce any output. Check that content is written to /asset-output.', 'AWS CDK "Bundling did not produce any output. Check that content is written to %s." (a hint)'],
  ['socket-permission', '[13:00:32.805][error   ] Docker was blocked from accessing docker.sock, make sure UID/GID are set correctly', 'Bedrockifier "Docker was blocked from accessing docker.sock"'],
  ['daemon-unreachable', 'Error getting docker version. Error when connecting to docker daemon.\n Check that docker is running.', 'IOTstack menu "Error when connecting to docker daemon."'],
  ['daemon-unreachable', 'System.Net.Http.HttpRequestException: Connection failed ---> System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: Connection refused [::ffff:127.0.0.1]:2375', '.NET Core 2 "Connection refused [%s]:%d" on the Engine API\'s port'],
  ['daemon-unreachable', 'Caused by: com.sun.jna.LastErrorException: [2] No such file or directory\nat com.github.dockerjava.transport.LinuxDomainSocket.connect (Native Method)', 'docker-java zerodep\'s JNA connect(2) with ENOENT'],
  ['daemon-unreachable', 'gpustack.utils.task - ERROR - Error running sync_model_instances_state: No available deployer. Please provide a container runtime, e.g. bind mount the host `/var/run/docker.sock` on Docker', 'GPUStack "No available deployer. Please provide a container runtime"'],
  ['daemon-unreachable', 'Docker is required to build native dependencies for python function apps', 'Azure Functions "Docker is required to build native dependencies for python function apps" (a hint)'],
  ['iptables-failure', "netfilter-mailcow_1  | iptc.errors.XTablesError: can't find match geoip", 'python-iptables XTablesError "can\'t find match %s"'],
  ['dood-port-conflict', '[2022-10-04 17:43:28.557 6828M] FATAL ERROR in dnsmasq core: failed to create listening socket for port 53: Address already in use', 'dnsmasq "failed to create listening socket for port %d: %s" with EADDRINUSE (a hint)'],
  ['dood-volume-path', "Serverless: Running docker run --rm -v /builds/app/.serverless/requirements:/var/task lambci/lambda:build-python3.8 /bin/sh -c 'pip install -r /var/task/requirements.txt'\nServerless: Stderr: ERROR: Could not open requirements file: [Errno 2] No such file or directory: '/var/task/requirements.txt'", 'serverless-python-requirements\' dockerizePip with an empty bound folder (a hint)'],
];

describeRuleTemplates('round 36 templates', TEMPLATES);

describe('round 36 boundaries', () => {
  it('reads cAdvisor\'s own read-only cgroup mounts on its validate page as nothing', () => {
    const page = 'Cgroup mount setup: [Supported and recommended]\n\tCgroup mounts:\n\tcgroup /sys/fs/cgroup/cpu cgroup ro,nosuid,nodev,noexec,relatime,cpu 0 0';
    assert.ok(!ruleRaises(page, 'cgroup-readonly'));
    assert.ok(ruleRaises('cgroup /sys/fs/cgroup/cpu cgroup ro,nosuid,nodev,noexec,relatime,cpu 0 0', 'cgroup-readonly'));
  });

  it('reads a threaded cgroup type among other words as nothing', () => {
    assert.ok(!ruleRaises('the group is domain threaded now, as expected', 'cgroup-v2-nesting'));
  });

  it('reads the tun device refused by slirp4netns as no missing module', () => {
    assert.ok(!ruleRaises('slirp4netns failed: "open(\\"/dev/net/tun\\"): Permission denied"', 'kernel-module-missing'));
  });

  it('keeps a v1 controller missing beside a listing of others as unmounted, not v2', () => {
    const nsjail = "mkdir('/sys/fs/cgroup/pids/jail/NSJAIL.9', 0700) failed: No such file or directory\ncpu,cpuacct\nmemory\ndevices";
    assert.equal(severityOf(nsjail, 'cgroup-not-mounted'), 'warning');
    assert.ok(!ruleRaises(nsjail, 'cgroup-v2-nesting'));
  });

  it('reads a managed plugin\'s socket missing as no daemon out of reach', () => {
    assert.ok(!ruleRaises('Error response from daemon: dial unix /run/docker/plugins/1042/davfs.sock: connect: no such file or directory', 'daemon-unreachable'));
    assert.notEqual(severityOf('Error response from daemon: dial unix /run/docker/plugins/1042/davfs.sock: connect: no such file or directory', 'daemon-unreachable'), 'error');
    assert.equal(severityOf('dial unix /var/run/docker.sock: connect: no such file or directory', 'daemon-unreachable'), 'error');
  });

  it('reads a program\'s own command or a bus refusal without a policy as nothing', () => {
    assert.ok(!ruleRaises("Error response from daemon: Container command 'nginx' not found or does not exist.", 'dood-volume-path'));
    assert.ok(!ruleRaises('Failed to connect to the bus: Could not parse server address', 'apparmor-denied'));
  });

  it('reads the read-only cgroup recipe as a hint where the container\'s command was not found', () => {
    const run = '$ docker run -d --privileged -v /sys/fs/cgroup:/sys/fs/cgroup:ro img /usr/lib/systemd/systemd';
    const missing = `${run}\ndocker: Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "exec: \\"/usr/lib/systemd/systemd\\": stat /usr/lib/systemd/systemd: no such file or directory".`;
    assert.equal(severityOf(missing, 'cgroup-readonly'), 'info');
    assert.equal(severityOf(run, 'cgroup-readonly'), 'warning');
  });

  it('reads rpm -V with other columns changed on newuidmap as nothing', () => {
    assert.ok(!ruleRaises('S.5....T.    /usr/bin/newuidmap', 'rootless-prerequisites'));
  });

  it('reads an unmount refused with EINVAL as no overlay stacking', () => {
    const unmount = 'level=error msg="error unmounting /var/lib/docker/overlay2/706ed330227ab3b1fd9235d92b6d4cfd3dfa31b95069c9e6b37444c87ab8aa5f-init/merged: invalid argument" storage-driver=overlay2';
    assert.ok(!ruleRaises(unmount, 'overlay-on-overlay'));
    assert.ok(!ruleRaises(unmount, 'storage-driver-unsupported'));
    assert.ok(ruleRaises('mkdir /var/lib/docker/overlay2/706ed330227ab3b1fd92-init/merged/dev/shm: invalid argument', 'overlay-on-overlay'));
  });

  it('drops the connect frame\'s other reading where the exception names one', () => {
    const tb = '  File "/usr/lib/python3/site-packages/docker/transport/unixconn.py", line 42, in connect\n    sock.connect(self.unix_socket)\nPermissionError: [Errno 13] Permission denied';
    assert.ok(ruleRaises(tb, 'socket-permission'));
    assert.ok(!classify(tb).some((f) => f.id === 'daemon-unreachable'));
  });

  it('review: reads Airflow\'s task frame, a stale pooled connection or another client\'s null host as nothing', () => {
    assert.ok(!ruleRaises('    return self._run_image_with_mounts(self.mounts + [tmp_mount], add_tmp_variable=True)\nairflow.exceptions.AirflowException: Docker container failed', 'dood-volume-path'));
    const stale = 'I/O exception (java.io.IOException) caught when processing request to {}->unix://localhost:2375: Broken pipe\nRetrying request to {}->unix://localhost:2375';
    assert.ok(!ruleRaises(stale, 'daemon-unreachable'));
    assert.ok(!ruleRaises('java.lang.NullPointerException: Host name\n  at com.example.es.EsClient.<init>(EsClient.java:12)', 'daemon-unreachable'));
  });

  it('review: reads a threaded cgroup type as a hint, an invalid one as a warning; the systemd hierarchy busy as nothing', () => {
    assert.equal(severityOf('domain threaded', 'cgroup-v2-nesting'), 'info');
    assert.equal(severityOf('domain invalid', 'cgroup-v2-nesting'), 'warning');
    assert.ok(!ruleRaises('mount: /sys/fs/cgroup/systemd: cgroup already mounted or mount point busy.', 'cgroup-v2-nesting'));
  });

  it('review: names nsjail\'s parent group in its hint', () => {
    const found = classify("mkdir('/sys/fs/cgroup/memory/NSJAIL/NSJAIL.78', 0700) failed: No such file or directory").find((f) => f.id === 'cgroup-v2-nesting');
    assert.match(found?.hint ?? '', /parent group/);
  });

  it('reads a shell\'s cd refused without Lima as nothing', () => {
    assert.ok(!ruleRaises('bash: line 1: cd: /srv/app: No such file or directory', 'dood-volume-path'));
  });

  it('reads keyctl refused with EPERM as unprivileged, and ENOSYS as no missing privilege', () => {
    assert.ok(ruleRaises('could not create session key: operation not permitted', 'not-privileged'));
    assert.ok(!ruleRaises('could not create session key: function not implemented', 'not-privileged'));
  });
});
