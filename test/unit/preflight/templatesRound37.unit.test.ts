// Per-template tests for round 37 (session 37): wordings the seventy-eighth blind batch's unread half (fresh77), read
// after its second scoring, pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.', 'the dind script\'s securityfs warning where the mount program ran'],
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
});
