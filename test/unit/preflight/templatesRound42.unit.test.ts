// Per-template tests for round 42 (session 42): wordings the unread halves of the ninety-eighth to hundred-and-second
// blind batches (fresh97 to fresh101, read after their second scoring) and the read halves of the hundred-and-third
// to hundred-and-fifth (fresh102r to fresh104r, after their first) pointed to. Each row is built from the format
// strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, ruleSeverityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['daemon-unreachable', 'msg="cannot access containerd socket \\"/run/k3s/containerd/containerd.sock\\": no such file or directory"', 'nerdctl "cannot access containerd socket %q: %w" with ENOENT'],
  ['socket-permission', 'FATA[0000] cannot access containerd socket "/run/containerd/containerd.sock": permission denied', 'the same with EACCES'],
  ['daemon-unreachable', 'FATA[0000] cannot access containerd socket "/run/containerd/containerd.sock" (hint: try running with `--address /var/run/docker/containerd/containerd.sock` to connect to Docker-managed containerd): no such file or directory', 'the same with its hint for Docker-managed containerd'],
  ['daemon-unreachable', "Error: lookup /var/run/docker.sock: no such host", 'Go net "lookup %s: no such host" for a socket path taken as a host'],
  ['daemon-unreachable', 'Error: getaddrinfo ENOTFOUND /var/run/docker.sock', 'Node getaddrinfo ENOTFOUND for a socket path taken as a host'],
  ['daemon-unreachable', "ERROR: SSL error: HTTPSConnectionPool(host='localhost', port=2375): Max retries exceeded with url: /v1.30/version (Caused by SSLError(SSLError(1, u'[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:590)'),))", 'docker-compose 1.x "SSL error: %s" around urllib3\'s pool'],
  ['daemon-unreachable', 'Error\t\tVisual Studio Container Tools requires Docker to be running before building, debugging or running a containerized project.', 'Visual Studio Container Tools "requires Docker to be running before building"'],
  ['daemon-unreachable', "Docker API call to '/var/run/docker.sock/v1.24/images/create' failed with status code 500 \"/var/run/docker.sock: Name or service not known\"", 'getaddrinfo\'s EAI_NONAME for a socket path taken as a host'],
  ['daemon-unreachable', 'ERROR: SSL error: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:590)', 'docker-compose 1.x "SSL error: %s" with OpenSSL\'s WRONG_VERSION_NUMBER'],
  ['kernel-module-missing', "modprobe: ERROR: ../libkmod/libkmod.c:514 lookup_builtin_file() could not open builtin file '/lib/modules/5.4.0-99-generic/modules.builtin.bin'", 'kmod "could not open builtin file \'%s\'" (a hint)'],
  ['daemon-unreachable', 'msg=Docker event stream connection failure (getaddrinfo ENOTFOUND socket-proxy); reconnect attempt #11 in 30000ms', 'What\'s Up Docker "Docker event stream connection failure (%s)" with ENOTFOUND'],
  ['daemon-unreachable', 'msg=Unable to listen to Docker events [connect ENOENT /var/run/docker.sock]', 'What\'s Up Docker "Unable to listen to Docker events [%s]" with ENOENT'],
  ['disk-space', "IOError: [Errno 2] No usable temporary directory found in ['/tmp', '/var/tmp', '/usr/tmp', '/']", 'Python tempfile "No usable temporary directory found in %s" (a hint)'],
  ['dood-port-conflict', 'F0621 14:17:23.990013       7 main.go:72] Port 80 is already in use. Please check the flag --http-port', 'NGINX Ingress "Port %v is already in use. Please check the flag --http-port" (a hint without a shared daemon)'],
];

describeRuleTemplates('round 42 templates', TEMPLATES);

