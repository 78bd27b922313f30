// Docker API clients that clients.ts does not read, telling no daemon answering (ENOENT, ECONNREFUSED, a Windows pipe
// not found) from a socket that refuses the user (EACCES, "Access is denied"): Node and Go on Windows pipes, docker-py,
// urllib3, Netty, JNA, Excon, Docker.DotNet, bollard, testcontainers-go, Terraform's provider, podman-remote, minikube,
// lazydocker, Portainer, VS Code's container tools, Nomad, netdata, the Datadog agent.
import { LineRule } from './types';

const PIPE = String.raw`(?:docker\w*|dockerDesktop\w*Engine|podman\S*)`;
// A wrapper's inner error that is the socket refusing the user, not nobody answering.
const REFUSED_USER = /permission denied|\bEACCES\b|Access is denied/i;

// urllib3's unix pool retrying a request on the Engine API's paths, then the cause it gave up on.
const urllib3OnEngine = (cause: string): RegExp =>
  new RegExp(String.raw`UnixHTTPConnectionPool\([^)]{0,100}\): Max retries exceeded with url: \S{0,100}?\/(?:v1\.\d+\/\S{0,200}|version\b|_ping\b)[^\n]{0,120}?${cause}`, 'i');
// PHP's stream_socket_client() on the engine's socket, with the errno's text it names.
const phpOnEngineSocket = (errors: string): RegExp =>
  new RegExp(String.raw`unable to connect to unix:\/\/\S{0,200}(?:docker|podman)\S{0,100}\.sock \((?:${errors})\)`, 'i');

// check_docker's socket check (read twice below).
const CHECK_DOCKER_SOCKET = /\bCannot access docker socket file\. User ID=\d+/i;
// The Datadog agent 6+ giving up on the engine (read twice below).
const DOCKERUTIL_GAVE_UP = /\bpermanent failure in dockerutil: retry number exceeded\b/i;

// nerdctl's socket sentence up to its error, in each of its forms (pkg/clientutil).
const NERDCTL_SOCKET = String.raw`\bcannot access containerd socket \S+(?: \(hint: [^)\n]{0,300}\)|, but can access default socket \S+)?: `;

