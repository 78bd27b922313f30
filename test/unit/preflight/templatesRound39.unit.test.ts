// Per-template tests for round 39 (session 39): wordings the unread halves of the eighty-fourth to eighty-sixth blind
// batches (fresh83 to fresh85, read after their third scoring) and the read halves of the eighty-seventh to
// ninety-first (fresh86r to fresh90r, after their first) pointed to. Each row is built from the format strings
// named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeRuleTemplates, Row, ruleRaises, ruleSeverityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['socket-permission', 'raise Exception("Unable to connect to socket. dd-agent user must be part of the \'docker\' group")', 'Datadog agent 5 docker check "dd-agent user must be part of the \'docker\' group"'],
  ['socket-permission', '        Error: permanent failure in dockerutil: retry number exceeded', 'Datadog agent 6 "permanent failure in dockerutil: retry number exceeded" (a hint)'],
  ['daemon-unreachable', '        Error: permanent failure in dockerutil: retry number exceeded', 'the same (no socket at all, a hint)'],
  ['not-privileged', '15:19:09 Error: Container was launched without --ipc parameter', 'Dynatrace OneAgent "Container was launched without --%s parameter"'],
  ['not-privileged', "15:19:09 Error: Dynatrace OneAgent requires parameters: --privileged set to 'true' and --pid, --net, --ipc set to 'host'.", 'Dynatrace OneAgent "requires parameters: --privileged set to \'true\'"'],
  ['apparmor-denied', '24-01-16 19:12:11 CRITICAL (MainThread) [supervisor.hardware.monitor] Not privileged to run udev monitor!', 'HA Supervisor hardware/monitor.py "Not privileged to run udev monitor!" (a hint)'],
  ['kernel-module-missing', '"starting container failed: error creating external connectivity network: cannot restrict inter-container communication: please ensure that br_netfilter kernel module is loaded"', 'libnetwork "cannot restrict inter-container communication: %v" over "please ensure that br_netfilter kernel module is loaded"'],
  ['kernel-module-missing', 'ERROR: Please load snd-aloop module on the docker host.', 'docker-jitsi-meet jibri "Please load snd-aloop module on the docker host."'],
  ['rootless-prerequisites', '{Name:DefaultDependencies Value:false}]): Interactive authentication required.: unknown.', 'runc "unable to start unit %q (properties %+v): %w" cut by a terminal, polkit\'s answer'],
  ['rootless-prerequisites', 'error running container: from /usr/bin/crun creating container for [/bin/sh -c true]: sd-bus call: Interactive authentication required.: Permission denied', 'crun "sd-bus call: %s" with polkit\'s answer'],
  ['not-privileged', '❯ ERROR: TUN device missing. Please add the following setting to your container: --cap-add NET_ADMIN', 'dockur entry "TUN device missing. Please add the following setting to your container"'],
  ['not-privileged', 'W: Failure trying to run: chroot /build/fsroot mount -t proc proc /proc', 'debootstrap "Failure trying to run: %s" for its proc mount (a hint)'],
  ['not-privileged', '{"stdout":null,"message":"No such file or directory @ rb_sysopen - /box/script.sh","status":{"id":13,"description":"Internal Error"}}', 'Judge0 "No such file or directory @ rb_sysopen - /box/script.sh" (a hint)'],
  ['cgroup-v2-nesting', '{"stdout":null,"message":"No such file or directory @ rb_sysopen - /box/script.sh","status":{"id":13,"description":"Internal Error"}}', 'the same (a cgroup v2 host, a hint)'],
  ['disk-space', '19-08-22 04:34:25 ERROR (SyncWorker_4) [hassio.docker.interface] Can\'t install homeassistant/qemux86-64-homeassistant:0.97.2 -> 404 Client Error: Not Found ("no such image: homeassistant/qemux86-64-homeassistant:0.97.2: No such image")', 'Hass.io "Can\'t install %s -> %s" with docker-py 4\'s 404 "no such image" (a hint)'],
  ['disk-space', '24-03-01 10:00:00 ERROR (MainThread) [supervisor.docker.interface] Can\'t install ghcr.io/home-assistant/amd64-hassio-dns:2024.03.0: 404 Client Error for http+docker://localhost/v1.44/images/ghcr.io/home-assistant/amd64-hassio-dns:2024.03.0/json: Not Found ("no such image: ghcr.io/home-assistant/amd64-hassio-dns:2024.03.0: No such image: ghcr.io/home-assistant/amd64-hassio-dns:2024.03.0")', 'Supervisor "Can\'t install %s:%s: %s" with docker-py 7\'s "%s Client Error for %s: %s" (a hint)'],
  ['not-privileged', '19-11-16 20:20:27 ERROR (MainThread) [hassio.supervisor] Supervisor does not run in Privileged mode. Hassio runs with limited functionality!', 'HA Supervisor "Supervisor does not run in Privileged mode."'],
  ['kernel-module-missing', 'time="2016-06-30T22:14:01Z" level=error msg="Kernel Driver error detected... please load the correct PX kernel module and restart: Kernel Driver Error"', 'Portworx "please load the correct PX kernel module and restart"'],
  ['kernel-module-missing', '  thin: Required device-mapper target(s) not detected in your kernel.', 'LVM "%s: Required device-mapper target(s) not detected in your kernel."'],
  ['kernel-module-missing', '[warn] Unable to load iptable_mangle module, you will not be able to connect to the applications Web UI or Privoxy outside of your LAN', 'binhex "Unable to load iptable_mangle module, you will not be able to …" (a hint)'],
  ['apparmor-denied', 'mount: rpc_pipefs is write-protected, mounting read-only\nmount: cannot mount rpc_pipefs read-only', 'util-linux "cannot mount %s read-only" after EACCES (a hint)'],
  ['daemon-unreachable', 'gpustack_runtime.deployer.__types__.UnsupportedError: No deployer supports, please provide container runtime', 'gpustack-runtime UnsupportedError "No deployer supports, please provide container runtime" (as a worker\'s traceback printed it)'],
  ['daemon-unreachable', 'gpustack_runtime.deployer.__types__.UnsupportedError: No deployer supports', 'gpustack-runtime UnsupportedError("No deployer supports") (a hint)'],
  ['not-privileged', 'nfs-ganesha-19[main] vfs_lookup_path :FSAL :CRIT :Could not get handle for path /export/pvc-1, error Operation not permitted', 'nfs-ganesha FSAL_VFS "Could not get handle for path %s, error %s" with EPERM'],
  ['not-privileged', "Starting NFS daemon: rpc.nfsd: Unable to access /proc/fs/nfsd errno 2 (No such file or directory).", 'nfs-utils rpc.nfsd "Unable to access %s errno %d (%m)." (a hint)'],
  ['not-privileged', 'Mar 02 10:00:00 nfs rpc.nfsd[231]: Unable to access /proc/fs/nfsd errno 2 (No such file or directory).', 'the same through syslog (a hint)'],
  ['kernel-module-missing', 'Mar 02 10:00:00 nfs rpc.nfsd[231]: Unable to access /proc/fs/nfsd errno 2 (No such file or directory).', 'the same (no nfsd module on the host, a hint)'],
  ['kernel-module-missing', '     Not starting NFS kernel daemon: no support in current kernel.', 'Debian nfs-kernel-server init "Not starting NFS kernel daemon: no support in current kernel."'],
  ['not-privileged', 'E0308 23:14:11.066788       1 fs.go:418] Stat fs failed. Error: exit status 1: "/usr/sbin/zfs zfs list -Hp -o name myzfspool/home" => /dev/zfs and /proc/self/mounts are required.', 'libzfs "/dev/zfs and /proc/self/mounts are required." (a hint)'],
  ['rootless-prerequisites', 'Storing signatures\nError: slirp4netns failed', 'Podman 1.x "slirp4netns failed" with nothing after it'],
  ['rootless-prerequisites', 'mkosi was forbidden to unshare namespaces.\nThis probably means your distribution has restricted unprivileged user namespaces.', 'mkosi sandbox "mkosi was forbidden to unshare namespaces."'],
  ['apparmor-denied', 'mkosi was forbidden to unshare namespaces.\nThis probably means your distribution has restricted unprivileged user namespaces.', 'mkosi "your distribution has restricted unprivileged user namespaces" (a hint)'],
  ['not-privileged', "falco Mon Oct 27 15:28:04 2025: [libs]: libbpf: tracepoint 'syscalls/sys_enter_connect' perf_event_open() failed: Permission denied", 'libbpf "tracepoint \'%s\' perf_event_open() failed: %s" with EACCES'],
  ['caps-unavailable', 'mknod: /dev/net/tun: Operation not permitted', 'coreutils before 8.25 and busybox "mknod: %s: %s" unquoted (a hint)'],
];

