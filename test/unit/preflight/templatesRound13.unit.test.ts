// Per-template tests for round 13 (session 14): the templates the fourteenth, fifteenth and sixteenth blind batches'
// misses pointed to once each had been scored three times (then moved to the tuning side). Each row is built from the format strings named in it, with
// made-up ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // daemon-unreachable: a Node client on a socket nobody listens on (the engine stopped or restarting), Docker's or balena's.
  ['daemon-unreachable', 'Error: connect ECONNREFUSED /var/run/balena-engine.sock', 'Node net "connect ECONNREFUSED %s" on balena-engine\'s socket'],
  ['daemon-unreachable', '(node:1) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED /var/run/docker.sock', 'Node net "connect ECONNREFUSED %s" on Docker\'s socket'],
  // cgroup-not-mounted: the devices message as users retell it, and check-config.sh finding no hierarchy.
  ['cgroup-not-mounted', 'The error is Devices "cgroup" is not mounted', 'moby daemon_unix.go "Devices cgroup isn\'t mounted", retold with quotes'],
  ['cgroup-not-mounted', 'Generally Necessary:\n- cgroup hierarchy: nonexistent??\n    (see https://github.com/tianon/cgroupfs-mount)', 'moby contrib/check-config.sh wrap_bad "cgroup hierarchy" "nonexistent??"'],
  // overlay-on-overlay: the graphdriver's refusal retold without "over".
  ['overlay-on-overlay', 'The details are "overlay2 is not supported overlayfs , storage-driver=overlay"', 'moby overlay2 "\'overlay2\' is not supported over %s", retold'],
  // data-root-corrupt: Docker 1.x's graph listing an image whose layer is gone.
  ['data-root-corrupt', 'Error response from daemon: could not find image: no such id: 7a01cc5f27b11937f3ed7c8a42e049eb96b23520d9989e1759fcac8c9864264d', 'docker 1.x graph "could not find image: %v" around "no such id: %s"'],
  // memory-limit: a container killed (137) on a machine of under 1 GiB.
  ['memory-limit', 'app_1 exited with code 137\nContainers: 6\nCPUs: 1\nTotal Memory: 490 MiB', 'compose "%s exited with code %d" beside docker info "Total Memory: %s"'],
  // data-root-corrupt: a container's snapshot or a layer's blob the stores no longer hold.
  ['data-root-corrupt', 'Error response from daemon: failed to retrieve container list: rw layer snapshot not found for container 6f38831b07a4ce9f', 'moby containerd integration "rw layer snapshot not found for container %s"'],
  [
    'data-root-corrupt',
    'failed to extract layer sha256:abc: failed to get reader from content store: blob sha256:abc expected at /var/lib/containerd/io.containerd.content.v1.content/blobs/sha256/abc: blob not found: not found',
    'containerd content/local "blob %s expected at %s: %w" over ErrNotFound',
  ],
  // daemon-unreachable: the Java, Node and Rust clients' ways of saying no daemon answered.
  ['daemon-unreachable', 'WARN  [org.tes.doc.DockerClientProviderStrategy] DOCKER_HOST unix:///var/run/docker.sock is not listening', 'testcontainers-java "DOCKER_HOST %s is not listening"'],
  ['daemon-unreachable', 'testcontainers [DEBUG] Container runtime strategy "TestcontainersHostStrategy" does not work: "Error: connect ECONNREFUSED 127.0.0.1:64155"', 'testcontainers-node "Container runtime strategy "%s" does not work: "%s"" (a hint)'],
  ['daemon-unreachable', "thread 'tests::db' panicked at src/runners/async_runner.rs:204:29:\nError in the hyper legacy client: client error (Connect)", 'bollard "Error in the hyper legacy client: %s"'],
  [
    'daemon-unreachable',
    'java.lang.RuntimeException: java.net.SocketException: No such file or directory\n\tat com.github.dockerjava.httpclient5.ApacheDockerHttpClientImpl.execute(ApacheDockerHttpClientImpl.java:193)',
    'java.net "SocketException: %s" under docker-java\'s frames',
  ],
  // socket-permission: Testcontainers-java finding the socket and refused it.
  [
    'socket-permission',
    'UnixSocketClientProviderStrategy: failed with exception InvalidConfigurationException (Could not find unix domain socket). Root cause AccessDeniedException (/var/run/docker.sock)',
    'testcontainers-java "Root cause %s (%s)" with AccessDeniedException',
  ],
  // The sixteenth batch's.
  ['var-lib-docker-shared', 'buildkitd: could not lock /var/lib/buildkit/buildkitd.lock, another instance running?', 'buildkitd "could not lock %s, another instance running?"'],
  ['var-lib-docker-shared', 'docker run --privileged -v /var/lib/docker/aufs:/var/lib/docker/aufs -ti jpetazzo/dind', 'a level given the host\'s own graph folders'],
  ['cgroup-not-mounted', 'docker: Error response from daemon: cgroups: memory cgroup not supported on this system: unknown.', 'containerd cgroups v1 ErrMemoryNotSupported'],
  ['memory-limit', '[2023-01-04T13:11:32.954Z] Error: Pod container was OOMKilled.\nexitCode: 137', 'Kubernetes\' OOMKilled reason as a client reports it'],
  ['memory-limit', '"State": {"Status": "exited", "OOMKilled": true, "ExitCode": 137}', 'docker inspect\'s "OOMKilled": true'],
  ['data-root-corrupt', 'kernel: BTRFS warning (device loop2): csum failed root 2302 ino 8727 off 8228864 csum 0x201d386b expected csum 0xf6e17839 mirror 1', 'fs/btrfs "csum failed root %llu ino %llu off %llu …"'],
  ['not-privileged', 'FATA[0000] Shutting down daemon due to errors: error intializing graphdriver: permission denied', 'docker 1.6 "error intializing graphdriver: %v" with EACCES'],
  ['apparmor-denied', 'FATA[0000] Shutting down daemon due to errors: error intializing graphdriver: permission denied', 'the same EACCES read as an LSM\'s'],
];