describe('round 42 boundaries', () => {
  it('reads Synology\'s missing bind source as a DooD path only where the paste binds the host\'s socket', () => {
    const run = ['docker run -d --name panel \\', '    -v /var/run/docker.sock:/var/run/docker.sock \\', '    -v /volume2/docker/opt:/opt panel:latest', "Error response from daemon: Bind mount failed: '/opt/panel/apps/nginx.conf' does not exists"].join('\n');
    assert.equal(ruleSeverityOf(run, 'dood-volume-path'), 'info');
    assert.ok(!ruleRaises("ERROR: for web  Cannot start service web: Bind mount failed: '/volume1/docker/web/conf' does not exists", 'dood-volume-path'));
  });

  it('reads plain HTTP answering a registry\'s URL on the line above as no word about the daemon', () => {
    const chain = ['Error response from daemon: Get "https://registry.example.com/v2/":', 'Get "https://registry.example.com:5001/api/auth?service=r":', 'http: server gave HTTP response to HTTPS client'].join('\n');
    assert.ok(!ruleRaises(chain, 'daemon-unreachable'));
    // The daemon's own address crossed still counts, even below a registry named earlier.
    assert.ok(ruleRaises('Get "https://10.0.0.5:2375/v1.41/version":\nhttp: server gave HTTP response to HTTPS client', 'daemon-unreachable'));
    const below = ['$ curl http://registry:5000/v2/_catalog', '{"repositories":[]}', 'Get "https://docker:2375/v1.24/version":', 'http: server gave HTTP response to HTTPS client'].join('\n');
    assert.ok(ruleRaises(below, 'daemon-unreachable'));
    // A chain the daemon answered, through a registry's token service, is the registry's.
    assert.ok(!ruleRaises('Error response from daemon: Get "https://nexus.example.com:8443/service/token?scope=x":\nhttp: server gave HTTP response to HTTPS client', 'daemon-unreachable'));
    assert.ok(!ruleRaises('Error response from daemon: Get "https://nexus.example.com:8443/v1/_ping": http: server gave HTTP response to HTTPS client', 'daemon-unreachable'));
  });

  it('names Docker 29\'s API floor for Testcontainers finding no environment only beside that floor, as a hint', () => {
    const paste = ['Server: Docker Engine - Community', ' Engine:', '  Version:          29.0.0', '  API version:      1.52 (minimum version 1.44)', 'java.lang.IllegalStateException: Could not find a valid Docker environment. Please see logs and check configuration'].join('\n');
    const hit = classify(paste).find((f) => f.id === 'api-version-mismatch');
    assert.equal(hit?.severity, 'info');
    assert.match(hit?.hint ?? '', /1\.21\.4/);
    assert.ok(!ruleRaises(paste.replace('1.44', '1.24'), 'api-version-mismatch'), 'Docker 28 serves old clients');
    assert.ok(ruleRaises(paste.replace('1.44', '1.40'), 'api-version-mismatch'), 'Docker 29.3+ still refuses API 1.32');
  });

  it('reads a socket path taken for a host name, not a host that does not resolve', () => {
    assert.ok(!ruleRaises('curl: (6) Could not resolve host: registry.example.com: Name or service not known', 'daemon-unreachable'));
    assert.match(classify('"/var/run/docker.sock: Name or service not known"')[0]?.hint ?? '', /unix:\/\//);
    assert.ok(!ruleRaises('(/run/mysqld/mysqld.sock: Name or service not known)', 'daemon-unreachable'), 'a database\'s socket');
  });

  it('keeps compose\'s other TLS errors off the daemon (a certificate\'s name is its own cause)', () => {
    assert.ok(!ruleRaises("ERROR: SSL error: hostname '192.168.99.100' doesn't match 'localhost'", 'daemon-unreachable'));
  });

  it('reads a refused ping_group_range as a hint: programs go on without unprivileged ICMP', () => {
    assert.equal(ruleSeverityOf('sysctl: permission denied on key "net.ipv4.ping_group_range"', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('sysctl: permission denied on key "net.ipv4.conf.all.src_valid_mark"', 'not-privileged'), 'error');
    assert.equal(ruleSeverityOf("sysctl: permission denied on key 'net.ipv4.ip_forward', net.ipv4.ping_group_range = 0 2147483647", 'not-privileged'), 'error');
  });

  it('reads the xtables lock held while another program\'s journald line waits as a hint, the engine\'s own a warning', () => {
    const waited = 'Another app is currently holding the xtables lock. Perhaps you want to use the -w option?';
    assert.equal(ruleSeverityOf(`Mar 23 04:02:43 host firewall-start[1657]: ${waited}`, 'iptables-failure'), 'info');
    assert.equal(ruleSeverityOf(`Mar 23 04:02:43 host dockerd[1657]: ${waited}`, 'iptables-failure'), 'warning');
    assert.equal(ruleSeverityOf(`driver failed programming external connectivity on endpoint web (3f2a): ${waited}`, 'iptables-failure'), 'warning');
    assert.equal(ruleSeverityOf(`Mar 23 04:02:43.123456 host ufw[1657]: ${waited}`, 'iptables-failure'), 'info');
    assert.equal(ruleSeverityOf(`Mar 23 04:02:43 node1 kube-proxy[1657]: ${waited}`, 'iptables-failure'), 'warning', 'a nested cluster\'s service rules left out');
  });

  it('reads NGINX Ingress\' taken port as a hint on its own, a warning where the daemon is shared', () => {
    const taken = 'F0621 14:17:23.990013       7 main.go:72] Port 10254 is already in use. Please check the flag --healthz-port';
    assert.equal(ruleSeverityOf(taken, 'dood-port-conflict'), 'info');
    assert.equal(ruleSeverityOf(`-v /var/run/docker.sock:/var/run/docker.sock\n${taken}`, 'dood-port-conflict'), 'warning');
  });
});
