// Per-template tests for round 8 (session 9): severities that depend on what else the text says. Each row is built
// from the format strings named in it, not from a corpus sample.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // daemon-unreachable stays where no daemon answered, whatever client wraps the error.
  ['daemon-unreachable', 'ERROR - Could not find a valid Docker environment. Please check configuration.\n\tUnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (Could not find unix domain socket)', 'testcontainers-java DockerClientProviderStrategy "Could not find a valid Docker environment" over a missing socket'],
  // not-privileged stays where the same refusal stopped the daemon in a user namespace.
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.\nWARN[0000] Not using native diff for overlay2, this may cause degraded performance for building images: running in a user namespace\nfailed to start daemon: Devices cgroup isn\'t mounted', 'the dind script\'s securityfs message followed by dockerd failing to start (moby cmd/dockerd "failed to start daemon: %v")'],
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
    'the dind script refused securityfs in a user-namespaced level whose daemon then ran overlay2 (sysbox, unprivileged LXD)',
  ],
]);