describeRuleTemplates('round 39 templates', TEMPLATES);

describe('round 39 boundaries', () => {
  it('reads a content-trust failure inside the CLI\'s connect wrapper as no unreachable daemon', () => {
    const trust = 'error during connect: Post http://%2Fvar%2Frun%2Fdocker.sock/v1.37/build?t=x: Error: remote trust data does not exist for docker.io/library/node: notary.example.com:4443 does not have trust data for docker.io/library/node';
    assert.ok(!ruleRaises(trust, 'daemon-unreachable'));
    assert.ok(ruleRaises('error during connect: Get http://docker:2375/v1.40/info: dial tcp: lookup docker on 10.0.0.2:53: no such host', 'daemon-unreachable'));
  });

  it('keeps the hints below warnings where the cause is only likely', () => {
    assert.equal(ruleSeverityOf('Error: permanent failure in dockerutil: retry number exceeded', 'socket-permission'), 'info');
    assert.equal(ruleSeverityOf('[supervisor.hardware.monitor] Not privileged to run udev monitor!', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('W: Failure trying to run: chroot "/chroot/x" mount -t proc proc /proc', 'not-privileged'), 'info');
    assert.equal(ruleSeverityOf('[warn] Unable to load iptable_mangle module, you will not be able to connect to the applications Web UI', 'kernel-module-missing'), 'info');
    assert.equal(ruleSeverityOf('mount: cannot mount rpc_pipefs read-only', 'apparmor-denied'), 'info');
    assert.equal(ruleSeverityOf('ERROR (SyncWorker_1) [supervisor.docker.interface] Can\'t install ghcr.io/x/y:1 -> 404 Client Error: Not Found ("no such image: ghcr.io/x/y:1")', 'disk-space'), 'info');
  });

  it('reads the Supervisor\'s udev monitor as hints, whether or not it says it runs privileged', () => {
    const both = [
      '19-11-16 20:20:27 ERROR (MainThread) [hassio.supervisor] Supervisor does not run in Privileged mode. Hassio runs with limited functionality!',
      '19-11-16 20:20:30 CRITICAL (MainThread) [supervisor.hardware.monitor] Not privileged to run udev monitor!',
    ].join('\n');
    assert.equal(ruleSeverityOf(both, 'apparmor-denied'), 'info');
    assert.equal(ruleSeverityOf(both, 'not-privileged'), 'warning');
  });

  it('reads other content-trust failures inside the connect wrapper as no unreachable daemon', () => {
    for (const cause of ['notary.example.com does not have trust data for docker.io/library/node', 'No valid trust data for latest', 'error contacting notary server: dial tcp 10.0.0.5:4443: connect: connection refused']) {
      assert.ok(!ruleRaises(`error during connect: Post http://%2Fvar%2Frun%2Fdocker.sock/v1.37/build?t=x: Error: ${cause}`, 'daemon-unreachable'), cause);
    }
  });

  it('reads LVM\'s missing target as the level\'s access, not the kernel\'s, where the control node was refused', () => {
    const refused = ['/dev/mapper/control: open failed: Operation not permitted', 'Failure to communicate with kernel device-mapper driver.', '  thin: Required device-mapper target(s) not detected in your kernel.'].join('\n');
    assert.equal(ruleSeverityOf(refused, 'kernel-module-missing'), 'info');
    assert.equal(ruleSeverityOf('  thin: Required device-mapper target(s) not detected in your kernel.', 'kernel-module-missing'), 'warning');
  });

  it('gives the agent\'s host namespaces and the tun device their own advice', () => {
    const agent = classify('15:19:09 Error: Container was launched without --ipc parameter').find((f) => f.id === 'not-privileged')?.hint ?? '';
    assert.match(agent, /--ipc=host/);
    const tun = classify('❯ ERROR: TUN device missing. Please add the following setting to your container: --cap-add NET_ADMIN').find((f) => f.id === 'not-privileged')?.hint ?? '';
    assert.match(tun, /--device \/dev\/net\/tun/);
  });

  it('reads a missing cgroup file of PID 0 as nothing, of another process as a hint, of itself or init as a warning', () => {
    assert.ok(!ruleRaises('level=warning msg="Procfs execve event pods/ identifier error" error="open /proc/0/cgroup: no such file or directory"', 'cgroup-not-mounted'));
    assert.equal(ruleSeverityOf('error="open /proc/4242/cgroup: no such file or directory"', 'cgroup-not-mounted'), 'info');
    assert.equal(ruleSeverityOf('open /proc/self/cgroup: no such file or directory', 'cgroup-not-mounted'), 'warning');
  });

  it('reads systemctl asking a user for authentication as no rootless runtime', () => {
    assert.ok(!ruleRaises('Failed to start docker.service: Interactive authentication required.', 'rootless-prerequisites'));
  });
});

describeQuiet('round 39 prose that names the docker group', [
  ['Note: your user must be a member of the docker group to run docker without sudo.', 'a README\'s note'],
  ['# The jenkins user must be part of the docker group', 'a provisioning script\'s comment'],
  ["To use this role the user must be a member of the 'docker' group.", 'an Ansible role\'s docs'],
]);
