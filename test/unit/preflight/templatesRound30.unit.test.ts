// Per-template tests for round 30 (session 30): wordings the fiftieth and fifty-first blind batches (fresh49, fresh50,
// read after two scorings) pointed to. Each row is built from the format strings named in it, with made-up hosts.
import * as assert from 'node:assert/strict';
import { describeRuleTemplates, ids, Row, ruleRaises, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['daemon-unreachable', 'Get http://10.0.0.5:4243/_ping: dial tcp 10.0.0.5:4243: i/o timeout', 'net/http "Get %s: dial tcp %s: i/o timeout" on the Engine API\'s unversioned /_ping'],
  ['daemon-unreachable', 'Get "http://127.0.0.1:2375/_ping": dial tcp 127.0.0.1:2375: connect: connection refused', 'the same, quoted (Go 1.14+), refused'],
  ['memory-limit', '# github.com/example/tool\ncollect2: ld terminated with signal 9 [Killed]', 'gcc collect2 "%s terminated with signal %d [%s]" for SIGKILL (a hint)'],
  ['memory-limit', 'g++: fatal error: Killed signal terminated program cc1plus\ncompilation terminated.', 'gcc "Killed signal terminated program %s" (a hint)'],
  [
    'api-version-mismatch',
    'Error response from daemon: client is too old, minimum supported API version is 1.12, please upgrade your client to a newer version',
    'Docker 1.8-1.11 "client is too old, minimum supported API version is %s, …" (a hint)',
  ],
  ['disk-space', 'docker: Error response from daemon: Failed to create btrfs snapshot: read-only file system.', 'moby btrfs "Failed to create btrfs snapshot: %v" with EROFS: btrfs gone read-only (a hint)'],
];

describeRuleTemplates('round 30 templates', TEMPLATES);

describe('round 30 boundaries', () => {
  it("reads a registry's /v1/_ping below a path as no unreachable daemon", () => {
    const text = 'Error: Get http://registry.example.com:5000/v1/_ping: dial tcp 203.0.113.7:5000: i/o timeout';
    assert.ok(!ruleRaises(text, 'daemon-unreachable'), ids(text).join(', '));
  });

  it('keeps a killed compiler a hint, never an alarm', () => {
    assert.equal(severityOf('collect2: ld terminated with signal 9 [Killed]', 'memory-limit'), 'info');
  });

  it('keeps the btrfs snapshot refused otherwise the driver, and the read-only one no driver error', () => {
    assert.ok(ids('Failed to create btrfs snapshot: inappropriate ioctl for device').includes('storage-driver-unsupported'));
    assert.ok(!ruleRaises('Failed to create btrfs snapshot: read-only file system', 'storage-driver-unsupported'));
  });

  it('reads the linker ended by another signal as no memory limit', () => {
    assert.ok(!ruleRaises('collect2: ld terminated with signal 11 [Segmentation fault]', 'memory-limit'));
  });
});
