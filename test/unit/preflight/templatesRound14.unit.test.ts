// Per-template tests for round 14 (session 15): templates the tuning split's remaining misses pointed to, each read in
// the source of the program that prints it. Each row is built from the format strings named in it, with made-up ids
// and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // rootless-prerequisites: runc's systemd driver asking the system manager for a scope from a user's process.
  [
    'rootless-prerequisites',
    'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply cgroup configuration: unable to start unit "docker-0a1b.scope" (properties [{Name:Description Value:"libcontainer container 0a1b"} {Name:Slice Value:"user.slice"}]): Interactive authentication required.: unknown.',
    'runc systemd "unable to start unit %q (properties %+v): %w" with polkit\'s refusal',
  ],
  [
    'rootless-prerequisites',
    'FATA[0000] failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply cgroup configuration: unable to start unit "nerdctl-0a1b.scope" (properties [{Name:Slice Value:"user.slice"} {Name:Delegate Value:true}]): Permission denied: unknown',
    'runc systemd "unable to start unit %q …" in user.slice with the bus\'s EACCES',
  ],
  ['rootless-prerequisites', 'runc create failed: read unix @->/run/systemd/private: read: connection reset by peer: unknown.', 'systemd\'s private socket refusing a user\'s runc'],
  // storage-driver-unsupported: sysbox's docker-store volume manager.
  [
    'storage-driver-unsupported',
    'docker: Error response from daemon: OCI runtime create failed: failed to setup docker volume manager: host dir for docker store /var/lib/sysbox/docker can\'t be on overlayfs',
    'sysbox-mgr "host dir for docker store (%s) can\'t be on %v"',
  ],
  // dood-volume-path: the working directory a bind covered.
  [
    'dood-volume-path',
    'OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/__w/app/app") set in config.json failed: no such file or directory: unknown',
    'runc "chdir to cwd (%q) set in config.json failed: %w" with ENOENT',
  ],
  [
    'dood-volume-path',
    'docker: Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "chdir to cwd (\\"/var/jenkins_home/workspace/job\\") set in config.json failed: no such file or directory".',
    'runc rc-era "chdir to cwd (\\"%s\\") …", quotes escaped',
  ],
  // daemon-unreachable: Docker Desktop's proxy with its engine down, and a client that checked the socket file.
  [
    'daemon-unreachable',
    'request returned 500 Internal Server Error for API route and version http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.53/version, check if the server supports the requested API version',
    'docker CLI "request returned %s for API route and version %s, …" on Desktop\'s pipe',
  ],
  ['daemon-unreachable', 'Socket not found: /var/run/docker.sock', 'a client\'s "Socket not found: %s"'],
  // iptables-failure: RHEL's iptables-services script without its binary.
  ['iptables-failure', 'iptables: /sbin/iptables does not exist.[WARNING]', 'iptables.init "${IPTABLES}: /sbin/$IPTABLES does not exist."'],
  // apparmor-denied: Go's mount error with the errno as is (EACCES is an LSM's), beside not-privileged.
  [
    'apparmor-denied',
    'Error: mount /var/lib/containers/storage/overlay:/var/lib/containers/storage/overlay, flags: 0x1000: permission denied',
    'moby/sys/mount "mount %s:%s, flags: %#x: %v" with EACCES',
  ],
  [
    'not-privileged',
    'Error: mount /var/lib/containers/storage/overlay:/var/lib/containers/storage/overlay, flags: 0x1000: permission denied',
    'the same line read as a level without privileges',
  ],
  // The seventeenth blind batch's (fresh16, read after its third look).
  ['socket-permission', 'aziot-edged[1817]: container runtime error\naziot-edged[1817]:     0: error trying to connect: Permission denied (os error 13)', 'hyper "error trying to connect: %s" with EACCES'],
  ['cgroup-not-mounted', 'unable to setup worker process factories: The following cgroup subsystems are not mounted: devices, memory', 'Greengrass Lambda launcher "The following cgroup subsystems are not mounted: %s"'],
  // The eighteenth blind batch's (fresh17, read after its first look).
  ['memory-limit', "A step does not have the minimum resources needed to run (1024 MB).\nService 'docker' exceeded memory limit.", 'Bitbucket Pipelines "Service \'docker\' exceeded memory limit."'],
  ['daemon-unreachable', 'Could not connect to a Docker provider. Please start or install a Docker provider.', 'ddev "Could not connect to a Docker provider…"'],
  ['daemon-unreachable', 'Error: unable to instantiate driver: allow-docker-host-access was specified but could not detect a local docker daemon running by checking for /var/run/docker.sock', 'Porter "… could not detect a local docker daemon running by checking for %s"'],
  ['daemon-unreachable', 'WARN --- [ asgi_gw_0] l.s.a.i.docker_runtime_exe : WARNING: Docker not available in the LocalStack container but required to run Lambda functions.', 'LocalStack "Docker not available in the LocalStack container but required …"'],
  ['daemon-unreachable', "INFO: You are missing a mandatory parameter:\nINFO:    1. Mount 'docker.sock' for accessing Docker with unix sockets.", 'Eclipse Che launcher "Mount \'docker.sock\' for accessing Docker with unix sockets."'],
  ['socket-permission', "!!! Running 'docker' succeeded, but 'docker ps' failed.\nThe file /var/run/docker.sock does not have appropriate permissions.", 'Eclipse Che launcher "The file %s does not have appropriate permissions."'],
  ['not-privileged', 'Error during unshare(CLONE_NEWUSER): Operation not permitted', 'containers/storage unshare "Error during unshare(%s): %v"'],
  ['disk-space', '/dev/sdb        369G  355G     0 100% /workspace', 'a df row with nothing available on a workspace mount'],
  ['disk-space', 'Volume group "centos" has insufficient free space (0 extents): 5 required.', 'LVM "Volume group %s has insufficient free space (%u extents): %u required."'],
  ['data-root-corrupt', 'device-mapper: btree spine: node_check failed: csum 1600702373 != wanted 1600827965', 'dm persistent-data "node_check failed: csum %u != wanted %u"'],
  ['data-root-corrupt', 'level=fatal msg="Error starting daemon: error initializing graphdriver: open /var/lib/docker/devicemapper/devicemapper/data: no such file or directory"', 'the devicemapper data file gone from the data root'],
  ['overlay-on-overlay', '2014/10/01 23:01:53 docker daemon: 1.2.0 fa7b24f; execdriver: native; graphdriver: aufs\n2014/10/01 23:01:53 backing file system is unsupported for this graph driver', 'graphdriver ErrIncompatibleFS read as a union root'],
  ['storage-driver-unsupported', 'failed to register layer: unlinkat /usr/share/doc/adduser/examples/adduser.local.conf.examples: invalid argument', 'layer whiteouts refused with EINVAL by the backing filesystem'],
  ['storage-driver-unsupported', "Step 3 : RUN rm -rf /tmp/a\n ---> Running in 7a0b086ad4e9\nrm: can't remove '/tmp/a': Directory not empty", 'busybox "rm: can\'t remove \'%s\': %s" over xfs without d_type'],
  ['cgroup-readonly', 'OCI runtime create failed: container_linux.go:367: starting container process caused: process_linux.go:495: container init caused: rootfs_linux.go:60: mounting "cgroup" to rootfs at "/sys/fs/cgroup" caused: operation not permitted: unknown', 'runc "mounting %q to rootfs at %q caused %q" for the cgroup filesystem'],
  ['var-lib-docker-shared', "overlayfs: upperdir is in-use as upperdir/workdir of another mount, mount with '-o index=off' to override exclusive upperdir protection.", 'overlayfs ovl_report_in_use with the index on: the second mount refused'],
  ['cgroupns-host', 'sudo docker run --privileged --name k3s-server-1 --cgroupns=host -d rancher/k3s:v1.24.10-k3s1 server', 'a level started with --cgroupns=host (a hint)'],
  // The nineteenth blind batch's (fresh18, read after its first look).
  ['daemon-unreachable', "Couldn't find docker - docker is required to run containerized instances.", 'AMP "Couldn\'t find docker - docker is required …"'],
  ['daemon-unreachable', "No <dockerHost> given, no DOCKER_HOST environment variable, no read/writable '/var/run/docker.sock' or '//./pipe/docker_engine' and no external provider like Docker machine configured -> [Help 1]", 'fabric8 docker-maven-plugin "No <dockerHost> given, …"'],
  ['daemon-unreachable', 'called `Result::unwrap()` on an `Err` value: HyperLegacyError { err: Error { kind: Connect, source: Some(Os { code: 2, kind: NotFound, message: "No such file or directory" }) } }', 'bollard\'s HyperLegacyError printed with Debug, ENOENT'],
  ['socket-permission', 'HyperLegacyError { err: Error { kind: Connect, source: Some(Os { code: 13, kind: PermissionDenied, message: "Permission denied" }) } }', 'bollard\'s HyperLegacyError printed with Debug, EACCES'],
  ['daemon-unreachable', '[ERROR] Failed to execute goal com.spotify:docker-maven-plugin:1.0.0:build: Exception caught: org.apache.http.conn.HttpHostConnectException: Connect to localhost:2375 [localhost/127.0.0.1] failed: Connection refused -> [Help 1]', 'HttpClient "Connect to %s [%s] failed: %s" on the daemon\'s port'],
  ['socket-permission', 'statfs /var/run/podman/podman.sock: permission denied', '"statfs %s: permission denied" on the socket'],
  ['socket-permission', "chmod: changing permissions of '/var/run/docker.sock': Operation not permitted", 'coreutils chmod "changing permissions of %s: %s" on the socket'],
  ['socket-permission', '+ ls -alh /var/run/docker.sock\nsrw-rw---- 1 root 990 0\n+ id\nuid=10000(jenkins) gid=10000(jenkins) groups=10000(jenkins)', 'a socket listing without its path under the command that named it, and id'],
  ['socket-permission', '$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root users 0 Sep 28 15:50 /var/run/docker.sock\n$ whoami\njenkins\n$ groups\njenkins', 'a socket listing with whoami and groups instead of id'],
  ['dood-volume-path', '`DOCKER> cannot bind mount volume: X volume paths must be absolute. (Internal Server Error: 500)`', 'Docker ≤1.12 "cannot bind mount volume: %s volume paths must be absolute."'],
  ['dood-volume-path', '[Pipeline] withDockerContainer\nJenkins does not seem to be running inside a container', 'docker-workflow "Jenkins does not seem to be running inside a container" (a hint)'],
  ['disk-space', '  | Not enough inodes free, cutoff is 250000 🚨', 'Buildkite elastic stack "Not enough inodes free, cutoff is %d"'],
  ['data-root-corrupt', 'level=error msg="Failed to load container c424a4dccd49e1437ba37a640ac9b1390f74fee81b639a71f2e91a139177057f: json: cannot unmarshal number into Go value of type container.Container"', 'moby "Failed to load container %v: %v" with a record that is not JSON'],
  // A review's finds: wordings the first versions missed.
  [
    'daemon-unreachable',
    'request returned Internal Server Error for API route and version http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.45/containers/json, check if the server supports the requested API version',
    'docker CLI "request returned %s …" with the status text alone',
  ],
  [
    'data-root-corrupt',
    'level=error msg="failed to load container" container=c424a4dccd49 error="invalid character \'\\x00\' looking for beginning of value"',
    'moby 20.10+ "failed to load container" with fields',
  ],
  [
    'cgroup-readonly',
    'runc create failed: unable to start container process: error during container init: error mounting "cgroup" to rootfs at "/sys/fs/cgroup": mount cgroup:/sys/fs/cgroup/openrc (via /proc/self/fd/6), flags: 0xe, data: openrc: operation not permitted: unknown',
    'runc 1.1+ "error mounting %q to rootfs at %q: %w" for the cgroup filesystem',
  ],
  // The tuning split's last two from the clients' strings.
  [
    'socket-permission',
    'java.lang.RuntimeException: com.spotify.docker.client.exceptions.DockerException: java.util.concurrent.ExecutionException: javax.ws.rs.ProcessingException: java.io.IOException: Permission denied',
    'spotify docker-client over jnr-unixsocket with EACCES',
  ],
  ['daemon-unreachable', 'teststage service image: docker:dind healthcheck failed', 'gitlab-ci-local "service image: %s healthcheck failed"'],
  // daemon-unreachable as a hint: tools saying in their own words that Docker is not there.
  ['daemon-unreachable', 'Error: Docker is not running. Please start Docker and try again.', 'a tool\'s "Docker is not running"'],
  ['daemon-unreachable', 'WARN: docker daemon not available, skipping container checks', 'a tool\'s "docker daemon not available"'],
  ['daemon-unreachable', 'error: unable to connect to Docker. Is it installed and started?', 'a tool\'s "unable to connect to Docker"'],
  ['daemon-unreachable', 'FATAL: could not detect a Docker daemon on this machine', 'a tool\'s "could not detect a Docker daemon"'],
  ['daemon-unreachable', 'docker.sock not found, mount it with -v /var/run/docker.sock:/var/run/docker.sock', 'a tool\'s "docker.sock not found"'],
];

