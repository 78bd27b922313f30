// Per-template tests for round 40 (session 40): wordings the unread halves of the eighty-seventh to ninety-first blind
// batches (fresh86 to fresh90, read after their second scoring) and the read halves of the ninety-second to
// ninety-sixth (fresh91r to fresh95r, after their first) pointed to. Each row is built from the format strings named in
// it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, ruleSeverityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['kernel-module-missing', 'FATAL:   container creation failed: mount /proc/self/fd/3->/var/singularity/mnt/session/rootfs error: while mounting image /proc/self/fd/3: squashfs filesystem seems not enabled and/or supported by your kernel', 'Singularity 3 "%s filesystem seems not enabled and/or supported by your kernel"'],
  ['kernel-module-missing', 'Error: WireGuard exited with the error: Cannot find device "wg0"\nThis usually means that your host\'s kernel does not support WireGuard!', 'wg-easy "This usually means that your host\'s kernel does not support WireGuard!"'],
  ['kernel-module-missing', 'E: Unable to locate package linux-headers-5.10.0-boot2docker', 'apt "Unable to locate package %s" for the running kernel\'s headers (a hint)'],
  ['kernel-module-missing', 'Failed to install/locate kernel headers for 4.4.86-boot2docker', 'Portworx "Failed to install/locate kernel headers for %s" (a hint)'],
  ['not-privileged', 'libpman: failed to load BPF object (errno: 1 | message: Operation not permitted)', 'libpman "failed to load BPF object (errno: %d | message: %s)" with EPERM'],
  ['not-privileged', "2017-12-14 14:21:04.751242 I | modprobe rbd: modprobe: ERROR: could not insert 'rbd': Operation not permitted", 'kmod "could not insert \'%s\': %s" with EPERM from a tool\'s own modprobe (a hint)'],
  ['dood-port-conflict', "Failed to bind port 8371 (Address already in use) for option '-t 127.0.0.1/8371-8372:8371-8372', exiting", 'pasta "Failed to bind port %d (%s) for option \'%s\'"'],
  ['dood-port-conflict', '   error: a port needed by OpenShift is not available', 'oc cluster up "a port needed by OpenShift is not available"'],
  ['daemon-unreachable', "18 Aug 20:20:43 - warn: Failed to initialize docker! Make sure permissions are right, config is right, etc. { [Error: connect ENOENT] code: 'ENOENT', errno: 'ENOENT', syscall: 'connect' }", 'strider-docker-runner "Failed to initialize docker!" with connect ENOENT'],
  ['api-version-mismatch', 'requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: http+docker://localhost/v1.39/_ping', 'docker-py "400 Client Error: Bad Request for url: %s" on its versioned _ping'],
  ['daemon-unreachable', 'Service name: web\nDocker daemon is not responsive; Copilot won\'t build from a Dockerfile.', 'AWS Copilot "Docker daemon is not responsive; Copilot won\'t build from a Dockerfile."'],
  ['api-version-mismatch', 'buildkit not supported by daemon\nExited with code 1', 'docker CLI 18.06 "buildkit not supported by daemon" (a hint)'],
  ['data-root-corrupt', 'Error response from daemon: stat /mnt/data/docker/tmp: no such file or directory', 'moby build "stat %s/tmp: no such file or directory" through the CLI\'s "Error response from daemon: %s"'],
  ['daemon-unreachable', 'Error checking TLS connection: Error checking and/or regenerating the certs: There was an error validating certificates for host "203.0.113.7:2376": tls: DialWithDialer timed out', 'docker-machine "There was an error validating certificates for host %q: %s" with crypto/tls\'s dial timeout'],
  ['daemon-unreachable', "HTTPConnectionPool(host='127.0.0.1', port=4243): Max retries exceeded with url: /v1.15/images/create?fromImage=x (Caused by <class 'socket.error'>: [Errno 111] Connection refused)", 'urllib3 "Max retries exceeded with url: %s (Caused by %r)" on the Engine API\'s TCP port'],
  ['socket-permission', 'UNKNOWN: Cannot access docker socket file. User ID=996, socket file=/var/run/docker.sock', 'check_docker "Cannot access docker socket file. User ID={}, socket file={}"'],
  ['daemon-unreachable', "Activating extension 'ms-vscode-remote.remote-containers' failed: DOCKER_HOST env variable should be something like tcp://localhost:1234.", 'docker-modem "DOCKER_HOST env variable should be something like tcp://localhost:1234"'],
  ['not-privileged', "Disable Galaxy Interactive Environments. Start with --privileged to enable IE's.", 'docker-galaxy-stable start script "Start with --privileged to enable IE\'s." (a hint)'],
  ['memory-limit', 'docker: Error response from daemon: hcs::CreateComputeSystem 32d4156984ab: The paging file is too small for this operation to complete.', 'HCS CreateComputeSystem with ERROR_COMMITMENT_LIMIT\'s text'],
  ['kernel-module-missing', 'pluto[2619]: FATAL ERROR: Failed to bind bcast socket in init_netlink() - Perhaps kernel was not compiled with CONFIG_XFRM. Errno 1: Operation not permitted', 'Libreswan pluto "Perhaps kernel was not compiled with CONFIG_XFRM" (a hint)'],
  ['not-privileged', 'pluto[2619]: FATAL ERROR: Failed to bind bcast socket in init_netlink() - Perhaps kernel was not compiled with CONFIG_XFRM. Errno 1: Operation not permitted', 'the same with EPERM'],
  ['kernel-module-missing', 'pluto[512]: FATAL ERROR: no XFRM kernel support detected, missing /proc/sys/net/core/xfrm_acq_expires', 'Libreswan "no XFRM kernel support detected, missing %s"'],
  ['kernel-module-missing', '[ERRO][UPF][Main] UPF Cli Run Error: open Gtp5g: version mismatch: gtp5g version(0.7.2) should be 0.8.1 <= version < 0.9.0', 'free5GC UPF "open Gtp5g: version mismatch"'],
  ['kernel-module-missing', 'level=fatal msg="[GNB][GTP] Unable to create Kernel GTP interface: operation not supported"', 'PacketRusher "Unable to create Kernel GTP interface: %v" with EOPNOTSUPP'],
  ['not-privileged', '[2021-08-16 10:52:11.525] [app] [error] TUN allocation failure [Open failure /dev/net/tun]', 'UERANSIM "TUN allocation failure [%s]"'],
  ['not-privileged', 'sim | ../src/fd-net-device/helper/raw-sock-creator.cc: fatal error at line 86: main(): CreateSocket(): Unable to open raw socket', 'ns-3 raw-sock-creator "CreateSocket(): Unable to open raw socket" (a hint)'],
  ['rootless-prerequisites', 'E: setgroups 65534 failed - setgroups (22: Invalid argument)', 'apt "setgroups %u failed - setgroups (%d: %s)" with EINVAL'],
  ['api-version-mismatch', 'docker.errors.InvalidVersion: API versions below 1.21 are no longer supported by this library.', 'docker-py InvalidVersion "API versions below {} are no longer supported by this library."'],
  ['dood-port-conflict', 'Error Message: (HTTP code 500) server error - failed to create endpoint web on network nat: hnsCall failed in Win32: The process cannot access the file because it is being used by another process. (0x20)', 'HNS "failed to create endpoint %s on network %s: %s" with ERROR_SHARING_VIOLATION'],
];

