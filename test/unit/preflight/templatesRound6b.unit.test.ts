// Per-template tests for round 6 (storage, iptables backends, docker-outside-of-docker): wordings the round's
// corpus samples showed no rule for. Each row is built from the format string named in its last column (moby's
// devicemapper, the kernel's overlayfs, iptables' nft backend), not from a corpus sample.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // disk-space: devicemapper refuses a new device when the thin pool's metadata, not only its data, is short.
  ['disk-space', 'Error response from daemon: devmapper: Thin Pool has 812 free metadata blocks which is less than minimum required 4449 free metadata blocks. Create more free metadata space in thin pool or use dm.min_free_space option to change behavior', 'moby devmapper/deviceset.go "Thin Pool has %v free metadata blocks which is less than minimum required %v free metadata blocks. Create more free metadata space in thin pool or use dm.min_free_space option to change behavior"'],
  // overlay-on-overlay: kernels with the fs_context mount API name the filesystem "overlay", not "overlayfs".
  ['overlay-on-overlay', '[ 9121.402117] overlay: filesystem on /var/lib/docker/overlay2/check-overlayfs-support1234/upper not supported as upperdir', 'linux 6.5+ fs/overlayfs/params.c invalfc(fc, "filesystem on %s not supported as upperdir") in dmesg'],
  ['overlay-on-overlay', 'mount: /mnt/merged: fsconfig() failed: overlay: filesystem on /var/lib/docker/upper not supported as upperdir.', 'util-linux mount(8) "fsconfig() failed: %s" over the same invalfc message'],
  // dood-volume-path: no program prints this; reporters do. The mounted socket plus the mount said to be empty,
  // with where it is and an adverb between (daemon.ts EMPTY_MOUNT).
  ['dood-volume-path', 'The agent runs with -v /var/run/docker.sock:/var/run/docker.sock and starts the build container with -v $WORKSPACE:/src. The mount inside the container is unexpectedly empty.', 'reporters\' prose (no upstream string): "the <mount> inside the container is <adverb> empty" with the socket bind'],
  ['dood-volume-path', 'The runner container has -v /var/run/docker.sock:/var/run/docker.sock; inside the action container the workfolder is empty.', 'reporters\' prose (no upstream string): a compound folder noun ("workfolder", "subfolder") said to be empty, with the socket bind'],
  ['dood-volume-path', 'Jenkins runs in a container started with -v /var/run/docker.sock:/var/run/docker.sock, and in the build container it starts the workspace is still empty.', 'reporters\' prose (no upstream string): the CI workspace said to be empty, with the socket mounted'],
  ['dood-volume-path', 'The job talks to the docker:dind service (docker-in-docker), and in the test container the bind-mounted subdirectories are always empty.', 'reporters\' prose (no upstream string): a docker-in-docker service daemon resolving -v paths in its own container, plural nouns'],
  // kernel-module-missing: nf_tables that cannot create the table itself (EOPNOTSUPP), glibc and musl wordings.
  ['kernel-module-missing', 'failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables v1.8.10 (nf_tables): TABLE_ADD failed (Not supported): table nat', 'iptables nft.c mnl_append_error " %s failed (%s)" with musl strerror(EOPNOTSUPP)'],
  ['kernel-module-missing', 'iptables v1.8.9 (nf_tables): TABLE_ADD failed (Operation not supported): table nat', 'iptables nft.c mnl_append_error " %s failed (%s)" with glibc strerror(EOPNOTSUPP)'],
  ['kernel-module-missing', 'iptables-restore v1.8.10 (nf_tables): \nline 2: TABLE_ADD failed (Operation not supported): table nat', 'iptables nft.c mnl_append_error "\\nline %u: %s failed (%s)" (iptables-restore batches)'],
];

describeTemplates('round 6b message templates', TEMPLATES);

describeQuiet('round 6b lines that are not these failures', [
  ['Data Space Available: 40.91 GB', 'devicemapper `docker info` free space, not the thin pool refusal'],
  ['Thin Pool Minimum Free Space: 8.589GB', 'devicemapper `docker info` setting, not a refusal'],
  ['[  12.345678] overlay: upper fs does not support RENAME_WHITEOUT.', 'an overlay capability notice the kernel prints on mounts that then succeed'],
  ['Started by an SCM change\nthe workspace is empty before the first checkout, as expected', 'an empty workspace without any docker socket being shared'],
  ['docker run -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD":/src builder\nthe volume in the container is not empty, the build works', 'a mounted socket and a mount that is not empty'],
  ["ln: failed to create symbolic link '/sys/fs/cgroup/systemd/name=systemd': Operation not permitted", "wrapdocker's cosmetic alias beside a co-mounted hierarchy (coreutils \"failed to create symbolic link %s\")"],
]);
