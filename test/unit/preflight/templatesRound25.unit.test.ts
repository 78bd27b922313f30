// Per-template tests for round 25 (session 25): wordings the read halves of the thirty-eighth and thirty-ninth blind
// batches pointed to (RootlessKit's and Podman's id maps, systemd's v1 fallback on a host path, runc ≤1.0's proc mount,
// the rootless unit restarting, a package manager's EXDEV, a refusal inside a container started --privileged).
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { unescape } from '../../../src/engine/preflight/normalize';
import { describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const HOST_PATH = '/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const TEMPLATES: Row[] = [
  ['rootless-prerequisites', 'DEBU[0000] subid-source:dynamic: failed to get subuids by the UID 1001  error="failed to exec [/usr/bin/getsubids 1001]: exit status 1"', 'RootlessKit subid-source "failed to get subuids by the UID %d"'],
  ['rootless-prerequisites', 'getsubids: exit status 1 (stdout="", stderr="Error fetching ranges")', 'shadow getsubids "Error fetching ranges"'],
  ['rootless-prerequisites', 'Error: cannot set up namespace using "/usr/bin/newuidmap": should have setuid or have filecaps setuid: exit status 1', 'containers/storage pkg/unshare "cannot set up namespace using %q: %w"'],
  ['cgroupns-host', `systemd[812]: Failed to attach 812 to compat systemd cgroup ${HOST_PATH}/system.slice/app.service: No such file or directory`, 'systemd "Failed to attach %d to compat systemd cgroup %s: %m" on a host path'],
  ['not-privileged', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:344: starting container process caused "process_linux.go:424: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"proc\\\\\\" to rootfs \\\\\\"/var/lib/docker/vfs/dir/0a1b\\\\\\" at \\\\\\"/proc\\\\\\" caused \\\\\\"permission denied\\\\\\"\\"": unknown.', 'runc before 1.0-rc93 "mounting %q to rootfs %q at %q caused %q" with EACCES'],
  ['not-privileged', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:367: starting container process caused: process_linux.go:495: container init caused: rootfs_linux.go:60: mounting "proc" to rootfs at "/proc" caused: permission denied: unknown.', 'runc rc93-1.0 "mounting %q to rootfs at %q caused: %v"'],
  ['cgroupns-host', `systemd[812]: Failed to attach 812 to compat systemd cgroup '${HOST_PATH}/system.slice/app.service', ignoring: No such file or directory`, 'newer systemd\'s quoted path, "ignoring"'],
  ['rootless-prerequisites', '× docker.service - Docker Application Container Engine (Rootless)\n     Loaded: loaded (/home/u/.config/systemd/user/docker.service; enabled)\n    Drop-In: /home/u/.config/systemd/user/docker.service.d\n             └─override.conf\n             /usr/lib/systemd/user/service.d\n             └─10-timeout-abort.conf\n     Active: failed (Result: exit-code) since Mon 2024-01-01 10:00:00 UTC', 'the rootless unit\'s Active line after Drop-In lines (a hint)'],
  ['rootless-prerequisites', '● docker.service - Docker Application Container Engine (Rootless)\n   Loaded: loaded (/home/u/.config/systemd/user/docker.service; disabled)\n   Active: activating (auto-restart) (Result: exit-code) since Fri 2020-12-11 12:39:59 CET; 787ms ago', 'the set-up tool\'s user unit restarting (a hint)'],
  ['storage-driver-unsupported', "dpkg: error processing archive /var/cache/apt/archives/sl_5.02-1_amd64.deb (--unpack):\n unable to install new version of './usr/share/doc/sl': Invalid cross-device link", 'dpkg "unable to install new version of \'%.250s\': %s" with EXDEV (a hint)'],
  ['cgroup-v2-nesting', 'lxc-start: c1: ../src/lxc/cgroups/cgfsng.c: __cgfsng_delegate_controllers: 3341 Device or resource busy - Could not enable "+cpuset +cpu +io +memory +pids" controllers in the unified cgroup 7', 'LXC cgfsng "Could not enable \\"%s\\" controllers in the unified cgroup %d" with EBUSY'],
  ['not-privileged', 'time="2015-05-21T12:40:23Z" level=error msg="There are no more loopback devices available."', 'moby pkg/loopback in a container without /dev/loop-control (a hint beside the storage reading)'],
  ['not-privileged', 'root@a301-9097-7434:/# dockerd\nmkdir /var/lib/docker: permission denied', 'dockerd refused its own data root as root (a hint)'],
  ['dood-volume-path', 'total 4\ndrwxr-xr-x 3 root root   60 Jun 14 02:29 .\ndrwxr-xr-x 1 root root 4096 Jun 14 03:25 ..\ndrwxr-xr-x 2 root root   40 Jun 14 02:29 mongosetup.sh', 'an empty folder named like a script (a hint)'],
  ['dood-volume-path', '$ docker run -d -v ./nginx.conf:/etc/nginx/nginx.conf nginx\n$ ls -l\ndrwxr-xr-x 2 root root 4096 Jun 14 02:29 nginx.conf', 'a root folder named as a bound file (a hint)'],
  ['cgroup-v2-nesting', 'ERROR: UserNS: cpu controller needs to be delegated', 'kind\'s node entrypoint "ERROR: UserNS: $f controller needs to be delegated"'],
  ['storage-driver-unsupported', '❗  docker is currently using the zfs storage driver, consider switching to overlay2 for better performance\n❌  Exiting due to RUNTIME_ENABLE: sudo systemctl restart docker: Process exited with status 1', 'minikube\'s driver warning beside its node\'s engine failing'],
];

describeTemplates('round 25 templates', TEMPLATES);

describe('round 25 context', () => {
  it('reads the rootless unit as down only where its own Active line says so', () => {
    const running = '● docker.service - Docker Application Container Engine (Rootless)\n   Loaded: loaded\n   Active: active (running) since Fri 2020-12-11 12:39:59 CET';
    assert.ok(!ruleRaises(running, 'rootless-prerequisites'));
    const failed = running.replace('active (running)', 'failed (Result: exit-code)');
    assert.equal(severityOf(failed, 'rootless-prerequisites'), 'info');
  });
  it('reads a mount refused inside a container the paste started with --privileged as the runtime\'s, too', () => {
    const text = "+ docker run --name work --privileged --cap-add=ALL img bash -c 'mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc'\nmount: /proc/sys/fs/binfmt_misc: permission denied.";
    assert.ok(ids(text).slice(0, 2).includes('caps-unavailable'));
    const unprivileged = text.replace('--privileged ', '');
    assert.ok(!ruleRaises(unprivileged, 'caps-unavailable'));
    const laterRun = text.replace("\nmount:", "\n$ docker run --rm img mount -t tmpfs none /mnt\nmount:");
    assert.ok(!ruleRaises(laterRun, 'caps-unavailable'), 'the last run before the refusal decides');
  });
  it('reads a rootless daemon\'s own iptables refused as the firewall\'s failure, not a missing --privileged', () => {
    const text = "failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to create NAT chain DOCKER: iptables failed: iptables -t nat -N DOCKER: iptables v1.6.2: can't initialize iptables table `nat': Permission denied (you must be root)\n[rootlesskit:child ] error: command [./dockerd-rootless.sh --experimental] exited: exit status 1";
    assert.equal(ids(text)[0], 'iptables-failure');
    assert.equal(severityOf(text, 'not-privileged'), 'info');
  });
  it('leaves a folder that holds something, or one named like a folder, alone', () => {
    assert.ok(!ruleRaises('drwxr-xr-x 3 root root 4096 Jun 14 02:29 scripts.sh', 'dood-volume-path'));
    assert.ok(!ruleRaises('drwxr-xr-x 2 root root 4096 Jun 14 02:29 conf.d', 'dood-volume-path'));
  });
  it('reads a runc error quoted six times over (an Ansible task\'s JSON) as once', () => {
    const deep = 'mounting ' + '\\'.repeat(63) + '"proc' + '\\'.repeat(63) + '" to rootfs';
    assert.ok(/mounting "proc" to rootfs/.test(unescape(deep)));
  });
  it('leaves minikube\'s driver warning alone where its node\'s engine started', () => {
    assert.ok(!ruleRaises('❗  docker is currently using the zfs storage driver, consider switching to overlay2 for better performance\n🏄  Done! kubectl is now configured to use "minikube" cluster', 'storage-driver-unsupported'));
  });
  it('reads only the container a refusal was made in: the nearest command before it decides', () => {
    const build = '$ docker run --privileged --rm --name binfmt tonistiigi/binfmt --install all\n$ docker build -t app .\nStep 3/5 : RUN sysctl -w net.core.somaxconn=1024\nsysctl: permission denied on key "net.core.somaxconn"';
    assert.ok(!ruleRaises(build, 'caps-unavailable'), 'a build step');
    const otherExec = "$ docker run --privileged -d --name dind docker:dind\n$ docker exec -it web sh -c 'unshare -m true'\nunshare: unshare failed: Operation not permitted";
    // (The model may still offer it as a weak second guess: the rules' reading is what is tested.)
    assert.ok(!ruleRaises(otherExec, 'caps-unavailable'), 'an exec into another container');
    const logsByName = '$ docker run --privileged -d --name kindnode kindest/node:v1.29.0\n$ docker run --rm alpine uname -a\nLinux x 6.1\n$ docker logs kindnode\nERROR: this script must be run with --privileged';
    assert.equal(ids(logsByName)[0], 'caps-unavailable', 'the logs of the container run --privileged under that name');
  });
  it('keeps the rootless iptables reading to a rootless daemon not shown run without the --privileged its image asks for', () => {
    const ip6 = "[rootlesskit:child ] error: command [./dockerd-rootless.sh] exited: exit status 1\nfailed to start daemon: Error initializing network controller: ip6tables v1.8.7 (legacy): can't initialize ip6tables table `nat': Permission denied (you must be root)";
    assert.equal(severityOf(ip6, 'not-privileged'), 'info');
    const dind = "$ docker run -d --name some-docker docker:dind-rootless\n$ docker logs some-docker\n[rootlesskit:child ] error: command [dockerd-rootless.sh] exited: exit status 1\nfailed to start daemon: Error initializing network controller: iptables failed: iptables -t nat -N DOCKER: can't initialize iptables table `nat': Permission denied (you must be root)";
    assert.equal(severityOf(dind, 'not-privileged'), 'error');
  });
  it('reads root\'s data root refused under a rootless daemon as no missing --privileged', () => {
    assert.ok(!ruleRaises('[rootlesskit:child ] error: command [/usr/bin/dockerd-rootless.sh] exited: exit status 1\nfailed to start daemon: mkdir /var/lib/docker: permission denied', 'not-privileged'));
  });
  it('reads a folder named like a file only when root made it empty or the paste binds it', () => {
    assert.ok(!ruleRaises('drwxr-xr-x 2 www-data www-data 4096 Jan  3 10:00 vue.js', 'dood-volume-path'));
    assert.ok(!ruleRaises('$ ls -l\n-rw-r--r-- 1 me me 120 Jan 12 10:00 config.yaml\ndrwxr-xr-x 2 root root 4096 Jan 12 10:00 tests.py', 'dood-volume-path'));
  });
  it('reads minikube\'s zfs warning only with its node\'s engine failing before minikube is done', () => {
    const hostUnit = '❗  docker is currently using the zfs storage driver, consider switching to overlay2 for better performance\n🏄  Done! kubectl is now configured to use "minikube" cluster\n$ sudo systemctl restart docker\nJob for docker.service failed because the control process exited with error code.';
    assert.ok(!ruleRaises(hostUnit, 'storage-driver-unsupported'));
  });
  it('unescapes past four levels only while an escaped quote is left', () => {
    assert.equal(unescape('C:' + '\\'.repeat(16) + 'new'), 'C:\\new');
  });
  it('keeps systemd\'s fallback on its own namespace\'s path quiet', () => {
    assert.ok(!ruleRaises('systemd[812]: Failed to attach 812 to compat systemd cgroup /system.slice/app.service: No such file or directory', 'cgroupns-host'));
  });
});