describeTemplates('round 14 message templates', TEMPLATES);

describe('round 14: a tool saying Docker is not there is a hint, never an alarm', () => {
  it('names daemon-unreachable at info', () => {
    assert.deepEqual(
      classify('Error: Docker is not running. Please start Docker and try again.').map((f) => `${f.id}:${f.severity}`),
      ['daemon-unreachable:info'],
    );
  });
  it('says nothing of images, containers or builds that are not running', () => {
    for (const line of [
      'the docker container is not running',
      'docker image not available for arm64',
      'docker compose not found, using docker-compose',
      'docker: Error response from daemon: Container 4f2a is not running',
      'iptables: chain DOCKER-USER not reachable',
    ]) {
      assert.deepEqual(classify(line).map((f) => f.id), [], line);
    }
  });
});

describeQuiet('round 14 lines that are not these failures', [
  [
    'docker: Error response from daemon: OCI runtime create failed: container_linux.go:367: starting container process caused: chdir to cwd ("/input") set in config.json failed: permission denied: unknown.',
    'a working directory the container\'s user may not enter (permission denied, not a covered path)',
  ],
  ['Failed to start docker.service: Interactive authentication required.', 'systemctl run without sudo: the user\'s mistake, not rootless runc'],
  ['request returned 500 Internal Server Error for API route and version https://registry.example.com/v2/, check if the server supports the requested API version', 'a 500 from something other than Docker Desktop\'s engine proxy'],
  [
    '[  447.193907] overlayfs: upperdir is in-use by another mount, accessing files from both mounts will result in undefined behavior.',
    'the kernel\'s warning (index off) that Docker\'s own remounts printed on healthy hosts (moby#34672)',
  ],
  ['/dev/loop3        56M   56M     0 100% /snap/core18/2128', 'a snap, always full'],
  ['sudo docker run --privileged --cgroupns=host -d rancher/k3s:v1.24.10-k3s1 server', 'a level on the host\'s cgroup namespace: a hint, not an alarm'],
  [
    'dockerd[268]: time="2023-12-26T19:24:52.632556037+08:00" level=warning msg="unable to disable IPv6 router advertisement" error="open /proc/sys/net/ipv6/conf/docker0/accept_ra: read-only file system"',
    'the bridge driver\'s warning about router advertisements in an nspawn level, which it goes on past',
  ],
  ['$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 Sep 28 15:50 /var/run/docker.sock\n$ whoami\njenkins\n$ groups\njenkins docker', 'a user in the socket\'s group'],
  ['Jenkins does not seem to be running inside a container', 'docker-workflow on a host: a hint at most'],
  ["rm: cannot remove 'node_modules/.cache': Directory not empty", 'rm racing another cleaner: a hint of d_type at most'],
  ['/dev/loop2        65536 65536     0 100% /var/lib/snapd/snap/core20/1234', 'a snap under /var/lib/snapd, always full'],
  ['/dev/loop0         2.3G  2.3G     0 100% /rofs', 'a live image, always full'],
  ['Error: error sending request for url (https://example.com/): error trying to connect: Permission denied (os error 13)', 'an HTTPS client kept from connecting: a hint of the socket at most'],
  ['uid=1000(vscode) gid=1000(vscode) groups=1000(vscode),998\n$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root 998 0 Dec  4 10:00 /var/run/docker.sock', 'a user in the socket\'s group that has no name'],
]);