describeRuleTemplates('round 40 templates', TEMPLATES);

describe('round 40 boundaries', () => {
  it('reads a refused module insert as a privilege hint only from a tool\'s own modprobe outside a user namespace', () => {
    const own = "modprobe: ERROR: could not insert 'v4l2loopback': Operation not permitted";
    assert.equal(ruleSeverityOf(own, 'not-privileged'), 'info');
    assert.ok(!ruleRaises('level=warning msg="Running modprobe bridge br_netfilter failed with message: modprobe: ERROR: could not insert \'br_netfilter\': Operation not permitted"', 'not-privileged'));
    assert.ok(!ruleRaises('error creating chain "KUBE-MARK-DROP": exit status 3: modprobe: ERROR: could not insert \'ip_tables\': Operation not permitted', 'not-privileged'));
    assert.ok(!ruleRaises(`${own}\ndial unix /run/user/1000/docker.sock`, 'not-privileged'));
    assert.ok(!ruleRaises(`podman run --rm x\n${own}`, 'not-privileged'));
  });

  it('reads iptables\' bare missing chain as a script\'s own rule where no daemon is at work on iptables', () => {
    const script = ['[ ok ] Starting DNS forwarder and DHCP server: dnsmasq.', 'iptables: No chain/target/match by that name.'].join('\n');
    assert.equal(ruleSeverityOf(script, 'iptables-failure'), 'info');
    assert.equal(ruleSeverityOf('vpn_1  | iptables: No chain/target/match by that name.', 'iptables-failure'), 'info');
    assert.equal(ruleSeverityOf('iptables: No chain/target/match by that name.\n[INFO] netavark: setting up network', 'iptables-failure'), 'error');
    const daemon = ['level=error msg="Handler for POST /containers/x/start returned error: iptables failed"', 'iptables: No chain/target/match by that name.'].join('\n');
    assert.equal(ruleSeverityOf(daemon, 'iptables-failure'), 'error');
  });

  it('gives BuildKit on an old daemon its own advice', () => {
    const hint = classify('buildkit not supported by daemon').find((f) => f.id === 'api-version-mismatch')?.hint ?? '';
    assert.match(hint, /DOCKER_BUILDKIT=0/);
    assert.match(hint, /DOCKER_API_VERSION/);
  });

  it('reads only a data root\'s scratch folder as the daemon\'s, with a restart for advice', () => {
    const gone = classify('Error response from daemon: stat /var/lib/docker/tmp: no such file or directory').find((f) => f.id === 'data-root-corrupt');
    assert.match(gone?.hint ?? '', /Restart the daemon/);
    assert.ok(!ruleRaises('Error response from daemon: stat /home/me/docker-projects/app/tmp: no such file or directory', 'data-root-corrupt'));
  });

  it('reads a 400 to a ping as an old daemon, not plain HTTP sent to the TLS port', () => {
    assert.ok(ruleRaises('400 Client Error: Bad Request for url: https://docker:2376/v1.41/_ping', 'api-version-mismatch'));
    assert.ok(!ruleRaises('400 Client Error: Bad Request for url: http://docker:2376/v1.41/_ping', 'api-version-mismatch'));
  });

  it('reads urllib3 refused on the API\'s TCP port for its version call and on macOS and Windows', () => {
    for (const cause of ['[Errno 61] Connection refused', '[WinError 10061] No connection could be made because the target machine actively refused it']) {
      assert.ok(ruleRaises(`HTTPConnectionPool(host='localhost', port=2375): Max retries exceeded with url: /version (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object>: Failed to establish a new connection: ${cause}'))`, 'daemon-unreachable'), cause);
    }
  });

  it('reads wg-easy\'s kernel sentence and check_docker\'s socket check as hints', () => {
    assert.equal(ruleSeverityOf("This usually means that your host's kernel does not support WireGuard!", 'kernel-module-missing'), 'info');
    assert.equal(ruleSeverityOf('UNKNOWN: Cannot access docker socket file. User ID=996, socket file=/var/run/docker.sock', 'socket-permission'), 'info');
    assert.equal(ruleSeverityOf('UNKNOWN: Cannot access docker socket file. User ID=996, socket file=/var/run/docker.sock', 'daemon-unreachable'), 'info');
  });

  it('gives a refused module insert its own advice, and not beside iptables\' refused table', () => {
    const own = classify("modprobe: ERROR: could not insert 'rbd': Operation not permitted").find((f) => f.id === 'not-privileged');
    assert.match(own?.hint ?? '', /SYS_MODULE/);
    assert.ok(!ruleRaises("modprobe: ERROR: could not insert 'ip_tables': Operation not permitted\niptables v1.8.7 (legacy): can't initialize iptables table `filter': Table does not exist", 'not-privileged'));
    assert.ok(!ruleRaises("modprobe: ERROR: could not insert 'rbd': Operation not permitted\nsysbox-runc", 'not-privileged'));
  });

  it('keeps a missing headers package a hint', () => {
    assert.equal(ruleSeverityOf('E: Unable to locate package linux-headers-6.1.0-13-amd64', 'kernel-module-missing'), 'info');
    assert.ok(!ruleRaises('E: Unable to locate package linux-headers-generic-hwe', 'kernel-module-missing'));
  });
});
