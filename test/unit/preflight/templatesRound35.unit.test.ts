// Per-template tests for round 35 (session 35): wordings the sixty-sixth to sixty-eighth blind batches' unread halves
// (fresh65, fresh66, fresh67), read after their last scorings, pointed to. Each row is built from the format strings
// named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['daemon-unreachable', '│ : /var/run/docker.sock is not a socket file', 'kubelet hostpath "%s is not a socket file", its tail wrapped by a TUI pane'],
  ['kernel-module-missing', '\t[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: /proc/sys/net/bridge/bridge-nf-call-iptables does not exist', 'kubeadm FileContent check "%s does not exist" for br_netfilter\'s sysctl'],
  ['kernel-module-missing', 'Error: error adding pod app_app to CNI network "podman": failed to make veth pair: operation not supported', 'CNI bridge plugin "failed to make veth pair: %v" with EOPNOTSUPP'],
  ['caps-unavailable', 'docker: Error response from daemon: Windows does not support privileged mode.', 'moby daemon_windows.go "Windows does not support privileged mode" (a hint)'],
  ['daemon-unreachable', 'nc: connect to 127.0.0.1 port 2375 (tcp) failed: Connection refused', 'netcat "connect to %s port %s (%s) failed: %s" on the Engine API\'s port (a hint)'],
  ['daemon-unreachable', 'Error: you need to share your Docker host socket with a volume at /var/run/docker.sock', 'docker-gen/acme-companion "you need to share your Docker host socket with a volume at %s"'],
  ['daemon-unreachable', '<p><b>Unable to determine IP address from host name <q>%2frun%2fuser%2f1000%2fpodman%2fpodman.sock</q></b></p>', 'Squid ERR_DNS_FAIL naming a percent-encoded socket path as a host'],
  ['daemon-unreachable', "2026-03-02 10:00:00,000 -- ERROR -- containers (Podman) plugin - Can't get containers list (503 Server Error: Service Unavailable (", 'Glances "Can\'t get containers list (%s)" answered 503 (a hint)'],
  ['daemon-unreachable', 'RuntimeError: Docker is not installed. Please install Docker to use code execution with agent: Coder', 'CrewAI "Docker is not installed. Please install Docker to use code execution with agent: %s" (a hint)'],
  ['selinux-denied', "sed: couldn't open temporary file /etc/app/sedX1: Permission denied\n# setenforce 0", 'a refusal beside `setenforce 0` at a prompt (a hint)'],
  ['selinux-denied', 'Mar 05 12:11:10 host setroubleshoot[3848]: failed to retrieve rpm info for /dev/pts/0', 'setroubleshootd\'s own journal line (a hint)'],
  ['iptables-backend-mismatch', '2026-03-02 10:00:00.000 [WARNING][120] felix/table.go 765: iptables-nft-save command failed error=iptables-save failed because there are incompatible nft rules in the table ipVersion=0x4 stderr="" table="filter"', 'Calico Felix "iptables-save failed because there are incompatible nft rules in the table"'],
  ['daemon-unreachable', 'ERROR:\n\nconnect ENOENT /var/run/docker.soc', 'Node\'s "connect ENOENT %s" on the socket path, cut short in the paste'],
  ['keyring-quota', 'Error: OCI runtime error: unable to start container "app": crun: create keyring `0a1b2c3d`: Disk quota exceeded', 'crun "create keyring `%s`: %m" with EDQUOT'],
  ['dood-volume-path', "app    | sed: can't move '/etc/app/app.confKFhAhh' to '/etc/app/app.conf': Is a directory", 'busybox sed -i "can\'t move \'%s\' to \'%s\': %m" over a bound config file (a hint)'],
  ['memory-limit', 'container exited on killed\nError: building at STEP "RUN make": while running runtime: exit status 1', 'Buildah "container exited on %s" with SIGKILL (a hint)'],
  ['keyring-quota', 'Error: OCI runtime error: crun: join keyctl `0a1b2c3d`: Disk quota exceeded', 'crun 1.22+ "join keyctl `%s`: %m" with EDQUOT'],
  ['daemon-unreachable', 'nc: connect to docker (172.18.0.2) port 2375 (tcp) failed: Connection refused', 'netcat "connect to %s (%s) port %s (%s) failed" for a resolved name (a hint)'],
  ['daemon-unreachable', 'nc: connectx to localhost port 2376 (tcp) failed: Connection refused', 'macOS netcat "connectx to %s port %s (%s) failed" (a hint)'],
  ['memory-limit', 'subprocess exited on killed\nerror building at STEP "RUN make": exit status 1', 'Buildah chroot isolation "subprocess exited on %s" with SIGKILL (a hint)'],
  ['dood-volume-path', "sed: couldn't edit /etc/nginx/nginx.conf: not a regular file", 'GNU sed -i "couldn\'t edit %s: not a regular file" on a bound config file (a hint)'],
  ['kernel-module-missing', 'Error: netavark: create veth pair: Netlink error: Operation not supported (os error 95)', 'netavark "create veth pair: %s" with EOPNOTSUPP'],
  ['selinux-denied', "touch: cannot touch '/data/x': Permission denied\n[root@host ~]# setenforce 0", 'a refusal before `setenforce 0` at a RHEL prompt (a hint)'],
  ['kernel-module-missing', 'Your kernel headers for kernel 6.1.0-9-amd64 cannot be found at\n/lib/modules/6.1.0-9-amd64/build or /lib/modules/6.1.0-9-amd64/source.', 'DKMS "Your kernel headers for kernel %s cannot be found at …" (a hint)'],
  ['kernel-module-missing', 'error opening device /host/dev/scap0. Make sure you have root credentials and that the scap module is loaded.', 'libscap "error opening device %s. Make sure you have root credentials and that the %s module is loaded." (a hint)'],
  ['cgroup-v2-nesting', 'execve: cgroup failed to set memory limit open /sys/fs/cgroup/judge/0a1b/memory.max: permission denied', 'a unified hierarchy\'s limit file refused with EACCES (not delegated)'],
  ['dood-volume-path', 'Command error:\n  bash: .command.run: No such file or directory\n\nWork dir:\n  /workspace/work/68/293efb', 'Nextflow\'s task without its .command.run (a hint)'],
  ['cgroup-readonly', 'Failed to create /user.slice/user-1000.slice/user@1000.service/init.scope control group: Permission denied\nFailed to allocate manager object: Permission denied', 'systemd "Failed to create %s control group: %m" with EACCES (a hint, beside SELinux\'s)'],
  ['kernel-module-missing', 'filename:       /lib/modules/4.4.41-1.ph1-esx/kernel/net/ipv4/netfilter/iptable_nat.ko.xz\nkmod version 22\n-XZ -ZLIB -EXPERIMENTAL', '`modinfo` naming an xz module beside `kmod --version` without XZ'],
  ['api-version-mismatch', 'your client is too new (API version 1.27). The newest supported API version is 1.26.0', 'Swarm classic/UCP "your client is too new (API version %s). The newest supported API version is %s"'],
  ['socket-permission', "Fatal error: Uncaught Http\\Client\\Socket\\Exception\\ConnectionException: Permission denied in /app/vendor/php-http/socket-client/src/Client.php:114 Stack trace: #0 Client.php(82): Http\\Client\\Socket\\Client->createSocket(Object(GuzzleHttp\\Psr7\\Request), 'unix:///var/run/docker.sock', false)", 'php-http socket client "ConnectionException: Permission denied" on the socket'],
  ['daemon-unreachable', '  File "/app/.venv/lib/python3.13/site-packages/docker/api/client.py", line 207, in __init__\n    self._version = self._retrieve_server_version()', 'docker-py\'s traceback cut at APIClient\'s version call (a hint)'],
  ['iptables-backend-mismatch', 'error\tCommand error output: xtables resource problem: line 24: TABLE_ADD failed (No such file or directory): table nat', 'iptables-restore (nft) "line %d: %s failed (%s)" without its version prefix'],
];

