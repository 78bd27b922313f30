// Per-template tests for round 37 (session 37): wordings the seventy-eighth blind batch's unread half (fresh77), read
// after its second scoring, and the seventy-ninth's read half (fresh78r) pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.', 'the dind script\'s securityfs warning where the mount program ran'],
  ['daemon-unreachable', "requests.exceptions.ConnectionError: UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /v1.13/containers/json?all=1 (Caused by <class 'socket.error'>: [Errno 111] Connection refused)", 'urllib3 before 1.26 "Max retries exceeded with url: %s (Caused by %r)" on the Engine API\'s path, ECONNREFUSED'],
  ['daemon-unreachable', "ConnectionError: UnixHTTPConnectionPool(host='localhost', port=None): Max retries exceeded with url: /run/docker.sock/v1.15/info (Caused by <class 'socket.error'>: [Errno 2] No such file or directory)", 'the same with ENOENT'],
  ['not-privileged', 'Fri Oct  5 00:04:02 2018 ERROR: Cannot ioctl TUNSETIFF tun: Operation not permitted (errno=1)', 'OpenVPN tun.c "Cannot ioctl TUNSETIFF %s" with EPERM'],
  ['not-privileged', 'Checking that ptrace can change system call numbers...ptrace: Operation not permitted\ncheck_ptrace : expected SIGSTOP, got status = 256', 'User-Mode Linux start_up.c "check_ptrace : expected SIGSTOP, got status = %d"'],
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
});
