// Per-template tests for round 25 (session 25): wordings the read halves of the thirty-eighth and thirty-ninth blind
// batches pointed to (RootlessKit's and Podman's id maps, systemd's v1 fallback on a host path, runc ≤1.0's proc mount,
// the rootless unit restarting, a package manager's EXDEV, a refusal inside a container started --privileged).
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const HOST_PATH = '/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const TEMPLATES: Row[] = [
  ['rootless-prerequisites', 'DEBU[0000] subid-source:dynamic: failed to get subuids by the UID 1001  error="failed to exec [/usr/bin/getsubids 1001]: exit status 1"', 'RootlessKit subid-source "failed to get subuids by the UID %d"'],
  ['rootless-prerequisites', 'getsubids: exit status 1 (stdout="", stderr="Error fetching ranges")', 'shadow getsubids "Error fetching ranges"'],
  ['rootless-prerequisites', 'Error: cannot set up namespace using "/usr/bin/newuidmap": should have setuid or have filecaps setuid: exit status 1', 'containers/storage pkg/unshare "cannot set up namespace using %q: %w"'],
  ['cgroupns-host', `systemd[812]: Failed to attach 812 to compat systemd cgroup ${HOST_PATH}/system.slice/app.service: No such file or directory`, 'systemd "Failed to attach %d to compat systemd cgroup %s: %m" on a host path'],
  ['not-privileged', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:344: starting container process caused "process_linux.go:424: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"proc\\\\\\" to rootfs \\\\\\"/var/lib/docker/vfs/dir/0a1b\\\\\\" at \\\\\\"/proc\\\\\\" caused \\\\\\"permission denied\\\\\\"\\"": unknown.', 'runc ≤1.0 "mounting %q to rootfs %q at %q caused %q" with EACCES'],
  ['rootless-prerequisites', '● docker.service - Docker Application Container Engine (Rootless)\n   Loaded: loaded (/home/u/.config/systemd/user/docker.service; disabled)\n   Active: activating (auto-restart) (Result: exit-code) since Fri 2020-12-11 12:39:59 CET; 787ms ago', 'the set-up tool\'s user unit restarting (a hint)'],
  ['storage-driver-unsupported', "dpkg: error processing archive /var/cache/apt/archives/sl_5.02-1_amd64.deb (--unpack):\n unable to install new version of './usr/share/doc/sl': Invalid cross-device link", 'dpkg "unable to install new version of \'%.250s\': %s" with EXDEV (a hint)'],
];

describeTemplates('round 25 templates', TEMPLATES);

describe('round 25 context', () => {
  it('reads the rootless unit as down only where its own Active line says so', () => {
    const running = '● docker.service - Docker Application Container Engine (Rootless)\n   Loaded: loaded\n   Active: active (running) since Fri 2020-12-11 12:39:59 CET';
    assert.ok(!ids(running).includes('rootless-prerequisites'));
    const failed = running.replace('active (running)', 'failed (Result: exit-code)');
    assert.equal(severityOf(failed, 'rootless-prerequisites'), 'info');
  });
  it('reads a mount refused inside a container the paste started with --privileged as the runtime\'s, too', () => {
    const text = "+ docker run --name work --privileged --cap-add=ALL img bash -c 'mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc'\nmount: /proc/sys/fs/binfmt_misc: permission denied.";
    assert.ok(ids(text).slice(0, 2).includes('caps-unavailable'));
    const unprivileged = text.replace('--privileged ', '');
    assert.ok(!ids(unprivileged).includes('caps-unavailable'));
  });
  it('keeps systemd\'s fallback on its own namespace\'s path quiet', () => {
    assert.ok(!ruleRaises('systemd[812]: Failed to attach 812 to compat systemd cgroup /system.slice/app.service: No such file or directory', 'cgroupns-host'));
  });
});
