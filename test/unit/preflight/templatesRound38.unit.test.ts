// Per-template tests for round 38 (session 38): wordings the eighty-first blind batch's unread half (fresh80, read after
// its third scoring) and the eighty-second batch (fresh81, read after its second) pointed to. Each row is built from the
// format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['not-privileged', 'ERROR: Error response from daemon: {"message":"Forbidden. Reason: [ContainerCreate] SageMaker Studio Docker Usage does not allow privileged mode execution"}', 'SageMaker Studio\'s Docker proxy "does not allow privileged mode execution"'],
  ['storage-driver-unsupported', 'docker: failed to register layer: Error processing tar file(exit status 1): link /bin/[ /bin/lsof: remote I/O error.', 'moby "failed to register layer: %v" over chrootarchive with EREMOTEIO'],
  ['kernel-module-missing', '/dev/mapper/control: open failed: No such device\nFailure to communicate with kernel device-mapper driver.', 'libdevmapper "%s: open failed: %s" with ENODEV (a hint)'],
  ['kernel-module-missing', 'WARNING: Unable to detect the xt_set module as Loaded/Builtin module or lsmod\n\t\txt_set\t\tFAIL', 'calicoctl checksystem "Unable to detect the %s module as Loaded/Builtin module or lsmod"'],
  ['api-version-mismatch', 'level=critical msg="Error creating Docker client" error="docker client factory: client not found for docker version: 1.24"', 'ECS agent sdkclientfactory "docker client factory: client not found for docker version: %v"'],
];

describeRuleTemplates('round 38 templates', TEMPLATES);

describe('round 38 boundaries', () => {
  it('reads libdevmapper refused for lack of privilege as the level\'s, not the kernel\'s', () => {
    const refused = '/dev/mapper/control: open failed: Operation not permitted\nFailure to communicate with kernel device-mapper driver.';
    assert.ok(!ruleRaises(refused, 'kernel-module-missing'));
    assert.equal(severityOf('/dev/mapper/control: open failed: No such device', 'kernel-module-missing'), 'info');
  });

  it('reads a layer refused for another reason as no network share', () => {
    assert.ok(!ruleRaises('failed to register layer: Error processing tar file(exit status 1): write /usr/lib/x.so: no space left on device', 'storage-driver-unsupported'));
    assert.ok(!ruleRaises('i2c i2c-1: remote I/O error', 'storage-driver-unsupported'));
  });

  it('reads a proxy that allows privileged mode as nothing', () => {
    assert.ok(!ruleRaises('The platform allows privileged mode execution for this domain', 'not-privileged'));
  });
});