export const clientWordingRules: LineRule[] = [
  // GPUStack's worker with no engine to deploy on ("No available deployer. Please provide a container runtime, e.g. bind
  // mount the host `/var/run/docker.sock` on Docker, …"; gpustack-runtime's UnsupportedError "No deployer supports,
  // please provide container runtime" as a worker's traceback shows it): the socket was not bound in. The bare
  // "No deployer supports" of another gpustack-runtime release says less: a hint.
  { id: 'daemon-unreachable', pattern: /\bNo (?:available deployer\.|deployer supports,) Please provide (?:a )?container runtime\b/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /\bUnsupportedError: No deployer supports\s*$/, severity: 'info' },
  // The Azure Functions extension building a Python app's native dependencies ("Docker is required to build native
  // dependencies for python function apps"): no docker it could run. A hint: the CLI may be missing rather than the daemon.
  { id: 'daemon-unreachable', pattern: /\bDocker is required to build native dependencies\b/i, severity: 'info' },
  // IOTstack's menu asking the CLI for the server's version ("Error getting docker version. Error when connecting to docker
  // daemon. Check that docker is running."): no daemon answered.
  { id: 'daemon-unreachable', pattern: /\bError when connecting to docker daemon\b/i, severity: 'warning' },
  // Bedrockifier's backup job refused on the bound socket ("Docker was blocked from accessing docker.sock, make sure
  // UID/GID are set correctly"): the user it runs as may not use the socket.
  { id: 'socket-permission', pattern: /\bblocked from accessing docker\.sock\b/i, severity: 'warning' },
  // AWS CDK's bundling finding its output folder empty ("Bundling did not produce any output. Check that content is
  // written to /asset-output."): with the host's socket in a CI container, the folder it bound is resolved on the host. A
  // hint: a bundling command that wrote elsewhere reads the same.
  {
    id: 'dood-volume-path',
    pattern: /\bBundling did not produce any output\. Check that content is written to \/asset-output/i,
    severity: 'info',
    hint: 'CDK binds its asset folders into the bundling container by path. If CDK runs in a container that uses the host\'s Docker socket (a CI job), the host looks those paths up on its own disk and the output stays empty: set bundlingFileAccess to VOLUME_COPY on the asset, or run the synth where the daemon is. If the command simply wrote elsewhere, write to /asset-output.',
  },
  // nerdctl building with no BuildKit daemon to reach (pkg/buildkitutil: "no buildkit host is available, tried %d
  // candidates: %w"; its log line "`buildctl` needs to be installed and `buildkitd` needs to be running"): buildkitd is
  // not running where nerdctl looked (Rancher Desktop, Lima, a bare containerd host).
  { id: 'daemon-unreachable', pattern: /\bno buildkit host is available, tried \d+ candidates?\b|`buildkitd` needs to be running\b/i, severity: 'warning' },
  // nerdctl's client finding no containerd where its address points (pkg/clientutil: "cannot access containerd socket %q:
  // %w", with "(hint: try running with `--address %s` to connect to Docker-managed containerd)" on a Docker host, or ",
  // but can access default socket %q"): ENOENT is no containerd there (Rancher Desktop pointing at k3s' socket with Kubernetes off, a rootful address
  // for a rootless user), EACCES a socket the user may not open.
  { id: 'daemon-unreachable', pattern: new RegExp(`${NERDCTL_SOCKET}no such file or directory`, 'i'), severity: 'warning' },
  { id: 'socket-permission', pattern: new RegExp(`${NERDCTL_SOCKET}permission denied`, 'i'), severity: 'warning' },
  // docker-compose 1.x's handler for TLS errors on its daemon connection ("ERROR: SSL error: %s", later around urllib3's
  // HTTPSConnectionPool) with OpenSSL's WRONG_VERSION_NUMBER (SSL3_GET_RECORD before 1.1): it spoke TLS to an address
  // that answers plain HTTP (a daemon or socket relay on 2375, or a proxy in the way).
  {
    id: 'daemon-unreachable',
    pattern: /^(?:ERROR: )?SSL error: [^\n]{0,400}?(?:\bWRONG_VERSION_NUMBER\b|SSL3_GET_RECORD:wrong version number)/,
    severity: 'warning',
    hint: 'docker-compose spoke TLS to a daemon address that answers plain HTTP. For a plain port (2375), unset DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (on compose 1.9.0 release candidates, set both empty); if HTTPS_PROXY is set, add the daemon\'s host to NO_PROXY; to keep TLS, point DOCKER_HOST at the daemon\'s TLS port (2376) with its certificates.',
  },
  // What's Up Docker (and its fork drydock) watching the engine's events ("Unable to listen to Docker events [%s]", "Docker
  // event stream connection failure (%s)") through an address that does not resolve or answer: a socket proxy's host
  // name outside the watcher's network, a socket not mounted.
  {
    id: 'daemon-unreachable',
    pattern: /\b(?:Unable to listen to Docker events|Docker event stream connection failure)\b[^\n]{0,20}?[[(](?:getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|connect (?:ECONNREFUSED|ENOENT))\b/i,
    severity: 'warning',
  },
  // Visual Studio's Container Tools finding no engine when it builds ("Visual Studio Container Tools requires Docker to be
  // running before building, debugging or running a containerized project"): Docker Desktop stopped or its engine down.
  { id: 'daemon-unreachable', pattern: /\bContainer Tools requires Docker(?: Desktop)? to be running before building\b/i, severity: 'warning' },
  // A client that took an engine socket's path for a host name (DOCKER_HOST=/var/run/docker.sock without unix://, a tool
  // that builds an HTTP URL from it): glibc's "/var/run/docker.sock: Name or service not known", musl's "Name does not
  // resolve", Go's "lookup /var/run/docker.sock: no such host", Node's "getaddrinfo ENOTFOUND /var/run/docker.sock".
  {
    id: 'daemon-unreachable',
    pattern:
      /(?:^|[\s"'(])\/[^\s"'(:]*?(?:docker|podman|containerd)[\w.-]*\.sock: (?:Name or service not known|nodename nor servname provided|Name does not resolve|Temporary failure in name resolution)|\blookup \/[^\s"'(:]*?(?:docker|podman)[\w.-]*\.sock(?: on \S+)?: no such host|\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) \/[^\s"'(:]*?(?:docker|podman)[\w.-]*\.sock\b/i,
    severity: 'warning',
    hint: 'The client read a socket\'s path as a host name. Give DOCKER_HOST with its scheme (unix:///var/run/docker.sock), or unset it to use the default socket; if it already has the scheme, upgrade the tool.',
  },
  // Zabbix's docker module finding no access to the socket for its agent's user ("Additional permission of Zabbix Agent
  // are not detected - only basic docker metrics are available"): the zabbix user is not in the docker group.
  { id: 'socket-permission', pattern: /\bAdditional permission of Zabbix Agent are not detected\b/i, severity: 'warning' },
  // testcontainers-go's host discovery, every strategy failed: its last, the rootless socket, is the error it panics with
  // (core.MustExtractDockerHost: "rootless Docker not found"), whatever the engine: no daemon the client could reach.
  { id: 'daemon-unreachable', pattern: /\bpanic: rootless Docker not found\b/, severity: 'warning' },
  // Home Assistant's Supervisor drives the host's engine through a bound socket and stops at start without it
  // (bootstrap's check_environment: "Can't find Docker socket!", lowercase "docker" in Hass.io's).
  { id: 'daemon-unreachable', pattern: /\bCan't find Docker socket!/i, severity: 'warning' },
  // Testcontainers-java before 1.7 ("ping failed with configuration %s due to %s"): no daemon where it looked.
  { id: 'daemon-unreachable', pattern: /\bping failed with configuration\b/i, severity: 'warning' },
  // cwltool's own check in its container image: no socket was bound in ("cwltool cannot work inside a container without
  // access to docker").
  { id: 'daemon-unreachable', pattern: /\bcannot work inside a container without access to docker\b/i, severity: 'warning' },
  // A socket proxy's allow-list refusing a call the client needs (docker-socket-protector's "request denied: %s %s"):
  // the client reaches the daemon only through it; a hint, the profile decides.
  { id: 'socket-permission', pattern: /\brequest denied: (?:GET|POST|PUT|DELETE|HEAD) \/v\d+\.\d+\//, severity: 'info' },
  // Later ones log each strategy that failed its ping ("%s: failed with exception %s (%s)"), at debug: a hint, the next
  // strategy may answer.
  { id: 'daemon-unreachable', pattern: /ClientProviderStrategy: failed with exception \w+ \(ping failed\)/, severity: 'info' },
  // fabric8 asking the daemon its version over an address that does not answer ("Cannot extract API version from server
  // %s: %s" with a refused, unrouted or timed-out connection).
  { id: 'daemon-unreachable', pattern: /Cannot extract API version from server \S+:? (?:No route to host|Connection refused|connect timed out|Connect to \S+ failed)/i, severity: 'warning' },
  // The docker CLI's TLS settings naming a CA file that is not there (docker/cli "could not read CA certificate %q: %v",
  // DOCKER_CERT_PATH of a machine or a dind service's client certificates not yet written): no connection is tried.
  { id: 'daemon-unreachable', pattern: /could not read CA certificate "[^"\n]+": open [^\n]*(?:no such file or directory|cannot find the (?:path|file) specified)/i, severity: 'warning' },
  // fabric8's docker-maven-plugin with no address at all ("No url given, no DOCKER_HOST environment variable and no
  // read/writable '%s'"): the build's environment lacks the machine's or the level's DOCKER_HOST.
  // (Then "No <dockerHost> or <machine> given, no DOCKER_HOST environment variable, and no read/writable '%s'".)
  { id: 'daemon-unreachable', pattern: /No (?:url|<dockerHost> or <machine>) given, no DOCKER_HOST environment variable,? and no read\/writable '/i, severity: 'warning' },
  // The CLI's ssh connection helper (commandconn) relaying ssh's refusal of the remote host's key: a docker context or
  // DOCKER_HOST=ssh://… whose host is not in known_hosts or changed its key; no daemon reached.
  { id: 'daemon-unreachable', pattern: /commandconn \(ssh\):\s*Host key verification failed/i, severity: 'warning' },
  // A Windows named pipe nobody serves: Node ("connect ENOENT //./pipe/docker_engine"), go-winio ("open
  // //./pipe/docker_engine: The system cannot find the file specified." and its translations), docker-java's npipe.
  { id: 'daemon-unreachable', pattern: new RegExp(String.raw`\bconnect (?:ENOENT|ECONNREFUSED) (?:\/\/\.\/|\\\\\.\\)pipe[\/\\]${PIPE}`, 'i'), severity: 'warning' },
  {
    id: 'daemon-unreachable',
    pattern: new RegExp(String.raw`\bopen \/\/\.\/pipe\/${PIPE}: (?:The system cannot find the file specified|Le fichier spécifié est introuvable|Das System kann die angegebene Datei nicht finden)`, 'i'),
    severity: 'warning',
  },
  { id: 'daemon-unreachable', pattern: new RegExp(String.raw`\\\\\.\\pipe\\${PIPE} \(The system cannot find the file specified\)`, 'i'), severity: 'warning' },
  // The same pipe refusing the user: docker-py's pywin32 ("(5, 'CreateFile', 'Access is denied.')"), Node's EACCES.
  { id: 'socket-permission', pattern: /Error while fetching server API version: [^\n]{0,300}\(5, '(?:CreateFile|WaitNamedPipe)', 'Access is denied\.'\)/i },
  { id: 'socket-permission', pattern: new RegExp(String.raw`\bconnect (?:EACCES|EPERM) (?:\/\/\.\/|\\\\\.\\)pipe[\/\\]${PIPE}`, 'i'), severity: 'warning' },
  // Tools' own words: Terraform's provider ("Error pinging Docker server, please make sure that %s is reachable"),
  // podman-remote ("Cannot connect to Podman. Please verify your connection"), VS Code's tree ("Failed to connect. Is
  // Docker running?"), bollard ("Docker context not found: %s"), testcontainers-go ("could not determine host through env
  // or docker host", a bare "panic: socket not found").
  {
    id: 'daemon-unreachable',
    pattern: /Error pinging Docker server(?:, please make sure that \S+ is reachable|:)|Cannot connect to Podman\. Please verify your connection|\bFailed to connect\. Is (?:Docker|Podman)(?: Desktop)? running\?|could not determine host through env or docker host|^panic: socket not found\s*$/i,
    severity: (l) => (REFUSED_USER.test(l) ? null : 'warning'),
  },
  // A launcher that boots a VM or container and waits for its own dockerd ("timed out waiting for dockerd", Docker
  // Sandboxes' LinuxKit VM), or a client whose /_ping on the socket ran out of time: nothing answered on the socket.
  {
    id: 'daemon-unreachable',
    pattern: /\btimed out waiting for (?:dockerd|the docker daemon|docker daemon)\b|\/_ping"?: context deadline exceeded/i,
    severity: 'warning',
  },
  // bollard naming a context the client's configuration lacks: the client's set-up, a hint.
  { id: 'daemon-unreachable', pattern: /\bDocker context not found: \S+/, severity: 'info' },
  // minikube's driver reasons: PROVIDER_DOCKER_NEWGRP (the user's group not yet active) and the daemon not answering
  // (…_NOT_RUNNING, …_CANNOT_CONNECT, …_REFUSED, …_PIPE_NOT_FOUND); hints, its probe logs them on the way to another.
  { id: 'socket-permission', pattern: /\bPROVIDER_DOCKER_NEWGRP\b/, severity: 'info' },
  { id: 'daemon-unreachable', pattern: /\bPROVIDER_DOCKER_(?:NOT_RUNNING|CANNOT_CONNECT|REFUSED|PIPE_NOT_FOUND)\b/, severity: 'info' },
  // lazydocker after a "permission denied" ("Can't access docker socket at: %s").
  { id: 'socket-permission', pattern: /Can't access docker socket at: \S+/i, severity: 'warning' },
  // Java and Ruby on a unix socket: Netty ("connect(..) failed: No such file or directory: /var/run/docker.sock"),
  // Excon ("No such file or directory - connect(2) for /var/run/docker.sock").
  {
    id: 'daemon-unreachable',
    pattern: /connect\(\.\.\) failed: (?:No such file or directory|Connection refused): \S{0,200}(?:docker|podman)\S{0,100}\.sock\b|(?:No such file or directory|Connection refused) - connect\(2\) for \S{0,200}(?:docker|podman)\S{0,100}\.sock\b/i,
    severity: 'warning',
  },
  // urllib3 on a unix socket (docker-py's UnixHTTPConnectionPool: "Max retries exceeded with url: /v1.13/containers/json…
  // (Caused by <class 'socket.error'>: [Errno 111] Connection refused)", Python 2's form of the cause) on the Engine API's
  // paths: nobody on the socket (ECONNREFUSED, ENOENT), or its permissions (EACCES).
  { id: 'daemon-unreachable', pattern: urllib3OnEngine(String.raw`\[Errno (?:111|2)\] (?:Connection refused|No such file or directory)`), severity: 'warning' },
  { id: 'socket-permission', pattern: urllib3OnEngine(String.raw`\[Errno 13\] Permission denied`), severity: 'warning' },
  // The same over TCP on the Engine API's ports (2375, 2376, 4243 before 1.0's move), refused (Linux's errno 111, macOS's
  // 61, Windows' 10061): no daemon listening there.
  {
    id: 'daemon-unreachable',
    pattern: /\bHTTPS?ConnectionPool\(host='[^'\n]{1,200}', port=(?:2375|2376|4243)\): Max retries exceeded with url: \/(?:v1\.\d+\/|version\b|_ping\b)[^\n]{0,300}?(?:\[Errno (?:111|61)\]|\[WinError 10061\])/i,
    severity: 'warning',
  },
  // check_docker (a Nagios plugin: "Cannot access docker socket file. User ID=%s, socket file=%s"): no socket at the path,
  // or one its user may not read and write. Hints of both.
  { id: 'socket-permission', pattern: CHECK_DOCKER_SOCKET, severity: 'info' },
  { id: 'daemon-unreachable', pattern: CHECK_DOCKER_SOCKET, severity: 'info' },
  // docker-modem (dockerode, the Dev Containers extension's older client) refusing DOCKER_HOST's form ("DOCKER_HOST env
  // variable should be something like tcp://localhost:1234"): an ssh:// or npipe:// endpoint, or tcp:// without a port.
  {
    id: 'daemon-unreachable',
    pattern: /\bDOCKER_HOST env variable should be something like tcp:\/\/localhost:1234\b/i,
    severity: 'warning',
    hint: 'This client takes DOCKER_HOST only as tcp://host:port or unix:///path. Upgrade the tool (later docker-modem releases dial ssh://), give tcp:// its port, or forward the remote socket (ssh -NL /tmp/docker.sock:/var/run/docker.sock user@host) and set DOCKER_HOST=unix:///tmp/docker.sock.',
  },
  // docker-machine checking a machine's certificates over its engine's port ("There was an error validating certificates
  // for host %q: %s") where the dial itself failed or the TLS handshake timed out: the VM's daemon is not answering
  // (stopped, or a new address).
  {
    id: 'daemon-unreachable',
    pattern: /error validating certificates for host "[^"\n]{1,200}": (?:tls: DialWithDialer timed out|dial tcp \S+: (?:i\/o timeout|(?:getsockopt|connect): (?:connection refused|no route to host|network is unreachable)|connectex: No connection could be made because the target machine actively refused it))/i,
  },
  // PHP's streams (stream_socket_client(): "unable to connect to %s (%s)") on the engine's socket: none there, nobody
  // listening, or its permissions (Unraid's Docker page, PHP clients).
  { id: 'daemon-unreachable', pattern: phpOnEngineSocket('No such file or directory|Connection refused'), severity: 'warning' },
  { id: 'socket-permission', pattern: phpOnEngineSocket('Permission denied'), severity: 'warning' },
  // Hints: urllib3 refused on a unix socket (any HTTP service's could say it), Node, .NET or netcat ("connect to %s port
  // %s (%s) failed", "connect to %s (%s) port …" for a resolved name, macOS's "connectx to …") refused on the Engine API's
  // ports 2375/2376, Portainer's environment unreachable.
  {
    id: 'daemon-unreachable',
    pattern: /\('Connection aborted\.', ConnectionRefusedError\(111, 'Connection refused'\)\)|\bconnect ECONNREFUSED \S+:237[56]\b|HttpRequestException: Connection refused \([^\s()]+:237[56]\)|\bconnectx? to \S+(?: \([^\s)]+\))? port 237[56] \(tcp\) failed: (?:Connection refused|(?:Connection|Operation) timed out)|Unable to initiate communications with environment/i,
    severity: 'info',
  },
  // AWS Copilot's check before it offers to build a Dockerfile ("Docker daemon is not responsive; Copilot won't build
  // from a Dockerfile."): its ping got no answer.
  { id: 'daemon-unreachable', pattern: /\bDocker daemon is not responsive; Copilot won't build\b/i, severity: 'warning' },
  // Strider's docker runner (dockerode) finding no socket ("Failed to initialize docker! … [Error: connect ENOENT]").
  { id: 'daemon-unreachable', pattern: /\bFailed to initialize docker! [^\n]{0,300}?\bconnect ENOENT\b/i, severity: 'warning' },
  // nginx-proxy's start-up check, copied by acme-companion ("you need to share your Docker host socket with a volume at
  // %s"): no socket at the path the container reads (mounted elsewhere, or through --volumes-from at another path).
  { id: 'daemon-unreachable', pattern: /you need to share your Docker host socket with a volume at \S+/i, severity: 'warning' },
  // A request for a unix socket handed to an HTTP proxy: the proxy's error page cannot resolve the percent-encoded socket
  // path as a host (Squid's "Unable to determine IP address from host name <q>%2frun%2f…podman.sock</q>"). The URL alone
  // is no sign: the Docker CLI prints "http://%2Fvar%2Frun%2Fdocker.sock/v1.40/…" in its own errors. Glances' container
  // plugin answered by a proxy's 503 says less: a hint.
  {
    id: 'daemon-unreachable',
    pattern: /Unable to determine IP address from host name[^%\n]{0,20}%2f[^\s"'<>]{0,200}?\.sock\b/i,
    severity: 'warning',
    hint: 'The client sent its request for the Docker socket to the HTTP proxy set in its environment (HTTP_PROXY or HTTPS_PROXY). Add localhost and the socket to NO_PROXY for that program, or unset the proxy for it.',
  },
  { id: 'daemon-unreachable', pattern: /\((?:Docker|Podman)\) plugin - Can't get containers list \(50[23] Server Error/i, severity: 'info' },
  // CrewAI's code-execution check finding no `docker` command on PATH (shutil.which): where the agent runs (often a
  // container of its own) there is no CLI, so no daemon it can reach either.
  {
    id: 'daemon-unreachable',
    pattern: /Docker is not installed\. Please install Docker to use code execution/i,
    severity: 'info',
    hint: 'The agent found no docker command where it runs. Install the Docker CLI there and give it a daemon (mount the level\'s socket or set DOCKER_HOST to it), or turn the agent\'s code execution off.',
  },
  // flyctl building locally ("no docker daemon available"), and Fluent Bit's docker_events input (libc's errno on one
  // line, "could not listen on %s" on the next): ENOENT is no socket where the client looks.
  {
    id: 'daemon-unreachable',
    pattern: /\bfailed to fetch an image or build from source: no docker daemon available\b/i,
    hint: 'flyctl reached neither a local daemon nor Fly\'s remote builder. Start Docker locally (or fix DOCKER_HOST) for --local-only, or build on Fly\'s builder (fly deploy --remote-only; fly doctor and fly wireguard reset if that fails too).',
  },
  { id: 'daemon-unreachable', pattern: /\bin_docker_events\/docker_events\.c:\d+ errno=2\] No such file or directory/i, severity: 'warning' },
  { id: 'socket-permission', pattern: /\bin_docker_events\/docker_events\.c:\d+ errno=13\] Permission denied/i, severity: 'warning' },
  // Nomad placing a job on no client because none offers its task driver (older "Constraint \"missing drivers\" filtered
  // %d nodes", current "Constraint %q: %d nodes excluded by filter"): for a docker task, the clients' fingerprint found
  // no Docker daemon answering. A hint: another driver reads the same.
  { id: 'daemon-unreachable', pattern: /\bConstraint "missing drivers"(?: filtered \d+ nodes?|: \d+ nodes? excluded by filter)\b/i, severity: 'info' },
  // netdata's cgroup-name asking the mounted socket for a container's name and getting none ("cannot find the name of
  // docker container %s", in the script's and the Go resolver's logs alike): its user outside the socket's group
  // (netdata's PGID unset) most often. A hint.
  { id: 'socket-permission', pattern: /\bcannot find the name of docker container '?[0-9a-f]{12}/i, severity: 'info' },
  // The Datadog agent 5's docker check refused the socket (EACCES: "Unable to connect to socket. dd-agent user must be
  // part of the 'docker' group"): the agent's user is outside the socket's group. (Its own words only: docs say the same
  // of other users in prose.)
  { id: 'socket-permission', pattern: /\bdd-agent user must be part of the 'docker' group\b/, severity: 'warning' },
  // Agent 6+ giving up on the engine after its retries ("permanent failure in dockerutil: retry number exceeded"): it
  // could not connect, most often its user outside the socket's group; a hint, no socket at all reads the same.
  { id: 'socket-permission', pattern: DOCKERUTIL_GAVE_UP, severity: 'info' },
  { id: 'daemon-unreachable', pattern: DOCKERUTIL_GAVE_UP, severity: 'info' },
];
