// Per-template tests for round 41 (session 41): wordings the unread halves of the ninety-second to ninety-sixth blind
// batches and the ninety-seventh kept whole (fresh91 to fresh96, read after their second scoring) and the read halves
// of the ninety-ninth, hundred-and-first and hundred-and-second (fresh98r, fresh100r and fresh101r, after their first)
// pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, ruleSeverityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['kernel-module-missing', "  stderr: 'sysctl: error: ''net.mpls/platform_labels'' is an unknown key'", 'BusyBox sysctl "%s is an unknown key" on MPLS\' global key'],
  ['kernel-module-missing', 'error: "net.mpls.platform_labels" is an unknown key\nsysctl: error: "net.mpls.platform_labels" is an unknown key', 'old procps sysctl, double-quoted'],
  ['kernel-module-missing', 'sysctl: cannot stat /proc/sys/net/mpls/platform_labels: No such file or directory', 'procps-ng sysctl "cannot stat %s" on MPLS\' global key'],
  ['kernel-module-missing', "The command '/bin/sh -c modprobe netmap' returned a non-zero code: 127", 'docker build "The command \'%s\' returned a non-zero code" for a modprobe step (a hint)'],
  ['kernel-module-missing', 'ERROR: process "/bin/sh -c modprobe ip_vs" did not complete successfully: exit code: 1', 'BuildKit "process %q did not complete successfully" for a modprobe step (a hint)'],
  ['kernel-module-missing', 'ip link add ipsec1 type xfrm dev lo if_id 101\nRTNETLINK answers: Not supported', 'iproute2 "RTNETLINK answers: %s" with musl\'s EOPNOTSUPP text (a hint)'],
  ['iptables-failure', 'level=warning msg="Fatal: can\'t open lock file /run/xtables.lock: Is a directory" subsys=iptables', 'iptables "can\'t open lock file %s: %s" with EISDIR'],
  ['dood-port-conflict', 'Error response from daemon: something went wrong with the request: "listen tcp :5000: bind: address already in use\\n"', 'Podman compat API "something went wrong with the request: %q" around the listener\'s EADDRINUSE'],
  ['dood-port-conflict', 'Error response from daemon: something went wrong with the request: "cannot listen on the TCP port: listen tcp4 :5000: bind: address already in use\\n"', 'the same around Podman\'s own "cannot listen on the TCP port: %w" (tcp4)'],
  ['rootless-prerequisites', 'Error starting userland proxy: cannot expose slirp4net port: dial unix /tmp/slirp4netns-api1234: connect: connection refused', 'RootlessKit "cannot expose slirp4net port: %w" over a refused dial of slirp4netns\' API'],
  ['not-privileged', '- provider pipelines-scc: .containers[0].capabilities.add: Invalid value: "SETGID": capability may not be added', 'OpenShift SCC provider line "capabilities.add: Invalid value: %q: capability may not be added"'],
  ['caps-unavailable', '- provider pipelines-scc: .containers[0].capabilities.add: Invalid value: "SETGID": capability may not be added', 'the same, the runtime\'s side (a hint)'],
  ['memory-limit', '+     throw "At least 3Gb memory needs to be available to the Container ...', 'Business Central start.ps1 "At least %dGb memory needs to be available to the Container."'],
  ['daemon-unreachable', 'Error: failed to fetch an image or build from source: no docker daemon available', 'flyctl "no docker daemon available"'],
  ['daemon-unreachable', '[2023/06/13 11:08:54] [error] [/src/fluent-bit/plugins/in_docker_events/docker_events.c:57 errno=2] No such file or directory', 'Fluent Bit docker_events flb_errno() with ENOENT'],
  ['socket-permission', '[2023/06/13 11:08:54] [error] [/src/fluent-bit/plugins/in_docker_events/docker_events.c:57 errno=13] Permission denied', 'Fluent Bit docker_events flb_errno() with EACCES'],
  ['daemon-unreachable', ">>> docker.DockerClient(base_url='tcp://localhost:2376', tls=tls_config)\nOpenSSL.SSL.Error: [('SSL routines', 'ssl3_get_record', 'wrong version number')]", 'OpenSSL "wrong version number" from the Engine API\'s TLS port'],
  ['daemon-unreachable', "requests.exceptions.SSLError: HTTPSConnectionPool(host='localhost', port=2376): Max retries exceeded with url: /version (Caused by SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)')))", 'urllib3\'s pool naming port 2376 with WRONG_VERSION_NUMBER'],
  ['kernel-module-missing', 'netlink: Error: cache initialization failed: Invalid argument', 'nft "cache initialization failed: %s" with EINVAL'],
  ['disk-space', ' - OS: linux\n - CasaOS Version: 0.4.4.2\n - Disk Total: 27712 \n - Disk Used: 27696 ', 'CasaOS bug-report form "Disk Total" then "Disk Used" with under 2 % left'],
  ['daemon-unreachable', './cluster-up/up.sh\nno working container runtime found. Neither docker nor podman seems to work.', 'KubeVirt cluster-up "Neither docker nor podman seems to work."'],
  ['not-privileged', 'Failed to bind local tun device (TUNSETIFF): Operation not permitted', 'OpenConnect "Failed to bind local tun device (TUNSETIFF): %s" with EPERM (a hint)'],
  ['kernel-module-missing', 'Mon Aug 31 20:10:25 2020 ERROR: Cannot open TUN/TAP dev /dev/net/tun: No such device (errno=19)', 'OpenVPN "Cannot open TUN/TAP dev %s" with ENODEV'],
  ['not-privileged', 'ERRO client/internal/routemanager/manager.go:42: server router is not supported: couldn\'t initialize nftables or iptables clients. Using a dummy firewall manager for route rules', 'NetBird "couldn\'t initialize nftables or iptables clients" (a hint)'],
  ['selinux-denied', '/usr/sbin/squid3: error while loading shared libraries: libfoo.so.1: cannot restore segment prot after reloc: Permission denied', 'glibc ld.so "cannot restore segment prot after reloc: %s" with EACCES'],
  ['api-version-mismatch', ':content "client version 1.10 is too old. Minimum supported API\n   version is 1.12, please upgrade your client to a newer version\n", :status 400}', 'moby "client version %s is too old. Minimum supported API version is %s" wrapped by a terminal'],
  ['dood-port-conflict', ' RootlessKit PortManager.AddPort(): listen tcp4 0.0.0.0:34026: bind: address already in use")', 'RootlessKit "PortManager.AddPort(): %w" around the listener\'s EADDRINUSE'],
];

