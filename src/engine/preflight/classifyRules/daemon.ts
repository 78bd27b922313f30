// Reaching the daemon, its pid file, and its start-up (the line rules for bind mounts: binds.ts).
import { SOCKET_BIND_REFUSED } from './clients';
import { Severity } from '../../core/finding';
import { beside, hintBelowError, LineContext, LineRule, TextHit, TextRule } from './types';

// Content trust's failures, which the CLI may print inside its connect wrapper although the daemon answered.
const CONTENT_TRUST_FAILED = /\bremote trust data does not exist\b|\bdoes not have trust data for\b|\bNo valid trust data for\b|\berror contacting notary server\b/i;

// `docker buildx ls` lists every builder, and names one whose endpoint fails ("Cannot load builder %s: %v") beside the
// ones that work: a listing's note, not the failure of the command it came from. Not the default builder (or Docker
// Desktop's): that one is the current context's own daemon.
const BUILDER_LISTING = /^Cannot load builder (?!default\b|desktop-linux\b)\S+: /i;
function hintBelowErrorOrListing(line: string, ctx: LineContext): Severity | undefined {
  return BUILDER_LISTING.test(line) ? 'info' : hintBelowError(line, ctx);
}

/** docker-py's unix transport frame ("docker/transport/unixconn.py", line N, in connect"): two socket readings, hints. */
export const UNIXCONN_CONNECT = /docker\/transport\/unixconn\.py", line \d+, in connect\s*$/;

