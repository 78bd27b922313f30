// Per-template tests for round 26 (session 26): wordings the read half of the forty-first blind batch pointed to (zfs
// seen by libzfs's tools and by a node's kubelet, containerd ≤1.4's overlay mount refused with EINVAL).
// Each row is built from the format strings named in it, with made-up ids and paths.
import * as assert from 'node:assert/strict';
import { describeTemplates, ids, Row, severityOf } from './templateRows';

const TEMPLATES: Row[] = [
  ['storage-driver-unsupported', 'E0502 02:53:21.587056   10718 fs.go:425] Stat fs failed. Error: exit status 1: "/sbin/zfs zfs get -Hp all tank/containers/c1" => /dev/zfs and /proc/self/mounts are required.', 'libzfs "/dev/zfs and /proc/self/mounts are required." (a hint)'],
  ['storage-driver-unsupported', 'F0709 18:09:33.103630   17625 kubelet.go:1335] Failed to start ContainerManager failed to get rootfs info: cannot find filesystem info for device "tank/lxd/containers/c1"', 'cAdvisor "cannot find filesystem info for device %q" naming a dataset (a hint)'],
  ['storage-driver-unsupported', '{"msg":"Failed to start ContainerManager","err":"failed to get rootfs info: cannot find filesystem info for device \\"tank/srv/docker\\""}', 'the same quoted in a JSON line'],
  ['overlay-on-overlay', 'E0902 15:49:39.052418     459 kuberuntime_sandbox.go:68] CreatePodSandbox for pod "p" failed: rpc error: code = Unknown desc = failed to start sandbox container: failed to create containerd task: failed to mount rootfs component &{overlay overlay [workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/62/work upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/62/fs lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs]}: invalid argument: unknown', 'containerd ≤1.4 shim "failed to mount rootfs component %v" with EINVAL'],
];

describeTemplates('round 26 templates', TEMPLATES);

describe('round 26 context', () => {
  it('names zfs only for a dataset, not for a block device cAdvisor did not find', () => {
    assert.equal(severityOf('failed to get rootfs info: cannot find filesystem info for device "tank/docker"', 'storage-driver-unsupported'), 'info');
    assert.ok(!ids('failed to get rootfs info: cannot find filesystem info for device "/dev/mapper/luks-0a1b"').includes('storage-driver-unsupported'));
  });
  it('names both usual causes of the overlay mount refused with EINVAL', () => {
    const text = 'failed to mount rootfs component &{overlay overlay [workdir=/w upperdir=/u lowerdir=/l]}: invalid argument: unknown';
    assert.ok(ids(text).includes('overlay-on-overlay'));
    assert.ok(ids(text).includes('storage-driver-unsupported'));
  });
});
