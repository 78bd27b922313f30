// Per-template tests for round 8 (session 9): severities that depend on what else the text says, and the templates the
// sixth blind batch's misses pointed to once it had been scored (it then moved to the tuning side). Each row is built
// from the format strings named in it; three quote a tuning sample's line as printed, and say which.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // daemon-unreachable stays where no daemon answered, whatever client wraps the error.
  ['daemon-unreachable', 'ERROR - Could not find a valid Docker environment. Please check configuration.\n\tUnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (Could not find unix domain socket)', 'testcontainers-java DockerClientProviderStrategy "Could not find a valid Docker environment" over a missing socket'],
  // not-privileged stays where the same refusal stopped the daemon in a user namespace.
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.\nWARN[0000] Not using native diff for overlay2, this may cause degraded performance for building images: running in a user namespace\nfailed to start daemon: Devices cgroup isn\'t mounted', 'the dind script\'s securityfs message followed by dockerd failing to start (moby cmd/dockerd "failed to start daemon: %v")'],
  // data-root-corrupt: a layer directory left behind, and boltdb's freelist panicking (only its trace kept).
  ['data-root-corrupt', 'failed to register layer: rename /var/lib/docker/image/overlay2/layerdb/tmp/write-set-123 /var/lib/docker/image/overlay2/layerdb/sha256/aa11bb22: directory not empty', 'moby layer/layer_store.go "failed to register layer: %v" over filestore os.Rename(tmp, final) ENOTEMPTY'],
  ['data-root-corrupt', 'Jan 01 00:00:00 host dockerd[42]: github.com/docker/docker/vendor/github.com/boltdb/bolt.(*freelist).free(0xc8200ecb70, 0xb03, 0x7f70840c9000)', 'boltdb freelist.go (*freelist).free _assert "page %d already freed", as its goroutine trace names it (the frame of tuning sample pastebin-d7m22g6e)'],
  ['data-root-corrupt', 'go.etcd.io/bbolt.(*freelist).free(0xc000132a00, 0x1f, 0x7f0000001000)', 'bbolt freelist.go (*freelist).free, the same frame after the rename'],
  // rootless-prerequisites: RootlessKit's child refused by clone(2) with EINVAL, and the setup tool's failed service.
  ['rootless-prerequisites', 'failed to start the child: fork/exec /proc/self/exe: invalid argument', 'RootlessKit pkg/parent errors.Wrap(err, "failed to start the child") over clone(CLONE_NEWUSER) EINVAL, quoted without its prefix'],
  ['rootless-prerequisites', '[ERROR] Failed to start docker.service. Run `journalctl -n 20 --no-pager --user --unit docker.service` to show the error log.', 'moby contrib/dockerd-rootless-setuptool.sh ERROR "Failed to start docker.service. Run `journalctl …` to show the error log."'],
  // disk-space: gitlab-runner-docker-cleanup below its bounds.
  ['disk-space', 'time="2024-01-01T00:00:00Z" level=warning msg="Freeing disk space. The disk space is below the lower bound: 0 B trying to free up to: 20 GB"', 'gitlab-runner-docker-cleanup "Freeing disk space. The disk space is below the lower bound: %v trying to free up to: %v"'],
  // apparmor-denied stays an error for docker-default's mount refusals (a level launched without --privileged).
  ['apparmor-denied', 'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/sys/fs/cgroup/" pid=4242 comm="dockerd" fstype="cgroup2"', 'the kernel\'s AppArmor mount record (security/apparmor/mount.c audit_mount) under docker-default'],
];

describeTemplates('round 8 message templates', TEMPLATES);

describeQuiet('round 8 lines that are not these failures', [
  [
    'ERROR - Could not find a valid Docker environment. Please check configuration. Attempted configurations were:\n\tUnixSocketClientProviderStrategy: failed with exception BadRequestException (Status 400: {"message":"client version 1.32 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version"}',
    'a client wrapper around the daemon refusing an old API version (moby middleware/version.go): the daemon answered',
  ],
  [
    'Error response from daemon: client is newer than server (client API version: 1.24, server API version: 1.22)',
    'Docker ≤1.12 refusing a newer client: the daemon answered',
  ],
  [
    'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.\nWARN[2021-04-30T14:17:38.544203142Z] Not using native diff for overlay2, this may cause degraded performance for building images: running in a user namespace  storage-driver=overlay2',
    'the dind script refused securityfs in a user-namespaced level whose daemon then ran overlay2 (sysbox, unprivileged LXD; lines of tuning sample nestybox-sysbox-277)',
  ],
  [
    'kernel: [48657.051281] type=1400 audit(1412854889.409:135): apparmor="DENIED" operation="signal" profile="docker-default" pid=9733 comm="bash" requested_mask="send" denied_mask="send" signal=term peer="unconfined"',
    "docker-default refusing a container's signal to an unconfined process (security/apparmor/ipc.c audit_signal_cb), as designed (the line of tuning sample gist-dqminh)",
  ],
  [
    'kernel: audit: type=1107 audit(1462298479.194:226): pid=771 uid=106 auid=4294967295 ses=4294967295 msg=\'apparmor="DENIED" operation="dbus_method_call" bus="system" path="/org/freedesktop/DBus" interface="org.freedesktop.DBus" member="Hello" mask="send" name="org.freedesktop.DBus" pid=17568 label="docker-default" peer_label="unconfined"',
    "dbus-daemon's USER_AVC record of a docker-default container's call to the host bus: an application's, never a level's daemon",
  ],
]);
