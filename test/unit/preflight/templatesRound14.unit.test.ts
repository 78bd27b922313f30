// Per-template tests for round 14 (session 15): templates the tuning split's remaining misses pointed to, each read in
// the source of the program that prints it. Each row is built from the format strings named in it, with made-up ids
// and paths.
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
];

describeTemplates('round 14 message templates', TEMPLATES);

describeQuiet('round 14 lines that are not these failures', [
  [
    'docker: Error response from daemon: OCI runtime create failed: container_linux.go:367: starting container process caused: chdir to cwd ("/input") set in config.json failed: permission denied: unknown.',
    'a working directory the container\'s user may not enter (permission denied, not a covered path)',
  ],
  ['Failed to start docker.service: Interactive authentication required.', 'systemctl run without sudo: the user\'s mistake, not rootless runc'],
  ['request returned 500 Internal Server Error for API route and version https://registry.example.com/v2/, check if the server supports the requested API version', 'a 500 from something other than Docker Desktop\'s engine proxy'],
]);