describeRuleTemplates('round 41 templates', TEMPLATES);

describe('round 41 boundaries', () => {
  it('reads old engines\' volume paths under vfs/dir in an inspect as no word of the storage driver', () => {
    const inspect = '    "Volumes": {\n        "/etc/nginx": "/var/lib/docker/vfs/dir/a54606eea3e74c2f869cff5e4f45b4991b171b8a88379720d9c1f090ff89452c"\n    },';
    assert.ok(!ruleRaises(inspect, 'vfs-fallback'));
    assert.ok(ruleRaises('root@host:/var/lib/docker/vfs# du -sh .\n38G\t.', 'vfs-fallback'));
  });

  it('reads a TLS handshake answered in plain text as an unreachable daemon only against the Engine API\'s TLS port', () => {
    assert.ok(!ruleRaises("requests.exceptions.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1123)\nhttps://registry.example.com:5000/v2/", 'daemon-unreachable'));
    const hit = classify(">>> c = docker.APIClient(base_url='https://10.0.0.5:2376', tls=True)\nssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number").find((f) => f.id === 'daemon-unreachable');
    assert.equal(hit?.severity, 'warning');
    assert.match(hit?.hint ?? '', /--tlsverify/);
    assert.doesNotMatch(hit?.hint ?? '', /"tls": true/);
    // A CI job's DOCKER_HOST beside another tool's TLS error (apk behind a proxy) is not the daemon's.
    const gitlab = ['variables:', '  DOCKER_HOST: tcp://docker:2376', '$ apk add --no-cache curl', 'ERROR: https://dl-cdn.alpinelinux.org/alpine/v3.19/main: SSL routines:ssl3_get_record:wrong version number'].join('\n');
    assert.ok(!ruleRaises(gitlab, 'daemon-unreachable'));
    assert.ok(!ruleRaises('DOCKER_HOST=tcp://10.0.0.5:2376\npip install x\nssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number', 'daemon-unreachable'));
  });

  it('keeps docker-py\'s TypeError from a mocked transport off the daemon', () => {
    assert.ok(!ruleRaises('docker.errors.DockerException: Error while fetching server API version: cannot unpack non-iterable CallbackResponse object', 'daemon-unreachable'));
    assert.equal(ruleSeverityOf("docker.errors.DockerException: Error while fetching server API version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))", 'daemon-unreachable'), 'error');
    assert.ok(!ruleRaises('docker.errors.DockerException: Error while fetching server API version:\ncannot unpack non-iterable NoneType object', 'daemon-unreachable'));
  });

  it('reads CasaOS\' disk figures as full only with under 2 GB or 2 % left, and only in CasaOS\' form', () => {
    const form = (total: number, used: number) => ` - CasaOS Version: 0.4.4\n - Disk Total: ${total}\n - Disk Used: ${used}`;
    assert.ok(ruleRaises(form(27712, 27200), 'disk-space'));
    assert.ok(!ruleRaises(form(27712, 27100), 'disk-space'));
    assert.ok(!ruleRaises(form(4_000_000, 3_962_000), 'disk-space'), 'a 4 TB disk with 38 GB left is not full');
    assert.ok(ruleRaises(form(4_000_000, 3_999_000), 'disk-space'));
    assert.ok(!ruleRaises(' - Disk Total: 27712\n - Disk Used: 27696', 'disk-space'), 'not CasaOS\' form');
  });

  it('reads nft\'s refused ruleset cache as a kernel without nf_tables only for EINVAL or EOPNOTSUPP', () => {
    assert.ok(!ruleRaises('netlink: Error: cache initialization failed: Operation not permitted', 'kernel-module-missing'));
  });

  it('keeps slirp4netns refusing one forward a hint, and its API gone a warning', () => {
    assert.equal(ruleSeverityOf('Error starting userland proxy: cannot expose slirp4net port: error reply: map[desc:bad request: add_hostfwd: slirp_add_hostfwd failed]', 'rootless-prerequisites'), 'info');
    assert.equal(ruleSeverityOf('cannot expose slirp4net port: dial unix /tmp/slirp4netns-api1: connect: no such file or directory', 'rootless-prerequisites'), 'warning');
  });

  it('reads an MPLS interface key as a hint: its interface may only be missing', () => {
    assert.equal(ruleSeverityOf('sysctl: cannot stat /proc/sys/net/mpls/conf/eth9/input: No such file or directory', 'kernel-module-missing'), 'info');
  });

  it('joins a wrapped API-version refusal however the terminal cut it', () => {
    assert.ok(ruleRaises(':content "client version 1.10 is too old. Minimum supported API version\n   is 1.12, please upgrade your client to a newer version"', 'api-version-mismatch'));
  });

  it('never joins a shell\'s own numbered diagnostic to the line before as a wrapped sentence', () => {
    const paste = 'INFO[0000] socket: unix:///Users/me/.colima/default/docker.sock\n/bin/sh: 1: /bin/: Permission denied';
    assert.ok(!ruleRaises(paste, 'socket-permission'));
    assert.ok(!ruleRaises('INFO[0000] socket: unix:///Users/me/.colima/default/docker.sock\nzsh:1: permission denied: /app', 'socket-permission'));
    // A sentence the terminal wrapped still joins.
    assert.ok(ruleRaises('docker: Got permission denied while trying to connect to the Docker daemon socket at\nunix:///var/run/docker.sock: Post http://%2Fvar%2Frun%2Fdocker.sock/v1.40/containers/create: dial unix /var/run/docker.sock: connect: permission denied.', 'socket-permission'));
  });

  it('reads an MPLS sysctl only, not other unknown keys', () => {
    assert.ok(!ruleRaises("sysctl: error: 'net.core.somaxconn' is an unknown key", 'kernel-module-missing'));
    assert.match(classify("sysctl: error: 'net.mpls.platform_labels' is an unknown key")[0]?.hint ?? '', /mpls_router/);
  });
});