describeRuleTemplates('round 35 templates', TEMPLATES);

describe('round 35 boundaries', () => {
  it('reads the Docker CLI\'s own percent-encoded socket URL as no proxy', () => {
    const cli = 'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get http://%2Fvar%2Frun%2Fdocker.sock/v1.40/containers/json: dial unix /var/run/docker.sock: connect: permission denied';
    assert.ok(!ruleRaises(cli, 'daemon-unreachable'));
  });

  it('reads kubeadm\'s br_netfilter check it ran on past as a hint', () => {
    const warned = '[WARNING FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: /proc/sys/net/bridge/bridge-nf-call-iptables does not exist';
    assert.equal(severityOf(warned, 'kernel-module-missing'), 'info');
  });

  it('reads a refusal beside setenforce 1, or setenforce alone, as nothing', () => {
    assert.ok(!ruleRaises('touch: cannot touch \'/data/x\': Permission denied\n# setenforce 1', 'selinux-denied'));
    assert.ok(!ruleRaises('# setenforce 0\n# getenforce\nPermissive', 'selinux-denied'));
  });

  it('reads a refusal after setenforce 0, or with SELinux disabled, as no SELinux refusal', () => {
    assert.ok(!ruleRaises('$ sudo setenforce 0\n$ docker run -v /srv/data:/data img\ntouch: /data/x: Permission denied', 'selinux-denied'));
    assert.ok(!ruleRaises('setenforce 0\nsetenforce: SELinux is disabled\nmkdir: cannot create directory \'/d\': Permission denied', 'selinux-denied'));
    assert.ok(!ruleRaises('# getenforce\nEnforcing\n# setenforce 0\ntouch: x: Permission denied', 'selinux-denied'));
  });

  it('reads a motd\'s welcome without systemd\'s start line as no sign that systemd booted', () => {
    assert.equal(severityOf('/ # docker run -v /sys/fs/cgroup:/sys/fs/cgroup:ro alpine sh\nWelcome to Alpine!', 'cgroup-readonly'), 'warning');
  });

  it('reads compressed modules beside a kmod that reads them as nothing', () => {
    assert.ok(!ruleRaises('filename:       /lib/modules/6.1.0/kernel/net/ipv4/netfilter/iptable_nat.ko.xz\nkmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL', 'kernel-module-missing'));
  });

  it('reads an uppercase word before "failed (" that is no nft operation as no backend refusal', () => {
    assert.ok(!ruleRaises('line 3: ERROR failed (exit 1)', 'iptables-backend-mismatch'));
  });

  it('reads crun\'s keyring quota as no full disk', () => {
    assert.ok(!ruleRaises('crun: join keyctl `0a1b`: Disk quota exceeded', 'disk-space'));
  });

  it('reads the old systemd-in-Docker recipe as a hint where systemd\'s banner shows and nothing failed', () => {
    const run = '$ docker run -it --cap-add=SYS_ADMIN -v /sys/fs/cgroup:/sys/fs/cgroup:ro ubuntu:16.04 init';
    assert.equal(severityOf(`${run}\nsystemd 229 running in system mode.\nWelcome to Ubuntu 16.04.5 LTS!`, 'cgroup-readonly'), 'info');
    const failed = `${run}\nWelcome to Ubuntu 20.04 LTS!\nFailed to create /init.scope control group: Read-only file system\nFailed to allocate manager object: Read-only file system`;
    assert.notEqual(severityOf(failed, 'cgroup-readonly'), 'info');
  });

  it('reads netcat refused on another port as nothing', () => {
    assert.ok(!ruleRaises('nc: connect to 127.0.0.1 port 8080 (tcp) failed: Connection refused', 'daemon-unreachable'));
  });
});
