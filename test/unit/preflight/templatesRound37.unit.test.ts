// Per-template tests for round 37 (session 37): wordings the seventy-eighth blind batch's unread half (fresh77), read
// after its second scoring, and the seventy-ninth's halves (fresh78r after one scoring, fresh78 after three), the
// eightieth's halves (fresh79r after one scoring, fresh79 after three) and the eighty-first's read half (fresh80r)
// pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.', 'the dind script\'s securityfs warning where the mount program ran'],
  ['daemon-unreachable', "requests.exceptions.ConnectionError: UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /v1.13/containers/json?all=1 (Caused by <class 'socket.error'>: [Errno 111] Connection refused)", 'urllib3 before 1.26 "Max retries exceeded with url: %s (Caused by %r)" on the Engine API\'s path, ECONNREFUSED'],
  ['daemon-unreachable', "ConnectionError: UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /run/docker.sock/v1.15/info (Caused by <class 'socket.error'>: [Errno 2] No such file or directory)", 'the same with ENOENT'],
  ['not-privileged', 'Fri Oct  5 00:04:02 2018 ERROR: Cannot ioctl TUNSETIFF tun: Operation not permitted (errno=1)', 'OpenVPN tun.c "Cannot ioctl TUNSETIFF %s" with EPERM'],
  ['not-privileged', 'Checking that ptrace can change system call numbers...ptrace: Operation not permitted\ncheck_ptrace : expected SIGSTOP, got status = 256', 'User-Mode Linux start_up.c "check_ptrace : expected SIGSTOP, got status = %d"'],
  ['rootless-prerequisites', "ch-run[11544]: can't init user+mount namespaces: Invalid argument (ch_core.c:381 22)", 'Charliecloud ch-run "can\'t init user+mount namespaces: %s" with EINVAL'],
  ['rootless-prerequisites', "ch-run[17164]: can't init user+mount namespaces: Operation not permitted (ch-run.c:661 1)", 'the same with EPERM'],
  ['daemon-unreachable', 'Warning: stream_socket_client(): unable to connect to unix:///var/run/docker.sock (No such file or directory) in /usr/local/emhttp/plugins/dynamix.docker.manager/include/DockerClient.php on line 682', 'PHP streams "unable to connect to %s (%s)" on the engine\'s socket, ENOENT'],
  ['socket-permission', 'PHP Warning:  stream_socket_client(): unable to connect to unix:///var/run/docker.sock (Permission denied) in /app/Docker.php on line 12', 'the same with EACCES'],
  ['memory-limit', 'Jan 17 05:03:58 box systemd[1]: docker.service: Main process exited, code=killed, status=9/KILL', 'systemd "Main process exited, code=killed, status=9/KILL" for the engine\'s unit (a hint)'],
  ['disk-space', '2015-06-03T03:25:10.717+0000 E JOURNAL  [initandlisten] Insufficient free space for journal files', 'mongod "Insufficient free space for journal files"'],
  ['disk-space', '2015-06-03T03:25:10.717+0000 I STORAGE  [initandlisten] exception in initAndListen: 15926 Insufficient free space for journals, terminating', 'mongod exception 15926 "Insufficient free space for journals"'],
  ['aufs-module-missing', 'E: Unable to locate package linux-image-extra-3.19.1-x86_64-linode53', 'apt "Unable to locate package %s" for the kernel\'s linux-image-extra (a hint)'],
  ['data-root-corrupt', 'docker: Error response from daemon: failed to update store for object type *libnetwork.endpoint: open /var/lib/docker/network/files/local-kv.db: no such file or directory.', 'libnetwork "failed to update store for object type %T: %v" with its store file gone'],
  ['data-root-corrupt', 'level=error msg="Handler for GET /v1.21/containers/f638087727167954/json returned error: devmapper: Unknown device 6667170411c9bd740fb1c2ad"', 'moby devmapper deviceset.go "devmapper: Unknown device %s"'],
  ['kernel-module-missing', "No binfmt support in the kernel.\n  Try: '/sbin/modprobe binfmt_misc' from the host", 'multiarch/qemu-user-static register.sh "No binfmt support in the kernel."'],
  ['kernel-module-missing', "update-binfmts: warning: Couldn't load the binfmt_misc module.", 'update-binfmts "Couldn\'t load the binfmt_misc module." (a hint)'],
  ['kernel-module-missing', 'mount: /build/images/rootfs: failed to setup loop device for /build/images/rootfs.img.', 'util-linux "%s: failed to setup loop device for %s." (a module hint)'],
  ['not-privileged', 'mount: /build/images/rootfs: failed to setup loop device for /build/images/rootfs.img.', 'the same (a device hint)'],
  ['rootless-prerequisites', 'W: no entry in /etc/subuid for builder\nE: invalid idmap', 'mmdebstrap "no entry in /etc/subuid for %s"'],
  ['rootless-prerequisites', "W: /etc/subuid doesn't exist\nE: invalid idmap", 'mmdebstrap "%s doesn\'t exist" for /etc/subuid'],
  ['kernel-module-missing', 'mount: /x.img: failed to setup loop device: No such file or directory', 'util-linux before 2.30 "failed to setup loop device: %m" (a module hint)'],
  ['memory-limit', '2024-01-01T00:00:00.1Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12', 'MySQL 8 "[InnoDB] mmap(%zu bytes) failed; errno %d" (a hint)'],
  ['daemon-unreachable', 'Error checking TLS connection: Error checking and/or regenerating the certs: There was an error validating certificates for host "192.168.99.100:2376": dial tcp 192.168.99.100:2376: connectex: No connection could be made because the target machine actively refused it.', 'the same on Windows (connectex)'],
  ['daemon-unreachable', 'Error running connection boilerplate: Error checking and/or regenerating the certs: There was an error validating certificates for host "192.168.99.100:2376": dial tcp 192.168.99.100:2376: i/o timeout', 'docker-machine "There was an error validating certificates for host %q: %s" where the dial failed'],
  ['aufs-module-missing', 'failed: [host] (item=[u\'linux-image-extra-4.4.0-042stab120.19\']) => {"failed": true, "msg": "No package matching \'linux-image-extra-4.4.0-042stab120.19\' is available"}', 'Ansible apt "No package matching \'%s\' is available" for linux-image-extra (a hint)'],
  ['memory-limit', 'InnoDB: mmap(137363456 bytes) failed; errno 12\n2015-01-08 04:03:09 1 [ERROR] InnoDB: Cannot allocate memory for the buffer pool', 'InnoDB "mmap(%zu bytes) failed; errno %d" with ENOMEM (a hint)'],
];