export const daemonRules: LineRule[] = [
  { id: 'stale-pidfile', pattern: /pid file found, ensure docker is not running/i },
  // The RHEL/CentOS 6 init script refusing to start ("$pidfile still exists...").
  { id: 'stale-pidfile', pattern: /\/docker\.pid still exists\b/i },
  // bolt databases (volumes, network, builder) opened with a 1 s lock timeout: a bare "timeout" at
  // start-up is another daemon holding /var/lib/docker ("Error starting daemon: timeout").
  { id: 'var-lib-docker-shared', pattern: /(?:Error starting daemon|failed to start daemon): timeout[`'"]?\s*$/i },
  // libnetwork at start-up removing the default bridge its store still lists endpoints on ("could not delete the default
  // bridge network: network %s has active endpoints"): the store under <data root>/network kept a killed daemon's state.
  { id: 'data-root-corrupt', pattern: /could not delete the default "?bridge"? network: network (?:with name )?\S+(?: id \S+)? has active endpoints/i, severity: 'warning' },
  // gitlab-runner-docker-cleanup, the companion that prunes a runner's daemon ("Freeing disk space. The disk space is
  // below the lower bound: %v trying to free up to: %v", and the same for free inodes): the data root is full.
  { id: 'disk-space', pattern: /The (?:disk space|free file count) is below the lower bound/i, severity: 'warning' },
  // kubelet eviction ("The node was low on resource: %v."): a nested runtime's pod filled the node's disk.
  { id: 'disk-space', pattern: /low on resource: ephemeral-storage/i },
  // The kubelet evicting a pod over its ephemeral-storage limit (eviction_manager "Pod ephemeral local storage usage
  // exceeds the total limit of containers %s."; one container's limit "Container %s exceeded its local ephemeral storage
  // limit %q."; an emptyDir's "Usage of EmptyDir volume %q exceeds the limit %q."): a dind pod's /var/lib/docker counts
  // against it.
  { id: 'disk-space', pattern: /Pod ephemeral local storage usage exceeds the total limit of containers/i },
  // One container's or one volume's: any pod's own, an error where it names an engine (dind, docker, /var/lib/docker);
  // a shared-memory volume (shm, dshm: usually medium Memory) is RAM, not disk: a hint.
  {
    id: 'disk-space',
    pattern: /\bexceeded its local ephemeral storage limit\b|Usage of EmptyDir volume "[^"\n]{1,200}" exceeds the limit\b/i,
    severity: (l) => (/EmptyDir volume "[^"\n]{0,100}shm[^"\n]{0,100}"/i.test(l) ? 'info' : /dind|docker/i.test(l) ? 'error' : 'warning'),
  },
  // The kubelet (a kind/k3d node is a level) reclaiming disk: eviction_manager "must evict pod(s) to reclaim %v".
  { id: 'disk-space', pattern: /must evict pod\(s\) to reclaim (?:ephemeral-storage|nodefs|imagefs)/i, severity: 'warning' },
  // The same kubelet's event ("Attempting to reclaim %s", reason EvictionThresholdMet) and its image garbage collector
  // short of room (image_gc_manager "failed to garbage collect required amount of images. Wanted to free %d bytes, but
  // freed %d bytes", 1.28+ "… Attempted to free %d bytes, but only found %d bytes eligible to free"; FreeDiskSpaceFailed).
  { id: 'disk-space', pattern: /\bAttempting to reclaim (?:ephemeral-storage|nodefs|imagefs)\b/i, severity: 'warning' },
  { id: 'disk-space', pattern: /failed to garbage collect required amount of images/i, severity: 'warning' },
  // moby pkg/pidfile and cmd/dockerd: "pid file found, ensure docker is not running or delete %s"
  // (≤23), "failed to start daemon, ensure docker is not running or delete %s: process with PID %d is
  // still running" (24+). The path is often cut by a pager, so it is not required.
  // journald and pagers cut long lines ("…or delete /var/ru>"): the sentence's start is enough.
  { id: 'stale-pidfile', pattern: /ensure docker is:? not running or delete\b|(?:pid file found|failed to start daemon), ensure docker\b/i },
  { id: 'stale-pidfile', pattern: /process with PID (?:\d+|x+|<\w+>) is still running/i },
  // dockerd's managed containerd: a level restarted with its /var/run kept finds containerd.pid, trusts a
  // pid the new namespace gave to another process ("libcontainerd: containerd is still running", below)
  // and gives up waiting for a containerd that never started (supervisor/remote_daemon.go).
  { id: 'stale-pidfile', pattern: /failed to start containerd: timeout waiting for containerd to start/i, severity: 'warning' },
  // docker/cli before and after 28.x: "…connect to the Docker daemon socket at %s", "…to the docker API at %s".
  // A terminal or CI log often wraps the sentence before "socket at", so the line's end is enough.
  { id: 'socket-permission', pattern: /permission denied while trying to connect to the Docker(?: (?:daemon socket|daemon|API)\b|\s*$)/i },
  // The Windows named pipe (docker/cli: "…open //./pipe/docker_engine: Access is denied. In the default
  // daemon configuration on Windows, the docker client must be run with elevated privileges to connect.").
  { id: 'socket-permission', pattern: /open \/\/\.\/pipe\/docker\w*: Access is denied|the docker client must be run with elevated privileges to connect/i },
  // dockerd cannot give the socket to the docker group (moby daemon/listeners: "could not change
  // group %s to %s: %v"): the socket stays root-only. Only informational: it matters when another
  // container shares the socket as non-root (a runner sidecar), and healthy dind images print it.
  { id: 'socket-permission', pattern: /could not change group \S+\.sock to\s+\w+/i, severity: 'info' },
  // Go ≥1.5 says "dial unix %s: connect: permission denied"; the clients of Docker ≤1.8 printed it without "connect:".
  { id: 'socket-permission', pattern: /dial unix \S*\.sock: (?:(?:connect|socket): )?permission denied/i },
  // The socket's folder or file refused to the user (a stat before dialling: "statfs %s: permission denied"), and a user
  // who tried to open the socket up and may not ("chmod: changing permissions of '%s': Operation not permitted").
  { id: 'socket-permission', pattern: /\b(?:statfs|stat|lstat) \S*(?:docker|podman)\S*\.sock: permission denied/i },
  { id: 'socket-permission', pattern: /chmod: changing permissions of ['‘]?\S*docker\.sock['’]?: Operation not permitted/i, severity: 'warning' },
  // docker-py's traceback cut at its first call to the daemon (APIClient.__init__'s "self._version =
  // self._retrieve_server_version()"): the frame raised, so that call failed. A hint: the exception's line is missing.
  { id: 'daemon-unreachable', pattern: /^\s*self\._version = self\._retrieve_server_version\(\)\s*$/, severity: 'info' },
  // Or cut inside its unix transport's connect (docker/transport/unixconn.py, "in connect"): the socket could not be
  // opened, missing or refused to the user. Both as hints.
  { id: 'daemon-unreachable', pattern: UNIXCONN_CONNECT, severity: 'info' },
  { id: 'socket-permission', pattern: UNIXCONN_CONNECT, severity: 'info' },
  // Other clients of the same socket: docker-py/compose v1 ("Error while fetching server API version:
  // ('Connection aborted.', PermissionError(13, 'Permission denied'))"), Node (dockerode, VS Code):
  // "connect EACCES /var/run/docker.sock".
  { id: 'socket-permission', pattern: /Error while fetching server API version: [^\n]{0,400}(?:PermissionError|Permission denied)/i },
  { id: 'socket-permission', pattern: /connect EACCES \S*docker\S*\.sock/i },
  // PHP's php-http socket client on the socket ("ConnectionException: Permission denied" creating it for 'unix:///…').
  { id: 'socket-permission', pattern: /Socket\\Exception\\ConnectionException: Permission denied[^\n]{0,400}'unix:\/\/\/\S*(?:docker|podman)/i, severity: 'warning' },
  // Testcontainers-java's strategy list naming the socket strategy's root cause (netty's "connect(..) failed: %s").
  { id: 'socket-permission', pattern: /UnixSocketClientProviderStrategy: failed with exception [^\n]*connect\(\.\.\) failed: Permission denied/i },
  // The same urllib3 error without docker-py's prefix (Airflow's DockerOperator, other requests-unixsocket users):
  // ProtocolError("Connection aborted.", err) over connect(2) on a unix socket. EACCES is the socket's mode;
  // ENOENT (no socket at the path) cannot come from a TCP connect, so it is no daemon where the client looks.
  { id: 'socket-permission', pattern: /\('Connection aborted\.', PermissionError\(13, 'Permission denied'\)\)/, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /\('Connection aborted\.', FileNotFoundError\(2, 'No such file or directory'\)\)/, severity: 'warning' },
  // Any other client of the socket: Ruby Excon ("Permission denied - connect(2) for /var/run/docker.sock
  // (Errno::EACCES)"), Java/JNA ("[13] Permission denied"), curl and shells on the path. Both words on one line.
  // Not a runtime binding the socket into a container (clients.ts SOCKET_BIND_REFUSED): nobody connected.
  { id: 'socket-permission', pattern: /\bdocker\.sock\b[^\n]{0,300}?\b(?:permission denied|EACCES)\b|\b(?:permission denied|EACCES)\b[^\n]{0,300}?\/docker\.sock\b/i, severity: (l) => (SOCKET_BIND_REFUSED.test(l) ? null : undefined) },
  // Logged below error by a program that goes on without Docker (a monitoring agent skipping its Docker provider): a hint.
  { id: 'daemon-unreachable', pattern: /cannot connect to the (?:Docker|balena|balena-engine|Podman) daemon/i, severity: hintBelowErrorOrListing },
  // A dind wrapper's own start-up wait giving up (Concourse's docker-image-resource: "Docker failed to start within
  // %s seconds."): the inner daemon never answered; a warning, the cause is whatever its log says before.
  { id: 'daemon-unreachable', pattern: /\bDocker failed to start within \d+ seconds/i, severity: 'warning' },
  // cruizba/ubuntu-dind's startup.sh giving up the same way ("dockerd is not running after max time").
  { id: 'daemon-unreachable', pattern: /\bdockerd is not running after max time\b/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /Couldn't connect to Docker daemon/i },
  // docker-compose 1.x said that for any failed connect on the unix socket (errors.py "Couldn't connect to Docker daemon
  // at %s - is it running?" over requests' ConnectionError), EACCES included: the socket's mode is the other reading.
  // (fig and compose before 1.3 printed the socket's URL as docker-py had it: "http+unix://var/run/docker.sock".)
  { id: 'socket-permission', pattern: /Couldn't connect to Docker daemon at (?:http[+:]docker:\/\/local(?:unixsocket|host)|http\+unix:\/\/\S*docker\.sock) - is it running\?/i, severity: 'info' },
  { id: 'daemon-unreachable', pattern: /Is the (?:docker|balena|balena-engine|podman) daemon running\?/i, severity: hintBelowErrorOrListing },
  // docker/cli 28+ (client/errors.go): "failed to connect to the docker API at %v; check if the path is
  // correct and if the daemon is running: %w", and "… at %v: %w" for a name that does not resolve.
  { id: 'daemon-unreachable', pattern: /failed to connect to the docker API at /i },
  // docker/cli with DOCKER_CERT_PATH where the dind entrypoint's client certificates never appeared ("unable to resolve
  // docker endpoint: %w" over the TLS files' open): the certificates volume is not shared, or the daemon never started.
  { id: 'daemon-unreachable', pattern: /unable to resolve docker endpoint: open \S*\/(?:ca|cert|key)\.pem: no such file or directory/i },
  // The same with a context the store does not have (docker/cli context store: "context %q does not exist"): the client
  // has no address for a daemon at all (DOCKER_CONTEXT or config.json naming a context that was removed or never made).
  { id: 'daemon-unreachable', pattern: /unable to resolve docker endpoint: context "[^"]+"(?: does not exist|: context not found)/i, severity: 'warning' },
  // The same with a DOCKER_HOST that is no address (docker/cli opts.ParseHost over url.Parse: `parse "tcp://…": invalid
  // character " " in host name`): the variable holds something else, often a command's output.
  { id: 'daemon-unreachable', pattern: /unable to resolve docker endpoint: parse "[^"]*": /i, severity: 'warning' },
  // Docker Desktop's API proxy with no engine behind it (an update pending, the VM stopped): 502 "Bad response from
  // Docker engine", as Docker.DotNet ("Docker API responded with status code=BadGateway") and the CLI print it.
  { id: 'daemon-unreachable', pattern: /\bBad response from Docker engine\b/i, severity: 'warning' },
  // `docker info --format` with no server answer: docker/cli before 20.10 executed the template over a nil server Info
  // ("reflect: indirection through nil pointer to embedded struct field Info").
  { id: 'daemon-unreachable', pattern: /nil pointer to embedded struct field Info\b/, severity: 'warning' },
  // TLS and plain HTTP crossed (dind 19.03+ serves TLS on 2376): Go net/http "http: server gave HTTP
  // response to HTTPS client", and the daemon's "Client sent an HTTP request to an HTTPS server."
  // A registry's /v2/ (or its port 5000) answering plain HTTP is an insecure registry, not the daemon; so is any URL in a
  // chain the daemon itself answered ("Error response from daemon: Get …" a URL not the Engine API's: it reached a
  // registry, or its token service). The daemon's own refusal on its TLS port ("Client sent an HTTP request to an HTTPS
  // server.", through the CLI's "Error response from daemon:") names no URL and still counts.
  {
    id: 'daemon-unreachable',
    pattern: /server gave HTTP response to HTTPS client|Client sent an HTTP request to an HTTPS server/i,
    severity: (l) =>
      /https?:\/\/[^\s"]+?(?::5000\b|\/v2\/)/i.test(l) || (/\bError response from daemon\b[^\n]*https?:\/\//i.test(l) && !/https?:\/\/[^\s"/]+?(?::237[56]\b|\/v1\.\d+\/|\/_ping\b)/i.test(l)) ? null : undefined,
  },
  // Go crypto/tls reading plain HTTP as a record ("tls: oversized record received with length %d", "tls: first record
  // does not look like a TLS handshake") on the daemon's ports or its /_ping (a registry's would name neither).
  { id: 'daemon-unreachable', pattern: /(?::237[56]\b|\/_ping\b)[^\n]*tls: (?:oversized record received|first record does not look like a TLS handshake)/i },
  // The kubelet mounting a level's socket into a pod before the dind daemon made it (pkg/volume/hostpath:
  // "hostPath type check failed: %s is not a socket file"); its tail alone where a TUI pane (k9s) wrapped the line.
  { id: 'daemon-unreachable', pattern: /(?:^|\s|: )\/\S*docker\S*\.sock is not a socket file/i },
  // Go before 1.7 said "getsockopt: connection refused"; Windows says "connectex: A connection attempt failed…" (docker-machine
  // and Toolbox polling a VM's daemon: "Daemon not responding yet: dial tcp …:2376: …").
  { id: 'daemon-unreachable', pattern: /dial tcp \S+:237[56]: (?:(?:connect|getsockopt): connection refused|connectex(?: tcp)?: A connection attempt failed)/i },
  // docker-machine after creating a VM whose daemon port it cannot reach (libmachine "This machine has been allocated an IP
  // address, but Docker Machine could not reach it successfully."): a host-only network or route in the way.
  { id: 'daemon-unreachable', pattern: /\bThis machine has been allocated an IP address, but Docker Machine could not reach it successfully\b/i, severity: 'warning' },
  // A client's certificate folder given a daemon address (minikube's docker-env once printed DOCKER_CERT_PATH="tcp://…"):
  // the client cannot load its certificates and never reaches the daemon.
  { id: 'daemon-unreachable', pattern: /\bDOCKER_CERT_PATH=["']?(?:tcp|unix|https?|ssh):\/\//i, severity: 'warning' },
  // The dind TLS port with certificates that do not match (DOCKER_TLS_CERTDIR not shared, a name the
  // server certificate does not carry): Go crypto/x509 errors on :2376.
  { id: 'daemon-unreachable', pattern: /:2376\b[^\n]*\bx509: |x509: certificate is valid for [^\n]*, not docker\b/i },
  // A dind service name that does not resolve (GitLab services, compose): "…docker:2375/…: dial tcp:
  // lookup docker on 10.0.0.2:53: no such host".
  { id: 'daemon-unreachable', pattern: /:237[56]\b[^\n]*dial tcp: lookup \S+|dial tcp: lookup (?:docker|\S*dind\S*)(?: on \S+)?: (?:no such host|server misbehaving|i\/o timeout)/i },
  // Node clients (connect ENOENT, or ECONNREFUSED from a socket nobody listens on: the engine stopped or restarting;
  // balena-engine is Docker's fork), Testcontainers ("Could not find a valid Docker environment").
  { id: 'daemon-unreachable', pattern: /connect (?:ENOENT|ECONNREFUSED) \S*(?:docker|balena-engine)\S*\.sock?\b/i },
  // Testcontainers for Java (its later attempts: "Previous attempts to find a Docker environment failed. Will not
  // retry.") and for Node ("Could not find a working container runtime strategy").
  { id: 'daemon-unreachable', pattern: /Could not find a valid Docker environment|Previous attempts to find a Docker environment failed|Could not find a working container runtime strategy/i },
  // KubeVirt's cluster-up probing both engines ("no working container runtime found. Neither docker nor podman seems to
  // work."): neither answered on its socket.
  {
    id: 'daemon-unreachable',
    pattern: /\bNeither docker nor podman seems to work\b/i,
    severity: 'warning',
    hint: 'The script got no answer from docker ps nor podman ps. Run them yourself: a daemon not running (for Podman, its socket not enabled: systemctl enable --now podman.socket) or no permission on its socket (your user outside the docker group) both end here.',
  },
  // The same search, step by step: Testcontainers for Java's "DOCKER_HOST %s is not listening", and for Node a
  // strategy refused ("Container runtime strategy \"%s\" does not work: \"%s\"": a hint, the next one may work).
  { id: 'daemon-unreachable', pattern: /\bDOCKER_HOST \S+ is not listening\b/, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /Container runtime strategy "\w+" does not work: "Error: connect (?:ECONNREFUSED|ENOENT)\b/, severity: 'info' },
  // The Rust client bollard (Testcontainers for Rust): "Error in the hyper legacy client: %s" over a failed connect.
  { id: 'daemon-unreachable', pattern: /Error in the hyper legacy client: client error \(Connect\)/, severity: 'warning' },
  // Testcontainers for Java finding the socket but refused it ("Root cause AccessDeniedException (%s)").
  { id: 'socket-permission', pattern: /\bAccessDeniedException \(\S*docker\S*\.sock\)/ },
  // docker/cli wraps every transport failure in "error during connect: %w" (a DOCKER_HOST whose name
  // does not resolve, a dind service that never started); docker-py: "Error while fetching server API version".
  // Docker 18.0x's build with content trust wrapped the trust server's answer the same way ("…/build?…: Error: remote
  // trust data does not exist for %s", notary's "%s does not have trust data for %s", "No valid trust data for %s",
  // "error contacting notary server"): the daemon answered, the Notary server did not vouch.
  { id: 'daemon-unreachable', pattern: /\berror during connect:/i, severity: (l) => (CONTENT_TRUST_FAILED.test(l) ? null : undefined) },
  // Clients older than that wrapper (and Go SDK users) print net/http's error bare: `Get "<URL>": dial tcp %s: %v`
  // (Go 1.14+ quotes the URL), the URL an Engine API path (/v1.NN/..., or the unversioned /_ping a client sends first;
  // a registry's /v1/_ping sits below a path and is left out) and the dial timing out or refused.
  { id: 'daemon-unreachable', pattern: /\b(?:Get|Head|Post|Put|Delete) "?https?:\/\/(?:[^\s"]+\/v1\.\d+\/[^\s"]*|[^\s"/]+\/_ping)"?: dial (?:tcp|unix) \S+: (?:i\/o timeout|connect: (?:connection refused|no route to host|network is unreachable|no such file or directory))/i },
  // docker-py < 7.1 under requests 2.32 fails before any connection ("Not supported URL scheme http+docker"): the
  // client's bug, whatever the daemon.
  // Its cause printed on the next line is read there (below).
  { id: 'daemon-unreachable', pattern: /Error while fetching server API version(?!:\s*$)/i, severity: (l) => (DOCKER_PY_OWN_BUG.test(l) || /'Access is denied\.'/.test(l) ? null : 'error') },
  // docker/cli 1.12-1.13 ("An error occurred trying to connect: %v").
  { id: 'daemon-unreachable', pattern: /An error occurred trying to connect:/i, severity: hintBelowError },
  // The Engine API client given a DOCKER_HOST it cannot read (docker/client "unable to parse docker host `%s`": a bare
  // socket path without unix://), and an HTTP/1 client answered by a gRPC server's HTTP/2 frames (Go's "malformed HTTP
  // response \"\x00\x00…\"": containerd's socket mounted where the Docker socket belongs).
  { id: 'daemon-unreachable', pattern: /unable to parse docker host `[^`]*`/i },
  // docker/cli validating --device for the server's OS, which it did not learn because its ping failed ("unknown server
  // OS: %s" with nothing after it): almost always a user refused the socket (docker/cli#6694), else no daemon at all.
  { id: 'socket-permission', pattern: /\bunknown server OS: ?\.?\s*$/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /\bunknown server OS: ?\.?\s*$/i, severity: 'info' },
  { id: 'daemon-unreachable', pattern: /malformed HTTP response "\\x00\\x00/i, severity: 'warning' },
  // CI plugins that start their own dind and give up waiting (drone-plugins/drone-docker: "Unable to reach
  // Docker Daemon after %d attempts."): the daemon's own log, when shown, names why.
  { id: 'daemon-unreachable', pattern: /Unable to reach Docker Daemon after \d+ attempts/i },
  // gitlab-runner's health check of a dind service ("*** WARNING: Service %s probably didn't start properly.").
  // Its docs say jobs may still pass (a TLS port that opens late): a hint only.
  { id: 'daemon-unreachable', pattern: /Service \S*(?:docker|dind)\S* probably didn't start properly/i, severity: 'info' },
  // Docker Desktop's WSL 2 shim in a distro without its integration ("The command 'docker' could not be found in this WSL
  // 2 distro"): that distro has no docker CLI on its PATH, whatever the daemon (another engine's CLI may be missing): a hint.
  { id: 'daemon-unreachable', pattern: /could not be found in this WSL 2 distro/i, severity: 'info' },
  // Docker Desktop's named pipe or socket answered but its engine is down: the proxy returns 5xx and the CLI says
  // "request returned %s for API route and version %s, check if the server supports the requested API version".
  { id: 'daemon-unreachable', pattern: /request returned (?:50[023] )?(?:Internal Server Error|Bad Gateway|Service Unavailable) for API route and version \S*(?:dockerDesktop\w*Engine|docker_engine|docker-desktop|desktop-linux|\.docker%2Frun%2Fdocker\.sock)/i },
  // Docker 1.x client wording.
  { id: 'daemon-unreachable', pattern: /Are you trying to connect to a TLS-enabled daemon without TLS\?/i },
  // Go ≥1.5 puts "connect: " before the errno (an os.SyscallError); clients built with Go ≤1.4 (early Docker CLIs,
  // docker-gen, gitlab-runner 1.x) did not. A managed plugin's socket (/run/docker/plugins/…) is the plugin's, dialled by
  // a daemon that answered.
  { id: 'daemon-unreachable', pattern: /dial unix (?!\S*\/docker\/plugins\/)\S{0,200}?(?:docker|balena|podman)\S{0,200}?\.sock: (?:connect: )?(?:no such file or directory|connection refused)/i, severity: hintBelowError },
  // docker-py on Windows finding no engine pipe ("Windows named pipe error: The system cannot find the file specified.
  // (code: 2)"), and given a socket path without unix:// ("Bind address needs a port: %s"); go-dockerclient built for
  // Windows given a unix endpoint, which it dials as a host name ("dial tcp: lookup unix.sock: no such host").
  { id: 'daemon-unreachable', pattern: /Windows named pipe error: The system cannot find the file specified/i },
  { id: 'daemon-unreachable', pattern: /Bind address needs a port: \/\S+\.sock\b/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /dial tcp: lookup unix\.sock: no such host/i, severity: 'warning' },
  // A gRPC call to containerd that found no one on its socket (grpc-go status "code = Unavailable desc = connection
  // error: desc = \"transport: Error while dialing …\""): the runtime is not running. grpc's own reconnect warnings
  // during a healthy start ("addrConn.createTransport failed to connect … Reconnecting...") carry no status code.
  {
    id: 'daemon-unreachable',
    pattern: /code = Unavailable desc = connection error: desc = \\?"?transport: Error while dialing:? dial unix \S*containerd\S*\.sock: connect: (?:no such file or directory|connection refused)/i,
  },
  // containerd's client giving up on its socket ("failed to dial %q: %w" with the dial's deadline, ctr and programs built
  // on the client such as faasd): nothing answered in time, containerd not started or hung. A hint: a containerd busy
  // or panicking on its metadata reads the same.
  { id: 'daemon-unreachable', pattern: /\bfailed to dial \\?"[^"\s]*containerd\.sock\\?": context deadline exceeded/i, severity: 'info' },
];

// Docker-outside-of-docker: the client's paths are resolved on the daemon's host. Users report the
// symptom, not an error: an empty folder in the sibling container, a file that is not there, or a file
// that became a directory (the daemon creates a missing -v source as one: "…: Is a directory").
// The socket passed in however it is said (-v, compose, "binding the docker socket", "sharing the host's
// docker.sock", "sibling" containers), or CircleCI's remote daemon (setup_remote_docker), which sees no job files.
// A docker-in-docker service daemon (GitLab's docker:dind) is the same split: it resolves -v paths in its own
// container, which shares only some of the job's folders, so an empty mount there has the same cause.
const DOOD = /\bsetup_remote_docker\b|docker\.sock:\/\S*docker\.sock|\bLOCAL_WORKSPACE_FOLDER\b|docker-(?:outside-of|from|in)-docker|\bsocket binding\b|\b(?:mount(?:ed|ing)?|bind(?:ing|-mounted|-mounting)?|bind (?:mount(?:ed|ing)?)|shar(?:e|ed|ing)|pass(?:ed|ing)?|expos(?:e|ed|ing)) (?:in )?(?:the |my |a )?(?:host'?s? )?docker ?(?:socket|\.sock)\b|\bsibling"? containers?\b/i;
// The noun may be a compound ("workfolder", "subfolder") or the CI's workspace, carry where it is ("the mount
// inside the container is …"), and the adjective an adverb ("… is unexpectedly empty", "… are still empty").
const EMPTY_MOUNT =
  /(?:can'?t|cannot|don'?t|do not) see (?:any |the |my )?files|\b(?:\w*folders?|(?:sub)?director(?:y|ies)|dirs?|mounts?|volumes?|workspaces?)(?: (?:inside|in|within) (?:the |my |a )?(?:\w+ )?container)? (?:is|are|was|were|appears?|shows?|looks?|stays?|remains?) (?:\w+ly |still |always |just )?(?:as |up )?empty\b|\bempty (?:folder|directory|mount|volume)\b|\bshows? up empty\b|\bfiles (?:are|were) (?:not there|missing|not (?:visible|showing))|: Is a directory\b|\bIsADirectoryError\b/i;

// A docker run/create (or compose's volumes list) binding a host path, and what users say when it shows nothing.
const BIND_MOUNT_COMMAND = /\bdocker(?:-compose| compose)? (?:container )?(?:run|create)\b[^\n]*\s(?:-v|--volume)[= ]\\?["']?(?:\/|\$|~|\.\/)[^\s:]*:|--mount\s+type=bind\b/i;
const MOUNT_SHOWS_NOTHING = /\b(?:returns?|returned|gives?|shows?) (?:an? )?empty\b|\bnot (?:getting |being )?mounted\b|\bthere is no \S+ (?:file|folder|directory)\b/i;

// libcontainerd (moby supervisor/remote_daemon.go Infof("%s is still running", binaryName), pid from
// containerd.pid), then the daemon cannot reach it: 18.09+ "timeout waiting for containerd to start",
// 18.03-18.06 "Failed to connect to containerd: failed to dial …containerd.sock…: timeout".
const CONTAINERD_PID_TRUSTED = /\blibcontainerd: (?:docker-)?containerd is still running\b/i;
const CONTAINERD_NOT_REACHED = /timeout waiting for containerd to start|failed to (?:dial|connect to containerd)[^\n]*containerd\.sock[^\n]*(?:timeout|context deadline exceeded)/i;

// `ls -l` of a socket that only its owner and group may use, and `id` (or `whoami` and `groups`) of a user who is
// neither: clients of Docker ≤1.12 said only "Cannot connect to the Docker daemon" for that EACCES. The listing may
// leave out the path when the command above it names the socket (`ls -alh /var/run/docker.sock`, some shells' traces).
const SOCKET_MODE = /^s[r-]w[-x][r-]([w-])[-x][r-]([w-])[-x]\S*\s+\d+\s+(\S+)\s+(\S+)\s/;
const SOCKET_PATH = /\/docker\.sock\b/;
const LS_SOCKET = /\bls\b[^\n]*\/docker\.sock\b/;
const ID_LINE = /\buid=(\d+)\(([^)]*)\)\s+gid=\d+\(([^)]*)\)(?:\s+groups=(\S+))?/;
const PROMPTED = (command: string) => new RegExp(`(?:^|[$#>+]\\s*)${command}\\s*$`);

/** The user and the groups the text shows: `id`'s line, or the lines after a `whoami` and a `groups` command. */
function shownUser(lines: readonly string[]): { uid?: string; user: string; groups: Set<string> } | undefined {
  const id = lines.map((l) => ID_LINE.exec(l)).find((m) => m !== null);
  if (id) {
    const [, uid, user, primary, groups = ''] = id;
    // A group without a name is listed by number alone ("groups=1000(vscode),998"), as `ls -l` then shows it.
    const listed = [...groups.matchAll(/(\d+)(?:\(([^)]*)\))?/g)].flatMap((g) => (g[2] ? [g[1], g[2]] : [g[1]]));
    return { uid, user, groups: new Set([primary, ...listed]) };
  }
  const after = (command: string) => {
    const i = lines.findIndex((l) => PROMPTED(command).test(l.trim()));
    return i >= 0 ? lines[i + 1]?.trim() : undefined;
  };
  const user = after('whoami');
  const groups = after('groups');
  if (!user || !groups || !/^[\w.-]+$/.test(user)) return undefined;
  return { user, groups: new Set(groups.replace(/^[\w.-]+\s*:\s*/, '').split(/\s+/)) };
}

function socketDenied(lines: readonly string[]): TextHit[] {
  const i = lines.findIndex((l, n) => SOCKET_MODE.test(l.trim()) && (SOCKET_PATH.test(l) || (n > 0 && LS_SOCKET.test(lines[n - 1]))));
  const shown = i >= 0 ? shownUser(lines) : undefined;
  if (!shown) return [];
  const [, groupWrite, otherWrite, owner, group] = SOCKET_MODE.exec(lines[i].trim())!;
  const allowed = shown.uid === '0' || shown.user === 'root' || otherWrite === 'w' || shown.user === owner || (groupWrite === 'w' && shown.groups.has(group));
  return allowed ? [] : [{ index: i, severity: 'warning' }];
}

// systemctl where systemd is not PID 1 (a container, WSL without systemd): when the text is about Docker, its daemon
// was never started; a test container's own service (Molecule, systemd images) is not a daemon problem.
const DOCKER_JAVA_FRAME = /\bat com\.github\.dockerjava\./;
const JAVA_SOCKET_FAILED = /java\.net\.SocketException: (?:No such file or directory|Connection refused)\b/;
const SMALL_MACHINE = /^\s*Total Memory: \d+(?:\.\d+)? ?MiB\s*$/;
const KILLED_137 = /\bexit(?:ed)? (?:with )?(?:code|status) 137\b|\bExited \(137\)/i;
// docker-py's own bugs under a newer requests (2.32's "Not supported URL scheme http+docker", 2.31's "request() got an
// unexpected keyword argument 'chunked'") or a wrapper's recursion: the client fails before it reaches any daemon.
// (Python's own TypeErrors, "cannot unpack non-iterable %s object", come from a mocked or wrapped transport.)
const DOCKER_PY_OWN_BUG = /Not supported URL scheme http\+docker|maximum recursion depth exceeded|got an unexpected keyword argument|cannot unpack non-iterable \w+ object/i;
const API_VERSION_CUT = /Error while fetching server API version:\s*$/i;

/** Each cut line read with the next non-blank line, its cause: the first whose cause is not the client's own bug. */
function apiVersionCauseBelow(messages: readonly string[]): TextHit[] {
  for (let i = 0; i < messages.length; i++) {
    if (!API_VERSION_CUT.test(messages[i])) continue;
    const cause = messages.slice(i + 1, i + 4).find((m) => m.trim() !== '') ?? '';
    if (!DOCKER_PY_OWN_BUG.test(cause)) return [{ index: i, severity: 'error' }];
  }
  return [];
}

const NO_SYSTEMD = /System has not been booted with systemd as init system \(PID 1\)/i;
const ABOUT_DOCKER = /\b(?:docker|dockerd|containerd)\b/i;

// docker-py's unix transport (docker/transport/unixconn.py: sock.connect(self.unix_socket)) raising EACCES: a Python
// traceback ends with the bare "PermissionError: [Errno 13] Permission denied" under that frame.
const DOCKER_PY_UNIX_CONNECT = /docker\/transport\/unixconn\.py|sock\.connect\(self\.unix_socket\)/;
const PYTHON_EACCES = /^\s*PermissionError: \[Errno 13\] Permission denied\s*$/;
// The same frame's connect finding no socket (ENOENT) or nobody listening on it (ECONNREFUSED): no daemon there.
const PYTHON_NO_LISTENER = /^\s*(?:FileNotFoundError: \[Errno 2\] No such file or directory|ConnectionRefusedError: \[Errno 111\] Connection refused)\s*$/;

// curl asked to talk to the engine's socket ("curl --unix-socket /var/run/docker.sock …") and nobody there ("curl: (7)
// Couldn't connect to server", "Failed to connect to …").
// Bounded gaps: each "curl" would otherwise scan to the end of a long line (quadratic).
const CURL_UNIX_SOCKET = /\bcurl\b[^\n]{0,300}?--unix-socket\s+\S{0,200}?(?:docker|podman|balena)\S{0,200}?\.sock\b/;
// A ping timed out is a daemon that accepted nothing in time ("curl: (28) Operation timed out", or a script's
// `-w '%{http_code}'` printing 000 and curl's exit status 28).
const CURL_NO_CONNECT = /\bcurl: \(7\) (?:Couldn't connect to server|Failed to connect)|\bcurl: \(28\) (?:Operation|Connection) timed out|^\s*000\b[^\n]{0,60}\(exit (?:7|28)\)/i;

export const daemonTextRules: TextRule[] = [
  beside('daemon-unreachable', CURL_NO_CONNECT, CURL_UNIX_SOCKET, 'warning'),
  beside('socket-permission', PYTHON_EACCES, DOCKER_PY_UNIX_CONNECT, 'warning'),
  beside('daemon-unreachable', PYTHON_NO_LISTENER, DOCKER_PY_UNIX_CONNECT, 'warning'),
  {
    id: 'daemon-unreachable',
    scan(lines, messages) {
      const index = messages.findIndex((m) => NO_SYSTEMD.test(m));
      return index >= 0 && lines.some((l) => ABOUT_DOCKER.test(l)) ? [{ index, severity: 'warning' }] : [];
    },
  },
  { id: 'socket-permission', scan: (lines) => socketDenied(lines) },
  // docker-java's socket failing to connect (java.net "SocketException: No such file or directory", "Connection
  // refused") under its own frames: no daemon at that socket.
  beside('daemon-unreachable', JAVA_SOCKET_FAILED, DOCKER_JAVA_FRAME, 'warning'),
  // A container SIGKILLed (exit 137) on a machine of under 1 GiB (`docker info` says "Total Memory: 490 MiB"): the
  // kernel's OOM killer is the likely sender. With more memory a 137 is as often a `docker stop` past its timeout.
  beside('memory-limit', KILLED_137, SMALL_MACHINE, 'warning'),
  { id: 'daemon-unreachable', scan: (_lines, messages) => apiVersionCauseBelow(messages) },
  beside('stale-pidfile', CONTAINERD_PID_TRUSTED, CONTAINERD_NOT_REACHED, 'error', 'messages'),
  {
    id: 'dood-volume-path',
    scan(_lines, messages) {
      if (messages.some((m) => DOOD.test(m))) {
        const index = messages.findIndex((m) => EMPTY_MOUNT.test(m));
        return index >= 0 ? [{ index, severity: 'warning' }] : [];
      }
      // Without a word of a shared socket, a bind mount that shows nothing is only a hint: the daemon may be another
      // machine's (DooD, a CI service, a VM), or the path simply wrong.
      if (!messages.some((m) => BIND_MOUNT_COMMAND.test(m))) return [];
      const index = messages.findIndex((m) => EMPTY_MOUNT.test(m) || MOUNT_SHOWS_NOTHING.test(m));
      return index >= 0 ? [{ index, severity: 'info' }] : [];
    },
  },
];
