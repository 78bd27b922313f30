// Per-template tests for round 28 (session 28): wordings the forty-fifth blind batch's unread half (fresh44, read after
// three looks) pointed to. Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeTemplates, Row, ruleRaises } from './templateRows';

const PODMAN_INFO = (controllers: string[]) =>
  ['host:', '  arch: amd64', '  buildahVersion: 1.33.5', '  cgroupControllers:', ...controllers.map((c) => `  - ${c}`), '  cgroupManager: systemd', '  cgroupVersion: v2'].join('\n');

const TEMPLATES: Row[] = [
  [
    'daemon-unreachable',
    'failed to create sandbox: create runtime: create/start VM: POST VM create failed: status 500: {"message":"create or start VM: starting LinuxKit VM: timed out waiting for dockerd: Get \\"http://%2Fvar%2Frun%2Fdocker.sock/_ping\\": context deadline exceeded"}',
    'Docker Sandboxes "timed out waiting for dockerd" with its /_ping past the deadline',
  ],
  ['daemon-unreachable', 'Get "http://%2Fvar%2Frun%2Fdocker.sock/_ping": context deadline exceeded', 'a client\'s /_ping "context deadline exceeded"'],
  ['apparmor-denied', 'root@homekube:~# microk8s.inspect\ncannot change profile for the next exec call: No such file or directory', 'snap-confine "cannot change profile for the next exec call: %s" with ENOENT'],
  ['cgroup-v2-nesting', PODMAN_INFO(['pids']), '`podman info` on v2 whose cgroupControllers lack memory and cpu (a hint)'],
  ['cgroup-v2-nesting', ['  cgroupControllers:', '  cgroupManager: systemd', '  cgroupVersion: v2'].join('\n'), '`podman info` on v2 with an empty cgroupControllers (a hint)'],
  ['cgroup-v2-nesting', '    "cgroupControllers": ["memory", "pids"],\n    "cgroupManager": "systemd",\n    "cgroupVersion": "v2",', '`podman info --format json` on v2 without cpu (a hint)'],
  ['dood-volume-path', "ERROR: A compose file doesn't exist after writing stack. Ensure the run_directory and file_paths are correct.", 'Komodo Periphery "A compose file doesn\'t exist after writing stack" (a hint)'],
];

describeTemplates('round 28 templates', TEMPLATES);

describe('round 28 context', () => {
  it('reads a podman info with every controller, or on cgroup v1, as no missing delegation', () => {
    assert.ok(!ruleRaises(PODMAN_INFO(['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids']), 'cgroup-v2-nesting'));
    assert.ok(!ruleRaises('  cgroupControllers: []\n  cgroupManager: cgroupfs\n  cgroupVersion: v1', 'cgroup-v2-nesting'));
  });
});
