// Per-template tests for round 10 (session 11): the templates the eighth blind batch's misses pointed to once it had
// been scored four times (it then moved to the tuning side). Each row is built from the format strings named in it,
// with made-up ids and paths.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // cgroup-not-mounted: runc ≤1.0-rc mounting the container's cgroups without the hierarchy it expects.
  [
    'cgroup-not-mounted',
    'docker: Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "process_linux.go:359: container init caused \\"rootfs_linux.go:54: mounting \\\\\\"cgroup\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay2/0123abcd/merged\\\\\\" at \\\\\\"/sys/fs/cgroup\\\\\\" caused \\\\\\"no subsystem for mount\\\\\\"\\"".',
    'runc ≤1.0-rc libcontainer rootfs_linux.go mounting "cgroup" under systemd 233\'s hybrid layout: "no subsystem for mount"',
  ],
  // daemon-unreachable: a dind wrapper's own start-up wait giving up.
  ['daemon-unreachable', 'Docker failed to start within 120 seconds.', 'Concourse docker-image-resource assets/common.sh "Docker failed to start within ${STARTUP_TIMEOUT} seconds."'],
  // aufs-module-missing: a set-up script loading the module itself.
  ['aufs-module-missing', "[ERROR] 1@56 Failed to load 'aufs' module", 'a Proxmox LXC set-up helper\'s "Failed to load \'%s\' module"'],
  // var-lib-docker-shared: Docker 1.x removing a container whose shm mount another namespace holds.
  [
    'var-lib-docker-shared',
    'Error: Unable to remove filesystem for 0123456789abcdef0123456789abcdef: remove /var/lib/docker/containers/0123456789abcdef0123456789abcdef/shm: device or resource busy',
    'moby ≤17.x daemon/delete.go "Unable to remove filesystem for %v: %v" over os.RemoveAll EBUSY on the container\'s shm',
  ],
];

describeTemplates('round 10 message templates', TEMPLATES);

describeQuiet('round 10 lines that are not these failures', [
  ['Waiting for docker to come up...', 'a dind wrapper still waiting, not yet giving up'],
  ["[INFO] 1@56 Loaded 'aufs' module", 'the set-up helper loading the module as it should'],
  [
    'Error: Unable to remove filesystem for 0123456789abcdef0123456789abcdef: remove /var/lib/docker/containers/0123456789abcdef0123456789abcdef/hostname: no such file or directory',
    'a removal that found a file already gone: nothing holds a mount',
  ],
]);
