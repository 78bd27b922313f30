// Per-template tests for round 27 (session 27): wordings the forty-third blind batch (read after two looks) and the
// forty-fourth pointed to: containerd's mount error broken over many lines, Home Assistant's Supervisor without its socket.
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeTemplates, ids, Row } from './templateRows';

const MOUNT_STRUCT_WRAPPED = [
  'ERROR: process "/bin/sh -c make" did not complete successfully:',
  'mount source: "overlay", target: "/var/lib/docker/buildkit/containerd-overlayfs/cachemounts/buildkit1",',
  'fstype: overlay, flags: 0,',
  'data: "workdir=/var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.overlayfs/snapshots/8/work,',
  'upperdir=/var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.overlayfs/snapshots/8/fs,',
  'lowerdir=/var/lib/docker/containerd/daemon/io.containerd.snapshotter.v1.overlayfs/snapshots/7/fs,',
  'index=off,redirect_dir=off",',
  'err: invalid argument',
].join('\n');

const TEMPLATES: Row[] = [
  ['overlay-on-overlay', MOUNT_STRUCT_WRAPPED, 'containerd "mount source: %q, target: %q, fstype: %s, flags: %d, data: %q, err: %w" broken over lines, EINVAL'],
  ['daemon-unreachable', "20-03-04 11:40:53 CRITICAL (MainThread) [supervisor.bootstrap] Can't find Docker socket!", 'Supervisor bootstrap "Can\'t find Docker socket!"'],
];

describeTemplates('round 27 templates', TEMPLATES);

describe('round 27 context', () => {
  it("joins a mount error's pieces only up to its error, never across a blank line", () => {
    assert.ok(!ids(MOUNT_STRUCT_WRAPPED.replace('index=off', '\nindex=off')).includes('overlay-on-overlay'));
  });
});