describeRuleTemplates('round 37 templates', TEMPLATES);

describe('round 37 boundaries', () => {
  it('reads the securityfs warning as a hint where the image\'s own mount program is broken', () => {
    const musl = 'Error relocating /bin/mount: mnt_context_enable_noautofs: symbol not found\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.';
    assert.equal(severityOf(musl, 'not-privileged'), 'info');
    const glibc = 'mount: error while loading shared libraries: libmount.so.1: cannot open shared object file: No such file or directory\nCould not mount /sys/kernel/security.';
    assert.equal(severityOf(glibc, 'not-privileged'), 'info');
    assert.ok(ruleRaises('Could not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.', 'not-privileged'));
  });

  it('reads urllib3 refused on a socket\'s other paths, or refused by its permissions, as no daemon out of reach', () => {
    assert.ok(!ruleRaises("UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /api/status (Caused by <class 'socket.error'>: [Errno 111] Connection refused)", 'daemon-unreachable'));
    assert.ok(!ruleRaises("UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /run/docker.sock/v1.15/info (Caused by <class 'socket.error'>: [Errno 13] Permission denied)", 'daemon-unreachable'));
  });

  it('reads OpenVPN\'s tunnel ioctl refused for another reason as no missing privilege', () => {
    assert.ok(!ruleRaises('ERROR: Cannot ioctl TUNSETIFF tun0: Device or resource busy (errno=16)', 'not-privileged'));
  });

  it('reads PHP refused on another program\'s socket as nothing', () => {
    assert.ok(!ruleRaises('Warning: stream_socket_client(): unable to connect to unix:///run/php-fpm.sock (No such file or directory)', 'daemon-unreachable'));
  });

  it('reads iptables\'s missing chain after a rule added by hand on Docker\'s chain as a hint', () => {
    const byHand = '+ sudo iptables -A DOCKER -m state --state RELATED,ESTABLISHED -j ACCEPT\niptables: No chain/target/match by that name.';
    assert.equal(severityOf(byHand, 'iptables-failure'), 'info');
    assert.equal(severityOf('$ sudo iptables -I DOCKER-USER -i lxdbr0 -j ACCEPT\niptables: No chain/target/match by that name.', 'iptables-failure'), 'info');
    const daemons = 'Error response from daemon: driver failed programming external connectivity on endpoint web (ab12): (iptables failed: iptables --wait -t nat -A DOCKER -p tcp -d 0/0 --dport 80 -j DNAT --to-destination 172.17.0.2:80 ! -i docker0: iptables: No chain/target/match by that name.';
    assert.notEqual(severityOf(`+ sudo iptables -A DOCKER -j ACCEPT\n${daemons}`, 'iptables-failure'), 'info');
    // Alone, with no daemon at work on iptables in the paste, it is a script's own rule (round 40).
    assert.equal(severityOf('iptables: No chain/target/match by that name.', 'iptables-failure'), 'info');
    assert.notEqual(severityOf('dockerd[812]: iptables: No chain/target/match by that name.', 'iptables-failure'), 'info');
  });

  it('reads apt missing another package as no aufs', () => {
    assert.ok(!ruleRaises('E: Unable to locate package linux-image-extra-virtual', 'aufs-module-missing'));
    assert.ok(!ruleRaises('E: Unable to locate package docker-ce', 'aufs-module-missing'));
  });

  it('keeps the daemon\'s own refusals beside a broken mount program and after a rule added by hand', () => {
    const broken = 'Error relocating /bin/mount: mnt_context_enable_noautofs: symbol not found\nCould not mount /sys/kernel/security.\nlevel=error msg="failed to mount overlay: operation not permitted" storage-driver=overlay2';
    assert.notEqual(severityOf(broken, 'not-privileged'), 'info');
    const musl = 'Error loading shared library libmount.so.1: No such file or directory (needed by /bin/mount)\nCould not mount /sys/kernel/security.';
    assert.equal(severityOf(musl, 'not-privileged'), 'info');
    const daemons = 'Error response from daemon: driver failed programming external connectivity on endpoint web (ab12): (iptables failed: iptables --wait -t nat -A DOCKER -p tcp -d 0/0 --dport 80 -j DNAT --to-destination 172.17.0.2:80 ! -i docker0: iptables: No chain/target/match by that name.';
    const both = `+ sudo iptables -A DOCKER -j ACCEPT\niptables: No chain/target/match by that name.\n${daemons}`;
    assert.notEqual(severityOf(both, 'iptables-failure'), 'info');
    assert.equal(severityOf('[root@box ~]# iptables -w 5 -I DOCKER-USER -j RETURN\niptables: No chain/target/match by that name.', 'iptables-failure'), 'info');
  });

  it('reads User-Mode Linux\'s check ending in a crash as no missing privilege', () => {
    assert.ok(!ruleRaises('check_ptrace : expected SIGSTOP, got status = 139', 'not-privileged'));
    assert.ok(ruleRaises('check_ptrace : expected SIGSTOP, got status = 9', 'not-privileged'));
  });

  it('reads a host-wide sysctl refused in a container as a hint, a namespaced one as the level\'s privileges', () => {
    assert.equal(severityOf('elk_1  | sysctl: setting key "vm.max_map_count": Read-only file system', 'not-privileged'), 'info');
    assert.equal(severityOf("sysctl: error setting key 'kernel.pid_max': Read-only file system", 'not-privileged'), 'info');
    assert.equal(severityOf("sysctl: error setting key 'net.ipv4.ip_forward': Read-only file system", 'not-privileged'), 'error');
    assert.equal(severityOf("sysctl: error setting key 'kernel.shmmax': Read-only file system", 'not-privileged'), 'error');
    assert.equal(severityOf("sysctl: permission denied on key 'vm.max_map_count', ignoring", 'not-privileged'), 'info');
    assert.equal(severityOf("sysctl: permission denied on key 'net.netfilter.nf_conntrack_max'", 'not-privileged'), 'info');
    for (const key of ['fs.mqueue.msg_max', 'kernel.hostname', 'kernel.domainname', 'kernel.ns_last_pid', 'net.core.somaxconn', 'kernel.msgmax']) {
      assert.equal(severityOf(`sysctl: error setting key '${key}': Read-only file system`, 'not-privileged'), 'error', key);
    }
  });

  it('reads the binfmt sentence echoed by a trace, and a store path without its layer, as nothing', () => {
    assert.ok(!ruleRaises('+ echo No binfmt support in the kernel.', 'kernel-module-missing'));
    assert.ok(!ruleRaises('devmapper: Unknown device ', 'data-root-corrupt'));
    assert.ok(!ruleRaises('open /var/lib/docker/network/files/local-kv.db: permission denied', 'data-root-corrupt'));
  });

  it('reads docker-machine\'s certificate check failing after a dial that answered as no daemon out of reach', () => {
    const answered = 'Error running connection boilerplate: Error checking and/or regenerating the certs: There was an error validating certificates for host "10.0.0.5:8443": remote error: tls: bad certificate';
    assert.ok(!ruleRaises(answered, 'daemon-unreachable'));
    assert.ok(ruleRaises(answered.replace('remote error: tls: bad certificate', 'dial tcp 10.0.0.5:8443: i/o timeout'), 'daemon-unreachable'));
  });

  it('keeps the hints hints', () => {
    assert.equal(severityOf("update-binfmts: warning: Couldn't load the binfmt_misc module.", 'kernel-module-missing'), 'info');
    assert.equal(severityOf('mount: /mnt: failed to setup loop device for /tmp/disk.img.', 'not-privileged'), 'info');
    assert.equal(severityOf('ERROR: Cannot ioctl TUNSETIFF tun: Operation not permitted (errno=1)', 'not-privileged'), 'info');
    assert.equal(severityOf('E JOURNAL  [initandlisten] Insufficient free space for journal files', 'disk-space'), 'info');
    assert.equal(severityOf('E: Unable to locate package linux-image-extra-4.4.0-1012-aws', 'aufs-module-missing'), 'info');
    assert.equal(severityOf('Jan 17 05:03:58 box systemd[1]: docker.service: main process exited, code=killed, status=9/KILL', 'memory-limit'), 'info');
  });

  it('reads the engine\'s unit killed after its stop timed out as no memory limit', () => {
    const stop = "box systemd[1]: docker.service: State 'stop-sigterm' timed out. Killing.\nbox systemd[1]: docker.service: Main process exited, code=killed, status=9/KILL";
    assert.ok(!classify(stop).some((f) => f.id === 'memory-limit' && f.confidence === undefined));
  });

  it('reads urllib3 on the socket\'s version call, and its permissions', () => {
    assert.ok(ruleRaises("UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /version (Caused by NewConnectionError: [Errno 111] Connection refused)", 'daemon-unreachable'));
    assert.ok(ruleRaises("UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /v1.41/info (Caused by <class 'socket.error'>: [Errno 13] Permission denied)", 'socket-permission'));
  });
});