describeTemplates('round 13 message templates', TEMPLATES);

describeQuiet('round 13 lines that are not these failures', [
  ['app_1 exited with code 137\nCPUs: 4\nTotal Memory: 15.53 GiB', 'a 137 on a machine with memory to spare (a docker stop past its timeout as often)'],
  [
    'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /Users/someone/project/.git.',
    'a folder missing under /Users: missing on the Mac itself, a hint only',
  ],
  ['Error removing intermediate container 554d3531b387: no such id: 554d3531b387637a7d5bbfb0594359cb', 'a container already gone, not an image store that lost a layer'],
  ['docker.errors.DockerException: Error while fetching server API version: Not supported URL scheme http+docker', 'docker-py under requests 2.32: the client\'s bug, not the daemon'],
  ["2017/06/19 07:21:03 exit status 2: iptables v1.6.1: Couldn't load target `DOCKER':No such file or directory", 'another program looking for Docker\'s chain (an IPv6 NAT helper): a hint at most'],
  ['"State": {"Status": "exited", "OOMKilled": false, "ExitCode": 137}', 'docker inspect of a container not OOM-killed'],
  ['time="2022-09-01T01:05:45Z" level=warning msg="instantiating docker sampler" error="Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"', 'an agent that goes on without Docker, at warning level: a hint'],
  [' Server Version: 27.1.1\n Storage Driver: overlay2\n  Backing Filesystem: zfs\n  Supports d_type: true', 'overlay2 on zfs reported by a daemon that checked it at start (Docker 1.5+ refuse it unless their build allows it)'],
  ['java.net.SocketException: Connection refused\n\tat org.postgresql.core.PGStream.<init>(PGStream.java:95)', 'a Java program\'s own refused connection, not docker-java\'s'],
]);

describe('round 13: a folder missing under /Users stays a hint, elsewhere an error where a second host shows', () => {
  it('names dood-volume-path either way, at info under /Users or with no sign of a second host', () => {
    const mac = classify('Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /Users/a/b');
    const linux = classify('Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /srv/daemon-data/b');
    const dood = classify(
      '$ docker run -v /var/run/docker.sock:/var/run/docker.sock -v /srv/daemon-data/b:/b app\nError response from daemon: invalid mount config for type "bind": bind source path does not exist: /srv/daemon-data/b',
    );
    assert.deepEqual(mac.map((f) => `${f.id}:${f.severity}`), ['dood-volume-path:info']);
    assert.deepEqual(linux.map((f) => `${f.id}:${f.severity}`), ['dood-volume-path:info']);
    assert.deepEqual(dood.map((f) => `${f.id}:${f.severity}`), ['dood-volume-path:error']);
  });
});
